"""Asking for the USB token's PIN when a bundle is signed on the token.

The PIN goes from this dialog to the export job and to the token's driver, and nowhere else:
it is never stored, logged, put in the settings or in a message. A wrong PIN reopens the
dialog with the reason: the token counts the tries and locks itself after a few, which the
officer must know before she guesses. The dialog is reached through `Prompts.pin`, so tests
answer it from a script instead of a modal window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.keys import find_active_credential
from htx_desktop.exchange.token import is_token_reference
from htx_desktop.storage.engine import Database
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE
from htx_desktop.ui.screen_fit import fit_window


def signs_on_token(db: Database) -> bool:
    """Whether the active credential is on a USB token, so its PIN is asked rather than a
    passphrase (one indexed row read, when she presses "Xuất")."""
    with db.session() as session:
        cred = find_active_credential(session)
        return cred is not None and is_token_reference(cred.key_file)


class PinDialog(QDialog):
    def __init__(
        self, title: str, text: str, *, error: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.text_label = QLabel(text, self)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        self.error_label = QLabel(error, self)
        self.error_label.setObjectName("pinError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.error_label.setVisible(bool(error))
        layout.addWidget(self.error_label)
        form = QFormLayout()
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("pinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Mã PIN của USB token:"), self.pin_edit)
        self.show_box = QCheckBox(self.tr("Hiện mã PIN"), self)
        self.show_box.toggled.connect(
            lambda shown: self.pin_edit.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        form.addRow("", self.show_box)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Mã PIN không được lưu lại: mỗi lần ký bạn sẽ được hỏi. Token đếm số lần nhập "
                "sai và tự khóa khi sai nhiều lần."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Ký"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("pinOk")
        self.ok_button.setDefault(True)
        buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pin_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.ok_button.setEnabled(False)
        self.setMinimumWidth(420)
        fit_window(self, "pin", self.sizeHint())
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def pin(self) -> str:
        return self.pin_edit.text()

    def accept(self) -> None:
        if self.pin_edit.text():
            super().accept()


def ask_pin(parent: QWidget | None, title: str, text: str, error: str = "") -> str | None:
    """The real dialog; the field is emptied before the dialog goes."""
    dialog = PinDialog(title, text, error=error, parent=parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.pin()
    finally:
        dialog.pin_edit.clear()
        dialog.deleteLater()
