"""The bundle workbook is read by people: its rows come in the order an officer looks names up,
Vietnamese alphabetical order (commune, then HTX/THT, then the record's name), not in the
order of their random UUIDs."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from htx_desktop.collation import unit_key, vn_key
from htx_desktop.demo import fill_demo
from htx_desktop.exchange.workbook import write_workbook
from htx_desktop.registry.listing import unit_names
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record, record_values
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative

TINH_KHE, CAM_THANH = "21211", "21025"
#: Names whose order Python's own sort gets wrong: Ă and Â after A, Đ after D, tones after
#: letters, letters before tones over
#: the whole name ("Bà Rịa" < "Ba Tơ", as CLDR and LibreOffice), numbers as numbers.
TRICKY = ["HTX Đồng Tâm", "HTX Dũng Tiến", "HTX Ăn Bình", "HTX An Bình", "HTX Âu Cơ",
          "HTX Thôn 10", "HTX Thôn 2", "HTX Bà Rịa", "HTX Ba Tơ"]


@pytest.fixture
def two_communes(fresh_db: Database) -> Database:
    with fresh_db.session() as session:
        create_profile(session, TINH_KHE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(session, TINH_KHE, seed=1)
        fill_demo(session, CAM_THANH, seed=2)
        model = session.scalars(
            select(Cooperative).where(Cooperative.unit_code == TINH_KHE)).first()
        values = record_values(model, "cooperative")
        for n, name in enumerate(TRICKY):
            create_record(session, "cooperative",
                          {**values, "name": name, "registration_code": f"43009{n:05d}"},
                          TINH_KHE)
    return fresh_db


def _rows(book: Path, sheet: str) -> list[dict[str, object]]:
    ws = load_workbook(book, read_only=True)[sheet]
    header, *rows = ws.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=False)) for row in rows]


def test_each_sheet_lists_communes_then_names_in_vietnamese_order(
    two_communes: Database, tmp_path: Path
) -> None:
    book = tmp_path / "Báo cáo xã" / "sổ dữ liệu.xlsx"
    book.parent.mkdir()
    with two_communes.session() as session:
        write_workbook(session, [TINH_KHE, CAM_THANH], book)
        names = unit_names(session)

    coops = _rows(book, "Hợp tác xã")
    assert len(coops) > len(TRICKY)
    def unit_of(row: dict[str, object]) -> str:
        return unit_key(names[str(row["Đơn vị sở hữu"])])
    keys = [(unit_of(r), vn_key(str(r["Tên hợp tác xã"]))) for r in coops]
    assert keys == sorted(keys)
    # Phường Cẩm Thành ("C") before Xã Tịnh Khê ("T"): the division word does not count.
    assert str(coops[0]["Đơn vị sở hữu"]) == CAM_THANH
    tricky = [r["Tên hợp tác xã"] for r in coops if r["Tên hợp tác xã"] in TRICKY]
    assert tricky == ["HTX An Bình", "HTX Ăn Bình", "HTX Âu Cơ", "HTX Bà Rịa", "HTX Ba Tơ",
                      "HTX Dũng Tiến", "HTX Đồng Tâm", "HTX Thôn 2", "HTX Thôn 10"]

    managers = _rows(book, "Người quản lý")
    keys = [(unit_of(r), vn_key(str(r["Tên HTX"] or "")), vn_key(str(r["Họ và tên"])))
            for r in managers if r["Tên HTX"]]
    assert len(keys) > 10 and keys == sorted(keys)

    cadres = _rows(book, "Cán bộ Hội")
    keys = [(unit_of(r), vn_key(str(r["Họ và tên"]))) for r in cadres]
    assert len(keys) > 5 and keys == sorted(keys)

    trainings = _rows(book, "Lớp tập huấn")
    keys = [(unit_of(r), r["Từ ngày"], vn_key(str(r["Tên lớp"]))) for r in trainings]
    assert keys == sorted(keys)

    attendees = _rows(book, "Học viên có tên")
    keys = [(unit_of(r), r["Ngày bắt đầu"], vn_key(str(r["Lớp tập huấn"])),
             vn_key(str(r["Học viên"]))) for r in attendees]
    assert len(keys) > 10 and keys == sorted(keys)


def test_the_sort_functions_do_not_outlive_the_export(
    two_communes: Database, tmp_path: Path
) -> None:
    """The pooled connection goes on serving the application: the lookups are dropped."""
    with two_communes.session() as session:
        write_workbook(session, [TINH_KHE], tmp_path / "a.xlsx")
        raw = session.connection().connection.driver_connection
        assert raw.execute("SELECT htx_unit_order('21211')").fetchall() == [(None,)]
