"""The real confirmation dialog, once (every other test scripts its answers): an officer who
presses Enter by habit on "delete?" deletes nothing, because "Hủy" is the default button; the
delete button itself still works."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from htx_desktop.ui.confirm import Interaction


def answer_when_shown(act: Callable[[QMessageBox], None], seen: list[list[str]]) -> None:
    """Act on the dialog as soon as it is up; whatever happens, close it within 10 s so a
    failure can never leave the run waiting on a modal dialog."""

    def attempt(tries: int = 50) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append([button.text() for button in box.buttons()])
            act(box)
        elif tries:
            QTimer.singleShot(20, lambda: attempt(tries - 1))

    def give_up() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.reject()

    QTimer.singleShot(0, attempt)
    QTimer.singleShot(10_000, give_up)


def test_enter_on_a_destructive_question_cancels(qtbot):
    seen: list[list[str]] = []
    answer_when_shown(lambda box: QTest.keyClick(box, Qt.Key.Key_Return), seen)
    deleted = Interaction().confirm(
        None, "Xóa hợp tác xã", "Xóa “HTX Hoa Sen” và người quản lý của nó?", destructive=True
    )
    assert seen and sorted(seen[0]) == ["Hủy", "Xóa"]
    assert deleted is False


def test_the_delete_button_itself_confirms(qtbot):
    seen: list[list[str]] = []

    def click_delete(box: QMessageBox) -> None:
        button = next(b for b in box.buttons() if b.text() == "Xóa")
        assert isinstance(button, QPushButton)
        button.click()

    answer_when_shown(click_delete, seen)
    assert Interaction().confirm(None, "Xóa hợp tác xã", "Xóa?", destructive=True) is True
    assert seen
