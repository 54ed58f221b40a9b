"""The report inside a bundle, as a stranger checks it: poppler's `pdfsig` says the signature
covers the whole file, and the signed copy carries no blank "Số: …/BC-HPN" (nobody can write a
number into a signed file), while the paper copy keeps the blank for the clerk's pen."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bundle_fixtures import make_officer

from htx_desktop.reports import build_document

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfsig", "pdftotext")),
    reason="poppler-utils (pdfsig, pdftotext) is not installed",
)


def first_page(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", "-enc", "UTF-8",
                           str(pdf), "-"], capture_output=True, check=True).stdout
    return [line.strip() for line in text.decode("utf-8").splitlines() if line.strip()]


def test_the_signed_report_is_signed_whole_and_has_no_blank_number(e2e_template_db, tmp_path):
    officer = make_officer(e2e_template_db, tmp_path / "xa", "21211")
    bundle = officer.export("2025-H1", tmp_path / "out")
    with zipfile.ZipFile(bundle) as zf:
        (tmp_path / "report.pdf").write_bytes(zf.read("report.pdf"))
    signed = tmp_path / "report.pdf"

    check = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, check=False)
    assert "Total document signed" in check.stdout, check.stdout + check.stderr
    assert "Signature is Valid" in check.stdout
    assert check.stdout.count("Signature #") == 1

    lines = first_page(signed)
    assert not any(line.startswith("Số:") for line in lines), lines
    assert any(re.search(r"Tịnh Khê, ngày \d\d tháng \d\d năm \d{4}", line) for line in lines)

    paper = tmp_path / "paper.pdf"
    with officer.db.session() as s:
        build_document(s, "periodic", "2025-H1", paper)
    number = next(line for line in first_page(paper) if line.startswith("Số:"))
    assert re.match(r"Số:\s+/BC-HPN", number), number
    officer.db.close()
