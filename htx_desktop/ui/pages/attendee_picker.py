"""Choosing the named attendees of a training session.

The picker lists the managers of the officer's HTX and THT and her unit's Union cadres with a
check box each; she finds people by typing without accents ("nguyen thi" finds "Nguyễn Thị")
and saves. Saving makes the session's attendees exactly the ticked people through
`registry.training.set_attendees` on the write thread: new ones get an attendance record,
unticked ones are tombstoned.

`PeopleModel` also shows the read-only attendee and untrained-manager lists of the training
page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.collation import vn_key
from htx_desktop.registry.training import (
    CADRE,
    MANAGER,
    AttendanceChange,
    Person,
    attendees,
    candidates,
    set_attendees,
)
from htx_desktop.text import fold
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.record_table_view import RecordTableView, alive
from htx_desktop.ui.rows_model import RowsTableModel
from htx_desktop.ui.screen_fit import fit_window

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

NAME, KIND, ROLE, ORGANISATION = range(4)
PERSON_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_DEBOUNCE_MS = 120


class PeopleModel(RowsTableModel[Person]):
    """Managers and cadres, searched without accents; with `checkable`, a tick per person.

    `rows` are the people the search and the "only ticked" switch let through, `people()` all
    of them. Ticks are kept by (kind, id), so they survive searching and reloading."""

    checked_changed = Signal()

    def __init__(self, checkable: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self.checkable = checkable
        self._people: list[Person] = []
        self._keys: list[str] = []
        self._words: list[str] = []
        self._only_checked = False
        self._checked: set[tuple[str, str]] = set()

    # --- data --------------------------------------------------------------------------------

    def set_people(self, people: Iterable[Person]) -> None:
        self._people = list(people)
        self._keys = [p.search_key for p in self._people]
        self._refilter()

    def people(self) -> list[Person]:
        return list(self._people)

    def person(self, row: int) -> Person:
        return self.rows[row]

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self._words = words
            self._refilter()

    def set_only_checked(self, only: bool) -> None:
        if only != self._only_checked:
            self._only_checked = only
            self._refilter()

    def set_checked(self, keys: Iterable[tuple[str, str]]) -> None:
        self._checked = set(keys)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))
        self.checked_changed.emit()

    def checked(self) -> set[tuple[str, str]]:
        return set(self._checked)

    def checked_ids(self, kind: str) -> list[str]:
        return sorted(i for k, i in self._checked if k == kind)

    def total_count(self) -> int:
        return len(self._people)

    def _refilter(self) -> None:
        words = self._words
        self.set_rows(
            self._people[i]
            for i, key in enumerate(self._keys)
            if all(w in key for w in words)
            and (not self._only_checked or self._people[i].key in self._checked)
        )

    # --- Qt model interface ------------------------------------------------------------------

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Họ và tên"),
            self.tr("Là"),
            self.tr("Chức danh, chức vụ"),
            self.tr("HTX, THT hoặc đơn vị"),
        )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checkable and index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def display(self, row: Person, column: int) -> Any:
        if column == NAME:
            return row.name
        if column == KIND:
            return self.tr("Người quản lý") if row.kind == MANAGER else self.tr("Cán bộ Hội")
        if column == ROLE:
            return row.role
        if row.commune and row.kind == MANAGER:
            return f"{row.organisation} ({row.commune})"
        return row.organisation

    def tooltip(self, row: Person, column: int) -> Any:
        return self.display(row, column)

    def cell(self, row: Person, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and column == NAME:
            checked = row.key in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == PERSON_ROLE:
            return row
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not self.checkable
            or role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() != NAME
        ):
            return False
        key = self.person(index.row()).key
        state = value.value if isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked.value:
            self._checked.add(key)
        else:
            self._checked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def toggle(self, row: int) -> None:
        """Tick or untick a row (Space on the list, or a click anywhere on its row)."""
        index = self.index(row, NAME)
        ticked = self.person(row).key in self._checked
        new = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
        self.setData(index, new, Qt.ItemDataRole.CheckStateRole)


class AttendeePicker(QDialog):
    """Tick the session's named attendees among the scope's managers and cadres, then save.

    The attendees now recorded are read together with the candidates (so a save made a moment
    ago is never shown stale): they are ticked and always listed, even when they lie outside
    the officer's scope (a province course), so saving never drops someone only because she
    could not be seen."""

    saved = Signal(object)  # AttendanceChange

    def __init__(
        self,
        ctx: AppContext,
        training_id: str,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training_id = training_id
        self.setObjectName("attendeePicker")
        self.setWindowTitle(self.tr("Chọn học viên có tên"))
        self._saving = False
        self.ready = False

        layout = QVBoxLayout(self)
        if title:
            header = QLabel(title, self)
            header.setTextFormat(Qt.TextFormat.PlainText)  # a session's title, maybe a bundle's
            header.setWordWrap(True)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            layout.addWidget(header)
        explain = QLabel(
            self.tr(
                "Đánh dấu những người quản lý HTX, THT và cán bộ Hội đã dự lớp. Gõ tên (không "
                "dấu cũng được) để tìm nhanh; nhấn phím cách để đánh dấu người đang chọn."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        top = QHBoxLayout()
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("pickerSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Tìm theo tên, HTX, chức danh…"))
        top.addWidget(self.search_box, 1)
        self.only_checked = QCheckBox(self.tr("Chỉ hiện người đã đánh dấu"), self)
        top.addWidget(self.only_checked)
        layout.addLayout(top)

        self.model = PeopleModel(checkable=True, parent=self)
        self.view = RecordTableView(self)
        self.view.setObjectName("pickerTable")
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # may carry an error's text
        self.count_label.setObjectName("pickerCount")
        bottom.addWidget(self.count_label, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Lưu"), self)
        self.save_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("Hủy"), self)
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._search_entered)
        self.only_checked.toggled.connect(self.model.set_only_checked)
        self.model.checked_changed.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.view.open_requested.connect(self._toggle_current)
        # Space ticks the current person whichever column the cursor is in (the view alone
        # would only tick when the cursor is on the name's check box).
        self.space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.view)
        self.space.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.space.activated.connect(self._toggle_current)
        self.view.clicked.connect(self._clicked)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.setEnabled(False)
        fit_window(self, "attendee_picker", (820, 560))
        self._load()

    def _load(self) -> None:
        self.count_label.setText(self.tr("Đang tải danh sách…"))
        db, scope, lang = self.ctx.db, self.ctx.scope, self.ctx.lang
        training_id = self.training_id

        def work() -> tuple[list[Person], list[Person]]:
            with db.session() as session:
                return (
                    candidates(session, scope.commune_codes, scope.owned_codes, lang),
                    attendees(session, training_id, lang),
                )

        def failed(exc: BaseException, tb: str) -> None:
            log.error("Loading the attendee candidates failed:\n%s", tb)
            if alive(self):
                self.count_label.setText(
                    self.tr("Không tải được danh sách: {error}").format(error=exc)
                )

        self.ctx.runner.run(work, self._loaded, failed)

    def _loaded(self, result: tuple[list[Person], list[Person]]) -> None:
        if not alive(self):
            return
        people, current = result
        known = {p.key for p in people}
        merged = people + [p for p in current if p.key not in known]
        merged.sort(key=lambda p: (vn_key(p.name), vn_key(p.organisation), p.id))
        self.model.set_people(merged)
        self.model.set_checked(p.key for p in current)
        self.model.set_search(self.search_box.text())
        self.view.fit_columns()
        self.ready = True
        self.save_button.setEnabled(True)
        self._update_count()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_box.text())

    def _search_entered(self) -> None:
        self.apply_search()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, NAME))
            self.view.setFocus()

    def _clicked(self, index: QModelIndex) -> None:
        """A click on the name's check box is handled by the view; elsewhere on the row it
        ticks too, which is easier to hit on a touchpad."""
        if index.isValid() and index.column() != NAME:
            self.model.toggle(index.row())

    def _toggle_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.toggle(index.row())

    def _update_count(self) -> None:
        if not self.ready:
            return
        checked = self.model.checked()
        managers = sum(1 for kind, _ in checked if kind == MANAGER)
        cadres = sum(1 for kind, _ in checked if kind == CADRE)
        self.count_label.setText(
            self.tr(
                "Đã đánh dấu {count} người ({managers} người quản lý, {cadres} cán bộ Hội)"
            ).format(count=len(checked), managers=managers, cadres=cadres)
        )

    def save(self) -> None:
        """Write the ticked people as the attendees on the write thread, then close."""
        if self._saving or not self.ready:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.count_label.setText(self.tr("Đang lưu…"))
        db, events = self.ctx.db, self.ctx.events
        training_id, unit_code = self.training_id, self.ctx.scope.unit_code
        managers = self.model.checked_ids(MANAGER)
        cadres = self.model.checked_ids(CADRE)

        def work() -> AttendanceChange:
            with db.session() as session:
                return set_attendees(session, training_id, managers, cadres, unit_code)

        def done(change: AttendanceChange) -> None:
            events.changed.emit("training_attendance")
            if alive(self):
                self._saving = False
                self.saved.emit(change)
                self.accept()

        def failed(exc: BaseException, tb: str) -> None:
            log.error("Saving the attendees of %s failed:\n%s", training_id, tb)
            if not alive(self):
                return
            self._saving = False
            self.save_button.setEnabled(True)
            self._update_count()
            interaction_for(self.ctx).error(
                self,
                self.tr("Không lưu được"),
                self.tr("Không lưu được danh sách học viên: {error}").format(error=exc),
            )

        self.ctx.runner.run(work, done, failed, write=True)
