"""Cell widgets the center's templates add to those of the records importer."""

from __future__ import annotations

from django.conf import settings

from jobpledge.core.pseudonym import normalise_identifier, pseudonymise
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.bizno import is_valid_business_number, normalise_business_number
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers import widgets as w
from jobpledge.records.importers.widgets import CellError


class BusinessNumberWidget:
    """사업자등록번호, hyphens allowed (124-81-00998), check digit validated."""

    def clean(self, value: object) -> str:
        text = normalise_business_number(w.as_text(value))
        if len(text) != 10 or not (text.isascii() and text.isdigit()):
            raise CellError(jmsg.BAD_BUSINESS_NUMBER.format(value=msg.shown(value)))
        if not is_valid_business_number(text):
            raise CellError(jmsg.BAD_BUSINESS_CHECK_DIGIT.format(value=msg.shown(value)))
        return text

    def render(self, value: str | None) -> str:
        return value or ""


class ListWidget:
    """Several values in one cell separated by `;` (blank items dropped, order kept, duplicates dropped)."""

    def __init__(self, item_length: int = 100) -> None:
        self.item_length = item_length

    def clean(self, value: object) -> list[str]:
        items: list[str] = []
        for part in w.as_text(value).split(";"):
            item = " ".join(part.split())
            if not item or item in items:
                continue
            if len(item) > self.item_length:
                raise CellError(jmsg.ITEM_TOO_LONG.format(limit=self.item_length))
            items.append(item)
        return items

    def render(self, value: list[str] | None) -> str:
        return ";".join(value or [])


class KecoWidget:
    """A KECO code as text: 1 to 4 digits (a numeric Excel cell loses no leading zero here: codes 0… are text)."""

    def clean(self, value: object) -> str:
        text = w.as_text(value)
        if not (1 <= len(text) <= 4 and text.isascii() and text.isdigit()):
            raise CellError(jmsg.BAD_KECO.format(value=msg.shown(text)))
        return text

    def render(self, value: str | None) -> str:
        return value or ""


class PersonIdWidget:
    """개인식별번호 → its keyed pseudonym at once, exactly as records are (core.pseudonym over the normalised id).

    No message ever carries the value.
    """

    def clean(self, value: object) -> str:
        text = w.as_text(value)
        if len(text) > 100:
            raise CellError(msg.TOO_LONG.format(limit=100))
        normalised = normalise_identifier(text)
        if not normalised:
            raise CellError(msg.BAD_PERSON_ID)
        return pseudonymise(normalised, key=settings.JOBPLEDGE_PSEUDONYM_KEY)

    def render(self, value: str | None) -> str:
        return ""  # the raw identifier is not stored and cannot be written back


WAGE_FORM = w.ChoiceWidget(
    aliases={
        "시급": "시급",
        "hourly": "시급",
        "일급": "일급",
        "daily": "일급",
        "월급": "월급",
        "monthly": "월급",
        "연봉": "연봉",
        "annual": "연봉",
    },
    message=jmsg.BAD_WAGE_FORM,
)
BUSINESS_NUMBER = BusinessNumberWidget()
KECO = KecoWidget()
LIST = ListWidget()
PERSON_ID = PersonIdWidget()
