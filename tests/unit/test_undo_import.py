"""Undoing an import, as a district officer who took in the wrong bundle would: the records go
back to exactly what they were, the commune no longer counts as reported, the same bundle can
be imported again; and where undoing would throw away a later change, it refuses and names the
records instead of guessing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from htx_desktop.demo import fill_demo
from htx_desktop.exchange.bundle import export_bundle
from htx_desktop.exchange.keys import create_credential
from htx_desktop.exchange.service import import_files, reported_unit_codes, trust_certificate
from htx_desktop.exchange.undo import UndoRefused, plan_undo, preview_in, undo_in
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record, delete_record, update_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.audit import audit_for
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import (
    SYNCED_MODELS,
    AuditEntry,
    Cooperative,
    ImportLedger,
    Manager,
    OfficerCredential,
)
from htx_desktop.storage.units import create_district

PASSPHRASE = "mat-khau-thu-nghiem"
PERIOD = "2025-H1"
COMMUNE = "21211"  # Xã Tịnh Khê
OTHER = "21034"


def _database(template: Path, folder: Path) -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "htx.sqlite3"
    shutil.copyfile(template, path)
    return open_database(path)


@pytest.fixture
def commune(template_db: Path, tmp_path: Path) -> Database:
    db = _database(template_db, tmp_path / "Xã Tịnh Khê")
    with db.session() as s:
        profile = create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        create_credential(s, profile, PASSPHRASE, db.path)
        fill_demo(s, COMMUNE, seed=1)
    yield db
    db.close()


@pytest.fixture
def district(template_db: Path, tmp_path: Path, commune: Database) -> Database:
    db = _database(template_db, tmp_path / "Cụm Sơn Tịnh")
    with db.session() as s:
        unit = create_district(s, "Cụm Sơn Tịnh", [COMMUNE, OTHER])
        create_profile(s, unit.code, "Lê Thị Lan", "Chủ tịch Hội LHPN huyện")
        fill_demo(s, OTHER, seed=2)  # her own records, which no undo may touch
    with commune.session() as s:
        pem = s.scalars(select(OfficerCredential.certificate_pem)).one()
    with db.session() as s:
        trust_certificate(s, pem.encode("ascii"))
    yield db
    db.close()


def export(db: Database, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with db.session() as s:
        return export_bundle(s, PERIOD, PASSPHRASE, folder)


def imported(db: Database, bundle: Path) -> int:
    (outcome,) = import_files(db, [bundle])
    assert outcome.ok, outcome.message
    with db.session() as s:
        return s.scalars(
            select(ImportLedger.id)
            .where(ImportLedger.bundle_sha256 == outcome.bundle.sha256)
            .order_by(ImportLedger.id.desc())
        ).first()


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored column of every record, as SQLite holds it."""
    with db.engine.connect() as conn:
        return {
            m.__tablename__: conn.exec_driver_sql(
                f"SELECT * FROM {m.__tablename__} ORDER BY id"
            ).all()
            for m in SYNCED_MODELS
        }


def coop_of(db: Database, unit: str, n: int = 0) -> tuple[str, str]:
    with db.session() as s:
        coop = s.scalars(
            select(Cooperative)
            .where(Cooperative.unit_code == unit, Cooperative.deleted.is_(False))
            .order_by(Cooperative.id)
        ).all()[n]
        return coop.id, coop.name


def edit_name(db: Database, coop_id: str, name: str, unit: str = COMMUNE) -> None:
    with db.session() as s:
        update_record(s, "cooperative", coop_id, {"name": name}, ValidationContext({unit}))


def test_undo_puts_back_exactly_what_the_bundle_changed(commune, district, tmp_path):
    first = export(commune, tmp_path / "gói đầu tiên")
    imported(district, first)
    before = snapshot(district)
    # The commune edits one cooperative, removes another and adds a third, then sends again.
    edited, _ = coop_of(commune, COMMUNE, 0)
    removed, _ = coop_of(commune, COMMUNE, 1)
    edit_name(commune, edited, "HTX Rau an toàn Tịnh Khê")
    with commune.session() as s:
        delete_record(s, "cooperative", removed)
        create_record(
            s, "cooperative", {"name": "HTX Dệt chiếu Tịnh Khê", "commune_code": COMMUNE,
                               "sector": "nong_nghiep"}, COMMUNE, ValidationContext({COMMUNE}),
        )
    entry = imported(district, export(commune, tmp_path / "gói thứ hai"))
    assert snapshot(district) != before

    plan = preview_in(district, entry)
    assert any("HTX Dệt chiếu Tịnh Khê" in line for line in plan.lines_vi(100))
    assert any("HTX Rau an toàn Tịnh Khê" in line for line in plan.lines_vi(100))
    assert snapshot(district) != before  # the preview changes nothing
    undo_in(district, entry)

    assert snapshot(district) == before  # byte for byte, every field of every record
    with district.session() as s:
        assert s.get(ImportLedger, entry).result == "undone"
        actions = [e.action for e in audit_for(s, edited)]
    assert actions[-2:] == ["import", "undo"]


