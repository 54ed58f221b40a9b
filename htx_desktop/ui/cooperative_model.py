"""Table model of the cooperatives (HTX) one officer's unit sees.

Shaped after Vorta's table models: column constants, display text for people, a sort role
with raw values so that the proxy sorts years as numbers and names without tripping over
accents, and an object role giving the row's id so that views never parse display text.
Rows are read in one query of plain columns (no ORM object per row), which keeps a province
with hundreds of cooperatives quick to open.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.storage.models import AdministrativeUnit, Cooperative
from htx_desktop.text import fold

#: Labels of the stored sector keys. Kept here until the list reads labels from forms/*.toml.
SECTOR_LABELS: dict[str, str] = {
    "nong_nghiep": "Nông nghiệp",
    "tieu_thu_cong_nghiep": "Tiểu thủ công nghiệp",
    "dich_vu": "Dịch vụ",
    "thuong_mai": "Thương mại",
    "du_lich_cong_dong": "Du lịch cộng đồng",
    "lam_nghiep": "Lâm nghiệp",
    "thuy_san": "Thủy sản",
    "khac": "Khác",
}

#: Labels of the stored status keys, in the order a sorted list should show them.
STATUS_LABELS: dict[str, str] = {
    "hoat_dong": "Đang hoạt động",
    "tam_ngung": "Tạm ngừng",
    "giai_the": "Giải thể",
}

SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    REGISTRATION_CODE = 1
    COMMUNE = 2
    SECTOR = 3
    STATUS = 4
    YEAR = 5


HEADERS: dict[Column, str] = {
    Column.NAME: "Tên HTX",
    Column.REGISTRATION_CODE: "Mã số HTX",
    Column.COMMUNE: "Xã/phường",
    Column.SECTOR: "Lĩnh vực",
    Column.STATUS: "Trạng thái",
    Column.YEAR: "Năm thành lập",
}


@dataclass(frozen=True, slots=True)
class CooperativeRow:
    """What the list shows of one cooperative."""

    id: str
    name: str
    registration_code: str | None
    commune_name: str | None
    sector: str
    status: str
    established_year: int | None


def sector_label(key: str) -> str:
    """Label of a sector key; an unknown key (newer form file) is shown as stored."""
    return SECTOR_LABELS.get(key, key)


def status_label(key: str) -> str:
    return STATUS_LABELS.get(key, key)


def load_cooperative_rows(session: Session, commune_codes: Iterable[str]) -> list[CooperativeRow]:
    """The non-deleted cooperatives of these communes, in one query, ordered by name."""
    codes = list(commune_codes)
    if not codes:
        return []
    stmt = (
        select(
            Cooperative.id,
            Cooperative.name,
            Cooperative.registration_code,
            AdministrativeUnit.name,
            Cooperative.sector,
            Cooperative.status,
            Cooperative.established_on,
        )
        .outerjoin(AdministrativeUnit, AdministrativeUnit.code == Cooperative.commune_code)
        .where(Cooperative.deleted.is_(False), Cooperative.commune_code.in_(codes))
        .order_by(Cooperative.name)
    )
    rows: list[CooperativeRow] = []
    for coop_id, name, reg_code, commune, sector, status, established in session.execute(stmt):
        year = established.year if isinstance(established, date) else None
        rows.append(CooperativeRow(coop_id, name, reg_code, commune, sector, status, year))
    return rows


def _text_sort_key(value: str | None) -> str | None:
    """Accent- and case-free first (“Đồng” next to “Dong”), the exact text to break ties."""
    if not value:
        return None
    return f"{fold(value)}\x00{value}"


class CooperativeModel(QAbstractTableModel):
    """Read-only rows of cooperatives; `set_rows` replaces them all at once."""

    def __init__(self, rows: Sequence[CooperativeRow] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CooperativeRow] = list(rows)

    def set_rows(self, rows: Sequence[CooperativeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> CooperativeRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return HEADERS[Column(section)]
        return super().headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == OBJECT_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.YEAR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: CooperativeRow, column: Column) -> str:
        match column:
            case Column.NAME:
                return row.name
            case Column.REGISTRATION_CODE:
                return row.registration_code or ""
            case Column.COMMUNE:
                return row.commune_name or ""
            case Column.SECTOR:
                return sector_label(row.sector)
            case Column.STATUS:
                return status_label(row.status)
            case Column.YEAR:
                return "" if row.established_year is None else str(row.established_year)

    @staticmethod
    def _sort_value(row: CooperativeRow, column: Column) -> Any:
        """Raw values; None (an empty cell) sorts after every value in ascending order."""
        match column:
            case Column.NAME:
                return _text_sort_key(row.name)
            case Column.REGISTRATION_CODE:
                return row.registration_code
            case Column.COMMUNE:
                return _text_sort_key(row.commune_name)
            case Column.SECTOR:
                return _text_sort_key(sector_label(row.sector))
            case Column.STATUS:
                order = list(STATUS_LABELS)
                return order.index(row.status) if row.status in order else len(order)
            case Column.YEAR:
                return row.established_year
