"""Run in a fresh interpreter: merge the listed bundles into a copy of a province database and
print one JSON line (seconds, peak RSS, counts). Peak RSS is the kernel's high-water mark of
this process's memory (VmHWM, new at exec), so it measures exactly one merge; `ru_maxrss` is
not used alone because Linux carries it over from the parent across fork and exec. The worker
that verifies ahead is a child process: its own peak is reported beside."""

from __future__ import annotations

import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    db_path, list_path, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    paths = [Path(p) for p in list_path.read_text("utf-8").split("\n") if p]
    from htx_desktop.exchange.service import import_files  # imports before the clock
    from htx_desktop.storage.engine import Database

    db = Database(db_path)
    start = time.perf_counter()
    if mode == "profile":
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    outcomes = import_files(db, paths)
    seconds = time.perf_counter() - start
    if mode == "profile":
        profiler.stop()
        Path(str(db_path) + ".profile.txt").write_text(profiler.output_text(), "utf-8")
    db.close()
    # The verifying worker (`exchange.pipeline`) is a process of its own: wait for it to end,
    # then its high-water mark is the largest of the children's.
    for child in multiprocessing.active_children():
        child.join(timeout=60)
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:
        pass
    print(json.dumps({
        "seconds": seconds,
        "peak_mb": peak,
        "worker_peak_mb": worker_peak,
        "ok": sum(o.ok for o in outcomes),
        "codes": sorted({o.code for o in outcomes if not o.ok}),
    }))


if __name__ == "__main__":
    main()
