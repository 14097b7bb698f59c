"""The summary tallies' move from records to counting (issue 8) changes no table, no row and no trigger.

A database as main left it before the move (records at 0005, no counting app) is rebuilt here by migrating back
to that state; it holds imported records, their tallies and the guard row. Migrating forward must leave its schema
(tables, columns, constraints, indexes, PostgreSQL triggers) and every row exactly as they were, and the moved
models must read the same rows the old ones did.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jobpledge.counting.models import SummaryTally, TallyState
from jobpledge.counting.selectors import count_actuals
from jobpledge.plans.models import Plan
from jobpledge.records import services

BEFORE_THE_MOVE = [("records", "0005_tallies_guard_trigger"), ("counting", None)]
RECORDS = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일,종료일\n"
ROWS = [
    "R-1,일자리지원과,직접일자리 사업,800101-1234567,1980-01-01,M,2019-03-01,",
    "R-2,일자리지원과,고용서비스,900202-2234567,1990-02-02,F,2020-05-01,2020-09-30",
    "R-3,복지정책과,직접일자리 사업,800101-1234567,1980-01-01,M,2021-01-04,",
]


def _schema() -> dict[str, Any]:
    with connection.cursor() as cursor:
        tables = sorted(
            t for t in connection.introspection.table_names(cursor) if not t.startswith("django_migrations")
        )
        shape = {}
        for table in tables:
            columns = [
                (c.name, c.type_code, c.null_ok) for c in connection.introspection.get_table_description(cursor, table)
            ]
            constraints = {
                name: (tuple(c["columns"] or ()), c["unique"], c["primary_key"], c["index"], c["check"])
                for name, c in connection.introspection.get_constraints(cursor, table).items()
            }
            shape[table] = (columns, constraints)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"
            )
            shape["triggers"] = sorted(cursor.fetchall())
    return shape


def _rows() -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with connection.cursor() as cursor:
        for table in ["records_summarytally", "records_tallystate", "records_jobrecord"]:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608 - fixed names
            out[table] = cursor.fetchall()
    return out


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_migrates_forward_unchanged(guro_plan: Plan) -> None:
    result = services.record_import(
        file=io.BytesIO((RECORDS + "\n".join(ROWS) + "\n").encode()), filename="r.csv", user=None
    )
    assert result.ok, result.errors
    as_of = dt.date(2022, 6, 30)
    counted = count_actuals(plan=guro_plan, as_of=as_of)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE_THE_MOVE)
        old_nodes = [node for node in latest if node[0] not in {"records", "counting"}] + [BEFORE_THE_MOVE[0]]
        old_state = MigrationExecutor(connection).loader.project_state(old_nodes).apps
        old_tally = old_state.get_model("records", "SummaryTally")
        old_guard = old_state.get_model("records", "TallyState")
        assert "counting" not in {model._meta.app_label for model in old_state.get_models()}
        before_schema, before_rows = _schema(), _rows()
        old_cells = sorted(old_tally.objects.values_list("kind", "day", "n"))
        old_guard_row = old_guard.objects.values_list("stale", "records").get()
        assert old_cells and old_guard_row == (False, 3)

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)

    assert _schema() == before_schema
    assert _rows() == before_rows
    assert sorted(SummaryTally.objects.values_list("kind", "day", "n")) == old_cells
    assert TallyState.objects.values_list("stale", "records").get() == old_guard_row
    assert count_actuals(plan=guro_plan, as_of=as_of) == counted
    assert counted.total.actual == 3 and counted.total.unique_persons == 2
