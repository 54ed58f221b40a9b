"""The Word copy of a report as an office without Microsoft Word opens it: LibreOffice Writer
(headless) converts the .docx saved by `htx-desktop report --format docx` to PDF, and the pages
are A4 with the report's text (header block, the officer's assessment, "Nơi nhận", signer).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_workbook_libreoffice import IN_CI, SOFFICE, soffice

from htx_desktop.demo import fill_demo
from htx_desktop.registry.profile import create_profile
from htx_desktop.reports.narrative import save_narrative
from htx_desktop.storage.database import open_database

pytestmark = pytest.mark.skipif(
    SOFFICE is None and not IN_CI, reason="LibreOffice (soffice) is not installed"
)
UNIT = "21211"
ASSESSMENT = "Các cấp Hội đã phối hợp hỗ trợ thành lập mới 2 hợp tác xã do phụ nữ quản lý."


def pdf_info(path: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    )


def test_word_report_opens_in_libreoffice_as_a4_with_its_text(
    run_cli: Callable[..., subprocess.CompletedProcess[str]],
    new_db: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    db_path = new_db("Dữ liệu HTX.sqlite3")
    db = open_database(db_path)
    with db.session() as s:
        create_profile(s, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(s, UNIT, seed=1)
        save_narrative(s, UNIT, "2025-H1", {
            "assessment": ASSESSMENT,
            "proposals": "Đề nghị Hội LHPN tỉnh mở lớp tập huấn thương mại điện tử.",
        })
    db.close()
    folder = tmp_path / "Báo cáo gửi huyện"
    folder.mkdir()
    word_file = folder / "Báo cáo 6 tháng đầu năm.docx"
    done = run_cli("report", "--db", db_path, "--kind", "periodic", "--period", "2025-H1",
                   "--format", "docx", "--out", word_file, "--date", "2026-01-05")
    assert done.returncode == 0, done.stderr
    assert word_file.read_bytes()[:2] == b"PK"

    converted = tmp_path / "pdf"
    soffice("pdf", word_file, converted, tmp_path / "lo-profile")
    pdf = converted / "Báo cáo 6 tháng đầu năm.pdf"
    info = pdf_info(pdf)
    width, height = (float(n) for n in info["Page size"].split("pts")[0].split("x"))
    assert (round(width), round(height)) == (595, 842)
    assert int(info["Pages"]) >= 2
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for expected in (
        "HỘI LHPN XÃ TỊNH KHÊ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tịnh Khê, ngày 05 tháng 01 năm 2026",
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "ĐÁNH GIÁ CHUNG",
        ASSESSMENT,
        "ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "TM. BAN THƯỜNG VỤ",
        "Nguyễn Thị Hoa",
    ):
        assert expected in flat, expected
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts or "Times" in fonts  # Times New Roman or its metric twin
