"""Benchmarks: run with `pytest -m benchmark tests/benchmarks --benchmark-size=small|full`.

Each benchmark prints its figure and the ratio to a baseline measured in the same run; the
figures are collected and printed at the end of the session and written as JSON next to the
generated data (``$HTX_BENCH_DATA``, default ``<tmp>/htx-bench-data``), which is reused
between runs. Nothing here asserts a wall-clock time.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SIZES: dict[str, dict[str, Any]] = {
    # merge sizes for the fitted exponent; verify sample; export communes; list rows
    "small": {"merge": (25, 50, 100), "verify": 50, "export": 100, "rows": 100_000},
    "full": {"merge": (100, 1000, 3321), "verify": 200, "export": 1000, "rows": 100_000},
}
_RESULTS: list[dict[str, Any]] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--benchmark-size",
        choices=sorted(SIZES),
        default=os.environ.get("HTX_BENCH_SIZE", "small"),
        help="data size of the benchmarks (small: ≤100 communes, full: up to 3,321)",
    )


@dataclass(frozen=True)
class BenchSize:
    name: str
    merge: tuple[int, ...]
    verify: int
    export: int
    rows: int


@pytest.fixture(scope="session")
def bench_size(request: pytest.FixtureRequest) -> BenchSize:
    name = request.config.getoption("--benchmark-size")
    sizes = SIZES[name]
    merge = tuple(int(n) for n in os.environ.get("HTX_BENCH_MERGE", "").split(",") if n)
    return BenchSize(name, merge or sizes["merge"], sizes["verify"], sizes["export"],
                     sizes["rows"])


@pytest.fixture(scope="session")
def bench_data() -> Path:
    path = Path(os.environ.get("HTX_BENCH_DATA") or Path(tempfile.gettempdir()) / "htx-bench-data")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def national(bench_data: Path, bench_size: BenchSize) -> Any:
    """The generated set for the largest merge size (smaller sizes are its first communes)."""
    from htx_desktop.scale import national_set

    return national_set(bench_data, communes=max(bench_size.merge))


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    ram = 0.0
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        ram = round(pages / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "ram_gb": ram,
        "python": platform.python_version(),
    }


@pytest.fixture
def record(bench_size: BenchSize) -> Any:
    """`record(name, value, unit, baseline=None, goal=None, note="")`: print and keep a figure."""

    def add(name: str, value: float, unit: str, baseline: float | None = None,
            goal: str = "", note: str = "") -> None:
        ratio = value / baseline if baseline else None
        entry = {"name": name, "value": round(value, 4), "unit": unit,
                 "baseline": None if baseline is None else round(baseline, 4),
                 "ratio": None if ratio is None else round(ratio, 2), "goal": goal,
                 "note": note, "size": bench_size.name}
        _RESULTS.append(entry)
        extra = f"  baseline {baseline:.4g} {unit}, ratio {ratio:.2f}" if ratio else ""
        print(f"\n[benchmark] {name}: {value:.4g} {unit}{extra}  {goal}  {note}")

    return add


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if not _RESULTS:
        return
    tr = terminalreporter
    tr.section("benchmark figures")
    for r in _RESULTS:
        ratio = f" ×{r['ratio']} of baseline ({r['baseline']})" if r["ratio"] is not None else ""
        tr.write_line(f"{r['name']}: {r['value']} {r['unit']}{ratio}  {r['goal']}  {r['note']}")
    info = machine()
    tr.write_line(f"machine: {info}")
    out = Path(os.environ.get("HTX_BENCH_DATA") or Path(tempfile.gettempdir()) / "htx-bench-data")
    try:
        out.mkdir(parents=True, exist_ok=True)
        size = _RESULTS[0]["size"]
        (out / f"results-{size}.json").write_text(
            json.dumps({"machine": info, "results": _RESULTS}, indent=1, ensure_ascii=False),
            encoding="utf-8",
        )
    except OSError:
        pass
