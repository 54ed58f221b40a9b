"""The main window: navigation on the left, one page per record type on the right.

This is the first walking version: only the cooperatives list has content; the other pages say
that they are coming. Without an officer profile the window explains how to set up the unit
instead of showing an empty table the officer cannot explain.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import OfficerProfile
from htx_desktop.storage.units import commune_codes_under
from htx_desktop.ui.cooperative_model import (
    SORT_ROLE,
    Column,
    CooperativeModel,
    CooperativeRow,
    load_cooperative_rows,
)

APP_TITLE = "HTX Desktop"

PAGE_OVERVIEW = "overview"
PAGE_COOPERATIVES = "cooperatives"
PAGE_GROUPS = "groups"
PAGE_CADRES = "cadres"
PAGE_TRAININGS = "trainings"

#: Navigation entries in display order: (page key, label).
PAGES: tuple[tuple[str, str], ...] = (
    (PAGE_OVERVIEW, "Tổng quan"),
    (PAGE_COOPERATIVES, "Hợp tác xã"),
    (PAGE_GROUPS, "Tổ hợp tác"),
    (PAGE_CADRES, "Cán bộ Hội"),
    (PAGE_TRAININGS, "Tập huấn"),
)


def no_profile_message(db_path: Path) -> str:
    """Rich text telling the officer how to set up her unit (the setup wizard comes later)."""
    # Commands in bold, not <code>: the shipped UI font covers Vietnamese, a system monospace
    # face may not.
    path = html.escape(str(db_path))
    return (
        "<h3>Chưa thiết lập đơn vị</h3>"
        "<p>Cơ sở dữ liệu này chưa có thông tin cán bộ và đơn vị (xã/phường, huyện hoặc tỉnh) "
        "nên chưa thể hiển thị danh sách hợp tác xã.</p>"
        "<p>Hãy thiết lập đơn vị bằng lệnh sau (trong cửa sổ dòng lệnh), rồi mở lại ứng dụng:</p>"
        f'<p><b>htx-desktop init --db "{path}" --unit MÃ_ĐƠN_VỊ '
        '--officer "Họ và tên" --title "Chức vụ"</b></p>'
        '<p>Tìm mã đơn vị bằng lệnh <b>htx-desktop units --search "tên xã"</b>.</p>'
        "<p>Muốn xem thử trước? Mở ứng dụng với dữ liệu mẫu: "
        "<b>htx-desktop --demo</b></p>"
    )


def placeholder_text(label: str) -> str:
    return (
        f"Trang “{label}” đang được xây dựng.\n\n"
        "Đây là phiên bản đầu tiên của HTX Desktop: hiện mới có danh sách hợp tác xã. "
        "Các trang còn lại sẽ có trong những phiên bản tiếp theo."
    )


@dataclass(frozen=True)
class UnitView:
    """What the window needs to know about the officer's unit, read once at opening."""

    unit_name: str
    commune_codes: tuple[str, ...]


def load_unit_view(db: Database) -> UnitView | None:
    """The profile's unit and every commune it sees, or None before the unit is set up."""
    with db.session() as session:
        profile = session.scalars(select(OfficerProfile).limit(1)).first()
        if profile is None:
            return None
        unit = profile.unit
        return UnitView(unit.name, tuple(commune_codes_under(session, unit)))


def load_rows(db: Database, view: UnitView) -> list[CooperativeRow]:
    with db.session() as session:
        return load_cooperative_rows(session, view.commune_codes)


def count_text(count: int) -> str:
    return f"{count} hợp tác xã"


class MainWindow(QMainWindow):
    """One window for one open database."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("mainWindow")
        self.unit_view = load_unit_view(db)
        self.model = CooperativeModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        unit_name = self.unit_view.unit_name if self.unit_view else "chưa thiết lập đơn vị"
        self.setWindowTitle(f"{APP_TITLE} — {unit_name}")
        self.resize(1100, 680)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        # Roomier entries than Qt's default: officers click these all day, often on touchpads.
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self._page_index: dict[str, int] = {}
        self.table_view: QTableView | None = None
        for key, label in PAGES:
            self.nav.addItem(label)
            self._page_index[key] = self.pages.addWidget(self._build_page(key, label))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.count_label.setObjectName("cooperativeCount")
        self.count_label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(self.count_label)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)

        self.reload()
        self.show_page(PAGE_COOPERATIVES)

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self._page_index[key])

    def current_page(self) -> str:
        index = self.pages.currentIndex()
        return next(key for key, i in self._page_index.items() if i == index)

    def reload(self) -> None:
        """Read the cooperatives again (after an import or an edit elsewhere)."""
        rows = load_rows(self.db, self.unit_view) if self.unit_view else []
        self.model.set_rows(rows)
        self._update_count()

    def _update_count(self) -> None:
        if self.unit_view is None:
            self.count_label.setText("Chưa thiết lập đơn vị")
        else:
            self.count_label.setText(count_text(self.proxy.rowCount()))

    def _build_page(self, key: str, label: str) -> QWidget:
        if key != PAGE_COOPERATIVES:
            return _message_page(placeholder_text(label), f"placeholder_{key}")
        if self.unit_view is None:
            return _message_page(no_profile_message(self.db.path), "noProfileMessage")
        return self._build_cooperatives_page()

    def _build_cooperatives_page(self) -> QWidget:
        assert self.unit_view is not None
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 0, 0, 0)
        heading = QLabel(f"Hợp tác xã — {self.unit_view.unit_name}")
        heading.setObjectName("cooperativesHeading")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        view = QTableView()
        view.setObjectName("cooperativesTable")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        # Without padding, columns sized to their contents put one cell's text against the next.
        view.setStyleSheet("QTableView::item { padding: 0px 6px; }")
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(view, 1)
        self.table_view = view
        return page


def _message_page(text: str, object_name: str) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setContentsMargins(16, 16, 16, 16)
    layout.addWidget(label)
    layout.addStretch(1)
    return page
