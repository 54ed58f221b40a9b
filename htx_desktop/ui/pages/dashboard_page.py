"""Tổng quan: where the unit stands against the plan's targets, readable at a glance.

One card per indicator of the plan: its label, the value in Vietnamese number format and a
bar towards the target of the period's milestone (2025 up to 2025, 2030 after), with "đạt
30 %, chỉ tiêu 100 %" beside it; clicking a card lists the records behind its number
(`IndicatorRecordsDialog`). A bar is
green once the target is met and amber before; a share with nothing to divide by (no female
manager yet, say) reads "—", never 0 %. District and province officers also get one row per
unit reporting to them (`compute_by_child`), to see at once which commune lags.

The numbers come from `indicators.compute_indicators`, the same function the printed report
will use, run on the task runner (about a second at province scale); a result that arrives
after the officer picked another period is dropped. The page recomputes when records change
(`ctx.events.changed`), at once when visible, otherwise the next time it is shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.indicators import (
    ReportPeriod,
    UnitProgress,
    compute_by_child,
    compute_indicators,
)
from htx_desktop.indicators.plan_settings import plan_for_unit
from htx_desktop.indicators.rules import milestone_for
from htx_desktop.storage.units import COMMUNE, PROVINCE, get_unit
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.indicator_card import CardGrid, IndicatorCard, format_value
from htx_desktop.ui.indicator_records_dialog import IndicatorRecordsDialog
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR, make_heading
from htx_desktop.ui.rows_model import SORT_ROLE
from htx_desktop.ui.unit_picker import unit_sort_key

log = logging.getLogger(__name__)

FIRST_YEAR = 2023

#: Indicators shown as columns of the per-unit table (the counts the plan is judged on first).
TABLE_KEYS: tuple[str, ...] = (
    "htx_women_managed",
    "tht_women_managed",
    "htx_female_jobs",
    "tht_female_workers",
    "htx_new_union_supported",
    "female_managers_trained_pct",
)


# --- periods (pure) ------------------------------------------------------------------------


def report_periods(today: date, first_year: int = FIRST_YEAR) -> list[ReportPeriod]:
    """Every half-year and year from `first_year` that has begun by `today`, newest first."""
    periods: list[ReportPeriod] = []
    for year in range(first_year, max(today.year, first_year) + 1):
        for code in (f"{year}-H1", str(year)):
            period = ReportPeriod.parse(code)
            if period.start <= today:
                periods.append(period)
    # A year and its first half start the same day; the half ends first, the year is newer.
    return sorted(periods, key=lambda p: (p.end, p.start), reverse=True)


def default_period(today: date, first_year: int = FIRST_YEAR) -> ReportPeriod:
    """The latest period already over (the one a report is due for), or the oldest one when
    none has ended yet."""
    periods = report_periods(today, first_year)
    for period in periods:
        if period.end < today:
            return period
    return periods[-1]


@dataclass(frozen=True)
class DashboardResult:
    """One computation: the unit's progress and (district/province) its children's."""

    progress: UnitProgress
    children: list[UnitProgress]
    computed_at: datetime
    plan_number: str


def compute_dashboard(ctx: AppContext, period: str) -> DashboardResult:
    """Runs on a worker thread: own session, no widgets."""
    with ctx.db.session() as session:
        plan = plan_for_unit(session, get_unit(session, ctx.scope.unit_code))
        progress = compute_indicators(session, ctx.scope.unit_code, period, plan)
        children: list[UnitProgress] = []
        if ctx.scope.level != COMMUNE:
            children = compute_by_child(session, ctx.scope.unit_code, period, plan)
    return DashboardResult(progress, children, datetime.now(), plan.number)


class DashboardPage(QWidget):
    """The overview page (see the module docstring)."""

    status_changed = Signal(str)
    #: Emitted on the GUI thread each time new numbers are shown (tests wait for it).
    computed = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.result: DashboardResult | None = None
        self.cards: dict[str, IndicatorCard] = {}
        self.records_dialog: IndicatorRecordsDialog | None = None
        self._generation = 0
        self._stale = True

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(make_heading(self.tr("Tổng quan — {0}").format(ctx.scope.unit_name)), 1)
        period_label = QLabel(self.tr("&Kỳ báo cáo:"))
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        period_label.setBuddy(self.period_combo)
        for period in report_periods(self.today):
            self.period_combo.addItem(self.period_label(period), period.code)
        self.period_combo.setCurrentIndex(
            max(0, self.period_combo.findData(default_period(self.today).code))
        )
        header.addWidget(period_label)
        header.addWidget(self.period_combo)
        layout.addLayout(header)

        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setObjectName("dashboardSubtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.subtitle)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setObjectName("dashboardNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5300;")
        self.notice.hide()
        layout.addWidget(self.notice)

        self.cards_host = CardGrid()
        scroll = QScrollArea()
        scroll.setObjectName("dashboardCards")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards_host)

        self.table: QTableView | None = None
        self.table_model: QStandardItemModel | None = None
        if ctx.scope.level != COMMUNE:
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.setChildrenCollapsible(False)
            splitter.addWidget(scroll)
            splitter.addWidget(self._build_table())
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            # The table's size hint would take most of the height; the cards come first.
            splitter.setSizes([620, 300])
            self.splitter: QSplitter | None = splitter
            layout.addWidget(splitter, 1)
        else:
            self.splitter = None
            layout.addWidget(scroll, 1)

        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.events.changed.connect(self._data_changed)

    # --- labels ----------------------------------------------------------------------------

    def period_label(self, period: ReportPeriod) -> str:
        text = (
            self.tr("6 tháng đầu năm {0}").format(period.year)
            if period.half == 1
            else self.tr("Năm {0}").format(period.year)
        )
        if period.start <= self.today <= period.end:
            text += self.tr(" (đang diễn ra)")
        return text

    def figures_label(self, figures_period: str) -> str:
        year, _, half = figures_period.partition("-")
        if half == "H1":
            return self.tr("6 tháng đầu năm {0}").format(year)
        return self.tr("6 tháng cuối năm {0}").format(year)

    def column_title(self, key: str) -> str:
        # Two short lines each, so six columns fit beside the unit names.
        titles = {
            "htx_women_managed": self.tr("HTX do\nPN quản lý"),
            "tht_women_managed": self.tr("THT do\nPN quản lý"),
            "htx_female_jobs": self.tr("Việc làm\nnữ (HTX)"),
            "tht_female_workers": self.tr("Lao động\nnữ (THT)"),
            "htx_new_union_supported": self.tr("HTX mới\nthành lập"),
            "female_managers_trained_pct": self.tr("Nữ QL HTX\nđược đào tạo"),
        }
        return titles.get(key, key)

    # --- page interface --------------------------------------------------------------------

    def current_period(self) -> str:
        return str(self.period_combo.currentData())

    def refresh(self) -> None:
        """Recompute for the chosen period on the runner; the newest request wins."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        period = self.current_period()
        self.status_changed.emit(self.tr("Đang tính số liệu tổng quan…"))
        ctx = self.ctx
        self.ctx.runner.run(
            lambda: compute_dashboard(ctx, period),
            lambda result: self._show(generation, result),
            lambda exc, tb: self._failed(generation, exc, tb),
        )

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = {"period": self.current_period()}
        if self.splitter is not None:
            state["split"] = self.splitter.sizes()
        return state

    def restore_state(self, state: dict[str, Any]) -> None:
        split = state.get("split")
        if (
            self.splitter is not None
            and isinstance(split, list)
            and len(split) == 2
            and all(isinstance(n, int) and n > 0 for n in split)
        ):
            self.splitter.setSizes(split)
        index = self.period_combo.findData(state.get("period"))
        if index >= 0 and index != self.period_combo.currentIndex():
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(index)
            self.period_combo.blockSignals(False)
            self._stale = True

    # --- results ---------------------------------------------------------------------------

    def _show(self, generation: int, result: DashboardResult) -> None:
        if generation != self._generation:
            return  # the officer asked for another period meanwhile
        self.result = result
        progress = result.progress
        lang = self.ctx.lang
        for value in progress.indicators:
            card = self.cards.get(value.key)
            if card is None:
                card = IndicatorCard(value.key)
                card.activated.connect(self.open_records)
                self.cards[value.key] = card
                self.cards_host.add(card)
            card.show_value(
                value, lang, progress.period.year, province_wide=progress.level != PROVINCE
            )
        self.subtitle.setText(
            self.tr(
                "Tiến độ thực hiện kế hoạch {0}: {1}, số liệu tính đến ngày {2}, so với chỉ "
                "tiêu đến năm {3}. Thanh màu xanh: đã đạt chỉ tiêu; màu vàng: chưa đạt. Bấm vào "
                "một ô để xem danh sách được tính."
            ).format(
                result.plan_number,
                self.period_label(progress.period),
                progress.period.end.strftime("%d/%m/%Y"),
                milestone_for(progress.period.year),
            )
        )
        if progress.level != PROVINCE:
            self.subtitle.setText(
                self.subtitle.text()
                + " "
                + self.tr(
                    "Chỉ tiêu và mốc là của cả tỉnh; số của đơn vị bạn là phần đóng góp vào "
                    "chỉ tiêu đó."
                )
            )
        if progress.missing_figures:
            self.notice.setText(
                self.tr(
                    "{0} HTX/tổ hợp tác được tính chưa có số liệu {1}: số việc làm, lao động "
                    "nữ của chúng đang tính là 0."
                ).format(
                    progress.missing_figures, self.figures_label(progress.period.figures_period)
                )
            )
        self.notice.setVisible(bool(progress.missing_figures))
        if self.table_model is not None:
            self._fill_table(result.children)
        self.status_changed.emit(
            self.tr("Tổng quan {0}: tính lúc {1}").format(
                self.period_label(progress.period), result.computed_at.strftime("%H:%M")
            )
        )
        self.computed.emit()

    def _failed(self, generation: int, exc: BaseException, tb: str) -> None:
        log.error("Computing the dashboard failed:\n%s", tb)
        if generation != self._generation:
            return
        self.status_changed.emit(
            self.tr("Không tính được số liệu tổng quan; chi tiết đã ghi vào nhật ký lỗi.")
        )

    # --- the records behind a number -------------------------------------------------------

    def open_records(self, key: str) -> IndicatorRecordsDialog | None:
        """List the records the card's number counts, for the period shown."""
        if self.result is None:
            return None
        value = self.result.progress.get(key)
        title = value.label_en if self.ctx.lang == "en" else value.label_vi
        dialog = IndicatorRecordsDialog(
            self.ctx, key, self.result.progress.period.code, title, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.records_dialog = dialog
        dialog.open()
        dialog.load()
        return dialog

    # --- per-unit table --------------------------------------------------------------------

    def _build_table(self) -> QWidget:
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 6, 0, 0)
        title = QLabel(self.tr("Theo đơn vị trực thuộc"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        model = QStandardItemModel(0, 1 + len(TABLE_KEYS), self)
        model.setHorizontalHeaderLabels(
            [self.tr("Đơn vị"), *[self.column_title(k) for k in TABLE_KEYS]]
        )
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view = QTableView()
        view.setObjectName("childTable")
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(view, 1)
        self.table = view
        self.table_model = model
        self.table_proxy = proxy
        return host

    def _fill_table(self, children: list[UnitProgress]) -> None:
        model = self.table_model
        assert model is not None
        model.removeRows(0, model.rowCount())
        lang = self.ctx.lang
        for child in children:
            name = QStandardItem(child.unit_name)
            name.setData(unit_sort_key(child.unit_name), SORT_ROLE)
            name.setData(child.unit_code, Qt.ItemDataRole.UserRole + 1)
            row = [name]
            for key in TABLE_KEYS:
                try:
                    value = child.get(key)
                except KeyError:
                    row.append(QStandardItem(""))
                    continue
                item = QStandardItem(format_value(value))
                item.setData(-1.0 if value.value is None else float(value.value), SORT_ROLE)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(value.label_en if lang == "en" else value.label_vi)
                row.append(item)
            model.appendRow(row)
        for column, key in enumerate(TABLE_KEYS, start=1):
            header = model.horizontalHeaderItem(column)
            if header is not None and self.result is not None:
                try:
                    spec = self.result.progress.get(key)
                except KeyError:
                    continue
                header.setToolTip(spec.label_en if lang == "en" else spec.label_vi)
        if self.table is not None:
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def child_rows(self) -> list[list[str]]:
        """What the per-unit table shows, row by row as displayed (tests, copy-paste)."""
        if self.table is None:
            return []
        proxy = self.table.model()
        return [
            [str(proxy.index(r, c).data() or "") for c in range(proxy.columnCount())]
            for r in range(proxy.rowCount())
        ]

    # --- staying current -------------------------------------------------------------------

    def _data_changed(self, _form_key: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
