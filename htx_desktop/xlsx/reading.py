"""Reading an officer's workbook into plain rows: the file checks, the encoding, the sheets and
their header rows.

Workbooks arrive from anywhere (a USB stick, Zalo, an e-mail), so the file is checked before
openpyxl parses it: a real .xlsx (a zip), no member that inflates absurdly (a zip bomb), and
XML parsed through defusedxml (openpyxl uses it when it is installed; without it the import
refuses to run). It is read in read-only mode, which keeps memory bounded but hides merged
cells: a merged header shows its text in the first cell and nothing in the others, which is
exactly what the header matching below fills in (left for a group heading, above for a heading
spanning two rows).

What a sheet says about its own size is a claim: read-only openpyxl pads every row to the
declared `<dimension>` (A1:XFD1048576 makes each row 16,384 cells), so the dimension is reset
and rows are taken as long as their last value. A value beyond `MAX_COLUMNS` columns or
`MAX_ROWS` rows refuses the sheet with a message; trailing empty rows and cells cost nothing.
Before openpyxl parses anything, every XML part is streamed once through expat
(`_scan_part`), which hands text over in pieces: a text longer than Excel's own limit for a
cell (32,767 characters), more shared strings than `MAX_SHARED_STRINGS`, or a DOCTYPE (entity
tricks) refuses the file without ever holding it, since openpyxl would keep the whole shared
string table and each text whole in memory.

Formulas are never data: the workbook is read with its formulas (not their cached results),
and a cell holding one, or a text that Excel would take for one, comes back as `Formula` so
that the import refuses that row instead of storing what a formula computed or would compute.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htx_desktop.exchange.workbook import (
    ATTENDANCE_SHEET,
    DELETED_HEADER,
    ID_HEADER,
    INDICATOR_SHEET,
    LINK_NAME_HEADERS,
    LINK_UUID_HEADERS,
    REVISION_HEADER,
    SHEETS,
    UNIT_HEADER,
    sheet_fields,
)
from htx_desktop.text import fold
from htx_desktop.xlsx.footer_rows import FOOTER, row_kind
from htx_desktop.xlsx.header_synonyms import SKIP_HEADERS, SYNONYMS
from htx_desktop.xlsx.legacy_vn import (
    Encoding,
    Evidence,
    decode_sheet,
    detect,
    evidence,
    fix_text,
)
from htx_desktop.xlsx.locale_values import column_decimal_mark

MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 150
#: A province's list is a few thousand rows and a few dozen columns: far beyond is not a list.
MAX_ROWS = 100_000
MAX_COLUMNS = 200
#: Excel's own limit for the text of one cell.
MAX_CELL_TEXT = 32_767
#: Ten times the distinct texts of a province's full list.
MAX_SHARED_STRINGS = 200_000
HEADER_SCAN_ROWS = 12

META_ID, META_UNIT, META_REVISION, META_DELETED = "@id", "@unit", "@revision", "@deleted"
#: Prefix of a link's UUID column ("@uuid:cooperative_id"), read before its code or name.
META_LINK_UUID = "@uuid:"
IGNORED = "@ignored"



class XlsxImportError(ValueError):
    """The file cannot be read at all; the message (Vietnamese) says why and what to do."""


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula (or text Excel would take for one): never imported."""

    text: str

    def __str__(self) -> str:
        return self.text


_PLAIN = (str, int, float, bool, type(None))


