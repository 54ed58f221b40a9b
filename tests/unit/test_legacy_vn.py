"""TCVN3 (ABC) and VNI text from old commune lists, detected and converted to Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from htx_desktop.xlsx.legacy_vn import (
    TCVN3_TO_UNICODE,
    VNI_TO_UNICODE,
    detect,
    fix_text,
    tcvn3_to_unicode,
    vni_to_unicode,
)

KNOWN = [
    # (Unicode, TCVN3 as .VnTime stores it, VNI as VNI-Times stores it)
    ("Hợp tác xã", "Hîp t¸c x·", "Hôïp taùc xaõ"),
    ("Nghĩa Hành", "NghÜa Hµnh", "Nghóa Haønh"),
    ("Đồng Tâm", "§ång T©m", "Ñoàng Taâm"),
    ("Hội Liên hiệp Phụ nữ", "Héi Liªn hiÖp Phô n÷", "Hoäi Lieân hieäp Phuï nöõ"),
    ("Mường Khương", "M\xadêng Kh\xad¬ng", "Möôøng Khöông"),
    ("chỉ đạo lịch sử", "chØ ®¹o lÞch sö", "chæ ñaïo lòch söû"),
    ("Ủy ban nhân dân", "ñy ban nh©n d©n", "UÛy ban nhaân daân"),
]


@pytest.mark.parametrize(("unicode", "tcvn3", "vni"), KNOWN)
def test_known_words_convert(unicode: str, tcvn3: str, vni: str) -> None:
    expected = unicode if not unicode.startswith("Ủ") else "ủy ban nhân dân"
    assert tcvn3_to_unicode(tcvn3) == expected
    assert vni_to_unicode(vni) == unicode


@pytest.mark.parametrize(("unicode", "tcvn3", "vni"), KNOWN)
def test_detection_names_the_encoding(unicode: str, tcvn3: str, vni: str) -> None:
    assert detect(unicode) == "unicode"
    assert detect(tcvn3) == "tcvn3"
    assert detect(vni) == "vni"


@pytest.mark.parametrize(
    "text", ["Hoàng Văn Toán", "Nguyễn Thị Hoa", "Café Tâm", "HTX 2020", "Bùi Thị Lý", ""]
)
def test_unicode_text_is_left_alone(text: str) -> None:
    assert fix_text(text) == text
    assert fix_text(text, default="unicode") == text


def test_plain_words_in_a_unicode_workbook_are_not_read_as_vni() -> None:
    """'Hoàng', 'Toán' look like VNI sequences (oà, oá) but carry no VNI-only mark."""
    assert detect(["Hoàng Toán", "Quân"]) == "unicode"


def test_capitals_font_text_comes_out_in_capitals() -> None:
    assert tcvn3_to_unicode("HîP T¸C X· N¤NG NGHIÖP") == "HỢP TÁC XÃ NÔNG NGHIỆP"
    assert vni_to_unicode("ÑOÀNG TAÂM") == "ĐỒNG TÂM"


def test_workbook_default_applies_to_cells_without_evidence_of_their_own() -> None:
    """A short TCVN3 cell may hold no TCVN3-only character; the workbook's verdict decides.
    A cell with real Unicode letters is never converted, whatever the workbook says."""
    assert fix_text("Ta", default="tcvn3") == "Ta"
    assert fix_text("t¸c", default="unicode") == "tác"  # its own evidence is clear
    assert fix_text("x·", default="tcvn3") == "xã"
    assert fix_text("Nguyễn Thị", default="tcvn3") == "Nguyễn Thị"
    assert fix_text("Nguyễn Thị", default="vni") == "Nguyễn Thị"


def _every_letter() -> set[str]:
    tones = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
    letters = {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones}
    return (letters | {"đ"}) - set("aeiouy")


def test_tcvn3_table_covers_every_lower_case_vietnamese_letter() -> None:
    assert _every_letter() <= set(TCVN3_TO_UNICODE.values())
    assert len(TCVN3_TO_UNICODE) == len(set(TCVN3_TO_UNICODE.values()))  # one-to-one


def test_vni_table_covers_every_vietnamese_letter_in_both_cases() -> None:
    every = _every_letter()
    assert every <= set(VNI_TO_UNICODE.values())
    assert {c.upper() for c in every} <= set(VNI_TO_UNICODE.values())
    assert all(unicodedata.is_normalized("NFC", v) for v in VNI_TO_UNICODE.values())


def test_output_is_nfc() -> None:
    for _, tcvn3, vni in KNOWN:
        assert unicodedata.is_normalized("NFC", tcvn3_to_unicode(tcvn3))
        assert unicodedata.is_normalized("NFC", vni_to_unicode(vni))
