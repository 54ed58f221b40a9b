"""Vietnamese text helpers shared by every layer.

Input is normalised to NFC because decomposed text prints broken in PDFs and compares unequal;
search folds accents and case so that officers can type without a Vietnamese keyboard.
"""

from __future__ import annotations

import unicodedata


def _fold_table() -> dict[int, str]:
    """Every precomposed Latin letter (Vietnamese included) mapped to its bare lower-case base,
    so folding NFC text is one `str.translate` call rather than a walk over code points."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0xC0, 0x250):
        _add_fold(table, code)
    for code in range(0x1E00, 0x1F00):
        _add_fold(table, code)
    return table


def _add_fold(table: dict[int, str], code: int) -> None:
    char = chr(code)
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    if base != char and base.isascii():
        table[code] = base.lower()


_FOLD = _fold_table()


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean_text(value: str | None) -> str | None:
    """NFC, trimmed, inner whitespace collapsed; empty becomes None."""
    if value is None:
        return None
    cleaned = " ".join(nfc(value).split())
    return cleaned or None


def fold(value: str | None) -> str:
    """Accent- and case-insensitive key: 'Hợp tác xã Đồng' -> 'hop tac xa dong'."""
    if not value:
        return ""
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    folded = value.translate(_FOLD).casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(folded.split())


def matches(query: str, haystack_folded: str) -> bool:
    """Every word of the query appears in the folded text (order free)."""
    return all(word in haystack_folded for word in fold(query).split())
