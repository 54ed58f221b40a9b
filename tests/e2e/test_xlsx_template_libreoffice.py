"""A template filled in the way an officer fills it, saved again by LibreOffice Calc (as an
officer without Excel does), imports as exactly the same records as the file before.

One conversion (.xlsx to .xlsx) with its own throw-away LibreOffice profile. Skipped where
LibreOffice is missing, except in CI (env CI set), which must have it.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from test_workbook_libreoffice import IN_CI, SOFFICE, soffice

from htx_desktop.exchange.workbook import SHEETS
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import model_for, record_values
from htx_desktop.storage.database import open_database
from htx_desktop.xlsx.importer import apply_import, preview_import
from htx_desktop.xlsx.template import write_template

UNIT = "21211"

pytestmark = pytest.mark.skipif(
    SOFFICE is None and not IN_CI, reason="LibreOffice (soffice) is not installed"
)

ROWS: dict[str, list[dict[str, Any]]] = {
    "Hợp tác xã": [
        {"Tên hợp tác xã": "HTX Nông nghiệp Đồng Tâm", "Mã số HTX": "4300123456",
         "Ngày thành lập": datetime(2019, 3, 15), "Lĩnh vực hoạt động": "Nông nghiệp",
         "Sản phẩm OCOP": "Gạo Đồng Tâm", "Hạng sao OCOP cao nhất": 4,
         "Vốn điều lệ (triệu đồng)": 1500.5,
         "Tham gia chuỗi giá trị": "Có", "Ghi chú": "Sản xuất lúa giống; 1.500 hộ tham gia"},
        {"Tên hợp tác xã": "HTX Dệt thổ cẩm Hành Thịnh", "Mã số HTX": "4300765432",
         "Ngày thành lập": "01/02/2021", "Lĩnh vực hoạt động": "Tiểu thủ công nghiệp",
         "Vốn điều lệ (triệu đồng)": "2.350,75", "Tham gia chuỗi giá trị": "Không",
         "Năm được Hội hỗ trợ": 2021, "Được Hội hỗ trợ thành lập": "Có"},
    ],
    "Người quản lý": [
        {"Mã HTX": "4300123456", "Họ và tên": "Trần Thị Lan", "Chức danh": "Giám đốc",
         "Giới tính": "Nữ", "Năm sinh": 1980, "Số điện thoại": "0912345678",
         "Người này đồng ý cho ghi nhận thông tin cá nhân": "Có"},
        {"Mã HTX": "HTX Dệt thổ cẩm Hành Thịnh", "Họ và tên": "Lê Thị Mai",
         "Chức danh": "Giám đốc", "Giới tính": "Nữ", "Năm sinh": "1.975",
         "Người này đồng ý cho ghi nhận thông tin cá nhân": "Có"},
    ],
    "Lớp tập huấn": [
        {"Tên lớp": "Tập huấn quản trị HTX", "Nội dung": "Quản trị, điều hành HTX; Kỹ năng số",
         "Từ ngày": datetime(2025, 4, 2),
         "Đến ngày": "3/4/25", "Hội viên, phụ nữ khác": 35, "Địa điểm": "Hội trường xã"},
    ],
}


def _fill(template: Path) -> None:
    wb = load_workbook(template)
    for title, rows in ROWS.items():
        ws = wb[title]
        column = {c.value: c.column for c in ws[1]}
        for number, row in enumerate(rows, start=2):
            for header, value in row.items():
                ws.cell(number, column[header], value)
    wb.save(template)


def _imported(template_db: Path, workbook: Path, where: Path) -> dict[str, list[dict[str, Any]]]:
    """The records a workbook gives a fresh commune database, links shown by the HTX's name
    (the UUIDs are new at each import)."""
    db = open_database(shutil.copyfile(template_db, where))
    try:
        with db.session() as s:
            create_profile(s, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        with db.session() as s:
            preview = preview_import(s, workbook, UNIT)
            assert [p.text() for p in preview.errors] == [], workbook.name
            apply_import(s, preview)
        with db.session() as s:
            names = {c.id: c.name for c in s.scalars(select(model_for("cooperative")))}
            out: dict[str, list[dict[str, Any]]] = {}
            for form_key, _, _ in SHEETS:
                values = [record_values(r, form_key)
                          for r in s.scalars(select(model_for(form_key)))]
                for v in values:
                    if v.get("cooperative_id"):
                        v["cooperative_id"] = names[v["cooperative_id"]]
                out[form_key] = sorted(values, key=repr)
            return out
    finally:
        db.close()


def test_filled_template_saved_again_by_libreoffice_imports_the_same_records(
    e2e_template_db: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "mau.xlsx"
    write_template(filled)
    _fill(filled)
    soffice("xlsx", filled, tmp_path / "resaved", tmp_path / "profile")
    resaved = tmp_path / "resaved" / "mau.xlsx"

    before = _imported(e2e_template_db, filled, tmp_path / "a.sqlite3")
    after = _imported(e2e_template_db, resaved, tmp_path / "b.sqlite3")
    assert after == before
    coops = {c["name"]: c for c in before["cooperative"]}
    assert coops["HTX Dệt thổ cẩm Hành Thịnh"]["established_on"] == date(2021, 2, 1)
    assert coops["HTX Dệt thổ cẩm Hành Thịnh"]["charter_capital"] == Decimal("2350.75")
    assert coops["HTX Nông nghiệp Đồng Tâm"]["charter_capital"] == Decimal("1500.5")
    assert {m["cooperative_id"] for m in before["manager"]} == set(coops)
    assert before["training_session"][0]["end_date"] == date(2025, 4, 3)
    # LibreOffice kept the template's formats: the date column still formats what is typed
    # there as dd/mm/yyyy, and a typed date is still a date cell.
    ws = load_workbook(resaved)["Hợp tác xã"]
    column = [c.value for c in ws[1]].index("Ngày thành lập") + 1
    assert isinstance(ws.cell(2, column).value, datetime)
    assert ws.column_dimensions[get_column_letter(column)].number_format.lower() == "dd/mm/yyyy"
