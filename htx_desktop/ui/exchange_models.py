"""The import wizard's bundle list and details panel: what a dry run or an import did to each
bundle, as a table (`OutcomeModel`, shown by `outcome_table`) and in words for the selected
one (`OutcomeDetails`, with the button that trusts an unknown signer).

Kept apart from `import_wizard`, which is about the steps (choosing files, running the check
and the import on the write thread); these only show an `Outcome` and hold no state of the
wizard's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.keys import fingerprint_lines
from htx_desktop.exchange.merge import STATUSES
from htx_desktop.exchange.service import Outcome
from htx_desktop.formatting import fmt_int
from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.export_choices import period_label, table_label
from htx_desktop.ui.list_table import list_table
from htx_desktop.ui.plain import fingerprint_label
from htx_desktop.ui.rows_model import ALIGN_RIGHT, RowsTableModel, bold_font

UNKNOWN_SIGNER = "unknown_signer"
OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 1
REJECTED_BACKGROUND = QColor("#fdecea")
REJECTED_TEXT = QColor("#b71c1c")
UNTRUSTED_BACKGROUND = QColor("#fff4e5")
UNTRUSTED_TEXT = QColor("#8a5300")

COL_UNIT, COL_PERIOD, COL_SIGNER, COL_RESULT = range(4)
#: The count columns follow, in the order of `COUNT_STATUSES`, then the file name (last, so it
#: takes what width is left: the unit and period columns already say what it holds).
COUNT_STATUSES: tuple[str, ...] = (
    "new",
    "updated",
    "unchanged",
    "deleted",
    "conflicting",
    "rejected",
)
FIRST_COUNT = COL_RESULT + 1
COL_FILE = FIRST_COUNT + len(COUNT_STATUSES)
assert set(COUNT_STATUSES) == set(STATUSES)


def period_text(code: str) -> str:
    """A bundle's period in words ("6 tháng đầu năm 2025"); an unknown code as it is."""
    try:
        return period_label(ReportPeriod.parse(code))
    except ValueError:
        return code


