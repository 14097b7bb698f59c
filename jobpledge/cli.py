"""The `jobpledge` console script: a front for the project's management commands.

`jobpledge plan check FILE` runs the management command `plan_check`, `jobpledge import records FILE`
runs `import_records`, `jobpledge demo-data` runs `demo_data`: the first two words are joined with an
underscore when such a command exists, otherwise the first word names the command.
"""

from __future__ import annotations

import os
import sys

PUBLIC_COMMANDS = [
    ("init", "스키마 생성·갱신 및 기본 계획 적재 (create/upgrade the schema, load the default plan)"),
    ("serve [--host H] [--port P]", "웹 서버 실행 (serve the app with gunicorn)"),
    ("plan check FILE", "계획 파일 합계 검증 (cross-foot every table of a plan file)"),
    ("plan load FILE [--force]", "계획 파일 적재 (load a plan file)"),
    ("plan propose FILE --user U --reason TEXT", "계획 변경 제안 (propose a plan revision)"),
    ("plan approve|reject KEY N --user U", "계획 변경 승인·반려, 제안자 아닌 담당자 (approve or reject, four eyes)"),
    ("plan revisions KEY --format table|json", "계획 변경 이력 (list a plan's revisions)"),
    ("report [--plan ID] [--as-of DATE] --format table|json|xlsx", "공약 이행 보고서 (the pledge card report)"),
    ("period close PERIOD --user U", "기간 마감·공표 스냅숏 (close a period, freeze its report)"),
    ("period snapshot PERIOD", "공표 스냅숏 출력 (print a closed period's frozen report)"),
    ("period verify", "공표 스냅숏 해시 검증 (verify every snapshot's SHA-256)"),
    ("explain --period P [--as-of DATE] --format json|table", "수치 설명 (what makes up one figure)"),
    ("import records FILE [--dry-run] [--reason TEXT]", "개인별 실적 적재 (import job records)"),
    ("import aggregates FILE [--dry-run]", "집계 실적 적재 (import aggregate counts)"),
    ("import targets FILE [--plan KEY] [--dry-run]", "부서별 목표 적재 (import department targets)"),
    ("import spending FILE [--plan KEY] [--dry-run]", "예산 집행 적재 (import budget execution, won)"),
    ("alerts [--plan KEY] [--as-of DATE] --format table|json", "책임제 경보 (accountability alerts)"),
    ("template records --format xlsx|csv", "실적 입력 양식 (write the records template)"),
    ("withdraw record DEPARTMENT RECORD_ID --reason TEXT", "실적 철회 (withdraw a record)"),
    ("demo-data", "예시 데이터 적재 (load the labelled demo data set)"),
    ("demo-accountability [--replace] [--if-demo]", "예시 부서 목표·예산 집행 적재 (demo targets and spending)"),
    ("summary rebuild [--check]", "요약 집계 재계산 (recompute the report's summary tallies from the records)"),
    ("import employers|vacancies|seekers FILE [--dry-run]", "일자리플러스센터 구인업체·구인·구직자 적재"),
    ("codes load keco FILE", "한국고용직업분류 적재 (load the KECO classification)"),
    ("match vacancy|seeker ID [--top N] [--as-of DATE] --format table|json", "구인·구직 매칭 (explained matching)"),
    ("referral create --seeker ID --vacancy ID --user U", "알선 등록 (refer a seeker to a vacancy)"),
    ("referral outcome REFERRAL hired|not_hired|no_show [--start DATE] --user U", "알선 결과; 채용은 고용서비스 실적"),
    ("followup record PLACEMENT --status employed|left|unreachable [--left-on DATE] --user U", "취업 사후관리"),
    ("placement undo PLACEMENT --reason TEXT --user U", "취업 취소 (실적 철회)"),
    ("import sites|site-records FILE [--dry-run]", "공사장 등록·공사장 채용 실적 연결"),
    ("sites report [--as-of DATE] --format table|json", "공사장별 구민 채용 대비 약정, MOU 미체결 경고"),
    ("createadmin", "관리자 계정 생성 (create an administrator if none exists)"),
    (
        "user create USERNAME --role ROLE [--department NAME]",
        "사용자 생성, 비밀번호 한 번 출력 (ROLE: admin|plan_owner|department_staff|counsellor|viewer)",
    ),
    ("user set-password USERNAME [--generate]", "비밀번호 변경 (set a password: typed, or generated and printed)"),
    ("user list", "사용자 목록 (users with role and department, as a table)"),
    ("uploads sweep [--max-age SECONDS]", "기한 지난 업로드 임시 파일 삭제 (delete expired staged uploads; for cron)"),
]


def _usage() -> str:
    width = max(len(name) for name, _ in PUBLIC_COMMANDS)
    lines = ["usage: jobpledge COMMAND [ARGS]", ""]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in PUBLIC_COMMANDS]
    lines += ["", "Any Django management command works too, e.g. `jobpledge migrate`."]
    return "\n".join(lines)


def resolve(argv: list[str], known: set[str]) -> list[str]:
    """Map `plan check FILE` to `plan_check FILE` when that command exists."""
    if len(argv) >= 2:
        joined = f"{argv[0]}_{argv[1]}".replace("-", "_")
        if joined in known:
            return [joined, *argv[2:]]
    if argv:
        single = argv[0].replace("-", "_")
        if single in known:
            return [single, *argv[1:]]
    return argv


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_usage())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    execute_from_command_line(["jobpledge", *resolve(args, set(get_commands()))])


if __name__ == "__main__":
    main()
