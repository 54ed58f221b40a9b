"""Ký số bằng USB token: choose the token's driver, find the token, pick its certificate.

Used by Settings (with "Dùng chứng thư này để ký", which makes the certificate the officer's
signing credential) and by the setup wizard (which only notes the choice: the profile the
credential belongs to is written when the wizard finishes).

Everything that talks to the token runs on the task runner's read pool, because a real token
can take a second or more to answer; the widget shows a busy bar meanwhile. Adopting the
certificate writes the database, so it runs on the single writer thread. Certificates come
from outside (a CA wrote them), so every field of theirs is shown as plain text. No PIN is
asked here: certificates are public objects on the token.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.keys import find_active_credential, pretty_fingerprint
from htx_desktop.exchange.token import (
    TokenCertificate,
    TokenInfo,
    TokenRef,
    candidate_modules,
    is_token_reference,
    list_certificates,
    list_tokens,
)
from htx_desktop.storage.engine import Database
from htx_desktop.ui.last_folder import TOKEN_FOLDER_KEY, remember_folder, start_folder
from htx_desktop.ui.passphrase_dialog import prompts_for
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

OK_STYLE = "color: #1b5e20; font-weight: bold;"


# --- Qt-free helpers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundToken:
    info: TokenInfo
    certificates: list[TokenCertificate]


def scan_module(module: str) -> list[FoundToken]:
    """The tokens plugged in and their officer certificates (worker thread)."""
    found = []
    for info in list_tokens(module):
        found.append(FoundToken(info, list_certificates(module, info.serial)))
    return found


@dataclass(frozen=True)
class ActiveSigning:
    """What signs the bundles now: a token certificate or the key file (None: nothing yet)."""

    token: bool
    common_name: str
    fingerprint: str
    not_after: Any
    token_label: str = ""
    module: str = ""


def active_signing(db: Database) -> ActiveSigning | None:
    from htx_desktop.exchange.keys import certificate_info, load_certificate

    with db.session() as session:
        cred = find_active_credential(session)
        if cred is None:
            return None
        info = certificate_info(load_certificate(cred.certificate_pem.encode("ascii")))
        if is_token_reference(cred.key_file):
            ref = TokenRef.from_uri(cred.key_file)
            return ActiveSigning(True, info.common_name, cred.fingerprint, cred.not_after,
                                 ref.token_label, ref.module)
        return ActiveSigning(False, info.common_name, cred.fingerprint, cred.not_after)


def adopt_certificate(db: Database, ref: TokenRef) -> str:
    """Make `ref` the officer's signing credential (writer thread); returns the fingerprint."""
    from htx_desktop.exchange.identity import adopt_token_certificate
    from htx_desktop.registry.profile import get_profile

    with db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise ExchangeError("Cơ sở dữ liệu chưa có hồ sơ cán bộ.")
        return adopt_token_certificate(session, profile, ref)


# --- the widget --------------------------------------------------------------------------------


