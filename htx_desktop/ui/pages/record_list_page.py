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

The list goes out as shown (filtered, sorted) to Excel or the print preview
(`record_list_output`); what it remembers between starts is `record_list_state`; its small
parts (filters, the delete question, the default dialog) are `record_list_parts`, all
re-exported here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
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
    list_columns,
    load_rows,
    sort_order,
    unit_names,
)
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.record_list_actions import RecordActionsMixin
from htx_desktop.ui.pages.record_list_output import ListOutputMixin, ListPrintPreview
from htx_desktop.ui.pages.record_list_parts import (
    COMMUNE_FORMS,
    SEARCH_DEBOUNCE_MS,
    DialogFactory,
    ListFilter,
    LoadedList,
    delete_question,
    form_filters,
    lower_first,
    open_record_dialog,
    yes_no_filter,
)
from htx_desktop.ui.pages.record_list_state import ListStateMixin
from htx_desktop.ui.record_model import ROW_ROLE, RecordTableModel
from htx_desktop.ui.record_table_view import RecordTableView, alive

__all__ = [  # the parts' names, imported from here before the split
    *("COMMUNE_FORMS", "SEARCH_DEBOUNCE_MS", "DialogFactory", "ListFilter", "LoadedList"),
    *("RecordListPage", "lower_first", "open_record_dialog"),
]

log = logging.getLogger(__name__)


class RecordListPage(RecordActionsMixin, ListStateMixin, ListOutputMixin, QWidget):
    """The list of one form's records in the officer's scope.

    Public API, relied on by the main window: `refresh()`, `status_changed(str)`, `state()`
    and `restore_state(dict)`; for pages and tests: `model`, `view`, `search_box`,
    `filter_combos`, `open_record()`, `new_record()`, `delete_current()`, `current_id()`,
    `export_excel()`, `print_preview()`, `visible_rows()`.
    """

    status_changed = Signal(str)
    #: The id of the record now selected ("" when none), after selection or reloads.
    current_record_changed = Signal(str)
    #: Emitted after each load is shown (tests wait on it; detail panels may too).
    loaded = Signal()
    #: A list written to Excel: its path and the number of rows (tests wait on it).
    exported = Signal(Path, int)

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
        self.print_dialog: ListPrintPreview | None = None

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

    def filters(self) -> list[ListFilter]:
        """Combos for the choice columns the officer sorts her work by."""
        keys = {c.key for c in self.model.columns}
        many = len(self.ctx.scope.commune_codes) > 1
        return form_filters(self.spec, keys, self.ctx.lang, many)

    def yes_no_filter(self, key: str, label: str) -> ListFilter:
        return yes_no_filter(key, label)

    def delete_question(self, name: str) -> str:
        """The confirmation text, saying what goes with the record."""
        return delete_question(self.form_key, name)

    def noun(self) -> str:
        """What the count line counts ("hợp tác xã", "lớp tập huấn")."""
        return lower_first(self.spec.title(self.ctx.lang))

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
        self.export_button = QPushButton(
            QCoreApplication.translate("RecordListPage", "Xuất Excel…"), self.list_area
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(
            QCoreApplication.translate(
                "RecordListPage", "Ghi danh sách đang hiện (đã lọc, đã sắp xếp) ra tệp Excel"
            )
        )
        self.print_button = QPushButton(
            QCoreApplication.translate("RecordListPage", "In…"), self.list_area
        )
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip(
            QCoreApplication.translate(
                "RecordListPage", "Xem trước và in danh sách đang hiện (Ctrl+P)"
            )
        )
        for button in (
            self.new_button,
            self.open_button,
            self.delete_button,
            self.export_button,
            self.print_button,
        ):
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
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # file names, errors
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
        self.export_button.clicked.connect(lambda: self.export_excel())
        self.print_button.clicked.connect(lambda: self.print_preview())
        self.view.open_requested.connect(lambda: self.open_record())
        self.view.delete_requested.connect(lambda: self.delete_current())
        self.new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        self.new_shortcut.activated.connect(lambda: self.new_record())
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.search_box.setFocus)
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.activated.connect(lambda: self.print_preview())
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

    def _exported(self, path: Path, count: int) -> None:
        self.exported.emit(path, count)

    def _set_status(self, text: str) -> None:
        self.count_label.setText(text)
        if text != self.status_text:
            self.status_text = text
            self.status_changed.emit(text)
