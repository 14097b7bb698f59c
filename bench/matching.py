"""Benchmark: one vacancy's top 10 and one seeker's top 10 (`jobpledge match`) against a bare SQL query applying
the hard rules alone.

    .venv/bin/python bench/matching.py --seekers 100000 --vacancies 20000 --db sqlite
    .venv/bin/python bench/matching.py --seekers 100000 --vacancies 20000 --db postgresql [--pg-database NAME]

A throw-away database (a temporary SQLite file, or the PostgreSQL database `bench_matching`, dropped and re-created;
never the development database) is filled with synthetic registers (bulk_create, no validation: this measures
matching, not importing): seekers with 1–3 KECO codes, wishes, licences and registration windows spread over a year;
vacancies of 500 employers, 70 % open. --queries random open vacancies and random active seekers are matched as of
one date; each is timed against the bare query: the same date/consent/placement rules (and for vacancies the status
and window) as one SELECT fetching every passing row (licences, which need the JSON lists, are left to the
matcher — the bare query does a little less). p50/p95 of wall time; ratio = matcher p50 ÷ bare p50.
Results: docs/benchmarks.md. Prints one JSON line at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
AS_OF = dt.date(2021, 6, 30)
LICENCES = ["지게차운전기능사", "용접기능사", "운전면허 1종", "요양보호사", "조리기능사", "전기기능사"]
DONGS = ["구로1동", "구로2동", "구로3동", "구로4동", "구로5동", "가리봉동", "신도림동", "개봉1동", "고척1동", "오류1동"]


def setup_database(db: str, workdir: Path, pg_database: str) -> None:
    os.environ["JOBPLEDGE_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("JOBPLEDGE_PSEUDONYM_KEY", "bench-pseudonym-key")
    if db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{pg_database}"')
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{pg_database}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from jobpledge.plans.services import plan_load_file

    call_command("migrate", interactive=False, verbosity=0)
    plan_load_file(path=settings.JOBPLEDGE_DEFAULT_PLAN_FILE, user=None)


def fill(seekers: int, vacancies: int, rng: random.Random) -> None:
    from jobpledge.jobcenter.factories import business_number
    from jobpledge.jobcenter.models import Employer, JobSeeker, KecoCode, Vacancy

    middle = list(KecoCode.objects.filter(level=2).values_list("code", flat=True))
    small = [f"{m}{d}" for m in middle for d in "123"]  # synthetic 소분류 under each 중분류
    KecoCode.objects.bulk_create([KecoCode(code=c, name=f"소분류 {c}", level=3) for c in small], ignore_conflicts=True)
    employers = Employer.objects.bulk_create(
        [Employer(business_number=business_number(i), name=f"사업체{i}", dong=rng.choice(DONGS)) for i in range(500)]
    )
    start = AS_OF - dt.timedelta(days=200)
    batch: list[Any] = []
    for i in range(vacancies):
        registered = start + dt.timedelta(days=rng.randrange(300))
        form = rng.choice(["시급", "일급", "월급", "월급", "연봉"])
        amount = {"시급": 9_000, "일급": 80_000, "월급": 2_300_000, "연봉": 30_000_000}[form]
        batch.append(
            Vacancy(
                vacancy_no=f"V{i:06d}",
                employer=rng.choice(employers),
                keco_id=rng.choice(small),
                title="직무",
                openings=rng.randint(1, 5),
                wage_form=form,
                wage_amount=int(amount * rng.uniform(0.9, 1.4)),
                weekly_hours=rng.choice([None, 20, 30, 40, 40, 40]),
                employment_type="상용",
                workplace=rng.choice([*DONGS, "구로구", ""]),
                required_licences=rng.sample(LICENCES, rng.choice([0, 0, 0, 1, 1, 2])),
                registered_on=registered,
                closing_on=registered + dt.timedelta(days=61),
                status="open" if rng.random() < 0.7 else rng.choice(["filled", "closed"]),
            )  # fmt: skip
        )
    Vacancy.objects.bulk_create(batch, batch_size=2000)
    batch = []
    for i in range(seekers):
        registered = start + dt.timedelta(days=rng.randrange(300))
        form = rng.choice(["시급", "월급", "월급", ""])
        wage = None if not form else int({"시급": 9_500, "월급": 2_200_000}[form] * rng.uniform(0.8, 1.3))
        batch.append(
            JobSeeker(
                seeker_no=f"S{i:07d}",
                person_pseudonym=f"{i:064x}",
                name="가나다",
                birth_date=dt.date(1980, 1, 1),
                gender=rng.choice("MF"),
                phone="010-0000-0000",
                residence_dong=rng.choice([*DONGS, ""]),
                desired_codes=rng.sample(small, rng.randint(1, 3)),
                desired_wage_form=form,
                desired_wage=wage,
                desired_weekly_hours=rng.choice([None, 20, 40, 40]),
                licences=rng.sample(LICENCES, rng.choice([0, 1, 1, 2, 3])),
                experience_years=rng.randint(0, 10),
                priority_groups=rng.sample(
                    ["청년", "여성", "고령자", "장애인", "경력단절", "저소득"], rng.choice([0, 0, 1])
                ),
                consent_on=registered,
                registered_on=registered,
                valid_until=registered + dt.timedelta(days=92),
                consent_withdrawn_on=registered + dt.timedelta(days=10) if rng.random() < 0.02 else None,
            )  # fmt: skip
        )
        if len(batch) >= 5000:
            JobSeeker.objects.bulk_create(batch)
            batch = []
    JobSeeker.objects.bulk_create(batch)


def bare_seekers(as_of: dt.date) -> int:
    from django.db import connection

    sql = """
        SELECT s.seeker_no, s.registered_on, s.residence_dong, s.desired_codes, s.desired_wage_form, s.desired_wage,
               s.desired_weekly_hours, s.licences, s.experience_years, s.priority_groups
        FROM jobcenter_jobseeker s
        WHERE s.registered_on <= %s AND s.valid_until >= %s AND s.consent_on <= %s
          AND s.personal_data_erased_at IS NULL
          AND (s.consent_withdrawn_on IS NULL OR s.consent_withdrawn_on > %s)
          AND NOT EXISTS (SELECT 1 FROM jobcenter_placement p JOIN jobcenter_referral r ON r.id = p.referral_id
                          WHERE r.seeker_id = s.id AND p.undone_at IS NULL
                            AND p.start_date >= s.registered_on AND p.start_date <= %s)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [as_of] * 5)
        return len(cursor.fetchall())


