"""The officer's signing key, as the exchange page shows it at its top.

Without a key she cannot export, so a plain box says "Máy này chưa có khóa ký" with
"Tạo khóa ký..."; with one, its fingerprint in groups of four (she reads it to her superior over
the phone) and "Lưu chứng thư..." to save the certificate she sends up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.keys import (
    certificate_info,
    find_active_credential,
    fingerprint_lines,
    load_certificate,
)
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.last_folder import CERTIFICATE_FOLDER_KEY, remember_folder, start_folder
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR
from htx_desktop.ui.passphrase_dialog import create_officer_key, filter_text, prompts_for
from htx_desktop.ui.plain import fingerprint_label
from htx_desktop.ui.record_table_view import alive

log = logging.getLogger(__name__)

NO_KEY_STYLE = (
    "QFrame#noKeyBox { background: #fff4e5; border: 1px solid #f0a30a; border-radius: 4px; }"
)


@dataclass(frozen=True)
class KeyInfo:
    """The active signing credential, as the page shows it."""

    fingerprint: str
    officer_name: str
    unit_code: str
    not_after: datetime
    certificate_pem: str


def key_info(session: Session) -> KeyInfo | None:
    cred = find_active_credential(session)
    if cred is None:
        return None
    try:
        name = certificate_info(load_certificate(cred.certificate_pem.encode("ascii"))).common_name
    except (ExchangeError, UnicodeEncodeError):
        name = ""
    return KeyInfo(cred.fingerprint, name, cred.unit_code, cred.not_after, cred.certificate_pem)


class KeyBox(QGroupBox):
    """The key box; `key_loaded` (the KeyInfo, or None) each time it has read what is stored."""

    key_loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key: KeyInfo | None = None
        self.setTitle(self.tr("Khóa ký số của máy này"))
        self.key_stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.key_stack)

        none = QFrame()
        none.setObjectName("noKeyBox")
        none.setStyleSheet(NO_KEY_STYLE)
        none_layout = QVBoxLayout(none)
        title = QLabel(self.tr("Máy này chưa có khóa ký"))
        title.setObjectName("noKeyTitle")
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        none_layout.addWidget(title)
        text = QLabel(
            self.tr(
                "Cần có khóa ký để xuất gói dữ liệu gửi cấp trên: mỗi gói được ký bằng khóa này "
                "để cấp trên biết chắc do bạn gửi. Tạo khóa một lần, đặt mật khẩu bảo vệ, rồi "
                "gửi chứng thư (tệp .pem) cho cấp trên."
            )
        )
        text.setWordWrap(True)
        none_layout.addWidget(text)
        row = QHBoxLayout()
        self.create_key_button = QPushButton(self.tr("Tạo khóa ký…"))
        self.create_key_button.setObjectName("createKey")
        self.create_key_button.clicked.connect(lambda: self.create_key())
        row.addWidget(self.create_key_button)
        row.addStretch(1)
        none_layout.addLayout(row)
        self.key_stack.addWidget(none)
        self.no_key_box = none

        has = QWidget()
        has_layout = QVBoxLayout(has)
        has_layout.setContentsMargins(0, 0, 0, 0)
        self.key_label = QLabel()
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)  # a certificate's name
        self.key_label.setObjectName("keyLabel")
        self.key_label.setWordWrap(True)
        has_layout.addWidget(self.key_label)
        self.fingerprint_label = fingerprint_label("keyFingerprint")
        has_layout.addWidget(self.fingerprint_label)
        row = QHBoxLayout()
        self.save_cert_button = QPushButton(self.tr("Lưu chứng thư…"))
        self.save_cert_button.setObjectName("saveCertificate")
        self.save_cert_button.clicked.connect(self.save_certificate)
        self.new_key_button = QPushButton(self.tr("Tạo khóa mới…"))
        self.new_key_button.setObjectName("newKey")
        self.new_key_button.clicked.connect(lambda: self.create_key())
        self.key_message = QLabel()
        self.key_message.setTextFormat(Qt.TextFormat.PlainText)
        self.key_message.setObjectName("keyMessage")
        self.key_message.setWordWrap(True)
        self.key_message.setStyleSheet(f"color: {MUTED_COLOR};")
        row.addWidget(self.save_cert_button)
        row.addWidget(self.new_key_button)
        row.addWidget(self.key_message, 1)
        has_layout.addLayout(row)
        self.key_stack.addWidget(has)
        self.has_key_box = has
        self.key_stack.setCurrentWidget(none)


    def load_key(self) -> None:
        db = self.ctx.db

        def work() -> KeyInfo | None:
            with db.session() as session:
                return key_info(session)

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Reading the signing key failed:\n%s", tb)

        self.ctx.runner.run(work, self._key_loaded, failed)

    def _key_loaded(self, key: KeyInfo | None) -> None:
        if not alive(self):
            return
        self.key = key
        if key is None:
            self.key_stack.setCurrentWidget(self.no_key_box)
        else:
            self.key_stack.setCurrentWidget(self.has_key_box)
            self.key_label.setText(
                self.tr(
                    "Khóa ký của {0}, hiệu lực đến {1}. Dấu vân tay (đọc cho cấp trên khi gửi "
                    "chứng thư):"
                ).format(key.officer_name, f"{key.not_after:%d/%m/%Y}")
            )
            self.fingerprint_label.setText("\n".join(fingerprint_lines(key.fingerprint)))
        self.key_loaded.emit(key)

    def create_key(self) -> None:
        """Ask a new passphrase (twice) and make the key on the write thread. Replacing an
        existing key is confirmed first: the superior must then trust the new certificate."""
        interaction = interaction_for(self.ctx)
        if self.key is not None and not interaction.confirm(
            self,
            self.tr("Tạo khóa mới"),
            self.tr(
                "Khóa ký hiện tại sẽ không dùng để ký nữa. Sau khi tạo khóa mới, bạn phải gửi "
                "chứng thư mới cho cấp trên và đọc dấu vân tay mới để họ tin cậy lại; nếu không, "
                "gói dữ liệu của bạn sẽ bị từ chối.\n\nVẫn tạo khóa mới?"
            ),
        ):
            return
        passphrase = prompts_for(self.ctx).passphrase(
            self,
            self.tr("Tạo khóa ký"),
            self.tr(
                "Đặt mật khẩu bảo vệ khóa ký. Mỗi lần xuất gói dữ liệu bạn sẽ được hỏi mật khẩu "
                "này."
            ),
            confirm=True,
        )
        if not passphrase:
            return
        self.create_key_button.setEnabled(False)
        self.new_key_button.setEnabled(False)
        db = self.ctx.db

        def work() -> Any:
            return create_officer_key(db, passphrase)

        self.ctx.runner.run(work, self._key_created, self._key_failed, write=True)

    def _key_created(self, _info: Any) -> None:
        if not alive(self):
            return
        self.create_key_button.setEnabled(True)
        self.new_key_button.setEnabled(True)
        self._set_key_message(self.tr("Đã tạo khóa ký. Hãy lưu chứng thư và gửi cho cấp trên."))
        self.load_key()

    def _key_failed(self, exc: BaseException, tb: str) -> None:
        if not alive(self):
            return
        self.create_key_button.setEnabled(True)
        self.new_key_button.setEnabled(True)
        if isinstance(exc, ExchangeError):
            message = str(exc)
        else:
            log.error("Creating the signing key failed:\n%s", tb)
            message = self.tr("Không tạo được khóa ký; chi tiết đã ghi vào nhật ký lỗi.")
        interaction_for(self.ctx).error(self, self.tr("Tạo khóa ký"), message)

    def save_certificate(self) -> None:
        """Her certificate as a .pem file to send up (public: no secret in it)."""
        if self.key is None:
            return
        name = f"chung-thu-{self.ctx.scope.unit_code}.pem"
        suggested = start_folder(CERTIFICATE_FOLDER_KEY) / name
        target = prompts_for(self.ctx).save_file(
            self, self.tr("Lưu chứng thư"), suggested, filter_text("cert")
        )
        if target is None:
            return
        remember_folder(target, CERTIFICATE_FOLDER_KEY)
        try:
            target.write_text(self.key.certificate_pem, encoding="ascii")
        except OSError as exc:
            interaction_for(self.ctx).error(
                self,
                self.tr("Lưu chứng thư"),
                self.tr("Không ghi được tệp {0}: {1}.").format(target, exc.strerror or exc),
            )
            return
        self._set_key_message(self.tr("Đã lưu chứng thư vào {0}").format(target))

    def _set_key_message(self, text: str) -> None:
        self.key_message.setText(text)
