"""The receiver holds a bundle's workbook to its data.json by the id, owner, revision and
"Đã xóa" columns, wherever they stand: "Có" is a deleted record, "Không" (or an empty cell,
as older exports wrote) a live one, and any other word makes the workbook disagree."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from htx_desktop.exchange.agreement import SHEET_TABLES, check_workbook_matches
from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.workbook import DELETED_HEADER, ID_HEADER, REVISION_HEADER, UNIT_HEADER

HTX_ID = "6b49497e-8d50-4802-ae9c-759794e1a911"
RECORDS: dict[str, list[dict[str, Any]]] = {
    "cooperative": [{"id": HTX_ID, "unit_code": "21211", "revision": 3, "deleted": True}]
}


def workbook(deleted: Any) -> bytes:
    """Every sheet, identifiers last as the exporter writes them; one deleted HTX."""
    wb = Workbook(write_only=True)
    for sheet, table in SHEET_TABLES.items():
        ws = wb.create_sheet(sheet)
        ws.append(["Tên hợp tác xã", DELETED_HEADER, UNIT_HEADER, REVISION_HEADER, ID_HEADER])
        if table == "cooperative":
            ws.append(["HTX Nước mắm Tịnh Khê", deleted, "21211", 3, HTX_ID])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_deleted_record_marked_co_agrees() -> None:
    check_workbook_matches(workbook("Có"), RECORDS)


@pytest.mark.parametrize("deleted", ["Không", None])
def test_a_live_mark_disagrees_with_a_deleted_record(deleted: Any) -> None:
    with pytest.raises(BundleRejected) as refused:
        check_workbook_matches(workbook(deleted), RECORDS)
    assert refused.value.code == "workbook_disagrees"


@pytest.mark.parametrize("deleted", ["có rồi", "x", True])
def test_any_other_mark_in_the_deleted_column_is_refused_by_name(deleted: Any) -> None:
    with pytest.raises(BundleRejected) as refused:
        check_workbook_matches(workbook(deleted), RECORDS)
    assert refused.value.code == "workbook_disagrees"
    assert DELETED_HEADER in str(refused.value)


def _sheets_of_an_export(db: Any, tmp_path: Any) -> list[bytes]:
    import zipfile

    from htx_desktop.demo import fill_demo
    from htx_desktop.exchange.agreement import _sheet_paths
    from htx_desktop.exchange.workbook import write_workbook
    from htx_desktop.registry.profile import create_profile

    with db.session() as session:
        create_profile(session, "21211", "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(session, "21211", seed=1)
    book = tmp_path / "sổ dữ liệu.xlsx"
    with db.session() as session:
        write_workbook(session, ["21211"], book)
    with zipfile.ZipFile(book) as zf:
        paths = _sheet_paths(zf)
        return [zf.read(paths[sheet]) for sheet in SHEET_TABLES]


def test_the_quick_reader_reads_what_the_exporter_writes_and_vouches_for_nothing_else(
    fresh_db: Any, tmp_path: Any,
) -> None:
    """The quick reader either says what the XML reader says or steps aside: a doubled row, an
    empty row, a key cell written another way all go to the XML reader."""
    import re
    import zipfile

    from htx_desktop.exchange import agreement

    sheets = _sheets_of_an_export(fresh_db, tmp_path)
    assert sum(len(agreement._fast_sheet_keys(s)) for s in sheets) > 100

    def xml_keys(sheet: bytes) -> set[Any]:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("s.xml", sheet)
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
            return agreement._sheet_keys(zf, "s.xml", [], "s")

    coop = sheets[0]
    row2 = re.search(rb'<row r="2".*?</row>', coop, re.S).group()
    cells2 = re.sub(rb"^<row[^>]*>|</row>$", b"", row2)
    # The row as Excel would show it: the same cells with their attributes in another order
    # (which the quick pattern does not read) and another commune as the owner.
    shown2 = re.sub(rb'<c r="([A-Z]+2)" ?([^>]*)>', rb'<c \2 r="\1">', cells2).replace(
        b"<t>21211</t>", b"<t>99999</t>")
    last_cell = re.search(rb'<c r="([A-Z]+)2"[^>]*>(?:(?!</c>).)*</c></row>', row2, re.S)
    assert last_cell is not None
    tampered = {
        "doubled row": coop.replace(row2, row2 + row2),
        "empty row": coop.replace(row2, row2 + b'<row r="99"/>'),
        "revision as a shared string": re.sub(
            rb'(<c r="[A-Z]+2")( s="\d+")? t="n"><v>', rb'\1 t="s"><v>', coop, count=1),
        # Found by review: the exporter's spelling of the true keys where the XML reader
        # does not look, the row it reads naming another owner.
        "keys in a processing instruction": coop.replace(
            row2, b"<?hide " + cells2 + b"?>" + row2.replace(cells2, shown2)),
        "keys in another namespace": coop.replace(
            row2, row2.replace(cells2, b'<h xmlns="urn:x">' + cells2 + b"</h>" + shown2)),
        "a whole row in another namespace": coop.replace(
            row2, row2.replace(b"<row ", b'<row xmlns="urn:x" ', 1)),
        "not well-formed outside the rows": coop.replace(b"</worksheet>", b"<oops></worksheet>"),
        "a declaration": b'<?xml version="1.0" encoding="UTF-8"?>' + coop,
        "the header row not first": coop.replace(
            b"<sheetData>", b'<sheetData><row r="7" spans="1:1"/>', 1),
        "a key column written again after the keys, another id in it": coop.replace(
            row2, row2.replace(b"</row>", re.sub(
                rb"<t>[^<]*</t>", b"<t>00000000-0000-4000-8000-000000000000</t>",
                last_cell.group(0)[:-len(b"</row>")]) + b"</row>")),
    }
    header = re.search(rb'<row r="1"[^>]*>(.*?)</row>', coop, re.S)
    assert header is not None
    first_title = re.search(rb'<c r="A1"[^>]*>.*?</c>', header.group(1), re.S)
    assert first_title is not None
    id_title = ID_HEADER.encode("ascii", "xmlcharrefreplace")
    tampered |= {
        # Found by a second review: header cells the quick reader read otherwise.
        "a header cell after a tab naming the id column": coop.replace(
            header.group(0), header.group(0).replace(
                b"</row>",
                b'<c\tr="ZZ1" t="inlineStr"><is><t>' + id_title + b"</t></is></c></row>")),
        "a header text in a cell not typed inline": coop.replace(
            first_title.group(0), first_title.group(0).replace(b' t="inlineStr"', b"")),
        "the type named inside another attribute": coop.replace(
            first_title.group(0), b'<c r="A1" ut="n" t="s"><v>0</v></c>'),
        "a reference XML does not define": coop.replace(
            first_title.group(0), re.sub(rb"<t>[^<]*</t>", b"<t>T&eacute;n</t>",
                                         first_title.group(0))),
    }
    for name, sheet in tampered.items():
        assert sheet != coop, name
        try:
            quick = agreement._fast_sheet_keys(sheet)
        except agreement._Unreadable:
            continue
        try:
            reference: Any = xml_keys(sheet)
        except Exception:  # (not well-formed: the XML reader refuses the workbook)
            reference = "unreadable"
        assert quick == reference, name
    for sheet in sheets:
        assert agreement._fast_sheet_keys(sheet) == xml_keys(sheet)