def norm(text: str) -> str:
    """Header key: accents, case, punctuation, "*" and spacing ignored."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def norm_short(text: str) -> str:
    """The key without bracketed parts: "Vốn điều lệ (triệu đồng)" -> "von dieu le"."""
    return norm(re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text))


@dataclass
class SheetData:
    """One sheet matched to a record type: which column holds what, and the data rows."""

    title: str
    form_key: str
    header_row: int  # 1-based row number of the (last) header row
    columns: dict[int, str]  # 0-based column -> field key, link key or META_*
    headers: dict[int, str]  # 0-based column -> header text as found
    unknown: list[tuple[int, str]] = field(default_factory=list)
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)  # (row number, values)
    #: Totals and footer lines skipped (row number, TOTAL or FOOTER, the cell's text).
    not_records: list[tuple[int, str, str]] = field(default_factory=list)
    last_row: int = 0  # the last row with a value: where a footer block ends
    #: 0-based column -> the decimal mark its text cells show (see `locale_values`).
    decimal_marks: dict[int, str | None] = field(default_factory=dict)


@dataclass
class WorkbookData:
    encoding: Encoding
    sheets: list[SheetData]
    skipped: list[str]  # sheet titles not recognised


def check_file(path: Path) -> None:
    """Refuse what is not a sane .xlsx before any XML is parsed."""
    if path.suffix.lower() == ".xls":
        raise XlsxImportError(
            f"“{path.name}” là tệp Excel 97-2003 (.xls). Hãy mở tệp trong Excel, chọn "
            "Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi nhập tệp mới."
        )
    if not path.is_file():
        raise XlsxImportError(f"Không tìm thấy tệp “{path}”.")
    if not zipfile.is_zipfile(path):
        raise XlsxImportError(
            f"“{path.name}” không phải tệp Excel .xlsx (hoặc tệp bị hỏng). Hãy mở trong Excel "
            "và lưu lại dạng .xlsx."
        )
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise XlsxImportError(
            "Thiếu thành phần defusedxml để đọc tệp Excel an toàn. Hãy cài lại HTX Desktop."
        )
    with zipfile.ZipFile(path) as zf:
        total = 0
        for info in zf.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNCOMPRESSED or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
                raise XlsxImportError(
                    f"“{path.name}” giải nén ra quá lớn so với kích thước tệp; tệp có thể bị "
                    "làm giả. Không nhập tệp này."
                )
        for info in zf.infolist():
            if info.filename.startswith("xl/") and info.filename.endswith(".xml"):
                with zf.open(info) as part:
                    _scan_part(part, path.name)


def _count(number: int) -> str:
    """1048576 -> "1.048.576", as numbers are written in Vietnamese."""
    return f"{number:,}".replace(",", ".")


def _scan_part(part: Any, file_name: str) -> None:
    """Stream one XML part through expat, refusing what would make a reader allocate."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = False  # text arrives in pieces: a huge one is never held
    run = 0
    strings = 0

    def refuse(why: str) -> XlsxImportError:
        return XlsxImportError(f"“{file_name}” {why} Tệp có thể bị làm giả; không nhập tệp này.")

    def start(name: str, _attrs: Any) -> None:
        nonlocal run, strings
        run = 0
        if name == "si" or name.endswith(":si"):
            strings += 1
            if strings > MAX_SHARED_STRINGS:
                raise refuse(f"có hơn {_count(MAX_SHARED_STRINGS)} chuỗi chữ khác nhau.")

    def text(data: str) -> None:
        nonlocal run
        run += len(data)
        if run > MAX_CELL_TEXT:
            raise refuse(f"có một ô dài hơn {_count(MAX_CELL_TEXT)} ký tự (giới hạn của Excel).")

    def end(_name: str) -> None:
        nonlocal run
        run = 0

    def doctype(*_args: Any) -> None:
        raise refuse("có khai báo DOCTYPE, điều tệp Excel thật không có.")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        while chunk := part.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as exc:
        raise XlsxImportError(
            f"Không đọc được tệp Excel “{file_name}”: tệp bị hỏng hoặc không đúng định dạng "
            f"(XML: {exc.code})."
        ) from exc


