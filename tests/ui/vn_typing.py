"""Typing Vietnamese into real widgets in tests.

`qtbot.keyClicks` / `QTest.keyClicks` abort the whole test process on a character outside
Qt's ASCII key table (ệ, ở, Đ…). Officers do not type those with key codes either: Unikey,
EVKey or the system's Vietnamese input method compose the letter and *commit* it to the
widget. These helpers do the same by sending `QInputMethodEvent`s whose commit string is the
text, so the widget's own editing code runs (cursor, selection, textEdited, textChanged) just
as when she types. ASCII keys and shortcuts (Tab, Ctrl+S, Esc) still go through qtbot.

    from vn_typing import type_text  # pytest puts tests/ui (no __init__.py) on sys.path
    type_text(dialog.form.editor("name"), "Hợp tác xã Đồng Tâm")
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def _target(widget: QWidget) -> QWidget:
    """The widget that really edits text: a composite editor's focus proxy, an editable
    combo box's line edit."""
    proxy = widget.focusProxy()
    while proxy is not None and proxy.focusProxy() is not None:
        proxy = proxy.focusProxy()
    target = proxy or widget
    line_edit = getattr(target, "lineEdit", None)
    if callable(line_edit) and line_edit() is not None:
        return line_edit()
    return target


def commit_text(widget: QWidget, text: str) -> None:
    """Commit `text` at the cursor in one input-method event (a whole word at once, as an
    input method that composes a word before committing it does)."""
    target = _target(widget)
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(target, event)


def type_text(widget: QWidget, text: str, *, replace: bool = False) -> None:
    """Focus `widget` and type `text` one committed character at a time, so every
    keystroke's signal fires as when she types. With `replace`, what the field held is
    selected first and overwritten."""
    target = _target(widget)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    if replace:
        select_all(target)
    for char in text:
        commit_text(target, char)


def select_all(widget: QWidget) -> None:
    """Select the field's text, as Ctrl+A would, so the next typing replaces it."""
    target = _target(widget)
    if isinstance(target, QLineEdit | QPlainTextEdit | QTextEdit):
        target.selectAll()
    else:
        raise TypeError(f"Cannot select the text of a {type(target).__name__}")


def field_text(widget: QWidget) -> str:
    """What a text-editing widget shows (through the same focus proxy as typing)."""
    target = _target(widget)
    if isinstance(target, QLineEdit):
        return target.text()
    if isinstance(target, QPlainTextEdit | QTextEdit):
        return target.toPlainText()
    raise TypeError(f"{type(target).__name__} shows no editable text")
