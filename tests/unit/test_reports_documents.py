"""Every printed document from a small database whose numbers were worked out by hand, read
back with poppler (`pdftotext`, `pdffonts`, `pdfinfo`) the way a reader or an archive would.

Commune 21211 (Xã Tịnh Khê, Quảng Ngãi), report period 2025-H1:
  HTX "Hợp tác xã Nông nghiệp Tịnh Khê": Union-supported, a woman chairs the board;
      figures 2025-H1 members 40 (25 women), workers 20 (15 women) -> 25 female jobs.
  HTX "HTX Dịch vụ Mỹ Khê & Du lịch": Union-supported, a woman on the supervisory board;
      figures members 10 (8 women), workers 12 (9 women) -> 9 female jobs.
  HTX "HTX Cơ khí Sơn Trà": not supported, a man directs it, no figures.
  THT "Tổ hợp tác trồng nấm Tịnh Khê": supported, a woman leads it; 8 female workers.
  -> women-managed HTX 2 (2/12 = 16,7 % of the 2025 target), female jobs 34 (34 %),
     THT 1, female THT workers 8; female managers trained 1 of 2 = 50 % (1/2).
  Sessions: one in March 2025 (2 named + 10 others = 12), one in November 2024 (outside).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from htx_desktop.registry.profile import create_profile, get_profile
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.reports import ReportError, build_document, load_header
from htx_desktop.reports.consolidated import units_not_reported
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, ImportLedger, TrainingAttendance
from htx_desktop.storage.units import create_district, get_unit
from htx_desktop.text import fold

COMMUNE = "21211"
OTHER_COMMUNES = ("21034", "21244")
CTX = ValidationContext(communes={COMMUNE, *OTHER_COMMUNES}, today=date(2026, 1, 5))
ISSUED = date(2026, 1, 5)
LONG_DATE = "Tịnh Khê, ngày 05 tháng 01 năm 2026"
HTX_NAMES = (
    "Hợp tác xã Nông nghiệp Tịnh Khê",
    "HTX Dịch vụ Mỹ Khê & Du lịch",
    "HTX Cơ khí Sơn Trà",
)
A4 = (595.28, 841.89)

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed",
)


# -- reading a PDF back -------------------------------------------------------------------------

def pdf_text(path: Path, page: int | None = None, layout: bool = True) -> str:
    """`pdftotext -layout` (lines as on the page); without layout, reading order, which keeps
    the lines of one wrapped table cell together."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    mode = ["-layout"] if layout else []
    result = subprocess.run(
        ["pdftotext", *mode, "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True, check=True,
    )
    return result.stdout.decode("utf-8")


def flat(text: str) -> str:
    """Layout text with runs of spaces and line breaks collapsed (for phrases that wrap)."""
    return " ".join(text.split())


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def page_size(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.M)
    assert match, info.stdout
    return float(match.group(1)), float(match.group(2))


def assert_fonts_embedded(path: Path) -> None:
    """`pdffonts`: at least one font, and "yes" in the emb column of every line."""
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    header = lines[0]
    emb = header.index("emb")
    rows = [line for line in lines[2:] if line.strip()]
    assert rows, result.stdout
    for row in rows:
        assert row[emb : emb + 3] == "yes", f"font not embedded:\n{result.stdout}"
    assert not any("Helvetica" in row or "Times-Roman" in row for row in rows)


def words_on_page(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) from `pdftotext -bbox`, y measured from the top."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, check=True,
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        result.stdout.decode("utf-8"),
    )
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in found]


