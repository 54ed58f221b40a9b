"""The setup wizard's signing step with the USB token offered first.

An officer who holds an official certificate on a USB token should sign with it (it is what
makes a bundle count as signed under the law); the others make a key on this computer with a
passphrase, or leave it for later. `KeyPage` is the passphrase page with that choice added;
`TokenPage` is the token chooser of Settings without its "use" button: the wizard adopts the
chosen certificate when it finishes, once the profile the credential belongs to is written.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget, QWizardPage

from htx_desktop.exchange.token import TokenRef
from htx_desktop.storage.engine import Database
from htx_desktop.ui.passphrase_dialog import PassphrasePage
from htx_desktop.ui.tasks import TaskRunner
from htx_desktop.ui.token_widget import TokenWidget


class KeyPage(PassphrasePage):
    """The passphrase page, plus "use my USB token", which leads to `token_id` instead."""

    def __init__(self, *, next_id: int, token_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, next_id=next_id)
        self._token_id = token_id
        self.token_box = QCheckBox(self.tr("Dùng USB token ký số (khuyên dùng nếu chị có)"), self)
        self.token_box.setObjectName("keyUseToken")
        self.token_box.toggled.connect(self._token_toggled)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.token_box)

    def uses_token(self) -> bool:
        return self.token_box.isChecked()

    def wants_key(self) -> bool:
        """A key file is made only when she neither chose the token nor "later"."""
        return not self.uses_token() and super().wants_key()

    def isComplete(self) -> bool:
        return self.uses_token() or super().isComplete()

    def nextId(self) -> int:
        return self._token_id if self.uses_token() else super().nextId()

    def _token_toggled(self, token: bool) -> None:
        later = self.later_box is not None and self.later_box.isChecked()
        self.fields.setEnabled(not token and not later)
        if self.later_box is not None:
            self.later_box.setEnabled(not token)
        self.completeChanged.emit()


class TokenPage(QWizardPage):
    """Find the token and pick the certificate; complete once one is picked."""

    def __init__(self, db: Database, *, next_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._next_id = next_id
        self.setObjectName("tokenPage")
        self.setTitle(self.tr("Ký số bằng USB token"))
        self.setSubTitle(
            self.tr(
                "Cắm USB token vào máy, chọn trình điều khiển của token rồi bấm “Tìm token”. "
                "Mã PIN không được hỏi ở đây: nó được hỏi mỗi lần ký và không được lưu lại."
            )
        )
        self.runner = TaskRunner(self)
        self.widget = TokenWidget(db, self.runner, adopt=False, parent=self)
        QVBoxLayout(self).addWidget(self.widget)
        self.widget.chosen_changed.connect(self.completeChanged)

    def chosen_ref(self) -> TokenRef | None:
        return self.widget.chosen_ref()

    def isComplete(self) -> bool:
        return self.chosen_ref() is not None and not self.widget.busy

    def nextId(self) -> int:
        return self._next_id
