"""Matching seekers to vacancies, explained: hard rules first, then a score that is the sum of its parts.

Hard rules (never broken, docs/matching.md): the vacancy is open at the as-of date (status open, registered on or
before it, closing on or after it); the seeker is active at that date (registered on or before it, valid until on
or after it, consent given on or before it and not withdrawn by then, personal data not erased, no live placement
started between registration and the date); and the seeker holds every licence the vacancy requires.

Among those that pass, each part adds points with a Korean reason (weights below); the score is their sum. Ties
are broken by who registered first (seekers) or which vacancy closes first (vacancies), then by 구직번호/구인번호.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.models import JobSeeker, Placement, Vacancy
from jobpledge.jobcenter.wages import hourly_wage
from jobpledge.plans.models import Plan

# --- weights (docs/matching.md) ------------------------------------------------------------------
OCCUPATION_POINTS = {4: 40, 3: 30, 2: 20, 1: 5}  # common code prefix length → points
OCCUPATION_LEVEL_NAMES = {4: "세분류", 3: "소분류", 2: "중분류", 1: "대분류"}
WAGE_MET_POINTS = 20
WAGE_NEAR_POINTS = 10
WAGE_NEAR_SHARE = Decimal("0.9")
SAME_DONG_POINTS = 15
IN_DISTRICT_POINTS = 5
HOURS_POINTS = 10
HOURS_TOLERANCE = Decimal(4)
LICENCE_POINTS = 10
EXPERIENCE_POINTS = 5
PRIORITY_POINTS = 5
DEFAULT_TOP = 10


@dataclass(frozen=True, slots=True)
class Part:
    reason: str
    points: int


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate: its number (구직번호 or 구인번호), the score and the parts that make it."""

    candidate: str
    score: int
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class SeekerFacts:
    seeker_no: str
    registered_on: dt.date
    residence_dong: str
    desired_codes: tuple[str, ...]
    desired_form: str
    desired_wage: int | None
    desired_hourly: Decimal | None  # None also when only the vacancy's hours can convert it (see _desired_hourly)
    desired_weekly_hours: Decimal | None
    licences: frozenset[str]
    experience_years: int | None
    priority_groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VacancyFacts:
    vacancy_no: str
    closing_on: dt.date
    code: str
    hourly: Decimal | None
    weekly_hours: Decimal | None
    workplace: str
    required_licences: frozenset[str]
    experience_years: int | None


SEEKER_FIELDS = (
    "seeker_no",
    "registered_on",
    "residence_dong",
    "desired_codes",
    "desired_wage_form",
    "desired_wage",
    "desired_weekly_hours",
    "licences",
    "experience_years",
    "priority_groups",
)
VACANCY_FIELDS = (
    "vacancy_no",
    "closing_on",
    "keco_id",
    "wage_form",
    "wage_amount",
    "weekly_hours",
    "workplace",
    "required_licences",
    "experience_years",
)


def licence_key(name: str) -> str:
    """Licences compare without spaces: 지게차 운전기능사 == 지게차운전기능사."""
    return "".join(name.split())


def seeker_facts(row: Sequence[Any]) -> SeekerFacts:
    no, registered, dong, codes, form, wage, hours, licences, experience, groups = row
    return SeekerFacts(
        no,
        registered,
        dong,
        tuple(codes or ()),
        form,
        wage,
        hourly_wage(form, wage, hours),
        hours,
        frozenset(licence_key(x) for x in licences or ()),
        experience,
        tuple(groups or ()),
    )


def vacancy_facts(row: Sequence[Any]) -> VacancyFacts:
    no, closing, code, form, amount, hours, workplace, licences, experience = row
    return VacancyFacts(
        no,
        closing,
        code,
        hourly_wage(form, amount, hours),
        hours,
        workplace,
        frozenset(licence_key(x) for x in licences or ()),
        experience,
    )


# --- hard rules ---------------------------------------------------------------------------------


