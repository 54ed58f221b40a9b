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

Beside the preview, the "Đánh giá, kiến nghị" tab holds the officer's own sections of the
periodic and consolidated reports (`narrative_editor`), saved per unit and period as she types
and printed after the figures; an edit marks the preview outdated like any other choice. The
options panel is `report_options`; printing and saving (PDF, Word) are `report_files`.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.reports.build import ATTENDANCE, KINDS, PROFILE
from htx_desktop.reports.header import ReportHeader
from htx_desktop.reports.requests import (
    ReportChoices,
    ReportRequest,
    build_report,
    error_message,
    load_choices,
    load_saved_header,
)
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import REPORT_FOLDER_KEY, start_folder
from htx_desktop.ui.pages.narrative_editor import NarrativeEditor
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR, make_heading
from htx_desktop.ui.pages.report_files import ReportFiles
from htx_desktop.ui.pages.report_options import NARRATIVE_KINDS, ReportOptions
from htx_desktop.ui.pdf_preview import PdfPreview
from htx_desktop.ui.report_header_dialog import ReportHeaderDialog

log = logging.getLogger(__name__)

# Record changes after which the lists of HTX/THT and training sessions are read again.
CHOICE_KEYS = frozenset({"*", "cooperative", "cooperative_group", "training_session"})
STALE_STYLE = "color: #8a5300;"


# --- the page ----------------------------------------------------------------------------------


class ReportsPage(ReportFiles, QWidget):
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

        options = ReportOptions(self.ctx.scope, self.today)
        self.options = options
        # The panel's widgets, by the names the page and its tests use.
        self.form = options.form
        self.kind_combo, self.kind_model = options.kind_combo, options.kind_model
        self.kind_note = options.kind_note
        self.organisation_chooser = options.organisation_chooser
        self.session_chooser = options.session_chooser
        self.unit_label, self.period_combo = options.unit_label, options.period_combo
        self.personal_check = options.personal_check
        self.header_button, self.header_note = options.header_button, options.header_note
        self.preview_button, self.print_button = options.preview_button, options.print_button
        self.save_button, self.save_docx_button = options.save_button, options.save_docx_button
        self.busy_bar, self.message = options.busy_bar, options.message
        self.hide_unoffered_kinds()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(options)
        left_layout.addStretch(1)
        # On a 600-pixel screen the options (and the buttons under them) scroll rather than
        # push the window past the screen.
        left_scroll = QScrollArea()
        left_scroll.setObjectName("reportOptionsScroll")
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(left.minimumSizeHint().width())

        self.preview = PdfPreview()
        self.preview.clear(self.tr("Chọn tài liệu và kỳ báo cáo ở bên trái rồi bấm “Xem trước”."))
        self.narrative = NarrativeEditor(self.ctx)
        self.narrative.setObjectName("narrativeEditor")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.addTab(self.preview, self.tr("Bản xem trước"))
        self.tabs.addTab(self.narrative, self.tr("Đánh giá, kiến nghị"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left_scroll)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 760])
        layout.addWidget(self.splitter, 1)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.personal_check.toggled.connect(lambda _on: self._update_stale())
        self.organisation_chooser.changed.connect(self._update_stale)
        self.session_chooser.changed.connect(self._update_stale)
        self.narrative.edited.connect(self._update_stale)
        self.header_button.clicked.connect(lambda: self.edit_header())
        self.preview_button.clicked.connect(lambda: self.show_preview())
        self.print_button.clicked.connect(lambda: self.print_report())
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.save_docx_button.clicked.connect(lambda: self.save_docx())
        self._update_header_note()
        self._period_changed()

    def period_label(self, period: ReportPeriod) -> str:
        return self.options.period_label(period)

    # --- choices ---------------------------------------------------------------------------

    def hide_unoffered_kinds(self) -> None:
        """A commune officer does not see the consolidated report at all (issue 18)."""
        from PySide6.QtWidgets import QListView

        view = self.kind_combo.view()
        for row in range(self.kind_model.rowCount()):
            if not self.kind_model.item(row).isEnabled() and isinstance(view, QListView):
                view.setRowHidden(row, True)

    def current_kind(self) -> str:
        return self.options.current_kind()

    def set_kind(self, kind: str) -> bool:
        """Choose a document kind; False when it is not offered (consolidated at a commune)."""
        return self.options.set_kind(kind)

    def kind_enabled(self, kind: str) -> bool:
        return self.options.kind_enabled(kind)

    def current_period(self) -> str:
        return self.options.current_period()

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        if self.header_override is not None:
            # Another kind of document is another document: its own number, the saved header.
            self.header_override = None
            self._update_header_note()
        self.options.show_kind(kind)
        self.narrative.set_enabled_for(
            None if kind in NARRATIVE_KINDS else self.tr(
                "Phần đánh giá, kiến nghị chỉ có trong báo cáo định kỳ và báo cáo tổng hợp."
            )
        )
        self._update_stale()

    def _period_changed(self) -> None:
        """The narrative shown is the chosen period's (what was typed for the last is kept)."""
        self.narrative.set_target(self.ctx.scope.unit_code, self.current_period())
        self._kind_changed()

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
            narrative_version=self.narrative.version if kind in NARRATIVE_KINDS else 0,
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
        # The window asks for the state as it closes: what was just typed is stored first.
        self.narrative.flush()
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
        self.narrative.flush()  # the document carries what she has just typed
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
        self.options.set_building(building)
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
