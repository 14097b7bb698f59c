"""API shapes of job records and import results. No raw identifier exists; the pseudonym is truncated."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from jobpledge.core.uploads import check_upload
from jobpledge.records.models import JobRecord
from jobpledge.records.tables import short_pseudonym


class JobRecordSerializer(serializers.ModelSerializer[JobRecord]):
    department = serializers.CharField(source="department.name", read_only=True)
    program = serializers.CharField(source="program.name", read_only=True)
    period = serializers.CharField(source="period.code", read_only=True, allow_null=True, default=None)
    pseudonym = serializers.SerializerMethodField(help_text="개인 가명번호 앞 12자리")
    withdrawn = serializers.SerializerMethodField()

    class Meta:
        model = JobRecord
        fields = [
            "id",
            "department",
            "program",
            "record_id",
            "pseudonym",
            "gender",
            "age_at_start",
            "generation",
            "start_date",
            "end_date",
            "period",
            "employment_type",
            "monthly_wage",
            "weekly_hours",
            "employer",
            "is_resident",
            "is_senior_activity",
            "evidence",
            "is_demo",
            "withdrawn",
            "withdrawn_at",
            "withdrawn_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_pseudonym(self, record: JobRecord) -> str:
        return short_pseudonym(record.person_pseudonym)

    def get_withdrawn(self, record: JobRecord) -> bool:
        return record.withdrawn_at is not None


class JobRecordDetailSerializer(JobRecordSerializer):
    class Meta(JobRecordSerializer.Meta):
        fields = [*JobRecordSerializer.Meta.fields, "birth_date", "retention_deadline"]
        read_only_fields = fields


class ImportRequestSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="CSV(UTF-8/CP949) 또는 XLSX")
    dry_run = serializers.BooleanField(default=True, help_text="true(기본): 확인만, false: 적재")
    kind = serializers.ChoiceField(choices=["records", "aggregates"], default="records")
    plan = serializers.CharField(required=False, allow_blank=True, help_text="계획 키 또는 관리번호(생략 시 기본 계획)")
    closed_reason = serializers.CharField(
        required=False, allow_blank=True, max_length=1000, help_text="마감(공표)된 기간의 실적을 바꿀 때 필수인 사유"
    )

    def validate_file(self, value: Any) -> Any:
        from django import forms

        try:
            return check_upload(value)
        except forms.ValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class RowErrorSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField(help_text="스프레드시트의 행 번호(머리글이 1행, 0은 파일 전체)")
    column = serializers.CharField(allow_null=True, allow_blank=True)
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer[Any]):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)  # type: ignore[assignment]  # a declared field, popped by the metaclass
    more_errors = serializers.IntegerField(help_text="목록에 싣지 않은 나머지 오류 수")
    still_withdrawn = serializers.IntegerField(help_text="철회된 실적과 같은 행(적재되지만 철회 상태 유지)")
    new_departments = serializers.ListField(child=serializers.CharField())
    batch_id = serializers.IntegerField(allow_null=True)
    dry_run = serializers.BooleanField()
