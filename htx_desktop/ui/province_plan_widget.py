"""Kế hoạch của tỉnh: which plan the reports measure against, and (province officers only) a
small form to enter the province's own plan: number, date, issuer, title and the 2025 and
2030 targets of each indicator.

The plan is kept in the profile's settings by `indicators.plan_settings` (the command line and
the reports read it there); this widget only shows it and writes it on the task runner's write
thread. A target left empty is one the plan does not set ("—" in reports).
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import InvalidOperation

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.formatting import fmt_decimal
from htx_desktop.indicators.plan_settings import (
    ProvincePlanInput,
    clear_province_plan,
    indicator_template,
    plan_for_unit,
    save_province_plan,
    stored_plan,
)
from htx_desktop.indicators.plans import PERCENT, Plan, PlanError
from htx_desktop.registry.validation import parse_vn_number
from htx_desktop.storage.units import get_unit
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR

log = logging.getLogger(__name__)

LABEL_COLUMN, TARGET_2025, TARGET_2030 = 0, 1, 2


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else fmt_decimal(value, 1)


class ProvincePlanWidget(QWidget):
    """The plan in use, and the province's plan form (see the module docstring)."""

    plan_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = ctx.scope.level == "province"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.current = QLabel()
        self.current.setObjectName("planInUse")
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.current)
        self.template = indicator_template()
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("planNumber")
        self.number_edit.setPlaceholderText(self.tr("ví dụ 45/KH-UBND"))
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("planDate")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(QDate(2023, 1, 3))
        self.issuer_edit = QLineEdit()
        self.issuer_edit.setObjectName("planIssuer")
        self.issuer_edit.setPlaceholderText(self.tr("ví dụ Ủy ban nhân dân tỉnh Hà Tĩnh"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("planTitle")
        self.table = QTableWidget(len(self.template.indicators), 3)
        self.table.setObjectName("planTargets")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Chỉ tiêu"), self.tr("Đến năm 2025"), self.tr("Đến năm 2030")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            LABEL_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(  # as in a spreadsheet: typing into a cell edits it
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        )
        for row, spec in enumerate(self.template.indicators):
            label = spec.label_vi + (" (%)" if spec.kind == PERCENT else "")
            item = QTableWidgetItem(label)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, LABEL_COLUMN, item)
            for column in (TARGET_2025, TARGET_2030):
                self.table.setItem(row, column, QTableWidgetItem(""))
        self.save_button = QPushButton(self.tr("Lưu kế hoạch của tỉnh"))
        self.save_button.setObjectName("planSave")
        self.clear_button = QPushButton(self.tr("Xóa, dùng chỉ tiêu chung của Đề án"))
        self.clear_button.setObjectName("planClear")
        self.message = QLabel()
        self.message.setObjectName("planMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        if self.editable:
            form = QFormLayout()
            form.addRow(self.tr("Số kế hoạch:"), self.number_edit)
            form.addRow(self.tr("Ngày ban hành:"), self.date_edit)
            form.addRow(self.tr("Cơ quan ban hành:"), self.issuer_edit)
            form.addRow(self.tr("Tên kế hoạch:"), self.title_edit)
            layout.addLayout(form)
            note = QLabel(self.tr(
                "Nhập chỉ tiêu của tỉnh cho từng năm; ô để trống là chỉ tiêu kế hoạch không "
                "đặt (báo cáo in “—”)."
            ))
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {MUTED_COLOR};")
            layout.addWidget(note)
            self.table.setMinimumHeight(300)
            layout.addWidget(self.table)
            buttons = QHBoxLayout()
            buttons.addWidget(self.save_button)
            buttons.addWidget(self.clear_button)
            buttons.addWidget(self.message, 1)
            layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear)
        self.refresh()

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            in_use = plan_for_unit(session, get_unit(session, self.ctx.scope.unit_code))
            stored = stored_plan(session)
        self.show_in_use(in_use)
        if stored is not None:
            self.fill(stored)
        self.clear_button.setEnabled(stored is not None)

    def show_in_use(self, plan: Plan) -> None:
        if plan.national:
            text = self.tr(
                "Chưa có kế hoạch của tỉnh: báo cáo dùng chỉ tiêu chung của Đề án theo Quyết "
                "định số 01/QĐ-TTg (các tỷ lệ), chỉ tiêu số lượng để trống."
            )
            if not self.editable:
                text += " " + self.tr("Cán bộ Hội LHPN tỉnh nhập kế hoạch của tỉnh ở máy của mình.")
        else:
            # The kind of document is a word of the interface; its issuer is the document's own.
            kinds = {"Kế hoạch": self.tr("Kế hoạch"), "Quyết định": self.tr("Quyết định")}
            text = self.tr("Báo cáo dùng: {0} số {1} ngày {2} của {3}.").format(
                kinds.get(plan.document_type, plan.document_type),
                plan.number,
                plan.issued_on.strftime("%d/%m/%Y"),
                plan.issuer,
            )
        self.current.setText(text)

    def fill(self, plan: Plan) -> None:
        self.number_edit.setText(plan.number)
        self.date_edit.setDate(QDate(plan.issued_on.year, plan.issued_on.month,
                                     plan.issued_on.day))
        self.issuer_edit.setText(plan.issuer)
        self.title_edit.setText(plan.title)
        targets = {spec.key: spec for spec in plan.indicators}
        for row, spec in enumerate(self.template.indicators):
            own = targets.get(spec.key)
            for column, value in ((TARGET_2025, own.target_2025 if own else None),
                                  (TARGET_2030, own.target_2030 if own else None)):
                item = self.table.item(row, column)
                if item is not None:
                    item.setText(_number_text(value))

    # --- saving ----------------------------------------------------------------------------

    def entered(self) -> ProvincePlanInput:
        """The form's plan; a target that is not a number raises PlanError naming its row."""
        targets: dict[str, tuple[float | None, float | None]] = {}
        for row, spec in enumerate(self.template.indicators):
            pair: list[float | None] = []
            for column in (TARGET_2025, TARGET_2030):
                item = self.table.item(row, column)
                text = item.text().strip() if item is not None else ""
                if not text:
                    pair.append(None)
                    continue
                try:
                    pair.append(float(parse_vn_number(text.rstrip("%").strip(), False)))
                except (InvalidOperation, ValueError):
                    raise PlanError(self.tr("“{0}” ở dòng “{1}” không phải là một số.").format(
                        text, spec.label_vi)) from None
            targets[spec.key] = (pair[0], pair[1])
        day = self.date_edit.date()
        return ProvincePlanInput(
            number=self.number_edit.text(),
            issued_on=date(day.year(), day.month(), day.day()),
            issuer=self.issuer_edit.text(),
            title=self.title_edit.text(),
            targets=targets,
        )

    def save(self) -> None:
        try:
            plan = self.entered()
        except PlanError as exc:
            self._say(str(exc), error=True)
            return
        ctx = self.ctx

        def work() -> Plan:
            with ctx.db.session() as session:
                return save_province_plan(session, plan)

        self.save_button.setEnabled(False)
        self.ctx.runner.run(work, self._saved, self._failed, write=True)

    def clear(self) -> None:
        ctx = self.ctx

        def work() -> None:
            with ctx.db.session() as session:
                clear_province_plan(session)

        self.clear_button.setEnabled(False)
        self.ctx.runner.run(work, lambda _: self._cleared(), self._failed, write=True)

    def _saved(self, plan: Plan) -> None:
        self.save_button.setEnabled(True)
        self.clear_button.setEnabled(True)
        self.show_in_use(plan)
        self._say(self.tr("Đã lưu. Báo cáo và trang tổng quan dùng kế hoạch này."))
        self.plan_changed.emit()

    def _cleared(self) -> None:
        self.refresh()
        self._say(self.tr("Đã xóa kế hoạch của tỉnh."))
        self.plan_changed.emit()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.save_button.setEnabled(True)
        self.clear_button.setEnabled(True)
        if isinstance(exc, PlanError):
            self._say(str(exc), error=True)
            return
        log.error("Saving the province plan failed:\n%s", tb)
        self._say(self.tr("Không lưu được; chi tiết đã ghi vào nhật ký lỗi. Hãy thử lại."),
                  error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if error else "")
