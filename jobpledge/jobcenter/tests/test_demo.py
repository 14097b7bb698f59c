from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from jobpledge.jobcenter.models import Employer, JobSeeker, Placement, Vacancy
from jobpledge.records.models import JobRecord

pytestmark = pytest.mark.django_db


def test_demo_data_is_labelled_and_flows_into_records(guro_plan: object, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("jobcenter_demo")
    assert "예시 데이터" in capsys.readouterr().out
    assert JobSeeker.objects.count() == JobSeeker.objects.filter(is_demo=True).count() > 0
    assert not Employer.objects.filter(is_demo=False).exists() and not Vacancy.objects.filter(is_demo=False).exists()
    placements = Placement.objects.all()
    assert placements.exists()
    assert set(JobRecord.objects.filter(placement__in=placements).values_list("is_demo", flat=True)) == {True}
    with pytest.raises(CommandError):
        call_command("jobcenter_demo")
    seekers = JobSeeker.objects.count()
    call_command("jobcenter_demo", "--if-empty")  # what `make run` calls: a second start changes nothing
    assert "이미 있습니다" in capsys.readouterr().out
    assert JobSeeker.objects.count() == seekers
