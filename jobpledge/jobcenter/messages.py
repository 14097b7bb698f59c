"""User-facing messages of the Job Plus Center (Korean constants; tests assert them)."""

from __future__ import annotations

# --- imports: cells and rows ------------------------------------------------------------------
NO_DATA_ROWS = "머리글 아래에 자료 행이 없습니다."
BAD_BUSINESS_NUMBER = "사업자등록번호는 숫자 10자리여야 합니다: 「{value}」"
BAD_BUSINESS_CHECK_DIGIT = "사업자등록번호의 검증번호(마지막 자리)가 맞지 않습니다: 「{value}」"
BAD_WAGE_FORM = "임금형태는 시급/일급/월급/연봉 중 하나여야 합니다: 「{value}」"
UNKNOWN_EMPLOYER = "등록되지 않은 구인업체입니다(사업자등록번호 「{value}」). 먼저 구인업체를 적재해 주세요."
UNKNOWN_KECO = "적재된 고용직업분류에 없는 직종코드입니다: 「{value}」"
BAD_KECO = "직종코드는 숫자 1~4자리입니다: 「{value}」"
TOO_MANY_CODES = "희망직종코드는 1개에서 3개까지입니다({count}개)."
ITEM_TOO_LONG = "「;」로 나눈 값 하나가 {limit}자를 넘습니다."
OPENINGS_ZERO = "모집인원은 1명 이상이어야 합니다."
CLOSING_BEFORE_REGISTRATION = "마감일({closing})이 등록일({registered})보다 앞섭니다."
VALID_BEFORE_REGISTRATION = "유효기한({valid})이 등록일({registered})보다 앞섭니다."
DUPLICATE_KEY = "같은 {key} 「{value}」이(가) {first}행에도 있습니다."
CONSENT_WITHDRAWN = (
    "개인정보 동의를 철회한 구직자입니다. 철회일({withdrawn}) 뒤의 새 동의일이 있어야 다시 등록할 수 있습니다."
)
WAGE_WITHOUT_FORM = "희망임금이 있으면 희망임금형태도 적어 주세요."
UNDER_15 = "등록일에 만 15세 미만입니다."
KECO_NAME_MISSING = "명칭이 비어 있습니다."

# --- registers, referrals, placements, follow-ups ---------------------------------------------
SEEKER_NOT_FOUND = "구직자를 찾을 수 없습니다: 「{value}」"
VACANCY_NOT_FOUND = "구인을 찾을 수 없습니다: 「{value}」"
REFERRAL_NOT_FOUND = "알선을 찾을 수 없습니다: #{value}"
PLACEMENT_NOT_FOUND = "취업을 찾을 수 없습니다: #{value}"
REFERRAL_EXISTS = "이 구직자는 이 구인에 이미 알선되었습니다(알선 #{value})."
SEEKER_NOT_ACTIVE = "알선할 수 없는 구직자입니다: {reason}"
VACANCY_NOT_OPEN = "모집 중인 구인이 아닙니다: 「{value}」"
LICENCE_MISSING = "필요 자격이 없습니다: {value}"
OUTCOME_DONE = "이미 결과가 입력된 알선입니다({status})."
OUTCOME_UNKNOWN = "결과는 hired(채용), not_hired(불채용), no_show(면접 불참) 중 하나입니다: 「{value}」"
START_REQUIRED = "채용(hired)에는 취업일(--start)이 필요합니다."
NO_EMPLOYMENT_PROGRAM = "계획에 「고용서비스」 세부사업이 없습니다."
PLACEMENT_UNDONE = "이미 취소된 취업입니다."
UNDO_REASON_REQUIRED = "취업 취소 사유를 적어 주세요."
FOLLOWUP_STATUS_UNKNOWN = (
    "사후관리 결과는 employed(재직), left(퇴사), unreachable(연락 안 됨) 중 하나입니다: 「{value}」"
)
LEFT_ON_REQUIRED = "퇴사(left)에는 퇴사일(--left-on)이 필요합니다."
LEFT_ON_ONLY_WHEN_LEFT = "퇴사일은 퇴사(left)일 때만 적습니다."
LEFT_BEFORE_START = "퇴사일({left})이 취업일({start})보다 앞섭니다."
NO_FOLLOWUP_DUE = "남은 사후관리가 없습니다(1·6·12개월 모두 입력됨)."
FOLLOWUP_MONTHS = "사후관리 시점은 1, 6, 12개월 중 하나입니다: 「{value}」"
BAD_DATE = "날짜는 YYYY-MM-DD 형식이어야 합니다: 「{value}」"
USER_REQUIRED = "--user로 작업하는 사용자를 지정해 주세요."
UNKNOWN_USER = "사용자를 찾을 수 없습니다: {value}"
FILE_NOT_FOUND = "파일을 찾을 수 없습니다: {path}"
UNKNOWN_CODE_SET = "적재할 수 있는 분류는 keco뿐입니다: 「{value}」"
CONSENT_ALREADY_WITHDRAWN = "이미 동의를 철회한 구직자입니다."

# --- why a seeker is not active (matching and referral hard rules) ----------------------------
INACTIVE_NOT_REGISTERED = "등록일 전입니다"
INACTIVE_EXPIRED = "등록 유효기한이 지났습니다"
INACTIVE_NO_CONSENT = "개인정보 동의가 없거나 철회되었습니다"
INACTIVE_PLACED = "등록 뒤 이미 취업했습니다"

# --- command line -------------------------------------------------------------------------
CLI_SUMMARY = "신규 {created:,}건 · 변경 {updated:,}건 · 동일 {unchanged:,}건 (자료 {rows:,}행)"
CLI_DRY_RUN = "시험 적재(--dry-run): 아무것도 저장하지 않았습니다."
CLI_COMMITTED = "저장했습니다."
CLI_FAILED = "오류 {count:,}건: 아무것도 저장하지 않았습니다."
CLI_PURGED = "개인정보를 삭제한 구직자 {count:,}명 (마지막 활동 {cutoff} 이전)"
CLI_PURGE_DRY_RUN = (
    "시험 실행(--dry-run): 삭제 대상 구직자 {count:,}명 (마지막 활동 {cutoff} 이전), 아무것도 지우지 않았습니다."
)

# --- construction sites -----------------------------------------------------------------------
BAD_SITE_KIND = "구분은 관급 또는 민간입니다: 「{value}」"
END_BEFORE_START = "준공예정일({end})이 착공일({start})보다 앞섭니다."
UNKNOWN_DEPARTMENT = "등록되지 않은 부서입니다: 「{value}」"
UNKNOWN_SITE = "등록되지 않은 공사번호입니다: 「{value}」"
RECORD_NOT_FOUND = "실적을 찾을 수 없습니다: 부서 「{department}」, 실적번호 「{record_id}」"
RECORD_NOT_CONSTRUCTION = "「민간·관급 공사장 근로자 채용」 실적이 아닙니다(세부사업: {program})."
RECORD_LINKED_ELSEWHERE = "다른 공사장({site})에 이미 연결된 실적입니다."
ALERT_WITHOUT_MOU = "관급 공사 {amount:,}원(1억원 이상): 착공일({start}) 전에 체결된 구민 채용 MOU가 없습니다."
