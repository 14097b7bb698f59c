"""The living-wage table (data/living-wage/*.toml)."""

from __future__ import annotations

from pathlib import Path

from jobpledge.accountability.quality import living_wage_table


def test_living_wage_table_file() -> None:
    assert living_wage_table("서울특별시 구로구") == {2019: 9980, 2020: 10523, 2021: 10702, 2022: 10766}
    assert living_wage_table("어느 구") == {}


def test_living_wage_table_from_another_directory(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text('government = "가 구"\n[rates]\n2020 = 10000\n', encoding="utf-8")
    assert living_wage_table("가 구", tmp_path) == {2020: 10000}
