"""Sổ nhập: every bundle imported here, newest first, and "Hoàn tác lần nhập…" for one she
regrets (`exchange.undo`).

Undoing asks first, listing what will change (records the bundle added are removed, records it
updated get their former values back). A backup is taken before anything is written, the undo
is one transaction, and where a later edit or import touched the same records it is refused
with those records named: the application never guesses which change she wants to keep.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.ledger import LedgerRow, ledger_rows
from htx_desktop.exchange.undo import UndoPlan, UndoRefused, preview_in, undo_in
from htx_desktop.storage.backup import REASON_UNDO, backup_database
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import TOPIC_UNDO_IMPORT, mark_help
from htx_desktop.ui.list_table import list_table
from htx_desktop.ui.plain import HINT_STYLE, plain_label
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.reporting_status import local_time
from htx_desktop.ui.rows_model import RowsTableModel

log = logging.getLogger(__name__)

COL_RECEIVED, COL_UNIT, COL_PERIOD, COL_FILE, COL_SIGNER, COL_RESULT = range(6)
#: Records listed by name in the confirmation (the rest are counted).
LISTED = 15


class LedgerModel(RowsTableModel[LedgerRow]):
    def headers(self) -> list[str]:
        return [
            self.tr("Nhận lúc"),
            self.tr("Đơn vị"),
            self.tr("Kỳ"),
            self.tr("Tệp"),
            self.tr("Người ký"),
            self.tr("Kết quả"),
        ]

    def result_text(self, row: LedgerRow) -> str:
        return {
            "imported": self.tr("Đã nhập"),
            "no_change": self.tr("Không thay đổi"),
            "rejected": self.tr("Bị từ chối"),
            "undone": self.tr("Đã hoàn tác"),
        }.get(row.result, row.result)

    def display(self, row: LedgerRow, column: int) -> Any:
        if column == COL_RECEIVED:
            when = local_time(row.received_at)
            return f"{when:%H:%M %d/%m/%Y}" if when else ""
        values = {
            COL_UNIT: row.unit_name or row.unit_code,
            COL_PERIOD: row.period,
            COL_FILE: row.file_name,
            COL_SIGNER: row.signer_name,
            COL_RESULT: self.result_text(row),
        }
        return values.get(column)

    def tooltip(self, row: LedgerRow, column: int) -> Any:
        return row.message or None

    def sort_value(self, row: LedgerRow, column: int) -> Any:
        return row.received_at if column == COL_RECEIVED else self.display(row, column)


class LedgerWidget(QWidget):
    """The ledger tab; `loaded` after each refresh, `undone` (the plan) after an undo."""

    loaded = Signal()
    undone = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        mark_help(self, TOPIC_UNDO_IMPORT)  # F1 on this tab opens the guide's part about it
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Các gói dữ liệu đã nhập vào máy này, mới nhất ở trên. Nếu nhập nhầm một gói, "
                "chọn dòng đó rồi bấm “Hoàn tác lần nhập…”: hồ sơ trở lại như trước khi nhập."
            ),
            self,
        )
        intro.setStyleSheet(HINT_STYLE)
        layout.addWidget(intro)
        self.model = LedgerModel(self)
        self.view = list_table(self.model, "ledgerTable", self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Hoàn tác lần nhập…"), self)
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(lambda: self.undo_selected())
        self.message = plain_label("", self)
        self.message.setObjectName("ledgerMessage")
        row.addWidget(self.undo_button)
        row.addWidget(self.message, 1)
        layout.addLayout(row)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_button())
        self._update_button()
        ctx.events.changed.connect(self._data_changed)

    def _data_changed(self, key: str) -> None:
        """An import (or an undo, a restore) changed everything: read the ledger again."""
        if key == "*" and not self.isHidden():
            self.refresh()

    def refresh(self) -> None:
        db = self.ctx.db

        def work() -> list[LedgerRow]:
            with db.session() as session:
                return ledger_rows(session)

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Reading the import ledger failed:\n%s", tb)

        self.ctx.runner.run(work, self._loaded, failed)

    def _loaded(self, rows: list[LedgerRow]) -> None:
        if not alive(self):
            return
        self.model.set_rows(rows)
        self._update_button()
        self.loaded.emit()

    def select_entry(self, entry_id: int) -> bool:
        for index in range(self.model.rowCount()):
            if self.model.row_at(index).id == entry_id:
                self.view.selectRow(index)
                self.view.setCurrentIndex(self.model.index(index, 0))
                return True
        return False

    def selected(self) -> LedgerRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_button(self) -> None:
        row = self.selected()
        self.undo_button.setEnabled(not self._busy and row is not None and row.undoable)

    # --- undo ------------------------------------------------------------------------------

    def undo_selected(self) -> None:
        """Work out what would change (in the background), then ask, then undo."""
        row = self.selected()
        if row is None or self._busy:
            return
        self._set_busy(True, self.tr("Đang kiểm tra lần nhập…"))
        db, entry = self.ctx.db, row.id
        self.ctx.runner.run(lambda: preview_in(db, entry), self._planned, self._failed)

    def _planned(self, plan: UndoPlan) -> None:
        if not alive(self):
            return
        self._set_busy(False, "")
        ask = interaction_for(self.ctx)
        lines = "\n".join(f"• {line}" for line in self._plan_lines(plan))
        text = self.tr(
            "Hoàn tác lần nhập gói “{0}” (kỳ {1}): xóa {2} hồ sơ do gói thêm vào, trả lại "
            "giá trị cũ cho {3} hồ sơ do gói cập nhật.\n\n{4}\n\nỨng dụng sao lưu dữ liệu "
            "trước khi hoàn tác. Đơn vị gửi gói sẽ không còn được tính là đã nộp cho kỳ này. "
            "Hoàn tác?"
        ).format(plan.file_name, plan.period, len(plan.removed), len(plan.restored), lines)
        if not ask.confirm(self, self.tr("Hoàn tác lần nhập"), text):
            return
        self._set_busy(True, self.tr("Đang hoàn tác…"))
        db, entry = self.ctx.db, plan.entry_id

        def work() -> UndoPlan:
            backup_database(db.path, REASON_UNDO)
            return undo_in(db, entry)

        self.ctx.runner.run(work, self._undone, self._failed, write=True)

    def _plan_lines(self, plan: UndoPlan) -> list[str]:
        lines = [self.tr("Xóa: {0}").format(r.label) for r in plan.removed]
        lines += [self.tr("Trả về như trước: {0}").format(r.label) for r in plan.restored]
        if len(lines) > LISTED:
            more = len(lines) - LISTED
            lines = [*lines[:LISTED], self.tr("… và {0} hồ sơ khác").format(more)]
        return lines

    def _undone(self, plan: UndoPlan) -> None:
        if not alive(self):
            return
        self._set_busy(False, self.tr("Đã hoàn tác lần nhập gói “{0}”.").format(plan.file_name))
        self.ctx.events.changed.emit("*")  # every page, this ledger too, reads again
        self.undone.emit(plan)

    def _failed(self, exc: BaseException, tb: str) -> None:
        if not alive(self):
            return
        self._set_busy(False, "")
        if isinstance(exc, UndoRefused | OSError):
            message = str(exc)
        else:
            log.error("Undoing an import failed:\n%s", tb)
            message = self.tr("Không hoàn tác được; chi tiết đã ghi vào nhật ký lỗi.")
        interaction_for(self.ctx).error(self, self.tr("Không hoàn tác được"), message)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.message.setText(text)
        self._update_button()
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
