"""The summary tallies move from the records app to counting (issue 8): the state only, the tables stay.

SummaryTally and TallyState were created by records migration 0004 (tables records_summarytally and
records_tallystate, with the unique key summary_tally_key) and guarded by the trigger of records migration 0005.
This migration adds the same models to counting's state with those table names; records migration 0006 removes
them from the records state. Neither touches the database.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("records", "0005_tallies_guard_trigger")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="SummaryTally",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("plan_id", models.IntegerField()),
                        ("kind", models.CharField(max_length=20)),
                        ("program_id", models.IntegerField(default=0)),
                        ("period_id", models.IntegerField(default=0)),
                        ("department_id", models.IntegerField(default=0)),
                        ("is_senior_activity", models.BooleanField(default=False)),
                        ("is_demo", models.BooleanField(default=False)),
                        ("value", models.CharField(blank=True, default="", max_length=20)),
                        ("day", models.IntegerField()),
                        ("n", models.BigIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name": "요약 집계",
                        "verbose_name_plural": "요약 집계",
                        "db_table": "records_summarytally",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=(
                                    "plan_id",
                                    "kind",
                                    "program_id",
                                    "period_id",
                                    "department_id",
                                    "is_senior_activity",
                                    "is_demo",
                                    "value",
                                    "day",
                                ),
                                name="summary_tally_key",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="TallyState",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("stale", models.BooleanField(default=True)),
                        ("records", models.BigIntegerField(default=0)),
                        ("rebuilt_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "verbose_name": "요약 집계 상태",
                        "verbose_name_plural": "요약 집계 상태",
                        "db_table": "records_tallystate",
                    },
                ),
            ],
        )
    ]
