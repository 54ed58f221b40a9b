"""No silent death: whatever ends or disturbs the application leaves a trace and a word to
the officer.

- Uncaught Python exceptions (GUI thread, Python threads, Qt threads) are written to the log
  with where they happened (window, page, thread) and shown in a short Vietnamese dialog that
  says nothing already saved was lost and where the log is, with a button to open its folder.
- A native crash cannot show anything. `NativeCrashLog` has `faulthandler` write the Python
  stacks of a segmentation fault into a crash file in the log folder, and sends the process's
  native error stream there too (POSIX; Windows only without a console): CPython's own
  "Fatal Python error: …" (the PySide6 6.12 `none_dealloc` abort) is written to file
  descriptor 2 only, never to faulthandler's file, and a windowed start has no terminal to
  show it. Python's `sys.stderr` keeps the original stream, so printed tracebacks do not make
  the crash file look like a crash. A crash file left non-empty by the last run is kept
  under a dated name.
- Qt's own warnings go to the log through `qInstallMessageHandler`.
- `RunMarker` is a file written at start and removed at a clean exit; found at start, it means
  the last run on that database did not end normally, and the officer is told so (through the
  interaction hook, so tests and scripted runs answer without a modal dialog).
"""

from __future__ import annotations

import faulthandler
import hashlib
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    QUrl,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from htx_desktop import __version__

log = logging.getLogger(__name__)
qt_log = logging.getLogger("htx_desktop.qt")

CRASH_FILE_NAME = "htx-desktop-crash.log"
WINDOW_TITLE = "HTX Desktop"


def open_log_folder(folder: Path) -> None:
    """Show the folder in the system's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


# --- Python exceptions ---------------------------------------------------------------------


def write_crash_log(
    log_file: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    context: str = "",
) -> None:
    """Append a dated traceback; directly to the file so that a broken logging setup cannot
    swallow the one record support needs."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    stamp = datetime.now().isoformat(timespec="seconds")
    where = f"{context}\n" if context else ""
    with log_file.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {stamp} HTX Desktop {__version__}: lỗi chưa được xử lý ---\n{where}{text}\n")


def crash_message(log_file: Path | None) -> tuple[str, str]:
    """Main and informative text of the crash dialog (never the traceback itself)."""
    main = QCoreApplication.translate(
        "CrashGuard",
        "Đã xảy ra lỗi ngoài dự kiến. Những gì đã lưu trước đó vẫn còn nguyên, không bị mất. "
        "Thao tác vừa rồi có thể chưa hoàn thành; ứng dụng vẫn tiếp tục chạy. Hãy kiểm tra "
        "lại dữ liệu vừa nhập.",
    )
    if log_file is None:
        info = QCoreApplication.translate(
            "CrashGuard",
            "Không ghi được tệp nhật ký lỗi. Nếu lỗi lặp lại, hãy báo cho người hỗ trợ kỹ thuật.",
        )
    else:
        info = QCoreApplication.translate(
            "CrashGuard",
            "Chi tiết lỗi đã được ghi vào tệp:\n{0}\n\n"
            "Nếu lỗi lặp lại, hãy gửi tệp này cho người hỗ trợ kỹ thuật.",
        ).format(log_file)
    return main, info


