"""core.names.normalise_name: the one reading of department, program and employer names."""

from __future__ import annotations

import unicodedata

import pytest

from jobpledge.core.names import normalise_name

NAME = "일자리지원과"


@pytest.mark.parametrize(
    "lookalike",
    [
        NAME + "\u200b",  # zero-width space
        "\u200b" + NAME,
        "일자리\u200b지원과",
        NAME + "\u00ad",  # soft hyphen
        "일자\u00ad리지원과",
        "\ufeff" + NAME,  # byte-order mark (a CSV saved by Notepad, pasted)
        "일자리\u200c지원과\u200d",  # zero-width non-joiner / joiner
        "\u2060" + NAME + "\u200e",  # word joiner, left-to-right mark
        unicodedata.normalize("NFD", NAME),  # decomposed Hangul (macOS)
        f"  {NAME}\t",
    ],
    ids=[
        "zwsp-end",
        "zwsp-start",
        "zwsp-inside",
        "shy-end",
        "shy-inside",
        "bom",
        "zwnj-zwj",
        "wj-lrm",
        "nfd",
        "spaces",
    ],
)
def test_lookalikes_read_as_the_name(lookalike: str) -> None:
    assert lookalike != NAME
    assert normalise_name(lookalike) == NAME


def test_inner_spaces_collapse_but_stay() -> None:
    assert normalise_name("직접일자리  사업") == "직접일자리 사업"
    assert normalise_name("직접일자리\u3000\u00a0 사업") == "직접일자리 사업"  # ideographic and no-break spaces
    assert normalise_name("Job  Plus\u200b Center") == "Job Plus Center"
    assert normalise_name("Job  Plus   Center ") == "Job Plus Center"  # the ASCII fast path agrees


def test_visible_characters_are_kept() -> None:
    for name in ("민간·관급 공사장 근로자 채용", "일자리 인프라구축", "(주)구로", "A-B_C"):
        assert normalise_name(name) == name


def test_invisible_only_is_empty() -> None:
    assert normalise_name("\u200b\u00ad\ufeff ") == ""


def test_idempotent() -> None:
    text = unicodedata.normalize("NFD", "  일자리\u200b  지원과\u00ad ")
    once = normalise_name(text)
    assert normalise_name(once) == once == "일자리 지원과"
