"""Excel import: the template, round trips through the bundle's workbook, an old TCVN3 list."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from htx_desktop.demo import fill_demo
from htx_desktop.exchange.workbook import SHEETS, headers, write_workbook
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import model_for, record_values
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import ImportLedger, TrainingAttendance
from htx_desktop.xlsx.importer import apply_import, preview_import
from htx_desktop.xlsx.reading import XlsxImportError
from htx_desktop.xlsx.template import INSTRUCTIONS_SHEET, write_template

UNIT = "21211"
FIXTURE = Path(__file__).parents[1] / "fixtures" / "legacy-list.xlsx"


@pytest.fixture
def commune_db(fresh_db: Database) -> Database:
    with fresh_db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    return fresh_db


@pytest.fixture
def demo_db(template_db: Path, tmp_path: Path) -> Database:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    with db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(session, UNIT, seed=1)
    yield db
    db.close()


def _snapshot(db: Database) -> dict[str, dict[str, dict[str, Any]]]:
    with db.session() as session:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for form_key, _, _ in SHEETS:
            model = model_for(form_key)
            out[form_key] = {
                r.id: record_values(r, form_key)
                for r in session.scalars(select(model).where(model.deleted.is_(False)))
            }
        out["attendance"] = {
            a.id: {"s": a.session_id, "m": a.manager_id, "c": a.cadre_id}
            for a in session.scalars(select(TrainingAttendance))
        }
        return out


def test_template_has_the_bundle_sheets_and_columns_with_drop_downs(tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    write_template(out, ["Xã Tịnh Khê"])
    wb = load_workbook(out)
    assert wb.sheetnames[0] == INSTRUCTIONS_SHEET
    for form_key, title, links in SHEETS:
        ws = wb[title]
        assert [c.value for c in ws[1]] == headers(form_key, links)
    coop = wb["Hợp tác xã"]
    lists = [dv for dv in coop.data_validations.dataValidation if dv.type == "list"]
    assert lists, "choice columns need a drop-down"
    prompts = [dv.prompt for dv in coop.data_validations.dataValidation if dv.prompt]
    assert any("10 chữ số" in p for p in prompts)
    assert wb["Danh mục"].sheet_state == "hidden"
    assert "Xã Tịnh Khê" in {c.value for col in wb["Danh mục"].iter_cols() for c in col}


def test_bundle_workbook_round_trip_gives_the_same_records(
    demo_db: Database, commune_db: Database, tmp_path: Path
) -> None:
    book = tmp_path / "xuat.xlsx"
    with demo_db.session() as session:
        write_workbook(session, [UNIT], book)
    with commune_db.session() as session:
        preview = preview_import(session, book, UNIT)
        assert preview.errors == []
        assert preview.counts()["update"] == 0
    with commune_db.session() as session:  # the dry run wrote nothing
        assert session.scalar(select(func.count()).select_from(model_for("cooperative"))) == 0
    with commune_db.session() as session:
        apply_import(session, preview_import(session, book, UNIT))
    assert _snapshot(commune_db) == _snapshot(demo_db)
    with commune_db.session() as session:  # importing again: a reported no-op
        again = preview_import(session, book, UNIT)
        assert again.changes == 0 and again.errors == []
        apply_import(session, again)
        ledger = session.scalars(select(ImportLedger).order_by(ImportLedger.id)).all()
        assert [e.result for e in ledger] == ["imported", "no_change"]
        assert all(e.signed is False for e in ledger)


def test_filled_template_imports_and_matches_htx_by_registration_code(
    commune_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "mau.xlsx"
    write_template(out)
    wb = load_workbook(out)
    coop = wb["Hợp tác xã"]
    col = {c.value: c.column for c in coop[1]}
    coop.cell(2, col["Tên hợp tác xã"], "HTX Nông nghiệp Tịnh Khê")
    coop.cell(2, col["Mã số HTX"], 4300123456)
    coop.cell(2, col["Lĩnh vực hoạt động"], "Nông nghiệp")
    coop.cell(2, col["Ngày thành lập"], date(2019, 3, 15))
    coop.cell(2, col["Vốn điều lệ (triệu đồng)"], "1.500,5")  # Vietnamese separators, as text
    mgr = wb["Người quản lý"]
    mcol = {c.value: c.column for c in mgr[1]}
    mgr.cell(2, mcol["Mã HTX"], "4300123456")
    mgr.cell(2, mcol["Họ và tên"], "Trần Thị Lan")
    mgr.cell(2, mcol["Chức danh"], "Giám đốc")
    mgr.cell(2, mcol["Giới tính"], "Nữ")
    mgr.cell(2, mcol["Năm sinh"], "1.980")
    mgr.cell(2, mcol["Người này đồng ý cho ghi nhận thông tin cá nhân"], "Có")
    wb.save(out)
    with commune_db.session() as session:
        preview = preview_import(session, out, UNIT)
        assert [p.text() for p in preview.errors] == []
        apply_import(session, preview)
    wb = load_workbook(out)
    wb["Hợp tác xã"].cell(2, col["Địa chỉ trụ sở"], "Thôn 1")
    wb.save(out)
    with commune_db.session() as session:
        preview = preview_import(session, out, UNIT)
        assert preview.counts()["update"] == 1, [p.text() for p in preview.problems]
        assert preview.counts()["create"] == 0
        apply_import(session, preview)
        coops = session.scalars(select(model_for("cooperative"))).all()
        assert len(coops) == 1
        assert coops[0].address == "Thôn 1"
        assert coops[0].charter_capital == Decimal("1500.5")
        assert coops[0].commune_code == UNIT  # a commune's own list
        manager = session.scalars(select(model_for("manager"))).one()
        assert manager.cooperative_id == coops[0].id and manager.birth_year == 1980


def test_legacy_tcvn3_list_imports_with_expected_values_and_errors(commune_db: Database) -> None:
    with commune_db.session() as session:
        preview = preview_import(session, FIXTURE, UNIT)
        assert preview.encoding == "tcvn3"
        problems = {(p.sheet, p.row, (p.column or "").split(" ")[0]) for p in preview.errors}
        sheet = "DS HTX xã"
        assert problems == {
            (sheet, 7, "C"),  # 5-digit registration code
            (sheet, 7, "E"),  # 31/02/2020
            (sheet, 7, "H"),  # "abc" as capital
            (sheet, 8, "B"),  # no name
            (sheet, 9, ""),  # same registration code as row 5
        }
        assert preview.counts()["create"] == 2
        apply_import(session, preview)
    with commune_db.session() as session:
        coops = {c.registration_code: c for c in session.scalars(select(model_for("cooperative")))}
    first = coops["4300123456"]
    assert first.name == "Hợp tác xã Nông nghiệp Đồng Tâm"
    assert first.address == "Thôn Nghĩa Hành"
    assert first.established_on == date(2019, 3, 15)
    assert first.sector == "nong_nghiep" and first.status == "hoat_dong"
    assert first.charter_capital == Decimal("1500")
    second = coops["4300765432"]
    assert second.name == "Hợp tác xã Dệt thổ cẩm Hành Thịnh"
    assert second.status == "tam_ngung" and second.sector == "tieu_thu_cong_nghiep"
    assert second.charter_capital == Decimal("2350.5")


def test_xls_and_non_excel_files_are_refused_with_a_reason(
    commune_db: Database, tmp_path: Path
) -> None:
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    fake = tmp_path / "gia.xlsx"
    fake.write_text("không phải excel", encoding="utf-8")
    with commune_db.session() as session:
        with pytest.raises(XlsxImportError, match="Lưu thành"):
            preview_import(session, old, UNIT)
        with pytest.raises(XlsxImportError, match="không phải tệp Excel"):
            preview_import(session, fake, UNIT)


def test_two_managers_of_one_htx_with_the_same_name_both_come_back(
    demo_db: Database, commune_db: Database, tmp_path: Path
) -> None:
    """Namesakes are common (two "Nguyễn Thị Hoa" on one board): rows with their own UUIDs
    are two people, not a doubled row."""
    from htx_desktop.registry.records import create_record
    from htx_desktop.storage.models import Manager

    with demo_db.session() as session:
        first = session.scalars(
            select(Manager).where(Manager.cooperative_id.is_not(None))).first()
        twin = create_record(session, "manager", record_values(first, "manager"), UNIT)
        assert twin.id != first.id and twin.full_name == first.full_name
    book = tmp_path / "Sổ có người trùng tên.xlsx"
    with demo_db.session() as session:
        write_workbook(session, [UNIT], book)
    with commune_db.session() as session:
        preview = preview_import(session, book, UNIT)
        assert preview.errors == []
        apply_import(session, preview)
    with commune_db.session() as session:
        assert {first.id, twin.id} <= set(session.scalars(select(Manager.id)))
    assert _snapshot(commune_db) == _snapshot(demo_db)


def test_the_template_lists_communes_in_vietnamese_order(tmp_path: Path) -> None:
    """The drop-down reads like the officer's own list: by name without "Xã"/"Phường", Đ after
    D, whatever order the caller passed."""
    book = tmp_path / "mẫu nhập.xlsx"
    write_template(book, ["Xã Tịnh Khê", "Xã Đức Phổ", "Phường Cẩm Thành", "Xã Dũng Tiến",
                          "Xã An Phú"])
    wb = load_workbook(book)
    listed = [
        [c.value for c in column if c.value]
        for ws in wb.worksheets for column in ws.iter_cols()
        if any(c.value == "Xã Tịnh Khê" for c in column)
    ]
    assert listed == [["Xã An Phú", "Phường Cẩm Thành", "Xã Dũng Tiến", "Xã Đức Phổ",
                       "Xã Tịnh Khê"]]


def test_a_training_counting_more_poor_women_than_attendees_is_refused(
    commune_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "Danh sách lớp tập huấn.xlsx"
    write_template(out)
    wb = load_workbook(out)
    sheet = wb["Lớp tập huấn"]
    col = {c.value: c.column for c in sheet[1]}
    for header, value in (
        ("Tên lớp", "Tập huấn kỹ năng số"),
        ("Nội dung", "Kỹ năng số"),
        ("Từ ngày", date(2026, 3, 5)),
        ("Đến ngày", date(2026, 3, 6)),
        ("Hội viên, phụ nữ khác", 20),
        ("Trong đó: phụ nữ hộ nghèo, cận nghèo", 25),
    ):
        sheet.cell(2, col[header], value)
    wb.save(out)
    with commune_db.session() as session:
        preview = preview_import(session, out, UNIT)
        texts = [p.text() for p in preview.errors]
        assert len(texts) == 1
        expected = "Số phụ nữ hộ nghèo, cận nghèo (25) không được lớn hơn tổng số học viên khác"
        assert f"{expected} (20)" in texts[0]
