"""Typed access to a plan file's TOML tree, with Korean messages that name the key and the file's line."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from jobpledge.core.errors import JobpledgeError

MSG_UNREADABLE = "계획 파일을 읽을 수 없습니다: {path}"
MSG_TOML = "계획 파일 형식 오류 ({line}행 {column}열): {detail}"
MSG_MISSING = "계획 파일 오류{where}: 필수 항목 「{key}」이(가) 없습니다."
MSG_TYPE = "계획 파일 오류{where}: 「{key}」은(는) {expected}이어야 합니다 (값: {value!r})."
MSG_VALUE = "계획 파일 오류{where}: 「{key}」 {detail}"


class TreeReader:
    """Typed access to the TOML tree with error messages that point at the file's lines."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def where(self, path: str) -> str:
        line = self.locate(path)
        return f" ({line}행, {path})" if line else f" ({path})"

    def locate(self, path: str) -> int | None:
        """Best-effort line number of a dotted path such as `programs[3].target`."""
        parts = re.findall(r"([A-Za-z_]+)(?:\[(\d+)\])?", path)
        start = 0
        table = ""
        for name, index in parts:
            table = f"{table}.{name}" if table else name
            if index:
                header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
                hits = [i for i, line in enumerate(self.lines) if i >= start and header.match(line)]
                if len(hits) > int(index):
                    start = hits[int(index)]
                    table = ""
                    continue
                return None
            key = re.compile(rf"^\s*{re.escape(name)}\s*=")
            for i in range(start, len(self.lines)):
                if key.match(self.lines[i]):
                    return i + 1
            header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
            for i in range(start, len(self.lines)):
                if header.match(self.lines[i]):
                    start = i
                    break
        return start + 1 if start else None

    def get(
        self, node: dict[str, Any], key: str, path: str, kind: type | tuple[type, ...], *, optional: bool = False
    ) -> Any:
        full = f"{path}.{key}" if path else key
        if key not in node:
            if optional:
                return None
            raise JobpledgeError(MSG_MISSING.format(where=self.where(path or key), key=full))
        value = node[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            ok = False
        else:
            ok = isinstance(value, kinds)
        if not ok:
            names = {
                str: "문자열",
                int: "정수",
                float: "숫자",
                dt.date: "날짜(YYYY-MM-DD)",
                list: "목록",
                dict: "표",
                bool: "true/false",
            }
            expected = " 또는 ".join(names.get(k, k.__name__) for k in kinds)
            raise JobpledgeError(MSG_TYPE.format(where=self.where(full), key=full, expected=expected, value=value))
        return value

    def integer(self, node: dict[str, Any], key: str, path: str, *, optional: bool = False) -> int | None:
        value = self.get(node, key, path, int, optional=optional)
        if value is not None and value < 0:
            full = f"{path}.{key}" if path else key
            raise JobpledgeError(
                MSG_VALUE.format(where=self.where(full), key=full, detail="은(는) 0 이상이어야 합니다.")
            )
        return value

    def rate(self, node: dict[str, Any], key: str, path: str, *, optional: bool = False) -> Decimal | None:
        value = self.get(node, key, path, (int, float), optional=optional)
        return None if value is None else Decimal(str(value))

    def table_list(self, node: dict[str, Any], key: str, path: str = "") -> list[tuple[str, dict[str, Any]]]:
        items = self.get(node, key, path, list)
        full = f"{path}.{key}" if path else key
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise JobpledgeError(
                    MSG_TYPE.format(where=self.where(full), key=f"{full}[{i}]", expected="표", value=item)
                )
            out.append((f"{full}[{i}]", item))
        return out

    def int_list(self, node: dict[str, Any], key: str, path: str, length: int) -> list[int]:
        values = self.get(node, key, path, list)
        full = f"{path}.{key}"
        if len(values) != length or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
            raise JobpledgeError(
                MSG_VALUE.format(
                    where=self.where(full), key=full, detail=f"은(는) 0 이상의 정수 {length}개여야 합니다."
                )
            )
        return list(values)
