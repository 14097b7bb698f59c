from __future__ import annotations

import pytest

from jobpledge.jobcenter.bizno import check_digit, format_business_number, is_valid_business_number


@pytest.mark.parametrize("number", ["1248100998", "1010100014", "2208162517"])
def test_valid_numbers(number: str) -> None:
    assert is_valid_business_number(number)


@pytest.mark.parametrize("number", ["1248100997", "124810099", "12481009980", "12481OO998", "", "124-81-00998"])
def test_invalid_numbers(number: str) -> None:
    assert not is_valid_business_number(number)


def test_check_digit_uses_the_tens_of_five_times_the_ninth_digit() -> None:
    # 1×1+2×3+4×7+8×1+1×3+0×7+0×1+9×3+9×5 = 118, plus (9×5)//10 = 4 → 122 → (10 − 2) % 10 = 8
    assert check_digit("124810099") == 8


def test_every_wrong_last_digit_is_refused() -> None:
    wrong = [f"124810099{d}" for d in "0123456789" if d != "8"]
    assert not any(is_valid_business_number(n) for n in wrong)


def test_format() -> None:
    assert format_business_number("1248100998") == "124-81-00998"
