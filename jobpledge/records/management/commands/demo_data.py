"""`jobpledge demo-data`: a deterministic, clearly labelled synthetic data set (예시 데이터).

Every record, aggregate entry and batch it writes has is_demo=True, so the dashboard and the report can say so.
Identifiers are synthetic ("DEMO" + a number) and pass through the same keyed pseudonymisation as real ones;
nothing resembling a 주민등록번호 is ever generated.

The generator (`synthetic_records`) is shared with bench/import_and_report.py.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.plans.models import Period, Plan, Program
from jobpledge.records import writes
from jobpledge.records.derive import PeriodBounds, derive
from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord
from jobpledge.records.writes import TRACKED_FIELDS, Tracker, maintained_writes

DEFAULT_RECORDS = 30_000
DEFAULT_SEED = 20180701
MSG_NO_PLAN = "기본 공약 계획이 없습니다. 먼저 `jobpledge init`을 실행하세요."
MSG_DEMO_EXISTS = "예시 데이터가 이미 적재되어 있습니다 (다시 만들려면 --replace)."
MSG_RECORDS_EXIST = "실적이 이미 있어 예시 데이터를 적재하지 않았습니다 (--if-empty)."
BANNER = "※ 예시 데이터(demo)입니다: 실제 실적이 아닌 합성 자료이며, 화면과 보고서에 '예시 데이터'로 표시됩니다."

# Which departments run which program, with weights; 어르신복지과's direct jobs are senior activity jobs.
PROGRAM_DEPARTMENTS: dict[str, list[tuple[str, int]]] = {
    "직접일자리 사업": [("일자리지원과", 4), ("복지정책과", 2), ("어르신복지과", 5), ("여성가족과", 1)],
    "직업능력개발훈련": [("일자리지원과", 2), ("여성가족과", 1)],
    "고용서비스": [("일자리지원과", 1)],
    "고용장려금": [("일자리지원과", 2), ("지역경제과", 1)],
    "창업지원": [("사회적경제과", 2), ("지역경제과", 1)],
    "중소기업 역량강화": [("지역경제과", 1)],
    "민간·관급 공사장 근로자 채용": [("건축과", 1)],
    "민간위탁사업": [("복지정책과", 1), ("여성가족과", 1)],
}
# Share of a program's demo volume reported as aggregate counts rather than person-level records.
AGGREGATE_SHARE: dict[str, float] = {"민간·관급 공사장 근로자 채용": 0.6, "중소기업 역량강화": 0.5}
AGGREGATE_DEPARTMENT: dict[str, str] = {"민간·관급 공사장 근로자 채용": "건축과", "중소기업 역량강화": "지역경제과"}
OUTSIDE_TERM_SHARE = 0.01  # a few records before the term and after it, as real files have
EMPLOYERS = [
    "구로구청",
    "G밸리 주식회사",
    "구로복지관",
    "신도림 협동조합",
    "가리봉 사회적기업",
    "개봉 건설",
    "오류 물산",
]


@dataclass(frozen=True)
class SyntheticRecord:
    """One generated row, in the vocabulary of the import template (raw identifier, not yet pseudonymised)."""

    record_id: str
    department: str
    program: str
    person_id: str
    birth_date: dt.date
    gender: str
    start_date: dt.date
    end_date: dt.date | None
    employment_type: str
    monthly_wage: int
    weekly_hours: int
    employer: str
    resident: bool | None
    senior_activity: bool


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([name for name, _w in choices], weights=[w for _n, w in choices])[0]


def synthetic_records(
    *,
    periods: list[PeriodBounds],
    period_targets: dict[str, int],
    program_targets: dict[str, int],
    n: int,
    seed: int,
    prefix: str = "DEMO",
) -> Iterator[SyntheticRecord]:
    """n deterministic records, spread over periods and programs in proportion to their targets.

    Ages, genders, residence, employment and end dates vary by program in plausible ways: senior activity jobs
    (65+, about nine months), youth subsidies (19-34), direct jobs mostly under a year, placements often open.
    """
    rng = random.Random(seed)  # noqa: S311 - deterministic synthetic data, not security
    record_weights = {
        name: target * (1 - AGGREGATE_SHARE.get(name, 0.0)) for name, target in program_targets.items() if target
    }
    program_names = list(record_weights)
    program_w = [record_weights[name] for name in program_names]
    period_w = [float(period_targets.get(p.code) or 1) for p in periods]
    term_start, term_end = periods[0].start, periods[-1].end
    person_pool = max(1, int(n * 0.92))  # about 8 % of records are a returning person
    sequence: dict[str, int] = {}
    for _ in range(n):
        program = rng.choices(program_names, weights=program_w)[0]
        department = _weighted(rng, PROGRAM_DEPARTMENTS.get(program, [("일자리지원과", 1)]))
        if rng.random() < OUTSIDE_TERM_SHARE:
            if rng.random() < 0.5:
                start = term_start - dt.timedelta(days=rng.randint(1, 180))
            else:
                start = term_end + dt.timedelta(days=rng.randint(1, 180))
        else:
            period = rng.choices(periods, weights=period_w)[0]
            start = period.start + dt.timedelta(days=rng.randint(0, (period.end - period.start).days))
        senior = program == "직접일자리 사업" and department == "어르신복지과"
        if senior:
            age, months, open_share, wage, hours = rng.randint(65, 84), rng.choice([7, 9, 9, 10, 11]), 0.0, 270_000, 8
        elif program == "직접일자리 사업":
            age, months, open_share = rng.randint(20, 70), rng.randint(3, 13), 0.05
            wage, hours = rng.choice([1_800_000, 2_100_000, 2_300_000]), rng.choice([25, 30, 40])
        elif program == "고용장려금":
            age, months, open_share, wage, hours = rng.randint(19, 34), rng.randint(12, 36), 0.5, 2_500_000, 40
        elif program == "직업능력개발훈련":
            age, months, open_share, wage, hours = rng.randint(17, 60), rng.randint(2, 24), 0.4, 2_300_000, 40
        else:
            age, months, open_share = rng.randint(18, 66), rng.randint(1, 40), 0.45
            wage, hours = rng.randrange(2_000_000, 4_500_000, 10_000), rng.choice([35, 40, 40, 40])
        birth = start - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        end = None if rng.random() < open_share else _add_months(start, months) - dt.timedelta(days=rng.randint(0, 3))
        end = max(end, start) if end else None
        sequence[department] = sequence.get(department, 0) + 1
        resident_draw = rng.random()
        yield SyntheticRecord(
            record_id=f"{prefix}-{sequence[department]:07d}",
            department=department,
            program=program,
            person_id=f"{prefix}{rng.randrange(person_pool):08d}",
            birth_date=birth,
            gender=rng.choice("MF"),
            start_date=start,
            end_date=end,
            employment_type="임시" if senior else rng.choice(["상용", "상용", "임시", "일용"]),
            monthly_wage=wage,
            weekly_hours=hours,
            employer=rng.choice(EMPLOYERS),
            resident=True if resident_draw < 0.72 else (False if resident_draw < 0.95 else None),
            senior_activity=senior,
        )


def synthetic_aggregates(
    *, periods: list[PeriodBounds], period_targets: dict[str, int], program_targets: dict[str, int], n: int, seed: int
) -> list[tuple[str, str, str, int]]:
    """(department, program, period code, count) for the programs reported as counts, scaled like the records."""
    rng = random.Random(seed + 1)  # noqa: S311 - deterministic synthetic data
    total_target = sum(t for t in program_targets.values() if t)
    span = sum(period_targets.get(p.code) or 1 for p in periods)
    rows = []
    for program, share in AGGREGATE_SHARE.items():
        volume = n * program_targets.get(program, 0) / total_target * share
        for period in periods:
            expected = volume * (period_targets.get(period.code) or 1) / span
            rows.append(
                (AGGREGATE_DEPARTMENT[program], program, period.code, max(0, round(expected * rng.uniform(0.8, 1.2))))
            )
    return rows


@dataclass(frozen=True)
class PlanShape:
    periods: list[PeriodBounds]
    period_targets: dict[str, int]
    program_targets: dict[str, int]


def plan_shape(plan: Plan) -> PlanShape:
    rows = list(Period.objects.filter(plan=plan).order_by("order"))
    return PlanShape(
        periods=[PeriodBounds(p.id, p.code, p.start, p.end) for p in rows],
        period_targets={p.code: p.target for p in rows},
        program_targets={p.name: p.job_target or 0 for p in Program.objects.filter(plan=plan)},
    )


def _insert(buffer: list[JobRecord], tallies: Tracker) -> int:
    """Insert a chunk of demo records, accounting them in the summary tallies first (they have no id yet)."""
    if tallies.begin():
        tallies.change([(None, None, {name: getattr(r, name) for name in TRACKED_FIELDS}) for r in buffer])
    tallies.rows += len(buffer)
    with maintained_writes():
        JobRecord.objects.bulk_create(buffer)
    written = len(buffer)
    buffer.clear()
    return written


@transaction.atomic
def demo_data_load(
    *, plan: Plan, n: int = DEFAULT_RECORDS, seed: int = DEFAULT_SEED, replace: bool = False
) -> dict[str, int]:
    """Write the demo set in one transaction with bulk inserts; bumps DataVersion. Returns what was written."""
    tallies = writes.tracker()  # the summary tallies follow every row written or deleted here (records.writes)
    if replace:
        # Plain DELETEs: the per-row history signals of QuerySet.delete() would cost minutes at scale, and demo
        # rows never had history (they are bulk-inserted).
        demo_rows = JobRecord.objects.filter(is_demo=True)
        if tallies.begin():
            tallies.change([(state["id"], state, None) for state in demo_rows.values()])
        tallies.rows -= demo_rows.count()
        with maintained_writes():
            for queryset in (
                demo_rows,
                AggregateEntry.objects.filter(is_demo=True),
                ImportBatch.objects.filter(is_demo=True),
            ):
                queryset._raw_delete(queryset.db)
    elif JobRecord.objects.filter(is_demo=True).exists():
        raise CommandError(MSG_DEMO_EXISTS)
    shape = plan_shape(plan)
    periods = shape.periods
    programs = dict(Program.objects.filter(plan=plan).values_list("name", "id"))
    period_ids = {p.code: p.id for p in periods}
    departments: dict[str, int] = {}

    def department_id(name: str) -> int:
        if name not in departments:
            departments[name] = Department.objects.get_or_create(name=name)[0].pk
        return departments[name]

    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.DEMO, filename="demo-data", source="demo", is_demo=True, rows=n, created_count=n
    )
    buffer: list[JobRecord] = []
    written = 0
    for row in synthetic_records(
        periods=periods, period_targets=shape.period_targets, program_targets=shape.program_targets, n=n, seed=seed
    ):
        derived = derive(birth_date=row.birth_date, start_date=row.start_date, periods=periods)
        buffer.append(
            JobRecord(
                department_id=department_id(row.department),
                program_id=programs[row.program],
                record_id=row.record_id,
                person_pseudonym=pseudonymise(row.person_id),
                birth_date=row.birth_date,
                gender=row.gender,
                start_date=row.start_date,
                end_date=row.end_date,
                employment_type=row.employment_type,
                monthly_wage=row.monthly_wage,
                weekly_hours=row.weekly_hours,
                employer=row.employer,
                is_resident=row.resident,
                is_senior_activity=row.senior_activity,
                evidence="예시 데이터",
                batch=batch,
                is_demo=True,
                period_id=derived.period_id,
                age_at_start=derived.age_at_start,
                generation=derived.generation,
                retention_deadline=derived.retention_deadline,
            )
        )
        if len(buffer) >= 2000:
            written += _insert(buffer, tallies)
    written += _insert(buffer, tallies)
    tallies.write()
    aggregates = [
        AggregateEntry(
            department_id=department_id(department),
            program_id=programs[program],
            period_id=period_ids[code],
            count=count,
            evidence="예시 데이터",
            batch=batch,
            is_demo=True,
        )
        for department, program, code, count in synthetic_aggregates(
            periods=periods, period_targets=shape.period_targets, program_targets=shape.program_targets, n=n, seed=seed
        )
    ]
    AggregateEntry.objects.bulk_create(aggregates)
    DataVersion.bump()
    return {
        "records": written,
        "aggregates": len(aggregates),
        "aggregate_jobs": sum(a.count for a in aggregates),
        "departments": len(departments),
    }


class Command(BaseCommand):
    help = "예시 데이터(합성 자료)를 적재합니다. 모든 행은 예시 데이터로 표시됩니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="실적이 하나라도 있으면 아무것도 하지 않음")
        parser.add_argument(
            "--records", type=int, default=DEFAULT_RECORDS, help=f"개인별 실적 수 (기본 {DEFAULT_RECORDS:,})"
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="난수 시드 (같은 시드 = 같은 자료)")
        parser.add_argument("--plan", default=None, help="계획 키 (기본: 기본 계획)")
        parser.add_argument("--replace", action="store_true", help="기존 예시 데이터를 지우고 다시 적재")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and (JobRecord.objects.exists() or AggregateEntry.objects.exists()):
            self.stdout.write(MSG_RECORDS_EXIST)
            return
        plans = Plan.objects.all()
        plan = plans.filter(key=options["plan"]).first() if options["plan"] else plans.filter(is_default=True).first()
        if plan is None:
            raise CommandError(MSG_NO_PLAN)
        if options["records"] < 0:
            raise CommandError("--records는 0 이상이어야 합니다.")
        started = time.perf_counter()
        written = demo_data_load(plan=plan, n=options["records"], seed=options["seed"], replace=options["replace"])
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.WARNING(BANNER))
        self.stdout.write(
            f"예시 데이터 적재 완료 ({plan.code}): 개인별 실적 {written['records']:,}건, "
            f"집계 실적 {written['aggregates']:,}행({written['aggregate_jobs']:,}명), "
            f"부서 {written['departments']}곳, {elapsed:.1f}초"
        )
