"""Names come out in Vietnamese alphabetical order wherever an officer reads a list: Đ after D,
Ă and Â after A, tones after letters (a < à < ả < ã < á < ạ), in reports, record lists and the
status of the units below hers."""

from __future__ import annotations

import random
import shutil
import subprocess
from datetime import date

import pytest

from htx_desktop.collation import unit_key, vn_key
from htx_desktop.registry.listing import list_columns, load_rows, sort_order
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.reports import build_document
from htx_desktop.storage.engine import Database
from htx_desktop.storage.units import child_units, create_district, get_unit

#: Written out by hand from the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
#: v x y and the tone order none, huyền, hỏi, ngã, sắc, nặng; letters decide over the whole
#: name before tones do (as LibreOffice Calc sorts in Vietnamese).
GOLDEN = [
    "An Phú",
    "Ăn Quả",
    "Âu Cơ",
    "Bà Rịa",
    "Ba Tơ",
    "Bắc Sơn",
    "Bình Sơn",
    "Cà Mau",
    "Cao Bằng",
    "Dung Quất",
    "Dương Minh Châu",
    "Đà Nẵng",
    "Điện Biên",
    "Đông",
    "Đồng",
    "Đổng",
    "Đỗng",
    "Đống",
    "Động",
    "Đông Hòa",
    "Đồng Tâm",
    "Ea Kar",
    "Ê Đê",
    "Hạ Long",
    "Hà Tĩnh",
    "Ong Lạc",
    "Ô Môn",
    "Ơ Ri",
    "Quảng Nam",
    "Quảng Ngãi",
    "Thôn 2",
    "Thôn 10",
    "Uông Bí",
    "Ưng Hòa",
    "Yên Bái",
]


def test_the_golden_list_sorts_back_into_its_order() -> None:
    shuffled = GOLDEN[:]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=vn_key) == GOLDEN


def test_tones_follow_the_letters_in_dictionary_order() -> None:
    words = ["ba", "bà", "bả", "bã", "bá", "bạ", "bac", "bác", "bạc"]
    assert sorted(reversed(words), key=vn_key) == words


def test_decomposed_text_and_case_do_not_change_the_place() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Đồng Tâm")
    assert vn_key(nfd) == vn_key("Đồng Tâm") == vn_key("ĐỒNG TÂM")
    assert sorted(["đồng tâm", "Dung", "ĐỒNG TÂM", "Ea"], key=vn_key) == [
        "Dung", "đồng tâm", "ĐỒNG TÂM", "Ea"  # equal but for case: their own order kept
    ]


def test_unit_names_sort_without_their_division_word() -> None:
    names = ["Xã Tịnh Khê", "Phường Bàu Bàng", "Xã Đức Phổ", "Xã Dũng", "Thành phố Hà Nội"]
    assert sorted(names, key=unit_key) == [
        "Phường Bàu Bàng", "Xã Dũng", "Xã Đức Phổ", "Thành phố Hà Nội", "Xã Tịnh Khê"
    ]


COMMUNE = "21211"
CTX = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 5))
COOPS = ["HTX Đồng Tâm", "HTX Dung Quất", "HTX Ân Hòa", "HTX An Bình", "HTX Zê Ta"]
IN_ORDER = ["HTX An Bình", "HTX Ân Hòa", "HTX Dung Quất", "HTX Đồng Tâm", "HTX Zê Ta"]


@pytest.fixture
def coops(fresh_db: Database) -> Database:
    with fresh_db.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        for name in COOPS:
            create_record(s, "cooperative",
                          {"name": name, "commune_code": COMMUNE, "sector": "nong_nghiep"},
                          COMMUNE, CTX)
    return fresh_db


def test_the_cooperative_list_sorts_by_name_in_vietnamese_order(coops: Database) -> None:
    columns = list_columns("cooperative")
    name_col = next(i for i, c in enumerate(columns) if c.key == "name")
    with coops.session() as s:
        rows = load_rows(s, "cooperative", [COMMUNE])
    order = sort_order(rows, columns, name_col)
    assert [rows[i].values[name_col] for i in order.indexes] == IN_ORDER


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_periodic_report_lists_cooperatives_in_vietnamese_order(coops, tmp_path) -> None:
    out = tmp_path / "bao-cao.pdf"
    with coops.session() as s:
        build_document(s, "periodic", "2025-H1", out, issued_on=date(2026, 1, 5))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    flat = " ".join(text.split())
    positions = [flat.index(name) for name in IN_ORDER]
    assert positions == sorted(positions)


def test_the_communes_under_a_district_come_in_vietnamese_order(fresh_db: Database) -> None:
    """SQLite's ORDER BY compared code points and put every "Đ" after "T"."""
    with fresh_db.session() as s:
        codes = ["21211", "21109", "23383", "21439", "21034"]
        district = create_district(s, "Cụm thử", codes)
        names = [u.name for u in child_units(s, get_unit(s, district.code))]
    assert names == [
        "Xã An Phú", "Xã Dục Nông", "Xã Đông Sơn", "Phường Đức Phổ", "Xã Tịnh Khê"
    ]
