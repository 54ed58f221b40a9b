"""`RowsTableModel`, the plumbing shared by the read-only tables (history, reporting status,
trusted signers, import outcomes): rows, headers, roles and the reset views rely on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from htx_desktop.ui.rows_model import ALIGN_RIGHT, SORT_ROLE, RowsTableModel, bold_font

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FONT = Qt.ItemDataRole.FontRole


class TupleModel(RowsTableModel[tuple[str, ...]]):
    """The default: tuples shown as they are."""

    def headers(self) -> Sequence[str]:
        return ("Một", "Hai")


class PersonModel(RowsTableModel[dict[str, Any]]):
    """Every hook overridden, as the richer models do."""

    def headers(self) -> Sequence[str]:
        return ("Tên", "Tuổi")

    def display(self, row: dict[str, Any], column: int) -> Any:
        return row["name"] if column == 0 else f"{row['age']} tuổi"

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        return f"tip {row['name']}"

    def sort_value(self, row: dict[str, Any], column: int) -> Any:
        return row["age"] if column == 1 else row["name"]

    def cell(self, row: dict[str, Any], column: int, role: int) -> Any:
        return bold_font() if role == FONT and row["age"] > 60 else None

    def header(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and section == 1:
            return ALIGN_RIGHT
        return super().header(section, role)


def test_rows_headers_and_display(qtmodeltester: Any) -> None:
    model = TupleModel(rows=[("a", "b"), ("c", "d"), ("e", "f")])
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    assert [model.index(r, 1).data() for r in range(3)] == ["b", "d", "f"]
    assert model.index(0, 0).data(TOOLTIP) is None  # tooltips are opt-in
    assert model.index(0, 0).data(SORT_ROLE) is None
    assert model.row_at(1) == ("c", "d")
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert [model.headerData(s, horizontal) for s in range(2)] == ["Một", "Hai"]
    assert model.headerData(2, horizontal) is None
    assert model.headerData(-1, horizontal) is None
    assert model.headerData(0, vertical) is None
    assert model.headerData(0, horizontal, TOOLTIP) is None
    # a table, not a tree: no children below a cell
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
    qtmodeltester.check(model)


def test_set_rows_resets(qtbot: QtBot) -> None:
    model = TupleModel()
    assert model.rowCount() == 0 and model.columnCount() == 2
    events: list[str] = []
    model.modelAboutToBeReset.connect(lambda: events.append(f"about {model.rowCount()}"))
    model.modelReset.connect(lambda: events.append(f"reset {model.rowCount()}"))
    rows = [("x", "y")]
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_rows(rows)
    assert events == ["about 0", "reset 1"]
    rows.append(("z", "w"))  # the model keeps its own copy
    assert model.rowCount() == 1
    model.set_rows(iter([]))
    assert events[-2:] == ["about 1", "reset 0"] and model.rowCount() == 0


def test_hooks_answer_their_roles(qtmodeltester: Any) -> None:
    model = PersonModel(rows=[{"name": "Lan", "age": 34}, {"name": "Hoa", "age": 61}])
    young, old = model.index(0, 1), model.index(1, 0)
    assert young.data() == "34 tuổi" and old.data() == "Hoa"
    assert young.data(TOOLTIP) == "tip Lan"
    assert young.data(SORT_ROLE) == 34 and old.data(SORT_ROLE) == "Hoa"
    assert young.data(FONT) is None and old.data(FONT).bold()
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(1, horizontal, Qt.ItemDataRole.TextAlignmentRole) == ALIGN_RIGHT
    assert model.headerData(0, horizontal, Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.headerData(1, horizontal) == "Tuổi"
    qtmodeltester.check(model)
