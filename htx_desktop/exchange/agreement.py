"""The parts of a bundle say the same thing.

People read the PDF and the workbook; the receiver's database takes data.json. A signer could
send a report that says one thing and data that says another, so the receiver holds them
together: the signed PDF names the SHA-256 of the data.json it was made with (in its document
information, written with the signature and so covered by it), and the workbook lists exactly
the records of data.json (id, owning unit, revision and deletion, sheet by sheet).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from functools import cache, lru_cache
from typing import Any
from xml.parsers import expat

from htx_desktop.exchange.decoded import Records, column_of
from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.workbook import (
    ATTENDANCE_SHEET,
    DELETED_HEADER,
    ID_HEADER,
    NO,
    REVISION_HEADER,
    SHEETS,
    UNIT_HEADER,
    YES,
)
from htx_desktop.text import visible

DATA_HASH_KEYWORD = "htx-data-sha256:"
_DATA_HASH = re.compile(re.escape(DATA_HASH_KEYWORD).encode() + rb"([0-9a-f]{64})")
#: Which records each sheet lists.
SHEET_TABLES: dict[str, str] = {title: table for table, title, _links in SHEETS} | {
    ATTENDANCE_SHEET: "training_attendance"
}
Key = tuple[str, str, int, bool]
#: What the deleted column may hold ("" and no cell: workbooks written before "Không").
_DELETED: dict[Any, bool] = {YES: True, NO: False, "": False, None: False}


def pdf_keywords(data_sha256: str) -> tuple[str, ...]:
    return (DATA_HASH_KEYWORD + data_sha256,)


def check_report_names_data(pdf: bytes, data_sha256: str) -> None:
    """The signed report was made from this data.json (call after its signature is checked:
    the signature covers every byte of the file but its own)."""
    named = {m.group(1).decode() for m in _DATA_HASH.finditer(pdf)}
    if named != {data_sha256}:
        raise BundleRejected(
            "report_disagrees",
            "Báo cáo PDF trong gói không được lập từ chính dữ liệu data.json của gói (mã băm "
            "dữ liệu ghi trong PDF không khớp hoặc không có). Không nhập gói này; hãy xin người "
            "gửi xuất lại gói bằng HTX Desktop.",
        )


def _disagrees(sheet: str, what: str) -> BundleRejected:
    return BundleRejected(
        "workbook_disagrees",
        f"Bảng tính Excel trong gói không khớp với dữ liệu data.json (trang “{sheet}”: {what}). "
        "Không nhập gói này; hãy xin người gửi xuất lại gói bằng HTX Desktop.",
    )


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _xml(zf: zipfile.ZipFile, name: str) -> Any:
    return _xml_of(zf.read(name))


def _xml_of(data: bytes) -> Any:
    """The part's element tree; a part with a document type (where entities are declared) is
    refused, so nothing can expand: spreadsheets never need one."""
    from xml.etree.ElementTree import fromstring

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("document type in a workbook part")
    return fromstring(data)


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in zf.namelist():
        return []
    root = _xml(zf, "xl/sharedStrings.xml")
    return ["".join(t.text or "" for t in si.iter(f"{_NS}t")) for si in root.iter(f"{_NS}si")]


def _cell_value(cell: Any, shared: list[str]) -> Any:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
    raw = cell.findtext(f"{_NS}v")
    if raw is None:
        return None
    if kind == "s":
        return shared[int(raw)]
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    number = float(raw)
    return int(number) if number.is_integer() else number


def _sheet_keys(zf: zipfile.ZipFile, path: str, shared: list[str], sheet: str) -> set[Key]:
    """(id, owning unit, revision, deleted) of every data row of one sheet."""
    digits = "0123456789"
    rows = iter(_xml(zf, path).iter(f"{_NS}row"))
    header = next(rows, None)
    if header is None:
        raise _disagrees(sheet, "trang trống")
    titles = {
        _cell_value(c, shared): (c.get("r") or "").rstrip(digits) for c in header.iter(f"{_NS}c")
    }
    try:
        at = [titles[h] for h in (ID_HEADER, UNIT_HEADER, REVISION_HEADER, DELETED_HEADER)]
    except KeyError:
        raise _disagrees(sheet, "thiếu cột mã bản ghi, đơn vị, phiên bản hoặc đã xóa") from None
    wanted = set(at)
    keys: set[Key] = set()
    for row in rows:
        cells = {
            column: _cell_value(cell, shared)
            for cell in row.iter(f"{_NS}c")
            if (column := (cell.get("r") or "").rstrip(digits)) in wanted
        }
        if not any(v not in (None, "") for v in cells.values()):
            continue
        rid, unit, revision, deleted = (cells.get(col) for col in at)
        if deleted not in _DELETED:
            raise _disagrees(sheet, f"cột “{DELETED_HEADER}” ghi “{visible(str(deleted)[:20])}”")
        keys.add((str(rid), str(unit), revision, _DELETED[deleted]))  # type: ignore[arg-type]
    return keys


_HEADER_ROW = re.compile(rb'<row r="1"[^>]*>(.*?)</row>', re.S)
_ANY_CELL = re.compile(rb'<c r="([A-Z]{1,3})1"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_INNER = re.compile(rb"<v>([^<]*)</v>|<is><t(?: [^>]*)?>([^<]*)</t></is>")
_KIND = re.compile(rb'(?:^|\s)t="(\w+)"')
#: An ampersand that starts no reference XML knows (`html.unescape` knows many more).
_NOT_XML_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")


def _fast_value(attributes: bytes, inner: bytes | None) -> Any:
    """A header cell's value as `_cell_value` reads it, or `_Unreadable` for any spelling
    where the two might differ (a text in a cell not typed inline, a reference XML does not
    define, the type attribute twice)."""
    found = _INNER.fullmatch(inner or b"")
    if found is None:
        return None if not inner else _Unreadable
    number, text = found.groups()
    kinds = _KIND.findall(attributes)
    if len(kinds) > 1:
        return _Unreadable
    kind = kinds[0] if kinds else None
    if text is not None:
        if kind != b"inlineStr" or _NOT_XML_REFERENCE.search(text):
            return _Unreadable
        return html.unescape(text.decode())
    if kind not in (None, b"n"):
        return _Unreadable
    value = float(number)
    return int(value) if value.is_integer() else value


class _Unreadable(Exception):
    """A sheet the quick reader does not vouch for; the full XML reader then decides."""


@lru_cache(maxsize=64)
def _meta_columns(header: bytes) -> tuple[bytes, ...]:
    """The columns of (deleted, owner, revision, UUID) named by a header row; every sheet of
    every bundle has one of a handful of headers, each read once."""
    titles = {}
    for column, attributes, inner in _ANY_CELL.findall(header):
        value = _fast_value(attributes, inner)
        if value is _Unreadable:
            raise _Unreadable
        titles[value] = column
    try:
        return tuple(titles[h] for h in (DELETED_HEADER, UNIT_HEADER, REVISION_HEADER, ID_HEADER))
    except KeyError:
        raise _Unreadable from None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


_INLINE = rb'(?: s="\d+")? t="inlineStr"><is><t>'
_MARKS = {mark.encode(): flag for mark, flag in ((YES, True), (NO, False))} | {
    html.escape(mark).encode("ascii", "xmlcharrefreplace"): flag
    for mark, flag in ((YES, True), (NO, False))
}


@cache
def _key_cells(columns: tuple[bytes, ...]) -> re.Pattern[bytes] | None:
    """One row's four key cells as the exporter writes them, side by side in one match
    (deleted mark, owner, revision, UUID), then the row's end: only plain cells of other
    columns may come between (a linked record's id). So the matched cells are the last of
    their columns in their row, the ones the XML reader keeps. None when the four are not
    side by side."""
    deleted, unit, revision, rid = columns
    first = _column_number(deleted)
    if [_column_number(c) for c in columns] != list(range(first, first + 4)):
        return None
    marks = b"|".join(re.escape(m) for m in _MARKS)
    other_column = rb"(?!(?:" + b"|".join(columns) + rb")\d)[A-Z]{1,3}\d+"
    return re.compile(
        rb'<c r="' + deleted + rb'(\d+)"' + _INLINE + rb"(" + marks + rb")</t></is></c>"
        rb'<c r="' + unit + rb'\1"' + _INLINE + rb"([^<&]*)</t></is></c>"
        rb'<c r="' + revision + rb'\1"(?: s="\d+")?(?: t="n")?><v>(\d{1,9})</v></c>'
        rb'<c r="' + rid + rb'\1"' + _INLINE + rb"([^<&]*)</t></is></c>"
        rb'(?:<c r="' + other_column + rb'"(?: s="\d+")?(?: t="\w+")?'
        rb"(?:/>|><v>[^<]*</v></c>|><is><t>[^<]*</t></is></c>))*</row>"
    )


def _holds(data: bytes, token: bytes) -> bool:
    """`token in data`, looking first for its last byte alone (a rare one: "!", "?"), which
    is many times faster on a sheet that holds none."""
    return token[-1:] in data and token in data


#: How the exporter's sheets begin: the root declaring the main namespace, nothing before it.
_SHEET_START = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _regular_outside_cells(data: bytes, header: re.Match[bytes]) -> bool:
    """What the quick reader needs of a sheet besides its matches for it to see the rows the
    XML reader sees: no comment, CDATA, declaration or processing instruction (where cells
    could hide from the XML reader), one namespace declared once at the root (a cell in a
    foreign namespace is no cell to it), the header row first, whole and read cell by cell,
    and everything outside the rows well-formed (the XML reader refuses a sheet that is not).

    A sheet that is not well-formed inside its rows can still pass: proving that takes a
    parse of every row, as long as the whole check. The four key cells of every row are read
    exactly; what such a sheet shows otherwise, Excel shows only after warning of damage."""
    if _holds(data, b"<!") or _holds(data, b"<?") or not data.startswith(_SHEET_START):
        return False
    if data.find(b"xmlns", len(_SHEET_START)) >= 0 or header.start() != data.find(b"<row"):
        return False
    cells = header.group(1)
    if b"<row" in cells or cells.count(b"<c") != len(_ANY_CELL.findall(cells)):
        return False
    start, end = data.find(b"<sheetData>"), data.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return False
    outside = data[:start] + b"<sheetData/>" + data[end + len(b"</sheetData>"):]
    parser = expat.ParserCreate()
    try:
        parser.Parse(outside, True)
    except expat.ExpatError:
        return False
    return True


def _fast_sheet_keys(data: bytes) -> set[Key]:
    """The same keys as `_sheet_keys` for a sheet written the way the exporter writes it: the
    four key cells of each row found side by side by one regular expression, one match per
    row (the XML tree of a national commune's workbook took most of a bundle's verification;
    a dictionary per row, later, still a third). Raises `_Unreadable` for anything else:
    comments, CDATA, declarations, key cells written otherwise, a row without them, an empty
    row; the XML reader then decides."""
    header = _HEADER_ROW.search(data)
    if header is None or not _regular_outside_cells(data, header):
        raise _Unreadable
    pattern = _key_cells(_meta_columns(header.group(1)))
    if pattern is None:
        raise _Unreadable
    matches = pattern.findall(data)
    if len(matches) != data.count(b"<row") - 1:  # (`<rowBreaks` too: then the XML reader)
        raise _Unreadable  # a row the pattern did not read, or read twice
    marks = _MARKS
    return {
        (rid.decode(), unit.decode(), int(revision), marks[deleted])
        for _row, deleted, unit, revision, rid in matches
    }


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part, from the workbook's relationships and sheet list (remembered for a
    bundle read twice, as the import's dry run and then the import read it; the sheet list
    differs between communes only in its filter ranges, which are part of the same part)."""
    rels, workbook = zf.read("xl/_rels/workbook.xml.rels"), zf.read("xl/workbook.xml")
    if len(rels) + len(workbook) > _SMALL_PARTS:  # never kept: a hostile part may be huge
        return dict(_parse_sheet_paths.__wrapped__(rels, workbook))
    return dict(_parse_sheet_paths(rels, workbook))


#: The most the two parts may hold together to be remembered (the exporter's: about 5 KB).
_SMALL_PARTS = 64 << 10


@lru_cache(maxsize=16)
def _parse_sheet_paths(rels: bytes, workbook: bytes) -> tuple[tuple[str, str], ...]:
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in _xml_of(rels).iter(f"{_PKG_NS}Relationship")
    }
    paths = {}
    for sheet in _xml_of(workbook).iter(f"{_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        paths[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else (
            f"xl/{target}"
        )
    return tuple(paths.items())


