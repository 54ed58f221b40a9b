"""4. Interface with 100,000 cooperatives: the list page's first paint, a filter keystroke's
refresh, and start-up to the main window.

What each figure covers:
- "list load (worker thread)": the page's loader (one query, rows built as plain tuples), timed
  from the refresh request to the rows arriving on the GUI thread.
- "first paint": from the rows arriving on the GUI thread (in memory) to the page painted:
  model reset, filters, column fitting and a synchronous repaint of the page.
- "filter keystroke": one search text change applied (the page's debounce timer bypassed) and
  the view repainted.
- "start-up": a fresh interpreter from launch to the main window shown and painted, on the same
  database, through the real launcher (`htx-desktop --db`: lock, integrity check, start-up
  backup, migration check, window build), with compiled bytecode as an installed copy has;
  also the window alone (imports, QApplication, fonts, migration check, window build).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.benchmark
PROVINCE = "51"


def build_database(template: Path, path: Path, count: int) -> Path:
    """A province officer's database with `count` cooperatives (cached between runs)."""
    if path.exists():
        return path
    from sqlalchemy import insert

    from htx_desktop.demo import vocabulary as voc
    from htx_desktop.demo.builder import Builder
    from htx_desktop.registry.profile import create_profile
    from htx_desktop.storage.engine import Database
    from htx_desktop.storage.models import Cooperative
    from htx_desktop.storage.units import COMMUNE, official_units

    partial = path.with_suffix(".part")
    shutil.copyfile(template, partial)
    communes = sorted(
        u.code for u in official_units() if u.province_code == PROVINCE and u.level == COMMUNE
    )
    rows: dict = {}
    b = Builder(random.Random(f"htx-ui-bench:{count}"), rows)
    statuses = [("hoat_dong", 85), ("tam_ngung", 10), ("giai_the", 5)]
    for i in range(count):
        code = communes[i % len(communes)]
        kind = b.rng.choice(voc.HTX_KINDS)
        village = b.rng.choice(voc.VILLAGES)
        b.add(
            Cooperative, code, date(2020, 1, 1),
            name=kind.name.format(place=village, village=village) + f" {i}",
            registration_code=f"43{i:08d}", commune_code=code,
            address=f"Thôn {village}", sector=kind.sector,
            status=b.rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0],
            established_on=date(2000 + i % 25, 1 + i % 12, 1),
            union_supported=b.rng.random() < 0.7, newly_founded=b.rng.random() < 0.2,
            difficult_area=False, value_chain=False, ecommerce=False, ocop_products=None,
        )
    db = Database(partial)
    try:
        with db.session() as s:
            create_profile(s, PROVINCE, "Đỗ Thị Mai", "Chủ tịch Hội LHPN tỉnh")
            s.execute(insert(Cooperative), rows[Cooperative])
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    os.replace(partial, path)
    return path


@pytest.fixture(scope="module")
def big_db(bench_data, bench_size) -> Path:
    from htx_desktop.scale.national import _template

    return build_database(
        _template(bench_data), bench_data / f"ui-{bench_size.rows}.sqlite3", bench_size.rows
    )


