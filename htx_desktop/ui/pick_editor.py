"""A text field picked from a list instead of typed: the half-year of a figures record, the
leader of a cooperative group among its managers.

The stored value stays the text (the form files, bundles, workbooks and reports keep reading a
name or "2025-H1"), so nothing in the data changes shape. A value already stored that the list
does not offer (a leader typed before the managers were entered, a manager renamed since) is
kept as an entry of its own, marked, rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

from htx_desktop.registry.forms import FieldSpec

# (stored text, label shown) pairs.
PickItems = Sequence[tuple[str, str]]


class PickEditor(QComboBox):
    """One value from `items`; an optional field starts with an empty entry."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, items: PickItems, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(16)
        self.setPlaceholderText(self.tr("— Chọn —"))
        if not spec.required:
            self.addItem("", "")
        for value, label in items:
            self.addItem(label, value)
        if not items:
            self.setToolTip(self.tr("Danh sách còn trống."))
        self.setCurrentIndex(-1 if spec.required else 0)
        self.currentIndexChanged.connect(self.edited)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling the form over a closed list must not change the choice under the mouse."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def offered(self) -> list[str]:
        return [str(self.itemData(i)) for i in range(self.count()) if self.itemData(i)]

    def raw_value(self) -> str:
        data = self.currentData()
        return "" if data is None else str(data)

    def set_raw_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if not text:
            self.setCurrentIndex(-1 if self.spec.required else 0)
            return
        index = self.findData(text)
        if index < 0:
            self.addItem(self.tr("{value} (giá trị đã lưu)").format(value=text), text)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def focus_target(self) -> QWidget:
        return self