def _expected_keys(records: Records, table: str) -> set[Key]:
    """(id, owner, revision, deleted) of each record, zipped from its columns in C."""
    return set(
        zip(*(column_of(records, table, name) for name in ("id", "unit_code", "revision",
                                                           "deleted")), strict=True)
    )


def check_workbook_matches(workbook: bytes, records: Records) -> None:
    """Every sheet lists exactly its table's records of data.json. A sheet as the exporter
    writes it is read quickly (`_fast_sheet_keys`) and accepted when it lists exactly the
    records; otherwise its XML tree decides (openpyxl's read-only mode took 0.3 s for a
    commune's workbook, fifteen times the whole verification's budget)."""
    try:
        with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
            paths = _sheet_paths(zf)
            shared: list[str] | None = None
            found_by_sheet = {}
            expected_by_sheet = {}
            for sheet, table in SHEET_TABLES.items():
                if sheet not in paths:
                    raise _disagrees(sheet, "thiếu trang này")
                expected = expected_by_sheet[sheet] = _expected_keys(records, table)
                try:
                    if _fast_sheet_keys(zf.read(paths[sheet])) == expected:
                        found_by_sheet[sheet] = expected
                        continue
                except _Unreadable:
                    pass
                if shared is None:
                    shared = _shared_strings(zf)
                found_by_sheet[sheet] = _sheet_keys(zf, paths[sheet], shared, sheet)
    except BundleRejected:
        raise
    except Exception:
        raise _disagrees("—", "không đọc được tệp workbook.xlsx") from None
    for sheet in SHEET_TABLES:
        expected, found = expected_by_sheet[sheet], found_by_sheet[sheet]
        if found != expected:
            differing = sorted(found ^ expected, key=repr)[0]
            raise _disagrees(sheet, f"bản ghi mã {visible(str(differing[0])[:40])} khác nhau")
