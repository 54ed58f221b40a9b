"""Crashes that really happen: a child process saving records, importing bundles or exporting
one is killed outright (SIGKILL on POSIX, TerminateProcess on Windows: no clean-up code runs)
at a random moment, as a power cut or a frozen laptop would. Afterwards the database must be
sound and hold exactly what was committed, an import must be redoable to the same final state,
and no half-written bundle may exist under a bundle's name.

The moments are random; the seed is printed in every failure message and can be replayed with
``HTX_CRASH_SEED=<seed>``.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bundle_fixtures import PASSPHRASE, make_officer, quang_ngai_communes

from htx_desktop.exchange.service import import_files, trust_certificate
from htx_desktop.exchange.verification import verify_bundle
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.integrity import check_integrity
from htx_desktop.storage.models import SYNCED_MODELS

PERIOD = "2025-H1"
RUNS = 5
SEED = int(os.environ.get("HTX_CRASH_SEED") or time.time_ns() % 2**32)
STATE_TABLES = [m.__tablename__ for m in SYNCED_MODELS]
#: What the audit trail says of each import (its time aside): which bundle wrote which record.
IMPORT_ENTRIES = (
    "SELECT table_name, record_id, new_value, bundle_sha256, origin_sha256 FROM audit_entry "
    "WHERE action = 'import'"
)

CHILD = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path

    mode, db_path = sys.argv[1], Path(sys.argv[2])
    # What the work needs is imported before "ready", so the kill lands in the work itself.
    from htx_desktop.storage.database import open_database
    if mode == "saves":
        from htx_desktop.registry.records import create_record
        from htx_desktop.registry.validation import ValidationContext
    else:
        import pyhanko.sign.signers, pyhanko.sign.validation
        from htx_desktop.exchange.bundle import export_bundle
        from htx_desktop.exchange.service import import_files
    if mode == "export":
        import openpyxl, reportlab
        from htx_desktop.reports import build

    db = open_database(db_path)
    print("ready", flush=True)
    started = time.perf_counter()
    if mode == "saves":
        unit = sys.argv[3]
        ctx = ValidationContext(communes={unit})
        number = 0
        while True:  # one transaction per record, as the entry form saves
            with db.session() as session:
                record = create_record(
                    session, "cooperative",
                    {"name": f"HTX Thử số {number}", "commune_code": unit, "sector": "dich_vu"},
                    unit, ctx,
                )
                record_id = record.id
            print(record_id, flush=True)  # only after the commit returned
            number += 1
    elif mode == "import":
        import_files(db, [Path(p) for p in sys.argv[3:]])
    elif mode == "export":
        with db.session() as session:
            export_bundle(session, sys.argv[3], sys.argv[4], Path(sys.argv[5]))
    print(f"done {time.perf_counter() - started:.3f}", flush=True)
    """
)


@dataclass
class Run:
    index: int
    delay: float
    stdout: list[str]
    stderr: str

    def why(self) -> str:
        return f"(HTX_CRASH_SEED={SEED}, run {self.index}, killed after {self.delay:.2f} s)"

    @property
    def finished_in(self) -> float | None:
        """How long the work took, when it finished before the kill."""
        done = [line for line in self.stdout if line.startswith("done ")]
        return float(done[0].split()[1]) if done else None


class Crasher:
    """Kills children at random moments within the work. The window starts at a guess and
    shrinks to the duration of the work when a child finishes first (machines differ ten-fold
    in speed), so that the kills land in the work rather than after it."""

    def __init__(self, seed: int, low: float, high: float) -> None:
        self.rng = random.Random(seed)
        self.low, self.high = low, high
        self.index = 0

    def run(self, *args: str | Path) -> Run:
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, *map(str, args)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        )
        assert proc.stdout is not None
        ready = proc.stdout.readline().strip()
        if ready != "ready":
            proc.kill()
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"the child did not start: {ready!r} {err}")
        delay = self.rng.uniform(self.low, self.high)
        time.sleep(delay)
        proc.kill()
        out, err = proc.communicate(timeout=30)
        run = Run(self.index, delay, out.splitlines(), err)
        self.index += 1
        if run.finished_in is not None:
            self.high = max(self.low + 0.01, min(self.high, 1.1 * run.finished_in))
        return run


def assert_some_killed_mid_work(runs: list[Run]) -> None:
    """At least one child died before it said "done": without it, the test would only have
    checked files written by processes that finished their work."""
    assert any(run.finished_in is None for run in runs), (
        f"every run finished before its kill (HTX_CRASH_SEED={SEED}); the crash was never "
        "tested"
    )


def assert_sound(path: Path, run: Run) -> None:
    report = check_integrity(path, quick=False)
    assert report.ok, f"{report.problems} {run.why()}"


