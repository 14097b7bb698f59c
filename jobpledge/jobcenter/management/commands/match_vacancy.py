"""`jobpledge match vacancy 구인번호 [--top N] [--as-of DATE] --format table|json` (docs/matching.md)."""

from __future__ import annotations

from typing import Any

from jobpledge.jobcenter.matchcommand import MatchCommand
from jobpledge.jobcenter.matching import MatchResult, match_vacancy


def _select(subject: str, **kwargs: Any) -> MatchResult:
    return match_vacancy(vacancy_no=subject, **kwargs)


class Command(MatchCommand):
    help = "구인에 맞는 구직자를 점수순으로 보여 줍니다(점수 = 근거별 점수의 합)."
    subject_argument = "구인번호"
    selector = staticmethod(_select)
