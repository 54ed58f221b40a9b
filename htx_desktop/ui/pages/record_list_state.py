"""What a record list remembers between starts: search text, filters and sort.

A mixin of `RecordListPage` (split from it to keep the page module about the page); it reads
the page's widgets and model and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from htx_desktop.ui.record_model import RecordTableModel
from htx_desktop.ui.record_table_view import RecordTableView


class ListStateMixin:
    """`state()` and `restore_state(dict)` for the main window (JSON-serialisable)."""

    filter_combos: dict[str, QComboBox]
    _pending_filters: dict[str, Any]
    search_box: QLineEdit
    view: RecordTableView
    model: RecordTableModel

    # Provided by the page (`RecordListPage`).
    apply_search: Callable[[], None]

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
