"""The table every record list uses: keyboard-friendly (Enter opens, Delete deletes) and with
columns fitted to their contents once the rows are in, from a sample of rows so that fitting
100,000 rows stays quick; plus `alive`, the guard every late background result needs.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

#: Columns sized to their contents never grow wider than this (long names are elided).
MAX_COLUMN_WIDTH = 340
#: Narrowest a column is squeezed to when the list does not fit the window.
MIN_FITTED_WIDTH = 140
#: Rows Qt measures per column when fitting them (the visible ones first, then their
#: neighbours). Qt's default, 1,000, cost ~0.2-0.35 s on a 100,000-row list (Qt asks each
#: cell's size through the style sheet); a couple of hundred rows give the same widths.
FIT_SAMPLE_ROWS = 200


def alive(obj: Any) -> bool:
    """Whether the Qt object behind `obj` still exists: a background read may finish after the
    page was closed, and touching a deleted widget raises."""
    return obj is not None and shiboken6.isValid(obj)


class RecordTableView(QTableView):
    """A read-only table where Enter opens the current row and Delete asks to delete it.

    Handled here rather than by window shortcuts so that Delete typed in the search box
    still deletes a letter, not a record."""

    open_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Narrowest `fit_columns` squeezes a column to (lower in narrow side panels).
        self.min_fitted_width = MIN_FITTED_WIDTH
        self._fit_pending = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Without padding, columns sized to their contents put one cell's text against the next.
        self.setStyleSheet("QTableView::item { padding: 0px 6px; }")
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.doubleClicked.connect(lambda _index: self.open_requested.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
            return
        if plain and key == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Columns to their header and contents (Qt measures the visible rows and their
        neighbours, `FIT_SAMPLE_ROWS` in all), capped so one long text does
        not push the others out of sight. When they still overflow the visible width, the other
        columns are narrowed first (down to `min_fitted_width`, eliding their text) and the first
        one, the name by which she knows the record, keeps what is left."""
        if not self.isVisible():
            self._fit_pending = True  # the visible width is known only once shown
            return
        self._fit_pending = False
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        shown = [c for c in range(header.count()) if not self.isColumnHidden(c)]
        if not shown:
            return
        widths = {c: min(header.sectionSize(c), MAX_COLUMN_WIDTH) for c in shown}
        available = self.viewport().width()
        first, others = shown[0], shown[1:]
        cap = MAX_COLUMN_WIDTH
        least = self.min_fitted_width
        while available > 0 and sum(widths.values()) > available and cap > least:
            cap = max(cap - 20, least)
            for c in others:
                widths[c] = min(widths[c], cap)
        if available > 0 and sum(widths.values()) > available:
            rest = sum(widths[c] for c in others)
            widths[first] = max(available - rest, least)
        for col, width in widths.items():
            header.resizeSection(col, width)
        if header.stretchLastSection():
            # Resizing the last section stops it stretching until the next resize; turning
            # the stretch off and on again makes it fill the rest of the width now.
            header.setStretchLastSection(False)
            header.setStretchLastSection(True)
