"""Take the user guide's screenshots from the real application with its demo data, offscreen.

    python tools/screenshots.py [--lang vi|en|all] [--out FOLDER]

Builds the demo database in a temporary folder (the officer's own data and settings are never
touched: HOME and the XDG folders are pointed there too), opens the real main window at
1366 × 768 (a common office laptop) on each page and the real dialogs, lets the event loop
paint, and grabs PNGs into `resources/help/<lang>/img` (or `--out`). Run it again after any
change to the interface so the guide shows what the officer will see; then look at the images.

The temporary folder must not show in the guide: a path the window displays (the data file in
Settings and About) is shown as the one an officer's Windows computer would have, and so is the
USB token driver Settings offers (this computer's own Linux driver would show otherwise).

    python tools/screenshots.py --docs

takes the screens added for issue 18 (the reports page's narrative tab, the records behind an
overview card, a list's print preview, the backup box) in Vietnamese on a 1366 × 768 and a
1024 × 600 screen into `docs/screenshots/<screen>-<W>x<H>.png`. The demo unit is a commune,
which has no import ledger, so the ledger tab has no picture.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)
#: Where the data folder is on an officer's Windows computer (platformdirs' user_data_dir).
SHOWN_DATA_DIR = r"C:\Users\Hoa\AppData\Local\HoiLHPN\HTXDesktop"
#: A token driver path as on an officer's Windows computer (a vendor's PKCS#11 library).
SHOWN_TOKEN_DRIVER = r"C:\Windows\System32\eTPKCS11.dll"
DOCS = ROOT / "docs" / "screenshots"
DOCS_SIZES = ("1366x768", "1024x600")
#: Sample assessment typed on the narrative tab for its picture: section key -> (vi, en).
NARRATIVE_SAMPLE: dict[str, tuple[str, str]] = {
    "assessment": (
        "Hội LHPN xã đã phối hợp hỗ trợ thành lập mới 01 HTX do phụ nữ quản lý; 85 % nữ quản lý "
        "HTX, tổ hợp tác được tập huấn kiến thức quản trị.",
        "The commune Women's Union helped set up 1 new cooperative managed by women; 85 % of "
        "women managers of cooperatives and groups were trained in management.",
    ),
    "difficulties": (
        "Một số tổ hợp tác hoạt động cầm chừng, thiếu vốn và thị trường tiêu thụ ổn định.",
        "Some cooperative groups barely operate, lacking capital and steady markets.",
    ),
}
#: page key -> image name; the guide's pages use these names (tests check they exist).
PAGE_IMAGES: dict[str, str] = {
    "overview": "tong-quan", "cooperatives": "hop-tac-xa", "groups": "to-hop-tac",
    "cadres": "can-bo", "trainings": "tap-huan", "exchange": "xuat-nhap",
    "reports": "bao-cao", "settings": "cai-dat",
}


def _isolate(base: Path, size: str = "1920x1080") -> None:
    """Before Qt or platformdirs is imported: every user folder inside `base`, and an offscreen
    screen of `size`: for the guide a little larger than the window (so it is not maximised as
    on a netbook), for the docs' pictures the screen itself."""
    width, _, height = size.partition("x")
    screen = base / "screen.json"
    screen.write_text(
        f'{{"screens": [{{"name": "shots", "width": {width}, "height": {height}}}]}}'
    )
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
    parser.add_argument("--docs", action="store_true",
                        help=f"the new screens at {' and '.join(DOCS_SIZES)} into docs/screenshots")
    parser.add_argument("--docs-size", help=argparse.SUPPRESS)  # one size, in a child process
    args = parser.parse_args(argv)
    if args.docs:  # one process per size: the screen's size is fixed when Qt starts
        for size in DOCS_SIZES:
            subprocess.run([sys.executable, __file__, "--docs-size", size], check=True)
        return 0
    if args.docs_size:
        with tempfile.TemporaryDirectory(prefix="htx-shots-") as tmp:
            _isolate(Path(tmp), args.docs_size)
            sys.path.insert(0, str(ROOT))
            for path in _shoot(Path(tmp) / "vi", DOCS, "vi", args.docs_size):
                print(path)
        return 0
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


def _shoot(tmp: Path, out: Path, lang: str, docs_size: str = "") -> list[Path]:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget

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
        for combo in widget.findChildren(QComboBox, "tokenModule"):
            combo.clear()  # this computer's driver (/usr/lib/…) is not what an officer sees
            combo.addItem(SHOWN_TOKEN_DRIVER, SHOWN_TOKEN_DRIVER)

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
    if not docs_size:
        window.resize(*SIZE)
    window.show()
    if docs_size:
        def grab_screen(widget: QWidget, name: str) -> None:
            """The whole screen, as the officer sees the window with the dialog over it."""
            settle()
            hide_temporary_paths(window)
            hide_temporary_paths(widget)
            app.processEvents()
            target = out / f"{name}-{docs_size}.png"
            # Painted here from the windows' own pictures: the offscreen screen's grab leaves
            # noise where no window is.
            screen = QPixmap(QGuiApplication.primaryScreen().size())
            screen.fill(QColor("#3a6ea5"))  # a plain desktop
            painter = QPainter(screen)
            for shown in (window, widget) if widget is not window else (window,):
                painter.drawPixmap(shown.frameGeometry().topLeft(), shown.grab())
            painter.end()
            if not screen.save(str(target), "PNG"):
                raise RuntimeError(f"could not write {target}")
            taken.append(target)

        for name, make in _new_screens(window, settle, lang):
            shown = make()
            grab_screen(shown, name)
            if shown is not window:
                shown.close()
        window.close()
        runner.wait(30_000)
        db.close()
        return taken
    for key, name in PAGE_IMAGES.items():
        window.show_page(key)
        grab(window, name)
    guide_names = {"reports-narrative": "bao-cao-danh-gia", "indicator-records": "chi-so-ho-so",
                   "list-print-preview": "in-danh-sach"}
    for name, make in _new_screens(window, settle, lang):
        if name in guide_names:
            shown = make()
            grab(shown, guide_names[name])
            if shown is not window:
                shown.close()
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


def _new_screens(
    window: Any, settle: Callable[[], None], lang: str
) -> list[tuple[str, Callable[[], Any]]]:
    """The screens added for issue 18: (docs name, make it show and return what to grab)."""

    def narrative() -> Any:
        window.show_page("reports")
        page = window.page("reports")
        page.tabs.setCurrentWidget(page.narrative)
        settle()
        for key, texts in NARRATIVE_SAMPLE.items():
            edit = page.narrative.edits.get(key)
            if edit is not None and not edit.toPlainText():
                edit.setPlainText(texts[1] if lang == "en" else texts[0])
        return window

    def indicator_records() -> Any:
        window.show_page("overview")
        settle()
        page = window.page("overview")
        dialog = page.open_records("htx_women_managed")
        assert dialog is not None, "the overview has no figures"
        return dialog

    def print_preview() -> Any:
        window.show_page("cooperatives")
        settle()
        return window.page("cooperatives").print_preview()

    def backup_box() -> Any:
        window.show_page("settings")
        page = window.page("settings")
        settle()
        box = page.backup_widget.parentWidget()
        for scroll in page.findChildren(QScrollArea):
            scroll.ensureWidgetVisible(box, 0, 0)
        return window

    from PySide6.QtWidgets import QScrollArea

    return [
        ("reports-narrative", narrative),
        ("indicator-records", indicator_records),
        ("list-print-preview", print_preview),
        ("settings-backup", backup_box),
    ]


if __name__ == "__main__":
    sys.exit(main())
