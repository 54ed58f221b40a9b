"""A searchable, filterable list of the records of one form, the base of every page.

The rows are read once per refresh on the runner's read threads, sorted there in the list's
current order, and then searched, filtered and re-sorted in Python by `RecordTableModel` (no
proxy model: its per-row callbacks took 34 s to sort 100,000 rows). Typing in the search box
therefore never queries the database; it is only debounced so that a fast typist does not
refilter 100,000 rows on every key.

Texts are translated with the explicit context "RecordListPage": PySide's `self.tr` looks
them up under the runtime class (CooperativePage…), where lupdate never put them.

Questions (the delete confirmation) go through `interaction_for(ctx)` so tests can answer
them; records open in the colleague's `RecordDialog`, made by `dialog_factory`, which tests may
replace as well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from htx_desktop.collation import unit_key
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import (
    ListColumn,
    ListRow,
    RowOrder,
    list_columns,
    load_rows,
    sort_order,
    unit_names,
)
from htx_desktop.registry.records import RecordNotFound, delete_record
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.record_model import ROW_ROLE, RecordTableModel
from htx_desktop.ui.record_table_view import RecordTableView, alive

log = logging.getLogger(__name__)

#: Forms whose records belong to a commune (listed by commune); the others by owning unit.
#: Pause after the last keystroke before the list is refiltered.
SEARCH_DEBOUNCE_MS = 150
COMMUNE_FORMS = ("cooperative", "cooperative_group")

#: What a page's `dialog_factory` is called with: ctx, form key, record id, links, parent.
DialogFactory = Callable[[AppContext, str, str | None, dict[str, Any] | None, QWidget], QDialog]


def open_record_dialog(
    ctx: AppContext,
    form_key: str,
    record_id: str | None,
    links: dict[str, Any] | None,
    parent: QWidget,
) -> QDialog:
    """The default factory: the shared entry dialog (imported here, when first needed).

    Communes are left to the dialog, which also names a commune outside the officer's scope
    when the record being edited lies in one."""
    from htx_desktop.ui.record_dialog import RecordDialog

    return RecordDialog(ctx, form_key, record_id, links=links, parent=parent)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class ListFilter:
    """One filter combo: the list column it looks at and its options (value, label).

    `contains` filters look into a list-valued column (training topics); boolean filters treat
    a blank value as "no"."""

    key: str
    label: str
    options: tuple[tuple[Any, str], ...]
    contains: bool = False
    boolean: bool = False


@dataclass(frozen=True)
class LoadedList:
    """What a page's loader returns; `order` is added by `refresh` on the same worker thread
    (the rows sorted as the list was sorted when the load was asked for)."""

    rows: list[ListRow]
    communes: dict[str, str]
    order: RowOrder | None = None


class RecordListPage(QWidget):
    """The list of one form's records in the officer's scope.

    Public API, relied on by the main window: `refresh()`, `status_changed(str)`, `state()`
    and `restore_state(dict)`; for pages and tests: `model`, `view`, `search_box`,
    `filter_combos`, `open_record()`, `new_record()`, `delete_current()`, `current_id()`.
    """

    status_changed = Signal(str)
    #: The id of the record now selected ("" when none), after selection or reloads.
    current_record_changed = Signal(str)
    #: Emitted after each load is shown (tests wait on it; detail panels may too).
    loaded = Signal()

    def __init__(self, ctx: AppContext, form_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form_key = form_key
        self.spec = get_form(form_key)
        self.setObjectName(f"{form_key}Page")
        self.dialog_factory: DialogFactory = open_record_dialog
        #: Data-change keys (besides this form's own and "*") that make the list stale.
        self.watched_keys: set[str] = {form_key}
        self.communes: dict[str, str] = {}
        self.status_text = ""
        self._generation = 0
        self._loaded_once = False
        self._stale = True
        self._current_id: str | None = None
        self._pending_filters: dict[str, Any] = {}
        self._select_next: str | None = None

        self.model = RecordTableModel(self.columns(), ctx.lang, self)
        self._build()
        self.model.modelReset.connect(self._after_model_change)
        self.model.layoutChanged.connect(self._after_model_change)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row)
        ctx.events.changed.connect(self._on_data_changed)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

    # --- what subclasses adapt -------------------------------------------------------------

    def columns(self) -> list[ListColumn]:
        return list_columns(self.form_key)

    def unit_codes(self) -> tuple[str, ...]:
        """HTX and THT are listed by commune; cadres and sessions by the unit that recorded
        them (the officer's unit and its communes)."""
        scope = self.ctx.scope
        return scope.commune_codes if self.form_key in COMMUNE_FORMS else scope.owned_codes

    def loader(self) -> Callable[[Session], LoadedList]:
        """A function run on a worker thread: plain values only, no widget."""
        form_key, codes, lang = self.form_key, self.unit_codes(), self.ctx.lang
        communes = self.form_key in COMMUNE_FORMS

        def load(session: Session) -> LoadedList:
            rows = load_rows(session, form_key, codes, lang)
            names = unit_names(session, codes) if communes else {}
            return LoadedList(rows, names)

        return load

    def noun(self) -> str:
        """What the count line counts ("hợp tác xã", "lớp tập huấn")."""
        return lower_first(self.spec.title(self.ctx.lang))

    def filters(self) -> list[ListFilter]:
        """Combos for the choice columns the officer sorts her work by."""
        found: list[ListFilter] = []
        keys = {c.key for c in self.model.columns}
        for key in ("status", "sector", "level", "funding_source", "topics"):
            if key not in keys:
                continue
            field = self.spec.field(key)
            options = tuple((c.key, c.label(self.ctx.lang)) for c in field.choices)
            found.append(
                ListFilter(key, field.label(self.ctx.lang), options, field.type == "multi_choice")
            )
        if "commune_code" in keys and len(self.ctx.scope.commune_codes) > 1:
            label = self.spec.field("commune_code").label(self.ctx.lang)
            found.append(ListFilter("commune_code", label, ()))  # options come with the rows
        for key in ("works_on_coops",):
            if key in keys:
                found.append(self.yes_no_filter(key, self.spec.field(key).label(self.ctx.lang)))
        return found

    def yes_no_filter(self, key: str, label: str) -> ListFilter:
        return ListFilter(
            key,
            label,
            (
                (True, QCoreApplication.translate("RecordListPage", "Có")),
                (False, QCoreApplication.translate("RecordListPage", "Không")),
            ),
            False,
            True,
        )

    def delete_question(self, name: str) -> str:
        """The confirmation text, saying what goes with the record."""
        if self.form_key == "cooperative":
            return QCoreApplication.translate(
                "RecordListPage",
                "Xóa hợp tác xã “{name}”?\n\nNgười quản lý và số liệu theo kỳ của hợp tác xã "
                "này cũng sẽ bị xóa.",
            ).format(name=name)
        if self.form_key == "cooperative_group":
            return QCoreApplication.translate(
                "RecordListPage",
                "Xóa tổ hợp tác “{name}”?\n\nNgười quản lý và số liệu theo kỳ của tổ hợp tác "
                "này cũng sẽ bị xóa.",
            ).format(name=name)
        if self.form_key == "union_cadre":
            return QCoreApplication.translate(
                "RecordListPage",
                "Xóa cán bộ Hội “{name}”?\n\nCán bộ này cũng được bỏ khỏi danh sách học viên "
                "của các lớp tập huấn.",
            ).format(name=name)
        if self.form_key == "training_session":
            return QCoreApplication.translate(
                "RecordListPage",
                "Xóa lớp tập huấn “{name}”?\n\nDanh sách học viên có tên của lớp này cũng sẽ "
                "bị xóa.",
            ).format(name=name)
        return QCoreApplication.translate("RecordListPage", "Xóa “{name}”?").format(name=name)

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.list_area = QWidget(self)
        layout = QVBoxLayout(self.list_area)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        self.search_box = QLineEdit(self.list_area)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(
            QCoreApplication.translate("RecordListPage", "Tìm theo tên… (gõ không dấu cũng được)")
        )
        top.addWidget(self.search_box, 1)
        self.new_button = QPushButton(
            QCoreApplication.translate("RecordListPage", "Thêm mới"), self.list_area
        )
        self.new_button.setObjectName("newButton")
        self.new_button.setToolTip(
            QCoreApplication.translate("RecordListPage", "Thêm bản ghi mới (Ctrl+N)")
        )
        self.open_button = QPushButton(
            QCoreApplication.translate("RecordListPage", "Mở"), self.list_area
        )
        self.open_button.setObjectName("openButton")
        self.open_button.setToolTip(
            QCoreApplication.translate("RecordListPage", "Xem và sửa bản ghi đang chọn (Enter)")
        )
        self.delete_button = QPushButton(
            QCoreApplication.translate("RecordListPage", "Xóa"), self.list_area
        )
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip(
            QCoreApplication.translate("RecordListPage", "Xóa bản ghi đang chọn (Delete)")
        )
        for button in (self.new_button, self.open_button, self.delete_button):
            button.setAutoDefault(False)
            top.addWidget(button)
        layout.addLayout(top)

        self.filter_combos: dict[str, QComboBox] = {}
        self._filters = {f.key: f for f in self.filters()}
        if self._filters:
            row = QHBoxLayout()
            for spec in self._filters.values():
                label = QLabel(spec.label + ":", self.list_area)
                combo = QComboBox(self.list_area)
                combo.setObjectName(f"filter_{spec.key}")
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                self._fill_combo(combo, spec.options)
                label.setBuddy(combo)
                combo.currentIndexChanged.connect(lambda _i, k=spec.key: self._apply_filter(k))
                row.addWidget(label)
                row.addWidget(combo)
                row.addSpacing(8)
                self.filter_combos[spec.key] = combo
            row.addStretch(1)
            layout.addLayout(row)

        self.view = RecordTableView(self.list_area)
        self.view.setObjectName(f"{self.form_key}Table")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        layout.addWidget(self.view, 1)

        self.count_label = QLabel(self.list_area)
        self.count_label.setObjectName("countLabel")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_area)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 0, 4, 0)
        outer.addWidget(self.splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._search_entered)

        self.new_button.clicked.connect(lambda: self.new_record())
        self.open_button.clicked.connect(lambda: self.open_record())
        self.delete_button.clicked.connect(lambda: self.delete_current())
        self.view.open_requested.connect(lambda: self.open_record())
        self.view.delete_requested.connect(lambda: self.delete_current())
        self.new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        self.new_shortcut.activated.connect(lambda: self.new_record())
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.search_box.setFocus)
        self._update_buttons()

        default = self.default_sort()
        if default is not None:
            key, order = default
            self.view.sortByColumn(self.model.column_index(key), order)

    def default_sort(self) -> tuple[str, Qt.SortOrder] | None:
        return (self.model.columns[0].key, Qt.SortOrder.AscendingOrder)

    def add_panel(self, widget: QWidget) -> None:
        """Put a detail panel below the list, each starting with half the height (the
        splitter lets her give either more room)."""
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(self.splitter.count() - 1, 1)
        self.splitter.setSizes([1000] * self.splitter.count())

    def _fill_combo(self, combo: QComboBox, options: Sequence[tuple[Any, str]]) -> None:
        combo.blockSignals(True)
        current = combo.currentData()
        combo.clear()
        combo.addItem(QCoreApplication.translate("RecordListPage", "Tất cả"), None)
        for value, label in options:
            combo.addItem(label, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # --- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the rows again on a worker thread; only the latest request is shown."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        load, db = self.loader(), self.ctx.db
        sort, columns = self.model.sort_state(), list(self.model.columns)

        def work() -> LoadedList:
            with db.session() as session:
                result = load(session)
            if sort is None:
                return result
            # Sorted here rather than on the GUI thread: ~0.3 s for 100,000 rows.
            descending = sort[1] == Qt.SortOrder.DescendingOrder
            return replace(result, order=sort_order(result.rows, columns, sort[0], descending))

        self.ctx.runner.run(
            work,
            lambda result: self._loaded(generation, result),
            lambda exc, tb: self._load_failed(generation, exc, tb),
        )

    def _loaded(self, generation: int, result: LoadedList) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.communes = result.communes
        combo = self.filter_combos.get("commune_code")
        if combo is not None:
            names = sorted(result.communes.items(), key=lambda item: unit_key(item[1]))
            self._fill_combo(combo, names)
        first = not self._loaded_once
        self._loaded_once = True
        self.model.set_rows(result.rows, result.order)
        self._apply_pending_filters()
        if first:
            self.view.fit_columns()
        self.loaded.emit()

    def _load_failed(self, generation: int, exc: BaseException, tb: str) -> None:
        log.error("Loading the %s list failed:\n%s", self.form_key, tb)
        if not alive(self) or generation != self._generation:
            return
        self._set_status(
            QCoreApplication.translate(
                "RecordListPage", "Không tải được danh sách: {error}"
            ).format(error=exc)
        )

    def _on_data_changed(self, key: str) -> None:
        if key != "*" and key not in self.watched_keys:
            return
        if self.isVisible():
            self._refresh_timer.start()  # several saves in a row make one reload
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh_timer.start()

    # --- search, filters, sort, selection ------------------------------------------------------

    def apply_search(self) -> None:
        """Refilter now with the box's text (the debounce timer calls this)."""
        self._search_timer.stop()
        self.model.set_search(self.search_box.text())
        self._emit_count()

    def _search_entered(self) -> None:
        self.apply_search()
        if self.model.rowCount() > 0:
            if self._current_id is None:
                self.select_row(0)
            self.view.setFocus()

    def _apply_filter(self, key: str) -> None:
        spec = self._filters[key]
        combo = self.filter_combos[key]
        value = combo.currentData()
        self._pending_filters.pop(key, None)
        if spec.contains:
            self._apply_contains(key, value)
        elif value is None:
            self.model.set_column_filter(key, None)
        elif spec.boolean and value is False:
            self.model.set_column_filter(key, {False, None})
        else:
            self.model.set_column_filter(key, {value})
        self._emit_count()

    def _apply_contains(self, key: str, value: Any) -> None:
        """List-valued columns cannot be matched by set membership; a predicate looks inside."""
        if value is None:
            self.model.set_predicate(None)
            return
        col = self.model.column_index(key)
        self.model.set_predicate(lambda row: value in (row.values[col] or ()))

    def _apply_pending_filters(self) -> None:
        """Filters restored before their options existed (communes come with the rows)."""
        for key, value in list(self._pending_filters.items()):
            combo = self.filter_combos[key]
            index = combo.findData(value)
            if index >= 0:
                self._pending_filters.pop(key)
                combo.setCurrentIndex(index)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def select_id(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def current_id(self) -> str | None:
        return self._current_id

    def current_row(self) -> ListRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        row = index.data(ROW_ROLE)
        return row if isinstance(row, ListRow) else None

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(self.model.row_id(current.row()) if current.isValid() else None)

    def _after_model_change(self) -> None:
        """A reset (new rows, search, filter) or a sort lost the selection: put it back on the
        same record when it is still listed."""
        wanted = self._current_id
        if self._select_next is not None and self.model.row_of(self._select_next) is not None:
            wanted, self._select_next = self._select_next, None
        if wanted is not None and self.model.row_of(wanted) is not None:
            self.select_id(wanted)
        else:
            self.view.selectionModel().clearSelection()
            self._set_current(None)
        self._emit_count()

    def _set_current(self, record_id: str | None) -> None:
        if record_id != self._current_id:
            self._current_id = record_id
            self.current_record_changed.emit(record_id or "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self._current_id is not None
        self.open_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def _emit_count(self) -> None:
        self._set_status(
            QCoreApplication.translate("RecordListPage", "{shown} / {total} {noun}").format(
                shown=self.model.rowCount(), total=self.model.total_count, noun=self.noun()
            )
        )

    def _set_status(self, text: str) -> None:
        self.count_label.setText(text)
        if text != self.status_text:
            self.status_text = text
            self.status_changed.emit(text)

    # --- open, new, delete ---------------------------------------------------------------------

    def show_dialog(
        self,
        form_key: str,
        record_id: str | None = None,
        links: dict[str, Any] | None = None,
    ) -> QDialog | None:
        """Open the entry dialog (window-modal, not blocking); None when the record is gone."""
        try:
            dialog = self.dialog_factory(self.ctx, form_key, record_id, links, self)
        except RecordNotFound as exc:
            interaction_for(self.ctx).error(
                self,
                QCoreApplication.translate("RecordListPage", "Không mở được bản ghi"),
                str(exc),
            )
            self.ctx.events.changed.emit(form_key)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_record(self, record_id: str | None = None) -> QDialog | None:
        """Open the given record, or the selected one."""
        record_id = record_id or self._current_id
        if record_id is None:
            return None
        return self.show_dialog(self.form_key, record_id)

    def new_record(self) -> QDialog | None:
        dialog = self.show_dialog(self.form_key)
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(self._select_after_save)
        return dialog

    def _select_after_save(self, record_id: str) -> None:
        """The new record is selected once the reload that the save set off has arrived."""
        if alive(self):
            self._select_next = record_id

    def delete_current(self) -> None:
        """Ask, then tombstone the selected record and its dependants on the write thread."""
        row = self.current_row()
        if row is None:
            return
        name = row.display[0] or row.id
        title = QCoreApplication.translate("RecordListPage", "Xóa {noun}").format(noun=self.noun())
        if not interaction_for(self.ctx).confirm(
            self, title, self.delete_question(name), destructive=True
        ):
            return
        self.delete_record(self.form_key, row.id)

    def delete_record(self, form_key: str, record_id: str) -> None:
        db, events = self.ctx.db, self.ctx.events

        def work() -> int:
            with db.session() as session:
                return delete_record(session, form_key, record_id)

        def failed(exc: BaseException, tb: str) -> None:
            log.error("Deleting %s %s failed:\n%s", form_key, record_id, tb)
            if alive(self):
                interaction_for(self.ctx).error(
                    self,
                    QCoreApplication.translate("RecordListPage", "Không xóa được"),
                    QCoreApplication.translate(
                        "RecordListPage", "Không xóa được bản ghi: {error}"
                    ).format(error=exc),
                )
            events.changed.emit(form_key)

        self.ctx.runner.run(work, lambda _n: events.changed.emit(form_key), failed, write=True)

    # --- state ---------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Search text, filters and sort, JSON-serialisable (the window keeps them)."""
        filters: dict[str, Any] = dict(self._pending_filters)
        for key, combo in self.filter_combos.items():
            value = combo.currentData()
            if value is not None:
                filters[key] = value
        header = self.view.horizontalHeader()
        section = header.sortIndicatorSection()
        state: dict[str, Any] = {"search": self.search_box.text(), "filters": filters}
        if 0 <= section < len(self.model.columns):
            state["sort"] = {
                "column": self.model.columns[section].key,
                "descending": header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            }
        return state

    def restore_state(self, state: dict[str, Any]) -> None:
        """Apply a saved state; unknown keys and values from older versions are ignored."""
        if not isinstance(state, dict):
            return
        search = state.get("search")
        if isinstance(search, str):
            self.search_box.setText(search)
            self.apply_search()
        filters = state.get("filters")
        if isinstance(filters, dict):
            for key, combo in self.filter_combos.items():
                value = filters.get(key)
                index = combo.findData(value) if value is not None else 0
                if index >= 0:
                    combo.setCurrentIndex(index)
                    self._pending_filters.pop(key, None)
                else:
                    self._pending_filters[key] = value
        sort = state.get("sort")
        if isinstance(sort, dict):
            try:
                col = self.model.column_index(str(sort.get("column")))
            except KeyError:
                return
            order = (
                Qt.SortOrder.DescendingOrder
                if sort.get("descending")
                else Qt.SortOrder.AscendingOrder
            )
            self.view.sortByColumn(col, order)
