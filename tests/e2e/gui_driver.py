"""Drives the real application, started by its own entry point, through its real widgets.

Run as a script in a child process (the tests in this folder start it), never imported by
pytest: a native abort must kill this process only, so the test can report it.

    python gui_driver.py soak SECONDS   ordinary use for SECONDS; prints one SOAK-RESULT line
    python gui_driver.py draft TEXT     types TEXT as a new cooperative's name, waits for the
                                        draft on disk, prints DRAFT-SAVED and waits to be killed
    python gui_driver.py restart        answers the start-up questions, prints RESTART-RESULT

The application is started with `htx_desktop.__main__.main(["--demo"])`, as
`python -m htx_desktop --demo` would; the user folders come from the environment the test
sets. The script is written sequentially as a generator: it yields how long to let the event
loop run (milliseconds) or a condition to wait for, and `Driver` resumes it from a QTimer, so
every step runs inside the application's own event loop, as her clicks do. Only names the
application has had for long (object names, public attributes) are used, so the same driver
runs against older versions, to check it catches their aborts.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))
from vn_typing import field_text, type_text

#: How far the counts of None, True and False may fall between the end of the first round and
#: the end of the driving before it counts as a reference leak. They move by a few hundred
#: with caches; on PySide6 6.12 with CPython 3.11 True fell by about a thousand a round here
#: (one per row the arrow keys walk through: the list's Python-side signal emit).
ALLOWED_FALL = 2000
WAIT_LIMIT_S = float(os.environ.get("HTX_DRIVER_WAIT", "60"))
RECORD_PAGES = ("cooperatives", "groups", "cadres", "trainings")
PAGE_KEYS = (
    "overview",
    "cooperatives",
    "groups",
    "cadres",
    "trainings",
    "exchange",
    "reports",
    "settings",
)

Step = Generator["int | tuple[str, Callable[[], bool]]", None, Any]


def refcounts() -> dict[str, int]:
    return {
        "none": sys.getrefcount(None),
        "true": sys.getrefcount(True),
        "false": sys.getrefcount(False),
    }


def main_window() -> Any:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow" and widget.isVisible():
            return widget
    return None


def visible_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def describe_state() -> str:
    """What was on screen, for a failure message."""
    window = main_window()
    active = QApplication.activeWindow()
    focus = QApplication.focusWidget()
    return (
        f"page {window.current_page() if window is not None else None}, "
        f"active window {active.objectName() if active is not None else None}, "
        f"focus {type(focus).__name__ if focus is not None else None}, "
        f"modal {QApplication.activeModalWidget()}"
    )


def record_dialog() -> Any:
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "RecordDialog" and widget.isVisible():
            return widget
    return None


class Driver:
    """Runs a script (a generator) inside the application's event loop."""

    def __init__(self, script: Callable[[Driver], Step]) -> None:
        self.actions = 0
        self.errors: list[str] = []
        self.result: dict[str, Any] = {}
        self.exit_code = 0
        self._steps = script(self)
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._advance)
        self._waiting: tuple[str, Callable[[], bool], float] | None = None
        self._timer.start(0)

    # --- scheduling ------------------------------------------------------------------------

    def _advance(self) -> None:
        if self._waiting is not None:
            what, ready, deadline = self._waiting
            if not ready():
                if time.monotonic() > deadline:
                    self._waiting = None
                    self.fail(f"gave up waiting for {what} ({describe_state()})")
                    return
                self._timer.start(20)
                return
            self._waiting = None
        try:
            step = next(self._steps)
        except StopIteration:
            return
        except Exception as exc:  # the driver's own bug: say so and stop cleanly
            import traceback

            self.fail("driver error: " + "".join(traceback.format_exception(exc)))
            return
        if isinstance(step, tuple):
            what, ready = step
            self._waiting = (what, ready, time.monotonic() + WAIT_LIMIT_S)
            self._timer.start(0)
        else:
            self._timer.start(step)

    def fail(self, message: str) -> None:
        self.errors.append(message)
        self.finish()

    def finish(self) -> None:
        """Close the window the ordinary way (the application quits with its last window)."""
        self._steps = iter(())
        window = main_window()
        for box in visible_boxes():
            box.reject()
        dialog = record_dialog()
        if dialog is not None:
            dialog.done(QDialog.DialogCode.Rejected)
        if window is not None:
            window.close()
        QTimer.singleShot(2000, QApplication.quit)  # whatever else is still open

    # --- what a user does ------------------------------------------------------------------

    def key(
        self, widget: QWidget, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(widget, key, modifier)
        self.actions += 1

    def type_ascii(self, widget: QWidget, text: str) -> None:
        QTest.keyClicks(widget, text)
        self.actions += len(text)

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        if pos is None:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        self.actions += 1

    def wheel(self, widget: QWidget, notches: int) -> None:
        centre = QPointF(widget.width() / 2, widget.height() / 2)
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)
        self.actions += 1

    def unexpected_boxes(self) -> None:
        """A message nobody asked for (the crash dialog above all) fails the run."""
        for box in visible_boxes():
            self.errors.append(f"unexpected message “{box.windowTitle()}”: {box.text()}")
            box.reject()


