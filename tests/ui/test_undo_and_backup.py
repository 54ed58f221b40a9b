"""Undo and backups she can carry, driven as an officer would: a district officer takes back a
bundle she imported by mistake from the import ledger, after reading what will change; an
officer reminded that she has no backup outside the computer copies one to her USB stick, sees
the reminder go, and finds the restore dialog opening on that stick.

Real widgets and databases; folders, files and confirmations come from the scripted hooks, so
no modal dialog blocks a run (and each dialog's starting folder can be checked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import test_exchange_ui as exchange_tests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_exchange_ui import PERIOD, CommuneBundles, answer, scripted, shot, shown_page

from htx_desktop.exchange.service import import_files, trust_certificate
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.backup import list_backups
from htx_desktop.storage.backup_external import last_external_backup
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, ImportLedger
from htx_desktop.ui.backup_reminder import BackupReminder
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import documents_folder
from htx_desktop.ui.ledger_widget import COL_FILE, COL_RESULT
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.pages.exchange_page import TAB_LEDGER

# The exchange screens' officers and bundles (fixtures), built the same way here.
commune_bundles = exchange_tests.commune_bundles
commune_db = exchange_tests.commune_db
district_db = exchange_tests.district_db


def coops_of(db: Database, unit: str) -> int:
    with db.session() as s:
        return s.scalar(
            select(func.count()).select_from(Cooperative).where(Cooperative.unit_code == unit)
        ) or 0


def test_the_officer_undoes_an_import_from_the_ledger_after_confirming(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
) -> None:
    with district_db.session() as s:
        for pem in commune_bundles.pems:
            trust_certificate(s, pem.read_bytes())
    assert all(o.ok for o in import_files(district_db, commune_bundles.paths))
    second = commune_bundles.codes[1]
    assert coops_of(district_db, second) > 0
    ctx = make_ctx(district_db)
    interaction = answer(ctx, False, True)  # first she thinks better of it, then confirms
    page = shown_page(qtbot, ctx)
    page.period_combo.setCurrentIndex(page.period_combo.findData(PERIOD))
    qtbot.waitUntil(lambda: page.count_label.text().startswith("2/3"), timeout=10_000)

    page.tabs.setCurrentIndex(TAB_LEDGER)
    ledger = page.ledger
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 2, timeout=10_000)
    assert not ledger.undo_button.isEnabled()  # nothing chosen yet
    newest = ledger.model.row_at(0)
    assert newest.unit_code == second  # newest first
    cell = ledger.view.visualRect(ledger.model.index(0, COL_FILE)).center()
    qtbot.mouseClick(ledger.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert ledger.undo_button.isEnabled()
    shot(page, "ledger-with-undo")

    qtbot.mouseClick(ledger.undo_button, Qt.MouseButton.LeftButton)  # "Hủy" this time
    qtbot.waitUntil(lambda: len(interaction.asked) == 1, timeout=10_000)
    question = interaction.asked[0]
    assert question.kind == "confirm" and question.title == "Hoàn tác lần nhập"
    assert "Xóa: HTX “" in question.text and newest.file_name in question.text
    assert coops_of(district_db, second) > 0  # declined: nothing changed

    with qtbot.waitSignal(ledger.undone, timeout=20_000):
        qtbot.mouseClick(ledger.undo_button, Qt.MouseButton.LeftButton)
    assert coops_of(district_db, second) == 0
    assert coops_of(district_db, commune_bundles.codes[0]) > 0  # the other bundle stays
    qtbot.waitUntil(lambda: page.count_label.text().startswith("1/3"), timeout=10_000)
    qtbot.waitUntil(
        lambda: ledger.model.data(ledger.model.index(0, COL_RESULT)) == "Đã hoàn tác",
        timeout=10_000,
    )
    assert ledger.message.text() == f"Đã hoàn tác lần nhập gói “{newest.file_name}”."
    assert any(b.reason == "truoc-hoan-tac" for b in list_backups(district_db.path))

    # Chosen again, the undone row offers no second undo.
    qtbot.mouseClick(ledger.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert not ledger.undo_button.isEnabled()
    with district_db.session() as s:
        assert s.get(ImportLedger, newest.id).result == "undone"


def test_backing_up_to_a_usb_folder_clears_the_reminder_and_restore_starts_there(
    qtbot: QtBot,
    commune_db: Database,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    usb = tmp_path / "USB KINGSTON" / "Sao lưu Hội Phụ nữ xã"
    usb.mkdir(parents=True)
    ctx = make_ctx(commune_db)
    prompts = scripted(ctx, folders=[usb])
    interaction = answer(ctx, True)
    window = MainWindow(ctx, offer_drafts=False)
    qtbot.addWidget(window)
    window.resize(1180, 760)
    window.show()
    qtbot.waitExposed(window)
    reminder = window.backup_reminder
    assert reminder.isVisible()
    assert "Chưa có bản sao lưu nào ở ngoài máy tính" in reminder.label.text()
    shot(window, "backup-reminder")

    qtbot.mouseClick(reminder.backup_button, Qt.MouseButton.LeftButton)
    widget = window.pages["settings"].backup_widget
    qtbot.waitUntil(lambda: not reminder.isVisible(), timeout=20_000)
    assert window.current_page() == "settings"
    copy = last_external_backup(commune_db.path)
    assert copy is not None and copy.path.parent == usb and copy.path.is_file()
    assert prompts.starts[0] != Path.home()  # the first dialog opens in Documents
    assert str(usb) in widget.outside_label.text()
    shot(window, "backup-done-settings")
    assert interaction.asked[-1].kind == "info"

    # Something entered after the copy; then she restores from the stick.
    with commune_db.session() as s:
        create_record(
            s, "cooperative",
            {"name": "HTX Sau sao lưu", "commune_code": "21211", "sector": "nong_nghiep"},
            "21211", ValidationContext({"21211"}),
        )
    prompts.file.append(copy.path)
    interaction.answers.append(True)
    with qtbot.waitSignal(widget.restored, timeout=20_000):
        qtbot.mouseClick(widget.file_button, Qt.MouseButton.LeftButton)
    assert prompts.starts[-1] == usb  # the file dialog opened where she saved last time
    with commune_db.session() as s:
        names = set(s.scalars(select(Cooperative.name)))
    assert "HTX Sau sao lưu" not in names
    window.close()


def test_a_hostile_backup_file_is_refused_before_any_question(
    qtbot: QtBot, commune_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    folder = tmp_path / "Tệp lạ"
    folder.mkdir()
    fake = folder / "sao lưu giả.sqlite3"
    fake.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a header, then nothing
    ctx = make_ctx(commune_db)
    scripted(ctx, file=[fake])
    interaction = answer(ctx)
    window = MainWindow(ctx, offer_drafts=False)
    qtbot.addWidget(window)
    window.show_page("settings")
    widget = window.pages["settings"].backup_widget
    before = commune_db.path.read_bytes()
    qtbot.mouseClick(widget.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(interaction.asked), timeout=10_000)
    (message,) = interaction.asked
    assert message.kind == "error" and "chưa thay đổi gì" in message.text
    assert commune_db.path.read_bytes() == before


def test_the_reminder_can_be_put_off_until_tomorrow(
    qtbot: QtBot, commune_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    ctx = make_ctx(commune_db)
    holders: list[QWidget] = []

    def shown_on(day: date) -> BackupReminder:
        holder = QWidget()  # as in the main window: a band inside a window
        holders.append(holder)
        qtbot.addWidget(holder)
        reminder = BackupReminder(ctx, holder, today=day)
        holder.show()
        return reminder

    reminder = shown_on(date(2026, 5, 4))
    assert reminder.isVisible()
    qtbot.mouseClick(reminder.later_button, Qt.MouseButton.LeftButton)
    assert not reminder.isVisible()
    assert not shown_on(date(2026, 5, 4)).isVisible()  # restarted the same day
    assert shown_on(date(2026, 5, 5)).isVisible()  # and back the next


def test_file_dialogs_start_in_documents_then_where_she_saved_last(
    qtbot: QtBot,
    district_db: Database,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    usb = tmp_path / "USB của chị Mai" / "Mẫu và gói"
    usb.mkdir(parents=True)
    ctx = make_ctx(district_db)
    prompts = scripted(ctx, save_paths=[usb / "mẫu danh sách.xlsx"], files=[[]])
    interaction = answer(ctx)
    page = shown_page(qtbot, ctx)
    page.tabs.setCurrentIndex(1)  # Nhập gói dữ liệu

    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    assert prompts.starts == [documents_folder()]  # never the bare home folder
    assert documents_folder() != Path.home()
    qtbot.waitUntil(lambda: bool(interaction.asked), timeout=20_000)
    assert (usb / "mẫu danh sách.xlsx").is_file()

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.import_wizard
    assert wizard is not None
    qtbot.mouseClick(wizard.files_page.add_button, Qt.MouseButton.LeftButton)
    assert prompts.starts[-1] == usb  # the bundle dialog opens where she saved last
    wizard.reject()
