"""A commune officer imports a spreadsheet someone else made, or opens a database file she was
given: whatever a cell or the file's schema holds, she gets a Vietnamese answer about that file
and nothing stored changes. Found by a review of the spreadsheet import and the schema check:
each case below once ended in a Python error, a plan the database then refused, or a file
taken for one the application made."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
from workbooks import row_xml, write_xlsx

from htx_desktop.demo import fill_demo
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.models import Cooperative
from htx_desktop.storage.sqlite_file import schema_problem
from htx_desktop.xlsx.importer import preview_import
from htx_desktop.xlsx.reading import XlsxImportError, read_workbook

COMMUNE = "21211"
HEADERS = ["Mã bản ghi (UUID)", "Tên HTX", "Xã", "Tình trạng", "Lĩnh vực", "Mã số đăng ký"]


@pytest.fixture
def db(e2e_template_db, tmp_path):
    path = tmp_path / "dữ liệu xã" / "htx.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(e2e_template_db, path)
    database = open_database(path)
    with database.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(s, COMMUNE, seed=1)
    yield database
    database.close()


@pytest.mark.parametrize(
    "row",
    [
        '<row r="2"><c r="B2" t="s"><v>999</v></c></row>',  # a shared text past the end
        '<row r="2"><c r="B2"><v>abc</v></c></row>',  # a number cell holding letters
        '<row r="2"><c r="B2" t="d"><v>garbage</v></c></row>',  # a date cell holding no date
        '<row r="2"><c r="B2" s="x"><v>1</v></c></row>',  # a style that is no number
    ],
    ids=["shared text past the end", "letters as a number", "no date", "bad style"],
)
def test_a_damaged_cell_is_named_as_a_damaged_file(tmp_path, row):
    book = write_xlsx(tmp_path / "danh sách HTX.xlsx",
                      {"Hợp tác xã": [row_xml(1, HEADERS), row]}, shared_strings=["a"])
    with pytest.raises(XlsxImportError) as refused:
        read_workbook(book)
    assert "Không đọc được tệp Excel" in str(refused.value)
    assert "danh sách HTX.xlsx" in str(refused.value)


@pytest.mark.parametrize(
    "sheet,headers,cells",
    [
        ("Hợp tác xã", HEADERS,
         '<c r="B2" t="inlineStr"><is><t>HTX A</t></is></c><c r="C2"><v>1e999</v></c>'),
        ("Hợp tác xã", HEADERS,
         '<c r="B2" t="inlineStr"><is><t>HTX A</t></is></c><c r="C2"><v>21211.5</v></c>'),
        ("Người quản lý", ["Họ và tên", "HTX", "Chức vụ"],
         '<c r="A2" t="inlineStr"><is><t>Lê Thị B</t></is></c><c r="B2"><v>1e999</v></c>'),
    ],
    ids=["infinite commune", "fractional commune", "infinite HTX link"],
)
def test_a_code_typed_as_an_odd_number_is_a_problem_of_its_row(db, tmp_path, sheet, headers,
                                                               cells):
    """An infinite number once stopped the preview; a fraction was cut down to a commune."""
    book = write_xlsx(tmp_path / "w.xlsx", {sheet: [row_xml(1, headers),
                                                    f'<row r="2">{cells}</row>']})
    with db.session() as s:
        preview = preview_import(s, book, COMMUNE)
    assert preview.errors
    assert all(p.row == 2 for p in preview.problems)


def test_two_new_rows_with_one_id_are_refused_before_anything_is_written(db, tmp_path):
    """The preview once planned two new HTX under one UUID, and the import then failed with
    a message about disk space and permissions."""
    shared = str(uuid.uuid4())
    book = write_xlsx(tmp_path / "w.xlsx", {"Hợp tác xã": [
        row_xml(1, HEADERS),
        row_xml(2, [shared, "HTX Một", "Xã Tịnh Khê", "Đang hoạt động", "Nông nghiệp",
                    "4300123456"]),
        row_xml(3, [shared, "HTX Hai", "Xã Tịnh Khê", "Đang hoạt động", "Nông nghiệp",
                    "4300123457"]),
    ]})
    with db.session() as s:
        preview = preview_import(s, book, COMMUNE)
        assert [p.row for p in preview.problems] == [3]
        assert "đã có ở một dòng trước" in preview.problems[0].message
        assert s.get(Cooperative, shared) is None


def test_a_database_whose_column_lost_not_null_through_quotes_is_not_ours(e2e_template_db,
                                                                           tmp_path):
    """'id "VARCHAR(36) NOT NULL"' reads as a column typed by that whole text, with no NOT
    NULL: the same words once quotes are dropped, another schema to SQLite."""
    path = tmp_path / "tệp được gửi.sqlite3"
    shutil.copyfile(e2e_template_db, path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_master SET sql = replace(sql, 'id VARCHAR(36) NOT NULL', "
                "'id \"VARCHAR(36) NOT NULL\"') WHERE name = 'cooperative'")
    con.commit()
    con.close()
    con = sqlite3.connect(path)
    assert [r[3] for r in con.execute("PRAGMA table_info(cooperative)") if r[1] == "id"] == [0]
    con.close()
    problem = schema_problem(path)
    assert problem is not None and "đã bị sửa" in problem


def test_a_database_that_records_two_schema_versions_is_not_ours(e2e_template_db, tmp_path):
    path = tmp_path / "hai phiên bản.sqlite3"
    shutil.copyfile(e2e_template_db, path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO alembic_version VALUES ('zzzz')")
    con.commit()
    con.close()
    problem = schema_problem(path)
    assert problem is not None and "2 phiên bản cấu trúc" in problem
