"""Per-record history: who changed what, when, from the audit trail."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableView, QVBoxLayout

from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import display_value
from htx_desktop.storage.audit import audit_for, decode
from htx_desktop.storage.engine import Database
from htx_desktop.ui.rows_model import RowsTableModel
from htx_desktop.ui.screen_fit import fit_window


class HistoryModel(RowsTableModel[tuple[str, ...]]):
    """Rows of (time, officer, action, field, old, new), oldest first, in Vietnamese; a cell's
    tooltip repeats it in full (old and new values are often cut off)."""

    def headers(self) -> list[str]:
        return [
            self.tr("Thời điểm"),
            self.tr("Người thực hiện"),
            self.tr("Thao tác"),
            self.tr("Trường"),
            self.tr("Giá trị cũ"),
            self.tr("Giá trị mới"),
        ]

    def tooltip(self, row: tuple[str, ...], column: int) -> Any:
        return self.display(row, column)


def history_rows(db: Database, form_key: str, record_id: str) -> list[tuple[str, ...]]:
    """The audit entries of one record, with field labels and values as the form shows them."""
    form = get_form(form_key)
    actions = {
        "create": "Tạo mới",
        "update": "Sửa",
        "delete": "Xóa",
        "import": "Nhập từ gói",
        "undo": "Hoàn tác lần nhập",
    }
    rows = []
    with db.session() as session:
        for entry in audit_for(session, record_id):
            spec = next((f for f in form.fields if f.key == entry.field), None)
            label = spec.label_vi if spec else (entry.field or "")
            old = display_value(spec, decode(entry.old_value)) if entry.old_value else ""
            new = display_value(spec, decode(entry.new_value)) if entry.new_value else ""
            if entry.action in ("import", "undo"):  # whole records kept for undoing, not shown
                old = ""
                new = new if entry.action == "import" else ""
            rows.append(
                (
                    f"{entry.at:%d/%m/%Y %H:%M}",
                    entry.officer or "",
                    actions.get(entry.action, entry.action),
                    label,
                    old,
                    new,
                )
            )
    return rows


class HistoryDialog(QDialog):
    def __init__(self, db: Database, form_key: str, record_id: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lịch sử thay đổi"))
        fit_window(self, "history", (860, 420))
        layout = QVBoxLayout(self)
        self.model = HistoryModel(self, rows=history_rows(db, form_key, record_id))
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
