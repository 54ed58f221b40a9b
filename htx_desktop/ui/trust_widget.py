"""Người ký được tin cậy: the certificates this machine accepts bundles from.

The Union has no certificate authority: a receiver trusts each sender's certificate one by one,
after the two officers have read the fingerprint to each other over the phone. This widget
lists them (unit, name, fingerprint, valid until), adds one from a .pem file the sender gave
her (the fingerprint is shown and she must confirm it matches) and removes one (for a lost
laptop or an officer who left: her bundles are refused from then on). Used on the Settings
page and the exchange page; it reloads whenever it is shown.
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
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.keys import (
    certificate_info,
    load_certificate,
    pretty_fingerprint,
)
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.models import AdministrativeUnit, TrustedSigner
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.passphrase_dialog import HINT_STYLE, filter_text, prompts_for
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.rows_model import SORT_ROLE, RowsTableModel

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COL_UNIT, COL_NAME, COL_FINGERPRINT, COL_VALID, COL_ADDED = range(5)
EXPIRED_TEXT = QColor("#b71c1c")
#: Certificates are read at most this big (a .pem is about 1 KB).
MAX_CERT_BYTES = 64 << 10


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

    @property
    def expired(self) -> bool:
        return self.not_after < utcnow()


def load_trusted(session: Session) -> list[TrustedRow]:
    """Every trusted signer with her unit's name and her own name from the certificate."""
    from htx_desktop.exchange.service import trusted_signers

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
            )
        )
    return rows


def remove_trusted(session: Session, fingerprint: str) -> bool:
    """Forget one trusted signer; False when it was not there."""
    signer = session.get(TrustedSigner, fingerprint)
    if signer is None:
        return False
    session.delete(signer)
    session.flush()
    return True


def two_lines(fingerprint: str) -> str:
    """Sixteen groups of four as two lines of eight: narrower, and easy to compare by halves
    over the phone."""
    groups = fingerprint.split()
    half = (len(groups) + 1) // 2
    return " ".join(groups[:half]) + "\n" + " ".join(groups[half:])


# --- the model ---------------------------------------------------------------------------------


class TrustModel(RowsTableModel[TrustedRow]):
    """One row per trusted certificate; an expired one in red (her bundles are refused)."""

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Đơn vị"),
            self.tr("Người ký"),
            self.tr("Dấu vân tay"),
            self.tr("Hiệu lực đến"),
            self.tr("Ngày thêm"),
        )

    def display(self, row: TrustedRow, column: int) -> Any:
        if column == COL_UNIT:
            return f"{row.unit_name} ({row.unit_code})"
        if column == COL_NAME:
            return row.common_name
        if column == COL_FINGERPRINT:
            return two_lines(pretty_fingerprint(row.fingerprint))
        if column == COL_VALID:
            text = f"{row.not_after:%d/%m/%Y}"
            return text + self.tr(" (đã hết hạn)") if row.expired else text
        if column == COL_ADDED:
            return f"{row.added_at:%d/%m/%Y}"
        return None

    def tooltip(self, row: TrustedRow, column: int) -> Any:
        return row.subject

    def sort_value(self, row: TrustedRow, column: int) -> Any:
        values: tuple[Any, ...] = (
            row.unit_name,
            row.common_name,
            row.fingerprint,
            row.not_after,
            row.added_at,
        )
        return values[column] if 0 <= column < len(values) else None

    def cell(self, row: TrustedRow, column: int, role: int) -> Any:
        if role == ROW_ROLE:
            return row
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
        self.view = QTableView(self)
        self.view.setObjectName("trustTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_UNIT, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setStyleSheet("QTableView::item { padding: 0px 6px; }")
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.empty_label = QLabel(self.tr("Chưa tin cậy chứng thư nào."))
        self.empty_label.setObjectName("trustEmpty")
        self.empty_label.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Thêm chứng thư…"))
        self.add_button.setObjectName("addCertificate")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_certificate)
        self.remove_button = QPushButton(self.tr("Bỏ tin cậy"))
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
        self.remove_button.setEnabled(self.selected_row() is not None)

    # --- adding ------------------------------------------------------------------------------

    def add_certificate(self) -> None:
        path = prompts_for(self.ctx).open_file(
            self, self.tr("Chọn tệp chứng thư của người gửi"), Path.home(), filter_text("cert")
        )
        if path is not None:
            self.add_from_file(path)

    def add_from_file(self, path: Path) -> None:
        """Show whose certificate it is and its fingerprint; store it only once she confirms
        the fingerprint matches what the sender reads to her."""
        interaction = interaction_for(self.ctx)
        title = self.tr("Thêm chứng thư")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_CERT_BYTES + 1)
            if len(data) > MAX_CERT_BYTES:
                raise ExchangeError(self.tr("Tệp quá lớn, không phải một chứng thư số."))
            info = certificate_info(load_certificate(data))
        except OSError as exc:
            interaction.error(
                self,
                title,
                self.tr("Không đọc được tệp {0}: {1}.").format(path, exc.strerror or exc),
            )
            return
        except ExchangeError as exc:
            interaction.error(self, title, str(exc))
            return
        agreed = interaction.confirm(
            self,
            title,
            self.tr(
                "Chứng thư của {0}, đơn vị mã {1}.\n\nDấu vân tay:\n{2}\n\nHãy gọi điện cho người "
                "gửi và nhờ đọc dấu vân tay. Chỉ đồng ý khi hai dấu vân tay giống hệt nhau."
            ).format(info.common_name, info.unit_code or "?", pretty_fingerprint(info.fingerprint)),
        )
        if not agreed:
            return
        db = self.ctx.db

        def work() -> None:
            from htx_desktop.exchange.service import trust_certificate

            with db.session() as session:
                trust_certificate(session, data)

        self.ctx.runner.run(work, self._stored, self._store_failed, write=True)

    # --- removing ----------------------------------------------------------------------------

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        agreed = interaction_for(self.ctx).confirm(
            self,
            self.tr("Bỏ tin cậy"),
            self.tr(
                "Bỏ tin cậy chứng thư của {0} ({1})? Từ nay các gói ký bằng chứng thư này sẽ bị "
                "từ chối; dữ liệu đã nhập vẫn giữ nguyên."
            ).format(row.common_name, row.unit_name),
            destructive=True,
        )
        if not agreed:
            return
        db, fingerprint = self.ctx.db, row.fingerprint

        def work() -> bool:
            with db.session() as session:
                return remove_trusted(session, fingerprint)

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
