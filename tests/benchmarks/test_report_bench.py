"""5. Reports: how long each printed document takes to build from the demo data, against the
smallest Decree-30 document (header, title, one paragraph) rendered in the same run; the
periodic report of a district of 30 communes with the officer's narrative, as PDF and as Word
(issue 18's goal: both under 3 s); and the Vietnamese sort key against the accent-folding key
it replaced, over 100,000 names."""

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


NARRATIVE = {
    "assessment": "\n".join(
        f"Đoạn {i}: Các cấp Hội đã phối hợp với Liên minh HTX tỉnh hỗ trợ thành lập mới, củng "
        "cố hoạt động của các HTX do phụ nữ tham gia quản lý; tập huấn quản trị, chuyển đổi số."
        for i in range(40)
    ),
    "difficulties": "Nguồn vốn hỗ trợ còn hạn chế.\nMột số HTX hoạt động cầm chừng.",
    "causes": "Một số HTX chưa chủ động kết nối thị trường.",
    "next_tasks": "\n".join(f"- Nhiệm vụ {i}: tiếp tục hỗ trợ HTX, tổ hợp tác." for i in range(10)),
    "proposals": "Đề nghị Hội LHPN tỉnh bố trí kinh phí tập huấn chuyển đổi số.",
}


@pytest.fixture(scope="module")
def district_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A district group of 30 communes of Quảng Ngãi, each with the demo data, its officer's
    profile, and a narrative of some 40 paragraphs for 2025-H1."""
    from htx_desktop.registry.profile import get_profile
    from htx_desktop.reports.narrative import save_narrative
    from htx_desktop.storage.units import communes_of_province, create_district

    folder = tmp_path_factory.mktemp("report-bench-district")
    db = open_database(folder / "district.sqlite3")
    with db.session() as s:
        communes = [c.code for c in communes_of_province(s, "51")[:30]]
        create_profile(s, communes[0], "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN")
        for code in communes:
            fill_demo(s, code, seed=1)
        district = create_district(s, "Huyện Sơn Tịnh cũ", communes)
        profile = get_profile(s)
        assert profile is not None
        profile.unit_code, profile.level = district.code, district.level
        save_narrative(s, district.code, "2025-H1", NARRATIVE)
    yield db
    db.close()


def test_district_report_with_narrative_pdf_and_docx(
    databases, district_db, tmp_path: Path, record
) -> None:
    """Issue 18: the periodic report of a district of 30 communes with the narrative, saved as
    PDF and as .docx, under 3 s; the figures are the absolute seconds and the ratio to the
    minimal document of the same run."""
    with databases["commune"].session() as s:
        header = load_header(s)

    def minimal() -> None:
        styles = make_styles()
        story = [header_block(header, styles), *title_block("Báo cáo", "Thử", styles),
                 para("Một đoạn văn.", styles.body)]
        write_atomically(Document("Thử", story), tmp_path / "minimal.pdf")

    baseline = best(minimal)
    record("Minimal Decree-30 document (baseline, district run)", baseline, "s")

    def build(*suffixes: str) -> Callable[[], None]:
        def run() -> None:
            with district_db.session() as s:
                for suffix in suffixes:
                    build_document(s, "periodic", "2025-H1", tmp_path / f"Báo cáo.{suffix}")
        return run

    for name, fn in (
        ("Periodic report with narrative, district of 30 communes, PDF", build("pdf")),
        ("Periodic report with narrative, district of 30 communes, .docx", build("docx")),
        ("Periodic report with narrative, district of 30 communes, PDF and .docx",
         build("pdf", "docx")),
    ):
        record(name, best(fn), "s", baseline=baseline, goal="goal: PDF and .docx < 3 s")


def test_vietnamese_sort_key_against_folding(record) -> None:
    names = [f"Hợp tác xã Nông nghiệp Dịch vụ Tịnh Khê số {i}" for i in range(100_000)]
    plain = [f"Hợp tác xã Đồng Tâm {chr(0x41 + i % 26)}" for i in range(100_000)]
    folded = best(lambda: [fold(n) for n in names + plain])
    keyed = best(lambda: [vn_key(n) for n in names + plain])
    record("Sort keys for 200,000 names (collation.vn_key)", keyed, "s", baseline=folded,
           note="baseline: text.fold, the key it replaced")
