"""사업자등록번호: 10 digits whose last is a check digit (국세청 검증 규칙)."""

from __future__ import annotations

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def normalise_business_number(text: str) -> str:
    """124-81-00998 and 124 81 00998 read as 1248100998."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def check_digit(first_nine: str) -> int:
    """The tenth digit: weights 1,3,7,1,3,7,1,3,5, plus the tens digit of 5 × the ninth digit."""
    digits = [int(ch) for ch in first_nine]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True)) + (digits[8] * 5) // 10
    return (10 - total % 10) % 10


def is_valid_business_number(number: str) -> bool:
    return len(number) == 10 and number.isascii() and number.isdigit() and check_digit(number[:9]) == int(number[9])


def format_business_number(number: str) -> str:
    return f"{number[:3]}-{number[3:5]}-{number[5:]}" if len(number) == 10 else number
