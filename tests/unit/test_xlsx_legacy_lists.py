"""Old hand-made lists as officers keep them: totals, signature footers, managers linked to
their HTX by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import model_for
from htx_desktop.storage.engine import Database
from htx_desktop.xlsx.importer import apply_import, preview_import

UNIT = "21211"


@pytest.fixture
def commune_db(fresh_db: Database) -> Database:
    with fresh_db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    return fresh_db


def _book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


COOPS = [
    ["DANH SÁCH HỢP TÁC XÃ NĂM 2024"],
    ["STT", "Tên hợp tác xã", "Mã số HTX", "Lĩnh vực", "Vốn điều lệ"],
    [1, "HTX Nông nghiệp Đồng Tâm", "4300123456", "Nông nghiệp", 1500],
    [2, "HTX Dệt thổ cẩm Hành Thịnh", "4300765432", "Nông nghiệp", 800],
    [None, "Tổng cộng", None, None, "=SUM(E3:E4)"],
    [],
    [None, "Nghĩa Hành, ngày 15 tháng 3 năm 2024"],
    [None, "Người lập biểu", None, "Thủ trưởng đơn vị"],
    [None, "(Ký, ghi rõ họ tên)"],
    [],
    [None, "Nguyễn Thị Hoa", None, "Trần Văn Bình"],
]


def test_totals_and_signature_footer_are_skipped_and_said_not_errors(
    commune_db: Database, tmp_path: Path
) -> None:
    book = _book(tmp_path / "ds.xlsx", {"DS HTX": COOPS})
    with commune_db.session() as session:
        preview = preview_import(session, book, UNIT)
        assert [p.text() for p in preview.errors] == []
        assert preview.counts()["create"] == 2 and preview.counts()["rejected"] == 0
        notes = {p.row: p.message for p in preview.problems if p.level == "note"}
        assert "Dòng tổng" in notes[5] and "Tổng cộng" in notes[5]
        assert "chân trang" in notes[7] and "đến dòng 11" in notes[7]
        assert set(notes) == {5, 7}


OTHER_COMMUNE = "21109"


def test_manager_list_without_codes_links_each_person_to_her_htx_by_name(
    commune_db: Database, tmp_path: Path
) -> None:
    """Two communes each have an "HTX Đồng Tâm"; the commune's own list finds its own, by a
    name written without accents or with "Hợp tác xã" spelled out, and names the cell it
    cannot resolve."""
    with commune_db.session() as session:
        for unit, code, name in ((OTHER_COMMUNE, "4300000001", "HTX Hành Thiện"),
                                 (OTHER_COMMUNE, "4300000002", "HTX Đồng Tâm")):
            book = _book(tmp_path / f"{code}.xlsx", {"DS": [
                ["Tên HTX", "Mã số HTX", "Lĩnh vực"], [name, code, "Nông nghiệp"]]})
            apply_import(session, preview_import(session, book, unit))
    coops = _book(tmp_path / "htx.xlsx", {"DS HTX": [
        ["Tên hợp tác xã", "Mã số HTX", "Lĩnh vực"],
        ["HTX Đồng Tâm", "4300123456", "Nông nghiệp"],
        ["Hợp tác xã Dệt Hành Thịnh", "4300765432", "Nông nghiệp"],
        ["HTX Dệt Hành Thịnh", "4300765433", "Nông nghiệp"],
    ]})
    with commune_db.session() as session:
        apply_import(session, preview_import(session, coops, UNIT))
    managers = _book(tmp_path / "nql.xlsx", {"Người quản lý": [
        ["STT", "Họ và tên", "Chức vụ", "Năm sinh", "Hợp tác xã", "Đồng ý"],
        [1, "Trần Thị Lan", "Giám đốc", 1980, "hop tac xa DONG TAM", "Có"],
        [2, "Lê Thị Mai", "Giám đốc", 1975, "HTX Dệt Hành Thịnh", "Có"],
        [3, "Phạm Thị Cúc", "Giám đốc", 1990, "HTX Hành Thiện", "Có"],
    ]})
    with commune_db.session() as session:
        preview = preview_import(session, managers, UNIT)
        assert {p.row for p in preview.errors} == {3, 4}  # Lan's row links by name
        named = {p.row: p.message for p in preview.errors if p.column == "E “Hợp tác xã”"}
        assert "Có 2 HTX cùng tên “HTX Dệt Hành Thịnh”" in named[3]
        assert "Không tìm thấy HTX “HTX Hành Thiện” trong đơn vị" in named[4]
        apply_import(session, preview)
        coop = model_for("cooperative")
        own = session.scalars(select(coop).where(coop.registration_code == "4300123456")).one()
        lan = session.scalars(select(model_for("manager"))).one()
        assert lan.full_name == "Trần Thị Lan" and lan.cooperative_id == own.id


def test_a_workbook_mixing_tcvn3_vni_and_unicode_cells_is_decoded_cell_by_cell(
    commune_db: Database, tmp_path: Path
) -> None:
    """A list copied together from three offices: .VnTime rows, VNI-Times rows, and rows
    typed later in Unicode whose letters all three encodings share ("Bình", "Hoàng")."""
    book = _book(tmp_path / "tron.xlsx", {"DS HTX": [
        ["Tên HTX", "Mã số HTX", "Lĩnh vực", "Địa chỉ"],
        ["Hîp t¸c x· §ång T©m", "4300000021", "N«ng nghiÖp", "Th«n NghÜa Hµnh"],
        ["Hôïp taùc xaõ Möôøng Khöông", "4300000022", "Noâng nghieäp", "Thoân Ñoâng"],
        ["HTX Bình Minh", "4300000023", "Nông nghiệp", "Thôn Hoàng"],
        ["HTX Dịch vụ Hòa Bình", "4300000024", "Nông nghiệp", "Xóm Bình"],
        ["Hîp t¸c x· Hµnh ThÞnh", "4300000025", "N«ng nghiÖp", "Th«n §«ng"],
        ["Hîp t¸c x· Hµnh ThiÖn", "4300000026", "N«ng nghiÖp", "Th«n T©y"],
    ]})
    with commune_db.session() as session:
        preview = preview_import(session, book, UNIT)
        assert [p.text() for p in preview.errors] == []
        apply_import(session, preview)
        got = {c.registration_code: (c.name, c.address)
               for c in session.scalars(select(model_for("cooperative")))}
    assert got == {
        "4300000021": ("Hợp tác xã Đồng Tâm", "Thôn Nghĩa Hành"),
        "4300000022": ("Hợp tác xã Mường Khương", "Thôn Đông"),
        "4300000023": ("HTX Bình Minh", "Thôn Hoàng"),
        "4300000024": ("HTX Dịch vụ Hòa Bình", "Xóm Bình"),
        "4300000025": ("Hợp tác xã Hành Thịnh", "Thôn Đông"),
        "4300000026": ("Hợp tác xã Hành Thiện", "Thôn Tây"),
    }
