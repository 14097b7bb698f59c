"""User-facing messages of the accountability imports, pages and alerts (Korean constants; tests assert them).

The file-level and cell-level messages (empty file, missing column, not a number, negative, not an integer …)
are the record importer's own (records.importers.messages), so that every import speaks the same way.
"""

from __future__ import annotations

DUPLICATE_TARGET = "같은 부서·세부사업·기간이 {first}행에도 있습니다."
DUPLICATE_SPENDING = "같은 기간·세부사업·재원이 {first}행에도 있습니다."
BAD_SOURCE = "재원은 계획의 예산구분({choices}) 중 하나여야 합니다: 「{{value}}」"
NO_TARGET_ROWS = "머리글 아래에 목표 행이 없습니다."
NO_SPENDING_ROWS = "머리글 아래에 집행 행이 없습니다."

# coverage lines printed after a targets import, in the style of `plan check`
COVERAGE_PROGRAM = "[부서목표] {name} · 계: 배분 {allotted:,}, 계획 {planned}"
COVERAGE_PERIOD = "[부서목표] {name} 기간: 배분 {allotted:,}, 계획 {planned:,}"
COVERAGE_NO_PLAN_TARGET = "목표 없음"

CLI_TARGETS_SUMMARY = "부서 목표 — 신규 {created:,}건 · 변경 {updated:,}건 · 동일 {unchanged:,}건 (자료 {rows:,}행)"
CLI_SPENDING_SUMMARY = "예산 집행 — 신규 {created:,}건 · 변경 {updated:,}건 · 동일 {unchanged:,}건 (자료 {rows:,}행)"
CLI_SAVED = "저장했습니다."