def describe_gui() -> str:
    """Which window (and page of the main window) the officer was in, for the log."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "window: none"
    window = app.activeWindow()
    if window is None:
        shown = [w for w in app.topLevelWidgets() if w.isVisible()]
        window = shown[0] if shown else None
    if window is None:
        return "window: none"
    text = f"window: {window.objectName() or type(window).__name__} “{window.windowTitle()}”"
    current_page = getattr(window, "current_page", None)
    if callable(current_page):
        text += f", page: {current_page()}"
    return text


class ErrorReporter(QObject):
    """Logs uncaught exceptions from any thread and tells the officer on the GUI thread.

    The hook may run in a worker thread, where widgets must not be touched: it only writes the
    log and emits a signal; the queued connection opens the dialog on the GUI thread. The
    dialog's "open the log folder" action goes through `open_folder`, a hook tests replace.
    """

    _reported = Signal(str)

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self.open_folder: Callable[[Path], None] = open_log_folder
        self._reported.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        thread_name: str | None = None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        name = thread_name or threading.current_thread().name
        on_gui_thread = threading.current_thread() is threading.main_thread()
        # Widgets may only be read on the GUI thread; a worker names its thread alone.
        context = f"thread: {name}" + (f", {describe_gui()}" if on_gui_thread else "")
        if sys.stderr is not None:  # still useful to whoever started the app from a terminal
            traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        try:
            write_crash_log(self.log_file, exc_type, exc, tb, context)
            where = str(self.log_file)
        except OSError:
            where = ""
        self._reported.emit(where)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # a thread ending with SystemExit is not an error (as in Python's own hook)
        name = args.thread.name if args.thread is not None else None
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback, name)

    @Slot(str)
    def _show_dialog(self, where: str) -> None:
        if self.dialog is not None:
            return  # one dialog at a time: a burst of errors must not bury the window
        log_file = Path(where) if where else None
        main, info = crash_message(log_file)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            WINDOW_TITLE + " — " + QCoreApplication.translate("CrashGuard", "Lỗi"),
            main,
        )
        box.setObjectName("crashDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(info)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(
            QCoreApplication.translate("CrashGuard", "Đóng")
        )
        if log_file is not None:
            folder = box.addButton(
                QCoreApplication.translate("CrashGuard", "Mở thư mục nhật ký"),
                QMessageBox.ButtonRole.ActionRole,
            )
            folder.setObjectName("openLogFolder")
            folder.clicked.connect(lambda: self.open_folder(log_file.parent))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._dialog_closed)
        self.dialog = box
        box.open()  # not exec(): no nested event loop inside an error handler

    @Slot()
    def _dialog_closed(self) -> None:
        self.dialog = None


def install_excepthook(app: QApplication, log_file: Path) -> ErrorReporter:
    """Route uncaught exceptions (main thread, Python threads, Qt threads) to the reporter."""
    reporter = ErrorReporter(log_file, parent=app)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    return reporter


# --- Qt's messages -------------------------------------------------------------------------

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's qDebug/qWarning/qCritical into the application's log (warnings and worse reach
    the log file, as the application's own warnings do)."""
    where = f" ({context.category})" if context.category not in (None, "", "default") else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def install_qt_message_handler() -> Any:
    """Install the handler; returns the previous one (to put back at exit)."""
    return qInstallMessageHandler(qt_message_handler)


# --- native crashes ------------------------------------------------------------------------


