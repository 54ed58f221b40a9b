"""1. Merge every commune bundle into one province database (and 5. its peak memory).

Baseline, same files, same run: unzip, parse data.json, insert the same rows with
`sqlite3.executemany` in one transaction. The merge runs in a fresh interpreter per size
(`merge_worker.py`) so its peak RSS is its own."""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from htx_desktop.scale import national_set
from htx_desktop.storage.models import SYNCED_MODELS

pytestmark = pytest.mark.benchmark
TABLES = [m.__tablename__ for m in SYNCED_MODELS]
WORKER = Path(__file__).with_name("merge_worker.py")


def fresh_copy(src: Path, dest: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dest)
    return dest


def baseline_insert(template: Path, bundles: list[Path], dest: Path) -> tuple[float, int]:
    """Seconds to unzip, parse and executemany every record; returns (seconds, rows)."""
    db = fresh_copy(template, dest)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    start = time.perf_counter()
    total = 0
    with con:
        for path in bundles:
            with zipfile.ZipFile(path) as zf:
                records = json.loads(zf.read("data.json"))["records"]
            for table in TABLES:
                cols = columns[table]
                rows = [
                    tuple(json.dumps(v) if isinstance(v, list) else v for v in
                          (r.get(c, "") for c in cols))  # search_key: "" (not carried)
                    for r in records.get(table, [])
                ]
                if rows:
                    con.executemany(
                        f"INSERT INTO {table} ({','.join(cols)}) "
                        f"VALUES ({','.join('?' * len(cols))})",
                        rows,
                    )
                    total += len(rows)
    seconds = time.perf_counter() - start
    con.close()
    return seconds, total


def expected_rows(bundles: list[Path]) -> int:
    total = 0
    for path in bundles:
        with zipfile.ZipFile(path) as zf:
            total += sum(json.loads(zf.read("manifest.json"))["record_counts"].values())
    return total


def stored_rows(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
    finally:
        con.close()


def run_merge(province: Path, bundles: list[Path], work: Path, profile: bool = False) -> dict:
    db = fresh_copy(province, work / "province.sqlite3")
    listing = work / "bundles.txt"
    listing.write_text("\n".join(map(str, bundles)), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(WORKER), str(db), str(listing), "profile" if profile else "time"],
        capture_output=True, text=True, check=True, timeout=6 * 3600,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["rows"] = stored_rows(db)
    return result


#: Runs of each merge and of its baseline, alternated; each figure is the median (one run of
#: either moved by ±15 % from one run to the next on the shared 2-core machine).
RUNS = 3


def test_national_merge(national, bench_data, bench_size, record, tmp_path):
    sizes = sorted(bench_size.merge)
    times: list[tuple[int, float]] = []
    base_times: list[tuple[int, float]] = []
    last: dict = {}
    for n in sizes:
        data = national_set(bench_data, communes=n)
        bundles = data.bundles
        expected = expected_rows(bundles)
        runs, bases, peaks = [], [], []
        for _ in range(RUNS):
            merged = run_merge(data.province_db, bundles, tmp_path)
            assert merged["ok"] == n, merged["codes"]
            assert merged["rows"] == expected
            base, base_rows = baseline_insert(bench_data / "template.sqlite3", bundles,
                                              tmp_path / "baseline.sqlite3")
            assert base_rows == expected
            runs.append(merged["seconds"])
            bases.append(base)
            peaks.append(merged["peak_mb"] + merged["worker_peak_mb"])
        seconds, base = statistics.median(runs), statistics.median(bases)
        record(f"merge {n} bundles ({expected:,} records, median of {RUNS})", seconds, "s", base,
               goal="goal ≤3× baseline",
               note=f"{1000 * seconds / n:.1f} ms/bundle; runs "
                    f"{', '.join(f'{r:.2f}' for r in runs)} s, baselines "
                    f"{', '.join(f'{b:.2f}' for b in bases)} s")
        record(f"merge {n} bundles peak RSS, both processes", max(peaks), "MB",
               goal="goal ≤500 MB", note="the writing process's peak plus the worker's")
        merged["seconds"] = seconds
        times.append((n, merged["seconds"]))
        base_times.append((n, base))
        last = merged
    if len(times) >= 2:
        record(f"merge growth exponent over {sizes}", exponent(times), "",
               goal="goal ≈1 (linear)",
               note=f"the baseline's own: {exponent(base_times):.2f} (B-tree inserts: n log n)")
    assert last


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(n)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
