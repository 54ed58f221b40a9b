"""One window per database, and the guided recovery when the file is damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QWidget

from htx_desktop.storage.backup import backup_database
from htx_desktop.storage.database import open_database
from htx_desktop.ui import safety


def test_a_second_start_on_the_same_database_brings_the_first_forward(qtbot, tmp_path):
    path = tmp_path / "htx.sqlite3"
    first = safety.SingleInstance(path)
    assert first.acquire()
    window = QWidget()
    qtbot.addWidget(window)
    first.window = window
    window.showMinimized()
    second = safety.SingleInstance(path)
    try:
        assert not second.acquire()
        qtbot.waitUntil(lambda: not window.isMinimized(), timeout=3000)
    finally:
        first.release()
    third = safety.SingleInstance(path)
    assert third.acquire()  # released: the next start may open it
    third.release()


def test_recovery_restores_the_newest_good_copy(qtbot, tmp_path):
    path = tmp_path / "htx.sqlite3"
    open_database(path).close()
    backup_database(path, "thu-cong")
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE added_after_backup (x)")
    chosen: list[str] = []

    def answer(_parent, text):  # the officer reads the question and presses "Khôi phục"
        chosen.append(text)
        return True

    assert safety.offer_recovery(path, ask=answer)
    assert "bản sao lưu" in chosen[0]
    with sqlite3.connect(path) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert "added_after_backup" not in tables and "cooperative" in tables


def test_no_good_copy_means_no_offer(tmp_path):
    path = tmp_path / "htx.sqlite3"
    path.write_bytes(b"not a database")
    assert safety.offer_recovery(path) is False


def test_a_damaged_file_at_start_leads_to_recovery(tmp_path):
    from htx_desktop.app import _startup_copy

    path = tmp_path / "htx.sqlite3"
    open_database(path).close()
    backup_database(path, "thu-cong")
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page overwritten, as a power cut mid-write can leave
    path.write_bytes(bytes(data))
    offered: list[Path] = []

    def offer(p):
        offered.append(p)
        return safety.offer_recovery(p, ask=lambda _parent, _text: True)

    assert _startup_copy(path, tmp_path / "log.txt", offer)
    assert offered == [path]
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_big_file_gets_the_quick_check_at_start_and_damage_is_still_found(
    tmp_path, monkeypatch
):
    """The full check of a 42 MB province file took a third of the start-up: above
    `FULL_CHECK_AT_START_UP_TO` the start runs quick_check, which still reads every page."""
    from htx_desktop import app
    from htx_desktop.storage import integrity

    asked: list[bool | None] = []
    real_check = integrity.check_integrity

    def check(path, quick=None):
        asked.append(quick)
        return real_check(path, quick=quick)

    monkeypatch.setattr(integrity, "check_integrity", check)
    path = tmp_path / "htx.sqlite3"
    open_database(path).close()
    log = tmp_path / "log.txt"
    assert app._startup_copy(path, log, lambda _p: False)
    assert asked == [False]  # a small file: the full check

    monkeypatch.setattr(app, "FULL_CHECK_AT_START_UP_TO", 1024)
    asked.clear()
    assert app._startup_copy(path, log, lambda _p: False)
    assert asked == [True]

    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    offered: list[Path] = []

    def offer(p):
        offered.append(p)
        return safety.offer_recovery(p, ask=lambda _parent, _text: True)

    asked.clear()
    assert app._startup_copy(path, log, offer)
    assert asked[0] is True and offered == [path]  # (then the backups are checked)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
