"""Báo cáo: choose a printed document, preview it in the application, print it or save it.

The documents are the command line's (`reports.build_document`), so a report printed from the
window and one made with `htx-desktop report` are the same file. The page only gathers the
choices (document, period, HTX/THT or training session, personal data, header), builds the PDF
on the task runner into a temporary file (a province report takes seconds; the window stays
responsive and shows a busy bar) and shows that very file in `PdfPreview`: what the officer
checks on screen is what she prints or saves.

"In…" and "Lưu PDF…" use the file shown when it matches the current choices, and otherwise
build first, so she can save without previewing and never prints an outdated preview. Any
change of choice, of the saved header, or of the records marks the preview as outdated.
Errors are the documents' own Vietnamese messages (`ReportError`), shown through the
interaction hook; a defect is logged with its traceback and reported in one plain sentence.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.registry.profile import LEVEL_LABELS
from htx_desktop.reports.build import ATTENDANCE, CONSOLIDATED, KINDS, PERIODIC, PROFILE
from htx_desktop.reports.header import ReportHeader
from htx_desktop.reports.requests import (
    ReportChoices,
    ReportRequest,
    build_report,
    copy_file,
    error_message,
    load_choices,
    load_saved_header,
    suggested_file_name,
)
from htx_desktop.storage.units import COMMUNE
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import REPORT_FOLDER_KEY, remember_folder, start_folder
from htx_desktop.ui.pages.dashboard_page import default_period, report_periods
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR, make_heading
from htx_desktop.ui.pdf_preview import PdfPreview, PrintError, print_document, print_setup_for
from htx_desktop.ui.record_chooser import ID_ROLE, RecordChooser
from htx_desktop.ui.report_header_dialog import ReportHeaderDialog

log = logging.getLogger(__name__)

# Record changes after which the lists of HTX/THT and training sessions are read again.
CHOICE_KEYS = frozenset({"*", "cooperative", "cooperative_group", "training_session"})
STALE_STYLE = "color: #8a5300;"
OK_STYLE = "color: #2e7d32;"


# --- the page ----------------------------------------------------------------------------------


class ReportsPage(QWidget):
    """The reports page (see the module docstring)."""

    status_changed = Signal(str)
    # The lists of HTX/THT and sessions were (re)loaded.
    choices_loaded = Signal()
    # A built document is shown (its page count).
    preview_ready = Signal(int)
    # A copy was saved (its path) / pages went to the printer (how many).
    saved = Signal(object)
    printed = Signal(int)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.header_override: ReportHeader | None = None
        self.header_dialog: ReportHeaderDialog | None = None
        self.shown_request: ReportRequest | None = None
        self.save_dir = start_folder(REPORT_FOLDER_KEY)
        self._defaults_version = 0
        self._data_version = 0
        self._choices_stale = True
        self._building = False
        self._generation = 0
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self._printer: QPrinter | None = None
        self._build_ui()
        self._kind_changed()
        ctx.events.changed.connect(self._data_changed)

    # --- layout ------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(make_heading(self.tr("Báo cáo")))

        options = QGroupBox(self.tr("Tài liệu cần in"))
        options.setObjectName("reportOptions")
        form = QFormLayout(options)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form = form

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        kind_model = QStandardItemModel(self.kind_combo)
        for kind, label in (
            (PERIODIC, self.tr("Báo cáo định kỳ (6 tháng/năm)")),
            (CONSOLIDATED, self.tr("Báo cáo tổng hợp (cấp huyện/cụm, cấp tỉnh)")),
            (PROFILE, self.tr("Phiếu thông tin HTX/THT")),
            (ATTENDANCE, self.tr("Danh sách ký tên lớp tập huấn")),
        ):
            item = QStandardItem(label)
            item.setData(kind, ID_ROLE)
            if kind == CONSOLIDATED and self.ctx.scope.level == COMMUNE:
                item.setEnabled(False)
                item.setToolTip(
                    self.tr("Chỉ lập ở cấp huyện/cụm hoặc cấp tỉnh, từ số liệu các xã.")
                )
            kind_model.appendRow(item)
        self.kind_combo.setModel(kind_model)
        self.kind_model = kind_model
        self.kind_note = self._muted_label("kindNote")
        form.addRow(self.tr("&Tài liệu:"), self.kind_combo)
        form.addRow(self.kind_note)

        self.organisation_chooser = RecordChooser(
            self.tr("Tìm theo tên (gõ không dấu cũng được)"), "organisationChooser"
        )
        form.addRow(self.tr("HTX hoặc tổ hợp tác:"), self.organisation_chooser)
        self.session_chooser = RecordChooser(
            self.tr("Tìm theo tên lớp hoặc ngày"), "sessionChooser"
        )
        form.addRow(self.tr("Lớp tập huấn:"), self.session_chooser)

        scope = self.ctx.scope
        self.unit_label = QLabel(
            f"{scope.unit_name} ({LEVEL_LABELS.get(scope.level, scope.level)})"
        )
        self.unit_label.setObjectName("unitLabel")
        self.unit_label.setWordWrap(True)
        form.addRow(self.tr("Đơn vị:"), self.unit_label)

        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        for period in report_periods(self.today):
            self.period_combo.addItem(self.period_label(period), period.code)
        self.period_combo.setCurrentIndex(
            max(0, self.period_combo.findData(default_period(self.today).code))
        )
        form.addRow(self.tr("&Kỳ báo cáo:"), self.period_combo)

        self.personal_check = QCheckBox(self.tr("Bỏ thông tin cá nhân"))
        self.personal_check.setObjectName("omitPersonal")
        self.personal_check.setToolTip(
            self.tr(
                "Không in năm sinh, dân tộc, số điện thoại (và tên tổ trưởng trong danh sách), "
                "cho nơi nhận không cần các thông tin này."
            )
        )
        form.addRow(self.personal_check)

        self.header_button = QPushButton(self.tr("Thông tin đầu văn bản…"))
        self.header_button.setObjectName("headerButton")
        self.header_button.setAutoDefault(False)
        self.header_note = self._muted_label("headerNote")
        form.addRow(self.header_button)
        form.addRow(self.header_note)

        self.preview_button = QPushButton(self.tr("Xem trước"))
        self.preview_button.setObjectName("previewButton")
        self.print_button = QPushButton(self.tr("In…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Lưu PDF…"))
        self.save_button.setObjectName("savePdfButton")
        actions = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        self.preview_button.setDefault(True)
        form.addRow(actions)

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate: the time depends on the data
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(8)
        self.busy_bar.hide()
        form.addRow(self.busy_bar)
        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(options)
        left_layout.addStretch(1)

        self.preview = PdfPreview()
        self.preview.clear(self.tr("Chọn tài liệu và kỳ báo cáo ở bên trái rồi bấm “Xem trước”."))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 760])
        layout.addWidget(self.splitter, 1)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.period_combo.currentIndexChanged.connect(lambda _i: self._update_stale())
        self.personal_check.toggled.connect(lambda _on: self._update_stale())
        self.organisation_chooser.changed.connect(self._update_stale)
        self.session_chooser.changed.connect(self._update_stale)
        self.header_button.clicked.connect(lambda: self.edit_header())
        self.preview_button.clicked.connect(lambda: self.show_preview())
        self.print_button.clicked.connect(lambda: self.print_report())
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self._update_header_note()

    def period_label(self, period: ReportPeriod) -> str:
        if period.half == 1:
            return self.tr("6 tháng đầu năm {year}").format(year=period.year)
        return self.tr("Năm {year}").format(year=period.year)

    def _muted_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {MUTED_COLOR};")
        return label

    # --- choices ---------------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind_combo.currentData(ID_ROLE))

    def set_kind(self, kind: str) -> bool:
        """Choose a document kind; False when it is not offered (consolidated at a commune)."""
        for row in range(self.kind_model.rowCount()):
            item = self.kind_model.item(row)
            if item.data(ID_ROLE) == kind and item.isEnabled():
                self.kind_combo.setCurrentIndex(row)
                return True
        return False

    def kind_enabled(self, kind: str) -> bool:
        for row in range(self.kind_model.rowCount()):
            item = self.kind_model.item(row)
            if item.data(ID_ROLE) == kind:
                return item.isEnabled()
        return False

    def current_period(self) -> str:
        return str(self.period_combo.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        if self.header_override is not None:
            # Another kind of document is another document: its own number, the saved header.
            self.header_override = None
            self._update_header_note()
        notes = {
            PERIODIC: self.tr(
                "Kết quả thực hiện Kế hoạch của đơn vị trong kỳ, kèm biểu số liệu các chỉ tiêu."
            ),
            CONSOLIDATED: self.tr(
                "Tổng hợp kết quả của các đơn vị trực thuộc, kèm biểu theo từng đơn vị."
            ),
            PROFILE: self.tr(
                "Thông tin, người quản lý, số liệu theo kỳ và tập huấn của một HTX/THT."
            ),
            ATTENDANCE: self.tr(
                "In trước buổi học để học viên ký tên; có thêm dòng trống cho người đến sau."
            ),
        }
        self.kind_note.setText(notes.get(kind, ""))
        self.form.setRowVisible(self.organisation_chooser, kind == PROFILE)
        self.form.setRowVisible(self.session_chooser, kind == ATTENDANCE)
        self.period_combo.setEnabled(kind != ATTENDANCE)
        self.personal_check.setEnabled(kind != ATTENDANCE)
        self._update_stale()

    def current_request(self) -> ReportRequest:
        kind = self.current_kind()
        record_id = None
        if kind == PROFILE:
            record_id = self.organisation_chooser.current_id()
        elif kind == ATTENDANCE:
            record_id = self.session_chooser.current_id()
        return ReportRequest(
            kind=kind,
            period=None if kind == ATTENDANCE else self.current_period(),
            record_id=record_id,
            include_personal=not self.personal_check.isChecked(),
            header=self.header_override,
            defaults_version=self._defaults_version,
            data_version=self._data_version,
        )

    def _record_label(self, request: ReportRequest) -> str:
        if request.kind == PROFILE:
            return self.organisation_chooser.current_label()
        if request.kind == ATTENDANCE:
            return self.session_chooser.current_label()
        return ""

    def _update_stale(self) -> None:
        """Say so when the preview no longer matches the choices."""
        if self._building or self.shown_request is None:
            return
        if self.current_request() != self.shown_request:
            self._show_message(
                self.tr("Lựa chọn đã thay đổi: bấm “Xem trước” để cập nhật bản xem trước."),
                STALE_STYLE,
            )
        else:
            self._show_message("", "")

    def _show_message(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    # --- page interface ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the HTX/THT and training sessions the choosers offer (runner)."""
        self._choices_stale = False
        db, scope = self.ctx.db, self.ctx.scope

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Loading the report choices failed:\n%s", tb)

        self.ctx.runner.run(lambda: load_choices(db, scope), self._choices_loaded, failed)
        self.status_changed.emit(self.tr("Báo cáo: chọn tài liệu rồi bấm “Xem trước”."))

    def _choices_loaded(self, choices: ReportChoices) -> None:
        if not shiboken6.isValid(self):
            return
        self.organisation_chooser.set_choices(choices.organisations)
        self.session_chooser.set_choices(choices.sessions)
        self.choices_loaded.emit()

    def state(self) -> dict[str, Any]:
        return {
            "kind": self.current_kind(),
            "period": self.current_period(),
            "omit_personal": self.personal_check.isChecked(),
            "zoom": self.preview.zoom_choice(),
            "save_dir": str(self.save_dir),
            "split": self.splitter.sizes(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        kind = state.get("kind")
        if isinstance(kind, str) and kind in KINDS:
            self.set_kind(kind)
        index = self.period_combo.findData(state.get("period"))
        if index >= 0:
            self.period_combo.setCurrentIndex(index)
        if isinstance(state.get("omit_personal"), bool):
            self.personal_check.setChecked(state["omit_personal"])
        if isinstance(state.get("zoom"), str):
            self.preview.set_zoom_choice(state["zoom"])
        folder = state.get("save_dir")
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            self.save_dir = Path(folder)
        split = state.get("split")
        if (
            isinstance(split, list)
            and len(split) == 2
            and all(isinstance(n, int) and n > 0 for n in split)
        ):
            self.splitter.setSizes(split)

    def _data_changed(self, key: str) -> None:
        self._data_version += 1
        self._update_stale()
        if key in CHOICE_KEYS:
            if self.isVisible():
                self.refresh()
            else:
                self._choices_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._choices_stale:
            self.refresh()

    # --- header ------------------------------------------------------------------------------

    def _update_header_note(self) -> None:
        if self.header_override is None:
            self.header_note.setText(self.tr("Đầu văn bản: theo mặc định đã lưu."))
        else:
            self.header_note.setText(
                self.tr("Đầu văn bản: đã sửa riêng cho văn bản này ({number}).").format(
                    number=self.header_override.number_line().replace("\u00a0", "").strip()
                )
            )

    def edit_header(self) -> None:
        """Open the header dialog on the header the next document would carry."""
        if self.header_override is not None:
            self._open_header_dialog(self.header_override)
            return
        db = self.ctx.db
        self.header_button.setEnabled(False)

        def failed(exc: BaseException, tb: str) -> None:
            if shiboken6.isValid(self):
                self.header_button.setEnabled(True)
                self._report_failure(exc, tb)

        self.ctx.runner.run(lambda: load_saved_header(db), self._open_header_dialog, failed)

    def _open_header_dialog(self, header: ReportHeader) -> None:
        if not shiboken6.isValid(self):
            return
        self.header_button.setEnabled(True)
        dialog = ReportHeaderDialog(self.ctx, header, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._header_accepted(dialog.header()))
        dialog.saved.connect(self._header_saved)
        dialog.finished.connect(self._header_dialog_closed)
        self.header_dialog = dialog
        dialog.open()

    def _header_accepted(self, header: ReportHeader) -> None:
        self.header_override = header
        self._update_header_note()
        self._update_stale()

    def _header_saved(self, _stored: ReportHeader) -> None:
        self._defaults_version += 1
        self._update_stale()

    def _header_dialog_closed(self, _result: int) -> None:
        self.header_dialog = None  # deleted on close

    # --- building ----------------------------------------------------------------------------

    def _temp_dir(self) -> Path:
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(
                prefix="htx-xem-truoc-", ignore_cleanup_errors=True
            )
        return Path(self._temp.name)

    def _missing_choice(self, request: ReportRequest) -> str | None:
        if request.record_id:
            return None
        if request.kind == PROFILE:
            return self.tr(
                "Hãy chọn HTX hoặc tổ hợp tác cần in phiếu thông tin (đơn vị chưa có HTX/THT "
                "nào thì nhập ở trang “Hợp tác xã” hoặc “Tổ hợp tác” trước)."
            )
        if request.kind == ATTENDANCE:
            return self.tr(
                "Hãy chọn lớp tập huấn cần in danh sách (chưa có lớp nào thì thêm ở trang "
                "“Tập huấn” trước)."
            )
        return None

    def show_preview(self) -> None:
        """Build the chosen document and show it."""
        self._build(self.current_request(), None)

    def _ensure_built(self, then: Any) -> None:
        """Call `then()` with the preview showing the current choices, building if needed."""
        request = self.current_request()
        if self.shown_request == request and self.preview.has_document():
            then()
        else:
            self._build(request, then)

    def _build(self, request: ReportRequest, then: Any) -> None:
        if self._building:
            return
        missing = self._missing_choice(request)
        if missing:
            interaction_for(self.ctx).error(self, self.tr("Chưa chọn đủ"), missing)
            return
        self._generation += 1
        generation = self._generation
        out = self._temp_dir() / f"van-ban-{generation}.pdf"
        db = self.ctx.db
        self._set_building(True)
        self.status_changed.emit(self.tr("Đang lập tài liệu…"))
        self.ctx.runner.run(
            lambda: build_report(db, request, out),
            lambda path: self._built(generation, request, path, then),
            lambda exc, tb: self._build_failed(generation, exc, tb),
        )

    def _set_building(self, building: bool) -> None:
        self._building = building
        self.busy_bar.setVisible(building)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not building)
        if building:
            self._show_message(self.tr("Đang lập tài liệu, xin chờ…"), f"color: {MUTED_COLOR};")

    def _built(self, generation: int, request: ReportRequest, path: Path, then: Any) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            Path(path).unlink(missing_ok=True)
            return
        self._set_building(False)
        previous = self.preview.path
        if not self.preview.load(path):
            self.shown_request = None
            self._show_message("", "")
            interaction_for(self.ctx).error(
                self,
                self.tr("Không xem trước được"),
                self.tr("Đã lập tệp PDF nhưng không hiển thị được. Hãy thử lại."),
            )
            return
        if previous is not None and previous != Path(path):
            previous.unlink(missing_ok=True)
        self.shown_request = request
        self._show_message("", "")
        self._update_stale()  # choices changed while it was being built
        count = self.preview.page_count()
        self.status_changed.emit(self.tr("Bản xem trước: {count} trang.").format(count=count))
        self.preview_ready.emit(count)
        if then is not None:
            then()

    def _build_failed(self, generation: int, exc: BaseException, tb: str) -> None:
        if not shiboken6.isValid(self):
            return
        if generation == self._generation:
            self._set_building(False)
            self._show_message("", "")
            self._update_stale()
        self._report_failure(exc, tb)

    def _report_failure(self, exc: BaseException, tb: str) -> None:
        text = error_message(exc)
        if text is None and isinstance(exc, OSError):
            log.warning("Writing a report file failed:\n%s", tb)
            text = self.tr(
                "Không ghi được tệp tạm của tài liệu ({reason}). Hãy kiểm tra ổ đĩa còn chỗ "
                "trống rồi thử lại."
            ).format(reason=exc.strerror or str(exc))
        if text is None:
            log.error("Building a report failed:\n%s", tb)
            text = self.tr(
                "Không lập được tài liệu do một lỗi của chương trình. Chi tiết đã được ghi vào "
                "nhật ký lỗi; hãy báo cho người hỗ trợ kỹ thuật."
            )
        self.status_changed.emit(self.tr("Không lập được tài liệu."))
        interaction_for(self.ctx).error(self, self.tr("Không lập được tài liệu"), text)

    # --- printing and saving -------------------------------------------------------------------

    def print_report(self) -> None:
        """The system print dialog, then the shown pages to the chosen printer."""
        self._ensure_built(self._print_shown)

    def _print_shown(self) -> None:
        if self._printer is None:  # kept: the printer she chose stays chosen
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer = self._printer
        request = self.shown_request
        if request is not None:
            name = suggested_file_name(
                request, self.ctx.scope.unit_name, self._record_label(request)
            )
            printer.setDocName(name.removesuffix(".pdf"))
        document = self.preview.document
        if document is None:  # `then` runs only once a document is shown
            return
        if not print_setup_for(self.ctx).ask(
            printer, self, self.tr("In văn bản"), document.page_count()
        ):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_document(document, printer)
        except PrintError as exc:
            interaction_for(self.ctx).error(self, self.tr("Không in được"), str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._show_message(
            self.tr("Đã gửi {count} trang tới máy in.").format(count=pages), OK_STYLE
        )
        self.status_changed.emit(self.tr("Đã gửi {count} trang tới máy in.").format(count=pages))
        self.printed.emit(pages)

    def save_pdf(self) -> None:
        """Ask where, then copy the built file there."""
        self._ensure_built(self._save_shown)

    def _save_shown(self) -> None:
        from htx_desktop.ui.passphrase_dialog import prompts_for

        request, source = self.shown_request, self.preview.path
        if request is None or source is None:
            return
        suggested = self.save_dir / suggested_file_name(
            request, self.ctx.scope.unit_name, self._record_label(request)
        )
        chosen = prompts_for(self.ctx).save_file(
            self, self.tr("Lưu tài liệu thành tệp PDF"), suggested, self.tr("Tệp PDF (*.pdf)")
        )
        if chosen is None:
            return
        if chosen.suffix.lower() != ".pdf":
            chosen = chosen.with_name(chosen.name + ".pdf")
        if chosen.resolve() == source.resolve():
            return

        def done(path: Path) -> None:
            if not shiboken6.isValid(self):
                return
            self.save_dir = path.parent
            remember_folder(path, REPORT_FOLDER_KEY)
            text = self.tr("Đã lưu: {path}").format(path=path)
            self._show_message(text, OK_STYLE)
            self.status_changed.emit(text)
            self.saved.emit(path)

        def failed(exc: BaseException, tb: str) -> None:
            if not shiboken6.isValid(self):
                return
            log.warning("Saving the PDF to %s failed:\n%s", chosen, tb)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            interaction_for(self.ctx).error(
                self,
                self.tr("Không lưu được tệp"),
                self.tr(
                    "Không lưu được “{path}” ({reason}). Hãy chọn thư mục khác, hoặc đóng tệp "
                    "nếu nó đang mở trong chương trình khác, rồi lưu lại."
                ).format(path=chosen, reason=reason),
            )

        self.ctx.runner.run(lambda: copy_file(source, chosen), done, failed)
