"""Sao lưu và khôi phục: the copies of the database, a copy on demand, and going back to one;
a copy to a folder or USB stick she chooses, and going back to such a copy.

Restoring replaces everything entered since that copy, so it asks first; the current file is
copied before it is replaced (storage.backup.restore_backup does that), so even a wrong choice
can be undone. A file chosen to restore from is checked before she is asked: a file that is not
a sound backup of this application is refused with a plain message and changes nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.storage.backup import (
    REASON_MANUAL,
    BackupError,
    backup_database,
    list_backups,
    restore_backup,
)
from htx_desktop.storage.backup_external import (
    backup_to_folder,
    check_backup_file,
    last_external_backup,
    restore_from_file,
)
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import BACKUP_FOLDER_KEY, remember_folder, start_folder
from htx_desktop.ui.passphrase_dialog import prompts_for
from htx_desktop.ui.plain import plain_label

PATH_ROLE = Qt.ItemDataRole.UserRole


#: What `ctx.events.changed` carries after a copy outside the computer (the reminder listens).
EXTERNAL_BACKUP_EVENT = "backup"


class BackupWidget(QWidget):
    #: A copy was written to a chosen folder (its path); a restore finished.
    copied_out = Signal(object)
    restored = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Ứng dụng tự sao lưu khi mở, mỗi ngày, trước khi nhập và trước khi nâng cấp."
                ),
                self,
            )
        )
        self.list = QListWidget(self)
        # A few rows are enough (newest first); the page must still fit a small laptop screen.
        self.list.setMinimumHeight(48)
        self.list.setMaximumHeight(110)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Sao lưu ngay"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Khôi phục bản đã chọn…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        outside = QHBoxLayout()
        self.folder_button = QPushButton(self.tr("Sao lưu ra thư mục/USB…"), self)
        self.folder_button.setObjectName("backupToFolder")
        self.folder_button.clicked.connect(lambda: self.backup_to_folder())
        self.file_button = QPushButton(self.tr("Khôi phục từ tệp…"), self)
        self.file_button.setObjectName("restoreFromFile")
        self.file_button.clicked.connect(lambda: self.restore_from_file())
        outside.addWidget(self.folder_button)
        outside.addWidget(self.file_button)
        outside.addStretch(1)
        layout.addLayout(outside)
        self.outside_label = plain_label("", self)  # a path she chose: plain text
        self.outside_label.setObjectName("lastOutsideBackup")
        self.outside_label.setWordWrap(True)
        layout.addWidget(self.outside_label)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for info in list_backups(self.ctx.db.path):
            size = f"{info.size / (1024 * 1024):.1f}".replace(".", ",")
            item = QListWidgetItem(f"{info.taken_at:%d/%m/%Y %H:%M} — {info.label_vi} — {size} MB")
            item.setData(PATH_ROLE, str(info.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(self.list.count() > 0)
        last = last_external_backup(self.ctx.db.path)
        self.outside_label.setText(
            self.tr("Lần sao lưu ra ngoài máy gần nhất: {0}, vào {1}").format(
                f"{last.taken_at:%d/%m/%Y %H:%M}", last.path
            )
            if last
            else self.tr("Chưa sao lưu ra ngoài máy tính (USB hoặc thư mục khác) lần nào.")
        )

    def backup_now(self) -> None:
        path = self.ctx.db.path
        self.backup_button.setEnabled(False)

        def done(_result: object) -> None:
            self.backup_button.setEnabled(True)
            self.reload()

        def failed(exc: BaseException, _tb: str) -> None:
            self.backup_button.setEnabled(True)
            interaction_for(self.ctx).error(self, self.tr("Không sao lưu được"), str(exc))

        self.ctx.runner.run(lambda: backup_database(path, REASON_MANUAL), done, failed, write=True)

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        ask = interaction_for(self.ctx)
        if not ask.confirm(
            self,
            self.tr("Khôi phục bản sao lưu"),
            self.tr(
                "Dữ liệu sẽ trở về đúng như lúc {0}. Những gì nhập sau thời điểm đó sẽ mất "
                "(tệp hiện tại được sao lưu trước để có thể quay lại). Khôi phục?"
            ).format(item.text().split(" — ")[0]),
        ):
            return
        # No job may hold the file while it is replaced: finish them and close connections.
        self.ctx.runner.wait()
        self.ctx.db.engine.dispose()
        try:
            restore_backup(self.ctx.db.path, item.data(PATH_ROLE))
        except BackupError as exc:
            ask.error(self, self.tr("Không khôi phục được"), str(exc))
            return
        self.ctx.events.changed.emit("*")
        self.reload()
        ask.info(self, self.tr("Đã khôi phục"), self.tr("Đã khôi phục bản sao lưu."))

    # --- outside the computer ------------------------------------------------------------------

    def backup_to_folder(self) -> None:
        """Ask for a folder (a USB stick), then copy the database there in the background."""
        folder = prompts_for(self.ctx).folder(
            self, self.tr("Chọn thư mục hoặc USB để sao lưu"), start_folder(BACKUP_FOLDER_KEY)
        )
        if folder is None:
            return
        remember_folder(folder, BACKUP_FOLDER_KEY)
        path = self.ctx.db.path
        self.folder_button.setEnabled(False)

        def done(copy: Path) -> None:
            self.folder_button.setEnabled(True)
            self.reload()
            self.ctx.events.changed.emit(EXTERNAL_BACKUP_EVENT)
            self.copied_out.emit(copy)
            interaction_for(self.ctx).info(
                self, self.tr("Đã sao lưu"), self.tr("Đã sao lưu vào tệp {0}.").format(copy)
            )

        def failed(exc: BaseException, _tb: str) -> None:
            self.folder_button.setEnabled(True)
            interaction_for(self.ctx).error(self, self.tr("Không sao lưu được"), str(exc))

        self.ctx.runner.run(lambda: backup_to_folder(path, folder), done, failed, write=True)

    def restore_from_file(self) -> None:
        """Ask for a backup file, check it in the background, then ask before restoring."""
        chosen = prompts_for(self.ctx).open_file(
            self,
            self.tr("Chọn tệp sao lưu để khôi phục"),
            start_folder(BACKUP_FOLDER_KEY),
            self.tr("Bản sao lưu HTX Desktop (*.sqlite3);;Mọi tệp (*)"),
        )
        if chosen is None:
            return
        remember_folder(chosen, BACKUP_FOLDER_KEY)
        self.file_button.setEnabled(False)

        def checked(problem: str | None) -> None:
            self.file_button.setEnabled(True)
            if problem is not None:
                interaction_for(self.ctx).error(self, self.tr("Không khôi phục được"), problem)
                return
            self._confirm_restore(chosen)

        def failed(exc: BaseException, _tb: str) -> None:
            self.file_button.setEnabled(True)
            interaction_for(self.ctx).error(self, self.tr("Không khôi phục được"), str(exc))

        self.ctx.runner.run(lambda: check_backup_file(chosen), checked, failed)

    def _confirm_restore(self, chosen: Path) -> None:
        ask = interaction_for(self.ctx)
        try:
            when = datetime.fromtimestamp(chosen.stat().st_mtime)
        except OSError as exc:
            ask.error(self, self.tr("Không khôi phục được"), str(exc))
            return
        if not ask.confirm(
            self,
            self.tr("Khôi phục từ tệp sao lưu"),
            self.tr(
                "Dữ liệu sẽ trở về đúng như trong tệp {0} (ghi lúc {1}). Những gì nhập sau thời "
                "điểm đó sẽ mất (tệp hiện tại được sao lưu trước để có thể quay lại). Khôi phục?"
            ).format(chosen.name, f"{when:%d/%m/%Y %H:%M}"),
        ):
            return
        self.ctx.runner.wait()
        self.ctx.db.engine.dispose()
        try:
            restore_from_file(self.ctx.db.path, chosen)
        except BackupError as exc:
            ask.error(self, self.tr("Không khôi phục được"), str(exc))
            return
        self.ctx.events.changed.emit("*")
        self.reload()
        self.restored.emit()
        ask.info(self, self.tr("Đã khôi phục"), self.tr("Đã khôi phục từ tệp {0}.").format(chosen))