def open_vacancies(as_of: dt.date) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(status=Vacancy.Status.OPEN, registered_on__lte=as_of, closing_on__gte=as_of)


def active_seekers(as_of: dt.date) -> QuerySet[JobSeeker]:
    placed = Placement.objects.filter(
        referral__seeker=OuterRef("pk"),
        undone_at__isnull=True,
        start_date__gte=OuterRef("registered_on"),
        start_date__lte=as_of,
    )
    return (
        JobSeeker.objects.filter(
            registered_on__lte=as_of,
            valid_until__gte=as_of,
            consent_on__lte=as_of,
            personal_data_erased_at__isnull=True,
        )
        .filter(Q(consent_withdrawn_on__isnull=True) | Q(consent_withdrawn_on__gt=as_of))
        .exclude(Exists(placed))
    )


def seeker_inactive_reason(seeker: JobSeeker, as_of: dt.date) -> str | None:
    """Why the seeker breaks a hard rule at `as_of` (Korean), or None when active."""
    if seeker.registered_on > as_of:
        return jmsg.INACTIVE_NOT_REGISTERED
    if seeker.valid_until < as_of:
        return jmsg.INACTIVE_EXPIRED
    withdrawn = seeker.consent_withdrawn_on is not None and seeker.consent_withdrawn_on <= as_of
    if seeker.consent_on > as_of or withdrawn or seeker.personal_data_erased_at is not None:
        return jmsg.INACTIVE_NO_CONSENT
    if not active_seekers(as_of).filter(pk=seeker.pk).exists():
        return jmsg.INACTIVE_PLACED
    return None


def holds_licences(seeker: SeekerFacts, vacancy: VacancyFacts) -> bool:
    return vacancy.required_licences <= seeker.licences


# --- the score ------------------------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _desired_hourly(seeker: SeekerFacts, vacancy: VacancyFacts) -> Decimal | None:
    """A monthly or annual wish without desired hours is read on the vacancy's hours (that amount for that job)."""
    if seeker.desired_hourly is not None or seeker.desired_wage is None:
        return seeker.desired_hourly
    return hourly_wage(seeker.desired_form, seeker.desired_wage, vacancy.weekly_hours)


def _won(value: Decimal) -> str:
    return f"{int(value):,}원"


def score_parts(seeker: SeekerFacts, vacancy: VacancyFacts, *, district: str) -> tuple[Part, ...]:
    """The parts of a (hard-rule-passing) pair, each with its Korean reason; the score is their sum."""
    return _evaluate(seeker, vacancy, district)


def score(seeker: SeekerFacts, vacancy: VacancyFacts, *, district: str) -> int:
    """The score alone, for ranking every candidate: the same rules as `_evaluate` without building any part.

    Kept as plain arithmetic because it runs once per candidate (tens of thousands per query); the property test
    (tests/test_matching_properties.py) checks that it equals the sum of the explained parts for every pair.
    """
    points = OCCUPATION_POINTS.get(max((_common_prefix(c, vacancy.code) for c in seeker.desired_codes), default=0), 0)
    if seeker.desired_wage is not None and vacancy.hourly is not None:
        desired = _desired_hourly(seeker, vacancy)
        if desired is not None:
            if vacancy.hourly >= desired:
                points += WAGE_MET_POINTS
            elif vacancy.hourly >= desired * WAGE_NEAR_SHARE:
                points += WAGE_NEAR_POINTS
    dong = seeker.residence_dong
    if dong and vacancy.workplace == dong:
        points += SAME_DONG_POINTS
    elif dong and district and vacancy.workplace == district:
        points += IN_DISTRICT_POINTS
    wanted, offered = seeker.desired_weekly_hours, vacancy.weekly_hours
    if wanted is not None and offered is not None and abs(wanted - offered) <= HOURS_TOLERANCE:
        points += HOURS_POINTS
    if vacancy.required_licences:
        points += LICENCE_POINTS
    if vacancy.experience_years and (seeker.experience_years or 0) >= vacancy.experience_years:
        points += EXPERIENCE_POINTS
    if seeker.priority_groups:
        points += PRIORITY_POINTS
    return points