def test_an_undone_import_no_longer_counts_and_can_be_imported_again(
    commune, district, tmp_path
):
    bundle = export(commune, tmp_path / "gói kỳ 1")
    before = snapshot(district)
    entry = imported(district, bundle)
    after_import = snapshot(district)
    with district.session() as s:
        assert COMMUNE in reported_unit_codes(s, PERIOD)

    undo_in(district, entry)
    assert snapshot(district) == before
    with district.session() as s:
        assert COMMUNE not in reported_unit_codes(s, PERIOD)

    with pytest.raises(UndoRefused, match="đã được hoàn tác rồi"):
        undo_in(district, entry)

    again = imported(district, bundle)  # not "already imported": the undone one is gone
    assert again != entry
    with district.session() as s:
        assert s.get(ImportLedger, again).result == "imported"
        assert COMMUNE in reported_unit_codes(s, PERIOD)
    assert snapshot(district) == after_import  # a bundle carries its records' own times
    undo_in(district, again)  # and that import can be undone in turn
    assert snapshot(district) == before


def test_a_later_import_of_the_same_record_is_named_and_refused(commune, district, tmp_path):
    first = imported(district, export(commune, tmp_path / "gói 1"))
    edited, _ = coop_of(commune, COMMUNE, 0)
    edit_name(commune, edited, "HTX Nấm rơm Tịnh Khê")
    imported(district, export(commune, tmp_path / "gói 2"))
    before = snapshot(district)

    with pytest.raises(UndoRefused) as refused:
        undo_in(district, first)
    assert "HTX “HTX Nấm rơm Tịnh Khê”" in str(refused.value)
    assert "sau lần nhập này" in str(refused.value)
    assert snapshot(district) == before
    with district.session() as s:
        assert s.get(ImportLedger, first).result == "imported"


def test_a_later_local_edit_is_named_and_refused(commune, district, tmp_path):
    entry = imported(district, export(commune, tmp_path / "gói"))
    coop_id, _ = coop_of(district, COMMUNE, 2)
    edit_name(district, coop_id, "HTX Sửa ở huyện", unit=COMMUNE)
    with pytest.raises(UndoRefused, match="HTX Sửa ở huyện"):
        undo_in(district, entry)


def test_an_import_without_prior_values_is_refused_plainly(commune, district, tmp_path):
    entry = imported(district, export(commune, tmp_path / "gói cũ"))
    with district.session() as s:  # as an import made by an older version left it
        s.execute(update(AuditEntry).values(old_value=None).where(AuditEntry.action == "import"))
    before = snapshot(district)
    with pytest.raises(UndoRefused, match="không giữ giá trị cũ"):
        undo_in(district, entry)
    with district.session() as s:
        s.execute(AuditEntry.__table__.delete().where(AuditEntry.action == "import"))
    with pytest.raises(UndoRefused, match="khôi phục một bản sao lưu"):
        undo_in(district, entry)
    assert snapshot(district) == before


def test_a_record_entered_here_under_an_imported_one_blocks_its_removal(
    commune, district, tmp_path
):
    entry = imported(district, export(commune, tmp_path / "gói"))
    with district.session() as s:
        new_coop = s.scalars(
            select(Cooperative.id).where(Cooperative.unit_code == COMMUNE).limit(1)
        ).one()
        s.add(Manager(unit_code=COMMUNE, cooperative_id=new_coop, role="giam_doc",
                      full_name="Trần Thị Mai", sex="nu"))
    with district.session() as s, pytest.raises(UndoRefused, match="Trần Thị Mai"):
        plan_undo(s, entry)


def test_unknown_and_unchanged_entries_are_refused(commune, district, tmp_path):
    bundle = export(commune, tmp_path / "gói")
    imported(district, bundle)
    repeat = imported(district, bundle)
    with district.session() as s:
        with pytest.raises(UndoRefused, match="không thay đổi dữ liệu"):
            plan_undo(s, repeat)
        with pytest.raises(UndoRefused, match="Không có lần nhập số 999"):
            plan_undo(s, 999)


def test_the_command_line_previews_then_undoes(commune, district, tmp_path, capsys):
    from htx_desktop.cli import parse_args, run

    entry = imported(district, export(commune, tmp_path / "gói dòng lệnh"))
    before = snapshot(district)
    db = str(district.path)
    assert run(parse_args(["ledger", "--db", db])) == 0
    assert "Đã nhập" in capsys.readouterr().out
    assert run(parse_args(["undo-import", str(entry), "--db", db])) == 0
    assert "Chạy lại lệnh với --yes" in capsys.readouterr().out
    assert snapshot(district) == before  # the preview changed nothing
    assert run(parse_args(["undo-import", str(entry), "--db", db, "--yes"])) == 0
    assert "Đã hoàn tác" in capsys.readouterr().out
    assert run(parse_args(["undo-import", str(entry), "--db", db, "--yes"])) == 1
    assert "đã được hoàn tác rồi" in capsys.readouterr().err
    with district.session() as s:
        assert COMMUNE not in reported_unit_codes(s, PERIOD)


def test_an_undone_import_is_no_longer_named_as_a_records_origin(commune, district, tmp_path):
    from htx_desktop.storage.audit import record_origins

    first = export(commune, tmp_path / "gói 1")
    imported(district, first)
    edited, _ = coop_of(commune, COMMUNE, 0)
    edit_name(commune, edited, "HTX Mây tre đan Tịnh Khê")
    second = imported(district, export(commune, tmp_path / "gói 2"))
    with district.session() as s:
        first_sha = s.scalars(select(ImportLedger.bundle_sha256).order_by(ImportLedger.id)).first()
        second_sha = s.get(ImportLedger, second).bundle_sha256
        assert record_origins(s)[edited] == second_sha
    undo_in(district, second)
    with district.session() as s:
        assert record_origins(s)[edited] == first_sha