def bare_vacancies(as_of: dt.date) -> int:
    from django.db import connection

    sql = """
        SELECT v.vacancy_no, v.closing_on, v.keco_id, v.wage_form, v.wage_amount, v.weekly_hours, v.workplace,
               v.required_licences, v.experience_years
        FROM jobcenter_vacancy v WHERE v.status = 'open' AND v.registered_on <= %s AND v.closing_on >= %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [as_of, as_of])
        return len(cursor.fetchall())


def timed(fn: Any) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-database", default="bench_matching")
    args = parser.parse_args()
    rng = random.Random(20210630)
    with tempfile.TemporaryDirectory(prefix="bench-matching-") as tmp:
        setup_database(args.db, Path(tmp), args.pg_database)
        from jobpledge.jobcenter.matching import active_seekers, match_seeker, match_vacancy, open_vacancies

        began = time.perf_counter()
        fill(args.seekers, args.vacancies, rng)
        fill_s = time.perf_counter() - began
        open_nos = list(open_vacancies(AS_OF).values_list("vacancy_no", flat=True))
        active_nos = list(active_seekers(AS_OF).values_list("seeker_no", flat=True))
        vacancy_sample = rng.sample(open_nos, min(args.queries, len(open_nos)))
        seeker_sample = rng.sample(active_nos, min(args.queries, len(active_nos)))
        match_vacancy(vacancy_no=vacancy_sample[0], as_of=AS_OF)  # warm-up (connections, caches)
        bare_seekers(AS_OF)
        runs: dict[str, list[float]] = {
            "match_vacancy": [],
            "bare_seekers": [],
            "match_seeker": [],
            "bare_vacancies": [],
        }
        for no in vacancy_sample:
            runs["match_vacancy"].append(timed(lambda no=no: match_vacancy(vacancy_no=no, as_of=AS_OF, top=10)))
            runs["bare_seekers"].append(timed(lambda: bare_seekers(AS_OF)))
        for no in seeker_sample:
            runs["match_seeker"].append(timed(lambda no=no: match_seeker(seeker_no=no, as_of=AS_OF, top=10)))
            runs["bare_vacancies"].append(timed(lambda: bare_vacancies(AS_OF)))
        result: dict[str, Any] = {
            "db": args.db,
            "seekers": args.seekers,
            "vacancies": args.vacancies,
            "active_seekers": len(active_nos),
            "open_vacancies": len(open_nos),
            "queries": len(vacancy_sample),
            "fill_s": round(fill_s, 1),
            "python": platform.python_version(),
            "machine": f"{platform.machine()} {os.cpu_count()} cpu",
            **{name: percentiles(values) for name, values in runs.items()},
        }
        for kind, bare in (("match_vacancy", "bare_seekers"), ("match_seeker", "bare_vacancies")):
            result[f"{kind}_ratio_p50"] = round(result[kind]["p50_ms"] / max(result[bare]["p50_ms"], 0.001), 1)
        if args.db == "postgresql":
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_database}" WITH (FORCE)')
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
