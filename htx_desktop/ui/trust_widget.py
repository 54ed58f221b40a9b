"""Người ký được tin cậy: the certificates this machine accepts bundles from.

The Union has no certificate authority: a receiver trusts each sender's certificate one by one,
after the two officers have read the fingerprint to each other over the phone. This widget
lists them (unit, name, fingerprint, state, valid until), adds one from a .pem file the sender
gave her (through the trust dialog of `ui.trust_dialog`: fingerprint, her unit, key rotation)
and revokes one (for a lost laptop or an officer who left: her bundles are refused from then
on; the certificate stays in the list, marked). Names come from certificates, so they are
shown as plain text only: table cells and a plain-text label, never a rich-text tooltip.
Used on the Settings page and the exchange page; it reloads whenever it is shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.keys import (
    certificate_info,
    fingerprint_lines,
    load_certificate,
    read_certificate_file,
)
from htx_desktop.exchange.trust_store import (
    STATE_RETIRED,
    STATE_REVOKED,
    STATE_TRUSTED,
    revoke,
    signer_state,
)
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import CERTIFICATE_FOLDER_KEY, remember_folder, start_folder
from htx_desktop.ui.list_table import list_table
from htx_desktop.ui.passphrase_dialog import filter_text, prompts_for
from htx_desktop.ui.plain import HINT_STYLE, plain_label
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.rows_model import SORT_ROLE, RowsTableModel
from htx_desktop.ui.trust_flow import trust_flow

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COL_UNIT, COL_NAME, COL_FINGERPRINT, COL_VALID, COL_ADDED, COL_STATE = range(6)
EXPIRED_TEXT = QColor("#b71c1c")
STOPPED_TEXT = QColor("#777777")


# --- Qt-free helpers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustedRow:
    fingerprint: str
    unit_code: str
    unit_name: str
    common_name: str
    subject: str
    not_after: datetime
    added_at: datetime
    state: str = STATE_TRUSTED
    stopped_at: datetime | None = None

    @property
    def expired(self) -> bool:
        return self.not_after < utcnow()

    @property
    def trusted(self) -> bool:
        return self.state == STATE_TRUSTED


def load_trusted(session: Session) -> list[TrustedRow]:
    """Every trusted signer with her unit's name and her own name from the certificate."""
    from htx_desktop.exchange.trust_store import trusted_signers

    signers = trusted_signers(session)
    codes = {s.unit_code for s in signers}
    names = dict(
        session.execute(
            select(AdministrativeUnit.code, AdministrativeUnit.name).where(
                AdministrativeUnit.code.in_(codes)
            )
        ).all()
    )
    rows = []
    for signer in signers:
        try:
            common_name = certificate_info(
                load_certificate(signer.certificate_pem.encode("ascii"))
            ).common_name
        except (ExchangeError, UnicodeEncodeError):
            common_name = ""
        rows.append(
            TrustedRow(
                fingerprint=signer.fingerprint,
                unit_code=signer.unit_code,
                unit_name=str(names.get(signer.unit_code, signer.unit_code)),
                common_name=common_name or signer.subject,
                subject=signer.subject,
                not_after=signer.not_after,
                added_at=signer.added_at,
                state=signer_state(signer),
                stopped_at=signer.revoked_at or signer.retired_at,
            )
        )
    return rows


# --- the model ---------------------------------------------------------------------------------


