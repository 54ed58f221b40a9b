"""A spreadsheet cell's value in the shape the registry's `validate()` parses.

Excel and old hand-made lists have their quirks: dates stored as serial numbers, whole numbers
as floats, "1.500" meaning fifteen hundred, phone numbers that lost their leading zero, the
short form of a choice's label, a commune written by name with or without "Xã". They are undone
here, before validation, so every sheet is judged by the same rules as the entry forms.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.registry.forms import FieldSpec
from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.text import fold
from htx_desktop.xlsx.locale_values import date_from_text

_COMMUNE_PREFIXES = ("xa ", "phuong ", "thi tran ", "dac khu ")


def commune_lookup(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """Folded commune name (with and without "Xã"/"Phường") and code -> code."""
    lookup: dict[str, str] = {}
    for code, name in session.execute(
        select(AdministrativeUnit.code, AdministrativeUnit.name).where(
            AdministrativeUnit.code.in_(list(codes))
        )
    ):
        lookup[code] = code
        folded = fold(name)
        lookup[folded] = code
        for prefix in _COMMUNE_PREFIXES:
            if folded.startswith(prefix):
                lookup[folded[len(prefix):]] = code
    return lookup


def _multi_choice(spec: FieldSpec, text: str) -> list[str] | str:
    """Labels separated by ";" or "," — a label may itself hold a comma ("Quản trị, điều hành
    HTX"), so neighbouring pieces are joined while they still spell a label."""
    pieces = [p.strip() for p in re.split(r"[;,\n]", text) if p.strip()]
    names = {fold(c.vi): c.key for c in spec.choices} | {fold(c.en): c.key for c in spec.choices}
    names |= {c.key: c.key for c in spec.choices}
    keys: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            key = names.get(fold(", ".join(pieces[i:j])))
            if key is not None:
                keys.append(key)
                i = j
                break
        else:
            return text  # validate() names the piece it does not know
    return keys


def prepare_value(spec: FieldSpec, value: Any, communes: dict[str, str]) -> Any:
    """A cell's value in the shape validate() parses (it reads dd/mm/yyyy text): Excel's own
    quirks are undone here. Numbers typed as text were read before (`locale_values`), since
    an ambiguous one depends on its column."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    if spec.type == "date" and isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80_000:  # a date cell without a date format: Excel's serial number
            from openpyxl.utils.datetime import from_excel

            return from_excel(value)
    if spec.type in ("integer", "decimal") and isinstance(value, float) and value.is_integer():
        return int(value)
    if spec.type == "date" and isinstance(value, str):
        return date_from_text(value) or value  # d/m/yy; longer forms: validate() reads them
    if spec.type == "text" and isinstance(value, int | float) and not isinstance(value, bool):
        text = whole_number_text(value)
        if spec.key == "phone" and len(text) == 9:
            text = "0" + text  # Excel drops the leading zero of a phone typed as a number
        return text
    if spec.type == "text" and isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if spec.choices_from == "communes" and value is not None:
        text = whole_number_text(value)
        return communes.get(fold(text)) or communes.get(text.zfill(5)) or text
    if spec.type == "multi_choice" and isinstance(value, str):
        return _multi_choice(spec, value)
    if spec.type == "choice" and spec.choices and isinstance(value, str):
        return _choice_part(spec, value)
    return value


def _choice_part(spec: FieldSpec, text: str) -> str:
    """Old lists write the short form of a label: "Giám đốc" for "Giám đốc / Tổng giám
    đốc", "Khác" for "Khác (kế toán, thủ quỹ…)"."""
    wanted = fold(text)
    for choice in spec.choices:
        if wanted in (fold(choice.vi), fold(choice.en), choice.key):
            return text
    for choice in spec.choices:
        parts = re.split(r"/|\(", choice.vi)
        if any(fold(part) == wanted for part in parts if part.strip()):
            return choice.key
    return text


def whole_number_text(value: Any) -> str:
    """A code typed as a number ("21211" became 21211.0) written back as its digits; any other
    value as text, so that an infinite or fractional number is reported, never cut down."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (
        isinstance(value, float) and math.isfinite(value) and value.is_integer()
    ):
        return str(int(value))
    return str(value).strip()
