"""Vietnamese typed in the pre-Unicode encodings TCVN3 (ABC) and VNI, turned into Unicode.

Lists kept in communes since the 2000s were typed with the `.VnTime` (TCVN3) or `VNI-Times`
(VNI) fonts: Excel stored the font's bytes as Latin-1 letters, so "Hợp tác xã" sits in the
cell as "Hîp t¸c x·" (TCVN3) or "Hôïp taùc xaõ" (VNI). Read as is, such names never match a
choice, a commune or an existing record, and would print as rubbish in every report.

- **TCVN3** has one code point per letter (tone included), so conversion is a table lookup.
  Its common fonts hold lower-case letters only (capitals come from separate `.VnTimeH` fonts
  using the same codes), so a word whose plain letters are all capitals is upper-cased.
- **VNI** writes a base letter followed by one mark character (tone, or vowel shape and tone
  together: "a" + "ù" = "á", "a" + "á" = "ấ"), plus a few single characters (ô = ơ, ö = ư,
  ñ = đ, ó = ĩ …). Conversion tries two-character sequences before single characters.

Detection counts code points that only one encoding produces: letters of the Vietnamese
Unicode block (ạ, ơ, đ …) mean Unicode; TCVN3 letters that no VNI or Unicode text contains
(µ ¸ ¶ · ¹ ¨ © ª « ¬ § …) mean TCVN3; a vowel followed by a VNI mark that is not itself a
Vietnamese letter (ø û ï å ä ë ü …) means VNI. Plain Unicode words such as "Hoàng" contain none
of these, so a Unicode text is never converted by mistake when the evidence is weak.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Encoding = Literal["unicode", "tcvn3", "vni"]

# --- TCVN3 (TCVN 5712:1993, VN3 "ABC" fonts) ---------------------------------------------------

#: (TCVN3 character, Unicode letter), grouped by vowel as the standard lists them.
_TCVN3_PAIRS: tuple[tuple[str, str], ...] = tuple(
    zip(
        "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî"
        "ïóñòô" "\xadõøö÷ù" "úýûüþ" "¡¢§£¤¥¦",
        "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ"
        "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ",
        strict=True,
    )
)
TCVN3_TO_UNICODE: dict[str, str] = dict(_TCVN3_PAIRS)
_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)

# --- VNI (VNI-Windows fonts) -------------------------------------------------------------------

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONES = ("", _ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)

#: Lower-case VNI marks in the order of `_TONES` (the first entry: no tone).
_VNI_TONE_MARKS = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX_MARKS = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE_MARKS = ("ê", "é", "è", "ú", "ü", "ë")


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    """Every VNI sequence (one or two characters, both cases) and the letter it stands for."""
    lower: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in zip(_VNI_TONE_MARKS[1:], _TONES[1:], strict=True):
            lower[base + mark] = _compose(base, tone)
    del lower["yï"]  # ỵ is the single character "î"
    for base in "aeo":
        for mark, tone in zip(_VNI_CIRCUMFLEX_MARKS, _TONES, strict=True):
            lower[base + mark] = _compose(base, _CIRCUMFLEX, tone)
    for mark, tone in zip(_VNI_BREVE_MARKS, _TONES, strict=True):
        lower["a" + mark] = _compose("a", _BREVE, tone)
    for vni, base in (("ô", "o"), ("ö", "u")):  # ơ and ư
        lower[vni] = _compose(base, _HORN)
        for mark, tone in zip(_VNI_TONE_MARKS[1:], _TONES[1:], strict=True):
            lower[vni + mark] = _compose(base, _HORN, tone)
    lower |= {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ"}
    table = dict(lower)
    for seq, letter in lower.items():
        table[seq.upper()] = letter.upper()
    return table


VNI_TO_UNICODE: dict[str, str] = _vni_table()

# --- detection --------------------------------------------------------------------------------

#: Latin-1 letters that are ordinary Vietnamese letters in Unicode text too.
_UNICODE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_VNI_CHARS = frozenset(ch for seq in VNI_TO_UNICODE for ch in seq if not ch.isascii())
#: Characters only TCVN3 text contains (never VNI, never Unicode Vietnamese).
TCVN3_ONLY = frozenset(TCVN3_TO_UNICODE) - _VNI_CHARS - _UNICODE_LATIN1
#: VNI marks that are not Vietnamese letters themselves: a vowel followed by one is VNI.
_VNI_STRONG_MARKS = frozenset("øûïåäëü") | frozenset("ØÛÏÅÄËÜ")
_VNI_BASES = frozenset("aeouyôöAEOUYÔÖ")
#: A vowel and a VNI shape mark that Unicode Vietnamese never writes side by side ("aâ" = â,
#: "eá" = ế); "oá" and "oà" are left out because "Toán" and "Hoàng" are ordinary Unicode.
_VNI_DOUBLED_LOWER = ["a" + m for m in "âáàãêéèú"] + ["e" + m for m in "âáàã"] + ["oâ"]
_VNI_DOUBLED = frozenset(_VNI_DOUBLED_LOWER + [s.upper() for s in _VNI_DOUBLED_LOWER])
#: Letters of Unicode Vietnamese outside Latin-1 (ă đ ĩ ũ ơ ư and the U+1EA0 block).
_UNICODE_VN = frozenset("ăĂđĐĩĨũŨơƠưƯ") | frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))


@dataclass(frozen=True)
class Evidence:
    """How many characteristic code points of each encoding a text holds."""

    unicode: int = 0
    tcvn3: int = 0
    vni: int = 0

    def __add__(self, other: Evidence) -> Evidence:
        return Evidence(
            self.unicode + other.unicode, self.tcvn3 + other.tcvn3, self.vni + other.vni
        )

    def verdict(self) -> Encoding:
        """The encoding the evidence points to; Unicode unless a legacy one clearly wins."""
        if self.tcvn3 == 0 and self.vni == 0:
            return "unicode"
        legacy: Encoding = "tcvn3" if self.tcvn3 >= self.vni else "vni"
        best = max(self.tcvn3, self.vni)
        # Real Unicode letters outweigh stray legacy-looking symbols (a "©" in a note).
        return "unicode" if self.unicode >= best else legacy


def evidence(text: str) -> Evidence:
    """Count the code points that only one of the three encodings produces."""
    uni = tcvn = vni = 0
    previous = " "
    for ch in text:
        if ch in _UNICODE_VN:
            uni += 1
        elif ch in TCVN3_ONLY:
            tcvn += 1
        elif ch in _VNI_STRONG_MARKS and previous in _VNI_BASES and (
            ch.isupper() == previous.isupper()
        ):
            vni += 1
        elif previous + ch in _VNI_DOUBLED:
            vni += 1
        elif ch in "ñÑ" and previous.isalpha():
            tcvn += 1  # VNI đ only starts a syllable; TCVN3 ủ ends one ("thñ" = "thủ")
        previous = ch
    return Evidence(uni, tcvn, vni)


def detect(texts: Iterable[str] | str) -> Encoding:
    """The encoding a set of texts (a whole column or workbook is best) was typed in."""
    if isinstance(texts, str):
        return evidence(texts).verdict()
    total = Evidence()
    for text in texts:
        total = total + evidence(text)
    return total.verdict()


# --- conversion -------------------------------------------------------------------------------


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 to NFC Unicode; words typed with an upper-case-only font come out upper case."""
    converted = text.translate(_TCVN3_TABLE)
    if converted == text:
        return unicodedata.normalize("NFC", text)
    whole = _restore_capitals(text, converted)
    if whole != converted:
        return unicodedata.normalize("NFC", whole)
    words_in = text.split(" ")
    words_out = converted.split(" ")
    fixed = [_restore_capitals(a, b) for a, b in zip(words_in, words_out, strict=True)]
    return unicodedata.normalize("NFC", " ".join(fixed))


