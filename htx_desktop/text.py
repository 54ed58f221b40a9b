"""Vietnamese text helpers shared by every layer.

Input is normalised to NFC because decomposed text prints broken in PDFs and compares unequal;
search folds accents and case so that officers can type without a Vietnamese keyboard.
"""

from __future__ import annotations

import re
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


#: Characters that never belong in a record's text, whoever typed or sent it: C0 and C1
#: controls and DEL (an escape sequence can rewrite a terminal line, such as a fingerprint),
#: bidirectional embeddings, overrides and isolates (they reorder what a reader sees: a name can
#: display as another), and zero-width characters (two names that look equal compare unequal).
#: Tab and newline are allowed only in long notes. The one classification: entry strips them,
#: import refuses them, display shows them escaped.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F),  # C0 (tab and newline allowed in long notes: `_NOTES_ALLOWED`)
    (0x7F, 0x9F),  # DEL and C1
    (0x200B, 0x200D),
    (0x202A, 0x202E),
    (0x2060, 0x2060),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)
_NOTES_ALLOWED = frozenset({0x09, 0x0A})


def _pattern(multiline: bool) -> re.Pattern[str]:
    points = [
        code
        for low, high in UNSAFE_RANGES
        for code in range(low, high + 1)
        if not (multiline and code in _NOTES_ALLOWED)
    ]
    return re.compile("[" + "".join(f"\\u{code:04x}" for code in points) + "]")


_UNSAFE_LINE = _pattern(multiline=False)
_UNSAFE_NOTES = _pattern(multiline=True)


def unsafe_pattern(multiline: bool = False) -> re.Pattern[str]:
    """The characters `UNSAFE_RANGES` names, as one compiled character class (tab and newline
    allowed when `multiline`)."""
    return _UNSAFE_NOTES if multiline else _UNSAFE_LINE


#: The ASCII characters that are safe, by `multiline`: every printable one (and tab and newline
#: in long notes). In ASCII text every other character is unsafe (C0 and DEL).
_ASCII_SAFE = {
    multiline: bytes(range(0x20, 0x7F)) + (b"\t\n" if multiline else b"")
    for multiline in (False, True)
}


def has_unsafe(value: str, multiline: bool = False) -> bool:
    """Whether `value` holds a character `UNSAFE_RANGES` names: the same answer as searching it
    with `unsafe_pattern`, which reads some 6 ns per character, and an import reads every text
    of a bundle twice (the decoder, the forms). ASCII text is decided by deleting its safe
    bytes (what is left is unsafe), other text that Python calls printable holds no unsafe
    character (each is a control or format character, none printable), and only the rest is
    searched."""
    if value.isascii():
        return bool(value.encode("ascii").translate(None, _ASCII_SAFE[multiline]))
    return not value.isprintable() and unsafe_pattern(multiline).search(value) is not None


def first_unsafe(value: str, multiline: bool = False) -> str | None:
    """The first unsafe character of `value`, or None."""
    found = unsafe_pattern(multiline).search(value)
    return found.group() if found else None


def strip_unsafe(value: str, multiline: bool = False) -> str:
    """`value` without its unsafe characters (what entry does to what is typed or pasted)."""
    return unsafe_pattern(multiline).sub("", value)


def visible(value: str, multiline: bool = False) -> str:
    """Text from outside made safe to print on a terminal, a label or a spreadsheet cell: every
    unsafe character (tab and newline too, unless `multiline`) shown as a `\\uXXXX` escape, so
    nothing is hidden, reordered or taken for a control."""
    return unsafe_pattern(multiline).sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def char_name(char: str) -> str:
    """U+XXXX and the Unicode name, for a message about a refused character."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()


def clean_text(value: str | None) -> str | None:
    """NFC, unsafe characters removed, trimmed, inner whitespace collapsed; empty becomes
    None."""
    if value is None:
        return None
    cleaned = " ".join(strip_unsafe(nfc(value)).split())
    return cleaned or None


def clean_multiline(value: str) -> str:
    """Long notes: NFC, unsafe characters removed (tab and newline kept), trimmed."""
    return strip_unsafe(nfc(value), multiline=True).strip()


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
