"""A combo box with a search field above it, for lists of thousands (a province's HTX)."""

from __future__ import annotations

import re

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from htx_desktop.reports.requests import Choice
from htx_desktop.text import fold

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole


class RecordChooser(QWidget):
    """A combo box with a search field above it: typing (with or without accents, words in
    any order) narrows the list, which for a province holds thousands of HTX."""

    changed = Signal()

    def __init__(self, placeholder: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.search = QLineEdit(self)
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"{name}Combo")
        self.combo.setModel(self.proxy)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(20)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.combo)
        self.search.textChanged.connect(self._filter)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_choices(self, choices: list[Choice]) -> None:
        """Replace the list, keeping the chosen record when it is still there."""
        keep = self.current_id()
        self.combo.blockSignals(True)
        self.model.clear()
        for choice in choices:
            item = QStandardItem(choice.label)
            item.setData(choice.id, ID_ROLE)
            item.setData(choice.search, SEARCH_ROLE)
            item.setToolTip(choice.label)
            self.model.appendRow(item)
        self.combo.blockSignals(False)
        if not (keep and self.set_current_id(keep)):
            self.combo.setCurrentIndex(0 if self.proxy.rowCount() else -1)
        self.changed.emit()

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        pattern = "".join(f"(?=.*{re.escape(word)})" for word in words)
        self.proxy.setFilterRegularExpression(f"^{pattern}" if words else "")
        if self.combo.currentIndex() < 0 and self.proxy.rowCount():
            self.combo.setCurrentIndex(0)
        self.changed.emit()

    def current_id(self) -> str | None:
        value = self.combo.currentData(ID_ROLE)
        return str(value) if value else None

    def current_label(self) -> str:
        return self.combo.currentText()

    def set_current_id(self, record_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == record_id:
                self.combo.setCurrentIndex(row)
                return True
        return False

    def labels(self) -> list[str]:
        """What the combo offers now (after the search)."""
        return [str(self.proxy.index(r, 0).data()) for r in range(self.proxy.rowCount())]
