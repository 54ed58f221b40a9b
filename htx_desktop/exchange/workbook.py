"""The Excel workbook a bundle carries: one sheet per record type with Vietnamese headers
from the form specs, and a sheet of the plan's indicators.

Excel evaluates a cell typed as `=…`, `+…`, `-…` or `@…` as a formula; any such text is
stored as a quoted string so an officer opening the file never runs what someone typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.registry.forms import FieldSpec, get_form
from htx_desktop.registry.listing import display_value, unit_names
from htx_desktop.storage.models import SYNCED_MODELS, TrainingAttendance
from htx_desktop.text import visible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Sheet per record type, in dependency order, with the columns the application fills.
SHEETS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("cooperative", "Hợp tác xã", ()),
    ("cooperative_group", "Tổ hợp tác", ()),
    ("manager", "Người quản lý", (("cooperative_id", "Mã HTX"), ("group_id", "Mã THT"))),
    ("period_figures", "Số liệu theo kỳ", (("cooperative_id", "Mã HTX"), ("group_id", "Mã THT"))),
    ("union_cadre", "Cán bộ Hội", ()),
    ("training_session", "Lớp tập huấn", ()),
)
ATTENDANCE_SHEET = "Học viên có tên"
INDICATOR_SHEET = "Chỉ tiêu Kế hoạch"
ID_HEADER = "Mã bản ghi (UUID)"
UNIT_HEADER = "Đơn vị sở hữu"
REVISION_HEADER = "Phiên bản"
DELETED_HEADER = "Đã xóa"
ATTENDANCE_HEADERS: tuple[str, ...] = (
    ID_HEADER,
    UNIT_HEADER,
    "Mã lớp",
    "Mã người quản lý",
    "Mã cán bộ",
    REVISION_HEADER,
    DELETED_HEADER,
)


def safe_cell(ws: Any, value: Any) -> Any:
    """Plain value, or a quoted text cell when the text could be taken for a formula. Control,
    bidirectional and zero-width characters show as escapes (a record stored before they were
    refused must still export: a spreadsheet cannot hold most controls)."""
    if isinstance(value, str):
        value = visible(value, multiline=True)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def sheet_fields(form_key: str, personal: bool = True) -> list[FieldSpec]:
    return [f for f in get_form(form_key).fields if personal or not f.personal]


def headers(form_key: str, links: Iterable[tuple[str, str]], personal: bool = True) -> list[str]:
    return [
        ID_HEADER,
        UNIT_HEADER,
        *(label for _, label in links),
        *(f.label_vi for f in sheet_fields(form_key, personal)),
        REVISION_HEADER,
        DELETED_HEADER,
    ]


def write_workbook(
    session: Session,
    unit_codes: Iterable[str],
    out: Path | IO[bytes],
    indicators: list[tuple[str, Any, Any, Any, Any, Any]] | None = None,
    personal: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write-only workbook (bounded memory) of every record the units own, tombstones marked."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    codes = list(unit_codes)
    names = unit_names(session)
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    models = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
    steps = len(SHEETS) + 2
    for step, (form_key, title, links) in enumerate(SHEETS):
        ws = wb.create_sheet(title)
        _header_row(ws, headers(form_key, links, personal), bold)
        model = models[form_key]
        fields = sheet_fields(form_key, personal)
        cols = [model.id, model.unit_code, *(getattr(model, k) for k, _ in links)]
        cols += [getattr(model, f.key) for f in fields] + [model.revision, model.deleted]
        stmt = select(*cols).where(model.unit_code.in_(codes)).order_by(model.id)
        head = 2 + len(links)
        for row in session.execute(stmt):
            values = list(row)
            for i, spec in enumerate(fields):
                values[head + i] = display_value(spec, values[head + i], "vi", names)
            values[-1] = "Có" if values[-1] else ""
            ws.append([safe_cell(ws, v) for v in values])
        if progress:
            progress(step + 1, steps)
    ws = wb.create_sheet(ATTENDANCE_SHEET)
    _header_row(ws, list(ATTENDANCE_HEADERS), bold)
    ta = TrainingAttendance
    for row in session.execute(
        select(
            ta.id, ta.unit_code, ta.session_id, ta.manager_id, ta.cadre_id, ta.revision, ta.deleted
        )
        .where(ta.unit_code.in_(codes))
        .order_by(ta.id)
    ):
        ws.append([*row[:-1], "Có" if row[-1] else ""])
    if indicators is not None:
        ws = wb.create_sheet(INDICATOR_SHEET)
        _header_row(
            ws,
            ["Chỉ tiêu", "Kết quả", "Chỉ tiêu 2025", "% đạt 2025", "Chỉ tiêu 2030", "% đạt 2030"],
            bold,
        )
        for item in indicators:
            ws.append([safe_cell(ws, v) for v in item])
    if progress:
        progress(steps, steps)
    wb.save(out)


def _header_row(ws: Any, titles: list[str], bold: Any) -> None:
    from openpyxl.cell import WriteOnlyCell

    row = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        row.append(cell)
    ws.append(row)
