"""The cooperatives (HTX) page: the list, and below it the selected HTX in detail.

`OrganisationPage` serves HTX and THT alike (the group page subclasses it): the list gets a
"Phụ nữ quản lý" column computed for all rows in bulk (`registry.organisations`), and the
detail panel shows the record's fields, the plan's two badges, its managers and its figures
by half-year, each editable through the shared entry dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from htx_desktop.registry.listing import (
    ListColumn,
    ListRow,
    display_value,
    list_columns,
    unit_names,
)
from htx_desktop.registry.organisations import (
    OrganisationDetail,
    kind_of,
    load_detail,
    organisation_rows,
)
from htx_desktop.registry.records import RecordNotFound
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.figures_grid import FiguresGrid
from htx_desktop.ui.pages.record_list_page import ListFilter, LoadedList, RecordListPage
from htx_desktop.ui.record_model import ROW_ROLE, RecordTableModel
from htx_desktop.ui.record_table_view import RecordTableView, alive

log = logging.getLogger(__name__)

WOMEN_MANAGED = "women_managed"
BADGE_ON = "background: #e6f4ea; color: #0d652d; border: 1px solid #a8dab5;"
BADGE_OFF = "background: #f1f3f4; color: #5f6368; border: 1px solid #dadce0;"
BADGE_STYLE = "QLabel {{ {colors} border-radius: 10px; padding: 2px 10px; }}"
MUTED = "color: #5f6368;"


def prefill(dialog: QDialog | None, values: dict[str, Any]) -> None:
    """Show `values` in a new record's form as its starting state (closing it unchanged asks
    nothing). Dialogs without a `form` (test doubles) are left alone."""
    form = getattr(dialog, "form", None)
    if form is not None and hasattr(form, "set_values"):
        form.set_values(values)


class OrganisationPage(RecordListPage):
    """HTX or THT list with the women-managed column and filter, and the detail panel."""

    def __init__(self, ctx: AppContext, form_key: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, form_key, parent)
        self.watched_keys |= {"manager", "period_figures"}
        self.detail = OrganisationDetailPanel(self)
        self.add_panel(self.detail)
        self.current_record_changed.connect(self.detail.show_record)

    def columns(self) -> list[ListColumn]:
        label = QCoreApplication.translate("OrganisationPage", "Phụ nữ quản lý")
        return [*list_columns(self.form_key), ListColumn(WOMEN_MANAGED, label, label, None)]

    def filters(self) -> list[ListFilter]:
        label = QCoreApplication.translate("OrganisationPage", "Phụ nữ quản lý")
        return [*super().filters(), self.yes_no_filter(WOMEN_MANAGED, label)]

    def loader(self) -> Callable[[Session], LoadedList]:
        """The rows and, in one more query, which of them are women-managed."""
        form_key, codes, lang = self.form_key, self.unit_codes(), self.ctx.lang
        yes = display_value(None, True, lang)

        def load(session: Session) -> LoadedList:
            rows, women = organisation_rows(session, form_key, codes, lang)
            extended = [
                ListRow(
                    r.id,
                    (*r.values, r.id in women),
                    (*r.display, yes if r.id in women else ""),
                    r.search_key,
                )
                for r in rows
            ]
            return LoadedList(extended, unit_names(session, codes))

        return load


class CooperativePage(OrganisationPage):
    """Hợp tác xã."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "cooperative", parent)


