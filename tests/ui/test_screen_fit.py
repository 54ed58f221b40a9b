"""Windows fit the screens officers have: a 1024×600 netbook and a 1366×768 laptop.

Qt's offscreen platform reads its screens from a JSON file named in the platform string
(`offscreen:configfile=…`), once, when the application starts; this suite's own application
has the platform's default 800×800 screen. So each screen size runs `screen_fit_windows.py`
(every window and dialog, opened as the officer opens them) in a pytest process of its own,
on a screen of exactly that size; that module fails when the screen is any other size.

The tests at the end check `screen_fit` itself on this process's 800×800 screen, which is
small too: remembered sizes per screen size, centring on the parent, maximising when small.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from htx_desktop.storage.engine import Database
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.screen_fit import fit_window, room_for, screen_key
from htx_desktop.ui.window_state import WindowState

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHECKS = HERE / "screen_fit_windows.py"


def run_on_screen(tmp_path: Path, width: int, height: int) -> subprocess.CompletedProcess[str]:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "netbook",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1.0,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["HTX_TEST_SCREEN"] = f"{width}x{height}"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            str(CHECKS),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(("width", "height"), [(1024, 600), (1366, 768)])
def test_every_window_and_dialog_fits_the_screen(tmp_path: Path, width: int, height: int) -> None:
    result = run_on_screen(tmp_path, width, height)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    # Every check ran and passed: none skipped or deselected on the way.
    summary = re.search(r"^(\d+) passed in ", output, re.MULTILINE)
    assert summary is not None, output[-3000:]
    assert int(summary.group(1)) >= 25


def test_every_window_class_sizes_itself_with_fit_window() -> None:
    """A new dialog cannot slip in with a `resize()` of its own: every QDialog, QWizard and
    QMainWindow subclass of the interface calls `fit_window` (and so is kept on screen)."""
    window_bases = {"QDialog", "QWizard", "QMainWindow"}
    found: dict[str, bool] = {}
    for path in sorted((ROOT / "htx_desktop" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
            if not bases & window_bases:
                continue
            calls = {
                c.func.id
                for c in ast.walk(node)
                if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
            }
            found[f"{path.relative_to(ROOT)}:{node.name}"] = "fit_window" in calls
    assert len(found) >= 10, found
    assert [name for name, fits in found.items() if not fits] == []


# --- screen_fit on this process's 800 × 800 screen -------------------------------------------


class Tall(QDialog):
    """A dialog that would like more room than the screen has."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tallDialog")
        QVBoxLayout(self)
        fit_window(self, "tall", (1080, 1400))


def test_a_dialog_wider_and_taller_than_the_screen_opens_inside_it(qtbot: QtBot) -> None:
    dialog = Tall()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry())
    assert dialog.width() <= area.width() and dialog.height() <= area.height()


def test_a_dialog_opens_centred_on_its_parent(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setGeometry(100, 100, 500, 400)
    parent.show()
    qtbot.waitExposed(parent)
    dialog = QDialog(parent)
    QVBoxLayout(dialog)
    fit_window(dialog, "small", (300, 200))
    dialog.show()
    qtbot.waitExposed(dialog)
    centre, expected = dialog.frameGeometry().center(), parent.frameGeometry().center()
    assert abs(centre.x() - expected.x()) <= 2 and abs(centre.y() - expected.y()) <= 2
    dialog.close()


def test_a_size_is_remembered_for_the_screen_it_was_set_on(qtbot: QtBot) -> None:
    first = Tall()
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(420, 330)
    qtbot.waitUntil(lambda: first.size() == QSize(420, 330))
    first.close()  # hidden: its size is kept for this screen size

    state = WindowState()
    screen = screen_key(first.screen())
    assert state.window_size("tall", screen) == (QSize(420, 330), False)
    # A netbook's remembered size does not leak onto this screen, nor this one onto it.
    state.set_window_size("tall", QSize(1024, 600), QSize(900, 500), False)
    state.sync()

    again = Tall()
    qtbot.addWidget(again)
    assert again.size() == QSize(420, 330)
    assert state.window_size("tall", QSize(1366, 768)) is None


def test_a_remembered_size_larger_than_the_screen_is_cut_to_it(qtbot: QtBot) -> None:
    probe = QDialog()
    qtbot.addWidget(probe)
    state = WindowState()
    state.set_window_size("tall", screen_key(probe.screen()), QSize(3000, 2000), False)
    state.sync()
    dialog = Tall()
    qtbot.addWidget(dialog)
    assert dialog.size() == room_for(dialog)


def test_the_main_window_starts_maximised_on_a_small_screen_and_then_as_she_left_it(
    qtbot: QtBot, demo_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    first = MainWindow(make_ctx(demo_db), offer_drafts=False)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert first.isMaximized()  # 1180 × 760 does not fit 800 × 800 with its frame
    assert first.screen().availableGeometry().contains(first.frameGeometry())
    first.showNormal()
    qtbot.waitUntil(lambda: not first.isMaximized())
    first.resize(700, 500)
    qtbot.waitUntil(lambda: first.size() == QSize(700, 500))
    first.close()

    second = MainWindow(make_ctx(demo_db), offer_drafts=False)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert not second.isMaximized()
    assert second.size() == QSize(700, 500)
    assert second.screen().availableGeometry().contains(second.frameGeometry())


def test_a_date_fields_calendar_opens_above_it_at_the_bottom_of_the_screen(
    qtbot: QtBot,
) -> None:
    from htx_desktop.registry.forms import get_form
    from htx_desktop.ui.form_widgets import DateEditor

    spec = next(f for f in get_form("cooperative").fields if f.key == "established_on")
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    editor = DateEditor(spec)
    layout.addWidget(editor)
    area = host.screen().availableGeometry()
    host.setGeometry(area.left() + 40, area.bottom() - 60, 300, 40)
    host.show()
    qtbot.waitExposed(host)
    editor.open_calendar()
    popup = editor.popup
    qtbot.waitUntil(popup.isVisible)
    assert area.contains(popup.frameGeometry())
    field_top = editor.line.mapToGlobal(editor.line.rect().topLeft()).y()
    assert popup.geometry().bottom() < field_top, "the calendar hides the field"
    popup.hide()