class OutcomeModel(RowsTableModel[Outcome]):
    """One row per bundle of a dry run or an import; rejected bundles in red, bundles from a
    signer not trusted yet in amber. `OUTCOME_ROLE` gives the row's `Outcome`."""

    def __init__(self, dry_run: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dry_run = dry_run

    def headers(self) -> list[str]:
        return [
            self.tr("Đơn vị"),
            self.tr("Kỳ"),
            self.tr("Người ký"),
            self.tr("Kết quả"),
            *self.count_titles(),
            self.tr("Tệp"),
        ]

    def count_titles(self) -> list[str]:
        return [
            self.tr("Mới"),
            self.tr("Cập nhật"),
            self.tr("Không đổi"),
            self.tr("Xóa"),
            self.tr("Xung đột"),
            self.tr("Bị từ chối"),
        ]

    def header(self, section: int, role: int) -> Any:
        counts = FIRST_COUNT <= section < COL_FILE
        if role == Qt.ItemDataRole.DisplayRole:
            title = self.headers()[section]
            # Two short lines, so the six counts fit beside the unit names.
            return title.replace(" ", "\n", 1) if counts else title
        if role == Qt.ItemDataRole.TextAlignmentRole and counts:
            return ALIGN_RIGHT
        return None

    def result_text(self, outcome: Outcome) -> str:
        if not outcome.ok:
            if outcome.code == UNKNOWN_SIGNER:
                return self.tr("Chưa tin cậy người ký")
            return self.tr("Bị từ chối")
        result = outcome.result
        if result is None:
            return self.tr("Hợp lệ")
        if self.dry_run:
            if result.changed:
                return self.tr("Sẽ nhập")
            if result.already_seen:
                return self.tr("Đã nhập trước đó")
            return self.tr("Không có gì mới")
        return self.tr("Đã nhập") if result.changed else self.tr("Không có gì thay đổi")

    def _value(self, outcome: Outcome, column: int) -> Any:
        """The raw value of a cell (numbers as numbers), for display and sorting."""
        bundle = outcome.bundle
        if column == COL_FILE:
            return outcome.path.name
        if column == COL_UNIT:
            if bundle is None:
                return outcome.path.name  # unreadable: the file is all there is to name it
            name = str(bundle.manifest["unit"].get("name") or bundle.unit_code)
            return f"{name} ({bundle.unit_code})"
        if column == COL_PERIOD:
            return period_text(bundle.period) if bundle is not None else ""
        if column == COL_SIGNER:
            return bundle.signer.common_name if bundle is not None else ""
        if column == COL_RESULT:
            return self.result_text(outcome)
        if outcome.result is None or not FIRST_COUNT <= column < COL_FILE:
            return None
        return outcome.result.total(COUNT_STATUSES[column - FIRST_COUNT])

    def display(self, row: Outcome, column: int) -> Any:
        value = self._value(row, column)
        if value is None:
            return "—" if FIRST_COUNT <= column < COL_FILE else ""
        return fmt_int(value) if isinstance(value, int) else str(value)

    def tooltip(self, row: Outcome, column: int) -> Any:
        return row.message or None

    def sort_value(self, row: Outcome, column: int) -> Any:
        value = self._value(row, column)
        return -1 if value is None else value

    def cell(self, row: Outcome, column: int, role: int) -> Any:
        if role == OUTCOME_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and FIRST_COUNT <= column < COL_FILE:
            return ALIGN_RIGHT
        if row.ok:
            return None
        untrusted = row.code == UNKNOWN_SIGNER
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(UNTRUSTED_BACKGROUND if untrusted else REJECTED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(UNTRUSTED_TEXT if untrusted else REJECTED_TEXT)
        if role == Qt.ItemDataRole.FontRole and column == COL_RESULT:
            return bold_font()
        return None


class OutcomeDetails(QWidget):
    """The selected bundle in words: the verdict, counts by record type, the records refused
    and why; for an untrusted signer her fingerprint, large, and the button to trust it."""

    trust_requested = Signal(object)  # Outcome

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: Outcome | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("outcomeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # names and reasons from the bundle
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)
        self.fingerprint = fingerprint_label("signerFingerprint")
        layout.addWidget(self.fingerprint)
        row = QHBoxLayout()
        self.trust_button = QPushButton(self.tr("Tin cậy người ký này…"))
        self.trust_button.setObjectName("trustSigner")
        self.trust_button.setAutoDefault(False)
        self.trust_button.clicked.connect(self._trust_clicked)
        row.addWidget(self.trust_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.show_outcome(None)

    def show_outcome(self, outcome: Outcome | None) -> None:
        self.outcome = outcome
        untrusted = outcome is not None and outcome.code == UNKNOWN_SIGNER
        self.fingerprint.setVisible(untrusted)
        self.trust_button.setVisible(untrusted)
        if outcome is None:
            self.text.setText("")
            return
        if untrusted:
            assert outcome.bundle is not None
            self.fingerprint.setText(
                self.tr("Dấu vân tay:")
                + "\n"
                + "\n".join(fingerprint_lines(outcome.bundle.signer.fingerprint))
            )
        if outcome.ok:
            self.text.setStyleSheet("")
        else:
            color = "#8a5300" if outcome.code == UNKNOWN_SIGNER else "#b71c1c"
            self.text.setStyleSheet(f"color: {color};")
        self.text.setText(self.details_text(outcome))

    def details_text(self, outcome: Outcome) -> str:
        """Plain text (the file name, the message and the refused records' reasons come from
        the bundle): the verdict, counts by record type, refused records, conflicts."""
        if not outcome.ok:
            return f"{outcome.path.name}\n\n{outcome.message}"
        lines = [f"{outcome.path.name}: {outcome.message}"]
        result = outcome.result
        if result is None:
            return lines[0]
        titles = OutcomeModel(True).count_titles()
        if result.counts:
            lines.append("")
        for table, counts in result.counts.items():
            figures = ", ".join(
                f"{title.lower()} {fmt_int(counts[status])}"
                for title, status in zip(titles, COUNT_STATUSES, strict=True)
            )
            lines.append(f"{table_label(table, self.ctx.lang)}: {figures}")
        if result.rejected:
            lines += ["", self.tr("Hồ sơ bị từ chối:")]
            lines += [
                f"• {table_label(r['table'], self.ctx.lang)} {r['id']}: {r['reason']}"
                for r in result.rejected[:20]
            ]
            more = len(result.rejected) - 20
            if more > 0:
                lines.append(self.tr("… và {0} hồ sơ khác.").format(more))
        if result.conflicts:
            lines += [
                "",
                self.tr(
                    "{0} hồ sơ bị sửa ở cả hai nơi cùng một lần sửa (xung đột): bản được giữ "
                    "được chọn giống nhau ở mọi máy; hãy xem lại các hồ sơ này."
                ).format(len(result.conflicts)),
            ]
        return "\n".join(lines)

    def _trust_clicked(self) -> None:
        if self.outcome is not None:
            self.trust_requested.emit(self.outcome)


def outcome_table(model: OutcomeModel, name: str, parent: QWidget) -> QTableView:
    """A bundle list of the wizard: one row selected at a time, the counts narrow, the file
    name taking the width left."""
    view = list_table(model, name, parent)
    view.setWordWrap(False)
    view.setStyleSheet("QTableView::item { padding: 0px 6px; }")
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(40)
    return view
