"""Numbers and dates typed as text, read the same whatever language the officer's Excel speaks.

Numbers. Vietnamese writes "1.500.000" and "2,5"; English writes "1,500,000" and "2.5". Text
in a number column is read by this rule:
- both marks present ("1.500,5", "1,500.5"): the last one is the decimal mark, the other
  groups thousands (groups of three digits, or the text is refused);
- one mark repeated ("1.500.000", "1,500,000"): it groups thousands;
- one mark once, not followed by exactly three digits ("2,5", "2.5", "1,25"): a decimal mark;
- one mark once followed by exactly three digits ("1.500", "1,500"): in a column of whole
  numbers (integer fields) it groups thousands, since a whole number has no decimals; in a
  decimal column it is ambiguous (fifteen hundred, or one and a half) and is read by the
  convention the same column shows elsewhere (another cell such as "2.350,5" or "2,5" proves
  the comma is the decimal mark); when the column shows none, or both, the cell is refused with
  a message naming it and saying how to write it unambiguously.
Real numbers (what Excel stores when the template's number cells are typed in) never go
through this: they are numbers whatever the display language.

Dates. Real date cells are dates. Text is read in Vietnamese order, day first: dd/mm/yyyy,
d/m/yyyy and d/m/yy (two-digit years up to this year's are 20yy, others 19yy); "-" and "."
separators too. An English-order text ("3/15/2019") fails as an impossible month and
`validate` says how to write the date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

COMMA, DOT = ",", "."
_NUMBER = re.compile(r"-?\d[\d.,]*")
_SHORT_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})")


def _clean(text: str) -> str:
    return text.strip().replace(" ", "").replace("\u00a0", "")


def _ambiguous(s: str) -> bool:
    """One mark, once, followed by exactly three digits, after a non-zero leading part."""
    marks = [ch for ch in s if ch in ",."]
    if len(marks) != 1:
        return False
    head, tail = s.split(marks[0])
    return len(tail) == 3 and head.lstrip("-") not in ("", "0")


def decimal_mark_shown(text: str) -> str | None:
    """The decimal mark a cell proves (COMMA or DOT), or None when it proves neither."""
    s = _clean(text)
    if not _NUMBER.fullmatch(s) or _ambiguous(s):
        return None
    has_comma, has_dot = COMMA in s, DOT in s
    if has_comma and has_dot:
        return COMMA if s.rfind(COMMA) > s.rfind(DOT) else DOT
    for mark in (COMMA, DOT):
        if s.count(mark) == 1:
            return mark
        if s.count(mark) > 1:
            return DOT if mark == COMMA else COMMA
    return None


def column_decimal_mark(values: Iterable[Any]) -> str | None:
    """The decimal mark a column's text cells agree on; None when none shows one or they
    disagree (then an ambiguous cell is refused)."""
    shown = {decimal_mark_shown(v) for v in values if isinstance(v, str)} - {None}
    return shown.pop() if len(shown) == 1 else None


def _grouped(part: str) -> bool:
    groups = part.lstrip("-").split("|")
    return bool(groups[0]) and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def number_from_text(text: str, integer: bool, column_mark: str | None) -> Decimal | str | None:
    """The number a text means, the refusal (Vietnamese) when it is ambiguous, or None when it
    is not a number at all (`validate` then says so)."""
    s = _clean(text)
    if not _NUMBER.fullmatch(s):
        return None
    if _ambiguous(s):
        mark = s[len(s) - 4]
        if integer or (column_mark is not None and column_mark != mark):
            return _dec(s.replace(mark, ""))
        if column_mark == mark:
            return _dec(s.replace(COMMA, "."))
        return _ambiguity(text.strip(), int(s.replace(mark, "")),
                          Decimal(s.replace(mark, ".")).normalize())
    has_comma, has_dot = COMMA in s, DOT in s
    if has_comma and has_dot:
        decimal_mark = COMMA if s.rfind(COMMA) > s.rfind(DOT) else DOT
        group_mark = DOT if decimal_mark == COMMA else COMMA
        whole, _, fraction = s.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole.replace(group_mark, "|")):
            return None
        return _dec(whole.replace(group_mark, "") + "." + fraction)
    for mark in (COMMA, DOT):
        if s.count(mark) > 1:
            return _dec(s.replace(mark, "")) if _grouped(s.replace(mark, "|")) else None
        if s.count(mark) == 1:
            return _dec(s.replace(mark, "."))
    return _dec(s)


def _dec(text: str) -> Decimal:
    """'0.500' -> 0.5: zeros after the decimal mark carry no meaning (and would count
    against the field's allowed decimal places)."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def number_cell(field_type: str, value: Any, column_mark: str | None) -> tuple[Any, str | None]:
    """A number column's cell made ready for `validate`, or the refusal of ambiguous text."""
    if field_type not in ("integer", "decimal") or not isinstance(value, str):
        return value, None
    got = number_from_text(value, field_type == "integer", column_mark)
    if got is None:
        return value, None  # not a number: validate says so, with an example
    if isinstance(got, str):
        return None, got
    return got, None


def _vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _ambiguity(text: str, whole: int, fraction: Decimal) -> str:
    decimal = str(fraction).replace(".", ",")
    return (f"“{text}” có thể là {_vn(whole)} hoặc {decimal}: hãy ghi {_vn(whole)},0 nếu là "
            f"{_vn(whole)}, hoặc {decimal}0 nếu là {decimal} (hay gõ số vào ô, không gõ dạng chữ).")


def date_from_text(text: str, today: date | None = None) -> date | None:
    """d/m/yy (two-digit year) in Vietnamese order; longer forms are left to `validate`."""
    match = _SHORT_DATE.fullmatch(text.strip())
    if match is None:
        return None
    day, month, short = (int(g) for g in match.groups())
    this_year = (today or date.today()).year
    year = 2000 + short if 2000 + short <= this_year else 1900 + short
    try:
        return date(year, month, day)
    except ValueError:
        return None
