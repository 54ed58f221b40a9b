"""Workbooks that lie: a declared size of the whole sheet, a value at the last cell Excel has,
formulas and links where data should be, and ids borrowed from records of another type.
Each is either read within bounds or refused with a message that says what to do, and a
refused row writes nothing."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from htx_desktop.demo import fill_demo
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, Manager, TrainingAttendance, TrainingSession
from htx_desktop.xlsx.importer import CREATE, apply_import, preview_import
from htx_desktop.xlsx.reading import MAX_COLUMNS, MAX_ROWS, XlsxImportError, read_workbook

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
from workbooks import row_xml, write_xlsx

UNIT = "21211"
HEADERS = ["Mã bản ghi (UUID)", "Tên HTX", "Xã", "Tình trạng", "Lĩnh vực"]


def coop_row(number: int, rid: object, name: object) -> str:
    return row_xml(number, [rid, name, "Xã Tịnh Khê", "Đang hoạt động", "Nông nghiệp"])


def cooperatives(path: Path, *rows: str, **kwargs: object) -> Path:
    return write_xlsx(path, {"Hợp tác xã": [row_xml(1, HEADERS), *rows]}, **kwargs)


@pytest.fixture
def demo_db(fresh_db: Database) -> Database:
    with fresh_db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(session, UNIT, seed=1)
    return fresh_db


def test_a_declared_dimension_of_the_whole_sheet_does_not_pad_rows(tmp_path):
    path = cooperatives(
        tmp_path / "dim.xlsx", *[coop_row(n, None, f"HTX {n}") for n in range(2, 50)],
        dimension="A1:XFD1048576",
    )
    sheet = read_workbook(path).sheets[0]
    assert len(sheet.rows) == 48
    assert max(len(values) for _, values in sheet.rows) == len(HEADERS)


def test_a_lone_value_at_the_last_cell_of_the_sheet_is_refused_clearly(tmp_path):
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = cooperatives(tmp_path / "far.xlsx", coop_row(2, None, "HTX Hoa Sen"), far)
    with pytest.raises(XlsxImportError) as caught:
        read_workbook(path)
    assert "dòng 1.048.576" in str(caught.value) and "chia nhỏ tệp" in str(caught.value)


def test_a_value_far_to_the_right_is_refused_clearly(tmp_path):
    wide = row_xml(2, ["HTX Hoa Sen", "x"], first_column=MAX_COLUMNS + 1)
    path = cooperatives(tmp_path / "wide.xlsx", wide)
    with pytest.raises(XlsxImportError) as caught:
        read_workbook(path)
    assert "cột GT" in str(caught.value) and "xóa các cột thừa" in str(caught.value)


def test_blank_styled_cells_and_rows_far_away_are_harmless(tmp_path):
    """Formatting (cells without values) far right and far down is not data."""
    styled = '<row r="900000"><c r="XFD900000" s="0"/></row>'
    path = cooperatives(tmp_path / "styled.xlsx", coop_row(2, None, "HTX Hoa Sen"), styled)
    assert [n for n, _ in read_workbook(path).sheets[0].rows] == [2]


def test_more_rows_than_the_limit_are_refused(tmp_path):
    path = cooperatives(
        tmp_path / "long.xlsx", row_xml(MAX_ROWS + 1, ["HTX", "Xã Tịnh Khê"])
    )
    with pytest.raises(XlsxImportError, match=r"quá 100\.000 dòng"):
        read_workbook(path)


def test_formulas_and_formula_like_text_are_refused_never_imported(demo_db, tmp_path):
    link = '=HYPERLINK("http://vi-du.invalid/dang-nhap","HTX Hoa Sen")'
    hyperlinks = (
        '<hyperlinks><hyperlink ref="B3" r:id="rIdX" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        "</hyperlinks>"
    )
    path = cooperatives(
        tmp_path / "formula.xlsx",
        coop_row(2, None, ("f", link[1:], "HTX Hoa Sen")),  # a real formula, cached value
        coop_row(3, None, "HTX Có Liên Kết"),  # a hyperlink on the cell: ignored
        coop_row(4, None, link),  # text that Excel would run as a formula
        extra_sheet_xml=hyperlinks,
    )
    with demo_db.session() as session:
        preview = preview_import(session, path, UNIT)
        assert {p.row for p in preview.errors} == {2, 4}
        assert all("công thức" in p.message for p in preview.errors)
        assert [(r.row, r.action) for r in preview.rows] == [(3, CREATE)]
        apply_import(session, preview)
    with demo_db.session() as session:
        names = session.scalars(select(Cooperative.name)).all()
        assert "HTX Có Liên Kết" in names
        assert not [n for n in names if "HYPERLINK" in n or n.startswith("=")]


def test_a_row_cannot_take_the_id_of_an_existing_record_of_another_type(demo_db, tmp_path):
    with demo_db.session() as session:
        manager_id = session.scalars(select(Manager.id).limit(1)).one()
        session_id = session.scalars(select(TrainingSession.id).limit(1)).one()
        before = session.scalars(select(Cooperative.id)).all()
    path = cooperatives(
        tmp_path / "borrowed.xlsx",
        coop_row(2, manager_id, "HTX Mượn Mã"),
        coop_row(3, session_id, "HTX Mượn Mã Lớp"),
    )
    with demo_db.session() as session:
        preview = preview_import(session, path, UNIT)
        assert preview.rows == []
        assert {p.row for p in preview.errors} == {2, 3}
        assert all("loại khác" in p.message for p in preview.errors)
        apply_import(session, preview)
    with demo_db.session() as session:
        assert session.scalars(select(Cooperative.id)).all() == before
        assert session.get(Manager, manager_id) is not None


def test_two_rows_of_different_types_cannot_share_a_new_id(demo_db, tmp_path):
    shared = str(uuid.uuid4())
    path = write_xlsx(tmp_path / "shared.xlsx", {
        "Hợp tác xã": [row_xml(1, HEADERS), coop_row(2, shared, "HTX Mới")],
        "Cán bộ Hội": [
            row_xml(1, ["Mã bản ghi (UUID)", "Họ và tên", "Chức vụ"]),
            row_xml(2, [shared, "Trần Thị Lan", "Phó Chủ tịch"]),
        ],
    })
    with demo_db.session() as session:
        preview = preview_import(session, path, UNIT)
        assert [r.form_key for r in preview.rows] == ["cooperative"]
        assert any("loại khác" in p.message and p.sheet == "Cán bộ Hội" for p in preview.errors)


def test_attendance_ids_must_be_uuids_and_not_another_records(demo_db, tmp_path):
    with demo_db.session() as session:
        session_id = session.scalars(select(TrainingSession.id).limit(1)).one()
        manager_id = session.scalars(select(Manager.id).limit(1)).one()
        count = len(session.scalars(select(TrainingAttendance.id)).all())
    header = ["Mã bản ghi (UUID)", "Đơn vị sở hữu", "Mã lớp", "Mã người quản lý", "Mã cán bộ"]
    path = write_xlsx(tmp_path / "attendance.xlsx", {"Học viên có tên": [
        row_xml(1, header),
        row_xml(2, ["không-phải-uuid", UNIT, session_id, manager_id]),
        row_xml(3, [manager_id, UNIT, session_id, manager_id]),
        row_xml(4, [str(uuid.uuid4()), UNIT, session_id, manager_id]),
    ]})
    with demo_db.session() as session:
        preview = preview_import(session, path, UNIT)
        problems = {p.row: p.message for p in preview.errors}
        assert "UUID" in problems[2] and "loại khác" in problems[3]
        assert [r.row for r in preview.rows] == [4]
        apply_import(session, preview)
    with demo_db.session() as session:
        assert len(session.scalars(select(TrainingAttendance.id)).all()) == count + 1
