"""Take the user guide's screenshots from the real application with its demo data, offscreen.

    python tools/screenshots.py [--lang vi|en|all] [--out FOLDER]

Builds the demo database in a temporary folder (the officer's own data and settings are never
touched: HOME and the XDG folders are pointed there too), opens the real main window at
1366 × 768 (a common office laptop) on each page and the real dialogs, lets the event loop
paint, and grabs PNGs into `resources/help/<lang>/img` (or `--out`). Run it again after any
change to the interface so the guide shows what the officer will see; then look at the images.

The temporary folder must not show in the guide: a path the window displays (the data file in
Settings and About) is shown as the one an officer's Windows computer would have.
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
SIZE = (1366, 768)
#: Where the data folder is on an officer's Windows computer (platformdirs' user_data_dir).
SHOWN_DATA_DIR = r"C:\Users\Hoa\AppData\Local\HoiLHPN\HTXDesktop"
#: page key -> image name; the guide's pages use these names (tests check they exist).
PAGE_IMAGES: dict[str, str] = {
    "overview": "tong-quan", "cooperatives": "hop-tac-xa", "groups": "to-hop-tac",
    "cadres": "can-bo", "trainings": "tap-huan", "exchange": "xuat-nhap",
    "reports": "bao-cao", "settings": "cai-dat",
}


def _isolate(base: Path) -> None:
    """Before Qt or platformdirs is imported: every user folder inside `base`, and an offscreen
    screen a little larger than the window (so it is not maximised as on a netbook)."""
    screen = base / "screen.json"
    screen.write_text('{"screens": [{"name": "shots", "width": 1920, "height": 1080}]}')
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("APPDATA", "appdata"),
                     ("LOCALAPPDATA", "localappdata")):
        (base / sub).mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(base / sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("vi", "en", "all"), default="all")
    parser.add_argument("--out", type=Path, help="folder for the PNGs (one language only)")
    args = parser.parse_args(argv)
    languages = ["vi", "en"] if args.lang == "all" else [args.lang]
    with tempfile.TemporaryDirectory(prefix="htx-shots-") as tmp:
        _isolate(Path(tmp))
        sys.path.insert(0, str(ROOT))
        for lang in languages:
            out = args.out or ROOT / "resources" / "help" / lang / "img"
            out.resolve().mkdir(parents=True, exist_ok=True)
            for path in _shoot(Path(tmp) / lang, out.resolve(), lang):
                print(path)
    return 0


def _shoot(tmp: Path, out: Path, lang: str) -> list[Path]:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

    from htx_desktop.app import make_application
    from htx_desktop.demo import create_demo_database
    from htx_desktop.storage.database import open_database
    from htx_desktop.ui.about_dialog import AboutDialog
    from htx_desktop.ui.backup_reminder import DISMISSED_KEY
    from htx_desktop.ui.context import AppContext, load_scope
    from htx_desktop.ui.main_window import MainWindow, install_language
    from htx_desktop.ui.setup_wizard import SetupWizard
    from htx_desktop.ui.tasks import TaskRunner
    from htx_desktop.ui.window_state import WindowState, make_settings
    from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog

    tmp.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or make_application()
    install_language(lang)
    path = tmp / "demo.sqlite3"
    create_demo_database(path)
    db = open_database(path)
    scope = load_scope(db)
    assert scope is not None
    runner = TaskRunner()
    ctx = AppContext(db, scope, runner, lang=lang)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)

    def settle(ms: int = 600) -> None:
        for wait in (ms, 200):
            runner.wait(30_000)
            loop = QEventLoop()
            QTimer.singleShot(wait, loop.quit)
            loop.exec()

    def hide_temporary_paths(widget: QWidget) -> None:
        """Show the paths an officer's computer would have, not this script's temp folder."""
        for child in widget.findChildren(QLabel) + widget.findChildren(QLineEdit):
            text = child.text()
            if str(tmp) in text:
                shown = text.replace(str(tmp / "data"), SHOWN_DATA_DIR)
                shown = shown.replace(str(tmp), SHOWN_DATA_DIR)
                child.setText(shown.replace("/", "\\") if "\\" in shown else shown)

    taken: list[Path] = []

    def grab(widget: QWidget, name: str) -> None:
        settle()
        hide_temporary_paths(widget)
        app.processEvents()
        target = out / f"{name}.png"
        if not widget.grab().save(str(target), "PNG"):
            raise RuntimeError(f"could not write {target}")
        taken.append(target)

    # The pages are shown as on a day the backup reminder was put off; it has a shot of its own.
    make_settings().setValue(DISMISSED_KEY, date.today().isoformat())
    window = MainWindow(ctx, window_state=WindowState(settings), offer_drafts=False)
    window.resize(*SIZE)
    window.show()
    for key, name in PAGE_IMAGES.items():
        window.show_page(key)
        grab(window, name)
    make_settings().remove(DISMISSED_KEY)  # the band and the backup box, each on its own
    window.backup_reminder.refresh()
    window.show_page("settings")
    grab(window.backup_reminder, "nhac-sao-luu")
    grab(window.pages["settings"].backup_widget.parentWidget(), "sao-luu")

    def record_dialog() -> QWidget:
        window.show_page("cooperatives")
        settle()
        page = window.page("cooperatives")
        page.view.selectRow(0)
        dialog = page.open_record()
        assert dialog is not None
        return dialog

    dialogs: list[tuple[str, Callable[[], QWidget]]] = [
        ("nhap-lieu", record_dialog),
        ("nhap-excel", lambda: XlsxImportDialog(
            ctx, window, ROOT / "tests" / "fixtures" / "legacy-list.xlsx")),
        ("gioi-thieu", lambda: AboutDialog(
            Path(SHOWN_DATA_DIR + "\\htx.sqlite3"), Path(SHOWN_DATA_DIR), window)),
        ("thiet-lap", lambda: SetupWizard(open_database(tmp / "new.sqlite3"), window)),
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
    return taken


if __name__ == "__main__":
    sys.exit(main())
