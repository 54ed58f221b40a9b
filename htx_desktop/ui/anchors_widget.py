"""Tổ chức chứng thực: the CA certificates a district or province trusts for token signatures.

Officers who sign with an official USB token hold a certificate from a certification
authority. The receiver installs that CA's root (and intermediate) certificate here once, and
imports its revocation list (CRL) when one is carried in on a USB stick. Each row says how old
the CRL is, and warns when there is none or it is past its next-update time: revocations
since then may be missing. Subjects come from certificates and are shown as plain table text.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.anchors import (
    AnchorStatus,
    anchor_statuses,
    import_crl,
    install_anchor,
    remove_anchor,
)
from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.keys import fingerprint_lines, read_certificate_file
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import CERTIFICATE_FOLDER_KEY, remember_folder, start_folder
from htx_desktop.ui.list_table import list_table
from htx_desktop.ui.passphrase_dialog import filter_text, prompts_for
from htx_desktop.ui.plain import HINT_STYLE, plain_label
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.rows_model import RowsTableModel

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COL_SUBJECT, COL_FINGERPRINT, COL_VALID, COL_CRL = range(4)
WARNING_TEXT = QColor("#b71c1c")


class AnchorModel(RowsTableModel[AnchorStatus]):
    """One row per installed CA certificate; a missing or stale CRL in red."""

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Tổ chức chứng thực"),
            self.tr("Dấu vân tay"),
            self.tr("Hiệu lực đến"),
            self.tr("Danh sách thu hồi (CRL)"),
        )

    def crl_text(self, row: AnchorStatus) -> str:
        if row.crl_this_update is None:
            return self.tr("Chưa có — hãy nhập tệp CRL")
        text = self.tr("Ngày {0} ({1} ngày trước), {2} chứng thư bị thu hồi").format(
            f"{row.crl_this_update:%d/%m/%Y}", row.crl_age_days(), row.crl_entries
        )
        if row.crl_stale():
            text += self.tr(" — đã quá hạn cập nhật, hãy lấy bản mới")
        return text

    def display(self, row: AnchorStatus, column: int) -> Any:
        if column == COL_SUBJECT:
            return row.subject
        if column == COL_FINGERPRINT:
            return "\n".join(fingerprint_lines(row.fingerprint))
        if column == COL_VALID:
            return f"{row.not_after:%d/%m/%Y}"
        if column == COL_CRL:
            return self.crl_text(row)
        return None

    def sort_value(self, row: AnchorStatus, column: int) -> Any:
        values = (row.subject, row.fingerprint, row.not_after, row.crl_this_update or row.not_after)
        return values[column] if 0 <= column < len(values) else None

    def cell(self, row: AnchorStatus, column: int, role: int) -> Any:
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_CRL and row.crl_stale():
            return QBrush(WARNING_TEXT)
        return None


class AnchorsWidget(QWidget):
    """The anchors list with its three buttons; `loaded` after each reload."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("anchorsWidget")
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = plain_label(self.tr(
            "Gói ký bằng USB token hợp lệ khi chứng thư của người ký do một tổ chức chứng thực "
            "dưới đây cấp, còn hiệu lực và chưa bị thu hồi. Người ký vẫn cần được gắn với một "
            "đơn vị một lần (mục Người ký được tin cậy)."))
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        layout.addWidget(intro)
        self.model = AnchorModel(self)
        self.view = list_table(self.model, "anchorsTable", self)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Cài chứng thư tổ chức chứng thực…"))
        self.crl_button = QPushButton(self.tr("Nhập danh sách thu hồi (CRL)…"))
        self.remove_button = QPushButton(self.tr("Gỡ…"))
        for button in (self.add_button, self.crl_button, self.remove_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_anchor)
        self.crl_button.clicked.connect(self.add_crl)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

    def refresh(self) -> None:
        self._generation += 1
        generation, db = self._generation, self.ctx.db

        def work() -> list[AnchorStatus]:
            with db.session() as session:
                return anchor_statuses(session)

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Loading the trust anchors failed:\n%s", tb)

        self.ctx.runner.run(work, lambda rows: self._loaded(generation, rows), failed)

    def _loaded(self, generation: int, rows: list[AnchorStatus]) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.model.set_rows(rows)
        self._selection_changed()
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def selected(self) -> AnchorStatus | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        row = self.model.data(index, ROW_ROLE)
        return row if isinstance(row, AnchorStatus) else None

    def _selection_changed(self, *_args: Any) -> None:
        self.remove_button.setEnabled(self.selected() is not None)

    def add_anchor(self) -> None:
        path = prompts_for(self.ctx).open_file(
            self, self.tr("Chọn chứng thư của tổ chức chứng thực"),
            start_folder(CERTIFICATE_FOLDER_KEY), filter_text("cert"))
        if path is None:
            return
        remember_folder(path, CERTIFICATE_FOLDER_KEY)
        try:
            data = read_certificate_file(path)
        except ExchangeError as exc:
            interaction_for(self.ctx).error(self, self.tr("Tổ chức chứng thực"), str(exc))
            return
        self._write(lambda session: install_anchor(session, data))

    def add_crl(self) -> None:
        path = prompts_for(self.ctx).open_file(
            self, self.tr("Chọn tệp danh sách thu hồi"), start_folder(CERTIFICATE_FOLDER_KEY),
            self.tr("Danh sách thu hồi (*.crl *.pem *.der)"))
        if path is None:
            return
        remember_folder(path, CERTIFICATE_FOLDER_KEY)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            interaction_for(self.ctx).error(self, self.tr("Danh sách thu hồi"), str(exc))
            return
        self._write(lambda session: import_crl(session, data))

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        agreed = interaction_for(self.ctx).confirm(
            self, self.tr("Gỡ tổ chức chứng thực"),
            self.tr("Gỡ {0}?\n\nGói ký bằng chứng thư do tổ chức này cấp sẽ bị từ chối.").format(
                row.subject),
            destructive=True,
        )
        if agreed:
            fingerprint = row.fingerprint
            self._write(lambda session: remove_anchor(session, fingerprint))

    def _write(self, change: Any) -> None:
        db = self.ctx.db

        def work() -> None:
            with db.session() as session:
                change(session)

        self.ctx.runner.run(work, self._stored, self._store_failed, write=True)

    def _stored(self, _result: Any) -> None:
        if alive(self):
            self.refresh()

    def _store_failed(self, exc: BaseException, tb: str) -> None:
        if not alive(self):
            return
        if isinstance(exc, ExchangeError):
            message = str(exc)
        else:
            log.error("Changing the trust anchors failed:\n%s", tb)
            message = self.tr("Không lưu được; chi tiết đã ghi vào nhật ký lỗi.")
        interaction_for(self.ctx).error(self, self.tr("Tổ chức chứng thực"), message)
