"""A list of administrative units with type-to-filter, used by the setup wizard and Settings.

Officers often type without a Vietnamese keyboard, so filtering folds accents and case
("tinh khe" finds "Xã Tịnh Khê") and every typed word must appear, in any order. The list is
at most a province's ~100 communes or the country's 34 provinces, so the filter runs in
Python on each keystroke; no proxy model, no database query.

In checkable mode (a district officer ticking the communes of her group) the ticks survive
filtering: she can search "nghia", tick three, search "tu", tick two more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.collation import unit_key
from htx_desktop.text import fold, matches

CODE_ROLE = Qt.ItemDataRole.UserRole

_Index = QModelIndex | QPersistentModelIndex

def level_name(level: str) -> str:
    """How a unit's level is named on screen ("cấp xã/phường"), in the interface language.

    `registry.profile.LEVEL_LABELS` says the same for the core (command line, printed reports),
    which is Vietnamese only; the screens need the translated words."""
    names = {
        "commune": QCoreApplication.translate("UnitLevel", "cấp xã/phường"),
        "district": QCoreApplication.translate("UnitLevel", "cấp huyện/cụm"),
        "province": QCoreApplication.translate("UnitLevel", "cấp tỉnh"),
    }
    return names.get(level, level)


def unit_sort_key(name: str) -> str:
    """Sort key of a unit name without its division prefix, in Vietnamese alphabetical order
    (`collation.unit_key`): "Tỉnh Quảng Ngãi" sorts under Q and "Thành phố Huế" under H, as
    officers look for them, and a commune's "Xã"/"Phường" does not split the list."""
    return unit_key(name)


@dataclass(frozen=True)
class UnitChoice:
    """One unit the officer can pick: its code, the name she sees and a short detail (the
    unit's code, so two communes with the same name stay distinguishable)."""

    code: str
    name: str
    detail: str = ""

    @property
    def key(self) -> str:
        return fold(f"{self.name} {self.code}")

    @property
    def text(self) -> str:
        return f"{self.name} ({self.detail})" if self.detail else self.name


class UnitListModel(QAbstractListModel):
    """The visible (filtered) units; in checkable mode also which ones are ticked."""

    checked_changed = Signal()

    def __init__(self, checkable: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checkable = checkable
        self._all: list[UnitChoice] = []
        self._keys: list[str] = []
        self._visible: list[int] = []
        self._checked: set[str] = set()
        self._query = ""

    # --- content ---------------------------------------------------------------------------

    def set_units(self, units: Iterable[UnitChoice]) -> None:
        self.beginResetModel()
        self._all = list(units)
        self._keys = [u.key for u in self._all]
        codes = {u.code for u in self._all}
        self._checked &= codes
        self._visible = self._filtered(self._query)
        self.endResetModel()
        self.checked_changed.emit()

    def set_filter(self, query: str) -> None:
        self._query = query
        self.beginResetModel()
        self._visible = self._filtered(query)
        self.endResetModel()

    def _filtered(self, query: str) -> list[int]:
        if not query.strip():
            return list(range(len(self._all)))
        return [i for i, key in enumerate(self._keys) if matches(query, key)]

    def unit_at(self, row: int) -> UnitChoice:
        return self._all[self._visible[row]]

    def row_of(self, code: str) -> int | None:
        for row, i in enumerate(self._visible):
            if self._all[i].code == code:
                return row
        return None

    def all_units(self) -> Sequence[UnitChoice]:
        return self._all

    # --- ticks -----------------------------------------------------------------------------

    def checked_codes(self) -> list[str]:
        """Ticked codes in list order (stable, whatever the filter shows)."""
        return [u.code for u in self._all if u.code in self._checked]

    def set_checked(self, codes: Iterable[str]) -> None:
        self._checked = set(codes) & {u.code for u in self._all}
        if self._visible:
            self.dataChanged.emit(self.index(0), self.index(len(self._visible) - 1))
        self.checked_changed.emit()

    def toggle(self, row: int) -> None:
        code = self.unit_at(row).code
        self._checked ^= {code}
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        unit = self.unit_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return unit.text
        if role == CODE_ROLE:
            return unit.code
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable:
            checked = unit.code in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.checkable and index.isValid() and role == Qt.ItemDataRole.CheckStateRole):
            return False
        code = self.unit_at(index.row()).code
        want = Qt.CheckState(value) == Qt.CheckState.Checked
        if want == (code in self._checked):
            return True
        self.toggle(index.row())
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checkable and index.isValid():
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base


