"""`jobpledge report --format table`: unknown is shown as unknown, a period not begun has no figures yet."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_report_table_shows_unknown_as_unknown_and_no_rate_before_a_period_starts(
    guro_plan: object, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    """Counts from aggregate entries only: the bases they cannot tell are 미상, not 0; 2022 H1 has not begun."""
    import io
    from pathlib import Path

    from django.core.management import call_command

    path = Path(str(tmp_path)) / "aggregates.csv"
    path.write_text(
        "부서,세부사업,기간,실적,근거\n건축과,민간·관급 공사장 근로자 채용,2019,1242,공사장 채용 보고\n",
        encoding="utf-8",
    )
    call_command("import_aggregates", str(path), stdout=io.StringIO())
    capsys.readouterr()
    call_command("report", "--as-of", "2021-12-31", "--format", "table")
    out = capsys.readouterr().out
    row_2019 = next(line for line in out.splitlines() if line.lstrip("│ ").startswith("2019년"))
    assert row_2019.count("미상 1,242") == 3  # kept ≥ 1 year, without senior activity, unique persons
    row_2022 = next(line for line in out.splitlines() if "2022년" in line and "상반기" in line)
    cells = [cell.strip() for cell in row_2022.split("│")[1:-1]]
    assert cells[3] == "100.0%"  # the plan's share is known
    assert cells[4:] == ["-"] * 7  # actuals and rates of a period not begun are not 0 / 0.0%
