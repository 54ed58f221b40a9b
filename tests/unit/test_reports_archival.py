"""A printed report carries what an archive and a screen reader look for: the language (vi),
title and author, fonts whose subset names do not collide, XMP metadata that repeat the
document information and claim PDF/A-2b, and an sRGB OutputIntent. (No PDF/A validator installs
from the package registries, see reports/archival.py: these are read back with poppler and
pyHanko's PDF reader.)"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.reports import build_document
from htx_desktop.reports.fonts import subset_tag
from htx_desktop.storage.engine import Database

COMMUNE = "21211"
CTX = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 5))

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdffonts", "pdfinfo")),
    reason="poppler-utils (pdffonts, pdfinfo) is not installed",
)


@pytest.fixture
def report(fresh_db: Database, tmp_path: Path) -> Path:
    with fresh_db.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        create_record(s, "cooperative", {"name": "HTX Đồng Tâm", "commune_code": COMMUNE,
                                         "sector": "nong_nghiep"}, COMMUNE, CTX)
    out = tmp_path / "bao-cao.pdf"
    with fresh_db.session() as s:
        build_document(s, "periodic", "2025-H1", out, issued_on=date(2026, 1, 5))
    return out


def test_language_title_and_author_are_set(report: Path) -> None:
    info = subprocess.run(["pdfinfo", str(report)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Title:\s+Báo cáo", info, re.M | re.I), info
    assert re.search(r"^Author:\s+Nguyễn Thị Hoa$", info, re.M), info
    with report.open("rb") as f:
        root = PdfFileReader(f).root
        assert str(root["/Lang"]) == "vi"


def test_every_font_subset_has_a_tag_of_its_own(report: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    tags = [line.split("+")[0] for line in fonts if "+" in line]
    assert len(tags) >= 2  # regular and bold at least
    assert len(set(tags)) == len(tags), fonts
    assert all(re.fullmatch(r"[A-Z]{6}", t) for t in tags)
    assert subset_tag("F", [1, 2]) != subset_tag("F", [1, 3]) != subset_tag("G", [1, 3])


def test_xmp_metadata_repeat_the_document_information_and_claim_pdfa_2b(report: Path) -> None:
    meta = subprocess.run(["pdfinfo", "-meta", str(report)], capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in meta
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    assert "<rdf:li>Nguyễn Thị Hoa</rdf:li>" in meta
    assert "<dc:language><rdf:Bag><rdf:li>vi</rdf:li>" in meta
    with report.open("rb") as f:
        reader = PdfFileReader(f)
        info = reader.trailer["/Info"]
        title = str(info["/Title"])
        assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in meta
        created = str(info["/CreationDate"])  # D:YYYYMMDDhhmmss+hh'mm'
        iso = (f"{created[2:6]}-{created[6:8]}-{created[8:10]}T{created[10:12]}:"
               f"{created[12:14]}:{created[14:16]}")
        assert f"<xmp:CreateDate>{iso}" in meta


def test_the_output_intent_is_srgb(report: Path) -> None:
    with report.open("rb") as f:
        root = PdfFileReader(f).root
        intent = root["/OutputIntents"][0]
        assert intent["/S"] == "/GTS_PDFA1"
        assert "sRGB" in str(intent["/OutputConditionIdentifier"])
        profile = intent["/DestOutputProfile"]
        assert profile["/N"] == 3
        data = profile.data
        assert data[36:40] == b"acsp" and data[16:20] == b"RGB "
