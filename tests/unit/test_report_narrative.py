"""The officer's own sections of a report (assessment, difficulties, causes, next tasks,
proposals): kept per unit and period, cleaned like entry notes, printed after the figures in
the PDF and in the Word file; and the Word file itself read back with python-docx (A4,
Decree 30 margins, Times New Roman, header block, numbered sections, tables, "Nơi nhận").

A district group named as a cluster ("Cụm Sơn Tịnh") issues its consolidated report as the
district's Union ("HỘI LHPN HUYỆN SƠN TỊNH"), never under the application's label.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document as read_docx

from htx_desktop.demo import fill_demo
from htx_desktop.registry.profile import create_profile, get_profile
from htx_desktop.reports import build_document, load_header
from htx_desktop.reports.narrative import (
    MAX_CHARS,
    NarrativeError,
    load_narrative,
    save_narrative,
    save_section,
)
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import ReportNarrative
from htx_desktop.storage.units import create_district

COMMUNE = "21211"  # Xã Tịnh Khê
NEIGHBOURS = ("21034", "21244")
ISSUED = date(2026, 1, 5)
ASSESSMENT = (
    "Hội đã phối hợp với Liên minh HTX tỉnh hỗ trợ thành lập mới 2 HTX do phụ nữ quản lý.\n"
    "Công tác tập huấn được duy trì đều đặn."
)
TEXTS = {
    "assessment": ASSESSMENT,
    "difficulties": "Nguồn vốn hỗ trợ còn hạn chế.",
    "causes": "Một số HTX chưa chủ động kết nối thị trường.",
    "next_tasks": "- Tiếp tục tuyên truyền về mô hình HTX kiểu mới.",
    "proposals": "Đề nghị Hội LHPN tỉnh bố trí kinh phí tập huấn chuyển đổi số.",
}


@pytest.fixture
def db(fresh_db: Database) -> Iterator[Database]:
    with fresh_db.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(s, COMMUNE, seed=1)
    yield fresh_db


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def docx_text(path: Path) -> list[str]:
    """Every paragraph of the body and of its table cells, in order."""
    word = read_docx(str(path))
    found = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [p.text for p in cell.paragraphs]
    return found


# -- the store ----------------------------------------------------------------------------------


def test_sections_are_kept_per_unit_and_period_and_cleaned(db: Database) -> None:
    with db.session() as s:
        assert load_narrative(s, COMMUNE, "2025-H1") == dict.fromkeys(TEXTS, "")
        decomposed = "Ho\u0302\u0323i đa\u0303 phối hợp\u200b tốt.\r\n  "  # NFD, zero-width, CRLF
        assert save_section(s, COMMUNE, "2025-H1", "assessment", decomposed)
        assert not save_section(s, COMMUNE, "2025-H1", "assessment", decomposed)  # unchanged
        save_section(s, COMMUNE, "2025", "assessment", "Cả năm.")
    with db.session() as s:
        half = load_narrative(s, COMMUNE, "2025-H1")
        assert half["assessment"] == "Hội đã phối hợp tốt."
        assert load_narrative(s, COMMUNE, "2025")["assessment"] == "Cả năm."
        assert load_narrative(s, NEIGHBOURS[0], "2025-H1")["assessment"] == ""
        # Emptied: the row goes, the section reads as empty.
        assert save_section(s, COMMUNE, "2025-H1", "assessment", "   \n ")
        assert s.get(ReportNarrative, (COMMUNE, "2025-H1", "assessment")) is None


def test_what_cannot_be_kept_is_refused_in_vietnamese(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(NarrativeError, match="quá giới hạn"):
            save_section(s, COMMUNE, "2025-H1", "assessment", "x" * (MAX_CHARS + 1))
        with pytest.raises(NarrativeError, match="Không có mục"):
            save_section(s, COMMUNE, "2025-H1", "summary", "…")
        with pytest.raises(NarrativeError):
            save_section(s, COMMUNE, "2025-H3", "assessment", "…")
        assert load_narrative(s, COMMUNE, "2025-H1")["assessment"] == ""


# -- the PDF ------------------------------------------------------------------------------------


def test_periodic_pdf_prints_the_sections_after_the_figures(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "Báo cáo có đánh giá.pdf"
    with db.session() as s:
        save_narrative(s, COMMUNE, "2025-H1", TEXTS)
        build_document(s, "periodic", "2025-H1", out, issued_on=ISSUED)
    text = pdf_text(out)
    order = [
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "IV. ĐÁNH GIÁ CHUNG",
        "1. Kết quả đạt được",
        "Hội đã phối hợp với Liên minh HTX tỉnh",
        "2. Khó khăn, vướng mắc",
        "3. Nguyên nhân",
        "V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
        "Đề nghị Hội LHPN tỉnh bố trí kinh phí",
        "Trên đây là báo cáo",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [part for part, at in zip(order, positions, strict=True)
                                 if at < 0]
    assert positions == sorted(positions)


def test_empty_sections_are_left_out(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "bc.pdf"
    with db.session() as s:
        save_section(s, COMMUNE, "2025-H1", "proposals", "Chỉ có kiến nghị.")
        build_document(s, "periodic", "2025-H1", out, issued_on=ISSUED)
    text = pdf_text(out)
    assert "ĐÁNH GIÁ CHUNG" not in text and "NHIỆM VỤ TRỌNG TÂM" not in text
    assert "IV. ĐỀ XUẤT, KIẾN NGHỊ Chỉ có kiến nghị." in text


def test_a_long_narrative_flows_over_pages(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "dài.pdf"
    long_text = "\n".join(f"Đoạn {i}: " + "Các cấp Hội phối hợp hỗ trợ HTX. " * 12
                          for i in range(60))
    with db.session() as s:
        save_section(s, COMMUNE, "2025-H1", "assessment", long_text)
        build_document(s, "periodic", "2025-H1", out, issued_on=ISSUED)
    text = pdf_text(out)
    assert "Đoạn 0:" in text and "Đoạn 59:" in text
    assert text.index("Đoạn 59:") < text.index("Trên đây là báo cáo")


# -- the Word file ------------------------------------------------------------------------------


def test_docx_reads_back_as_the_decree30_report(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "Báo cáo 6 tháng.docx"
    with db.session() as s:
        save_narrative(s, COMMUNE, "2025-H1", TEXTS)
        header = load_header(s)
        build_document(s, "periodic", "2025-H1", out, issued_on=ISSUED, header=header)
    assert out.read_bytes()[:2] == b"PK"
    word = read_docx(str(out))
    section = word.sections[0]
    # Word keeps lengths in twips: 210 mm is 11906 of them, a hair over.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin,
               section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer  # no page number on page 1
    assert word.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in word.paragraphs for r in p.runs if r.text.strip()]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}

    # The header block: issuing body left, national name and motto right, one table.
    top = word.tables[0]
    assert top.cell(0, 0).text.split("\n")[:2] == ["HỘI LHPN TỈNH QUẢNG NGÃI",
                                                   "HỘI LHPN XÃ TỊNH KHÊ"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in top.cell(0, 1).text
    assert "Độc lập - Tự do - Hạnh phúc" in top.cell(0, 1).text
    assert "Tịnh Khê, ngày 05 tháng 01 năm 2026" in top.cell(1, 1).text

    body = [p.text for p in word.paragraphs]
    headings = [t for t in body if t[:3] in {"I. ", "II.", "III", "IV.", "V. ", "VI.", "VII"}]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. DANH SÁCH HỢP TÁC XÃ, TỔ HỢP TÁC",
        "III. CÔNG TÁC TẬP HUẤN, BỒI DƯỠNG",
        "IV. ĐÁNH GIÁ CHUNG",
        "V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    heading = next(p for p in word.paragraphs if p.text == "IV. ĐÁNH GIÁ CHUNG")
    assert all(r.font.bold for r in heading.runs)
    assert heading.paragraph_format.keep_with_next
    for line in ASSESSMENT.splitlines():
        assert line in body
    assert "Tiếp tục tuyên truyền" in " ".join(body)

    # The indicator table: its two header rows repeat on every page; the commune's own
    # figures, the province-wide count targets marked as such, no share against them.
    indicators = word.tables[1]
    assert indicators.cell(0, 3).text == "Năm 2025"
    assert [indicators.cell(1, c).text for c in (3, 4)] == ["Chỉ tiêu", "Tỷ lệ đạt"]
    assert indicators.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
    ) is not None
    first = [indicators.cell(2, c).text for c in range(7)]
    assert first[0] == "1" and first[3].startswith("12") and "toàn tỉnh" in first[3]
    assert first[4] == "—"
    assert any("chỉ tiêu chung của toàn tỉnh" in t for t in body)

    everything = "\n".join(docx_text(out))
    assert "Nơi nhận:" in everything and "- Lưu: VT, HPN." in everything
    assert "TM. BAN THƯỜNG VỤ" in everything and "Nguyễn Thị Hoa" in everything


@pytest.mark.parametrize("kind", ["profile", "attendance"])
def test_every_document_has_its_word_file(db: Database, tmp_path: Path, kind: str) -> None:
    from sqlalchemy import select

    from htx_desktop.storage.models import Cooperative, TrainingSession

    with db.session() as s:
        model = Cooperative if kind == "profile" else TrainingSession
        record = s.scalars(select(model.id).where(model.deleted.is_(False)).limit(1)).one()
        out = build_document(s, kind, "2025-H1", tmp_path / f"{kind}.docx", record_id=record)
    word = read_docx(str(out))
    assert round(word.sections[0].page_width.mm) == 210
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in word.tables[0].cell(0, 1).text
    assert len(word.tables) >= 2


# -- the issuing body of a consolidated report ----------------------------------------------


def test_consolidated_report_is_issued_by_the_districts_union(
    db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "tổng hợp.docx"
    pdf = tmp_path / "tổng hợp.pdf"
    with db.session() as s:
        district = create_district(s, "Cụm Sơn Tịnh", [COMMUNE, *NEIGHBOURS])
        profile = get_profile(s)
        assert profile is not None
        profile.unit_code, profile.level = district.code, district.level
        s.flush()
        s.expire(profile, ["unit"])
        header = load_header(s)
        assert header.issuing_body == "HỘI LHPN HUYỆN SƠN TỊNH"
        assert header.parent_body == "HỘI LHPN TỈNH QUẢNG NGÃI"
        assert header.place == "Sơn Tịnh"
        save_section(s, district.code, "2025-H1", "assessment", "Cả cụm làm tốt.")
        build_document(s, "consolidated", "2025-H1", out, issued_on=ISSUED)
        build_document(s, "consolidated", "2025-H1", pdf, issued_on=ISSUED)
    word = read_docx(str(out))
    assert "HỘI LHPN HUYỆN SƠN TỊNH" in word.tables[0].cell(0, 0).text
    assert "CỤM" not in word.tables[0].cell(0, 0).text
    text = pdf_text(pdf)
    assert "HỘI LHPN HUYỆN SƠN TỊNH" in text
    assert "Ban Thường vụ Hội LHPN huyện Sơn Tịnh tổng hợp, báo cáo" in text
    assert "Cả cụm làm tốt." in text
    # A district is not the province: the plan's counts are the province's.
    assert "là chỉ tiêu chung của toàn tỉnh" in text