def _evaluate(seeker: SeekerFacts, vacancy: VacancyFacts, district: str) -> tuple[Part, ...]:
    """Every part with its Korean reason (for the top N only; `score` ranks everyone with the same rules)."""
    parts: list[Part] = []

    def add(points: int, reason: Any) -> None:
        parts.append(Part(reason() if callable(reason) else reason, points))

    level = max((_common_prefix(code, vacancy.code) for code in seeker.desired_codes), default=0)
    if level:
        add(OCCUPATION_POINTS[level], lambda: f"희망 직종 일치({OCCUPATION_LEVEL_NAMES[level]})")
    else:
        add(0, "희망 직종과 다름")
    desired = _desired_hourly(seeker, vacancy)
    offered = vacancy.hourly
    if seeker.desired_wage is None:
        add(0, "희망 임금 없음(비교 안 함)")
    elif offered is None or desired is None:
        add(0, "임금 비교 불가(주당근로시간 모름)")
    elif offered >= desired:
        add(WAGE_MET_POINTS, lambda: f"희망 임금 충족(시급 환산 {_won(offered)} ≥ {_won(desired)})")
    elif offered >= desired * WAGE_NEAR_SHARE:
        add(WAGE_NEAR_POINTS, lambda: f"희망 임금의 90% 이상(시급 환산 {_won(offered)} / {_won(desired)})")
    else:
        add(0, lambda: f"희망 임금 미달(시급 환산 {_won(offered)} < {_won(desired)})")
    if seeker.residence_dong and vacancy.workplace == seeker.residence_dong:
        add(SAME_DONG_POINTS, "근무지 같은 동")
    elif seeker.residence_dong and district and vacancy.workplace == district:
        add(IN_DISTRICT_POINTS, "근무지 구내(구민)")
    if seeker.desired_weekly_hours is not None and vacancy.weekly_hours is not None:
        if abs(seeker.desired_weekly_hours - vacancy.weekly_hours) <= HOURS_TOLERANCE:
            add(HOURS_POINTS, "희망 근로시간과 맞음")
    if vacancy.required_licences:
        add(LICENCE_POINTS, lambda: f"필요 자격 보유({', '.join(sorted(vacancy.required_licences))})")
    if vacancy.experience_years and (seeker.experience_years or 0) >= vacancy.experience_years:
        add(EXPERIENCE_POINTS, lambda: f"경력 요건 충족({vacancy.experience_years}년 이상)")
    if seeker.priority_groups:
        add(PRIORITY_POINTS, lambda: f"취업취약계층({', '.join(seeker.priority_groups)})")
    return tuple(parts)


def _match(candidate: str, parts: tuple[Part, ...]) -> Match:
    return Match(candidate, sum(p.points for p in parts), parts)


def district_of(plan: Plan | None) -> str:
    """The district's own name (구로구) from the plan's government (서울특별시 구로구)."""
    return plan.government.split()[-1] if plan is not None and plan.government else ""


def _default_district() -> str:
    return district_of(Plan.objects.filter(is_default=True).first())


# --- selectors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchResult:
    subject: str  # 구인번호 (match vacancy) or 구직번호 (match seeker)
    subject_kind: str  # "vacancy" | "seeker"
    as_of: dt.date
    results: list[Match]

    def as_json(self) -> dict[str, Any]:
        other = "seeker" if self.subject_kind == "vacancy" else "vacancy"
        return {
            self.subject_kind: self.subject,
            "as_of": self.as_of.isoformat(),
            "results": [
                {
                    other: m.candidate,
                    "score": m.score,
                    "parts": [{"reason": p.reason, "points": p.points} for p in m.parts],
                }
                for m in self.results
            ],
        }


