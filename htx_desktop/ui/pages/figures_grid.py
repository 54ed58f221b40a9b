"""The grid of one HTX's or THT's figures, one row per half-year.

Every half-year of the plan is listed, entered or not, so a missing report shows as a gap the
officer can fill with a double-click rather than as nothing at all. Column titles are the
labels of the period-figures form; the share of female workers is added because it decides the
"> 50 % lao động nữ" badge.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QWidget

from htx_desktop.formatting import fmt_decimal, fmt_int, fmt_percent
from htx_desktop.indicators.rules import percent
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.organisations import FIGURE_FIELDS, FiguresRow
from htx_desktop.ui.record_model import ID_ROLE, ROW_ROLE
from htx_desktop.ui.record_table_view import RecordTableView
from htx_desktop.ui.rows_model import ALIGN_RIGHT, RowsTableModel

PERIOD = "period"
FEMALE_SHARE = "female_share"
MISSING_COLOR = QColor("#80868b")


def _share(row: FiguresRow) -> float | None:
    total = row.values.get("workers_total") or 0
    return percent(row.values.get("workers_female") or 0, total)


class FiguresGridModel(RowsTableModel[FiguresRow]):
    """Rows are `FiguresRow`s (record id None for a half-year not entered yet)."""

    def __init__(self, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        spec = get_form("period_figures")
        self.specs = {f.key: f for f in spec.fields}
        keys = list(FIGURE_FIELDS)
        keys.insert(keys.index("workers_female") + 1, FEMALE_SHARE)
        self.keys: list[str] = [PERIOD, *keys]

    def row_of(self, period: str) -> int | None:
        for i, row in enumerate(self.rows):
            if row.period == period:
                return i
        return None

    def period_label(self, period: str) -> str:
        year, _, half = period.partition("-H")
        if half == "1":
            return self.tr("6 tháng đầu năm {year}").format(year=year)
        if half == "2":
            return self.tr("6 tháng cuối năm {year}").format(year=year)
        return period

    # --- the cells (`RowsTableModel` does the Qt model interface) ----------------------------

    def headers(self) -> list[str]:
        return [self._title(key) for key in self.keys]

    def header(self, section: int, role: int) -> Any:
        """The form's labels are long and may be cut: the tooltip repeats them."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._title(self.keys[section])

    def _title(self, key: str) -> str:
        if key == FEMALE_SHARE:
            return self.tr("Tỷ lệ lao động nữ")
        return self.specs[key].label(self.lang)

    def display(self, row: FiguresRow, column: int) -> Any:
        return self._text(row, self.keys[column])

    def tooltip(self, row: FiguresRow, column: int) -> Any:
        if row.entered:
            return self.tr("Nhấp đúp hoặc nhấn Enter để sửa số liệu kỳ này")
        return self.tr("Chưa nhập số liệu kỳ này: nhấp đúp hoặc nhấn Enter để nhập")

    def cell(self, row: FiguresRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.keys[column] == PERIOD:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and not row.entered:
            return QBrush(MISSING_COLOR)
        if role == Qt.ItemDataRole.FontRole and not row.entered:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ID_ROLE:
            return row.record_id
        if role == ROW_ROLE:
            return row
        return None

    def _text(self, row: FiguresRow, key: str) -> str:
        if key == PERIOD:
            return self.period_label(row.period)
        if not row.entered:
            return self.tr("chưa nhập") if key == FIGURE_FIELDS[0] else ""
        if key == FEMALE_SHARE:
            return fmt_percent(_share(row)) if _share(row) is not None else ""
        value = row.values.get(key)
        if isinstance(value, Decimal):
            return fmt_decimal(value, self.specs[key].decimals or 2)
        if isinstance(value, int):
            return fmt_int(value)
        return "" if value is None else str(value)


class FiguresGrid(RecordTableView):
    """Enter or a double-click asks to edit (or enter) the current half-year; Delete asks to
    delete its figures."""

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresGrid")
        self.grid_model = FiguresGridModel(lang, self)
        self.setModel(self.grid_model)
        header = self.horizontalHeader()
        # The form's labels are long ("Lao động nữ thuộc hộ nghèo, cận nghèo"): wrap them on
        # up to four lines rather than eliding them or making every column wide.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        line = self.fontMetrics().lineSpacing()
        header.setFixedHeight(4 * line + 10)
        header.setDefaultSectionSize(100)
        self.setColumnWidth(0, self.fontMetrics().horizontalAdvance("6 tháng cuối năm 2025") + 24)

    def current_figures(self) -> FiguresRow | None:
        index = self.currentIndex()
        return self.grid_model.row_at(index.row()) if index.isValid() else None
