"""GUI start: QApplication, shipped fonts, the crash reporter, the database, the setup wizard
when the database has no profile yet, the officer's language and the main window.

Officers are not programmers and often work alone: an error must never show a traceback or
close the window with unsaved thoughts in it. Uncaught exceptions are written to a log file in
the user data folder and the officer gets a short Vietnamese message saying where that file is,
while the application keeps running.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from htx_desktop import __version__
from htx_desktop.paths import APP_AUTHOR, APP_NAME, default_db_path, user_data_dir
from htx_desktop.storage.engine import Database

if TYPE_CHECKING:
    from htx_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

WINDOW_TITLE = "HTX Desktop"
LOG_FILE_NAME = "htx-desktop.log"
DEMO_DB_NAME = "demo.sqlite3"
#: At start the full `integrity_check` (every index checked against its table) runs on files up
#: to this size, the lighter `quick_check` (every page and record, not index contents) above
#: it. Measured on 2 cores: a province file of 42 MB (100,000 cooperatives) took 0.6-0.9 s for
#: the full check, a third of the start-up, and 0.13 s for the quick one; a commune's or a
#: district's file (a few MB) keeps the full check for a few tens of milliseconds. The full
#: check stays available (`htx-desktop check --full`), and backups are checked when taken.
FULL_CHECK_AT_START_UP_TO = 8 * 1024 * 1024


class StartupError(Exception):
    """The application cannot open its database; the message is for the officer (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def log_file_path() -> Path:
    return user_data_dir() / "logs" / LOG_FILE_NAME


def demo_db_path() -> Path:
    """Always in the user data folder, never the officer's own file (whatever `--db` says)."""
    return user_data_dir() / DEMO_DB_NAME


def write_crash_log(
    log_file: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    """Append a dated traceback; directly to the file so that a broken logging setup cannot
    swallow the one record support needs."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    stamp = datetime.now().isoformat(timespec="seconds")
    with log_file.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {stamp} HTX Desktop {__version__}: lỗi chưa được xử lý ---\n{text}\n")


def _log_exception(log_file: Path, exc: BaseException) -> None:
    """Best effort: failing to write the log must not hide the message the officer needs."""
    try:
        write_crash_log(log_file, type(exc), exc, exc.__traceback__)
    except OSError:
        log.exception("Could not write the crash log %s", log_file)


def crash_message(log_file: Path | None) -> tuple[str, str]:
    """Main and informative text of the crash dialog (never the traceback itself)."""
    main = (
        "Đã xảy ra lỗi ngoài dự kiến. Thao tác vừa rồi có thể chưa hoàn thành; "
        "ứng dụng vẫn tiếp tục chạy. Hãy kiểm tra lại dữ liệu vừa nhập."
    )
    if log_file is None:
        info = "Không ghi được tệp nhật ký lỗi. Nếu lỗi lặp lại, hãy báo cho người hỗ trợ kỹ thuật."
    else:
        info = (
            f"Chi tiết lỗi đã được ghi vào tệp:\n{log_file}\n\n"
            "Nếu lỗi lặp lại, hãy gửi tệp này cho người hỗ trợ kỹ thuật."
        )
    return main, info


class ErrorReporter(QObject):
    """Logs uncaught exceptions from any thread and tells the officer on the GUI thread.

    The hook may run in a worker thread, where widgets must not be touched: it only writes the
    log and emits a signal; the queued connection opens the dialog on the GUI thread.
    """

    _reported = Signal(str)

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self._reported.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        # Still useful to whoever started the app from a terminal.
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        try:
            write_crash_log(self.log_file, exc_type, exc, tb)
            where = str(self.log_file)
        except OSError:
            where = ""
        self._reported.emit(where)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # a thread ending with SystemExit is not an error (as in Python's own hook)
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show_dialog(self, where: str) -> None:
        if self.dialog is not None:
            return  # one dialog at a time: a burst of errors must not bury the window
        main, info = crash_message(Path(where) if where else None)
        box = QMessageBox(QMessageBox.Icon.Critical, f"{WINDOW_TITLE} — Lỗi", main)
        box.setObjectName("crashDialog")
        box.setInformativeText(info)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
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


def configure_logging(log_file: Path) -> None:
    """Warnings of the application go to the same file the crash reporter writes."""
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("htx_desktop").addHandler(handler)


def _create_demo(path: Path) -> None:
    """Make the demo file on first use; `create_demo_database` leaves an existing one alone so
    that what the officer tried out is still there next time."""
    try:
        from htx_desktop.demo import create_demo_database
    except ImportError as exc:
        raise StartupError(
            "Bản cài đặt này chưa có dữ liệu mẫu. Hãy mở ứng dụng không kèm “--demo”."
        ) from exc
    create_demo_database(path)


def explain_open_error(path: Path, exc: BaseException, log_file: Path) -> str:
    """What went wrong and what the officer can do, in her words."""
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import DatabaseError, OperationalError

    from htx_desktop.storage.sqlite_file import ForeignDatabase

    if isinstance(exc, ForeignDatabase):
        return f"Tệp dữ liệu:\n{path}\n\n{exc}"
    text = str(exc).lower()
    if isinstance(exc, CommandError) and "revision" in text:
        return (
            f"Tệp dữ liệu:\n{path}\n\nđược tạo bởi một phiên bản HTX Desktop mới hơn phiên bản "
            "đang dùng. Hãy cài phiên bản HTX Desktop mới nhất rồi mở lại."
        )
    cannot_open = isinstance(exc, OperationalError) and any(
        hint in text for hint in ("unable to open", "readonly", "read-only")
    )
    if cannot_open or isinstance(exc, PermissionError | IsADirectoryError | NotADirectoryError):
        return (
            f"Không mở được tệp dữ liệu:\n{path}\n\n"
            "Hãy kiểm tra thư mục chứa tệp có tồn tại, không nằm trên USB đã rút ra, "
            "và máy tính cho phép ghi vào thư mục đó. Có thể chạy lại với "
            "“--db” để chọn một tệp ở thư mục khác."
        )
    if isinstance(exc, DatabaseError) and ("not a database" in text or "malformed" in text):
        return (
            f"Tệp:\n{path}\n\nkhông phải là dữ liệu HTX Desktop hoặc đã bị hỏng. "
            "Hãy kiểm tra lại đường dẫn tệp, hoặc khôi phục từ bản sao lưu gần nhất."
        )
    return (
        f"Không mở được tệp dữ liệu:\n{path}\n\n"
        f"Chi tiết lỗi đã được ghi vào tệp:\n{log_file}\n\n"
        "Hãy gửi tệp này cho người hỗ trợ kỹ thuật."
    )


def open_app_database(db_path: Path | None, demo: bool, log_file: Path) -> Database:
    """Open (and migrate) the database the GUI should show; StartupError says why not."""
    from htx_desktop.storage.database import open_database

    path = demo_db_path() if demo else (db_path or default_db_path())
    try:
        if demo:
            _create_demo(path)
        return open_database(path)
    except StartupError:
        raise
    except Exception as exc:
        _log_exception(log_file, exc)
        raise StartupError(explain_open_error(path, exc, log_file)) from exc


_bools_protected = False


def protect_bool_refcounts() -> None:
    """Work around a reference-counting bug of PySide6 6.12 on CPython 3.11.

    `SignalInstance.emit()` returns `True` without taking a reference to it, so every signal
    emitted from Python (each page status, each background job's result) drops one reference
    to `True`. After a few thousand emits CPython frees `True` and aborts the process
    ("Fatal Python error: bool_dealloc"): measured here, a bare script dies after ~600 emits
    and the test suite at exit. CPython 3.12 makes True and False immortal, so nothing can
    free them; this does the same by hand on 3.11 by giving them 2**40 extra references,
    which no session can use up. Call it before the first emit; calling again is harmless.
    """
    global _bools_protected
    if _bools_protected or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for value in (True, False):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40
    _bools_protected = True


def make_application() -> QApplication:
    """The one QApplication (reused when one exists, as under pytest-qt)."""
    protect_bool_refcounts()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    from htx_desktop.ui.fonts import apply_ui_font, register_fonts

    register_fonts()
    apply_ui_font(app)
    return app


def _show_startup_error(message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, f"{WINDOW_TITLE} — Không mở được dữ liệu", message)
    box.setObjectName("startupError")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    box.exec()


def run_gui(db_path: Path | None, demo: bool = False) -> int:
    """Start the interface on `db_path` (default: the officer's file), or on the demo data.

    Without an officer profile the setup wizard comes first; cancelling it ends the program
    quietly (0). Returns the process exit code: 1 when the database cannot be opened or the
    window cannot be built, otherwise Qt's.
    """
    from htx_desktop.ui.safety import (
        DailyBackup,
        SingleInstance,
        already_open_message,
        offer_recovery,
    )

    app = make_application()
    log_file = log_file_path()
    configure_logging(log_file)
    install_excepthook(app, log_file)
    path = demo_db_path() if demo else (db_path or default_db_path())
    instance = SingleInstance(path, app)
    if not instance.acquire():
        title, text = already_open_message()
        QMessageBox.information(None, title, text)
        return 0
    try:
        if not _startup_copy(path, log_file, offer_recovery):
            return 1
        try:
            db = open_app_database(db_path, demo, log_file)
        except StartupError as exc:
            if not (path.exists() and offer_recovery(path)):
                _show_startup_error(exc.message)
                return 1
            try:
                db = open_app_database(db_path, demo, log_file)
            except StartupError as again:
                _show_startup_error(again.message)
                return 1
        try:
            try:
                window = open_main_window(db)
            except Exception as exc:
                _log_exception(log_file, exc)
                _show_startup_error(explain_open_error(db.path, exc, log_file))
                return 1
            if window is None:
                return 0  # the officer cancelled the setup: nothing to explain
            instance.window = window
            DailyBackup(db.path, window.ctx.runner, window)
            window.show()
            return app.exec()
        finally:
            db.close()
    finally:
        instance.release()


def _startup_copy(path: Path, log_file: Path, offer_recovery: Any) -> bool:
    """A copy of the file before anything touches it; a damaged file leads to the guided
    recovery instead. False when the officer chose not to recover (nothing to open)."""
    from htx_desktop.storage.backup import (
        BackupError,
        DamagedDatabase,
        newest_good_backup,
        startup_backup,
    )
    from htx_desktop.storage.integrity import check_integrity

    if not path.exists():
        return True
    report = check_integrity(path, quick=path.stat().st_size > FULL_CHECK_AT_START_UP_TO)
    if not report.ok:
        _log_exception(log_file, DamagedDatabase(path, report))
        # With no good copy to offer, opening goes on and explains the damage as usual.
        return bool(offer_recovery(path)) or newest_good_backup(path) is None
    try:
        startup_backup(path)
    except DamagedDatabase as exc:
        _log_exception(log_file, exc)
        # With no good copy to offer, opening goes on and explains the damage as usual.
        return bool(offer_recovery(path)) or newest_good_backup(path) is None
    except BackupError as exc:  # a full disk must not keep her from her records
        _log_exception(log_file, exc)
    return True


def open_main_window(db: Database) -> MainWindow | None:
    """Set up the unit if needed, install the officer's language and build the main window.

    Without a profile the setup wizard runs first (in Vietnamese, the officers' language);
    None when she cancels it. The language is installed before any window is built, because
    widgets read their texts when they are created.
    """
    from htx_desktop.registry.profile import get_profile
    from htx_desktop.ui.context import AppContext, load_scope
    from htx_desktop.ui.main_window import MainWindow, install_language
    from htx_desktop.ui.tasks import TaskRunner

    scope = load_scope(db)
    if scope is None:
        # Imported only here: the wizard brings the key creation (cryptography), ~0.1-0.2 s
        # that a start with a profile does not need.
        from htx_desktop.ui.setup_wizard import run_setup_wizard

        install_language("vi")
        if run_setup_wizard(db) is None:
            return None
        scope = load_scope(db)
    if scope is None:  # the wizard writes the profile before it closes; this is a defect
        raise RuntimeError("No officer profile after the setup wizard")
    with db.session() as session:
        profile = get_profile(session)
        lang = (profile.language if profile is not None else None) or "vi"
    install_language(lang)
    return MainWindow(AppContext(db, scope, TaskRunner(), lang=lang))