# --- the soak ----------------------------------------------------------------------------


def wait_for_window(d: Driver) -> Step:
    """Until the main window is up; a message box instead (a start-up error) fails at once."""
    yield ("the main window", lambda: main_window() is not None or bool(visible_boxes()))
    window = main_window()
    if window is None:
        d.unexpected_boxes()
        d.finish()
        return None
    window.activateWindow()
    yield ("the main window to be active", lambda: QApplication.activeWindow() is window)
    return window


def soak_script(seconds: float, seed: int) -> Callable[[Driver], Step]:
    def script(d: Driver) -> Step:
        rng = random.Random(seed)
        window = yield from wait_for_window(d)
        if window is None:
            return
        yield 500  # let the first page settle
        started = time.monotonic()
        visited: set[str] = set()
        counters = {"dialogs": 0, "previews": 0, "periods": 0, "sorts": 0, "arrows": 0}
        before: dict[str, int] = {}
        round_number = 0
        # Two rounds at least: the counts are taken after the first, once every page exists
        # (building a page adds references to None that stay while it lives).
        while round_number < 2 or time.monotonic() - started < seconds:
            order = list(PAGE_KEYS)
            rng.shuffle(order)
            for key in order:
                yield from switch_page(d, window, key, round_number)
                visited.add(key)
                page = window.page(key)
                if key in RECORD_PAGES:
                    yield from browse_list(d, page, rng, counters, long=key == "trainings")
                elif key == "overview":
                    yield from change_period(d, page, rng, counters)
                elif key == "reports":
                    yield from build_preview(d, page, counters)
                else:
                    yield 200
                d.unexpected_boxes()
                if d.errors:
                    d.finish()
                    return
            round_number += 1
            counts = refcounts()
            if round_number == 1:
                before = counts
            elapsed = time.monotonic() - started
            print(f"SOAK-ROUND {round_number} {elapsed:.1f}s actions={d.actions} {counts}")
        after = refcounts()
        fell = {name: before[name] - after[name] for name in before}
        d.result = {
            "actions": d.actions,
            "seconds": round(time.monotonic() - started, 1),
            "rounds": round_number,
            "pages": sorted(visited),
            "refcounts_start": before,
            "refcounts_end": after,
            **counters,
        }
        leaking = [name for name, fall in fell.items() if fall > ALLOWED_FALL]
        if leaking:
            d.errors.append(f"reference counts fell: {fell} (allowed {ALLOWED_FALL})")
        d.finish()

    return script


