"""Text from outside never reaches a terminal as control characters."""

from __future__ import annotations

import json

from htx_desktop.text_safety import printable, printable_json


def test_escape_sequences_bidi_overrides_and_zero_width_become_visible_escapes():
    assert printable("A\x1b[2K\x1b[1AB") == "A\\x1b[2K\\x1b[1AB"
    assert printable("abc\u202edef") == "abc\\u202edef"
    assert printable("x\u200by\x9bz\x7f") == "x\\u200by\\x9bz\\x7f"
    assert printable("Nguyễn Thị Hoa — Hội LHPN") == "Nguyễn Thị Hoa — Hội LHPN"


def test_newlines_are_kept_only_when_asked():
    assert printable("a\nb") == "a\\x0ab"
    assert printable("a\nb\tc\rd", keep="\n\t") == "a\nb\tc\\x0dd"


def test_json_output_stays_json_and_reads_back_to_the_same_text():
    value = {"name": "Hoa\u202e\x9b\x1b Đẹp\U000e0001"}
    text = printable_json(json.dumps(value, ensure_ascii=False))
    assert "\u202e" not in text and "\x9b" not in text and "\x1b" not in text
    assert "Đẹp" in text
    assert json.loads(text) == value
