"""`htx-desktop report` as an officer runs it: real processes, the PDF read back with poppler,
exit codes 0/1/2 and one Vietnamese line on failure."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

RunCli = Callable[..., subprocess.CompletedProcess[str]]
NewDb = Callable[..., Path]

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed",
)


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute(sql))


def text_of(pdf: Path, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int = 1) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Lỗi:") or "lỗi:" in result.stderr


def assert_embedded_a4(pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    lines = fonts.stdout.splitlines()
    emb = lines[0].index("emb")
    rows = [line for line in lines[2:] if line.strip()]
    assert rows and all(row[emb : emb + 3] == "yes" for row in rows), fonts.stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+595\.2\d* x 841\.89 pts \(A4\)", info.stdout), info.stdout


@pytest.fixture
def commune_db(run_cli: RunCli, new_db: NewDb) -> Path:
    db = new_db()
    init = run_cli("init", "--db", db, "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
                   "--title", "Chủ tịch Hội LHPN xã")
    assert init.returncode == 0, init.stderr
    demo = run_cli("demo", "--db", db)
    assert demo.returncode == 0, demo.stderr
    return db


def test_periodic_report_of_a_commune(run_cli: RunCli, commune_db: Path, tmp_path: Path):
    out = tmp_path / "bao cao 2025-H1.pdf"
    result = run_cli("report", "--db", commune_db, "--period", "2025-H1", "--kind", "periodic",
                     "--out", out, "--date", "2026-01-05", "--number", "05")
    assert result.returncode == 0, result.stderr
    assert "Đã tạo báo cáo định kỳ" in result.stdout and str(out) in result.stdout
    assert_embedded_a4(out)
    layout = text_of(out)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in layout
    assert "Độc lập - Tự do - Hạnh phúc" in layout
    assert re.search(r"Số: 05/BC-HPN\s+Tịnh Khê, ngày 05 tháng 01 năm 2026", layout)
    cells = flat(text_of(out, layout=False))
    names = [str(n) for (n,) in query(commune_db, "select name from cooperative")]
    assert names
    for name in names:
        assert name in cells
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_profile_sheet_and_sign_in_sheet(run_cli: RunCli, commune_db: Path, tmp_path: Path):
    coop_id, coop_name = query(commune_db, "select id, name from cooperative order by name")[0]
    phones = [p for (p,) in query(
        commune_db, f"select phone from manager where cooperative_id = '{coop_id}' "
        "and phone is not null and deleted = 0")]
    sheet = tmp_path / "phieu.pdf"
    result = run_cli("report", "--db", commune_db, "--kind", "profile", "--record", coop_id,
                     "--out", sheet, "--no-personal")
    assert result.returncode == 0, result.stderr
    text = flat(text_of(sheet, layout=False))
    assert "PHIẾU THÔNG TIN HỢP TÁC XÃ" in text and str(coop_name) in text
    assert not any(str(phone) in text for phone in phones)
    assert "Số điện thoại" not in text

    session_id, title = query(
        commune_db, "select id, title from training_session order by start_date")[0]
    roster = tmp_path / "ky-ten.pdf"
    result = run_cli("report", "--db", commune_db, "--kind", "attendance", "--record", session_id,
                     "--out", roster)
    assert result.returncode == 0, result.stderr
    text = flat(text_of(roster, layout=False))
    assert "DANH SÁCH HỌC VIÊN" in text and str(title) in text and "Ký tên" in text


def test_mistakes_are_explained(run_cli: RunCli, commune_db: Path, new_db: NewDb,
                                tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    consolidated = run_cli("report", "--db", commune_db, "--period", "2025", "--kind",
                           "consolidated", "--out", out)
    assert_clean_failure(consolidated)
    assert "Báo cáo tổng hợp chỉ lập ở cấp huyện/cụm hoặc cấp tỉnh" in consolidated.stderr

    no_record = run_cli("report", "--db", commune_db, "--kind", "profile", "--out", out)
    assert_clean_failure(no_record)
    assert "--record" in no_record.stderr

    unknown = run_cli("report", "--db", commune_db, "--kind", "profile", "--record",
                      "00000000-0000-0000-0000-000000000000", "--out", out)
    assert_clean_failure(unknown)
    assert "Không tìm thấy hợp tác xã hay tổ hợp tác" in unknown.stderr

    period = run_cli("report", "--db", commune_db, "--kind", "periodic", "--period", "2025-H2",
                     "--out", out)
    assert_clean_failure(period)
    assert "“2025-H1”" in period.stderr

    no_period = run_cli("report", "--db", commune_db, "--kind", "periodic", "--out", out)
    assert_clean_failure(no_period)

    elsewhere = run_cli("report", "--db", commune_db, "--kind", "periodic", "--period", "2025",
                        "--out", tmp_path / "no-such-folder" / "x.pdf")
    assert_clean_failure(elsewhere)
    assert "no-such-folder" in elsewhere.stderr

    bare = run_cli("report", "--db", new_db("empty.sqlite3"), "--kind", "periodic", "--period",
                   "2025", "--out", out)
    assert_clean_failure(bare)
    assert "init" in bare.stderr

    wrong_kind = run_cli("report", "--db", commune_db, "--kind", "weekly", "--out", out)
    assert_clean_failure(wrong_kind, 2)
    assert "--kind" in wrong_kind.stderr
    missing_out = run_cli("report", "--db", commune_db, "--kind", "periodic")
    assert_clean_failure(missing_out, 2)
    assert "thiếu tham số bắt buộc: --out" in missing_out.stderr
    assert not out.exists()

    # A Word file is asked for by its extension or --format, never written under another name.
    mismatch = run_cli("report", "--db", commune_db, "--kind", "periodic", "--period", "2025",
                       "--format", "docx", "--out", out)
    assert_clean_failure(mismatch)
    assert "phải có đuôi .docx" in mismatch.stderr
    text_file = run_cli("report", "--db", commune_db, "--kind", "periodic", "--period", "2025",
                        "--out", tmp_path / "x.txt")
    assert_clean_failure(text_file)
    assert "phải có đuôi .pdf" in text_file.stderr
    assert not out.exists()


def test_consolidated_report_of_a_district(run_cli: RunCli, new_db: NewDb, tmp_path: Path):
    db = new_db()
    create = run_cli("district", "create", "--db", db, "--name", "Huyện Sơn Tịnh cũ",
                     "--communes", "21211,21034")
    assert create.returncode == 0, create.stderr
    code = re.search(r"Mã cụm/huyện: (\S+)", create.stdout).group(1)  # type: ignore[union-attr]
    init = run_cli("init", "--db", db, "--unit", code, "--officer", "Trần Thị Bích",
                   "--title", "Chủ tịch Hội LHPN huyện")
    assert init.returncode == 0, init.stderr
    assert run_cli("demo", "--db", db).returncode == 0
    out = tmp_path / "tong-hop.pdf"
    result = run_cli("report", "--db", db, "--period", "2025", "--kind", "consolidated",
                     "--out", out, "--date", "2026-01-05")
    assert result.returncode == 0, result.stderr
    assert_embedded_a4(out)
    text = flat(text_of(out, layout=False))
    assert "HỘI LHPN HUYỆN SƠN TỊNH CŨ" in text
    assert "KẾT QUẢ THEO ĐƠN VỊ" in text and "ĐƠN VỊ CHƯA BÁO CÁO" in text
    assert "Xã Tịnh Khê" in text
