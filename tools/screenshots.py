"""Take the screenshots of the user guide from the real application, offscreen.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out resources/help/vi/img]

Builds the demo database in a temporary folder (the officer's own data and settings are never
touched: HOME and the XDG folders are pointed there too), opens the real main window on each
page and the real dialogs, lets the event loop paint, and grabs PNGs. Run it again after any
change to the interface so the guide shows what the officer will see.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "help" / "vi" / "img"
SIZE = (1180, 760)


def _isolate(base: Path) -> None:
    """Before Qt or platformdirs is imported: every user folder inside `base`, and an offscreen
    screen with room for the window at its preferred size (the platform's default 800 × 800
    screen would get it maximised, as on a netbook)."""
    screen = base / "screen.json"
    screen.write_text('{"screens": [{"name": "shots", "width": 1920, "height": 1080}]}')
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
    for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("APPDATA", "appdata"),
                     ("LOCALAPPDATA", "localappdata")):
        (base / sub).mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(base / sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="htx-shots-") as tmp:
        _isolate(Path(tmp))
        sys.path.insert(0, str(ROOT))
        return _shoot(Path(tmp), out)


def _shoot(tmp: Path, out: Path) -> int:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QWidget

    from htx_desktop.app import make_application
    from htx_desktop.demo import create_demo_database
    from htx_desktop.storage.database import open_database
    from htx_desktop.ui.about_dialog import AboutDialog
    from htx_desktop.ui.backup_reminder import DISMISSED_KEY
    from htx_desktop.ui.context import AppContext, load_scope
    from htx_desktop.ui.help_viewer import HelpViewer
    from htx_desktop.ui.main_window import MainWindow, install_language
    from htx_desktop.ui.tasks import TaskRunner
    from htx_desktop.ui.window_state import WindowState, make_settings
    from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog

    app = make_application()
    install_language("vi")
    path = tmp / "demo.sqlite3"
    create_demo_database(path)
    db = open_database(path)
    scope = load_scope(db)
    assert scope is not None
    runner = TaskRunner()
    ctx = AppContext(db, scope, runner, lang="vi")
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)

    def settle(ms: int = 600) -> None:
        runner.wait(30_000)
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        runner.wait(30_000)
        loop = QEventLoop()
        QTimer.singleShot(200, loop.quit)
        loop.exec()

    taken: list[str] = []

    def grab(widget: QWidget, name: str) -> None:
        settle()
        target = out / f"{name}.png"
        if not widget.grab().save(str(target), "PNG"):
            raise RuntimeError(f"could not write {target}")
        taken.append(target.name)

    # The pages are shown as on a day the backup reminder was put off; it has a shot of its own.
    make_settings().setValue(DISMISSED_KEY, date.today().isoformat())
    window = MainWindow(ctx, window_state=WindowState(settings), offer_drafts=False)
    window.resize(*SIZE)
    window.show()
    pages: list[tuple[str, str]] = [
        ("overview", "tong-quan"), ("cooperatives", "hop-tac-xa"), ("groups", "to-hop-tac"),
        ("cadres", "can-bo"), ("trainings", "tap-huan"), ("exchange", "xuat-nhap"),
        ("reports", "bao-cao"), ("settings", "cai-dat"),
    ]
    for key, name in pages:
        window.show_page(key)
        grab(window, name)
    make_settings().remove(DISMISSED_KEY)  # the band and the backup box, each on its own
    window.backup_reminder.refresh()
    window.show_page("settings")
    grab(window.backup_reminder, "nhac-sao-luu")
    grab(window.pages["settings"].backup_widget.parentWidget(), "sao-luu")

    dialogs: list[tuple[str, Callable[[], QWidget]]] = [
        ("nhap-excel", lambda: XlsxImportDialog(
            ctx, window, ROOT / "tests" / "fixtures" / "legacy-list.xlsx")),
        ("gioi-thieu", lambda: AboutDialog(db.path, tmp / "data", window)),
        ("tro-giup", lambda: HelpViewer(window)),
    ]
    for name, make in dialogs:
        dialog = make()
        dialog.show()
        grab(dialog, name)
        dialog.close()
    window.close()
    runner.wait(30_000)
    db.close()
    app.processEvents()
    for name in taken:
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
