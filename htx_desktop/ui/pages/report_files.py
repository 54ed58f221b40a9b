"""Printing and saving the reports page's document: the PDF shown to the printer or to a file,
and the same document as an editable Word file (.docx).

A mixin of `ReportsPage` (it uses the page's preview, choices, runner and messages), apart
because it is what happens to a document once made, not how it is chosen or built. The PDF is
the file shown (built first when the preview is outdated); the Word file is built straight
into the chosen path on the task runner, from the same request, so it says what the preview
says.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from htx_desktop.reports.requests import build_report, copy_file, suggested_file_name
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.last_folder import REPORT_FOLDER_KEY, remember_folder
from htx_desktop.ui.pdf_preview import PrintError, print_document, print_setup_for

if TYPE_CHECKING:
    from htx_desktop.ui.pages.reports_page import ReportsPage

log = logging.getLogger(__name__)
OK_STYLE = "color: #2e7d32;"


class ReportFiles:
    """Print, "Lưu PDF…" and "Lưu Word (.docx)…" of the reports page."""

    def print_report(self: ReportsPage) -> None:
        """The system print dialog, then the shown pages to the chosen printer."""
        self._ensure_built(self._print_shown)

    def _print_shown(self: ReportsPage) -> None:
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

    def save_pdf(self: ReportsPage) -> None:
        """Ask where, then copy the built file there."""
        self._ensure_built(self._save_shown)

    def _save_shown(self: ReportsPage) -> None:
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

        self.ctx.runner.run(
            lambda: copy_file(source, chosen),
            self._file_saved,
            lambda exc, tb: self._save_failed(chosen, exc, tb),
        )

    def _file_saved(self: ReportsPage, path: Path) -> None:
        if not shiboken6.isValid(self):
            return
        self.save_dir = path.parent
        remember_folder(path, REPORT_FOLDER_KEY)
        text = self.tr("Đã lưu: {path}").format(path=path)
        self._show_message(text, OK_STYLE)
        self.status_changed.emit(text)
        self.saved.emit(path)

    def _save_failed(self: ReportsPage, chosen: Path, exc: BaseException, tb: str) -> None:
        if not shiboken6.isValid(self):
            return
        if not isinstance(exc, OSError):  # the document's own message, or a defect
            self._report_failure(exc, tb)
            return
        log.warning("Saving the report to %s failed:\n%s", chosen, tb)
        reason = exc.strerror or str(exc)
        interaction_for(self.ctx).error(
            self,
            self.tr("Không lưu được tệp"),
            self.tr(
                "Không lưu được “{path}” ({reason}). Hãy chọn thư mục khác, hoặc đóng tệp "
                "nếu nó đang mở trong chương trình khác, rồi lưu lại."
            ).format(path=chosen, reason=reason),
        )

    def save_docx(self: ReportsPage) -> None:
        """Ask where, then build the chosen document as a Word file there (runner)."""
        if self._building:
            return
        self.narrative.flush()
        request = self.current_request()
        missing = self._missing_choice(request)
        if missing:
            interaction_for(self.ctx).error(self, self.tr("Chưa chọn đủ"), missing)
            return
        from htx_desktop.ui.passphrase_dialog import prompts_for

        suggested = self.save_dir / suggested_file_name(
            request, self.ctx.scope.unit_name, self._record_label(request), "docx"
        )
        chosen = prompts_for(self.ctx).save_file(
            self, self.tr("Lưu tài liệu thành tệp Word"), suggested,
            self.tr("Tệp Word (*.docx)"),
        )
        if chosen is None:
            return
        if chosen.suffix.lower() != ".docx":
            chosen = chosen.with_name(chosen.name + ".docx")
        db = self.ctx.db
        self._set_building(True)
        self.status_changed.emit(self.tr("Đang lập tệp Word…"))

        def done(path: Path) -> None:
            if shiboken6.isValid(self):
                self._set_building(False)
                self._show_message("", "")
                self._file_saved(path)

        def failed(exc: BaseException, tb: str) -> None:
            if shiboken6.isValid(self):
                self._set_building(False)
                self._show_message("", "")
                self._save_failed(chosen, exc, tb)

        self.ctx.runner.run(lambda: build_report(db, request, chosen), done, failed)
