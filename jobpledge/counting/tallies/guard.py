"""The guard: the state row's lock, the maintained-writes declaration, and when the tallies must be rebuilt."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connections

from jobpledge.counting.models import TallyState
from jobpledge.counting.tallies.keys import (
    MAINTAINED_SETTING,
    STATE_PK,
)
from jobpledge.records.models import JobRecord

logger = logging.getLogger(__name__)


def tallies_lock(*, using: str = "default") -> bool:
    """Lock the state row until the transaction ends; True when the tallies are current (to be maintained).

    Writers take this lock before they lock or write any record, so that two writers (or a writer and a rebuild)
    always queue in the same order and never compute one person's change from the same view. On PostgreSQL it
    also tells the guard trigger that the record writes that follow are maintained (until `maintenance_done`).
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        _maintenance_flag(connection, on=True)
    stale = (
        TallyState.objects.using(using).select_for_update().filter(pk=STATE_PK).values_list("stale", flat=True).first()
    )
    return stale is False


def maintenance_done(*, using: str = "default") -> None:
    """Record writes from here on are no longer maintained (PostgreSQL's guard trigger watches again)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        _maintenance_flag(connection, on=False)


def _maintenance_flag(connection: Any, *, on: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [MAINTAINED_SETTING, "on" if on else "off"])


def tallies_bypassed(*, using: str = "default") -> None:
    """A write changed records without maintaining the tallies: the next summary read rebuilds them.

    Reached through records.writes.bulk_written, which passes over writes declared `maintained_writes()`.
    """
    logger.info("records written without tally maintenance: tallies marked stale")
    TallyState.objects.using(using).filter(pk=STATE_PK).update(stale=True)


def needs_rebuild(using: str) -> bool:
    """Stale or missing; on SQLite also a different number of records than the tallies saw (a raw INSERT or
    DELETE: SQLite has no statement triggers). One statement, so one snapshot."""
    connection = connections[using]
    quote = connection.ops.quote_name
    state, records = quote(TallyState._meta.db_table), quote(JobRecord._meta.db_table)
    counted = f"(SELECT COUNT(*) FROM {records})" if connection.vendor != "postgresql" else quote("records")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('stale')}, {quote('records')}, {counted} FROM {state} WHERE {quote('id')} = %s",  # noqa: S608
            [STATE_PK],
        )
        row = cursor.fetchone()
    if row is None or row[0]:
        return True
    if row[1] != row[2]:
        logger.warning("tallies saw %s records, the table holds %s: rebuilding", row[1], row[2])
        return True
    return False