def _ranked(candidates: list[tuple[tuple[Any, ...], Any, Any]], top: int, district: str) -> list[Match]:
    """The best `top` by key (cheap scores), then each explained: parts re-evaluated with their reasons."""
    best = heapq.nsmallest(top, candidates, key=lambda c: c[0])
    out = []
    for key, seeker, vacancy in best:
        parts = score_parts(seeker, vacancy, district=district)
        out.append(_match(key[-1], parts))
    return out


def match_vacancy(*, vacancy_no: str, as_of: dt.date, top: int = DEFAULT_TOP) -> MatchResult:
    """The best `top` active seekers for an open vacancy; raise JobpledgeError when it is not open."""
    vacancy_row = Vacancy.objects.filter(vacancy_no=vacancy_no).values_list(*VACANCY_FIELDS).first()
    if vacancy_row is None:
        raise JobpledgeError(jmsg.VACANCY_NOT_FOUND.format(value=vacancy_no))
    if not open_vacancies(as_of).filter(vacancy_no=vacancy_no).exists():
        raise JobpledgeError(jmsg.VACANCY_NOT_OPEN.format(value=vacancy_no))
    vacancy = vacancy_facts(vacancy_row)
    district = _default_district()
    candidates = []
    required = vacancy.required_licences
    licences_at = SEEKER_FIELDS.index("licences")
    for row in active_seekers(as_of).values_list(*SEEKER_FIELDS).iterator(chunk_size=5000):
        if required and not required <= {licence_key(x) for x in row[licences_at] or ()}:
            continue  # the licence rule first: most seekers of a licensed vacancy stop here
        seeker = seeker_facts(row)
        points = score(seeker, vacancy, district=district)
        candidates.append(((-points, seeker.registered_on, seeker.seeker_no), seeker, vacancy))
    return MatchResult(vacancy_no, "vacancy", as_of, _ranked(candidates, top, district))


def match_seeker(*, seeker_no: str, as_of: dt.date, top: int = DEFAULT_TOP) -> MatchResult:
    """The best `top` open vacancies for an active seeker; raise JobpledgeError when the seeker is not active."""
    seeker_obj = JobSeeker.objects.filter(seeker_no=seeker_no).first()
    if seeker_obj is None:
        raise JobpledgeError(jmsg.SEEKER_NOT_FOUND.format(value=seeker_no))
    reason = seeker_inactive_reason(seeker_obj, as_of)
    if reason is not None:
        raise JobpledgeError(jmsg.SEEKER_NOT_ACTIVE.format(reason=reason))
    seeker = seeker_facts([getattr(seeker_obj, f) for f in SEEKER_FIELDS])
    district = _default_district()
    candidates = []
    for row in open_vacancies(as_of).values_list(*VACANCY_FIELDS).iterator(chunk_size=5000):
        vacancy = vacancy_facts(row)
        if not holds_licences(seeker, vacancy):
            continue
        points = score(seeker, vacancy, district=district)
        candidates.append(((-points, vacancy.closing_on, vacancy.vacancy_no), seeker, vacancy))
    return MatchResult(seeker_no, "seeker", as_of, _ranked(candidates, top, district))


def render_table(result: MatchResult) -> str:
    other = "구직번호" if result.subject_kind == "vacancy" else "구인번호"
    head = "구인" if result.subject_kind == "vacancy" else "구직"
    lines = [f"{head} {result.subject} · 기준일 {result.as_of.isoformat()} · 후보 {len(result.results)}건", ""]
    lines.append(f"{'순위':>4}  {other:<12} {'점수':>4}  근거")
    for rank, m in enumerate(result.results, start=1):
        reasons = "; ".join(f"{p.reason} +{p.points}" for p in m.parts)
        lines.append(f"{rank:>4}  {m.candidate:<12} {m.score:>4}  {reasons}")
    if not result.results:
        lines.append("(조건을 모두 만족하는 후보가 없습니다)")
    return "\n".join(lines)
