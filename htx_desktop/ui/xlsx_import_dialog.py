"""Importing an Excel list in the GUI: choose the file, see the dry run, then confirm.

The dry run (`preview_import`) runs in the background and its result fills a table of every
problem by sheet, row and column, with the counts of what would be added, updated or left
unchanged; nothing is written until the officer presses "Nhập". The real import re-reads the
file through the same code path on the write worker, after a backup, in one transaction, so a
file edited between the two steps is checked again rather than trusted.

Also here: `save_template()`, the "Tải mẫu Excel" action (a save dialog, then the template
written in the background).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import TOPIC_XLSX_IMPORT, bind_help
from htx_desktop.ui.last_folder import XLSX_FOLDER_KEY, remember_folder, start_folder
from htx_desktop.ui.passphrase_dialog import prompts_for
from htx_desktop.ui.screen_fit import fit_window


def _preview(ctx: AppContext, path: Path) -> Any:
    from htx_desktop.xlsx.importer import preview_import

    with ctx.db.session() as session:
        preview = preview_import(session, path, ctx.scope.unit_code)
        session.rollback()  # a dry run writes nothing
    return preview


def _apply(ctx: AppContext, path: Path) -> Any:
    from htx_desktop.storage.backup import backup_before_import
    from htx_desktop.xlsx.importer import apply_import, preview_import

    backup_before_import(ctx.db.path)
    with ctx.db.session() as session:
        preview = preview_import(session, path, ctx.scope.unit_code)
        apply_import(session, preview)
    return preview


class XlsxImportDialog(QDialog):
    """Choose → dry run → confirm. `imported` carries the final preview after a real import."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        bind_help(self, TOPIC_XLSX_IMPORT)
        self.ctx = ctx
        self.preview: Any = None
        self.setObjectName("xlsxImportDialog")
        self.setWindowTitle(self.tr("Nhập danh sách từ Excel"))
        fit_window(self, "xlsx_import", (860, 520))

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("xlsxPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("Chưa chọn tệp"))
        choose = QPushButton(self.tr("Chọn tệp…"))
        choose.setObjectName("chooseXlsx")
        choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Tệp Excel (.xlsx):")))
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)

        self.summary = QLabel(self.tr(
            "Chọn tệp: mẫu Excel của HTX Desktop, bảng tính trong gói dữ liệu, hoặc danh sách "
            "cũ (kể cả gõ bằng phông .VnTime hoặc VNI). Ứng dụng kiểm tra thử trước, chưa ghi gì."
        ))
        self.summary.setObjectName("xlsxSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # quotes the workbook's cells

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("xlsxProblems")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Bảng"), self.tr("Dòng"), self.tr("Cột"), self.tr("Vấn đề")]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("Nhập"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("confirmXlsxImport")
        self.import_button.setEnabled(False)
        close = self.buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeXlsxImport")
        self.import_button.clicked.connect(self.confirm)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        if path is not None:
            self.load(path)

    # --- steps ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = prompts_for(self.ctx).open_file(
            self, self.tr("Chọn tệp Excel"), start_folder(XLSX_FOLDER_KEY),
            self.tr("Tệp Excel (*.xlsx *.xlsm);;Tất cả tệp (*)"),
        )
        if chosen is not None:
            remember_folder(chosen, XLSX_FOLDER_KEY)
            self.load(chosen)

    def load(self, path: Path) -> None:
        """Start the dry run of `path`."""
        self.path_edit.setText(str(path))
        self.preview = None
        self.import_button.setEnabled(False)
        self.table.setRowCount(0)
        self.summary.setText(self.tr("Đang kiểm tra tệp…"))
        self.ctx.runner.run(lambda: _preview(self.ctx, path), self._previewed, self._failed)

    def _previewed(self, preview: Any) -> None:
        self.preview = preview
        self._show_problems(preview)
        counts = preview.counts()
        text = self.tr(
            "Kiểm tra thử: sẽ thêm mới {create}, cập nhật {update}, không đổi {unchanged} bản "
            "ghi; {rejected} dòng có lỗi sẽ bị bỏ qua. Chưa có gì được ghi."
        ).format(**counts)
        if preview.encoding != "unicode":
            text += " " + self.tr("Chữ gõ bằng bảng mã {0} sẽ được chuyển sang Unicode.").format(
                preview.encoding.upper()
            )
        self.summary.setText(text)
        self.import_button.setEnabled(preview.changes > 0 or counts["unchanged"] > 0)

    def _show_problems(self, preview: Any) -> None:
        """Problems first, then (greyed) how each header was read: an old list's columns are
        checked in the dry run, before anything is stored."""
        rows = [(p.sheet, "" if p.row is None else str(p.row), p.column or "", p.message,
                 p.level == "error") for p in preview.problems]
        rows += [(c.sheet, "", f"{c.column} “{c.header}”",
                  self.tr("Đọc là: {0}").format(c.label), False)
                 for c in preview.columns_read]
        self.table.setRowCount(len(rows))
        for i, (*cells, is_error) in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not is_error:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def confirm(self) -> None:
        if self.preview is None:
            return
        path = Path(self.path_edit.text())
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Đang nhập…"))
        self.ctx.runner.run(lambda: _apply(self.ctx, path), self._imported, self._failed,
                            write=True)

    def _imported(self, preview: Any) -> None:
        self.preview = preview
        self._show_problems(preview)
        counts = preview.counts()
        self.summary.setText(self.tr(
            "Đã nhập: thêm mới {create}, cập nhật {update}, không đổi {unchanged} bản ghi; "
            "{rejected} dòng có lỗi đã bỏ qua (sửa trong Excel rồi nhập lại tệp)."
        ).format(**counts))
        self.ctx.events.changed.emit("*")
        self.imported.emit(preview)

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.summary.setText(self.tr("Không nhập được: {0}").format(exc))
        self.import_button.setEnabled(False)


def save_template(ctx: AppContext, parent: QWidget | None = None) -> None:
    """"Tải mẫu Excel": ask where, then write the template (commune list filled in)."""
    chosen = prompts_for(ctx).save_file(
        parent, QCoreApplication.translate("XlsxImportDialog", "Lưu mẫu Excel"),
        start_folder(XLSX_FOLDER_KEY) / "mau-htx-desktop.xlsx", "Excel (*.xlsx)",
    )
    if chosen is None:
        return
    remember_folder(chosen, XLSX_FOLDER_KEY)
    target = chosen if chosen.suffix.lower() == ".xlsx" else chosen.with_name(chosen.name + ".xlsx")

    def work() -> Path:
        from htx_desktop.registry.listing import unit_names
        from htx_desktop.xlsx.template import write_template

        with ctx.db.session() as session:
            names = sorted(unit_names(session, ctx.scope.commune_codes).values())
        write_template(target, names)
        return target

    def done(path: Path) -> None:
        text = QCoreApplication.translate("XlsxImportDialog", "Đã lưu mẫu Excel:\n{0}")
        interaction_for(ctx).info(parent, "HTX Desktop", text.format(path))

    def failed(exc: BaseException, _tb: str) -> None:
        text = QCoreApplication.translate("XlsxImportDialog", "Không lưu được mẫu Excel: {0}")
        interaction_for(ctx).error(parent, "HTX Desktop", text.format(exc))

    ctx.runner.run(work, done, failed)