def switch_page(d: Driver, window: Any, key: str, round_number: int) -> Step:
    """Ctrl+N in even rounds, a click on the page list in odd ones."""
    number = PAGE_KEYS.index(key) + 1
    if QApplication.activeWindow() is not window:
        # The offscreen platform has no window manager to give the window back its focus
        # when a dialog closes; a desktop does.
        window.activateWindow()
        yield ("the main window to be active", lambda: QApplication.activeWindow() is window)
    if round_number % 2 == 0:
        d.key(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    else:
        nav = window.nav
        rect = nav.visualItemRect(nav.item(number - 1))
        d.click(nav.viewport(), rect.center())
    yield ("page " + key, lambda: window.current_page() == key)
    yield 50


def browse_list(
    d: Driver, page: Any, rng: random.Random, counters: dict[str, int], long: bool
) -> Step:
    view: QTableView = page.view
    yield (f"the {page.objectName()} rows", lambda: page.model.rowCount() > 0)
    header = view.horizontalHeader()
    for _ in range(2):  # sort by clicking headers
        column = rng.randrange(page.model.columnCount())
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        d.click(header.viewport(), QPoint(max(1, x), header.height() // 2))
        counters["sorts"] += 1
        yield 30
    search = page.search_box
    d.type_ascii(search, rng.choice(("hop tac", "nguyen", "xa", "a", "thi", "lop")))
    yield 250  # past the search debounce
    d.key(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    d.key(search, Qt.Key.Key_Backspace)
    yield 250
    for _ in range(3):
        d.wheel(view.viewport(), rng.choice((-3, -1, 1, 3)))
        yield 10
    if page.model.rowCount() == 0:
        return
    view.setFocus()
    d.click(view.viewport(), view.visualRect(page.model.index(0, 0)).center())
    presses = 1500 if long else 100
    for number in range(presses):  # arrow keys through the rows (the fastest leak on 6.12)
        key = Qt.Key.Key_Down if (number // 30) % 2 == 0 else Qt.Key.Key_Up
        d.key(view, key)
        counters["arrows"] += 1
        if number % 20 == 19:
            yield 0
    d.key(view, Qt.Key.Key_PageDown)
    d.key(view, Qt.Key.Key_PageUp)
    yield 20
    yield from open_and_cancel(d, lambda: d.key(view, Qt.Key.Key_Return), counters)
    new_button = page.findChild(QPushButton, "newButton")
    if new_button is not None:
        yield from open_and_cancel(d, lambda: d.click(new_button), counters)


def open_and_cancel(d: Driver, open_it: Callable[[], None], counters: dict[str, int]) -> Step:
    open_it()
    yield ("a record form", lambda: record_dialog() is not None)
    dialog = record_dialog()
    yield 150
    d.key(dialog, Qt.Key.Key_Escape)
    yield ("the form to close", lambda: record_dialog() is None)
    counters["dialogs"] += 1


def change_period(d: Driver, page: Any, rng: random.Random, counters: dict[str, int]) -> Step:
    combo = page.findChild(QComboBox, "periodCombo")
    done = {"n": 0}

    def computed() -> None:
        done["n"] += 1

    page.computed.connect(computed)
    for _ in range(2):
        before = done["n"]
        down = combo.currentIndex() < combo.count() - 1 and rng.random() < 0.5
        d.key(combo, Qt.Key.Key_Down if down or combo.currentIndex() == 0 else Qt.Key.Key_Up)
        yield ("the dashboard figures", lambda before=before: done["n"] > before)
        counters["periods"] += 1
    page.computed.disconnect(computed)


def build_preview(d: Driver, page: Any, counters: dict[str, int]) -> Step:
    button = page.findChild(QAbstractButton, "previewButton")
    ready = {"n": 0}

    def shown(_pages: int) -> None:
        ready["n"] += 1

    page.preview_ready.connect(shown)
    yield ("the preview button", lambda: button.isEnabled())
    d.click(button)
    yield ("the report preview", lambda: ready["n"] > 0)
    counters["previews"] += 1
    page.preview_ready.disconnect(shown)
    yield 300


# --- the draft story ---------------------------------------------------------------------


def draft_script(text: str) -> Callable[[Driver], Step]:
    def script(d: Driver) -> Step:
        window = yield from wait_for_window(d)
        if window is None:
            return
        yield from switch_page(d, window, "cooperatives", 0)
        page = window.page("cooperatives")
        d.click(page.findChild(QPushButton, "newButton"))
        yield ("the new cooperative form", lambda: record_dialog() is not None)
        dialog = record_dialog()
        type_text(dialog.findChild(QWidget, "field_name"), text)
        d.actions += len(text)
        drafts = Path(window.ctx.db.path).parent / "drafts"

        def on_disk() -> bool:
            return any(text in p.read_text(encoding="utf-8") for p in drafts.glob("*.json"))

        yield ("the draft on disk", on_disk)
        print("DRAFT-SAVED", flush=True)
        while True:  # typing on; the test kills the process here
            yield 1000

    return script


def restart_script() -> Callable[[Driver], Step]:
    def script(d: Driver) -> Step:
        asked: list[dict[str, str]] = []
        restored = ""
        deadline = time.monotonic() + WAIT_LIMIT_S
        while time.monotonic() < deadline:
            for box in visible_boxes():
                asked.append({"title": box.windowTitle(), "text": box.text()})
                accept = [
                    b
                    for b in box.buttons()
                    if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
                ]
                if "nhập dở" in box.text() and accept:
                    accept[0].click()  # yes, open the drafts again
                else:
                    box.reject()  # "not now" to anything else (the log folder)
                d.actions += 1
            dialog = record_dialog()
            if dialog is not None:
                yield 300
                restored = field_text(dialog.findChild(QWidget, "field_name"))
                break
            yield 50
        d.result = {"asked": asked, "restored": restored}
        d.finish()

    return script


def main(argv: list[str]) -> int:
    from htx_desktop.__main__ import main as app_main
    from htx_desktop.app import make_application

    mode = argv[0]
    make_application()
    if mode == "soak":
        seconds = float(argv[1])
        seed = int(argv[2]) if len(argv) > 2 else 14
        driver = Driver(soak_script(seconds, seed))
    elif mode == "draft":
        driver = Driver(draft_script(argv[1]))
    elif mode == "restart":
        driver = Driver(restart_script())
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    rc = app_main(["--demo"])
    driver.result["errors"] = driver.errors
    driver.result["app_exit_code"] = rc
    label = "SOAK-RESULT" if mode == "soak" else "RESTART-RESULT"
    print(label, json.dumps(driver.result, ensure_ascii=False), flush=True)
    return 0 if rc == 0 and not driver.errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
