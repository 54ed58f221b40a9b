"""`RowsTableModel`: the shared body of the read-only tables that show a plain list of rows.

The history dialog, the reporting status, the trusted signers, the import wizard's bundle
lists, the figures grid and the people lists of the training page each showed a Python list in
a `QTableView`, and each wrote the same Qt plumbing again: `rowCount`/`columnCount`, the bounds
checks in `data`, a horizontal `headerData` from a tuple of titles, and a `set_rows` wrapped in
`beginResetModel`/`endResetModel`. Six copies meant a fix in one (a bounds check, a reset the
view must hear) did not reach the others. The plumbing lives here once; a model only says what
its cells hold. (The record lists' `RecordTableModel` sorts and filters rows of its own and
keeps its own plumbing.)

Column titles stay on each model (`headers()`), written there with `self.tr`, so they keep the
translation context of that model's class in `htx_en.ts`. Nothing in this module is
translated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

_Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

#: The role a `QSortFilterProxyModel` sorts these tables by (`sort_value`): numbers and dates
#: sort as such, not as the text shown.
SORT_ROLE = Qt.ItemDataRole.UserRole
#: Right-aligned and centred vertically, for counts and amounts.
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def bold_font() -> QFont:
    """The default font in bold: the one cell of a row that says what is wrong with it."""
    font = QFont()
    font.setBold(True)
    return font


class RowsTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat, read-only table: one entry of `rows` a row, one title of `headers()` a column.

    A subclass gives `headers()` and, unless its rows are tuples shown as they are, `display`.
    The other hooks answer one role each and default to nothing: `tooltip`, `sort_value`
    (`SORT_ROLE`), `header` (for more than a plain title) and `cell` for any other role
    (colours, fonts, alignment, the row object under a role of the model's own).
    """

    def __init__(self, parent: QObject | None = None, *, rows: Iterable[RowT] = ()) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = list(rows)
        self._columns: int | None = None

    # --- what a subclass says ----------------------------------------------------------------

    #: The column titles: each subclass defines this method and translates them with its own
    #: `self.tr`, so they keep its translation context (the base has no titles to offer).
    headers: Callable[[], Sequence[str]]

    def display(self, row: RowT, column: int) -> Any:
        """The text of a cell; by default the row is a tuple of the texts."""
        values = cast("Sequence[Any]", row)
        return values[column] if 0 <= column < len(values) else None

    def tooltip(self, row: RowT, column: int) -> Any:
        return None

    def sort_value(self, row: RowT, column: int) -> Any:
        return None

    def cell(self, row: RowT, column: int, role: int) -> Any:
        """Any role not answered by `display`, `tooltip` or `sort_value`."""
        return None

    def header(self, section: int, role: int) -> Any:
        """A column's header for `role`; `section` is a valid column."""
        return self.headers()[section] if role == Qt.ItemDataRole.DisplayRole else None

    # --- the rows ----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[RowT]) -> None:
        """Replace every row; views and proxies hear a reset (selection and sorting redone)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT:
        return self.rows[row]

    # --- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        if self._columns is None:  # views ask often; the titles are translated each time
            self._columns = len(self.headers())
        return self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        return self.header(section, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        return self.cell(row, column, role)