def rows(path: Path, sql: str) -> set[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return set(con.execute(sql).fetchall())
    finally:
        con.close()


def state(path: Path) -> dict[str, set[tuple[object, ...]]]:
    """What an import leaves behind (receiver-local search keys aside)."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for table in STATE_TABLES:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            cols = [c for c in cols if c != "search_key"]
            out[table] = set(con.execute(f"SELECT {','.join(cols)} FROM {table}").fetchall())
        out["imports"] = set(con.execute(IMPORT_ENTRIES).fetchall())
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def crash_world(tmp_path_factory, e2e_template_db):
    root = tmp_path_factory.mktemp("crash")
    codes = quang_ngai_communes(2)
    officers = [
        make_officer(e2e_template_db, root / f"xa{i}", code, demo_seed=10 + i)
        for i, code in enumerate(codes)
    ]
    bundles = [o.export(PERIOD, root / f"out{i}") for i, o in enumerate(officers)]
    receiver = root / "tinh-mau.sqlite3"
    shutil.copyfile(e2e_template_db, receiver)
    db = open_database(receiver)
    with db.session() as s:
        create_profile(s, "51", "Lê Thị Lan", "Chủ tịch Hội LHPN tỉnh")
        for officer in officers:
            trust_certificate(s, officer.certificate_pem())
    db.close()
    reference = root / "tinh-tham-chieu.sqlite3"
    shutil.copyfile(receiver, reference)
    db = open_database(reference)
    assert all(o.ok for o in import_files(db, bundles))
    db.close()
    for officer in officers:
        officer.db.close()
    yield {
        "root": root,
        "officer_db": root / "xa0" / "htx.sqlite3",
        "unit": codes[0],
        "bundles": bundles,
        "receiver": receiver,
        "reference": state(reference),
    }


def test_killed_while_saving_keeps_exactly_the_committed_records(crash_world, tmp_path):
    crasher = Crasher(SEED, 0.05, 1.5)
    runs = []
    for index in range(RUNS):
        path = tmp_path / f"luu-{index}.sqlite3"
        shutil.copyfile(crash_world["officer_db"], path)
        before = rows(path, "SELECT id FROM cooperative")
        run = crasher.run("saves", path, crash_world["unit"])
        runs.append(run)
        printed = {line for line in run.stdout if len(line) == 36}
        assert_sound(path, run)
        stored = {r[0] for r in rows(path, "SELECT id FROM cooperative")} - {
            r[0] for r in before
        }
        assert printed <= stored, f"a committed record is missing {run.why()}"
        assert len(stored - printed) <= 1, f"more than the one in flight {run.why()}"
        audited = {r[0] for r in rows(path, "SELECT record_id FROM audit_entry")}
        assert stored <= audited, f"a record without its history {run.why()}"
        db = open_database(path)  # and the application starts on it as usual
        db.close()
    assert_some_killed_mid_work(runs)


def test_killed_while_importing_is_all_or_nothing_and_can_be_redone(crash_world, tmp_path):
    crasher = Crasher(SEED + 1, 0.0, 1.0)
    bundles = crash_world["bundles"]
    shas = {verify_bundle(b).sha256 for b in bundles}
    runs = []
    for index in range(RUNS):
        path = tmp_path / f"nhap-{index}.sqlite3"
        shutil.copyfile(crash_world["receiver"], path)
        run = crasher.run("import", path, *bundles)
        runs.append(run)
        assert_sound(path, run)
        imported = {r[0] for r in rows(path, "SELECT bundle_sha256 FROM import_ledger")}
        assert imported <= shas
        origins = {r[3] for r in rows(path, IMPORT_ENTRIES)}
        assert origins == imported, f"records of a bundle without its ledger entry {run.why()}"
        db = open_database(path)
        try:
            outcomes = import_files(db, bundles)
        finally:
            db.close()
        assert all(o.ok for o in outcomes), run.why()
        assert state(path) == crash_world["reference"], f"redo differs {run.why()}"
    assert_some_killed_mid_work(runs)


def test_killed_while_exporting_leaves_no_bundle_that_looks_whole(crash_world, tmp_path):
    crasher = Crasher(SEED + 2, 0.0, 2.5)
    source = tmp_path / "xa.sqlite3"
    shutil.copyfile(crash_world["officer_db"], source)
    runs = []
    for index in range(RUNS):
        out = tmp_path / f"usb-{index}"
        run = crasher.run("export", source, PERIOD, PASSPHRASE, out)
        runs.append(run)
        assert_sound(source, run)
        for entry in out.iterdir() if out.exists() else ():
            if entry.name.startswith(".htx-export-") and entry.is_dir():
                continue  # the temporary folder: never mistaken for a bundle
            assert entry.name.endswith(".htx.zip"), f"unexpected {entry.name} {run.why()}"
            verify_bundle(entry)  # raises if it is not a whole, valid bundle
    assert_some_killed_mid_work(runs)
