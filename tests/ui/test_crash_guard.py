"""No silent death: an error in a button's slot or in a background thread is logged with where
it happened and explained to the officer in Vietnamese; Qt's warnings reach the log; a native
crash leaves a crash file; a run that did not end normally is noticed at the next start.

The whole story with a killed process (the draft typed before the kill offered back at the next
start) is in tests/e2e/test_gui_after_kill.py.
"""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMessageLogger, Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from htx_desktop.app import configure_logging
from htx_desktop.ui.confirm import ScriptedInteraction
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.crash_guard import (
    CRASH_FILE_NAME,
    ErrorReporter,
    NativeCrashLog,
    RunMarker,
    install_excepthook,
    install_qt_message_handler,
    notify_abnormal_end,
)
from htx_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from tests.ui.conftest import SampleData

MakeCtx = Callable[..., AppContext]


@pytest.fixture
def reporter(
    qapp: QApplication, tmp_path: Path, restore_hooks: None
) -> Iterator[tuple[ErrorReporter, list[Path]]]:
    """The reporter `run_gui` installs, with the "open the log folder" hook recording."""
    installed = install_excepthook(qapp, tmp_path / "logs" / "htx-desktop.log")
    opened: list[Path] = []
    installed.open_folder = opened.append
    yield installed, opened
    if installed.dialog is not None:
        installed.dialog.close()
    installed.deleteLater()


