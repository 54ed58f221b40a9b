"""The records behind one number of the overview ("which are the 12 HTX do phụ nữ quản lý?").

Opened from an indicator card. The records come from `indicators.indicator_records`, the very
function the number is counted by, read on the task runner (about as long as the overview's
own computation); the dialog lists them with the columns an officer recognises a record by
(code, name, what it belongs to, commune or unit) and, where a record adds more than one to
the number (jobs, participants) or a share counts only some of the people (trained or not),
that column too. Double-click or Enter opens the record in the usual entry dialog.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.collation import vn_key
from htx_desktop.formatting import fmt_int
from htx_desktop.indicators.drilldown import (
    AMOUNT_NONE,
    AMOUNT_YES_NO,
    IndicatorRecords,
    indicator_records,
)
from htx_desktop.indicators.plan_settings import plan_for_unit
from htx_desktop.storage.units import PROVINCE, get_unit
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import TOPIC_INDICATOR_RECORDS, bind_help
from htx_desktop.ui.indicator_card import format_value, milestone_of, progress_text
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.rows_model import SORT_ROLE
from htx_desktop.ui.screen_fit import fit_window

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COL_CODE, COL_NAME, COL_BELONGS, COL_PLACE, COL_AMOUNT = range(5)


def load_records(ctx: AppContext, period: str, key: str) -> IndicatorRecords:
    """Runs on a worker thread: the same plan as the overview (`plan_for_unit`)."""
    with ctx.db.session() as session:
        plan = plan_for_unit(session, get_unit(session, ctx.scope.unit_code))
        return indicator_records(session, ctx.scope.unit_code, period, key, plan)


class RecordsTable(QTableView):
    """Enter opens the current record, as in the record lists."""

    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


class IndicatorRecordsDialog(QDialog):
    """The list (see the module docstring); `loaded` once the rows are shown."""

    loaded = Signal()

    def __init__(
        self, ctx: AppContext, key: str, period: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = key
        self.period = period
        self.records: IndicatorRecords | None = None
        self.setObjectName("indicatorRecordsDialog")
        bind_help(self, TOPIC_INDICATOR_RECORDS)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        layout.addWidget(heading)
        self.summary = QLabel(self.tr("Đang tải danh sách…"))
        self.summary.setObjectName("recordsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.model = QStandardItemModel(0, 5, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = RecordsTable()
        self.view.setObjectName("recordsTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.open_record(index))
        self.view.open_requested.connect(lambda: self.open_record(self.view.currentIndex()))
        layout.addWidget(self.view, 1)
        hint = QLabel(self.tr("Bấm đúp (hoặc Enter) vào một dòng để mở hồ sơ."))
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.screen_fit = fit_window(self, "indicator_records", (860, 560))

    # --- loading -------------------------------------------------------------------------

    def load(self) -> None:
        ctx, period, key = self.ctx, self.period, self.key
        ctx.runner.run(lambda: load_records(ctx, period, key), self._show, self._failed)

    def _failed(self, exc: BaseException, tb: str) -> None:
        log.error("Listing the records behind %s failed:\n%s", self.key, tb)
        if alive(self):
            self.summary.setText(
                self.tr("Không đọc được danh sách; chi tiết đã ghi vào nhật ký lỗi.")
            )

    def headers(self, records: IndicatorRecords) -> list[str]:
        form = records.form_key
        code = self.tr("Mã số HTX") if form in ("cooperative", "manager") else self.tr("Mã số")
        name = {
            "cooperative": self.tr("Tên hợp tác xã"),
            "cooperative_group": self.tr("Tên tổ hợp tác"),
            "manager": self.tr("Họ và tên"),
            "union_cadre": self.tr("Họ và tên"),
            "training_session": self.tr("Tên lớp tập huấn"),
        }.get(form, self.tr("Tên"))
        belongs = {
            "cooperative_group": self.tr("Tổ trưởng"),
            "manager": self.tr("Thuộc HTX"),
            "union_cadre": self.tr("Chức vụ"),
            "training_session": self.tr("Ngày bắt đầu"),
        }.get(form, "")
        place = (
            self.tr("Đơn vị")
            if form in ("union_cadre", "training_session")
            else self.tr("Xã/phường")
        )
        amount = {
            "htx_female_jobs": self.tr("Việc làm nữ"),
            "tht_female_workers": self.tr("Lao động nữ"),
            "members_workers_trained_pct": self.tr("Số người được tính"),
        }.get(self.key, self.tr("Đã được tập huấn"))
        return [code, name, belongs, place, amount]

    def _show(self, records: IndicatorRecords) -> None:
        if not alive(self):
            return
        self.records = records
        self.model.removeRows(0, self.model.rowCount())
        self.model.setHorizontalHeaderLabels(self.headers(records))
        yes, no = self.tr("Có"), self.tr("Không")
        for line in records.lines:
            items = []
            for text in (line.code, line.name, line.belongs_to, line.place):
                item = QStandardItem(text)
                item.setData(vn_key(text), SORT_ROLE)
                items.append(item)
            if records.amount_kind == AMOUNT_YES_NO:
                amount = QStandardItem(yes if line.amount else no)
            else:
                amount = QStandardItem(fmt_int(line.amount))
                amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            amount.setData(line.amount, SORT_ROLE)
            items.append(amount)
            items[0].setData(line.id, ID_ROLE)
            self.model.appendRow(items)
        self.view.setColumnHidden(COL_CODE, not any(line.code for line in records.lines))
        self.view.setColumnHidden(COL_BELONGS, not any(line.belongs_to for line in records.lines))
        self.view.setColumnHidden(COL_AMOUNT, records.amount_kind == AMOUNT_NONE)
        # The lines come sorted by place then name; the proxy's sort is stable.
        self.view.sortByColumn(COL_PLACE, Qt.SortOrder.AscendingOrder)
        self.summary.setText(self.summary_text(records))
        if self.model.rowCount():
            self.view.selectRow(0)
        self.view.setFocus()
        self.loaded.emit()

    def summary_text(self, records: IndicatorRecords) -> str:
        value = records.value
        target, _achieved, _met = milestone_of(value, records.period.year)
        lines = records.lines
        if records.amount_kind == AMOUNT_YES_NO:
            counted = self.tr("{0} người, trong đó {1} người đã được tập huấn").format(
                fmt_int(len(lines)), fmt_int(records.numerator)
            )
        elif records.amount_kind == AMOUNT_NONE:
            counted = self.tr("{0} hồ sơ được tính").format(fmt_int(len(lines)))
        else:
            counted = self.tr("{0} hồ sơ, cộng lại {1}").format(
                fmt_int(len(lines)), fmt_int(records.numerator)
            )
        return self.tr("{0}, {1}: {2} ({3}). {4}.").format(
            records.unit_name,
            records.period.label_en if self.ctx.lang == "en" else records.period.label_vi,
            format_value(value),
            progress_text(value, target, province_wide=self.ctx.scope.level != PROVINCE),
            counted,
        )

    # --- opening a record ----------------------------------------------------------------

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row as displayed, visible columns only (tests)."""
        shown = [c for c in range(self.proxy.columnCount()) if not self.view.isColumnHidden(c)]
        return [
            [str(self.proxy.index(r, c).data() or "") for c in shown]
            for r in range(self.proxy.rowCount())
        ]

    def record_id(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        value = self.proxy.index(index.row(), COL_CODE).data(ID_ROLE)
        return str(value) if value else None

    def open_record(self, index: QModelIndex) -> QDialog | None:
        record_id = self.record_id(index)
        if record_id is None or self.records is None:
            return None
        from htx_desktop.registry.records import RecordNotFound
        from htx_desktop.ui.record_dialog import RecordDialog

        try:
            dialog = RecordDialog(self.ctx, self.records.form_key, record_id, parent=self)
        except RecordNotFound as exc:
            interaction_for(self.ctx).error(self, self.tr("Không mở được hồ sơ"), str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
