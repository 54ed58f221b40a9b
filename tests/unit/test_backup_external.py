"""Backups she can carry: a copy on a USB stick (a folder with spaces and Vietnamese letters),
restored from there; and a file that only claims to be a backup changes nothing."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.backup import BackupError, list_backups
from htx_desktop.storage.backup_external import (
    backup_to_folder,
    external_backup_due,
    last_external_backup,
    restore_from_file,
)
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative

COMMUNE = "21211"
CTX = ValidationContext(communes={COMMUNE})


def add_coop(db: Database, name: str) -> None:
    with db.session() as s:
        create_record(
            s, "cooperative", {"name": name, "commune_code": COMMUNE, "sector": "nong_nghiep"},
            COMMUNE, CTX,
        )


def names(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(Cooperative.name)))


@pytest.fixture
def officer_db(fresh_db: Database) -> Database:
    with fresh_db.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    add_coop(fresh_db, "HTX Rau sạch Tịnh Khê")
    return fresh_db


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "USB của chị Hoa" / "Sao lưu Hội phụ nữ"
    folder.mkdir(parents=True)
    return folder


def test_backup_to_a_folder_then_restore_from_it(officer_db, usb):
    assert external_backup_due(officer_db.path)  # never copied outside: remind
    copy = backup_to_folder(officer_db.path, usb, now=datetime(2026, 3, 2, 9, 30))
    assert copy.parent == usb and copy.name.endswith("-ngoai-may.sqlite3")
    assert [p.name for p in usb.iterdir()] == [copy.name]  # no temporary file left
    last = last_external_backup(officer_db.path)
    assert last is not None and last.path == copy
    assert not external_backup_due(officer_db.path, now=datetime(2026, 3, 20))
    assert external_backup_due(officer_db.path, now=datetime(2026, 3, 2) + timedelta(days=31))

    add_coop(officer_db, "HTX Nấm rơm Tịnh Ấn")  # entered after the copy
    officer_db.engine.dispose()
    safety = restore_from_file(officer_db.path, copy)
    assert names(officer_db) == ["HTX Rau sạch Tịnh Khê"]
    assert safety is not None and safety in [b.path for b in list_backups(officer_db.path)]


def test_a_missing_folder_says_so(officer_db, tmp_path):
    with pytest.raises(BackupError, match="Không thấy thư mục"):
        backup_to_folder(officer_db.path, tmp_path / "USB đã rút")
    assert last_external_backup(officer_db.path) is None


def _truncated(good: Path, target: Path) -> Path:
    target.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    return target


def _not_sqlite(_good: Path, target: Path) -> Path:
    target.write_bytes(b"PK\x03\x04 day la tep zip, khong phai sao luu" * 100)
    return target


def _other_schema(_good: Path, target: Path) -> Path:
    con = sqlite3.connect(target)
    con.execute("CREATE TABLE khach_hang (id INTEGER PRIMARY KEY, ten TEXT)")
    con.execute("INSERT INTO khach_hang (ten) VALUES ('Trần Văn A')")
    con.commit()
    con.close()
    return target


def _empty(_good: Path, target: Path) -> Path:
    target.write_bytes(b"")
    return target


@pytest.mark.parametrize("make", [_truncated, _not_sqlite, _other_schema, _empty])
def test_a_file_that_is_not_a_good_backup_changes_nothing(officer_db, usb, make):
    good = backup_to_folder(officer_db.path, usb)
    hostile = make(good, usb / "bản sao lưu giả.sqlite3")
    add_coop(officer_db, "HTX Dệt chiếu")
    before_names = names(officer_db)
    backups_before = list_backups(officer_db.path)
    officer_db.engine.dispose()
    before_bytes = officer_db.path.read_bytes()
    with pytest.raises(BackupError) as refused:
        restore_from_file(officer_db.path, hostile)
    assert "chưa thay đổi gì" in str(refused.value) or "Không khôi phục" in str(refused.value)
    assert officer_db.path.read_bytes() == before_bytes
    assert names(officer_db) == before_names
    assert list_backups(officer_db.path) == backups_before  # not even a safety copy
    with officer_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Cooperative)) == 2
