"""Reading values the way officers write them, for validation and the editors.

Values arrive typed in the GUI, read from Excel or given on the command line, so numbers are
read in the Vietnamese way ("1.234", "12,5") as well as the computer's ("1234.5"), dates as
day/month/year, and spec bounds such as "today+365" are resolved against today. Numbers shown
back in messages use the Vietnamese separators too (1.234.567 and 12,5), years plainly.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from htx_desktop.formatting import fmt_date, fmt_decimal, fmt_int
from htx_desktop.registry.forms import FieldSpec

TRUE_WORDS = {"1", "true", "có", "co", "x", "yes", "đúng", "dung", "c"}
FALSE_WORDS = {"0", "false", "không", "khong", "no", "sai", "k", ""}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def parse_vn_number(text: str, integer: bool) -> Decimal:
    """'1.234' -> 1234, '1.234,5' -> 1234.5, '12,5' -> 12.5, '1234.5' -> 1234.5."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        raise InvalidOperation
    if "," in s and "." in s:
        s = (
            s.replace(".", "").replace(",", ".")
            if s.rfind(",") > s.rfind(".")
            else s.replace(",", "")
        )
    elif "," in s:
        parts = s.split(",")
        s = (
            s.replace(",", "")
            if len(parts) > 2 or (integer and len(parts[-1]) == 3)
            else s.replace(",", ".")
        )
    elif s.count(".") > 1 or (integer and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s)):
        s = s.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):
        raise InvalidOperation
    return Decimal(s)


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def resolve_bound(bound: Any, ftype: str, today: date) -> Any:
    """Turn "today+365", "this_year-15" or an ISO date in a spec into a comparable value."""
    if not isinstance(bound, str):
        return Decimal(str(bound)) if ftype == "decimal" else bound
    m = re.fullmatch(r"(today|this_year)([+-]\d+)?", bound)
    if m:
        offset = int(m.group(2) or 0)
        if m.group(1) == "today":
            return today + timedelta(days=offset)
        return today.year + offset
    return date.fromisoformat(bound)


def is_year_field(spec: FieldSpec) -> bool:
    """Years are integers shown without a thousands dot ("2020", not "2.020")."""
    bounds = (spec.min, spec.max)
    return spec.type == "integer" and (
        spec.key.endswith("year")
        or any(isinstance(b, str) and b.startswith("this_year") for b in bounds)
    )


def format_number(spec: FieldSpec | None, value: Any) -> str:
    """A number as the officer reads it: 1.234.567 and 12,5; a year plainly; a date as
    dd/mm/yyyy (bounds in messages are numbers or dates)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (spec is not None and spec.type == "integer"):
        number = int(value)
        return str(number) if spec is not None and is_year_field(spec) else fmt_int(number)
    places = spec.decimals if spec is not None and spec.decimals is not None else 2
    return fmt_decimal(Decimal(str(value)), places)