def crash_dialog(qtbot: QtBot, reporter: ErrorReporter) -> QMessageBox:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    return reporter.dialog


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_button_slot_is_logged_with_its_place_and_explained(
    qtbot: QtBot,
    qapp: QApplication,
    sample: SampleData,
    make_ctx: MakeCtx,
    reporter: tuple[ErrorReporter, list[Path]],
) -> None:
    installed, opened = reporter
    window = MainWindow(make_ctx(sample.db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("cooperatives")
    button = QPushButton("Thử", window)
    button.show()

    def broken_slot() -> None:
        raise ValueError("giá trị hỏng trong hàm thử")

    button.clicked.connect(broken_slot)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    box = crash_dialog(qtbot, installed)
    logged = installed.log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "giá trị hỏng trong hàm thử" in logged
    assert "thread: MainThread" in logged
    assert "window: mainWindow" in logged and "page: cooperatives" in logged
    shown = f"{box.text()}\n{box.informativeText()}"
    assert "không bị mất" in shown  # nothing saved was lost
    assert str(installed.log_file) in shown
    assert "Traceback" not in shown and "ValueError" not in shown
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert window.isVisible()  # the application keeps running

    box.findChild(QPushButton, "openLogFolder").click()
    assert opened == [installed.log_file.parent]
    qtbot.waitUntil(lambda: installed.dialog is None)


def test_a_burst_of_errors_shows_one_dialog(
    qtbot: QtBot, qapp: QApplication, reporter: tuple[ErrorReporter, list[Path]]
) -> None:
    installed, _opened = reporter
    for _ in range(2):
        try:
            raise RuntimeError("lỗi lặp lại")
        except RuntimeError as exc:
            installed.excepthook(type(exc), exc, exc.__traceback__)
    crash_dialog(qtbot, installed)
    logged = installed.log_file.read_text(encoding="utf-8")
    assert logged.count("Traceback (most recent call last)") == 2
    dialogs = [
        w for w in qapp.topLevelWidgets() if w.objectName() == "crashDialog" and w.isVisible()
    ]
    assert len(dialogs) == 1
    assert installed.dialog is not None
    installed.dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: installed.dialog is None)


def test_an_error_in_a_background_thread_names_the_thread_and_reaches_the_gui_thread(
    qtbot: QtBot, qapp: QApplication, reporter: tuple[ErrorReporter, list[Path]]
) -> None:
    installed, _opened = reporter
    assert sys.excepthook == installed.excepthook

    def fail() -> None:
        raise RuntimeError("lỗi trong luồng nền")

    worker = threading.Thread(target=fail, name="Nhập gói dữ liệu")
    worker.start()
    worker.join()

    box = crash_dialog(qtbot, installed)
    assert box.thread() is qapp.thread()
    logged = installed.log_file.read_text(encoding="utf-8")
    assert "lỗi trong luồng nền" in logged
    assert "thread: Nhập gói dữ liệu" in logged
    assert "không bị mất" in box.text()


def test_qt_warnings_go_to_the_log(tmp_path: Path, restore_hooks: None) -> None:
    log_file = tmp_path / "logs" / "htx-desktop.log"
    configure_logging(log_file)
    previous = install_qt_message_handler()
    try:
        QMessageLogger().warning("Cảnh báo thử từ Qt")
    finally:
        qInstallMessageHandler(previous)
    assert "WARNING htx_desktop.qt: Cảnh báo thử từ Qt" in log_file.read_text(encoding="utf-8")


def test_the_crash_file_is_created_and_the_last_one_kept(tmp_path: Path) -> None:
    logs = tmp_path / "Nhật ký"
    logs.mkdir()
    (logs / CRASH_FILE_NAME).write_text("Fatal Python error: lần trước\n", encoding="utf-8")
    was_on = faulthandler.is_enabled()
    native = NativeCrashLog(logs)
    native.start()
    try:
        assert (logs / CRASH_FILE_NAME).exists()
        assert faulthandler.is_enabled()
        assert native.kept is not None and native.kept.parent == logs
        assert native.kept.read_text(encoding="utf-8") == "Fatal Python error: lần trước\n"
        assert (logs / CRASH_FILE_NAME).stat().st_size == 0
    finally:
        native.stop()
    assert not (logs / CRASH_FILE_NAME).exists()  # a clean exit leaves no empty crash file
    assert native.kept.exists()
    assert faulthandler.is_enabled() == was_on


CRASHING_CHILD = textwrap.dedent(
    """
    import ctypes, faulthandler, sys
    from pathlib import Path
    from htx_desktop.ui.crash_guard import NativeCrashLog

    native = NativeCrashLog(Path(sys.argv[2]))
    native.start()
    print("started", flush=True)
    if sys.argv[1] == "none_dealloc":  # what PySide6 6.12 did to None on CPython 3.11
        ctypes.c_ssize_t.from_address(id(None)).value = 1
        x = [None]
        del x
    else:
        faulthandler._sigsegv()
    """
)


@pytest.mark.skipif(os.name != "posix", reason="the native error stream is redirected on POSIX")
@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("none_dealloc", "Fatal Python error: none_dealloc"),
        ("sigsegv", "Fatal Python error: Segmentation fault"),
    ],
)
def test_a_native_crash_is_written_to_the_crash_file(
    tmp_path: Path, how: str, expected: str
) -> None:
    logs = tmp_path / "Thư mục nhật ký"
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_CHILD, how, str(logs)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode != 0
    assert "started" in child.stdout
    crash = (logs / CRASH_FILE_NAME).read_text(encoding="utf-8", errors="replace")
    assert expected in crash
    assert "Fatal Python error" not in child.stderr  # it went to the file, not nowhere


def test_a_run_that_did_not_end_is_noticed_at_the_next_start(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    db_path = tmp_path / "Dữ liệu xã" / "htx.sqlite3"
    first = RunMarker(logs, db_path)
    assert first.begin() is False  # nothing before
    # ... the process dies here: no end() ...
    second = RunMarker(logs, db_path)
    assert second.begin() is True
    second.end()
    assert RunMarker(logs, db_path).begin() is False  # after a clean exit, nothing to say
    other = RunMarker(logs, tmp_path / "khác.sqlite3")
    assert other.begin() is False  # another database's run is not confused with this one


def test_the_notice_says_what_happened_and_offers_the_log_folder(
    qtbot: QtBot, tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    kept = logs / "htx-desktop-crash-20261202-031500.log"
    opened: list[Path] = []
    yes = ScriptedInteraction([True])
    assert notify_abnormal_end(None, yes, logs, kept, opened.append) is True
    assert opened == [logs]
    (asked,) = yes.asked
    assert asked.kind == "confirm"
    assert "không đóng bình thường" in asked.title
    assert "vẫn còn nguyên" in asked.text
    assert str(kept) in asked.text and str(logs) in asked.text

    no = ScriptedInteraction([False])
    assert notify_abnormal_end(None, no, logs, None, opened.append) is False
    assert opened == [logs]  # not opened again
