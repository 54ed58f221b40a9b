"""A record list as the officer sees it (filtered, sorted), written to an Excel workbook.

The page hands over its visible rows in the order shown; this module only writes them, so the
file always matches the screen. Cells are typed as in the bundle's workbook
(`exchange.workbook`: its cell makers, header row and autofilter are reused): numbers are
numbers with a thousands separator, dates are dates shown dd/mm/yyyy, yes/no reads "Có"/"Không",
choices read as their Vietnamese labels, and a text that Excel would take for a formula is
stored as plain text. The header row is frozen and carries an autofilter.

Qt-free: the GUI calls it on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from htx_desktop.exchange.workbook import (
    DATE_FORMAT,
    INTEGER_FORMAT,
    NO,
    YES,
    _Cells,
    _Column,
    _finish,
    _start,
)
from htx_desktop.registry.listing import ListColumn, ListRow

#: Excel refuses longer sheet names and these characters in them.
SHEET_NAME_LIMIT = 31
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_name(title: str) -> str:
    name = " ".join(title.translate(_SHEET_FORBIDDEN).split())[:SHEET_NAME_LIMIT].strip()
    return name or "Danh sách"


def _yes_no(value: Any) -> Any:
    return None if value is None else (YES if value else NO)


def _kind(column: ListColumn, rows: Sequence[ListRow], index: int) -> str:
    """How a column's cells are typed: from the form field, else from the values it holds
    (a page's computed column, such as "Phụ nữ quản lý")."""
    spec = column.field
    if spec is not None:
        if spec.choices_from or spec.type in ("choice", "multi_choice", "text"):
            return "text"
        if spec.type == "integer":
            return "year" if spec.key.endswith("year") else "integer"
        if spec.type in ("decimal", "date", "boolean"):
            return spec.type
        return "text"
    for row in rows:
        value = row.values[index]
        if value is None:
            continue
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, int):
            return "integer"
        if isinstance(value, (float, Decimal)):
            return "decimal"
        if isinstance(value, date):
            return "date"
        return "text"
    return "text"


def _writer(kind: str, cells: _Cells, spec_decimals: int | None) -> Callable[[Any, str], Any]:
    """A function (stored value, shown text) -> cell."""
    text = cells.text()
    if kind == "integer":
        number = cells.number(INTEGER_FORMAT)
        return lambda v, shown: number(v) if isinstance(v, int) else text(shown)
    if kind == "year":
        number = cells.number("0")
        return lambda v, shown: number(v) if isinstance(v, int) else text(shown)
    if kind == "decimal":
        places = 2 if spec_decimals is None else spec_decimals
        number = cells.number(INTEGER_FORMAT + ("." + "0" * places if places else ""))
        return lambda v, shown: (
            number(v) if isinstance(v, (int, float, Decimal)) else text(shown)
        )
    if kind == "date":
        day = cells.date()
        return lambda v, shown: day(v) if isinstance(v, date) else text(shown)
    if kind == "boolean":
        return lambda v, shown: _yes_no(v) if isinstance(v, bool) or v is None else text(shown)
    return lambda v, shown: text(shown)


def _width(header: str, rows: Sequence[ListRow], index: int) -> float:
    longest = max((len(r.display[index]) for r in rows[:500]), default=0)
    return float(min(50, max(10, len(header) * 0.8, longest + 2)))


def write_list_workbook(
    target: Path | str,
    title: str,
    columns: Sequence[ListColumn],
    rows: Sequence[ListRow],
    lang: str = "vi",
) -> int:
    """Write `rows` (already filtered and in the order shown) under `columns`' labels to
    `target`; returns the number of rows written. The file is written beside the target and
    moved into place, so a failure never leaves half a workbook under the chosen name."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name(title))
    cells = _Cells(ws)
    writers: list[Callable[[Any, str], Any]] = []
    layout: list[_Column] = []
    for index, column in enumerate(columns):
        kind = _kind(column, rows, index)
        decimals = column.field.decimals if column.field is not None else None
        writers.append(_writer(kind, cells, decimals))
        header = column.label(lang)
        layout.append(_Column(header, _width(header, rows, index), lambda v: v))
    _start(ws, layout)
    for row in rows:
        ws.append(
            [
                write(value, shown)
                for write, value, shown in zip(writers, row.values, row.display, strict=True)
            ]
        )
    _finish(ws, len(columns), len(rows))
    wb.properties.title = title
    path = Path(target)
    partial = path.with_name(path.name + ".partial")
    try:
        wb.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return len(rows)


__all__ = ["DATE_FORMAT", "sheet_name", "write_list_workbook"]
