"""Who has reported: one row per unit reporting to hers, the missing ones in light red with
"Chưa nộp" in bold, so they stand out in a list of twenty (the exchange page's status tab)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from htx_desktop.exchange.service import ReportingStatus
from htx_desktop.ui.rows_model import RowsTableModel, bold_font

MISSING_BACKGROUND = QColor("#fdecea")
MISSING_TEXT = QColor("#b71c1c")


def local_time(moment: datetime | None) -> datetime | None:
    """Stored times are naive UTC; officers read local time."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


# --- the status table --------------------------------------------------------------------------

COL_CODE, COL_NAME, COL_STATE, COL_RECEIVED, COL_SIGNER, COL_FILE = range(6)


class ReportingStatusModel(RowsTableModel[ReportingStatus]):
    """One row per unit reporting to hers; a unit that has not reported is in light red with
    "Chưa nộp" in bold, so the missing ones stand out in a list of twenty."""

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.reported)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Mã"),
            self.tr("Đơn vị"),
            self.tr("Tình trạng"),
            self.tr("Thời gian nhận"),
            self.tr("Người ký"),
            self.tr("Tệp"),
        )

    def display(self, row: ReportingStatus, column: int) -> Any:
        if column == COL_CODE:
            return row.unit_code
        if column == COL_NAME:
            return row.unit_name
        if column == COL_STATE:
            return self.tr("Đã nộp") if row.reported else self.tr("Chưa nộp")
        if column == COL_RECEIVED:
            when = local_time(row.received_at)
            return f"{when:%H:%M %d/%m/%Y}" if when else ""
        if column == COL_SIGNER:
            return row.signer_name or ""
        if column == COL_FILE:
            return row.file_name or ""
        return None

    def sort_value(self, row: ReportingStatus, column: int) -> Any:
        values: tuple[Any, ...] = (
            row.unit_code,
            row.unit_name,
            int(row.reported),
            row.received_at or datetime.min,
            row.signer_name or "",
            row.file_name or "",
        )
        return values[column] if 0 <= column < len(values) else None

    def cell(self, row: ReportingStatus, column: int, role: int) -> Any:
        if row.reported:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(MISSING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATE:
            return QBrush(MISSING_TEXT)
        if role == Qt.ItemDataRole.FontRole and column == COL_STATE:
            return bold_font()
        return None
