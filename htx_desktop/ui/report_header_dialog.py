"""Thông tin đầu văn bản: what the top and bottom of a printed document say.

The agency names, number, place, signer and recipients (`reports.header.ReportHeader`). Two
different wishes meet here, so the dialog keeps them apart:

* "Dùng cho văn bản này" (OK) uses the edited header for the document being prepared only.
  A number such as "17" belongs to one document: offices number documents at registration.
* "Lưu làm mặc định" keeps the edited header in the profile's settings (`save_header`, on the
  task runner's write thread) so every later document carries it; the number and the date are
  never stored (see `reports.header`).

"Về mặc định của đơn vị" refills the fields as derived from the unit (`default_header`), a way
back for an officer who edited herself into a corner.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.registry.profile import get_profile
from htx_desktop.reports.errors import NO_PROFILE, ReportError
from htx_desktop.reports.header import ReportHeader, default_header, load_header, save_header
from htx_desktop.storage.engine import Database
from htx_desktop.text import clean_text
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import TOPIC_REPORT_HEADER, bind_help
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE
from htx_desktop.ui.screen_fit import fit_window

log = logging.getLogger(__name__)

OK_STYLE = "color: #2e7d32;"

# Single-line fields, in the order a Decree-30 page reads (top left, top right, bottom).
LINE_FIELDS: tuple[str, ...] = (
    "parent_body",
    "issuing_body",
    "number",
    "symbol",
    "place",
    "signer_title",
    "signer_name",
    "archive",
)


def save_default_header(db: Database, header: ReportHeader) -> ReportHeader:
    """Store `header` as the unit's default and read back what will be printed (worker
    thread: own session, no widgets)."""
    with db.session() as session:
        save_header(session, header)
        return load_header(session)


def unit_default_header(db: Database) -> ReportHeader:
    """The header derived from the unit alone, ignoring what was saved (worker thread)."""
    with db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise ReportError(NO_PROFILE)
        return default_header(session, profile)


def _lines(text: str) -> list[str]:
    return [line for line in (clean_text(raw) for raw in text.splitlines()) if line]


class ReportHeaderDialog(QDialog):
    """Edit a `ReportHeader`; `header()` is what the fields say. `saved` carries the header as
    stored after "Lưu làm mặc định" succeeded."""

    saved = Signal(object)

    def __init__(
        self, ctx: AppContext, header: ReportHeader, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.initial = header
        self._busy = False
        self.setObjectName("reportHeaderDialog")
        bind_help(self, TOPIC_REPORT_HEADER)
        self.setWindowTitle(self.tr("Thông tin đầu văn bản"))
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Những dòng in ở đầu và cuối văn bản theo thể thức Nghị định 30/2020/NĐ-CP. "
                "Để trống số văn bản để viết tay sau khi vào sổ."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        layout.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        for key in LINE_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"header_{key}")
            self.edits[key] = edit
        number = self.edits["number"]
        number.setPlaceholderText(self.tr("để trống để viết tay"))
        number.setFixedWidth(number.fontMetrics().horizontalAdvance(number.placeholderText()) + 24)
        self.edits["symbol"].setMaximumWidth(160)
        self.authority_edit = QPlainTextEdit(self)
        self.authority_edit.setObjectName("header_authority")
        self.authority_edit.setTabChangesFocus(True)
        self.authority_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 16)
        self.recipients_edit = QPlainTextEdit(self)
        self.recipients_edit.setObjectName("header_recipients")
        self.recipients_edit.setTabChangesFocus(True)
        self.recipients_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 16)

        number_row = QHBoxLayout()
        number_row.addWidget(self.edits["number"])
        number_row.addWidget(QLabel("/", self))
        number_row.addWidget(self.edits["symbol"])
        number_row.addStretch(1)

        form.addRow(self.tr("Cơ quan cấp trên:"), self.edits["parent_body"])
        form.addRow(self.tr("Cơ quan ban hành:"), self.edits["issuing_body"])
        form.addRow(self.tr("Số / ký hiệu:"), number_row)
        form.addRow(self.tr("Địa danh:"), self.edits["place"])
        form.addRow(self.tr("Thẩm quyền ký:"), self.authority_edit)
        form.addRow(self.tr("Chức vụ người ký:"), self.edits["signer_title"])
        form.addRow(self.tr("Họ tên người ký:"), self.edits["signer_name"])
        form.addRow(self.tr("Nơi nhận\n(mỗi dòng một nơi):"), self.recipients_edit)
        form.addRow(self.tr("Lưu:"), self.edits["archive"])
        layout.addLayout(form)

        note = QLabel(
            self.tr(
                "“Lưu làm mặc định” giữ các thông tin này cho mọi văn bản sau (trừ số văn bản, "
                "vì mỗi văn bản có số riêng)."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        layout.addWidget(note)
        self.message = QLabel(self)
        self.message.setObjectName("headerMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Dùng cho văn bản này"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("headerOk")
        self.save_button = QPushButton(self.tr("Lưu làm mặc định"), self)
        self.save_button.setObjectName("headerSaveDefault")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.reset_button = QPushButton(self.tr("Về mặc định của đơn vị"), self)
        self.reset_button.setObjectName("headerReset")
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        cancel = self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("headerCancel")
        self.ok_button.setDefault(True)
        self.save_button.setAutoDefault(False)
        self.reset_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save_default())
        self.reset_button.clicked.connect(lambda: self.reset_to_unit())
        layout.addWidget(self.buttons)

        self.set_header(header)
        fit_window(self, "report_header", self.sizeHint())
        self.edits["parent_body"].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- fields ------------------------------------------------------------------------------

    def set_header(self, header: ReportHeader) -> None:
        for key, edit in self.edits.items():
            edit.setText(str(getattr(header, key) or ""))
        self.authority_edit.setPlainText(header.authority)
        self.recipients_edit.setPlainText("\n".join(header.recipients))

    def header(self) -> ReportHeader:
        """The header the fields describe: NFC, trimmed, blank recipient lines dropped. The
        date stays the initial one (a document's date is not edited here)."""
        values = {key: clean_text(edit.text()) or "" for key, edit in self.edits.items()}
        values["symbol"] = values["symbol"].lstrip("/").strip()
        return replace(
            self.initial,
            **values,
            authority="\n".join(_lines(self.authority_edit.toPlainText())),
            recipients=tuple(_lines(self.recipients_edit.toPlainText())),
        )

    def _show_message(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.save_button, self.reset_button, self.ok_button):
            button.setEnabled(not busy)

    # --- actions -----------------------------------------------------------------------------

    def save_default(self) -> None:
        """Store the fields as the unit's default header (write thread)."""
        if self._busy:
            return
        header, db = self.header(), self.ctx.db
        self._set_busy(True)
        self._show_message(self.tr("Đang lưu…"), HINT_STYLE)
        self.ctx.runner.run(
            lambda: save_default_header(db, header),
            self._saved,
            self._save_failed,
            write=True,
        )

    def _saved(self, stored: ReportHeader) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self._show_message(self.tr("Đã lưu làm mặc định cho các văn bản sau."), OK_STYLE)
        self.saved.emit(stored)

    def _save_failed(self, exc: BaseException, tb: str) -> None:
        log.error("Saving the report header failed:\n%s", tb)
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        detail = (
            str(exc) if isinstance(exc, ReportError) else self.tr("Lỗi đã được ghi vào nhật ký.")
        )
        self._show_message(
            self.tr("Không lưu được thông tin đầu văn bản. {detail}").format(detail=detail),
            ERROR_STYLE,
        )

    def reset_to_unit(self) -> None:
        """Refill the fields from the unit's derived defaults (the number is kept)."""
        if self._busy:
            return
        db = self.ctx.db
        number = self.edits["number"].text()
        self._set_busy(True)

        def done(header: ReportHeader) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            self.set_header(replace(header, number=number))
            self._show_message(
                self.tr("Đã điền lại theo đơn vị. Bấm “Lưu làm mặc định” nếu muốn giữ như vậy."),
                HINT_STYLE,
            )

        def failed(exc: BaseException, tb: str) -> None:
            log.error("Reading the unit's default header failed:\n%s", tb)
            if shiboken6.isValid(self):
                self._set_busy(False)
                self._show_message(
                    self.tr("Không đọc được thông tin mặc định của đơn vị."), ERROR_STYLE
                )

        self.ctx.runner.run(lambda: unit_default_header(db), done, failed)