class TrustModel(RowsTableModel[TrustedRow]):
    """One row per certificate of the store; an expired one in red, a revoked or retired one
    in grey (their bundles are refused)."""

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Đơn vị"),
            self.tr("Người ký"),
            self.tr("Dấu vân tay"),
            self.tr("Hiệu lực đến"),
            self.tr("Ngày thêm"),
            self.tr("Trạng thái"),
        )

    def state_text(self, row: TrustedRow) -> str:
        when = f"{row.stopped_at:%d/%m/%Y}" if row.stopped_at else ""
        if row.state == STATE_REVOKED:
            return self.tr("Đã thu hồi {0}").format(when)
        if row.state == STATE_RETIRED:
            return self.tr("Đã thay khóa {0}").format(when)
        return self.tr("Đang tin cậy")

    def display(self, row: TrustedRow, column: int) -> Any:
        if column == COL_UNIT:
            return f"{row.unit_name} ({row.unit_code})"
        if column == COL_NAME:
            return row.common_name
        if column == COL_FINGERPRINT:
            return "\n".join(fingerprint_lines(row.fingerprint))
        if column == COL_VALID:
            text = f"{row.not_after:%d/%m/%Y}"
            return text + self.tr(" (đã hết hạn)") if row.expired else text
        if column == COL_ADDED:
            return f"{row.added_at:%d/%m/%Y}"
        if column == COL_STATE:
            return self.state_text(row)
        return None

    def sort_value(self, row: TrustedRow, column: int) -> Any:
        values: tuple[Any, ...] = (
            row.unit_name,
            row.common_name,
            row.fingerprint,
            row.not_after,
            row.added_at,
            (row.state, row.stopped_at or row.added_at),
        )
        return values[column] if 0 <= column < len(values) else None

    def cell(self, row: TrustedRow, column: int, role: int) -> Any:
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and not row.trusted:
            return QBrush(STOPPED_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and row.expired:
            return QBrush(EXPIRED_TEXT)
        return None


# --- the widget --------------------------------------------------------------------------------


class TrustWidget(QWidget):
    """The list and its two buttons; `changed` after a certificate was added or removed."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("trustWidget")
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "Chỉ nhận gói dữ liệu ký bằng các chứng thư dưới đây, mỗi chứng thư gắn với một "
                "đơn vị. Trước khi thêm, hãy gọi điện cho người gửi để so dấu vân tay."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        layout.addWidget(intro)
        self.model = TrustModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = list_table(self.proxy, "trustTable", self)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_UNIT, Qt.SortOrder.AscendingOrder)
        self.view.setStyleSheet("QTableView::item { padding: 0px 6px; }")
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.empty_label = QLabel(self.tr("Chưa tin cậy chứng thư nào."))
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setObjectName("trustEmpty")
        self.empty_label.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.empty_label)
        self.details_label = plain_label("", self)
        self.details_label.setObjectName("trustDetails")
        self.details_label.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.details_label)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Thêm chứng thư…"))
        self.add_button.setObjectName("addCertificate")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_certificate)
        self.remove_button = QPushButton(self.tr("Bỏ tin cậy (thu hồi)…"))
        self.remove_button.setObjectName("removeCertificate")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

    # --- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        db = self.ctx.db

        def work() -> list[TrustedRow]:
            with db.session() as session:
                return load_trusted(session)

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Loading the trusted signers failed:\n%s", tb)

        self.ctx.runner.run(work, lambda rows: self._loaded(generation, rows), failed)

    def _loaded(self, generation: int, rows: list[TrustedRow]) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self._selection_changed()
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # a signer may have been trusted from the import wizard meanwhile

    def selected_row(self) -> TrustedRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        row = self.proxy.data(index, ROW_ROLE)
        return row if isinstance(row, TrustedRow) else None

    def _selection_changed(self, *_args: Any) -> None:
        row = self.selected_row()
        self.remove_button.setEnabled(row is not None and row.trusted)
        self.details_label.setText(
            ""
            if row is None
            else self.tr("Tên đầy đủ trong chứng thư: {0}").format(row.subject)
        )
        self.details_label.setVisible(row is not None)

    # --- adding ------------------------------------------------------------------------------

    def add_certificate(self) -> None:
        path = prompts_for(self.ctx).open_file(
            self,
            self.tr("Chọn tệp chứng thư của người gửi"),
            start_folder(CERTIFICATE_FOLDER_KEY),
            filter_text("cert"),
        )
        if path is not None:
            remember_folder(path, CERTIFICATE_FOLDER_KEY)
            self.add_from_file(path)

    def add_from_file(self, path: Path) -> None:
        """Offer the certificate in the trust dialog; it is stored only once she confirms
        the fingerprint and chooses the sender's unit."""
        try:
            data = read_certificate_file(path)
        except ExchangeError as exc:
            interaction_for(self.ctx).error(self, self.tr("Thêm chứng thư"), str(exc))
            return
        trust_flow(self, self.ctx, data, self._stored)

    # --- removing ----------------------------------------------------------------------------

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        agreed = interaction_for(self.ctx).confirm(
            self,
            self.tr("Bỏ tin cậy"),
            self.tr(
                "Thu hồi chứng thư của {0} ({1}), dấu vân tay\n{2}?\n\nTừ nay các gói ký bằng "
                "chứng thư này sẽ bị từ chối; dữ liệu đã nhập vẫn giữ nguyên. Chứng thư vẫn ở "
                "trong danh sách, ghi là đã thu hồi, và không tin cậy lại được."
            ).format(row.common_name, row.unit_name, "\n".join(fingerprint_lines(row.fingerprint))),
            destructive=True,
        )
        if not agreed:
            return
        db, fingerprint = self.ctx.db, row.fingerprint

        def work() -> None:
            with db.session() as session:
                revoke(session, fingerprint)

        self.ctx.runner.run(work, self._stored, self._store_failed, write=True)

    def _stored(self, _result: Any) -> None:
        if not alive(self):
            return
        self.changed.emit()
        self.refresh()

    def _store_failed(self, exc: BaseException, tb: str) -> None:
        if not alive(self):
            return
        if isinstance(exc, ExchangeError):
            message = str(exc)
        else:
            log.error("Changing the trusted signers failed:\n%s", tb)
            message = self.tr("Không lưu được; chi tiết đã ghi vào nhật ký lỗi.")
        interaction_for(self.ctx).error(self, self.tr("Người ký được tin cậy"), message)
