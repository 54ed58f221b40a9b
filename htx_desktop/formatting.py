"""Vietnamese display formats shared by lists, reports and workbooks.

Thousands are separated by "." and decimals by "," (1.234,5); dates are dd/mm/yyyy, and the
long form of Decree 30 pads day < 10 and months 1–2: "ngày 05 tháng 01 năm 2026".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def fmt_int(value: int | None) -> str:
    if value is None:
        return ""
    return f"{value:,}".replace(",", ".")


def fmt_decimal(value: Decimal | float | int | None, places: int = 2) -> str:
    """Trailing zeros dropped: 12.50 -> "12,5", 1234.00 -> "1.234"."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(value: float | Decimal | None, places: int = 1) -> str:
    if value is None:
        return "—"
    return f"{fmt_decimal(Decimal(str(round(float(value), places))), places)} %"


def fmt_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def long_date(value: date, place: str | None = None) -> str:
    """Decree 30 place-and-date line: "Quảng Ngãi, ngày 05 tháng 01 năm 2026"."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


def yes_no(value: bool | None) -> str:
    return "Có" if value else "Không"
