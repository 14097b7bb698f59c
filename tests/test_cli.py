"""The `jobpledge` console script: two-word commands map onto the management commands."""

from __future__ import annotations

from jobpledge.cli import resolve


def test_cli_resolves_two_word_commands():
    known = {"plan_check", "import_records", "report", "demo_data"}
    assert resolve(["plan", "check", "f.toml"], known) == ["plan_check", "f.toml"]
    assert resolve(["import", "records", "x.csv", "--dry-run"], known) == ["import_records", "x.csv", "--dry-run"]
    assert resolve(["demo-data"], known) == ["demo_data"]
    assert resolve(["report", "--format", "json"], known) == ["report", "--format", "json"]


def test_console_script_maps_demo_data() -> None:
    assert resolve(["demo-data", "--if-empty"], {"demo_data"}) == ["demo_data", "--if-empty"]


def test_jobpledge_cli_maps_the_new_commands() -> None:
    from django.core.management import get_commands

    known = set(get_commands())
    assert resolve(["import", "seekers", "f.csv"], known) == ["import_seekers", "f.csv"]
    assert resolve(["codes", "load", "keco", "f.csv"], known) == ["codes_load", "keco", "f.csv"]


def test_cli_maps_the_uploads_sweep() -> None:
    assert resolve(["uploads", "sweep", "--max-age", "0"], {"uploads_sweep"}) == ["uploads_sweep", "--max-age", "0"]
