"""5. Reports: how long each printed document takes to build from the demo data, against the
smallest Decree-30 document (header, title, one paragraph) rendered in the same run; and the
Vietnamese sort key against the accent-folding key it replaced, over 100,000 names."""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from htx_desktop.collation import vn_key
from htx_desktop.demo import fill_demo
from htx_desktop.registry.profile import create_profile
from htx_desktop.reports import build_document, load_header
from htx_desktop.reports.decree30 import (
    Document,
    header_block,
    make_styles,
    para,
    title_block,
    write_atomically,
)
from htx_desktop.storage.database import open_database
from htx_desktop.storage.models import Cooperative, TrainingSession
from htx_desktop.text import fold

pytestmark = pytest.mark.benchmark
REPEATS = 3
LONG_NOTE = "\n".join(f"Dòng {i}: " + "Hợp tác xã bàn việc trồng nấm và hội chợ. " * 3
                      for i in range(80))


def best(fn: Callable[[], Any]) -> float:
    """Median of a few runs (the first warms reportlab's fonts and caches)."""
    fn()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("report-bench")
    template = folder / "template.sqlite3"
    open_database(template).close()
    dbs = {}
    for name, unit in (("commune", "21211"), ("province", "51")):
        path = folder / f"{name}.sqlite3"
        shutil.copyfile(template, path)
        db = open_database(path)
        with db.session() as s:
            create_profile(s, unit, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN")
            fill_demo(s, unit, seed=1)
        dbs[name] = db
    yield dbs
    for db in dbs.values():
        db.close()


def test_report_build_times(databases, tmp_path: Path, record) -> None:
    commune = databases["commune"]
    with commune.session() as s:
        header = load_header(s)
        coop = s.scalars(select(Cooperative).limit(1)).one()
        coop.notes = LONG_NOTE
        coop_id = coop.id
        training = s.scalars(select(TrainingSession).limit(1)).one().id

    def minimal() -> None:
        styles = make_styles()
        story = [header_block(header, styles), *title_block("Báo cáo", "Thử", styles),
                 para("Một đoạn văn.", styles.body)]
        write_atomically(Document("Thử", story), tmp_path / "minimal.pdf")

    baseline = best(minimal)
    record("Minimal Decree-30 document (baseline)", baseline, "s")

    def build(db: Any, kind: str, record_id: str | None = None) -> Callable[[], None]:
        def run() -> None:
            with db.session() as s:
                build_document(s, kind, "2025-H1", tmp_path / f"{kind}.pdf",
                               record_id=record_id)
        return run

    cases = (
        ("Periodic report, demo commune", build(commune, "periodic")),
        ("Profile sheet with a 10,000-character note", build(commune, "profile", coop_id)),
        ("Attendance sheet", build(commune, "attendance", training)),
        ("Periodic report, demo province", build(databases["province"], "periodic")),
        ("Consolidated report, demo province", build(databases["province"], "consolidated")),
    )
    for name, fn in cases:
        record(name, best(fn), "s", baseline=baseline)


def test_vietnamese_sort_key_against_folding(record) -> None:
    names = [f"Hợp tác xã Nông nghiệp Dịch vụ Tịnh Khê số {i}" for i in range(100_000)]
    plain = [f"Hợp tác xã Đồng Tâm {chr(0x41 + i % 26)}" for i in range(100_000)]
    folded = best(lambda: [fold(n) for n in names + plain])
    keyed = best(lambda: [vn_key(n) for n in names + plain])
    record("Sort keys for 200,000 names (collation.vn_key)", keyed, "s", baseline=folded,
           note="baseline: text.fold, the key it replaced")
