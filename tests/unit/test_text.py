"""Searching without a Vietnamese keyboard."""

from __future__ import annotations

from htx_desktop.text import clean_text, fold, matches


def test_fold_strips_accents_case_and_d_stroke():
    assert fold("Hợp tác xã Đồng Tâm") == "hop tac xa dong tam"
    assert fold("ĐĂK") == "dak"


def test_search_without_accents_finds_the_vietnamese_name():
    name = fold("Hợp tác xã Nông nghiệp Nghĩa Hành")
    assert matches("hop tac xa nghia hanh", name)
    assert matches("NGHIA hành", name)
    assert not matches("nghia thang", name)


def test_d_finds_d_stroke():
    assert matches("d", fold("Đồng"))


def test_clean_text_empty_is_none():
    assert clean_text("   ") is None
    assert clean_text(None) is None
