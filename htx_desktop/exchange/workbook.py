"""The Excel workbook a bundle carries: one sheet per record type with Vietnamese headers
from the form specs, and a sheet of the plan's indicators.

Officers sort, filter and sum it in Excel or LibreOffice, so cells are typed: numbers are
numbers, dates are dates shown dd/mm/yyyy, yes/no fields read "Có"/"Không". They are text
rather than booleans with a "Có";"Có";"Không" format: both programs then list exactly those two
words in the filter, a CSV export and a LibreOffice re-save keep them, and the importer and the
receiver's check read them as written. A column that refers to another record shows what an
officer knows it by (the HTX's registration code and name, a class's title, a person's name);
the record's UUID follows in the last columns, for re-import and for the receiver's check.

Excel evaluates a cell typed as `=…`, `+…`, `-…` or `@…` as a formula; any such text is
stored as a quoted string so an officer opening the file never runs what someone typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from htx_desktop.collation import unit_key, vn_key
from htx_desktop.registry.forms import FieldSpec, get_form
from htx_desktop.registry.listing import display_value, unit_names
from htx_desktop.storage.models import (
    SYNCED_MODELS,
    Cooperative,
    CooperativeGroup,
    Manager,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)
from htx_desktop.text import visible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Sheet per record type, in dependency order, with the columns the application fills. A link
#: column's header is what the template calls it (the officer types a code or a name there).
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
#: The attendance sheet's columns the importer reads (the template's sheet has only these).
ATTENDANCE_HEADERS: tuple[str, ...] = (
    ID_HEADER,
    UNIT_HEADER,
    "Mã lớp",
    "Mã người quản lý",
    "Mã cán bộ",
    REVISION_HEADER,
    DELETED_HEADER,
)
#: Shown beside a link column of the bundle's workbook (the importer ignores it).
LINK_NAME_HEADERS: dict[str, str] = {"cooperative_id": "Tên HTX"}
#: The linked record's UUID, in the last columns of the bundle's workbook; on re-import it
#: wins over the code or name beside it.
LINK_UUID_HEADERS: dict[str, str] = {
    "cooperative_id": "Mã bản ghi HTX (UUID)",
    "group_id": "Mã bản ghi THT (UUID)",
}
YES, NO = "Có", "Không"
DATE_FORMAT = "dd/mm/yyyy"
INTEGER_FORMAT = "#,##0"
PLAIN_NUMBER_FORMAT = "0"


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
    """The template's columns. The bundle's workbook has these too, in another order (the
    record's own columns first, its identifiers last) and with a linked HTX's name and the
    linked records' UUIDs added; the importer finds columns by header, not position."""
    return [
        ID_HEADER,
        UNIT_HEADER,
        *(label for _, label in links),
        *(f.label_vi for f in sheet_fields(form_key, personal)),
        REVISION_HEADER,
        DELETED_HEADER,
    ]


@dataclass
class _Column:
    """How one column is written: its header, width and the cell a stored value becomes."""

    header: str
    width: float
    write: Callable[[Any], Any]


class _Cells:
    """Makers of typed cells for one sheet. Each maker reuses one cell object row after row
    (a write-only sheet writes a row as it is appended, so the cell is free again): call a
    maker once per column, never share one between two columns of a row."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def _styled(self, number_format: str) -> Callable[[Any], Any]:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws)
        cell.number_format = number_format

        def write(value: Any) -> Any:
            if value is None:
                return None
            cell.value = value
            return cell

        return write

    def number(self, number_format: str) -> Callable[[Any], Any]:
        styled = self._styled(number_format)
        return lambda v: styled(float(v) if isinstance(v, Decimal) else v)

    def date(self) -> Callable[[Any], Any]:
        return self._styled(DATE_FORMAT)

    def text(self) -> Callable[[Any], Any]:
        ws = self.ws
        return lambda v: None if v in (None, "") else safe_cell(ws, str(v))

    @staticmethod
    def yes_no(value: Any) -> Any:
        return None if value is None else (YES if value else NO)

    @staticmethod
    def raw(value: Any) -> Any:
        return value


def _decimal_format(spec: FieldSpec) -> str:
    places = 2 if spec.decimals is None else spec.decimals
    return INTEGER_FORMAT + ("." + "0" * places if places else "")


def _field_column(spec: FieldSpec, cells: _Cells, names: dict[str, str]) -> _Column:
    header = spec.label_vi
    if spec.type == "integer":
        year = spec.key.endswith("year")
        return _Column(header, 12, cells.number(PLAIN_NUMBER_FORMAT if year else INTEGER_FORMAT))
    if spec.type == "decimal":
        return _Column(header, 16, cells.number(_decimal_format(spec)))
    if spec.type == "date":
        return _Column(header, 12, cells.date())
    if spec.type == "boolean":
        return _Column(header, 13, cells.yes_no)
    text = cells.text()
    if spec.type in ("choice", "multi_choice") or spec.choices_from:
        width = 30 if spec.type == "multi_choice" else 18
        return _Column(header, width, lambda v: text(display_value(spec, v, "vi", names)))
    if spec.multiline:
        return _Column(header, 40, text)
    short = spec.max_length is not None and spec.max_length <= 20  # codes, phone numbers
    return _Column(header, 14 if short else 26, text)


@dataclass
class _Lookups:
    """What an officer knows a linked record by, for every record of the linked tables."""

    cooperatives: dict[str, tuple[str | None, str]]
    groups: dict[str, str]
    sessions: dict[str, tuple[str, date]]
    people: dict[str, str]

    @classmethod
    def load(cls, session: Session) -> _Lookups:
        coop = Cooperative

        def pairs(stmt: Any) -> dict[str, Any]:
            return {row[0]: row[1] for row in session.execute(stmt)}

        return cls(
            {i: (c, n) for i, c, n in session.execute(
                select(coop.id, coop.registration_code, coop.name))},
            pairs(select(CooperativeGroup.id, CooperativeGroup.name)),
            {i: (t, d) for i, t, d in session.execute(
                select(TrainingSession.id, TrainingSession.title, TrainingSession.start_date))},
            pairs(select(Manager.id, Manager.full_name))
            | pairs(select(UnionCadre.id, UnionCadre.full_name)),
        )


def _meta_tail(cells: _Cells) -> list[_Column]:
    """Deleted, owner, revision and the record's UUID: after the record's own columns, so a
    printed or narrow window starts with what an officer reads."""
    return [
        _Column(DELETED_HEADER, 9, cells.yes_no),
        _Column(UNIT_HEADER, 12, cells.raw),
        _Column(REVISION_HEADER, 10, cells.number(PLAIN_NUMBER_FORMAT)),
        _Column(ID_HEADER, 38, cells.raw),
    ]


def _link_columns(links: tuple[tuple[str, str], ...], cells: _Cells, look: _Lookups) -> list[
    tuple[int, _Column]
]:
    """(link index, column) of the code and name shown for each link."""
    text = cells.text()
    coops, groups = look.cooperatives, look.groups
    out: list[tuple[int, _Column]] = []
    for i, (link, label) in enumerate(links):
        if link == "cooperative_id":
            out.append((i, _Column(label, 14, lambda v: text(coops.get(v, (None, ""))[0]))))
            name = LINK_NAME_HEADERS[link]
            out.append((i, _Column(name, 30, lambda v: text(coops.get(v, (None, ""))[1]))))
        else:
            out.append((i, _Column(label, 30, lambda v: text(groups.get(v)))))
    return out


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

    codes = list(unit_codes)
    names = unit_names(session)
    look = _Lookups.load(session)
    with _sort_functions(session, names, look):
        wb = Workbook(write_only=True)
        models = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
        steps = len(SHEETS) + 2
        for step, (form_key, title, links) in enumerate(SHEETS):
            ws = wb.create_sheet(title)
            cells = _Cells(ws)
            model = models[form_key]
            fields = sheet_fields(form_key, personal)
            shown = _link_columns(links, cells, look)
            data = [_field_column(f, cells, names) for f in fields] + _meta_tail(cells)
            uuids = [_Column(LINK_UUID_HEADERS[k], 38, cells.raw) for k, _ in links]
            columns = [*(c for _, c in shown), *data, *uuids]
            _start(ws, columns)
            written = 0
            stmt = select(
                *(getattr(model, f.key) for f in fields),
                model.deleted, model.unit_code, model.revision, model.id,
                *(getattr(model, k) for k, _ in links),
            ).where(model.unit_code.in_(codes)).order_by(*_reading_order(model, links))
            n_links = len(links)
            writers = [c.write for c in data]
            for row in session.execute(stmt):
                linked = row[len(row) - n_links:] if n_links else ()
                ws.append([
                    *(col.write(linked[i]) for i, col in shown),
                    *(w(v) for w, v in zip(writers, row, strict=False)),
                    *linked,
                ])
                written += 1
            _finish(ws, len(columns), written)
            if progress:
                progress(step + 1, steps)
        _write_attendance(wb.create_sheet(ATTENDANCE_SHEET), session, codes, look)
    if indicators is not None:
        ws = wb.create_sheet(INDICATOR_SHEET)
        cells = _Cells(ws)
        columns = [
            _Column("Chỉ tiêu", 60, cells.text()),
            _Column("Kết quả", 14, cells.number("General")),
            _Column("Chỉ tiêu 2025", 14, cells.number("General")),
            _Column("% đạt 2025", 12, cells.number("0.0")),
            _Column("Chỉ tiêu 2030", 14, cells.number("General")),
            _Column("% đạt 2030", 12, cells.number("0.0")),
        ]
        _start(ws, columns)
        for item in indicators:
            ws.append([c.write(v) for c, v in zip(columns, item, strict=True)])
        _finish(ws, len(columns), len(indicators))
    if progress:
        progress(steps, steps)
    wb.save(out)


@contextmanager
def _sort_functions(session: Session, names: dict[str, str], look: _Lookups) -> Iterator[None]:
    """Vietnamese alphabetical order (`collation`) as SQL functions on this connection, so
    SQLite's own sorter orders the rows: it spills to a temporary file past its cache, where
    sorting in Python would hold a province's 374,000 rows in memory. One Python call per row
    and key, cached per distinct value."""
    raw = session.connection().connection.driver_connection
    unit_keys = {code: unit_key(name) for code, name in names.items()}
    coop_keys = {rid: vn_key(name) for rid, (_code, name) in look.cooperatives.items()}
    session_keys = {
        rid: f"{start.isoformat() if start else ''}\x00{vn_key(title)}"
        for rid, (title, start) in look.sessions.items()
    }
    raw.create_function("htx_vn_key", 1, vn_key, deterministic=True)
    raw.create_function(
        "htx_unit_order", 1, lambda code: unit_keys.get(code) or code, deterministic=True
    )
    raw.create_function(
        "htx_parent_order", 2,
        lambda coop, group: coop_keys.get(coop) or vn_key(look.groups.get(group)),
        deterministic=True,
    )
    raw.create_function("htx_session_order", 1, lambda rid: session_keys.get(rid, ""),
                        deterministic=True)
    raw.create_function("htx_person_order", 1, lambda rid: vn_key(look.people.get(rid)),
                        deterministic=True)
    try:
        yield
    finally:  # the pooled connection outlives this export: drop the lookups it holds
        for name, args in _SORT_FUNCTIONS:
            raw.create_function(name, args, _nothing, deterministic=True)


def _nothing(*_args: object) -> None:
    """What a dropped sort function answers (Python's sqlite3 cannot unregister one)."""
    return None


_SORT_FUNCTIONS = (
    ("htx_vn_key", 1), ("htx_unit_order", 1), ("htx_parent_order", 2),
    ("htx_session_order", 1), ("htx_person_order", 1),
)


#: The column a sheet's rows are read by, after their commune (and their HTX/THT for a
#: record that belongs to one).
_NAME_COLUMNS = {
    "cooperative": "name", "cooperative_group": "name", "manager": "full_name",
    "period_figures": "period", "union_cadre": "full_name",
}


def _reading_order(model: Any, links: tuple[tuple[str, str], ...]) -> list[Any]:
    """Commune, then parent HTX/THT, then the record's name (trainings by date and title), in
    Vietnamese alphabetical order; the id last so equal names keep one stable order."""
    order = [func.htx_unit_order(model.unit_code)]
    if links:
        order.append(func.htx_parent_order(model.cooperative_id, model.group_id))
    if model.__tablename__ == "training_session":
        order += [model.start_date, func.htx_vn_key(model.title)]
    elif model.__tablename__ == "period_figures":
        order.append(model.period)
    else:
        order.append(func.htx_vn_key(getattr(model, _NAME_COLUMNS[model.__tablename__])))
    return [*order, model.id]


def _write_attendance(ws: Any, session: Session, codes: list[str], look: _Lookups) -> None:
    """Named attendees: the class and the person by name and date, their UUIDs after."""
    cells = _Cells(ws)
    text, day = cells.text(), cells.date()
    no_session = ("", None)
    meta = _meta_tail(cells)
    columns = [
        _Column("Lớp tập huấn", 36, text), _Column("Ngày bắt đầu", 12, day),
        _Column("Học viên", 28, text),
        *meta,
        *(_Column(h, 38, cells.raw) for h in ATTENDANCE_HEADERS[2:5]),
    ]
    _start(ws, columns)
    written = 0
    ta = TrainingAttendance
    for rid, unit, session_id, manager_id, cadre_id, rev, gone in session.execute(
        select(
            ta.id, ta.unit_code, ta.session_id, ta.manager_id, ta.cadre_id, ta.revision, ta.deleted
        )
        .where(ta.unit_code.in_(codes))
        .order_by(
            func.htx_unit_order(ta.unit_code), func.htx_session_order(ta.session_id),
            func.htx_person_order(func.coalesce(ta.manager_id, ta.cadre_id)), ta.id,
        )
    ):
        title, start = look.sessions.get(session_id, no_session)
        person = look.people.get(manager_id or cadre_id or "")
        ws.append([
            text(title), day(start), text(person),
            *(c.write(v) for c, v in zip(meta, (gone, unit, rev, rid), strict=True)),
            session_id, manager_id, cadre_id,
        ])
        written += 1
    _finish(ws, len(columns), written)


def _start(ws: Any, columns: list[_Column]) -> None:
    """Widths, the frozen bold header row; before the first row (a write-only sheet writes its
    column widths with it)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(name="Calibri", size=11, bold=True)  # the body's font (no name: a serif)
    wrap = Alignment(wrap_text=True, vertical="top")
    fill = PatternFill("solid", fgColor="DDEBF7")
    row = []
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font, cell.alignment, cell.fill = bold, wrap, fill
        row.append(cell)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 62  # four lines: a write-only row is not measured
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.scale = 70  # a printed page holds the record's main columns
    ws.append(row)


def _finish(ws: Any, width: int, rows: int) -> None:
    """An autofilter over the header and the rows written."""
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(width)}{rows + 1}"
