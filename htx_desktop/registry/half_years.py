"""Half-years, the periods figures are kept by ("2025-H1", "2025-H2"). Qt-free and
database-free, so validation, the pages and the queries share one reading of them.

Reports have their own periods (`indicators.rules.ReportPeriod`: "2025-H1" or the year "2025",
whose figures are those of "2025-H2"); figures are only ever entered per half-year.
"""

from __future__ import annotations

import re
from datetime import date

#: The plan's first half-year.
FIRST_HALF_YEAR = "2023-H1"
#: The oldest half-year offered when entering figures: the plan starts in 2023, and the three
#: years before it may still be entered as a baseline.
OLDEST_OFFERED = "2020-H1"

_CODE = re.compile(r"^(20[0-9]{2})-H([12])$")


def is_half_year(code: object) -> bool:
    return isinstance(code, str) and _CODE.fullmatch(code) is not None


def half_year_of(day: date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def half_year_key(code: str) -> tuple[int, int]:
    """(year, half) for ordering: "2024-H2" < "2025-H1"."""
    year, _, half = code.partition("-H")
    return int(year), int(half)


def previous_half_year(code: str) -> str:
    year, half = half_year_key(code)
    return f"{year}-H1" if half == 2 else f"{year - 1}-H2"


def is_future(code: str, today: date) -> bool:
    """A half-year that has not begun yet on `today`."""
    return half_year_key(code) > half_year_key(half_year_of(today))


def half_years(first: str = FIRST_HALF_YEAR, today: date | None = None) -> list[str]:
    """Every half-year from `first` to the one `today` falls in, oldest first."""
    year, half = half_year_key(first)
    last = half_year_key(half_year_of(today or date.today()))
    codes = []
    while (year, half) <= last:
        codes.append(f"{year}-H{half}")
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return codes


def half_year_label(code: str, lang: str = "vi") -> str:
    """ "6 tháng đầu năm 2025" / "First half of 2025"; anything else as it is."""
    match = _CODE.fullmatch(code)
    if match is None:
        return code
    year, half = match.group(1), match.group(2)
    if lang == "en":
        return f"{'First' if half == '1' else 'Second'} half of {year}"
    return f"6 tháng {'đầu' if half == '1' else 'cuối'} năm {year}"
