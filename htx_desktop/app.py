"""GUI start: QApplication, shipped fonts, the crash reporter, the database, the setup wizard
when the database has no profile yet, the officer's language and the main window.

Officers are not programmers and often work alone: an error must never show a traceback or
close the window with unsaved thoughts in it, and no end may be silent. Uncaught exceptions are
written to a log file in the user data folder and the officer gets a short Vietnamese message
saying where that file is, while the application keeps running; a native crash leaves a crash
file, and the next start says the last run did not end normally (`ui/crash_guard.py`).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from htx_desktop import __version__
from htx_desktop.paths import APP_AUTHOR, APP_NAME, default_db_path, user_data_dir
from htx_desktop.storage.engine import Database
from htx_desktop.ui.crash_guard import (
    ErrorReporter,
    NativeCrashLog,
    RunMarker,
    install_excepthook,
    install_qt_message_handler,
    notify_abnormal_end,
    write_crash_log,
)

if TYPE_CHECKING:
    from htx_desktop.ui.main_window import MainWindow
    from htx_desktop.ui.safety import SingleInstance

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


def _log_exception(log_file: Path, exc: BaseException) -> None:
    """Best effort: failing to write the log must not hide the message the officer needs."""
    try:
        write_crash_log(log_file, type(exc), exc, exc.__traceback__)
    except OSError:
        log.exception("Could not write the crash log %s", log_file)


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


def make_application() -> QApplication:
    """The one QApplication (reused when one exists, as under pytest-qt)."""
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
    from PySide6.QtCore import qInstallMessageHandler

    from htx_desktop.ui.safety import SingleInstance, already_open_message

    app = make_application()
    log_file = log_file_path()
    configure_logging(log_file)
    native = NativeCrashLog(log_file.parent)
    native.start()
    previous_handler = install_qt_message_handler()
    reporter = install_excepthook(app, log_file)
    try:
        path = demo_db_path() if demo else (db_path or default_db_path())
        instance = SingleInstance(path, app)
        if not instance.acquire():
            title, text = already_open_message()
            QMessageBox.information(None, title, text)
            return 0
        marker = RunMarker(log_file.parent, path)
        last_run = LastRun(marker.begin(), native.kept)
        try:
            return _open_and_run(app, db_path, demo, path, log_file, instance, reporter, last_run)
        finally:
            marker.end()
            instance.release()
    finally:
        qInstallMessageHandler(previous_handler)
        native.stop()


@dataclass(frozen=True)
class LastRun:
    """How the last run on this database ended, as found at start."""

    abnormal: bool
    crash_file: Path | None  # the crash file it left, kept under a dated name


def _open_and_run(
    app: QApplication,
    db_path: Path | None,
    demo: bool,
    path: Path,
    log_file: Path,
    instance: SingleInstance,
    reporter: ErrorReporter,
    last_run: LastRun,
) -> int:
    """Open the database (recovering a damaged one) and run the window until it closes."""
    from htx_desktop.ui.confirm import interaction_for
    from htx_desktop.ui.safety import DailyBackup, offer_recovery

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
            window = open_main_window(db, offer_drafts=False)
        except Exception as exc:
            _log_exception(log_file, exc)
            _show_startup_error(explain_open_error(db.path, exc, log_file))
            return 1
        if window is None:
            return 0  # the officer cancelled the setup: nothing to explain
        instance.window = window
        DailyBackup(db.path, window.ctx.runner, window)
        window.show()

        def greet() -> None:
            """The notice about the last run comes before the drafts it may have left."""
            if last_run.abnormal:
                notify_abnormal_end(
                    window,
                    interaction_for(window.ctx),
                    log_file.parent,
                    last_run.crash_file,
                    reporter.open_folder,
                )
            window.offer_drafts()

        QTimer.singleShot(0, greet)
        return app.exec()
    finally:
        db.close()


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


def open_main_window(db: Database, offer_drafts: bool = True) -> MainWindow | None:
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
    return MainWindow(AppContext(db, scope, TaskRunner(), lang=lang), offer_drafts=offer_drafts)
