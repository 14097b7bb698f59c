"""The summary tallies' models leave the records state for counting (counting migration 0001): state only.

Their tables (records_summarytally, records_tallystate) and the PostgreSQL guard trigger of migration 0005 stay
exactly as they are; counting's models name them with db_table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0005_tallies_guard_trigger"),
        ("counting", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="SummaryTally"),
                migrations.DeleteModel(name="TallyState"),
            ],
        )
    ]