class UnitPicker(QWidget):
    """Filter field above a list of units.

    Keyboard: typing filters and keeps the first match selected, so Enter in the filter field
    accepts the best match (the dialog's default button takes the Enter); Up/Down move through
    the list without leaving the field; in checkable mode Space in the list, or Ctrl+Space in
    the field, ticks the selected unit. Nothing is selected before the officer types or clicks:
    an Enter pressed by habit must not pick the first province of the country.
    """

    current_changed = Signal(object)  # the selected unit's code, or None
    checked_changed = Signal()

    def __init__(
        self,
        checkable: bool = False,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = UnitListModel(checkable, self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("unitFilter")
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.view = QListView()
        self.view.setObjectName("unitList")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        # Roomier rows than Qt's default: picked with a touchpad, read with diacritics stacked.
        self.view.setStyleSheet("QListView::item { padding: 3px 2px; }")
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setObjectName("unitCount")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.selectionModel().currentChanged.connect(self._current_moved)
        self.model.modelReset.connect(self._update_count)
        self.model.checked_changed.connect(self._update_count)
        self.model.checked_changed.connect(self.checked_changed)
        if checkable:
            # A click anywhere on the row ticks it, not only on the small box.
            self.view.clicked.connect(lambda index: self.model.toggle(index.row()))
        self._update_count()

    # --- public ----------------------------------------------------------------------------

    def set_units(self, units: Iterable[UnitChoice], current: str | None = None) -> None:
        self.model.set_units(units)
        self._select_row(None)
        if current is not None:
            self.select(current)

    def current_code(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def current_unit(self) -> UnitChoice | None:
        index = self.view.currentIndex()
        return self.model.unit_at(index.row()) if index.isValid() else None

    def select(self, code: str) -> bool:
        """Select a unit by code (clearing a filter that hides it); False if it is not listed."""
        if self.model.row_of(code) is None and self.filter_edit.text():
            self.filter_edit.clear()
        row = self.model.row_of(code)
        self._select_row(row)
        return row is not None

    def checked_codes(self) -> list[str]:
        return self.model.checked_codes()

    def set_checked(self, codes: Iterable[str]) -> None:
        self.model.set_checked(codes)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.filter_edit.selectAll()

    # --- behaviour -------------------------------------------------------------------------

    def _apply_filter(self, text: str) -> None:
        previous = self.current_code()
        self.model.set_filter(text)
        row = self.model.row_of(previous) if previous is not None else None
        if row is None and self.model.rowCount() and text.strip():
            row = 0
        self._select_row(row)

    def _select_row(self, row: int | None) -> None:
        selection = self.view.selectionModel()
        if row is None:
            selection.clearCurrentIndex()
            selection.clearSelection()
            self.current_changed.emit(None)
            return
        index = self.model.index(row)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(current.data(CODE_ROLE) if current.isValid() else None)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_units())
        if self.model.checkable:
            text = self.tr("Đã chọn {0} · đang hiện {1}/{2}").format(
                len(self.model.checked_codes()), shown, total
            )
        elif shown == total:
            text = self.tr("{0} đơn vị").format(total)
        else:
            text = self.tr("{0}/{1} đơn vị khớp").format(shown, total)
        self.count_label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.filter_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step(1 if key == Qt.Key.Key_Down else -1)
            return True
        if watched is self.filter_edit and key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self._step(10 if key == Qt.Key.Key_PageDown else -10)
            return True
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        toggles = watched is self.view or ctrl  # a plain space in the filter is a space
        if self.model.checkable and key == Qt.Key.Key_Space and toggles:
            index = self.view.currentIndex()
            if index.isValid():
                self.model.toggle(index.row())
            return True
        return False

    def _step(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        index = self.view.currentIndex()
        row = index.row() + delta if index.isValid() else 0
        self._select_row(max(0, min(count - 1, row)))
