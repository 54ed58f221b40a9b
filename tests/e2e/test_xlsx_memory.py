"""Hostile workbooks cannot make `import-xlsx` allocate: each runs in its own process, whose
peak memory stays under 300 MB whether the workbook is read or refused.

The peak is read inside that process at its end: VmHWM from /proc on Linux, which belongs to
the process's own memory since its start. (`getrusage`'s max RSS would not do there: Linux
carries the parent's peak over `exec`, so the test process's own size would be counted.)"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
from workbooks import row_xml, write_xlsx

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX")

LIMIT_MB = 300
HEADERS = ["Tên HTX", "Xã", "Tình trạng", "Lĩnh vực"]
MEASURED = """
import resource, sys
from pathlib import Path
from htx_desktop.__main__ import main

def peak_kb():
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

try:
    code = main(sys.argv[1:])
finally:
    sys.stdout.flush()
    print(f"PEAK_KB={peak_kb()}", file=sys.stderr)
sys.exit(code)
"""


def rows(count: int, width: int = 4) -> Iterator[str]:
    yield row_xml(1, HEADERS)
    for n in range(2, count + 2):
        yield row_xml(n, [f"HTX {n}", "Xã Tịnh Khê", "Đang hoạt động", "Nông nghiệp"][:width])


def dimension_of_the_whole_sheet(path: Path) -> Path:
    """20,000 honest rows under a declared dimension of A1:XFD1048576: padded to it, each
    row would take 16,384 cells (over 2 GB)."""
    return write_xlsx(path, {"Hợp tác xã": rows(20_000)}, dimension="A1:XFD1048576")


def far_cell(path: Path) -> Path:
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return write_xlsx(path, {"Hợp tác xã": [*rows(10), far]}, dimension="A1:XFD1048576")


def many_shared_strings(path: Path) -> Path:
    """Two million distinct shared strings (the whole table is loaded by any reader)."""
    strings = (f"s{n:07d}" for n in range(2_000_000))
    sheet = [row_xml(1, HEADERS), row_xml(2, [("s", 0), "Xã Tịnh Khê", "Đang hoạt động", "Khác"])]
    return write_xlsx(path, {"Hợp tác xã": sheet}, shared_strings=strings)


def very_long_string(path: Path) -> Path:
    """One name of 30 million characters that do not compress (no zip-bomb ratio to catch)."""
    import random

    letters = random.Random(13).choices("abcdefghijklmnopqrstuvwxyz", k=30_000_000)
    sheet = [row_xml(1, HEADERS), row_xml(2, ["".join(letters), "Xã Tịnh Khê"])]
    return write_xlsx(path, {"Hợp tác xã": sheet})


@pytest.mark.parametrize(
    "build", [dimension_of_the_whole_sheet, far_cell, many_shared_strings, very_long_string]
)
def test_a_hostile_workbook_is_read_or_refused_within_bounded_memory(
    build: Callable[[Path], Path],
    new_db: Callable[[str], Path],
    cli_env: dict[str, str],
    tmp_path: Path,
) -> None:
    db = new_db("htx.sqlite3")
    workbook = build(tmp_path / f"{build.__name__}.xlsx")
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, "import-xlsx", "--db", str(db), "--unit", "21211",
         "--dry-run", "--json", str(workbook)],
        capture_output=True, encoding="utf-8", env=cli_env, cwd=tmp_path, timeout=600,
        check=False,
    )
    assert "Traceback" not in result.stderr
    peak_mb = int(result.stderr.rsplit("PEAK_KB=", 1)[1].split()[0]) / 1024
    print(f"{build.__name__}: peak {peak_mb:.0f} MB")
    assert peak_mb < LIMIT_MB, f"{build.__name__}: {peak_mb:.0f} MB"
    refusals = {
        far_cell: "chia nhỏ tệp",
        many_shared_strings: "chuỗi chữ khác nhau",
        very_long_string: "giới hạn của Excel",
    }
    if build in refusals:
        assert result.returncode == 1 and refusals[build] in result.stderr
    else:
        assert json.loads(result.stdout)["counts"]["create"] == 20_000
