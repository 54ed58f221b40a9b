"""Sao lưu và khôi phục: the copies of the database, a copy on demand, and going back to one.

Restoring replaces everything entered since that copy, so it asks first; the current file is
copied before it is replaced (storage.backup.restore_backup does that), so even a wrong choice
can be undone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
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
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext

PATH_ROLE = Qt.ItemDataRole.UserRole


class BackupWidget(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Ứng dụng tự sao lưu khi mở, mỗi ngày, trước khi nhập và trước khi nâng cấp."
                )
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
