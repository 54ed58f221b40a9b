"""The key a cooperative (or group) is found by when a list names it instead of giving a code.

A manager list written by hand says "HTX Nông nghiệp Đồng Tâm", "Hợp tác xã nông nghiệp Đồng
Tâm" or "HTX NN Đồng Tâm" for the same cooperative. Accents, case, punctuation and the leading
kind word ("Hợp tác xã", "HTX", "Tổ hợp tác", "THT") are ignored; abbreviations inside the name
are not guessed, since a wrong guess would attach a person to the wrong cooperative. Names are
looked up only among the importing unit's own records and the workbook's rows, so two
communes' "HTX Đồng Tâm" never meet; two of them in the same unit make the cell a problem.
"""

from __future__ import annotations

import re

from htx_desktop.text import fold

_KIND_WORDS = ("hop tac xa ", "htx ", "to hop tac ", "tht ")


def name_key(text: str | None) -> str:
    """'Hợp tác xã Nông nghiệp Đồng Tâm', 'HTX nông nghiệp đồng tâm.' -> 'nong nghiep dong tam'."""
    key = " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())
    for word in _KIND_WORDS:
        if key.startswith(word):
            return key[len(word):]
    return key
