"""Rows of an official list that are not records: totals and the signature block.

Lists made for a report end with "Tổng cộng" (or "Cộng") and a footer: the place and date
("Quảng Ngãi, ngày … tháng … năm 2024"), "Người lập biểu", "Thủ trưởng đơn vị", "TM. Ban
Thường vụ" and the signers' names under them. Read as data, each would be a row of errors. A
total row is skipped on its own (sub-totals may sit between groups of records); a footer line
ends the table, since what follows it (names of signers, stamps) is never a record. Both are
said in the dry run as notes, not counted as errors.
"""

from __future__ import annotations

import re
from typing import Any

from htx_desktop.text import fold

TOTAL, FOOTER = "total", "footer"

_TOTAL_WORDS = ("tong cong", "cong", "tong", "tong so", "cong toan xa", "cong toan huyen",
                "cong toan tinh", "tong cong toan xa", "tong cong toan tinh")
_FOOTER_WORDS = ("nguoi lap bieu", "nguoi lap bang", "nguoi lap", "thu truong don vi",
                 "thu truong co quan", "ky ten", "ky ghi ro ho ten", "ky ten dong dau",
                 "xac nhan cua", "tm ban thuong vu", "tm ban chap hanh", "tm ubnd", "noi nhan")
#: "…, ngày 15 tháng 3 năm 2024" or "ngày … tháng … năm …" ending the text.
_DATE_LINE = re.compile(r"\bngay( \d{1,2})? thang( \d{1,2})? nam( \d{2,4})?$")
#: A footer line stands nearly alone; a record fills its columns.
_FOOTER_MAX_CELLS = 3


def _key(value: Any) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(str(value))).split())


def row_kind(values: tuple[Any, ...]) -> tuple[str, str] | None:
    """(TOTAL or FOOTER, the cell's text) when the row is not a record, else None. Only the
    row's first two texts are looked at: a total's label sits in the first columns, and a
    record whose notes mention "tổng cộng" further right stays a record."""
    filled = [v for v in values if v is not None and str(v).strip()]
    texts = [str(v).strip() for v in filled if isinstance(v, str)][:2]
    for text in texts:
        key = _key(text)
        if not key:
            continue
        if key in _TOTAL_WORDS or key.startswith("tong cong "):
            return TOTAL, text
        if len(filled) <= _FOOTER_MAX_CELLS and (
            any(key == w or key.startswith(w + " ") for w in _FOOTER_WORDS)
            or _DATE_LINE.search(key)
        ):
            return FOOTER, text
    return None
