"""Xuất/Nhập dữ liệu: the officer's key, sending her unit's bundle, receiving her units' bundles,
and who has reported.

At the top, her signing key (`ui.key_box`): exporting needs one.

Below, tabs: "Xuất gói dữ liệu" (the `ExportDialog`), "Nhập gói dữ liệu" (the `ImportWizard`;
.zip files dropped anywhere on the page open it too), and for a district or province
"Tình hình nộp báo cáo": every unit reporting to hers, whether a valid bundle for the chosen
period has arrived, when and from whom, the missing ones in red, and "12/20 đơn vị đã nộp" in
the status bar; "Sổ nhập", the bundles imported here, where one imported by mistake can be
undone (`ui.ledger_widget`); plus the list of trusted signers. A commune has nobody reporting
to her, so the status tab only says what it is for, and she has no ledger tab.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.keys import (
    pretty_fingerprint,
)
from htx_desktop.exchange.service import ReportingStatus
from htx_desktop.storage.units import COMMUNE
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.export_choices import last_export, period_label
from htx_desktop.ui.export_dialog import ExportDialog
from htx_desktop.ui.import_wizard import ImportWizard, zip_paths
from htx_desktop.ui.key_box import KeyBox, KeyInfo
from htx_desktop.ui.ledger_widget import LedgerWidget
from htx_desktop.ui.pages.dashboard_page import default_period, report_periods
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR, make_heading
from htx_desktop.ui.passphrase_dialog import prompts_for
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.reporting_status import COL_NAME, ReportingStatusModel
from htx_desktop.ui.rows_model import SORT_ROLE
from htx_desktop.ui.trust_widget import TrustWidget
from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog, save_template

log = logging.getLogger(__name__)

TAB_EXPORT, TAB_IMPORT, TAB_STATUS, TAB_LEDGER = range(4)


# --- the page ----------------------------------------------------------------------------------


class ExchangePage(QWidget):
    """The page; `export_dialog` and `import_wizard` are the ones open (tests drive them)."""

    status_changed = Signal(str)
    key_loaded = Signal()  # the key box shows what is stored (tests wait on these)
    status_loaded = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.key: KeyInfo | None = None
        self.export_dialog: ExportDialog | None = None
        self.import_wizard: ImportWizard | None = None
        self.status_text = ""
        self._status_generation = 0
        self._status_stale = True
        self.setObjectName("exchangePage")
        self.setAcceptDrops(True)
        self.upper = ctx.scope.level != COMMUNE

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(
            make_heading(self.tr("Xuất/Nhập dữ liệu — {0}").format(ctx.scope.unit_name))
        )
        self.key_box = KeyBox(ctx, self)
        self.key_box.key_loaded.connect(self._key_shown)
        layout.addWidget(self.key_box)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("exchangeTabs")
        self.tabs.addTab(self._build_export_tab(), self.tr("Xuất gói dữ liệu"))
        self.tabs.addTab(self._build_import_tab(), self.tr("Nhập gói dữ liệu"))
        self.tabs.addTab(self._build_status_tab(), self.tr("Tình hình nộp báo cáo"))
        self.ledger = LedgerWidget(ctx, self)
        self.ledger.undone.connect(lambda _plan: self.load_status())
        if self.upper:
            self.tabs.addTab(self.ledger, self.tr("Sổ nhập"))
        else:
            self.ledger.hide()
        self.trust_widget: TrustWidget | None = None
        if self.upper:
            self.trust_widget = TrustWidget(ctx, self)
            self.tabs.addTab(self.trust_widget, self.tr("Người ký được tin cậy"))
        layout.addWidget(self.tabs, 1)
        ctx.events.changed.connect(self._data_changed)
        self.show_for_level()

    def show_for_level(self) -> None:
        """A commune has no units below it (issue 18): no bundles to import from below and no
        status of units below, only the Excel import. Decided by her unit's own level in this
        database (`ctx.scope.level`), never by a file."""
        if self.upper:
            return
        self.tabs.setTabVisible(TAB_STATUS, False)
        self.tabs.setTabText(TAB_IMPORT, self.tr("Nhập từ Excel"))
        import_tab = self.tabs.widget(TAB_IMPORT)
        intro, drop = import_tab.findChildren(QLabel)[:2]
        for widget in (intro, drop, self.import_button):
            widget.hide()
        self.setAcceptDrops(False)

    # --- building ----------------------------------------------------------------------------

    def _tab(self, intro: str) -> tuple[QWidget, QVBoxLayout]:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        return tab, layout

    def _build_export_tab(self) -> QWidget:
        tab, layout = self._tab(
            self.tr(
                "Mỗi 6 tháng và cuối năm, xuất gói dữ liệu có chữ ký số của đơn vị (toàn bộ hồ "
                "sơ, bảng tính Excel và báo cáo PDF) rồi gửi cho cấp trên qua USB hoặc thư điện "
                "tử."
            )
        )
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Xuất gói dữ liệu…"))
        self.export_button.setObjectName("openExport")
        self.export_button.clicked.connect(lambda: self.open_export())
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.export_hint = QLabel()
        self.export_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.export_hint.setObjectName("exportHint")
        self.export_hint.setWordWrap(True)
        self.export_hint.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.export_hint)
        last_row = QHBoxLayout()
        self.last_export_label = QLabel()
        self.last_export_label.setTextFormat(Qt.TextFormat.PlainText)
        self.last_export_label.setObjectName("lastExport")
        self.last_export_label.setWordWrap(True)
        self.last_export_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_last_button = QPushButton(self.tr("Mở thư mục"))
        self.open_last_button.setObjectName("openLastExport")
        self.open_last_button.clicked.connect(self.open_last_export_folder)
        last_row.addWidget(self.last_export_label, 1)
        last_row.addWidget(self.open_last_button)
        layout.addLayout(last_row)
        layout.addStretch(1)
        self._show_last_export()
        return tab

    def _build_import_tab(self) -> QWidget:
        tab, layout = self._tab(
            self.tr(
                "Nhập các gói dữ liệu cấp dưới gửi lên. Trước khi ghi, ứng dụng kiểm tra chữ ký "
                "và cho biết sẽ có bao nhiêu hồ sơ mới, cập nhật, trùng hoặc bị từ chối."
            )
        )
        drop = QLabel(self.tr("Kéo thả các tệp .zip vào đây để nhập"))
        drop.setObjectName("dropZone")
        drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        drop.setMinimumHeight(110)
        drop.setStyleSheet(
            "QLabel#dropZone { border: 2px dashed #9e9e9e; border-radius: 6px; color: #555555; }"
        )
        layout.addWidget(drop)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Nhập gói dữ liệu…"))
        self.import_button.setObjectName("openImport")
        self.import_button.clicked.connect(lambda: self.open_import())
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        excel = QGroupBox(self.tr("Danh sách Excel (không ký số)"))
        excel_row = QHBoxLayout(excel)
        self.xlsx_import_button = QPushButton(self.tr("Nhập từ Excel…"))
        self.xlsx_import_button.clicked.connect(self._open_xlsx_import)
        self.template_button = QPushButton(self.tr("Tải mẫu Excel…"))
        self.template_button.clicked.connect(lambda: save_template(self.ctx, self))
        excel_row.addWidget(self.xlsx_import_button)
        excel_row.addWidget(self.template_button)
        excel_row.addStretch(1)
        layout.addWidget(excel)
        layout.addStretch(1)
        return tab

    def _open_xlsx_import(self) -> None:
        dialog = XlsxImportDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _preview: self.refresh())
        dialog.open()

    def _build_status_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.status_model = ReportingStatusModel(self)
        self.status_proxy = QSortFilterProxyModel(self)
        self.status_proxy.setSourceModel(self.status_model)
        self.status_proxy.setSortRole(SORT_ROLE)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("statusPeriod")
        for period in report_periods(self.today):
            self.period_combo.addItem(period_label(period, self.today), period.code)
        self.period_combo.setCurrentIndex(
            max(0, self.period_combo.findData(default_period(self.today).code))
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("statusCount")
        font = QFont(self.count_label.font())
        font.setBold(True)
        self.count_label.setFont(font)
        self.status_view = QTableView()
        self.status_view.setObjectName("statusTable")
        if not self.upper:
            hint = QLabel(
                self.tr(
                    "Bảng này dành cho Hội LHPN cụm/huyện và tỉnh: cho biết xã/phường nào đã gửi "
                    "gói dữ liệu của kỳ, xã nào chưa. Ở cấp xã, bạn chỉ cần xuất gói dữ liệu và "
                    "gửi cho cấp trên."
                )
            )
            hint.setObjectName("statusHint")
            hint.setWordWrap(True)
            hint.setStyleSheet(f"color: {MUTED_COLOR};")
            layout.addWidget(hint)
            layout.addStretch(1)
            return tab
        row = QHBoxLayout()
        period_caption = QLabel(self.tr("&Kỳ báo cáo:"))
        period_caption.setBuddy(self.period_combo)
        row.addWidget(period_caption)
        row.addWidget(self.period_combo)
        row.addSpacing(16)
        row.addWidget(self.count_label, 1)
        layout.addLayout(row)
        view = self.status_view
        view.setModel(self.status_proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setStyleSheet("QTableView::item { padding: 0px 6px; }")
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(view, 1)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.load_status())
        return tab

    # --- page interface ----------------------------------------------------------------------

    def refresh(self) -> None:
        self.load_key()
        self._show_last_export()
        if self.upper:
            self.ledger.refresh()
        if self.upper:
            self.load_status()

    def state(self) -> dict[str, Any]:
        return {"tab": self.tabs.currentIndex(), "period": self.current_period()}

    def restore_state(self, state: dict[str, Any]) -> None:
        tab = state.get("tab")
        shown = isinstance(tab, int) and 0 <= tab < self.tabs.count()
        if shown and self.tabs.isTabVisible(tab):
            self.tabs.setCurrentIndex(tab)
        index = self.period_combo.findData(state.get("period"))
        if index >= 0 and index != self.period_combo.currentIndex():
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(index)
            self.period_combo.blockSignals(False)
            self._status_stale = True

    def current_period(self) -> str:
        return str(self.period_combo.currentData())

    def _emit_status(self, text: str) -> None:
        self.status_text = text
        self.status_changed.emit(text)

    # --- the key -----------------------------------------------------------------------------

    def load_key(self) -> None:
        self.key_box.load_key()

    def _key_shown(self, key: KeyInfo | None) -> None:
        """What the page does with the key: exporting needs one; a commune's status bar
        names it (a district's shows who has reported instead)."""
        if not alive(self):
            return
        self.key = key
        self.export_button.setEnabled(key is not None)
        self.export_hint.setText(
            "" if key else self.tr("Hãy tạo khóa ký (ở trên) trước khi xuất gói dữ liệu.")
        )
        self.export_hint.setVisible(bool(self.export_hint.text()))
        if not self.upper:
            self._emit_status(
                self.tr("Khóa ký: {0}").format(pretty_fingerprint(key.fingerprint)[:19] + " …")
                if key
                else self.tr("Máy này chưa có khóa ký")
            )
        self.key_loaded.emit()

    # --- export ------------------------------------------------------------------------------

    def open_export(self) -> ExportDialog:
        if self.export_dialog is not None and alive(self.export_dialog):
            self.export_dialog.raise_()
            return self.export_dialog
        dialog = ExportDialog(self.ctx, self, today=self.today)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.exported.connect(lambda _path: self._show_last_export())
        dialog.finished.connect(self._export_closed)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _export_closed(self, _result: int) -> None:
        dialog, self.export_dialog = self.export_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _show_last_export(self) -> None:
        path = last_export()
        self.last_export_label.setText(
            self.tr("Gói xuất gần nhất: {0}").format(path) if path else ""
        )
        self.open_last_button.setVisible(path is not None)

    def open_last_export_folder(self) -> None:
        path = last_export()
        if path is not None:
            prompts_for(self.ctx).open_folder(path.parent)

    # --- import ------------------------------------------------------------------------------

    def open_import(self, paths: list[Path] | None = None) -> ImportWizard:
        wizard = self.import_wizard
        if wizard is not None and alive(wizard):
            if paths:
                wizard.files_page.add_paths(paths)
            wizard.raise_()
            return wizard
        wizard = ImportWizard(self.ctx, paths or [], self)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.finished.connect(self._import_closed)
        if self.trust_widget is not None:
            wizard.check_page.signer_trusted.connect(lambda _fp: self._trust_changed())
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def _import_closed(self, _result: int) -> None:
        wizard, self.import_wizard = self.import_wizard, None
        if wizard is not None:
            wizard.deleteLater()

    def _trust_changed(self) -> None:
        if self.trust_widget is not None and alive(self.trust_widget):
            self.trust_widget.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        data = event.mimeData()
        urls = data.urls() if data.hasUrls() else []
        if zip_paths(Path(u.toLocalFile()) for u in urls if u.isLocalFile()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = zip_paths(Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile())
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentIndex(TAB_IMPORT)
            self.open_import(paths)

    # --- reporting status --------------------------------------------------------------------

    def load_status(self) -> None:
        from htx_desktop.exchange.service import reporting_status

        if not self.upper:
            return
        self._status_stale = False
        self._status_generation += 1
        generation = self._status_generation
        db, period = self.ctx.db, self.current_period()

        def work() -> list[ReportingStatus]:
            with db.session() as session:
                return reporting_status(session, period)

        def failed(exc: BaseException, tb: str) -> None:
            log.error("Reading the reporting status failed:\n%s", tb)
            if alive(self) and generation == self._status_generation:
                self.count_label.setText(self.tr("Không đọc được tình hình nộp báo cáo."))

        self.ctx.runner.run(work, lambda rows: self._status_ready(generation, rows), failed)

    def _status_ready(self, generation: int, rows: list[ReportingStatus]) -> None:
        if not alive(self) or generation != self._status_generation:
            return
        self.status_model.set_rows(rows)
        text = self.tr("{0}/{1} đơn vị đã nộp gói dữ liệu kỳ {2}").format(
            self.status_model.reported, len(rows), self.period_combo.currentText()
        )
        self.count_label.setText(text)
        self._emit_status(text)
        self.status_loaded.emit()

    def _data_changed(self, key: str) -> None:
        if key != "*" or not self.upper:
            return
        if self.isVisible():
            self.load_status()
        else:
            self._status_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.upper and self._status_stale:
            self.load_status()
