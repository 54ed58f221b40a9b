"""Questions and messages the pages put to the officer, behind one replaceable hook.

Every message box shows its text as plain text: messages quote certificate, bundle and
workbook names, which must never be read as HTML.

The git-cola "interaction" idea: a page never builds a QMessageBox itself but asks
`interaction_for(ctx)`, which is `ctx.interaction` when the window (or a test) set one, else the
default below that shows message boxes. Tests put a `ScriptedInteraction` there, so no modal
dialog ever blocks a run and each question asked can be checked.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class Interaction:
    """Message boxes with Vietnamese buttons (the PySide6 wheel ships no Vietnamese Qt
    catalogue, so standard buttons would read "Yes"/"No")."""

    def confirm(
        self, parent: QWidget | None, title: str, text: str, *, destructive: bool = False
    ) -> bool:
        """Ask a yes/no question; `destructive` names the button "Xóa" (else "Đồng ý").
        "Hủy" is the default, so an Enter pressed by habit never deletes anything."""
        box = QMessageBox(parent)
        box.setObjectName("confirmBox")
        box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote names from outside
        box.setText(text)
        accept_text = (
            QCoreApplication.translate("Interaction", "Xóa")
            if destructive
            else QCoreApplication.translate("Interaction", "Đồng ý")
        )
        accept = box.addButton(
            accept_text,
            QMessageBox.ButtonRole.DestructiveRole
            if destructive
            else QMessageBox.ButtonRole.AcceptRole,
        )
        cancel = box.addButton(
            QCoreApplication.translate("Interaction", "Hủy"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is accept

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self._message(parent, QMessageBox.Icon.Information, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._message(parent, QMessageBox.Icon.Warning, title, text)

    def _message(
        self, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
    ) -> None:
        box = QMessageBox(parent)
        box.setObjectName("messageBox")
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.addButton(
            QCoreApplication.translate("Interaction", "Đóng"), QMessageBox.ButtonRole.AcceptRole
        )
        box.exec()


@dataclass(frozen=True)
class Asked:
    """One question or message a `ScriptedInteraction` received."""

    kind: str  # "confirm" | "info" | "error"
    title: str
    text: str


class ScriptedInteraction(Interaction):
    """Answers confirmations from a script (True/False, in order) and records everything it was
    asked; with the script used up it answers `default`. For tests and scripted runs."""

    def __init__(self, answers: Iterable[bool] = (), default: bool = False) -> None:
        self.answers: deque[bool] = deque(answers)
        self.default = default
        self.asked: list[Asked] = []

    def confirm(
        self, parent: QWidget | None, title: str, text: str, *, destructive: bool = False
    ) -> bool:
        self.asked.append(Asked("confirm", title, text))
        return self.answers.popleft() if self.answers else self.default

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(Asked("info", title, text))

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(Asked("error", title, text))


#: Used when the context carries no interaction of its own.
DEFAULT_INTERACTION = Interaction()


def interaction_for(ctx: Any) -> Interaction:
    """The context's `interaction` attribute when it has one, else the message-box default."""
    found = getattr(ctx, "interaction", None)
    return found if found is not None else DEFAULT_INTERACTION
