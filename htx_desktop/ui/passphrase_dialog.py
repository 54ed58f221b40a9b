"""Asking for the signing passphrase, and the other system dialogs of the exchange screens.

The passphrase protects the officer's private key (`exchange.keys`). The GUI never reads
`HTX_PASSPHRASE`: she types it each time, in `PassphraseDialog`, and it lives only as long as
the export that needs it. It is normalised to NFC, because Unikey, EVKey and the system input
methods can commit the same Vietnamese letter precomposed or decomposed, and a key locked
with one form must open with the other. It is never logged, stored or put in a message.

`PassphraseWidget` is the fields alone, so the setup wizard can drop `PassphrasePage` into
its pages and create the key right after the profile (`create_officer_key`).

Like `confirm.Interaction`, the file and folder choosers and "open this folder" go through a
replaceable hook, `Prompts`: the screens ask `prompts_for(ctx)`, which is `ctx.prompts` when a
test (or a scripted run) set one, else real dialogs. No test ever blocks on a modal dialog.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from htx_desktop.exchange.keys import CertificateInfo, create_credential
from htx_desktop.exchange.passphrase_policy import MIN_PASSPHRASE, passphrase_problem
from htx_desktop.storage.engine import Database
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE
from htx_desktop.ui.screen_fit import fit_window
from htx_desktop.ui.trust_dialog import TrustChoice, TrustDialog

if TYPE_CHECKING:
    from htx_desktop.exchange.trust_store import TrustOffer



def normalize_passphrase(text: str) -> str:
    """NFC, so the same letters typed through different input methods open the same key."""
    return unicodedata.normalize("NFC", text)


# --- the fields --------------------------------------------------------------------------------


class PassphraseWidget(QWidget):
    """The passphrase field, and with `confirm` a second one plus the length rule of
    `exchange.keys` (for a new key). `changed` fires on every keystroke, so a wizard page or a
    dialog can enable its button the moment the entry is acceptable."""

    changed = Signal()

    def __init__(self, confirm: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirm = confirm
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphraseEdit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Mật khẩu khóa ký:"), self.passphrase_edit)
        self.confirm_edit: QLineEdit | None = None
        if confirm:
            self.confirm_edit = QLineEdit(self)
            self.confirm_edit.setObjectName("passphraseConfirm")
            self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("&Nhập lại mật khẩu:"), self.confirm_edit)
            self.confirm_edit.textChanged.connect(self._changed)
        self.show_box = QCheckBox(self.tr("Hiện mật khẩu"), self)
        self.show_box.setObjectName("showPassphrase")
        self.show_box.toggled.connect(self._toggle_echo)
        form.addRow("", self.show_box)
        self.hint_label = QLabel(self)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setObjectName("passphraseHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet(HINT_STYLE)
        form.addRow(self.hint_label)
        self.passphrase_edit.textChanged.connect(self._changed)
        self._changed()

    def passphrase(self) -> str:
        return normalize_passphrase(self.passphrase_edit.text())

    def problem(self) -> str:
        """Why the entry cannot be used yet ("" when it can)."""
        value = self.passphrase()
        if not value:
            return self.tr("Hãy nhập mật khẩu.")
        if not self.confirm:
            return ""
        if len(value) < MIN_PASSPHRASE:
            return self.tr(
                "Mật khẩu cần ít nhất {0} ký tự: một cụm từ dễ nhớ nhưng người khác khó đoán."
            ).format(MIN_PASSPHRASE)
        if passphrase_problem(value):
            return self.tr(
                "Mật khẩu này quá phổ biến, người khác đoán được ngay. Hãy chọn một cụm từ của "
                "riêng bạn, ví dụ vài từ không liền nghĩa ghép lại."
            )
        assert self.confirm_edit is not None
        if normalize_passphrase(self.confirm_edit.text()) != value:
            return self.tr("Hai lần nhập chưa giống nhau.")
        return ""

    def is_complete(self) -> bool:
        return not self.problem()

    def clear(self) -> None:
        self.passphrase_edit.clear()
        if self.confirm_edit is not None:
            self.confirm_edit.clear()

    def focus(self) -> None:
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        if self.confirm_edit is not None:
            self.confirm_edit.setEchoMode(mode)

    def _changed(self) -> None:
        problem = self.problem()
        if self.confirm:
            # Before she has typed anything, the rule itself is the hint.
            self.hint_label.setText(
                problem
                if self.passphrase_edit.text()
                else self.tr(
                    "Ít nhất {0} ký tự, không phải mật khẩu phổ biến. Không có cách nào lấy lại "
                    "mật khẩu đã quên: khi quên, "
                    "phải tạo khóa mới và gửi lại chứng thư cho cấp trên."
                ).format(MIN_PASSPHRASE)
            )
        else:
            self.hint_label.setText("")
        self.hint_label.setVisible(bool(self.hint_label.text()))
        self.changed.emit()


class PassphraseDialog(QDialog):
    """The "Mật khẩu khóa ký" dialog: the fields, an explanation, and the error of the
    previous attempt (a wrong passphrase reopens it with the reason shown, to simply retry)."""

    def __init__(
        self,
        title: str,
        text: str,
        *,
        confirm: bool = False,
        error: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.text_label = QLabel(text, self)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        self.error_label = QLabel(error, self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setObjectName("passphraseError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.error_label.setVisible(bool(error))
        layout.addWidget(self.error_label)
        self.fields = PassphraseWidget(confirm, self)
        layout.addWidget(self.fields)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Đồng ý"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("passphraseOk")
        self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(self._update)
        self._update()
        self.setMinimumWidth(460)
        fit_window(self, "passphrase", self.sizeHint())
        self.fields.focus()

    def passphrase(self) -> str:
        return self.fields.passphrase()

    def accept(self) -> None:
        if self.fields.is_complete():
            super().accept()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.fields.is_complete())
        self.ok_button.setDefault(True)


class PassphrasePage(QWizardPage):
    """A wizard page asking for a new key's passphrase (twice), for the setup wizard.

    "Tạo khóa ký sau" lets an officer who is not ready finish the setup; the exchange page
    then offers "Tạo khóa ký..." until she has one. `next_id` is the page that follows in a
    wizard whose pages are not in id order (the setup wizard's)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_later: bool = True,
        next_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._next_id = next_id
        self.setObjectName("passphrasePage")
        self.setTitle(self.tr("Khóa ký số"))
        self.setSubTitle(
            self.tr(
                "Gói dữ liệu gửi lên cấp trên được ký bằng khóa ký của riêng bạn, để cấp trên "
                "biết chắc dữ liệu do bạn gửi và không bị sửa dọc đường. Hãy đặt mật khẩu bảo "
                "vệ khóa; mỗi lần xuất gói dữ liệu bạn sẽ được hỏi mật khẩu này."
            )
        )
        layout = QVBoxLayout(self)
        self.fields = PassphraseWidget(confirm=True, parent=self)
        layout.addWidget(self.fields)
        self.later_box: QCheckBox | None = None
        if allow_later:
            self.later_box = QCheckBox(
                self.tr("Tạo khóa ký sau (ở trang “Xuất/Nhập dữ liệu”)"), self
            )
            self.later_box.setObjectName("keyLater")
            self.later_box.toggled.connect(self._later_toggled)
            layout.addWidget(self.later_box)
        layout.addStretch(1)
        self.fields.changed.connect(self.completeChanged)

    def wants_key(self) -> bool:
        return self.later_box is None or not self.later_box.isChecked()

    def passphrase(self) -> str:
        return self.fields.passphrase()

    def isComplete(self) -> bool:
        return not self.wants_key() or self.fields.is_complete()

    def initializePage(self) -> None:
        self.fields.focus()

    def nextId(self) -> int:
        return super().nextId() if self._next_id is None else self._next_id

    def cleanupPage(self) -> None:
        """Going back forgets what was typed: a passphrase should not linger in a widget."""
        self.fields.clear()

    def _later_toggled(self, later: bool) -> None:
        self.fields.setEnabled(not later)
        self.completeChanged.emit()


def create_officer_key(db: Database, passphrase: str) -> CertificateInfo:
    """A key pair and certificate for the profile's officer (after setup, or from the exchange
    page on the runner's write thread). Raises PassphraseError for a passphrase that is too
    short, ExchangeError when there is no profile."""
    from htx_desktop.exchange.errors import ExchangeError
    from htx_desktop.registry.profile import get_profile

    with db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise ExchangeError("Cơ sở dữ liệu chưa có hồ sơ cán bộ.")
        return create_credential(session, profile, normalize_passphrase(passphrase), db.path)


# --- the replaceable hook ----------------------------------------------------------------------


class Prompts:
    """Real dialogs: the passphrase, the USB token's PIN, files to open, a file to save, a
    folder, and opening a folder in the system's file manager.

    The file dialogs stay the platform's own: on Windows the native dialog speaks the language
    of Windows itself (Vietnamese on a Vietnamese Windows) and no catalogue of ours can change
    it; on Linux Qt's own dialog is used unless the desktop supplies one, and Qt's dialog
    reads its texts from `qt_vi.ts` (see `i18n`), so no non-native option is forced here.
    """

    def passphrase(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        confirm: bool = False,
        error: str = "",
    ) -> str | None:
        dialog = PassphraseDialog(title, text, confirm=confirm, error=error, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.passphrase()
        finally:
            dialog.fields.clear()
            dialog.deleteLater()

    def pin(self, parent: QWidget | None, title: str, text: str, *, error: str = "") -> str | None:
        """The USB token's PIN (`pin_dialog`), for a bundle signed on the token."""
        from htx_desktop.ui.pin_dialog import ask_pin

        return ask_pin(parent, title, text, error)

    def open_files(
        self, parent: QWidget | None, title: str, folder: Path, name_filter: str
    ) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), name_filter)
        return [Path(n) for n in names]

    def open_file(
        self, parent: QWidget | None, title: str, folder: Path, name_filter: str
    ) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), name_filter)
        return Path(name) if name else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
        return Path(name) if name else None

    def folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(name) if name else None

    def open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def new_district(
        self, parent: QWidget | None, code: str, name: str, communes: list[tuple[str, str]]
    ) -> tuple[str, list[str]] | None:
        """The district dialog (`ui.district_dialog`): its name and communes, or None."""
        from htx_desktop.ui.district_dialog import DistrictDialog

        dialog = DistrictDialog(code, name, communes, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_value()
        finally:
            dialog.deleteLater()

    def trust(self, parent: QWidget | None, offer: TrustOffer) -> TrustChoice | None:
        """The trust dialog (`ui.trust_dialog`); None when she cancels."""
        dialog = TrustDialog(offer, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()


class ScriptedPrompts(Prompts):
    """Answers from scripts, in order, and records what was asked (never a passphrase): for
    tests and scripted runs. An exhausted script answers "cancelled"."""

    def __init__(
        self,
        passphrases: Iterable[str | None] = (),
        files: Iterable[list[Path]] = (),
        file: Iterable[Path | None] = (),
        save_paths: Iterable[Path | None] = (),
        folders: Iterable[Path | None] = (),
        trusts: Iterable[TrustChoice | str | bool | None] = (),
        districts: Iterable[tuple[str, list[str]] | None] = (),
        pins: Iterable[str | None] = (),
    ) -> None:
        self.districts: deque[tuple[str, list[str]] | None] = deque(districts)
        self.passphrases: deque[str | None] = deque(passphrases)
        self.trusts: deque[TrustChoice | str | bool | None] = deque(trusts)
        self.trust_dialogs: list[Any] = []  # the real dialogs built, for tests to look at
        self.pins: deque[str | None] = deque(pins)
        self.files: deque[list[Path]] = deque(files)
        self.file: deque[Path | None] = deque(file)
        self.save_paths: deque[Path | None] = deque(save_paths)
        self.folders: deque[Path | None] = deque(folders)
        self.asked: list[tuple[str, str]] = []  # (kind, title or the error shown)
        self.opened: list[Path] = []
        self.starts: list[Path] = []  # where each file or folder dialog would have opened

    def passphrase(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        confirm: bool = False,
        error: str = "",
    ) -> str | None:
        self.asked.append(("passphrase", error or title))
        return self.passphrases.popleft() if self.passphrases else None

    def pin(self, parent: QWidget | None, title: str, text: str, *, error: str = "") -> str | None:
        self.asked.append(("pin", error or title))
        return self.pins.popleft() if self.pins else None

    def open_files(
        self, parent: QWidget | None, title: str, folder: Path, name_filter: str
    ) -> list[Path]:
        self.asked.append(("open_files", title))
        self.starts.append(folder)
        return self.files.popleft() if self.files else []

    def open_file(
        self, parent: QWidget | None, title: str, folder: Path, name_filter: str
    ) -> Path | None:
        self.asked.append(("open_file", title))
        self.starts.append(folder)
        return self.file.popleft() if self.file else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        self.asked.append(("save_file", str(suggested)))
        self.starts.append(suggested.parent)
        return self.save_paths.popleft() if self.save_paths else None

    def folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        self.asked.append(("folder", title))
        self.starts.append(start)
        return self.folders.popleft() if self.folders else None

    def open_folder(self, folder: Path) -> None:
        self.opened.append(folder)

    def new_district(
        self, parent: QWidget | None, code: str, name: str, communes: list[tuple[str, str]]
    ) -> tuple[str, list[str]] | None:
        self.asked.append(("new_district", code))
        return self.districts.popleft() if self.districts else None

    def trust(self, parent: QWidget | None, offer: TrustOffer) -> TrustChoice | None:
        """Builds the real dialog (kept in `trust_dialogs`) and answers from `trusts`: True
        accepts what the dialog proposes, a unit code chooses that unit, a TrustChoice is
        used as it is, None or an exhausted script cancels."""
        self.asked.append(("trust", offer.info.fingerprint))
        dialog = TrustDialog(offer, parent)
        self.trust_dialogs.append(dialog)
        answer = self.trusts.popleft() if self.trusts else None
        if answer is None or answer is False:
            return None
        if isinstance(answer, TrustChoice):
            dialog.choose_unit(answer.unit_code)
            dialog.retire_box.setChecked(answer.retire_old)
        elif isinstance(answer, str):
            dialog.choose_unit(answer)
        return dialog.choice()


#: Used when the context carries no `prompts` of its own.
DEFAULT_PROMPTS = Prompts()


def prompts_for(ctx: Any) -> Prompts:
    """The context's `prompts` attribute when it has one, else real dialogs."""
    found = getattr(ctx, "prompts", None)
    return found if found is not None else DEFAULT_PROMPTS


def filter_text(kind: str) -> str:
    """The file-type filter shown in the file dialogs (translated)."""
    if kind == "zip":
        return QCoreApplication.translate("Prompts", "Gói dữ liệu HTX (*.zip)")
    return QCoreApplication.translate("Prompts", "Chứng thư số (*.pem *.crt *.cer *.der)")