def _field_keys(form_key: str, links: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Every header text (normalised) that names a column of this sheet."""
    keys: dict[str, str] = {
        norm(ID_HEADER): META_ID,
        "uuid": META_ID,
        norm(UNIT_HEADER): META_UNIT,
        norm(REVISION_HEADER): META_REVISION,
        norm(DELETED_HEADER): META_DELETED,
    }
    for link, label in links:
        keys[norm(label)] = link
        keys[norm(LINK_UUID_HEADERS[link])] = META_LINK_UUID + link
        if link in LINK_NAME_HEADERS:  # beside the code in a bundle's workbook; alone in a
            keys[norm(LINK_NAME_HEADERS[link])] = link  # legacy list (a link by name)
    for spec in sheet_fields(form_key):
        for text in (spec.label_vi, spec.label_en, spec.key):
            keys.setdefault(norm(text), spec.key)
            keys.setdefault(norm_short(text), spec.key)
    for key, synonyms in SYNONYMS.get(form_key, {}).items():
        for synonym in synonyms:
            keys.setdefault(norm(synonym), key)
            keys.setdefault(norm_short(synonym), key)
    for skip in SKIP_HEADERS:
        keys.setdefault(norm(skip), IGNORED)
    return keys


def _lookup(keys: dict[str, str], text: str) -> str | None:
    return keys.get(norm(text)) or keys.get(norm_short(text))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _match_header(
    rows: list[tuple[Any, ...]], keys: dict[str, str]
) -> tuple[int, dict[int, str], dict[int, str], list[tuple[int, str]]] | None:
    """The header row (0-based) and its column mapping, trying each of the first rows with
    the row above as a possible merged group heading."""
    best: tuple[int, dict[int, str], dict[int, str], list[tuple[int, str]]] | None = None
    best_score = 0
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        row = rows[r]
        above = rows[r - 1] if r > 0 else ()
        group = ""
        columns: dict[int, str] = {}
        found: dict[int, str] = {}
        unknown: list[tuple[int, str]] = []
        width = max(len(row), len(above))
        for c in range(width):
            own = _text(row[c]) if c < len(row) else ""
            top = _text(above[c]) if c < len(above) else ""
            group = top or group  # a merged group heading covers the cells to its right
            candidates = [own] if own else []
            if not own and top:
                candidates.append(top)  # heading merged over two rows
            if own and group:
                candidates += [f"{group} {own}", group]
            for text in candidates:
                key = _lookup(keys, text)
                if key is not None:
                    if key != IGNORED and key not in columns.values():
                        columns[c] = key
                        found[c] = text
                    break
            else:
                if own:
                    unknown.append((c, own))
        score = sum(1 for k in columns.values() if not k.startswith("@"))
        if score > best_score:
            best_score = score
            best = (r, columns, found, unknown)
    if best is None or best_score < 2:
        return None
    return best


def _sheet_form(title: str) -> str | None:
    wanted = norm(title)
    for form_key, sheet_title, _ in SHEETS:
        if norm(sheet_title) == wanted:
            return form_key
    return None


def _is_blank(values: tuple[Any, ...]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _is_numbering(values: tuple[Any, ...]) -> bool:
    """A row of column numbers under the header ("(1) (2) (3)…"), common in official lists."""
    cells = [_text(v) for v in values if _text(v)]
    return len(cells) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?|[A-Z]", c) for c in cells)


def read_workbook(path: Path) -> WorkbookData:
    """Every recognised sheet with its header mapping and data rows, text in NFC Unicode."""
    check_file(path)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise XlsxImportError(
            f"Không đọc được tệp Excel “{path.name}”: tệp bị hỏng hoặc không đúng định dạng "
            f"({type(exc).__name__})."
        ) from exc
    try:
        raw = {ws.title: _sheet_rows(ws) for ws in wb.worksheets}
    except XlsxImportError:
        raise
    except Exception as exc:  # a cell openpyxl cannot read: a shared text past the end...
        raise XlsxImportError(
            f"Không đọc được tệp Excel “{path.name}”: có ô bị hỏng hoặc ghi sai định dạng "
            f"({type(exc).__name__}). Hãy mở tệp bằng Excel, lưu lại rồi nhập lại."
        ) from exc
    finally:
        wb.close()

    texts = [v for rows in raw.values() for row in rows for v in row if isinstance(v, str)]
    encoding = detect(texts)
    workbook = sum((evidence(t) for t in texts), Evidence())
    fixed = {fix_text(title, encoding): decode_sheet(rows, workbook) for title, rows in raw.items()}
    return WorkbookData(encoding, *_sheets(fixed))


def _sheet_rows(ws: Any) -> list[tuple[Any, ...]]:
    """The sheet's rows, each as long as its last value, streamed (see the module docstring);
    blank rows in between are kept so that row numbers stay those the officer sees."""
    ws.reset_dimensions()
    rows: list[tuple[Any, ...]] = []
    blank_run = 0
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        width = len(values)
        while width and (values[width - 1] is None or values[width - 1] == ""):
            width -= 1
        if not width:
            blank_run += 1
            continue
        if number > MAX_ROWS:
            raise XlsxImportError(
                f"Bảng “{ws.title}” có dữ liệu ở dòng {_count(number)}, quá {_count(MAX_ROWS)} "
                "dòng. Hãy xóa các dòng thừa ở cuối bảng hoặc chia nhỏ tệp."
            )
        if width > MAX_COLUMNS:
            from openpyxl.utils import get_column_letter

            raise XlsxImportError(
                f"Bảng “{ws.title}” có dữ liệu ở cột {get_column_letter(width)} (dòng {number}), "
                f"quá {MAX_COLUMNS} cột. Hãy xóa các cột thừa bên phải rồi nhập lại."
            )
        rows.extend([()] * blank_run)
        blank_run = 0
        rows.append(tuple(_value(v) for v in values[:width]))
    return rows


def _value(value: Any) -> Any:
    """A cell's value as data; a formula (or text Excel would run as one) as `Formula`."""
    if isinstance(value, str):
        return Formula(value) if value.startswith("=") else value
    if isinstance(value, _PLAIN):
        return value
    from datetime import date, datetime, time, timedelta

    if isinstance(value, date | datetime | time | timedelta):
        return value
    return Formula(str(getattr(value, "text", value)))  # array and data-table formulas


def _sheets(raw: dict[str, list[tuple[Any, ...]]]) -> tuple[list[SheetData], list[str]]:
    links = {key: lk for key, _, lk in SHEETS}
    sheets: list[SheetData] = []
    skipped: list[str] = []
    taken: set[str] = set()
    for title, rows in raw.items():
        if norm(title) in {norm(INDICATOR_SHEET), "huong dan", "danh muc"} or not rows:
            continue
        if norm(title) == norm(ATTENDANCE_SHEET):
            sheets.append(_attendance(title, rows))
            continue
        candidates = [_sheet_form(title)] if _sheet_form(title) else list(links)
        best: tuple[int, str, Any] | None = None
        for form_key in candidates:
            if form_key is None or form_key in taken:
                continue
            match = _match_header(rows, _field_keys(form_key, links[form_key]))
            if match is None:
                continue
            score = sum(1 for k in match[1].values() if not k.startswith("@"))
            if best is None or score > best[0]:
                best = (score, form_key, match)
        if best is None:
            if any(not _is_blank(r) for r in rows):
                skipped.append(title)
            continue
        _, form_key, (r, columns, found, unknown) = best
        taken.add(form_key)
        data: list[tuple[int, tuple[Any, ...]]] = []
        not_records: list[tuple[int, str, str]] = []
        for number, values in enumerate(rows[r + 1 :], start=r + 2):
            if _is_blank(values) or _is_numbering(values):
                continue
            kind = row_kind(values)
            if kind is not None:
                not_records.append((number, *kind))
                if kind[0] == FOOTER:
                    break  # what follows a footer line (signers, stamps) is never a record
                continue
            data.append((number, values))
        last = max((n for n, v in enumerate(rows, start=1) if not _is_blank(v)), default=0)
        marks = {c: column_decimal_mark(v[c] for _, v in data if c < len(v)) for c in columns}
        sheets.append(SheetData(title, form_key, r + 1, columns, found, unknown, data,
                                not_records, last, marks))
    order = [key for key, _, _ in SHEETS] + ["training_attendance"]
    sheets.sort(key=lambda s: order.index(s.form_key))
    return sheets, skipped


def _attendance(title: str, rows: list[tuple[Any, ...]]) -> SheetData:
    names = {norm(ID_HEADER): META_ID, "ma lop": "session_id",
             "ma nguoi quan ly": "manager_id", "ma can bo": "cadre_id",
             norm(DELETED_HEADER): META_DELETED, norm(UNIT_HEADER): META_UNIT,
             norm(REVISION_HEADER): META_REVISION}
    header = rows[0]
    columns = {c: names[norm(_text(v))] for c, v in enumerate(header) if norm(_text(v)) in names}
    found = {c: _text(header[c]) for c in columns}
    data = [(n, v) for n, v in enumerate(rows[1:], start=2) if not _is_blank(v)]
    return SheetData(title, "training_attendance", 1, columns, found, [], data)


def field_for_header(form_key: str, text: str) -> str | None:
    """What a header alone is read as on a sheet of this record type (the golden-file test
    and the dry run's explanation use it): a field or link key, IGNORED, or None."""
    links = {key: lk for key, _, lk in SHEETS}[form_key]
    return _lookup(_field_keys(form_key, links), text)
