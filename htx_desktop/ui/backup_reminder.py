"""The reminder to carry a backup away: a band across the top of the main window when the last
copy outside the computer (a USB stick, another folder: `storage.backup_external`) is older
than 30 days, or was never made.

It never blocks her work: it is a band, not a dialog. "Sao lưu ra thư mục/USB…" opens the
backup action itself; "Để mai nhắc lại" hides it until tomorrow (remembered in the settings,
so restarting the application does not bring it back the same day). It goes away by itself as
soon as a copy is made outside the computer.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from htx_desktop.storage.backup_external import external_backup_due, last_external_backup
from htx_desktop.ui.backup_widget import EXTERNAL_BACKUP_EVENT
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.plain import WARNING_STYLE, plain_label
from htx_desktop.ui.window_state import make_settings

DISMISSED_KEY = "backup/reminder_dismissed_on"
BANNER_STYLE = (
    "QFrame#backupReminder { background: #fff4e5; border: 1px solid #f0a30a; "
    "border-radius: 4px; }"
)


class BackupReminder(QFrame):
    """The band; `backup_requested` asks the window to open the backup action."""

    backup_requested = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.setObjectName("backupReminder")
        self.setStyleSheet(BANNER_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.label = plain_label("", self)
        self.label.setObjectName("backupReminderText")
        self.backup_button = QPushButton(self.tr("Sao lưu ra thư mục/USB…"), self)
        self.backup_button.setObjectName("backupReminderAction")
        self.backup_button.clicked.connect(self.backup_requested.emit)
        self.later_button = QPushButton(self.tr("Để mai nhắc lại"), self)
        self.later_button.setObjectName("backupReminderLater")
        self.later_button.clicked.connect(self.dismiss_for_today)
        row.addWidget(self.label, 1)
        row.addWidget(self.backup_button)
        row.addWidget(self.later_button)
        ctx.events.changed.connect(self._data_changed)
        self.refresh()

    def today(self) -> date:
        return self._today or date.today()

    def due(self) -> bool:
        """Shown when a copy outside is due and she has not put it off today."""
        dismissed = make_settings().value(DISMISSED_KEY)
        if dismissed == self.today().isoformat():
            return False
        now = datetime.combine(self.today(), datetime.now().time())
        return external_backup_due(self.ctx.db.path, now=now)

    def refresh(self) -> None:
        last = last_external_backup(self.ctx.db.path)
        if last is None:
            text = self.tr(
                "Chưa có bản sao lưu nào ở ngoài máy tính. Nếu máy hỏng hoặc bị mất, dữ liệu "
                "sẽ mất theo: hãy cắm USB và sao lưu."
            )
        else:
            days = (self.today() - last.taken_at.date()).days
            text = self.tr(
                "Lần sao lưu ra ngoài máy tính gần nhất đã cách đây {0} ngày ({1}). Hãy cắm "
                "USB và sao lưu lại."
            ).format(days, f"{last.taken_at:%d/%m/%Y}")
        self.label.setText(text)
        self.label.setStyleSheet(WARNING_STYLE)
        self.setVisible(self.due())

    def dismiss_for_today(self) -> None:
        make_settings().setValue(DISMISSED_KEY, self.today().isoformat())
        self.hide()

    def _data_changed(self, key: str) -> None:
        if key in (EXTERNAL_BACKUP_EVENT, "*"):
            self.refresh()
