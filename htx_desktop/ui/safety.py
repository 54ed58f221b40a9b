"""The interface side of data safety: one window per database, a copy at start and every
day, and a guided way back to the newest good copy when the file is damaged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from htx_desktop.storage.backup import (
    REASON_DAILY,
    BackupError,
    backup_database,
    daily_backup_due,
    newest_good_backup,
    restore_backup,
)
from htx_desktop.storage.instance_lock import InstanceLock, server_name
from htx_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
HOUR_MS = 60 * 60 * 1000


class SingleInstance(QObject):
    """Holds the database's lock; a second start asks the first to come forward and leaves."""

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = InstanceLock(db_path)
        self.name = server_name(db_path)
        self.server: QLocalServer | None = None
        self.window: QWidget | None = None

    def acquire(self) -> bool:
        if not self.lock.acquire():
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(1000):
                socket.write(b"show")
                socket.waitForBytesWritten(1000)
                socket.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._bring_forward)
        self.server.listen(self.name)
        return True

    def _bring_forward(self) -> None:
        assert self.server is not None
        while (conn := self.server.nextPendingConnection()) is not None:
            conn.deleteLater()
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.release()


def already_open_message() -> tuple[str, str]:
    return (
        "HTX Desktop đang mở",
        "Tệp dữ liệu này đang được mở trong một cửa sổ HTX Desktop khác; cửa sổ đó đã được "
        "đưa lên trước. Mỗi tệp dữ liệu chỉ mở ở một cửa sổ để không ghi đè lên nhau.",
    )


def ask_restore(parent: QWidget | None, text: str) -> bool:
    """The question itself (a hook: tests answer it without a modal dialog)."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message names a file path
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Tệp dữ liệu bị hỏng")
    box.setText(text)
    restore = box.addButton("Khôi phục", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Thoát", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def offer_recovery(
    db_path: Path,
    parent: QWidget | None = None,
    ask: Callable[[QWidget | None, str], bool] = ask_restore,
) -> bool:
    """The file is damaged: offer the newest good copy; True when it was restored, False
    when there is none or she declines."""
    info = newest_good_backup(db_path)
    if info is None:
        return False  # nothing to offer: the caller explains the error as usual
    text = (
        "Tệp dữ liệu bị hỏng (có thể do mất điện khi đang ghi). Có thể khôi phục bản sao lưu "
        f"tốt gần nhất, lúc {info.taken_at:%H:%M ngày %d/%m/%Y}. Những gì nhập sau thời điểm đó "
        "sẽ phải nhập lại. Tệp hiện tại được giữ lại một bản trước khi khôi phục."
    )
    if not ask(parent, text):
        return False
    try:
        restore_backup(db_path, info.path)
    except BackupError as exc:
        QMessageBox.critical(parent, "Không khôi phục được", str(exc))
        return False
    return True


class DailyBackup(QObject):
    """Checks every hour while the window is open; the copy is made on the write thread."""

    def __init__(self, db_path: Path, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.runner = runner
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        if not daily_backup_due(self.db_path):
            return
        self.runner.run(
            lambda: backup_database(self.db_path, REASON_DAILY),
            on_error=lambda exc, _tb: log.warning("Daily backup failed: %s", type(exc).__name__),
            write=True,
        )
