"""The read-only lists of the exchange and settings screens (bundles, the import ledger, trusted
signers, anchors): one row selected at a time, nothing edited in place, no row numbers. One
place, so every such list behaves alike under the keyboard and the mouse."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def list_table(model: QAbstractItemModel, name: str, parent: QWidget | None = None) -> QTableView:
    """A table view over `model` that selects whole rows, one at a time, and edits nothing."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    return view
