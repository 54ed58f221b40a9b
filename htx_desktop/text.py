"""Vietnamese text helpers shared by every layer.

Input is normalised to NFC because decomposed text prints broken in PDFs and compares unequal;
search folds accents and case so that officers can type without a Vietnamese keyboard.
"""

from __future__ import annotations

import unicodedata

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


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
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def matches(query: str, haystack_folded: str) -> bool:
    """Every word of the query appears in the folded text (order free)."""
    return all(word in haystack_folded for word in fold(query).split())
