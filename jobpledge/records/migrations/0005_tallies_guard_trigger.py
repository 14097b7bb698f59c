"""PostgreSQL: a statement-level trigger marks the summary tallies stale after any write to the records that the
writer did not declare maintained (records.tallies.tallies_lock sets a transaction-local setting). It catches
what the ORM guard cannot see: raw SQL inserts, updates, deletes, COPY and TRUNCATE. One call per statement.
SQLite has no statement triggers; there the tallies' row count is compared with COUNT(*) instead."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION records_tallies_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('jobpledge.tallies_maintained', true), '') <> 'on' THEN
        UPDATE records_tallystate SET stale = true WHERE id = 1 AND NOT stale;
    END IF;
    RETURN NULL;
END
$$;
"""
TRIGGER = """
CREATE TRIGGER records_jobrecord_tallies_guard
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON records_jobrecord
FOR EACH STATEMENT EXECUTE FUNCTION records_tallies_guard();
"""
DROP = """
DROP TRIGGER IF EXISTS records_jobrecord_tallies_guard ON records_jobrecord;
DROP FUNCTION IF EXISTS records_tallies_guard();
"""


def create_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(TRIGGER)


def drop_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("records", "0004_summary_tallies")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