class TokenWidget(QWidget):
    """`settled` fires whenever a job with the token ended (found, failed or adopted),
    `adopted(fingerprint)` when the chosen certificate became the signing credential,
    `chosen_changed` when the selection moved (the wizard's page completes on it)."""

    settled = Signal()
    adopted = Signal(str)
    chosen_changed = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        hooks: Any = None,
        *,
        adopt: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.hooks = hooks  # what answers the file chooser (a test's ScriptedPrompts)
        self.found: list[FoundToken] = []
        self._busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.active_label = QLabel(self)
        self.active_label.setObjectName("tokenActive")
        self.active_label.setTextFormat(Qt.TextFormat.PlainText)
        self.active_label.setWordWrap(True)
        self.active_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.active_label.setVisible(adopt)
        layout.addWidget(self.active_label)

        form = QFormLayout()
        module_row = QHBoxLayout()
        self.module_combo = QComboBox(self)
        self.module_combo.setObjectName("tokenModule")
        self.module_combo.setMinimumContentsLength(30)
        self.module_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for path in candidate_modules():
            self.module_combo.addItem(str(path), str(path))
        module_row.addWidget(self.module_combo, 1)
        self.browse_button = QPushButton(self.tr("Chọn tệp…"), self)
        self.browse_button.setObjectName("tokenBrowse")
        self.browse_button.clicked.connect(self.browse_module)
        module_row.addWidget(self.browse_button)
        module_label = QLabel(self.tr("&Trình điều khiển token:"), self)
        module_label.setBuddy(self.module_combo)
        form.addRow(module_label, module_row)
        module_hint = QLabel(
            self.tr(
                "Tệp .dll (Windows) hoặc .so đi kèm phần mềm của nhà cung cấp chứng thư số; các "
                "chỗ thường gặp đã có sẵn trong danh sách."
            ),
            self,
        )
        module_hint.setWordWrap(True)
        module_hint.setStyleSheet(HINT_STYLE)
        form.addRow("", module_hint)

        find_row = QHBoxLayout()
        self.find_button = QPushButton(self.tr("Tìm token"), self)
        self.find_button.setObjectName("tokenFind")
        self.find_button.clicked.connect(self.find_tokens)
        find_row.addWidget(self.find_button)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("tokenBusy")
        self.busy_bar.setRange(0, 0)  # no end known: the token answers when it answers
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        find_row.addWidget(self.busy_bar)
        find_row.addStretch(1)
        form.addRow("", find_row)

        self.token_combo = QComboBox(self)
        self.token_combo.setObjectName("tokenList")
        self.token_combo.currentIndexChanged.connect(self._show_certificates)
        form.addRow(self.tr("&USB token:"), self.token_combo)
        self.cert_list = QListWidget(self)
        self.cert_list.setObjectName("tokenCertificates")
        self.cert_list.setMaximumHeight(90)
        self.cert_list.currentRowChanged.connect(self._show_details)
        form.addRow(self.tr("&Chứng thư số:"), self.cert_list)
        self.details = QLabel(self)
        self.details.setObjectName("tokenCertificateDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.details)
        layout.addLayout(form)

        adopt_row = QHBoxLayout()
        self.adopt_button = QPushButton(self.tr("Dùng chứng thư này để ký"), self)
        self.adopt_button.setObjectName("tokenAdopt")
        self.adopt_button.clicked.connect(self.adopt_chosen)
        self.adopt_button.setVisible(adopt)
        adopt_row.addWidget(self.adopt_button)
        adopt_row.addStretch(1)
        layout.addLayout(adopt_row)
        self.message = QLabel(self)
        self.message.setObjectName("tokenMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)
        self._update_buttons()

    # --- what is chosen ----------------------------------------------------------------------

    def module(self) -> str:
        return str(self.module_combo.currentData() or "")

    def set_module(self, path: str) -> None:
        index = self.module_combo.findData(path)
        if index < 0:
            self.module_combo.addItem(path, path)
            index = self.module_combo.count() - 1
        self.module_combo.setCurrentIndex(index)

    def chosen(self) -> TokenCertificate | None:
        token = self.token_combo.currentIndex()
        row = self.cert_list.currentRow()
        if not 0 <= token < len(self.found) or not 0 <= row < len(self.found[token].certificates):
            return None
        return self.found[token].certificates[row]

    def chosen_ref(self) -> TokenRef | None:
        item = self.chosen()
        return item.ref if item is not None else None

    @property
    def busy(self) -> bool:
        return self._busy

    # --- the active credential -----------------------------------------------------------------

    def reload_active(self) -> None:
        db = self.db

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Reading the signing credential failed:\n%s", tb)

        self.runner.run(lambda: active_signing(db), self._show_active, failed)

    def _show_active(self, active: ActiveSigning | None) -> None:
        if not alive(self):
            return
        if active is None:
            self.active_label.setText(
                self.tr("Đang ký bằng: chưa có khóa ký nào. Hãy chọn chứng thư trên USB token "
                        "dưới đây, hoặc tạo khóa ký ở trang Xuất/Nhập dữ liệu.")
            )
            return
        if active.token:
            self.active_label.setText(
                self.tr("Đang ký bằng: USB token “{0}”, chứng thư của {1}, hiệu lực đến {2}.")
                .format(active.token_label, active.common_name, f"{active.not_after:%d/%m/%Y}")
            )
            if active.module:
                self.set_module(active.module)
        else:
            self.active_label.setText(
                self.tr("Đang ký bằng: tệp khóa ký trên máy này (có mật khẩu), chứng thư của "
                        "{0}, hiệu lực đến {1}.")
                .format(active.common_name, f"{active.not_after:%d/%m/%Y}")
            )

    # --- talking to the token ------------------------------------------------------------------

    def browse_module(self) -> None:
        start = Path(self.module()).parent if self.module() else start_folder(TOKEN_FOLDER_KEY)
        chosen = prompts_for(self.hooks).open_file(
            self,
            self.tr("Chọn trình điều khiển USB token"),
            start,
            self.tr("Trình điều khiển PKCS#11 (*.dll *.so *.dylib);;Mọi tệp (*)"),
        )
        if chosen is not None:
            remember_folder(chosen, TOKEN_FOLDER_KEY)
            self.set_module(str(chosen))

    def find_tokens(self) -> None:
        if self._busy:
            return
        module = self.module()
        if not module:
            self._set_message(
                self.tr("Hãy chọn tệp trình điều khiển của USB token (bấm “Chọn tệp…”) rồi bấm "
                        "“Tìm token”."),
                ERROR_STYLE,
            )
            self.settled.emit()
            return
        self._set_busy(True)
        self._set_message(self.tr("Đang đọc USB token…"), HINT_STYLE)
        self.runner.run(lambda: scan_module(module), self._found, self._failed)

    def _found(self, found: list[FoundToken]) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self.found = found
        self.token_combo.blockSignals(True)
        self.token_combo.clear()
        for item in found:
            info = item.info
            self.token_combo.addItem(
                self.tr("{0} — số sê-ri {1} — {2}").format(
                    info.label, info.serial, info.manufacturer
                )
            )
        self.token_combo.blockSignals(False)
        if not found:
            self._set_message(
                self.tr("Không thấy USB token nào. Hãy cắm token vào máy (đèn trên token sáng), "
                        "kiểm tra đã chọn đúng trình điều khiển rồi bấm “Tìm token” lại."),
                ERROR_STYLE,
            )
        else:
            self._set_message("")
        self.token_combo.setCurrentIndex(0 if found else -1)
        self._show_certificates()
        self.settled.emit()

    def _show_certificates(self) -> None:
        self.cert_list.clear()
        index = self.token_combo.currentIndex()
        certificates = self.found[index].certificates if 0 <= index < len(self.found) else []
        for item in certificates:
            text = self.tr("{0} — hiệu lực đến {1}").format(
                item.info.common_name, f"{item.info.not_after:%d/%m/%Y}"
            )
            self.cert_list.addItem(QListWidgetItem(text))
        if certificates:
            self.cert_list.setCurrentRow(0)
        elif 0 <= index < len(self.found):
            self._set_message(
                self.tr("Token này không có chứng thư số để ký. Hãy chọn token khác hoặc liên "
                        "hệ nhà cung cấp chứng thư số."),
                ERROR_STYLE,
            )
        self._show_details()

    def _show_details(self) -> None:
        item = self.chosen()
        if item is None:
            self.details.clear()
        else:
            cert = item.cert
            self.details.setText(
                self.tr("Họ tên: {0}\nChủ thể: {1}\nCấp bởi: {2}\nSố sê-ri: {3}\n"
                        "Hiệu lực đến: {4}\nDấu vân tay: {5}").format(
                    item.info.common_name,
                    item.info.subject,
                    cert.issuer.rfc4514_string(),
                    f"{cert.serial_number:X}",
                    f"{item.info.not_after:%d/%m/%Y}",
                    pretty_fingerprint(item.info.fingerprint),
                )
            )
        self._update_buttons()
        self.chosen_changed.emit()

    def adopt_chosen(self) -> None:
        ref = self.chosen_ref()
        if ref is None or self._busy:
            return
        self._set_busy(True)
        self._set_message(self.tr("Đang đọc USB token…"), HINT_STYLE)
        db = self.db
        self.runner.run(lambda: adopt_certificate(db, ref), self._adopted, self._failed,
                        write=True)

    def _adopted(self, fingerprint: str) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self._set_message(
            self.tr("Đã chọn. Từ nay gói dữ liệu được ký bằng chứng thư trên USB token; mã PIN "
                    "được hỏi mỗi lần ký và không được lưu lại."),
            OK_STYLE,
        )
        self.reload_active()
        self.adopted.emit(fingerprint)
        self.settled.emit()

    def _failed(self, exc: BaseException, tb: str) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        if isinstance(exc, ExchangeError):
            self._set_message(str(exc), ERROR_STYLE)
        else:
            log.error("Reading the USB token failed:\n%s", tb)
            self._set_message(
                self.tr("Không đọc được USB token; chi tiết đã ghi vào nhật ký lỗi. Hãy rút "
                        "token ra, cắm lại và thử lại."),
                ERROR_STYLE,
            )
        self.settled.emit()

    # --- state ---------------------------------------------------------------------------------

    def _set_message(self, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        for widget in (self.find_button, self.browse_button, self.module_combo):
            widget.setEnabled(not self._busy)
        self.adopt_button.setEnabled(not self._busy and self.chosen() is not None)
