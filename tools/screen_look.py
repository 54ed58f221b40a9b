"""Look at the application on small screens, under a real X server and window manager.

    python tools/screen_look.py [--size 1024x600 --size 1366x768] [--taskbar 40]
                                [--out docs/screenshots] [--dialogs]

For each size: starts Xvfb with one screen of that size and openbox (Debian packages xvfb and
openbox) with a strip of `--taskbar` pixels kept free at the bottom, as a taskbar does, so
Qt's available geometry is smaller than the screen; opens the real main window on the demo
data in a throw-away home folder (the officer's own data and settings are never touched);
and saves the whole screen, window manager frames included, as `main-WxH.png`. With
`--page KEY` also that page (`page-KEY-WxH.png`), with `--dialogs` the main dialogs over the
window (`help-WxH.png`, `import-WxH.png`…). Look at the
PNGs: a cut-off status bar, a clipped card or a button off screen shows there first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "screenshots"
OPENBOX_RC = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>{bottom}</bottom><left>0</left><right>0</right></margins>
</openbox_config>
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", action="append", help="WIDTHxHEIGHT (repeatable)")
    parser.add_argument("--taskbar", type=int, default=40, help="pixels kept free at the bottom")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--dialogs", action="store_true", help="also the main dialogs")
    parser.add_argument("--page", action="append", default=[],
                        help="also this page of the main window (repeatable: reports, …)")
    parser.add_argument("--inside", help=argparse.SUPPRESS)  # the child run on the X display
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.inside:
        return _inside(args.inside, out, args.dialogs, args.page)
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not installed (Debian packages: xvfb, openbox)")
    for size in args.size or ["1024x600", "1366x768"]:
        _look(size, args.taskbar, out, args.dialogs, args.page)
    return 0


def _look(size: str, taskbar: int, out: Path, dialogs: bool, pages: list[str]) -> None:
    width, _, height = size.partition("x")
    with tempfile.TemporaryDirectory(prefix="htx-look-") as tmp_name:
        tmp = Path(tmp_name)
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            display = ":" + pipe.readline().strip()
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
        for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"),
                         ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                         ("XDG_STATE_HOME", "state")):
            (tmp / sub).mkdir()
            env[var] = str(tmp / sub)
        rc = tmp / "openbox.xml"
        rc.write_text(OPENBOX_RC.format(bottom=taskbar), encoding="utf-8")
        wm = subprocess.Popen(["openbox", "--config-file", str(rc)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            subprocess.run(
                [sys.executable, __file__, "--inside", size, "--out", str(out),
                 *(["--dialogs"] if dialogs else []),
                 *(arg for page in pages for arg in ("--page", page))],
                env=env, check=True, timeout=300,
            )
        finally:
            wm.terminate()
            wm.wait(10)
            xvfb.terminate()
            xvfb.wait(10)


def _inside(size: str, out: Path, dialogs: bool, pages: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from htx_desktop.app import make_application, open_main_window
    from htx_desktop.demo import create_demo_database
    from htx_desktop.storage.database import open_database

    app = make_application()
    path = Path(os.environ["XDG_DATA_HOME"]) / "demo.sqlite3"
    create_demo_database(path)
    db = open_database(path)
    window = open_main_window(db)
    assert window is not None
    runner = window.ctx.runner

    def settle(ms: int = 1200) -> None:
        runner.wait(30_000)
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)  # the window manager frames and maps the window
        loop.exec()

    def shoot(name: str) -> None:
        settle()
        screen = QGuiApplication.primaryScreen()
        target = out / f"{name}-{size}.png"
        if not screen.grabWindow(0).save(str(target), "PNG"):
            raise RuntimeError(f"could not write {target}")
        available = screen.availableGeometry()
        print(target, f"(available {available.width()}x{available.height()})")

    window.show()
    shoot("main")
    for page in pages:
        window.show_page(page)
        shoot(f"page-{page}")
    window.show_page("overview")
    if dialogs:
        exchange = window.pages["exchange"]
        steps: list[tuple[str, Callable[[], QWidget]]] = [
            ("help", lambda: (window.show_help("nhap"), window.help_viewer)[1]),
            ("import", lambda: exchange.open_import()),
            ("export", lambda: exchange.open_export()),
            ("record", lambda: window.pages["cooperatives"].new_record()),
            ("xlsx", lambda: _xlsx_dialog(window)),
        ]
        for name, open_dialog in steps:
            dialog = open_dialog()
            shoot(name)
            dialog.close()
    window.close()
    runner.wait(30_000)
    db.close()
    app.processEvents()
    return 0


def _xlsx_dialog(window: Any) -> Any:
    from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog

    dialog = XlsxImportDialog(window.ctx, window, ROOT / "tests" / "fixtures" / "legacy-list.xlsx")
    dialog.open()
    return dialog


if __name__ == "__main__":
    sys.exit(main())
