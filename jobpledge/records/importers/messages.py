"""User-facing messages of the record and aggregate importers (Korean constants; tests assert them).

Placeholders are filled with `.format(...)`. A message about the person identifier column never
carries the value: the raw identifier must not reach a screen, a log or an error list.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- the file as a whole ---------------------------------------------------------------------
FILE_EMPTY = "빈 파일입니다. 양식의 머리글 행 아래에 실적을 채워 올려 주세요."
FILE_NOT_TABULAR = "표 형식 파일이 아닙니다. 양식을 CSV(UTF-8 또는 CP949) 또는 XLSX로 저장해 올려 주세요."
FILE_XLS_UNSUPPORTED = "예전 엑셀 형식(.xls)은 읽을 수 없습니다. XLSX 또는 CSV로 다시 저장해 주세요."
FILE_TOO_LARGE = "파일이 너무 큽니다(최대 {limit:,}바이트)."
FILE_XLSX_UNSAFE = "XLSX 파일의 압축을 풀면 크기가 지나치게 커서 읽지 않았습니다."
FILE_XLSX_BEYOND_EXCEL = "XLSX 시트가 엑셀의 최대 크기(1,048,576행 × 16,384열)를 넘습니다(가장 먼 셀: {cell})."
FILE_XLSX_SPARSE = (
    "XLSX 시트의 사용 범위({rows:,}행 × {columns:,}열)가 실제 셀 {cells:,}개에 비해 지나치게 넓어 읽지 않았습니다. "
    "자료 밖 먼 곳(가장 먼 셀: {cell})에 남은 값이나 서식을 지우고 다시 저장해 주세요."
)
FILE_XLSX_BROKEN = "XLSX 파일이 손상되었거나 읽을 수 없습니다."
FILE_ENCODING = "파일의 문자 인코딩을 읽을 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주세요."
HEADER_NOT_FOUND = "머리글 행을 찾을 수 없습니다. 양식의 머리글(예: {example})을 그대로 써 주세요."
NO_DATA_ROWS = "머리글 아래에 실적 행이 없습니다."
MISSING_COLUMN = "필수 열 「{column}」이(가) 없습니다."
DUPLICATE_COLUMN = "열 「{column}」이(가) 두 번 있습니다."
NO_PLAN = "적재할 공약 계획이 없습니다. 먼저 `jobpledge init`으로 기본 계획을 적재해 주세요."
MORE_ERRORS = "그 밖의 오류 {count:,}건은 생략했습니다."
CONCURRENT_IMPORT = "같은 실적을 다른 적재가 동시에 저장했습니다. 잠시 뒤 다시 올려 주세요."

# --- one cell --------------------------------------------------------------------------------
MISSING_VALUE = "필수 값이 비어 있습니다."
BAD_DATE = "날짜가 아닙니다: 「{value}」 (예: 2019-03-01, 2019.03.01, 20190301)"
IMPOSSIBLE_DATE = "있을 수 없는 날짜입니다: 「{value}」"
BAD_NUMBER = "숫자가 아닙니다: 「{value}」"
NEGATIVE_NUMBER = "0 이상이어야 합니다: 「{value}」"
NOT_INTEGER = "정수여야 합니다: 「{value}」"
NUMBER_TOO_LARGE = "숫자가 너무 큽니다(최대 {limit:,}): 「{value}」"
HOURS_TOO_MANY = "주당근로시간은 168시간을 넘을 수 없습니다: 「{value}」"
BAD_GENDER = "성별은 남/여 또는 M/F로 적어 주세요: 「{value}」"
BAD_FLAG = "Y/N 또는 예/아니오로 적어 주세요: 「{value}」"
BAD_EMPLOYMENT_TYPE = "고용형태는 상용/임시/일용 중 하나여야 합니다: 「{value}」"
BAD_EVIDENCE = "근거는 고용보험 확인/확인서/자체집계 중 하나여야 합니다: 「{value}」"
TOO_LONG = "{limit}자를 넘을 수 없습니다."
CELL_NUL = "셀에 NUL 문자(\\0)가 있습니다. 표 프로그램에서 다시 저장해 주세요."
NAME_INVISIBLE = "이름에 보이는 글자가 없습니다(보이지 않는 문자만 있음)."
BAD_PERSON_ID = "개인식별번호에 숫자나 영문자가 없습니다."

# --- one row, or the row against the plan and the rest of the file ---------------------------
UNKNOWN_PROGRAM = "계획에 없는 세부사업입니다: 「{value}」"
UNKNOWN_PERIOD = "계획에 없는 기간입니다: 「{value}」 (가능한 값: {choices})"
END_BEFORE_START = "종료일({end})이 취업일({start})보다 앞섭니다."
UNDER_15 = "취업일에 만 15세 미만입니다(만 {age}세)."
DUPLICATE_RECORD = "같은 부서의 실적번호 「{value}」이(가) {first}행에도 있습니다."
DUPLICATE_AGGREGATE = "같은 부서·세부사업·기간이 {first}행에도 있습니다."
DEPARTMENT_OUT_OF_SCOPE = "「{scope}」 실적만 올릴 수 있습니다: 「{value}」"

# --- forms and single-record services --------------------------------------------------------
UNKNOWN_DEPARTMENT = "등록되지 않은 부서입니다: 「{value}」"
RECORD_EXISTS = "이 부서에 같은 실적번호가 이미 있습니다: 「{value}」"
VALIDATION_FAILED = "입력한 실적에 오류가 있습니다."
WITHDRAW_REASON_REQUIRED = "철회 사유를 적어 주세요."
ALREADY_WITHDRAWN = "이미 철회된 실적입니다."
NOT_WITHDRAWN = "철회되지 않은 실적입니다."
RECORD_NOT_FOUND = "실적을 찾을 수 없습니다: 부서 「{department}」, 실적번호 「{record_id}」"

TEMPLATE_FORMAT = "양식 형식은 xlsx 또는 csv입니다: 「{value}」"


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem, located as a spreadsheet shows it: row 1 is the first row of the sheet.

    row 0 means the file as a whole; column is the Korean header ("" when no column applies).
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row <= 0:
            return f"파일: {self.message}"
        if not self.column:
            return f"행 {self.row}: {self.message}"
        return f"행 {self.row}, 열 「{self.column}」: {self.message}"


def shown(value: object, limit: int = 40) -> str:
    """A cell value as it may appear inside a message: stripped, one line, shortened."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- command line --------------------------------------------------------------------------
