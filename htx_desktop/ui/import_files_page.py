"""Nhập gói dữ liệu, step 1: the bundles to import, chosen in the file dialog (which starts in
the folder bundles came from last time) or dropped on the list. Only .zip files are taken."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import remember_folder, start_folder
from htx_desktop.ui.passphrase_dialog import filter_text, prompts_for
from htx_desktop.ui.plain import HINT_STYLE

IMPORT_FOLDER_KEY = "exchange/import_folder"


def zip_paths(paths: Iterable[Path]) -> list[Path]:
    """The .zip files among dropped or chosen paths (bundles are named *.htx.zip)."""
    return [Path(p) for p in paths if Path(p).suffix.lower() == ".zip" and Path(p).is_file()]


# --- page 1: files -------------------------------------------------------------------------------


class FilesPage(QWizardPage):
    """The bundles to import, from the file dialog or dropped on the page."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("filesPage")
        self.setTitle(self.tr("Chọn gói dữ liệu"))
        self.setSubTitle(
            self.tr(
                "Chọn các tệp gói dữ liệu (.zip) cấp dưới gửi lên, hoặc kéo thả tệp vào danh "
                "sách. Bước sau kiểm tra chữ ký và cho biết sẽ nhập những gì, chưa ghi gì cả."
            )
        )
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setObjectName("bundleList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.list, 1)
        self.note = QLabel(self.tr("Chưa chọn tệp nào. Kéo thả tệp .zip vào đây."))
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setObjectName("filesNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Thêm tệp…"))
        self.add_button.setObjectName("addBundles")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("Bỏ tệp đã chọn"))
        self.remove_button.setObjectName("removeBundles")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)

    def paths(self) -> list[Path]:
        return [
            Path(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def add_paths(self, paths: Iterable[Path]) -> int:
        """Add the .zip files not listed yet; returns how many were added."""
        known = {p.resolve() for p in self.paths()}
        added = 0
        for path in zip_paths(paths):
            if path.resolve() in known:
                continue
            known.add(path.resolve())
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
            added += 1
        self._update_note()
        self.completeChanged.emit()
        return added

    def choose_files(self) -> None:
        chosen = prompts_for(self.ctx).open_files(
            self, self.tr("Chọn gói dữ liệu"), start_folder(IMPORT_FOLDER_KEY), filter_text("zip")
        )
        if chosen:
            remember_folder(chosen[0].parent, IMPORT_FOLDER_KEY)
            self.add_paths(chosen)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_note()
        self.completeChanged.emit()

    def _update_note(self) -> None:
        count = self.list.count()
        self.note.setText(
            self.tr("{0} tệp. Có thể kéo thả thêm tệp .zip vào đây.").format(count)
            if count
            else self.tr("Chưa chọn tệp nào. Kéo thả tệp .zip vào đây.")
        )

    def isComplete(self) -> bool:
        return self.list.count() > 0

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if zip_paths(Path(u.toLocalFile()) for u in urls if u.isLocalFile()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        self.add_paths(Path(u.toLocalFile()) for u in urls if u.isLocalFile())
        event.acceptProposedAction()