def test_list_page_first_paint_and_filter(big_db, tmp_path, qtbot, record):
    from htx_desktop.storage.engine import Database
    from htx_desktop.ui.context import AppContext, load_scope
    from htx_desktop.ui.pages.cooperative_page import CooperativePage
    from htx_desktop.ui.tasks import TaskRunner

    path = tmp_path / "ui.sqlite3"
    shutil.copyfile(big_db, path)
    db = Database(path)
    runner = TaskRunner()
    try:
        scope = load_scope(db)
        ctx = AppContext(db, scope, runner)
        page = CooperativePage(ctx)
        qtbot.addWidget(page)
        page.resize(1280, 800)
        marks: dict[str, float] = {}
        original = page._loaded

        def timed(generation, result):
            marks.setdefault("arrived", time.perf_counter())
            original(generation, result)
            page.repaint()
            marks.setdefault("painted", time.perf_counter())

        page._loaded = timed
        original_refresh = page.refresh

        def timed_refresh():
            marks.setdefault("requested", time.perf_counter())
            original_refresh()

        page.refresh = timed_refresh
        with qtbot.waitSignal(page.loaded, timeout=120_000):
            page.show()
        rows = page.model.total_count
        assert rows > 0
        load = marks["arrived"] - marks["requested"]
        paint = marks["painted"] - marks["arrived"]
        record(f"list load, worker thread ({rows:,} rows)", 1000 * load, "ms",
               note="query + building rows, off the GUI thread")
        record(f"list first paint ({rows:,} rows in memory)", 1000 * paint, "ms",
               goal="goal ≤300 ms")
        times = []
        for text in ("h", "ho", "hop", "hop ", "hop t", "hop ta", "hop tac", "hop tac x",
                     "hop tac xa n", "hop tac xa nong", "", "1", "12", "123"):
            page.search_box.setText(text)
            t0 = time.perf_counter()
            page.apply_search()
            page.view.viewport().repaint()
            times.append(time.perf_counter() - t0)
        record(f"filter keystroke ({rows:,} rows)", 1000 * statistics.median(times), "ms",
               goal="goal ≤100 ms", note=f"median of {len(times)}; max {1000 * max(times):.0f} ms")
    finally:
        runner.wait()
        db.close()


STARTUP = r"""
import os, sys
from pathlib import Path
from htx_desktop.app import make_application, open_main_window
from htx_desktop.storage.database import open_database
app = make_application()
db = open_database(Path(sys.argv[1]))
window = open_main_window(db)
window.show()
window.repaint()
print("shown", flush=True)
os._exit(0)
"""

#: The real launcher, as `htx-desktop --db PATH` runs it (`__main__.main` -> `run_gui`: command
#: line, single-instance lock, integrity check, start-up backup, open + migrate, main window,
#: daily-backup timer). Only the event loop is replaced, in this script and not in the
#: application: where `run_gui` would start it, the shown window is painted and the process
#: leaves. A changed start-up that no longer reaches `app.exec()` fails the run ("shown").
REAL_STARTUP = r"""
import os, sys
from PySide6.QtWidgets import QApplication
import htx_desktop.app as app_module

class FirstPaint(QApplication):
    def exec(self):
        for widget in self.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.isVisible():
                widget.repaint()
                print("shown", flush=True)
                os._exit(0)
        print("no main window", flush=True)
        os._exit(3)

app_module.QApplication = FirstPaint  # make_application creates the app through this name
from htx_desktop.__main__ import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def launch(script: str, path: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", script, str(path)], env=env,
                          capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    assert "shown" in proc.stdout, proc.stdout[-500:] + proc.stderr[-2000:]
    return elapsed


def test_startup_to_main_window(big_db, tmp_path, bench_data, record):
    path = tmp_path / "start.sqlite3"
    shutil.copyfile(big_db, path)
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    # An installed application runs compiled bytecode (the installer freezes it, pip compiles
    # it): with PYTHONDONTWRITEBYTECODE every launch would compile the sources again (~0.1-0.2
    # s). Bytecode goes to the benchmark's data folder, compiled by an untimed first launch on
    # a copy of the file.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(bench_data / "pycache")
    from htx_desktop.storage.database import open_database

    warm = tmp_path / "warm.sqlite3"
    shutil.copyfile(big_db, warm)
    for copy in (path, warm):  # the cached file may predate a migration: not timed here
        open_database(copy).close()
    launch(REAL_STARTUP, warm, env)
    # The first start on a file changed since its last copy takes the start-up backup; the
    # following ones (nothing changed) do not.
    first = launch(REAL_STARTUP, path, env)
    runs = [launch(REAL_STARTUP, path, env) for _ in range(3)]
    scripted = [launch(STARTUP, path, env) for _ in range(3)]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - start
    record("start-up to main window painted (htx-desktop --db)", min(runs), "s", bare,
           goal="goal ≤1.5 s",
           note=f"best of 3 (all: {', '.join(f'{r:.2f}' for r in runs)}); with the start-up "
                f"backup: {first:.2f}; baseline: bare interpreter start")
    record("start-up, window only (no lock, check or backup)", min(scripted), "s", bare,
           note=f"best of 3 (all: {', '.join(f'{r:.2f}' for r in scripted)}): "
                "make_application + open_database + open_main_window in a script")
