"""A record list taken out of the application as it is shown: to Excel, or on paper.

Both take the rows the officer sees, filtered and in the order shown (`visible_rows`), so what
she hands over is what she checked on screen. Excel: `xlsx.list_export` writes typed cells on
the task runner, after a save dialog that starts in the folder used last time for an export
(else Documents: `export_choices.remembered_export_folder`). Paper: Qt's print preview (A4
landscape), the list drawn as a plain table with its title, unit, date and count; printing
goes from the preview to the system print dialog.

A mixin of `RecordListPage`; texts use the context "RecordListPage".
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QLabel, QWidget

from htx_desktop.formatting import fmt_date
from htx_desktop.registry.forms import FormSpec
from htx_desktop.registry.listing import ListRow
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.export_choices import EXPORT_FOLDER_KEY, remembered_export_folder
from htx_desktop.ui.help_viewer import bind_help, list_output_topic
from htx_desktop.ui.passphrase_dialog import prompts_for
from htx_desktop.ui.record_model import ROW_ROLE, RecordTableModel
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.screen_fit import fit_window
from htx_desktop.ui.window_state import make_settings

log = logging.getLogger(__name__)

_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(title: str) -> str:
    """A file name from the list's title, keeping the Vietnamese letters."""
    return " ".join(_UNSAFE_NAME.sub(" ", title).split())[:120] or "danh-sach"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def list_html(title: str, subtitle: str, headers: list[str], rows: list[ListRow]) -> str:
    """The list as an HTML table for printing (every text escaped: names come from bundles)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for value, shown in zip(row.values, row.display, strict=True):
            align = ' align="right"' if _is_number(value) else ""
            cells.append(f"<td{align}>{html.escape(shown)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        "<html><body>"
        f"<h3>{html.escape(title)}</h3>"
        f"<p>{html.escape(subtitle)}</p>"
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>"
    )


class ListPrintPreview(QPrintPreviewDialog):
    """Qt's print preview, sized to the screen like every dialog. It keeps its printer: Qt
    holds only a pointer to it, and a printer freed by Python under the preview crashes."""

    def __init__(
        self, printer: QPrinter, parent: QWidget | None = None, form_key: str = "cooperative"
    ) -> None:
        super().__init__(printer, parent)
        self.printer = printer
        self.setObjectName("listPrintPreview")
        bind_help(self, list_output_topic(form_key))
        self.screen_fit = fit_window(self, "list_print_preview", (980, 700))


class ListOutputMixin:
    """`export_excel()` and `print_preview()` for a record list page."""

    ctx: AppContext
    spec: FormSpec
    model: RecordTableModel
    count_label: QLabel
    print_dialog: ListPrintPreview | None

    # Provided by the page (`RecordListPage`).
    _set_status: Callable[[str], None]
    _exported: Callable[[Path, int], None]

    def visible_rows(self) -> list[ListRow]:
        """The rows as shown: filtered, in the order of the list."""
        model = self.model
        rows = (model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount()))
        return [row for row in rows if isinstance(row, ListRow)]

    def list_title(self) -> str:
        """"Danh sách hợp tác xã — Xã …" ("Cooperative list — …": English keeps the capital)."""
        return QCoreApplication.translate("RecordListPage", "Danh sách {noun} — {unit}").format(
            noun=self.list_noun(), unit=self.ctx.scope.unit_name
        )

    def list_noun(self) -> str:
        """"hợp tác xã" inside a Vietnamese sentence; English puts it first, capitalised."""
        noun = self.spec.title(self.ctx.lang)
        return noun if self.ctx.lang == "en" else noun.lower()

    def export_excel(self) -> Path | None:
        """Ask where, then write the visible rows on the runner; the chosen path or None."""
        widget: Any = self
        title = self.list_title()
        suggested = remembered_export_folder() / f"{file_name(title)}.xlsx"
        path = prompts_for(self.ctx).save_file(
            widget,
            QCoreApplication.translate("RecordListPage", "Xuất danh sách ra Excel"),
            suggested,
            "Excel (*.xlsx)",
        )
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        make_settings().setValue(EXPORT_FOLDER_KEY, str(path.parent))
        columns, rows, lang = list(self.model.columns), self.visible_rows(), self.ctx.lang

        def work() -> int:
            from htx_desktop.xlsx.list_export import write_list_workbook

            return write_list_workbook(path, title, columns, rows, lang)

        def failed(exc: BaseException, tb: str) -> None:
            log.error("Exporting the list to %s failed:\n%s", path, tb)
            if alive(widget):
                interaction_for(self.ctx).error(
                    widget,
                    QCoreApplication.translate("RecordListPage", "Không xuất được danh sách"),
                    QCoreApplication.translate(
                        "RecordListPage", "Không ghi được tệp “{path}”: {error}"
                    ).format(path=path, error=exc),
                )

        def done(count: int) -> None:
            if alive(widget):
                self._set_status(
                    QCoreApplication.translate(
                        "RecordListPage", "Đã xuất {count} dòng ra tệp “{name}”."
                    ).format(count=count, name=path.name)
                )
                self._exported(path, count)

        self.ctx.runner.run(work, done, failed)
        return path

    def print_preview(self) -> ListPrintPreview:
        """Open the print preview of the visible rows (window-modal, not blocking)."""
        widget: Any = self
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Landscape,
                QMarginsF(12, 12, 12, 12),
                QPageLayout.Unit.Millimeter,
            )
        )
        printer.setDocName(self.list_title())
        dialog = ListPrintPreview(printer, widget, self.spec.key)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paintRequested.connect(self.render_list)
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def render_list(self, printer: QPrinter) -> None:
        rows = self.visible_rows()
        subtitle = QCoreApplication.translate(
            "RecordListPage", "In ngày {day} · {shown} / {total} {noun}"
        ).format(
            day=fmt_date(date.today()),
            shown=len(rows),
            total=self.model.total_count,
            noun=self.list_noun(),
        )
        headers = [c.label(self.ctx.lang) for c in self.model.columns]
        document = QTextDocument()
        document.setHtml(list_html(self.list_title(), subtitle, headers, rows))
        document.print_(printer)
