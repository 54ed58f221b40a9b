"""Vietnamese alphabetical order, the one sort key for names everywhere (reports, record lists,
the command line).

Sorting by accent-folded text (`text.fold`) put "Đồng" among the "D"s and "Ân" among the "A"s
in no particular order; Python's own order puts every accented letter after "z". Officers read
lists in the order of the Vietnamese alphabet:

    a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y

(f, j, w and z, found in foreign names, sit where the Latin alphabet puts them), and tones after
letters, in the order none, huyền, hỏi, ngã, sắc, nặng (a < à < ả < ã < á < ạ). That tone order
is the one of the Vietnamese dictionary of the Institute of Linguistics (Từ điển tiếng Việt,
ed. Hoàng Phê) and of the Unicode CLDR collation for Vietnamese, which ICU and LibreOffice
follow; the other order sometimes taught (none, sắc, huyền, hỏi, ngã, nặng) is a spelling-book
order, not a dictionary's.

As in CLDR, letters decide first over the whole name and tones only between names with the
same letters ("Bà Rịa" < "Ba Tơ", "bà" < "bác", "bá" < "bac"), so a list sorts here as it does
in LibreOffice Calc set to Vietnamese. Case never matters (names that differ only in case tie
and keep their order, Python's sort being stable); numbers compare as numbers ("Thôn 2" <
"Thôn 10"); punctuation only separates words.

The key is a plain string (the letters, then the tones), so keys are cheap to compare, to cache
and to mix with the other string keys of a list; it is built with two `str.translate` calls, a
split and a join (numbers cost one regular-expression pass more): about the cost of `fold`.
"""

from __future__ import annotations

import re
import unicodedata

from htx_desktop.text import fold

#: The alphabet in order, with the Latin letters Vietnamese does not use at their Latin places.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: Tone marks in the order they sort (U+0300 huyền, U+0309 hỏi, U+0303 ngã, U+0301 sắc,
#: U+0323 nặng); a syllable without one sorts first.
TONES = "\u0300\u0309\u0303\u0301\u0323"
#: Marks that make a letter of their own (ă â ê ô ơ ư), not a tone.
_LETTER_MARKS = "\u0306\u0302\u031b"

# Key characters: the end of a word (0x10) < numbers (0x20 …) < letters (33 of them:
# 0x41..0x61) < any other character, kept as itself. Tones: 0x30 none, 0x31..0x35 the marks.
_END = "\x10"
_NUMBER = "\x20"
_LETTER_BASE = 0x41
_TONE_BASE = 0x31
_NO_TONE = "\x30"
_DIGITS = re.compile(r"\d+")


def _tables() -> tuple[dict[int, str], dict[int, str]]:
    """Each Latin letter to its key character, and to its tone's; spaces and punctuation end
    a word and carry no tone; digits stay themselves."""
    letters: dict[int, str] = {}
    tones: dict[int, str] = {}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250),
                 *range(0x1E00, 0x1F00)]:
        char = chr(code)
        parts = unicodedata.normalize("NFD", char.lower())
        tone = next((TONES.index(c) for c in parts if c in TONES), None)
        kept = "".join(c for c in parts if not unicodedata.combining(c) or c in _LETTER_MARKS)
        base = unicodedata.normalize("NFC", kept)
        if base not in ALPHABET:  # a mark Vietnamese has not (ç, ñ, ö): the bare letter
            base = "".join(c for c in parts if not unicodedata.combining(c))
        if len(base) == 1 and base in ALPHABET:
            letters[code] = chr(_LETTER_BASE + ALPHABET.index(base))
            tones[code] = chr(_TONE_BASE + tone) if tone is not None else _NO_TONE
    for char in "đĐ":
        letters[ord(char)] = chr(_LETTER_BASE + ALPHABET.index("đ"))
        tones[ord(char)] = _NO_TONE
    for code in range(0x3000):  # through General Punctuation and the CJK symbols
        char = chr(code)
        if code not in letters and not char.isalnum():
            letters[code] = _END  # spaces, punctuation, stray marks
            tones[code] = ""
    for code in range(0x30, 0x3A):
        tones[code] = ""
    return letters, tones


_LETTERS, _TONES = _tables()


def _number(match: re.Match[str]) -> str:
    digits = match.group().lstrip("0") or "0"
    return f"{_END}{_NUMBER}{chr(0x21 + min(len(digits), 0x5E))}{digits}{_END}"


def vn_key(text: str | None) -> str:
    """Sort key of `text` in Vietnamese alphabetical order (see the module's docstring)."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    letters = text.translate(_LETTERS)
    if _DIGITS.search(letters):
        letters = _DIGITS.sub(_number, letters)
    letters = _END.join(filter(None, letters.split(_END)))
    return f"{letters}\x00{text.translate(_TONES)}"


#: Words that say what kind of unit a name is ("Xã Tịnh Khê"): lists of units sort by the
#: name itself, so "Phường Bàu Bàng" sits with the "B"s.
UNIT_PREFIXES = ("thanh pho ", "tinh ", "phuong ", "xa ", "dac khu ", "thi tran ")


def unit_key(name: str | None) -> str:
    """Sort key of an administrative unit's name without its division word."""
    if not name:
        return ""
    folded = fold(name)
    for prefix in UNIT_PREFIXES:
        if folded.startswith(prefix):
            words = len(prefix.split())
            rest = " ".join(name.split()[words:])
            return vn_key(rest) + "\x00" + vn_key(name)
    return vn_key(name)