def assert_decree30_paper(path: Path) -> None:
    width, height = page_size(path)
    assert (round(width, 2), round(height, 2)) == A4
    assert_fonts_embedded(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(path, 1)
    assert "Độc lập - Tự do - Hạnh phúc" in pdf_text(path, 1)


# -- the known database -------------------------------------------------------------------------

@dataclass
class World:
    db: Database
    ids: dict[str, str]


def _manager(s: Any, parent: str, link: str, **values: Any) -> str:
    values = {"consent": True, link: parent} | values
    return create_record(s, "manager", values, COMMUNE, CTX).id


def _figures(s: Any, parent: str, link: str, mt: int, mf: int, wt: int, wf: int) -> None:
    create_record(
        s, "period_figures",
        {link: parent, "period": "2025-H1", "members_total": mt, "members_female": mf,
         "workers_total": wt, "workers_female": wf},
        COMMUNE, CTX,
    )


def _fill(s: Any) -> dict[str, str]:
    create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    ids: dict[str, str] = {}

    def coop(name: str, **values: Any) -> str:
        base = {"name": name, "commune_code": COMMUNE, "sector": "nong_nghiep"}
        return create_record(s, "cooperative", base | values, COMMUNE, CTX).id

    h1 = coop(HTX_NAMES[0], union_supported=True, registration_code="4300123456",
              established_on=date(2015, 3, 1), address="Thôn Trường Định, xã Tịnh Khê")
    ids["h1"] = h1
    ids["lan"] = _manager(s, h1, "cooperative_id", full_name="Nguyễn Thị Lan",
                          role="chu_tich_hdqt", sex="nu", birth_year=1975,
                          phone="0912345678", ethnicity="Kinh")
    _manager(s, h1, "cooperative_id", full_name="Trần Văn Hùng", role="giam_doc", sex="nam")
    _figures(s, h1, "cooperative_id", 40, 25, 20, 15)
    h2 = coop(HTX_NAMES[1], union_supported=True, sector="dich_vu")
    _manager(s, h2, "cooperative_id", full_name="Phạm Thị Hồng", role="thanh_vien_bks", sex="nu")
    _figures(s, h2, "cooperative_id", 10, 8, 12, 9)
    h3 = coop(HTX_NAMES[2], sector="tieu_thu_cong_nghiep")
    _manager(s, h3, "cooperative_id", full_name="Lê Văn Nam", role="giam_doc", sex="nam")
    ids["h3"] = h3

    t1 = create_record(
        s, "cooperative_group",
        {"name": "Tổ hợp tác trồng nấm Tịnh Khê", "commune_code": COMMUNE,
         "sector": "nong_nghiep", "union_supported": True, "leader_name": "Võ Thị Mai"},
        COMMUNE, CTX,
    ).id
    _manager(s, t1, "group_id", full_name="Võ Thị Mai", role="to_truong", sex="nu")
    _figures(s, t1, "group_id", 0, 0, 10, 8)

    cadre = create_record(
        s, "union_cadre",
        {"full_name": "Đỗ Thị Thu", "sex": "nu", "work_unit": "Hội LHPN xã Tịnh Khê",
         "level": "commune", "position": "Phó Chủ tịch", "works_on_coops": True,
         "consent": True},
        COMMUNE, CTX,
    ).id
    march = create_record(
        s, "training_session",
        {"title": "Lớp bồi dưỡng quản trị HTX năm 2025", "topics": ["quan_tri"],
         "start_date": date(2025, 3, 10), "end_date": date(2025, 3, 11),
         "place": "Hội trường UBND xã Tịnh Khê", "organiser": "Hội LHPN xã Tịnh Khê",
         "other_members": 5, "other_workers": 3, "other_women": 2},
        COMMUNE, CTX,
    ).id
    ids["march"] = march
    create_record(
        s, "training_session",
        {"title": "Tập huấn kỹ năng số năm 2024", "topics": ["ky_nang_so"],
         "start_date": date(2024, 11, 5), "end_date": date(2024, 11, 5)},
        COMMUNE, CTX,
    )
    for person in ({"manager_id": ids["lan"]}, {"cadre_id": cadre}):
        s.add(TrainingAttendance(unit_code=COMMUNE, session_id=march, **person))
    s.flush()
    return ids


@pytest.fixture(scope="module")
def world(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    path = tmp_path_factory.mktemp("reports") / "known.sqlite3"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    with db.session() as s:
        ids = _fill(s)
    yield World(db, ids)
    db.close()


@pytest.fixture(scope="module")
def periodic_pdf(world: World, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "bao-cao.pdf"
    with world.db.session() as s:
        header = replace(load_header(s), number="05")
        assert build_document(s, "periodic", "2025-H1", out, header=header,
                              issued_on=ISSUED) == out
    return out


# -- the periodic report ------------------------------------------------------------------------

def test_periodic_report_header_block_and_title(periodic_pdf: Path) -> None:
    assert_decree30_paper(periodic_pdf)
    first = pdf_text(periodic_pdf, 1)
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    assert re.fullmatch(r"HỘI LHPN TỈNH QUẢNG NGÃI\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", lines[0])
    assert re.fullmatch(r"HỘI LHPN XÃ TỊNH KHÊ\s+Độc lập - Tự do - Hạnh phúc", lines[1])
    # The number and the place-and-date share one line, as Decree 30 lays them out.
    assert re.fullmatch(rf"Số: 05/BC-HPN\s+{LONG_DATE}", lines[2])
    assert lines[3] == "BÁO CÁO"
    text = flat(first)
    assert (
        "Kết quả thực hiện Kế hoạch số 126/KH-UBND ngày 07/6/2023 của Ủy ban nhân dân tỉnh "
        "Quảng Ngãi" in text
    )
    assert "6 tháng đầu năm 2025" in text
    assert unicodedata.is_normalized("NFC", first)


def test_periodic_report_numbers_match_the_hand_count(periodic_pdf: Path) -> None:
    text = pdf_text(periodic_pdf)
    rows: dict[str, str] = {}
    for line in text.splitlines():  # the indicator table is the first numbered table
        if re.match(r"\s*\d+\s+\S", line):
            rows.setdefault(line.split()[0], line)
    # STT 1, 3, 4: the plan's counts (12 HTX, 100 and 240 workers) are the province's: the
    # commune's 2 HTX, 34 female jobs and 8 THT workers are not divided by them.
    assert re.search(r"\b2\s+—\s+—", rows["1"])
    assert re.search(r"\b34\s+—\s+—", rows["3"])
    assert re.search(r"\b8\s+—\s+—", rows["4"])
    assert "16,7 %" not in text and "34 %" not in text
    assert "toàn tỉnh" in text
    assert (
        "các chỉ tiêu 1, 2, 3, 4, 5 là chỉ tiêu chung của toàn tỉnh; Kế hoạch không giao chỉ tiêu "
        "riêng cho từng xã, phường hay cụm, nên bảng nêu kết quả của xã Tịnh Khê và không tính "
        "tỷ lệ đạt so với chỉ tiêu toàn tỉnh." in flat(text)
    )
    # STT 6: one of two female managers trained, shown with what was counted.
    assert re.search(r"\b50 %\s+100 %\s+50 %", rows["6"])
    assert "(1/2)" in text
    flat_text = flat(text)
    assert "có 3 hợp tác xã (trong đó 2 HTX do phụ nữ tham gia quản lý)" in flat_text
    assert "1 tổ hợp tác (trong đó 1 tổ hợp tác do phụ nữ tham gia quản lý)" in flat_text


def test_periodic_report_sections_are_numbered_in_order(periodic_pdf: Path) -> None:
    assert section_headings(periodic_pdf)[0] == "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"


def test_periodic_report_lists_and_trainings(periodic_pdf: Path) -> None:
    text = pdf_text(periodic_pdf)
    flat_text = flat(pdf_text(periodic_pdf, layout=False))
    for name in HTX_NAMES:
        assert name in flat_text
    assert "Tổ hợp tác trồng nấm Tịnh Khê" in flat_text
    assert "Võ Thị Mai" in flat_text  # the THT leader column (personal data included)
    # Column labels come from the form specs.
    for label in ("Tên hợp tác xã", "Mã số HTX", "Lĩnh vực", "Tình trạng", "Tên tổ hợp tác"):
        assert label in flat_text
    coop_line = next(line for line in text.splitlines() if "Cơ khí Sơn Trà" in line)
    assert re.search(r"Không\s+Không\s*$", coop_line)  # not supported, not women-managed
    assert "Lớp bồi dưỡng quản trị HTX năm 2025" in flat_text
    assert "Tập huấn kỹ năng số năm 2024" not in flat_text  # before the period
    # The session's row: 2 named, 10 others, 12 in all (counts on the row's middle line).
    assert re.search(r"^\s*1\s+UBND xã Tịnh\s+2\s+10\s+12$", text, re.M)
    assert "đã tổ chức 1 lớp tập huấn, bồi dưỡng với 12 lượt học viên" in flat_text


def test_periodic_report_signature_and_recipients(periodic_pdf: Path) -> None:
    last = pdf_pages(periodic_pdf)
    text = pdf_text(periodic_pdf, last)
    assert re.search(r"^Nơi nhận:\s+TM\. BAN THƯỜNG VỤ$", text, re.M)
    assert "CHỦ TỊCH" in text
    assert "Nguyễn Thị Hoa" in text
    lines = [line.strip() for line in text.splitlines()]
    assert "- Lưu: VT, HPN." in lines
    assert any(line.startswith("- UBND xã Tịnh Khê;") for line in lines)
    assert "Trên đây là báo cáo kết quả thực hiện Kế hoạch số 126/KH-UBND" in flat(text)


def test_page_numbers_from_page_two_centred_in_the_top_margin(periodic_pdf: Path) -> None:
    assert pdf_pages(periodic_pdf) >= 2
    width = page_size(periodic_pdf)[0]
    top_margin = 20 * 72 / 25.4
    centre = (30 + 165 / 2) * 72 / 25.4
    assert not [w for w in words_on_page(periodic_pdf, 1) if w[2] < top_margin]
    for page in range(2, pdf_pages(periodic_pdf) + 1):
        in_margin = [w for w in words_on_page(periodic_pdf, page) if w[4] < top_margin]
        assert [w[0] for w in in_margin] == [str(page)]
        word = in_margin[0]
        assert abs((word[1] + word[3]) / 2 - centre) < 2 < width


def test_nfd_input_comes_out_nfc(world: World, tmp_path: Path) -> None:
    """Decomposed text (typed on some keyboards, pasted from some files) prints composed."""
    out = tmp_path / "nfd.pdf"
    with world.db.session() as s:
        header = replace(
            load_header(s),
            issuing_body=unicodedata.normalize("NFD", "HỘI LHPN XÃ TỊNH KHÊ"),
            signer_name=unicodedata.normalize("NFD", "Nguyễn Thị Hoa"),
        )
        build_document(s, "periodic", "2025-H1", out, header=header, issued_on=ISSUED)
    text = pdf_text(out)
    assert unicodedata.is_normalized("NFC", text)
    assert "HỘI LHPN XÃ TỊNH KHÊ" in text and "Nguyễn Thị Hoa" in text


def test_without_personal_data_the_leader_column_is_left_out(world: World, tmp_path: Path):
    out = tmp_path / "no-personal.pdf"
    with world.db.session() as s:
        build_document(s, "periodic", "2025", out, include_personal=False, issued_on=ISSUED)
    text = flat(pdf_text(out))
    assert "Võ Thị Mai" not in text and "Tổ trưởng" not in text
    assert "Tổ hợp tác trồng nấm Tịnh Khê" in text
    assert "Năm 2025" in text or "năm 2025" in text


def test_a_failed_build_leaves_the_old_file_and_no_temporary(world: World, tmp_path: Path):
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"old")
    with world.db.session() as s, pytest.raises(ReportError):
        build_document(s, "consolidated", "2025-H1", out)  # a commune cannot consolidate
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


# -- profile sheet and sign-in sheet ------------------------------------------------------------

def test_profile_sheet_with_and_without_personal_fields(world: World, tmp_path: Path) -> None:
    full, reduced = tmp_path / "full.pdf", tmp_path / "reduced.pdf"
    with world.db.session() as s:
        build_document(s, "profile", "2025-H1", full, record_id=world.ids["h1"], issued_on=ISSUED)
        build_document(s, "profile", None, reduced, record_id=world.ids["h1"],
                       include_personal=False)
    assert_decree30_paper(full)
    text = flat(pdf_text(full, layout=False))
    assert "PHIẾU THÔNG TIN HỢP TÁC XÃ" in text
    assert "Hợp tác xã Nông nghiệp Tịnh Khê" in text
    for label in ("Tên hợp tác xã", "Mã số HTX", "Ngày thành lập", "Được Hội hỗ trợ thành lập"):
        assert label in text  # labels from the form spec
    assert "4300123456" in text and "01/03/2015" in text
    assert "Do phụ nữ tham gia quản lý Có" in text
    assert "Tạo nhiều việc làm cho lao động nữ (6 tháng đầu năm 2025) Có" in text
    assert "Chủ tịch Hội đồng quản trị" in text and "Nguyễn Thị Lan" in text
    assert "0912345678" in text and "1975" in text and "Năm sinh" in text
    assert "6 tháng đầu năm 2025" in text and "Tổng số thành viên 40" in text
    assert "Lớp bồi dưỡng quản trị HTX năm 2025" in text  # attended by Nguyễn Thị Lan
    assert "NGƯỜI LẬP PHIẾU" in text and LONG_DATE in text

    text = flat(pdf_text(reduced, layout=False))
    assert "Nguyễn Thị Lan" in text
    assert "0912345678" not in text and "1975" not in text
    assert "Năm sinh" not in text and "Dân tộc" not in text and "Số điện thoại" not in text


def test_profile_sheet_of_an_unknown_record_fails_in_vietnamese(world: World, tmp_path: Path):
    with world.db.session() as s, pytest.raises(ReportError, match="Không tìm thấy"):
        build_document(s, "profile", None, tmp_path / "x.pdf", record_id="no-such-id")
    with world.db.session() as s, pytest.raises(ReportError, match="--record"):
        build_document(s, "profile", None, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_sign_in_sheet(world: World, tmp_path: Path) -> None:
    out = tmp_path / "ky-ten.pdf"
    with world.db.session() as s:
        build_document(s, "attendance", None, out, record_id=world.ids["march"])
    assert_decree30_paper(out)
    text = pdf_text(out)
    flat_text = flat(text)
    assert "DANH SÁCH HỌC VIÊN" in flat_text
    assert "Lớp bồi dưỡng quản trị HTX năm 2025" in flat_text
    assert "Thời gian: từ ngày 10/03/2025 đến ngày 11/03/2025" in flat_text
    assert "Địa điểm: Hội trường UBND xã Tịnh Khê" in flat_text
    assert re.search(r"STT\s+Họ và tên\s+Chức danh/Đơn vị\s+Ký tên", text)
    cells = flat(pdf_text(out, layout=False))
    assert "1 Nguyễn Thị Lan Chủ tịch Hội đồng quản trị, Hợp tác xã Nông nghiệp Tịnh Khê" in cells
    assert "2 Đỗ Thị Thu Phó Chủ tịch, Hội LHPN xã Tịnh Khê" in cells
    numbers = [int(m) for m in re.findall(r"^\s*(\d+)\s*$", text, re.M)]
    assert numbers[-10:] == list(range(3, 13))  # ten blank rows for walk-ins


# -- consolidated report ------------------------------------------------------------------------

def test_consolidated_report_of_a_district(world: World, tmp_path: Path) -> None:
    out = tmp_path / "tong-hop.pdf"
    with world.db.session() as s:
        district = create_district(s, "Huyện Sơn Tịnh cũ", [COMMUNE, *OTHER_COMMUNES])
        s.add(ledger_entry(COMMUNE, "2025-H1"))
        missing = units_not_reported(s, district.code, "2025-H1")
        profile = get_profile(s)
        assert profile is not None
        profile.unit_code, profile.level = district.code, district.level
        s.flush()
        s.expire(profile, ["unit"])
        build_document(s, "consolidated", "2025-H1", out, issued_on=ISSUED)
        names = {code: get_unit(s, code).name for code in OTHER_COMMUNES}
        s.rollback()  # leave the known database as it was for the other tests
    assert sorted(code for code, _ in missing) == sorted(OTHER_COMMUNES)
    assert_decree30_paper(out)
    text = flat(pdf_text(out, layout=False))
    assert "HỘI LHPN HUYỆN SƠN TỊNH CŨ" in text
    assert "Sơn Tịnh, ngày 05 tháng 01 năm 2026" in text
    assert "KẾT QUẢ THEO ĐƠN VỊ" in text and "ĐƠN VỊ CHƯA BÁO CÁO" in text
    assert section_headings(out)[:3] == [
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. KẾT QUẢ THEO ĐƠN VỊ",
        "III. ĐƠN VỊ CHƯA BÁO CÁO",
    ]
    assert "Có 2/3 xã, phường chưa gửi gói dữ liệu" in text
    for name in names.values():
        assert name in text
    assert "Xã Tịnh Khê" in text and "Toàn huyện/cụm" in text
    assert "Hợp tác xã Nông nghiệp Tịnh Khê" in text


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def section_headings(pdf: Path) -> list[str]:
    """The numbered section headings in reading order; their numerals must run I, II, III…"""
    found = [
        line.strip()
        for line in pdf_text(pdf, layout=False).splitlines()
        if re.match(r"^(I|II|III|IV|V|VI|VII|VIII)\. [A-ZĐÀ-Ỹ]", line.strip())
    ]
    assert [h.split(".")[0] for h in found] == ROMAN[: len(found)], found
    return found


def ledger_entry(unit_code: str, period: str, merged: list[str] | None = None) -> ImportLedger:
    """A verified bundle of that unit and period, as an import leaves it in the ledger."""
    return ImportLedger(
        bundle_sha256=f"{unit_code}-{period}".ljust(64, "0")[:64],
        file_name=f"HTX_{unit_code}_{period}.htx.zip",
        unit_code=unit_code,
        period=period,
        result="imported",
        signed=True,
        counts={"merged_units": merged or []},
    )


def test_units_not_reported_follows_the_import_ledger(world: World) -> None:
    with world.db.session() as s:
        district = create_district(s, "Cụm thử", [COMMUNE, OTHER_COMMUNES[0]])
        assert {c for c, _ in units_not_reported(s, district.code, "2025-H1")} == {
            COMMUNE, OTHER_COMMUNES[0]
        }
        s.add(ledger_entry(COMMUNE, "2025-H1"))
        s.flush()
        assert [c for c, _ in units_not_reported(s, district.code, "2025-H1")] == [
            OTHER_COMMUNES[0]
        ]
        # The annual report needs the annual bundles: a half-year bundle does not count.
        assert {c for c, _ in units_not_reported(s, district.code, "2025")} == {
            COMMUNE, OTHER_COMMUNES[0]
        }
        # A district's bundle that says it merged a commune's bundle is a claim: it counts
        # only for the communes this database places in that district.
        s.add(ledger_entry("D51-khac", "2025", merged=[OTHER_COMMUNES[0]]))
        s.flush()
        assert {c for c, _ in units_not_reported(s, district.code, "2025")} == {
            COMMUNE, OTHER_COMMUNES[0]
        }
        other = create_district(s, "Cụm khác", [OTHER_COMMUNES[0]])
        s.add(ledger_entry(other.code, "2025", merged=[OTHER_COMMUNES[0], COMMUNE]))
        s.flush()
        assert [c for c, _ in units_not_reported(s, district.code, "2025")] == [COMMUNE]
        s.rollback()


# -- a long list --------------------------------------------------------------------------------

def test_two_hundred_cooperatives_paginate_with_the_header_on_every_page(
    fresh_db: Database, tmp_path: Path
) -> None:
    with fresh_db.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        rows = [
            {"id": f"00000000-0000-4000-8000-{i:012d}", "unit_code": COMMUNE,
             "commune_code": COMMUNE, "name": f"HTX Thử nghiệm số {i:03d}",
             "sector": "nong_nghiep", "status": "hoat_dong", "deleted": False,
             "search_key": fold(f"HTX Thử nghiệm số {i:03d}")}
            for i in range(1, 201)
        ]
        s.execute(insert(Cooperative), rows)
        out = build_document(s, "periodic", "2025-H1", tmp_path / "dai.pdf", issued_on=ISSUED)
    assert_fonts_embedded(out)
    seen: dict[int, int] = {}
    list_pages = 0
    for page in range(1, pdf_pages(out) + 1):
        text = pdf_text(out, page)
        found = [int(n) for n, m in re.findall(r"^\s*(\d+)\s+HTX Thử nghiệm số (\d{3})", text,
                                               re.M) if int(n) == int(m)]
        if not found:
            continue
        list_pages += 1
        # The header row repeats on every page that carries rows of the list.
        assert re.search(r"STT\s+Tên hợp tác xã\s+Mã số HTX", text), f"page {page}"
        for n in found:
            seen[n] = seen.get(n, 0) + 1
    assert list_pages >= 4
    # Every row whole, once, in order: STT and name on the same line of the same page.
    assert seen == dict.fromkeys(range(1, 201), 1)


def test_who_has_reported_reads_the_same_on_the_status_screen_and_in_the_report(
    world: World,
) -> None:
    """The status screen (`reporting_status`) and the consolidated report's list of communes
    without a bundle come from one core module: for the same imports, including a district's
    bundle that covers a commune, they name the same communes."""
    from htx_desktop.reporting import reporting_status

    with world.db.session() as s:
        district = create_district(s, "Cụm thử", [COMMUNE, *OTHER_COMMUNES])
        profile = get_profile(s)
        assert profile is not None
        profile.unit_code, profile.level = district.code, district.level
        s.add(ledger_entry(COMMUNE, "2025"))
        inner = create_district(s, "Cụm con", [OTHER_COMMUNES[0]])
        s.add(ledger_entry(inner.code, "2025", merged=[OTHER_COMMUNES[0]]))
        s.flush()
        s.expire(profile, ["unit"])
        on_screen = {r.unit_code for r in reporting_status(s, "2025") if not r.reported}
        in_report = {c for c, _ in units_not_reported(s, district.code, "2025")}
        assert in_report == on_screen
        assert COMMUNE not in in_report and OTHER_COMMUNES[0] not in in_report
        assert set(OTHER_COMMUNES[1:]) <= in_report
        s.rollback()