CLI_FILE_NOT_FOUND = "파일을 찾을 수 없습니다: {path}"
CLI_UNKNOWN_PLAN = "계획을 찾을 수 없습니다: {key}"
CLI_UNKNOWN_USER = "사용자를 찾을 수 없습니다: {username}"
CLI_SUMMARY = "신규 {created:,}건 · 변경 {updated:,}건 · 동일 {unchanged:,}건 (자료 {rows:,}행)"
CLI_NEW_DEPARTMENTS = "새 부서 {count}곳: {names}"
CLI_STILL_WITHDRAWN = "철회된 실적 {count:,}건은 철회 상태로 남았습니다."
CLI_DRY_RUN = "시험 적재(--dry-run): 아무것도 저장하지 않았습니다."
CLI_COMMITTED = "적재 #{batch_id} 저장했습니다."
CLI_FAILED = "오류 {count:,}건: 아무것도 저장하지 않았습니다."
CLI_PROGRESS = "적재 중"
CLI_WITHDRAWN = "철회했습니다: 부서 「{department}」, 실적번호 「{record_id}」 (사유: {reason})"
CLI_RESTORED = "철회를 취소했습니다: 부서 「{department}」, 실적번호 「{record_id}」"
CLI_TEMPLATE_WRITTEN = "양식을 썼습니다: {path}"
