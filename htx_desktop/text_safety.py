"""Text from outside, made safe to print on a terminal.

A certificate's name, a bundle's unit name or a record's name is written by someone else. On a
terminal a control character in it is an instruction, not a letter: `ESC [ 2 K ESC [ 1 A`
erases the line above, which can hide the fingerprint line an officer is about to read out,
and a right-to-left override (U+202E) shows the text backwards. `printable` replaces every
such character by a visible escape (`\\x1b`, `\\u202e`), so what the terminal shows is exactly
what the text holds, and the lines the application prints stay where they are.
"""

from __future__ import annotations

import unicodedata

#: Bidirectional embeddings, overrides and isolates, and the marks that steer them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Characters that take no width: they can hide inside a name and make two names look equal.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")


def is_unsafe(char: str, keep: str = "") -> bool:
    """A control character (C0, DEL, C1), a bidi control, a zero-width character, a line or
    paragraph separator, or a code point with no character (unassigned, surrogate)."""
    if char in keep:
        return False
    if char in BIDI_CONTROLS or char in ZERO_WIDTH:
        return True
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or category == "Cn"


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: object, keep: str = "") -> str:
    """The text with every unsafe character written as a visible escape; `keep` names
    characters let through (the command line keeps the newlines and tabs it writes itself)."""
    value = str(text)
    if value.isprintable():  # the common case: nothing to replace
        return value
    return "".join(_escape(c) if is_unsafe(c, keep) else c for c in value)


def printable_json(text: str) -> str:
    """For JSON output: unsafe characters inside strings as `\\uXXXX`, which JSON reads back
    as the same character (`json.dumps` already escapes C0 controls, not C1 or bidi ones)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char not in "\n" and is_unsafe(char):
            code = ord(char)
            if code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:  # JSON writes such a character as a surrogate pair
                high, low = divmod(code - 0x10000, 0x400)
                out.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}")
        else:
            out.append(char)
    return "".join(out)
