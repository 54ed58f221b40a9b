"""Backups, integrity checks, restore and the one-instance lock: the officer's years of entries
must survive a bad upgrade, a damaged disk, a wrong click and a second copy of the app."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from htx_desktop.__main__ import main
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage import backup as backup_module
from htx_desktop.storage import integrity as integrity_module
from htx_desktop.storage.backup import (
    BackupError,
    DamagedDatabase,
    backup_database,
    daily_backup_due,
    list_backups,
    newest_good_backup,
    prune_backups,
    restore_backup,
    startup_backup,
)
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.instance_lock import InstanceLock, lock_path, server_name
from htx_desktop.storage.integrity import check_integrity
from htx_desktop.storage.migrate import alembic_config, current_revision, head_revision
from htx_desktop.storage.models import Cooperative

COMMUNE = "21211"
CTX = ValidationContext(communes={COMMUNE})


def add_coop(db: Database, name: str) -> str:
    with db.session() as s:
        return create_record(
            s, "cooperative", {"name": name, "commune_code": COMMUNE, "sector": "dich_vu"},
            COMMUNE, CTX,
        ).id


def coop_names(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM cooperative")}
    finally:
        con.close()


def damage(path: Path, page: int = 40, pages: int = 4) -> None:
    """Overwrite a few pages in the middle of the file, as a failing disk would."""
    with path.open("r+b") as handle:
        handle.seek(4096 * page)
        handle.write(b"\xa5" * 4096 * pages)


# --- backups ------------------------------------------------------------------------------


def test_a_backup_is_a_sound_private_copy_including_uncheckpointed_commits(fresh_db):
    add_coop(fresh_db, "HTX Trong WAL")  # committed, still in the -wal file: db stays open
    target = backup_database(fresh_db.path, "thu-cong")
    assert target.parent == fresh_db.path.parent / "backups"
    assert target.name.startswith("htx-") and target.name.endswith("-thu-cong.sqlite3")
    assert check_integrity(target).ok
    assert coop_names(target) == {"HTX Trong WAL"}
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    con.close()
    assert not list(target.parent.glob("*.part")) and not list(target.parent.glob("*-wal"))
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
        assert target.parent.stat().st_mode & 0o777 == 0o700


def test_names_carry_time_and_reason_and_never_collide(fresh_db):
    moment = datetime(2026, 3, 8, 9, 30, 5)
    first = backup_database(fresh_db.path, "Trước nhập", now=moment)
    second = backup_database(fresh_db.path, "Trước nhập", now=moment)
    assert first.name == "htx-20260308-093005-truoc-nhap.sqlite3"
    assert second.name == "htx-20260308-093005-truoc-nhap-2.sqlite3"
    listed = list_backups(fresh_db.path)
    assert [b.path for b in listed] == [second, first]  # newest first
    assert listed[0].reason == "truoc-nhap" and listed[0].label_vi == "trước khi nhập gói"
    assert listed[0].taken_at == moment


def test_other_databases_backups_and_leftovers_are_not_listed(fresh_db):
    own = backup_database(fresh_db.path, "thu-cong")
    folder = own.parent
    (folder / "htx-old-20260101-000000-thu-cong.sqlite3").write_bytes(b"x")
    (folder / ".htx-20260101-000000-thu-cong.sqlite3.part").write_bytes(b"x")
    (folder / "ghi-chu.txt").write_text("x")
    assert [b.path for b in list_backups(fresh_db.path)] == [own]


def test_rotation_keeps_the_newest_ten_and_the_newest_of_each_of_seven_days(fresh_db):
    start = datetime(2026, 1, 1, 8, 0, 0)
    made = []
    for day in range(12):  # 12 days, 3 backups a day
        for hour in (8, 12, 17):
            moment = start + timedelta(days=day, hours=hour - 8)
            made.append((moment, backup_database(fresh_db.path, "khoi-dong", now=moment)))
    kept = {b.path for b in list_backups(fresh_db.path)}
    newest_ten = {p for _, p in made[-10:]}
    last_of_day = {p for m, p in made if m.hour == 17 and m.day >= 6}  # days 6..12 = 7 days
    assert kept == newest_ten | last_of_day
    assert len(kept) == 10 + 3  # days 9-12 are inside the newest ten already


def test_stale_temporary_copies_are_cleaned_up(fresh_db):
    folder = fresh_db.path.parent / "backups"
    folder.mkdir()
    stale = folder / ".htx-20200101-000000-thu-cong.sqlite3.part"
    fresh = folder / ".htx-20200101-000001-thu-cong.sqlite3.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = datetime.now().timestamp() - 2 * backup_module.STALE_PART_SECONDS
    os.utime(stale, (old, old))
    removed = prune_backups(fresh_db.path)
    assert removed == [stale] and fresh.exists()


def test_startup_backup_leaves_an_upgrade_to_open_database(fresh_db):
    db = Database(fresh_db.path)
    command.downgrade(alembic_config(db.engine), "0002")
    db.close()
    fresh_db.close()
    assert startup_backup(fresh_db.path) is None
    open_database(fresh_db.path).close()
    assert [b.reason for b in list_backups(fresh_db.path)] == ["truoc-nang-cap"]


def test_startup_backup_only_when_something_changed(fresh_db):
    first = startup_backup(fresh_db.path)
    assert first is not None and first.name.endswith("-khoi-dong.sqlite3")
    assert startup_backup(fresh_db.path) is None  # restarting changes nothing
    add_coop(fresh_db, "HTX Mới")
    later = datetime.now().timestamp() + 5
    os.utime(fresh_db.path, (later, later))  # coarse file-system clocks
    second = startup_backup(fresh_db.path)
    assert second is not None and second != first
    assert startup_backup(fresh_db.path.parent / "khong-co.sqlite3") is None


def test_daily_backup_is_due_after_a_day(fresh_db):
    assert daily_backup_due(fresh_db.path)  # never backed up
    moment = datetime(2026, 5, 1, 7, 0, 0)
    backup_database(fresh_db.path, backup_module.REASON_DAILY, now=moment)
    assert not daily_backup_due(fresh_db.path, now=moment + timedelta(hours=23))
    assert daily_backup_due(fresh_db.path, now=moment + timedelta(hours=24))
    assert not daily_backup_due(fresh_db.path.parent / "khong-co.sqlite3")


def test_a_damaged_database_is_reported_and_not_copied(fresh_db):
    good = backup_database(fresh_db.path, "thu-cong", now=datetime(2026, 1, 1, 9, 0, 0))
    add_coop(fresh_db, "HTX Một")
    fresh_db.close()
    damage(fresh_db.path)
    with pytest.raises(DamagedDatabase, match="bị hỏng") as raised:
        startup_backup(fresh_db.path)
    assert not raised.value.report.ok
    assert [b.path for b in list_backups(fresh_db.path)] == [good]
    assert not list((fresh_db.path.parent / "backups").glob(".*.part"))


def test_a_missing_database_cannot_be_backed_up(tmp_path):
    with pytest.raises(BackupError, match="Không có tệp"):
        backup_database(tmp_path / "khong-co.sqlite3", "thu-cong")


def test_opening_an_older_schema_backs_up_first_and_only_then(template_db, tmp_path):
    path = tmp_path / "htx.sqlite3"
    open_database(path).close()  # a new file: nothing to lose, no backup
    assert list_backups(path) == []
    db = Database(path)
    command.downgrade(alembic_config(db.engine), "0002")
    db.close()
    reopened = open_database(path)
    assert current_revision(reopened.engine) == head_revision()
    reopened.close()
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["truoc-nang-cap"]
    con = sqlite3.connect(backups[0].path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
    con.close()
    open_database(path).close()  # at head: no further copy
    assert len(list_backups(path)) == 1


# --- integrity and restore ---------------------------------------------------------------


def test_integrity_check_finds_damage_and_picks_quick_check_for_big_files(
    fresh_db, monkeypatch
):
    add_coop(fresh_db, "HTX Một")
    fresh_db.close()
    report = check_integrity(fresh_db.path)
    assert report.ok and not report.quick and "không có lỗi" in report.summary_vi()
    monkeypatch.setattr(integrity_module, "QUICK_CHECK_ABOVE", 1)
    assert check_integrity(fresh_db.path).quick
    assert not check_integrity(fresh_db.path, quick=False).quick
    damage(fresh_db.path)
    broken = check_integrity(fresh_db.path, quick=False)
    assert not broken.ok and broken.problems and "bị hỏng" in broken.summary_vi()
    missing = check_integrity(fresh_db.path.parent / "khong-co.sqlite3")
    assert not missing.ok
    assert not (fresh_db.path.parent / "khong-co.sqlite3").exists()  # never created


def test_garbage_is_reported_not_raised(tmp_path):
    path = tmp_path / "rac.sqlite3"
    path.write_bytes(b"khong phai sqlite " * 500)
    report = check_integrity(path)
    assert not report.ok and "not a database" in report.problems[0]


def test_newest_good_backup_skips_damaged_ones(fresh_db):
    good = backup_database(fresh_db.path, "thu-cong", now=datetime(2026, 1, 1, 9, 0, 0))
    bad = backup_database(fresh_db.path, "thu-cong", now=datetime(2026, 1, 2, 9, 0, 0))
    damage(bad, page=2, pages=40)
    info = newest_good_backup(fresh_db.path)
    assert info is not None and info.path == good


def test_restore_brings_the_backup_back_and_keeps_the_current_state(fresh_db):
    add_coop(fresh_db, "HTX Trước")
    saved = backup_database(fresh_db.path, "thu-cong")
    add_coop(fresh_db, "HTX Sau")
    fresh_db.close()
    safety = restore_backup(fresh_db.path, saved)
    assert coop_names(fresh_db.path) == {"HTX Trước"}
    assert safety is not None and safety.name.endswith("-truoc-khoi-phuc.sqlite3")
    assert coop_names(safety) == {"HTX Trước", "HTX Sau"}
    db = open_database(fresh_db.path)  # and the application opens it as usual
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Cooperative)) == 1
    db.close()


def test_restore_over_a_file_sqlite_cannot_read(fresh_db):
    add_coop(fresh_db, "HTX Còn lại")
    saved = backup_database(fresh_db.path, "thu-cong")
    fresh_db.close()
    fresh_db.path.write_bytes(b"hong het " * 10_000)
    safety = restore_backup(fresh_db.path, saved)
    assert coop_names(fresh_db.path) == {"HTX Còn lại"}
    assert check_integrity(fresh_db.path).ok
    assert safety is not None and safety.read_bytes().startswith(b"hong het")  # kept as it was


def test_a_damaged_backup_is_refused_and_nothing_changes(fresh_db):
    add_coop(fresh_db, "HTX Đang dùng")
    saved = backup_database(fresh_db.path, "thu-cong")
    damage(saved, page=2, pages=40)
    fresh_db.close()
    before = fresh_db.path.read_bytes()
    with pytest.raises(BackupError, match="bị hỏng"):
        restore_backup(fresh_db.path, saved)
    assert fresh_db.path.read_bytes() == before
    assert [b.path for b in list_backups(fresh_db.path)] == [saved]  # no safety copy needed


def test_a_database_in_use_is_never_replaced(fresh_db, monkeypatch):
    """Busy is not damaged: a restore that cannot get the write lock gives up and leaves the
    file alone rather than swapping it from under the process that is writing."""
    saved = backup_database(fresh_db.path, "thu-cong")
    add_coop(fresh_db, "HTX Đang ghi")
    monkeypatch.setattr(backup_module, "RESTORE_BUSY_TIMEOUT_S", 0.2)
    writer = sqlite3.connect(fresh_db.path)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BackupError, match="locked"):
            restore_backup(fresh_db.path, saved)
    finally:
        writer.rollback()
        writer.close()
    assert coop_names(fresh_db.path) == {"HTX Đang ghi"}


# --- command line ------------------------------------------------------------------------


def cli(capsys, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_command_offers_the_newest_good_backup(fresh_db, capsys):
    add_coop(fresh_db, "HTX Một")
    good = backup_database(fresh_db.path, "thu-cong")
    fresh_db.close()
    assert cli(capsys, "check", "--db", fresh_db.path)[0] == 0
    damage(fresh_db.path)
    code, _out, err = cli(capsys, "check", "--db", fresh_db.path)
    assert code == 1
    assert "bị hỏng" in err and str(good) in err
    assert f"htx-desktop restore --db {fresh_db.path} --backup {good}" in err
    assert "Traceback" not in err


def test_backup_and_backups_commands(fresh_db, capsys):
    fresh_db.close()
    code, out, _ = cli(capsys, "backup", "--db", fresh_db.path)
    assert code == 0 and "Đã sao lưu vào" in out
    code, out, _ = cli(capsys, "backups", "--db", fresh_db.path)
    assert code == 0 and "sao lưu thủ công" in out and "Tổng: 1" in out
    code, _, err = cli(capsys, "backup", "--db", fresh_db.path.parent / "khong-co.sqlite3")
    assert code == 1 and "Không có tệp" in err


def test_restore_command_needs_confirmation_and_the_app_closed(fresh_db, capsys, monkeypatch):
    add_coop(fresh_db, "HTX Trước")
    saved = backup_database(fresh_db.path, "thu-cong")
    add_coop(fresh_db, "HTX Sau")
    fresh_db.close()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = cli(capsys, "restore", "--db", fresh_db.path, "--backup", saved)
    assert code == 1 and "--yes" in err
    assert coop_names(fresh_db.path) == {"HTX Trước", "HTX Sau"}

    with InstanceLock(fresh_db.path) as lock:  # the GUI has the database open
        assert lock.acquire()
        code, _, err = cli(capsys, "restore", "--db", fresh_db.path, "--backup", saved, "--yes")
        assert code == 1 and "đang mở" in err

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "k")
    code, out, _ = cli(capsys, "restore", "--db", fresh_db.path, "--backup", saved.name)
    assert code == 1 and "Đã hủy" in out
    monkeypatch.setattr("builtins.input", lambda _prompt: "c")
    code, out, _ = cli(capsys, "restore", "--db", fresh_db.path, "--backup", saved.name)
    assert code == 0 and "Đã khôi phục" in out
    assert coop_names(fresh_db.path) == {"HTX Trước"}
    code, _, err = cli(capsys, "restore", "--db", fresh_db.path, "--backup", "khong-co.sqlite3")
    assert code == 1 and "htx-desktop backups" in err


# --- one instance per database -----------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from htx_desktop.storage.instance_lock import InstanceLock
    lock = InstanceLock(sys.argv[1])
    print("locked" if lock.acquire() else "busy", flush=True)
    sys.stdin.read()  # hold until the test closes our stdin (or kills us)
    """
)


def holder(db_path: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def test_one_process_per_database_and_a_killed_owner_frees_it(tmp_path):
    db_path = tmp_path / "htx.sqlite3"
    first, state = holder(db_path)
    try:
        assert state == "locked"
        mine = InstanceLock(db_path)
        assert not mine.acquire()
        assert mine.owner_pid() == first.pid
        second, state = holder(db_path)
        second.communicate("")
        assert state == "busy"
    finally:
        first.kill()  # as a crash or a power cut would: no clean-up code runs
        first.wait(timeout=10)
    assert mine.acquire()
    assert mine.owner_pid() == os.getpid()
    other, state = holder(db_path)
    other.communicate("")
    assert state == "busy"
    mine.release()
    other, state = holder(db_path)
    other.communicate("")
    assert state == "locked"
    assert lock_path(db_path).exists()  # the file stays; only the OS lock matters


def test_server_name_is_stable_per_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    name = server_name(tmp_path / "htx.sqlite3")
    assert name == server_name("htx.sqlite3")
    assert name == server_name(tmp_path / "sub" / ".." / "htx.sqlite3")
    assert name != server_name(tmp_path / "khac.sqlite3")
    assert name.startswith("htx-desktop-") and name.replace("-", "").isalnum() and len(name) < 40