def keep_previous_crash(crash_file: Path) -> Path | None:
    """A crash file the last run left non-empty is renamed with its date (so the next run's
    file does not overwrite it); returns the new name."""
    try:
        if crash_file.stat().st_size == 0:
            return None
        stamp = datetime.fromtimestamp(crash_file.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    except FileNotFoundError:
        return None
    kept = crash_file.with_name(f"{crash_file.stem}-{stamp}{crash_file.suffix}")
    number = 1
    while kept.exists():
        number += 1
        kept = crash_file.with_name(f"{crash_file.stem}-{stamp}-{number}{crash_file.suffix}")
    crash_file.replace(kept)
    return kept


class NativeCrashLog:
    """faulthandler and the native error stream into the crash file while the GUI runs."""

    def __init__(self, log_dir: Path) -> None:
        self.path = log_dir / CRASH_FILE_NAME
        self.kept: Path | None = None
        self.file: IO[str] | None = None
        self._saved_fd: int | None = None
        self._saved_stderr: Any = None
        self._faulthandler_was_on = False
        self._redirected = False

    def start(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.kept = keep_previous_crash(self.path)
            # Kept open for the whole run: faulthandler writes to its descriptor at the crash.
            self.file = self.path.open("w", encoding="utf-8")
        except OSError as exc:
            log.warning("No crash file in %s: %s", self.path.parent, exc)
            return
        self._faulthandler_was_on = faulthandler.is_enabled()
        faulthandler.enable(file=self.file, all_threads=True)
        # On Windows only without a console (the windowed build), where nothing else would
        # receive the stream; with a console, a developer reads it there.
        if os.name == "posix" or sys.stderr is None:
            try:
                self._redirect_native_stderr()
            except OSError as exc:
                log.warning("The native error stream stays where it was: %s", exc)

    def _redirect_native_stderr(self) -> None:
        assert self.file is not None
        try:
            self._saved_fd = os.dup(2)
        except OSError:
            self._saved_fd = None  # no stream 2 at all (a windowed start)
        self._saved_stderr = sys.stderr
        if self._saved_fd is not None:
            sys.stderr = open(  # closed in stop()
                self._saved_fd, "w", encoding="utf-8", errors="replace", closefd=False
            )
        os.dup2(self.file.fileno(), 2)
        self._redirected = True

    def stop(self) -> None:
        """Clean exit: put the error stream back; an empty crash file is removed."""
        if self.file is None:
            return
        faulthandler.disable()
        if self._faulthandler_was_on and self._saved_stderr is not None:
            faulthandler.enable(file=self._saved_stderr)
        if self._saved_stderr is not None:
            current = sys.stderr
            sys.stderr = self._saved_stderr
            if current is not self._saved_stderr:
                current.close()
        if self._saved_fd is not None:
            os.dup2(self._saved_fd, 2)
            os.close(self._saved_fd)
            self._saved_fd = None
        elif self._redirected:
            os.close(2)  # back to no stream 2, as the process started
        self._redirected = False
        self.file.close()
        self.file = None
        try:
            if self.path.stat().st_size == 0:
                self.path.unlink()
        except OSError:
            pass


# --- the run marker ------------------------------------------------------------------------


class RunMarker:
    """A file saying "this database is open" in the log folder, removed at a clean exit.

    One per database file (the single-instance lock allows one process per file, so a marker
    found at start is always a dead run's, never a live window's on another file)."""

    def __init__(self, log_dir: Path, db_path: Path) -> None:
        digest = hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:12]
        self.path = log_dir / f"running-{digest}.txt"
        self.db_path = db_path

    def begin(self) -> bool:
        """Write the marker; True when the last run on this database did not end normally."""
        previous = self.path.exists()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            started = datetime.now().isoformat(timespec="seconds")
            self.path.write_text(
                f"pid {os.getpid()}\nstarted {started}\nversion {__version__}\n"
                f"database {self.db_path}\n",
                encoding="utf-8",
            )
        except OSError as exc:
            log.warning("Could not write the run marker %s: %s", self.path, exc)
        return previous

    def end(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Could not remove the run marker %s: %s", self.path, exc)


def abnormal_end_message(log_dir: Path, kept_crash: Path | None) -> tuple[str, str]:
    """Title and text of the notice after a run that did not end normally."""
    title = QCoreApplication.translate("CrashGuard", "Lần trước ứng dụng không đóng bình thường")
    text = QCoreApplication.translate(
        "CrashGuard",
        "Lần trước HTX Desktop đã dừng đột ngột (do lỗi, mất điện hoặc máy bị tắt). Những hồ "
        "sơ đã lưu vẫn còn nguyên; phần đang nhập dở (nếu có) sẽ được đề nghị mở lại.",
    )
    if kept_crash is not None:
        text += "\n\n" + QCoreApplication.translate(
            "CrashGuard", "Thông tin về lần dừng đó được ghi trong tệp:\n{0}"
        ).format(kept_crash)
    text += "\n\n" + QCoreApplication.translate(
        "CrashGuard",
        "Nếu việc này lặp lại, hãy gửi các tệp trong thư mục nhật ký cho người hỗ trợ kỹ "
        "thuật:\n{0}\n\nMở thư mục nhật ký ngay bây giờ?",
    ).format(log_dir)
    return title, text


def notify_abnormal_end(
    parent: QWidget | None,
    interaction: Any,
    log_dir: Path,
    kept_crash: Path | None,
    open_folder: Callable[[Path], None] = open_log_folder,
) -> bool:
    """Tell her the last run ended abnormally and offer the log folder; True if opened."""
    title, text = abnormal_end_message(log_dir, kept_crash)
    if not interaction.confirm(parent, title, text):
        return False
    open_folder(log_dir)
    return True