def _restore_capitals(original: str, converted: str) -> str:
    """`.VnTimeH` text ("TªN") keeps its plain capitals but not its accented ones; a word
    with at least two plain letters, all capitals, was meant in capitals."""
    letters = [c for c in original if c.isascii() and c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and original != converted:
        return converted.upper()
    return converted


def vni_to_unicode(text: str) -> str:
    """VNI to NFC Unicode, two-character sequences first."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI_TO_UNICODE:
            out.append(VNI_TO_UNICODE[pair])
            i += 2
            continue
        out.append(VNI_TO_UNICODE.get(text[i], text[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def to_unicode(text: str, encoding: Encoding) -> str:
    """Convert from `encoding`; Unicode text is only normalised to NFC."""
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text)
    if encoding == "vni":
        return vni_to_unicode(text)
    return unicodedata.normalize("NFC", text)


def fix_text(text: str, default: Encoding = "unicode") -> str:
    """One cell: its own evidence decides when it is clear, otherwise the workbook's
    `default` applies (a cell that already holds Unicode letters is never converted)."""
    own = evidence(text)
    if own.unicode:
        return unicodedata.normalize("NFC", text)
    verdict = own.verdict()
    return to_unicode(text, verdict if verdict != "unicode" else default)


def _scope_default(total: Evidence, outer: Encoding) -> Encoding:
    """What an unclear cell in this scope is read as: Unicode when the scope shows Unicode
    letters (a mixed scope: converting would mangle "Bình" into "Bỡnh"), the legacy encoding
    when it shows only legacy text, and the outer scope's choice when it shows nothing."""
    if total.unicode:
        return "unicode"
    if total.tcvn3 or total.vni:
        return total.verdict()
    return outer


def decode_sheet(rows: list[tuple[Any, ...]], workbook: Evidence) -> list[tuple[Any, ...]]:
    """Every text cell of a sheet decoded on its own: a cell with clear evidence by that
    evidence (so TCVN3, VNI and Unicode cells sit side by side), an unclear one (only letters
    the encodings share, "Bình", "Thôn") by its row (one office typed a row in one font),
    else its column, else the workbook."""
    outer = _scope_default(workbook, "unicode")
    width = max((len(r) for r in rows), default=0)
    cells = [[evidence(v) if isinstance(v, str) else None for v in row] for row in rows]
    columns = [Evidence()] * width
    for row in cells:
        for c, found in enumerate(row):
            if found is not None:
                columns[c] = columns[c] + found
    by_column = [_scope_default(total, outer) for total in columns]
    decoded = []
    for row, found_row in zip(rows, cells, strict=True):
        row_total = sum((f for f in found_row if f is not None), Evidence())
        decoded.append(tuple(
            fix_text(v, _scope_default(row_total, by_column[c])) if isinstance(v, str) else v
            for c, v in enumerate(row)
        ))
    return decoded