def _badge(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _set_badge(label: QLabel, text: str, on: bool, tooltip: str) -> None:
    label.setText(text)
    label.setToolTip(tooltip)
    label.setProperty("on", on)
    label.setStyleSheet(BADGE_STYLE.format(colors=BADGE_ON if on else BADGE_OFF))


class OrganisationDetailPanel(QWidget):
    """The selected HTX/THT: fields, badges, managers and figures, reloaded when they change.

    Edits go through the page's `show_dialog` and deletions through its `delete_record`, so a
    test's dialog factory and scripted interaction cover the panel too."""

    def __init__(self, page: OrganisationPage) -> None:
        super().__init__(page)
        self.page = page
        self.ctx = page.ctx
        self.form_key = page.form_key
        self.link = kind_of(self.form_key).link
        self.setObjectName("detailPanel")
        self.detail: OrganisationDetail | None = None
        self.record_id: str | None = None
        self._generation = 0
        self._build()
        self.ctx.events.changed.connect(self._on_data_changed)

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        outer.addWidget(self.stack)

        if self.form_key == "cooperative":
            hint = self.tr("Chọn một hợp tác xã trong danh sách để xem chi tiết.")
        else:
            hint = self.tr("Chọn một tổ hợp tác trong danh sách để xem chi tiết.")
        self.placeholder = QLabel(hint, self)
        self.placeholder.setObjectName("detailPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(MUTED)
        self.stack.addWidget(self.placeholder)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        self.name_label = QLabel(content)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # names may come from bundles
        self.name_label.setObjectName("detailName")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name_label.setFont(font)
        titles.addWidget(self.name_label)
        self.subtitle = QLabel(content)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setStyleSheet(MUTED)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        if self.form_key == "cooperative":
            edit_text = self.tr("Sửa thông tin HTX")
        else:
            edit_text = self.tr("Sửa thông tin THT")
        self.edit_button = QPushButton(edit_text, content)
        self.edit_button.setObjectName("editOrganisationButton")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.edit_organisation)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        badges = QHBoxLayout()
        self.women_badge = _badge(content)
        self.women_badge.setObjectName("womenManagedBadge")
        self.workers_badge = _badge(content)
        self.workers_badge.setObjectName("femaleWorkersBadge")
        badges.addWidget(self.women_badge)
        badges.addWidget(self.workers_badge)
        badges.addStretch(1)
        layout.addLayout(badges)

        self.tabs = QTabWidget(content)
        self.tabs.setObjectName("detailTabs")
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_fields(), self.tr("Thông tin chung"))
        self.tabs.addTab(self._build_managers(), self.tr("Người quản lý"))
        self.tabs.addTab(self._build_figures(), self.tr("Số liệu theo kỳ"))
        self.stack.addWidget(content)
        self.content = content

    def _build_fields(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        self.fields_grid = QGridLayout(holder)
        self.fields_grid.setHorizontalSpacing(12)
        self.fields_grid.setVerticalSpacing(4)
        self.fields_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.field_values: dict[str, QLabel] = {}
        spec = self.page.spec
        lang = self.ctx.lang
        fields = [f for f in spec.fields if f.key != "name"]
        half = (len(fields) + 1) // 2
        for i, field in enumerate(fields):
            row, col = (i, 0) if i < half else (i - half, 2)
            label = QLabel(field.label(lang) + ":", holder)
            label.setStyleSheet(MUTED)
            label.setWordWrap(True)
            # Wide enough that most labels fit on one line; the longest wrap onto two.
            label.setMinimumWidth(170)
            label.setMaximumWidth(230)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel(holder)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setObjectName(f"field_{field.key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.fields_grid.addWidget(label, row, col)
            self.fields_grid.addWidget(value, row, col + 1)
            self.field_values[field.key] = value
        self.fields_grid.setColumnStretch(1, 1)
        self.fields_grid.setColumnStretch(3, 1)
        scroll.setWidget(holder)
        return scroll

    def _build_managers(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        buttons = QHBoxLayout()
        self.add_manager_button = QPushButton(self.tr("Thêm người quản lý"), box)
        self.edit_manager_button = QPushButton(self.tr("Sửa"), box)
        self.delete_manager_button = QPushButton(self.tr("Xóa"), box)
        for button in (
            self.add_manager_button,
            self.edit_manager_button,
            self.delete_manager_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.managers_model = RecordTableModel(list_columns("manager"), self.ctx.lang, self)
        self.managers_view = RecordTableView(box)
        self.managers_view.setObjectName("managersTable")
        self.managers_view.setModel(self.managers_model)
        self.managers_view.setSortingEnabled(True)
        self.managers_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.managers_view, 1)
        self.add_manager_button.clicked.connect(lambda: self.add_manager())
        self.edit_manager_button.clicked.connect(lambda: self.edit_manager())
        self.delete_manager_button.clicked.connect(lambda: self.delete_manager())
        self.managers_view.open_requested.connect(lambda: self.edit_manager())
        self.managers_view.delete_requested.connect(lambda: self.delete_manager())
        return box

    def _build_figures(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        top = QHBoxLayout()
        hint = QLabel(
            self.tr("Nhấp đúp vào một kỳ (hoặc chọn rồi nhấn Enter) để nhập hoặc sửa số liệu."),
            box,
        )
        hint.setStyleSheet(MUTED)
        hint.setWordWrap(True)
        top.addWidget(hint, 1)
        self.new_figures_button = QPushButton(self.tr("Nhập số liệu kỳ…"), box)
        self.new_figures_button.setToolTip(self.tr("Chọn kỳ trong danh sách các kỳ đã qua"))
        self.copy_figures_button = QPushButton(self.tr("Sao chép từ kỳ trước"), box)
        self.copy_figures_button.setToolTip(
            self.tr("Mở kỳ đang chọn (hoặc kỳ mới nhất chưa nhập) với số liệu kỳ trước để sửa")
        )
        self.delete_figures_button = QPushButton(self.tr("Xóa số liệu kỳ"), box)
        for button in (
            self.new_figures_button,
            self.copy_figures_button,
            self.delete_figures_button,
        ):
            button.setAutoDefault(False)
            top.addWidget(button)
        layout.addLayout(top)
        self.figures = FiguresGrid(self.ctx.lang, box)
        layout.addWidget(self.figures, 1)
        self.figures.open_requested.connect(lambda: self.edit_figures())
        self.figures.delete_requested.connect(lambda: self.delete_figures())
        self.delete_figures_button.clicked.connect(lambda: self.delete_figures())
        self.new_figures_button.clicked.connect(lambda: self.new_figures())
        self.copy_figures_button.clicked.connect(lambda: self.copy_previous_figures())
        return box

    # --- loading -----------------------------------------------------------------------------

    def show_record(self, record_id: str) -> None:
        """Show this HTX/THT ("" shows the hint); read on a worker thread."""
        self.record_id = record_id or None
        self._generation += 1
        if self.record_id is None:
            self.detail = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        generation = self._generation
        db, form_key, org_id, lang = self.ctx.db, self.form_key, self.record_id, self.ctx.lang

        def work() -> OrganisationDetail | None:
            with db.session() as session:
                try:
                    return load_detail(session, form_key, org_id, lang)
                except RecordNotFound:
                    return None

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Loading the detail of %s %s failed:\n%s", form_key, org_id, tb)

        self.ctx.runner.run(work, lambda d: self._loaded(generation, d), failed)

    def reload(self) -> None:
        self.show_record(self.record_id or "")

    def _on_data_changed(self, key: str) -> None:
        if self.record_id is not None and key in ("*", self.form_key, "manager", "period_figures"):
            self.reload()

    def _loaded(self, generation: int, detail: OrganisationDetail | None) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.detail = detail
        if detail is None:
            self.stack.setCurrentWidget(self.placeholder)
            return
        lang = self.ctx.lang
        spec = self.page.spec
        self.name_label.setText(detail.name)
        parts = [
            display_value(spec.field(k), detail.values.get(k), lang, detail.communes)
            for k in ("commune_code", "sector", "status")
        ]
        self.subtitle.setText(" · ".join(p for p in parts if p))
        for key, label in self.field_values.items():
            field = spec.field(key)
            value = detail.values.get(key)
            if field.type == "boolean":
                text = self.tr("Có") if value else self.tr("Không")
            else:
                text = display_value(field, value, lang, detail.communes)
            label.setText(text or "—")
        self._show_badges(detail)
        self.managers_model.set_rows(detail.managers)
        self.tabs.setTabText(
            1, self.tr("Người quản lý ({count})").format(count=len(detail.managers))
        )
        self.managers_view.fit_columns()
        self.figures.grid_model.set_rows(detail.figures)
        self.stack.setCurrentWidget(self.content)

    def _show_badges(self, detail: OrganisationDetail) -> None:
        if self.form_key == "cooperative":
            rule = self.tr(
                "Có ít nhất một phụ nữ là Chủ tịch, thành viên HĐQT, Giám đốc/Tổng giám đốc "
                "hoặc thành viên Ban kiểm soát."
            )
        else:
            rule = self.tr("Tổ trưởng hoặc tổ phó là phụ nữ.")
        if detail.women_managed:
            _set_badge(self.women_badge, self.tr("Phụ nữ tham gia quản lý"), True, rule)
        else:
            _set_badge(self.women_badge, self.tr("Chưa có phụ nữ tham gia quản lý"), False, rule)
        share_rule = self.tr("Hơn 50 % người lao động là nữ, theo số liệu kỳ gần nhất.")
        if detail.badge_period is None:
            _set_badge(self.workers_badge, self.tr("Chưa có số liệu lao động"), False, share_rule)
            return
        period = self.figures.grid_model.period_label(detail.badge_period)
        if detail.many_female_workers:
            text = self.tr("> 50 % lao động nữ ({period})").format(period=period)
        else:
            text = self.tr("Lao động nữ ≤ 50 % ({period})").format(period=period)
        _set_badge(self.workers_badge, text, bool(detail.many_female_workers), share_rule)

    # --- actions -----------------------------------------------------------------------------

    def links(self) -> dict[str, Any]:
        return {self.link: self.record_id}

    def edit_organisation(self) -> QDialog | None:
        if self.record_id is None:
            return None
        return self.page.show_dialog(self.form_key, self.record_id)

    def _current_manager(self) -> ListRow | None:
        index = self.managers_view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, ListRow) else None

    def add_manager(self) -> QDialog | None:
        if self.record_id is None:
            return None
        return self.page.show_dialog("manager", None, self.links())

    def edit_manager(self) -> QDialog | None:
        row = self._current_manager()
        if row is None or self.record_id is None:
            return None
        return self.page.show_dialog("manager", row.id, self.links())

    def delete_manager(self) -> None:
        row = self._current_manager()
        if row is None:
            return
        text = self.tr(
            "Xóa người quản lý “{name}”?\n\nNgười này cũng được bỏ khỏi danh sách học viên "
            "của các lớp tập huấn."
        ).format(name=row.display[0])
        if interaction_for(self.ctx).confirm(
            self, self.tr("Xóa người quản lý"), text, destructive=True
        ):
            self.page.delete_record("manager", row.id)

    def edit_figures(self) -> QDialog | None:
        """Edit the current half-year's figures, or enter them with the period filled in."""
        row = self.figures.current_figures()
        if row is None or self.record_id is None:
            return None
        if row.record_id is not None:
            return self.page.show_dialog("period_figures", row.record_id, self.links())
        dialog = self.page.show_dialog("period_figures", None, self.links())
        prefill(dialog, {"period": row.period})
        return dialog

    def _newest_missing(self) -> str | None:
        missing = [r.period for r in self.figures.grid_model.rows if not r.entered]
        return missing[-1] if missing else None

    def new_figures(self) -> QDialog | None:
        """Figures for a half-year she picks from the dialog's list of valid ones; the newest
        without figures is proposed."""
        if self.record_id is None:
            return None
        dialog = self.page.show_dialog("period_figures", None, self.links())
        period = self._newest_missing()
        if period is not None:
            prefill(dialog, {"period": period})
        return dialog

    def copy_previous_figures(self) -> QDialog | None:
        """Open the selected half-year (else the newest without figures) filled with the
        previous half-year's figures, for her to correct and save."""
        if self.figures.current_figures() is None:
            period = self._newest_missing()
            row = self.figures.grid_model.row_of(period) if period is not None else None
            if row is None:
                return None
            self.figures.setCurrentIndex(self.figures.grid_model.index(row, 0))
        dialog = self.edit_figures()
        copy_row = getattr(dialog, "copy_row", None)
        if copy_row is not None:
            copy_row.copy()
        return dialog

    def delete_figures(self) -> None:
        row = self.figures.current_figures()
        if row is None or row.record_id is None or self.detail is None:
            return
        period = self.figures.grid_model.period_label(row.period)
        text = self.tr("Xóa số liệu {period} của “{name}”?").format(
            period=period, name=self.detail.name
        )
        if interaction_for(self.ctx).confirm(
            self, self.tr("Xóa số liệu theo kỳ"), text, destructive=True
        ):
            self.page.delete_record("period_figures", row.record_id)
