"""Hostile .xlsx files written part by part with zipfile, as an attacker (or a broken tool)
would write them: what openpyxl would never produce itself, such as a declared dimension of
the whole sheet, a lone cell at XFD1048576, a million shared strings or a very long one.

Each builder writes the smallest workbook openpyxl opens: content types, the package and
workbook relations, one workbook part, the given sheets and, when given, shared strings."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def column_letter(index: int) -> str:
    """1 → A, 16384 → XFD."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref: str, value: object) -> str:
    """One cell: numbers as numbers, text inline, ("s", n) a shared string, ("f", text, cached)
    a formula with its cached value."""
    if isinstance(value, tuple) and value[0] == "s":
        return f'<c r="{ref}" t="s"><v>{value[1]}</v></c>'
    if isinstance(value, tuple) and value[0] == "f":
        return (
            f'<c r="{ref}" t="str"><f>{escape(str(value[1]))}</f>'
            f"<v>{escape(str(value[2]))}</v></c>"
        )
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def row_xml(number: int, values: Iterable[object], first_column: int = 1) -> str:
    cells = "".join(
        cell(f"{column_letter(first_column + i)}{number}", v)
        for i, v in enumerate(values)
        if v is not None
    )
    return f'<row r="{number}">{cells}</row>'


def write_xlsx(
    path: Path,
    sheets: dict[str, Iterable[str]],
    dimension: str | None = None,
    shared_strings: Iterable[str] | None = None,
    extra_sheet_xml: str = "",
) -> Path:
    """`sheets`: title → rows as XML (`row_xml`), streamed into the zip."""
    names = list(sheets)
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="{SHEET_TYPE}"/>'
        for i in range(len(names))
    )
    if shared_strings is not None:
        types += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/>'
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(len(names))
    )
    if shared_strings is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    sheet_list = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, n in enumerate(names)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{WORKBOOK_TYPE}"/>'
            f"{types}</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f"<sheets>{sheet_list}</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">{rels}'
            "</Relationships>",
        )
        for i, name in enumerate(names):
            with zf.open(f"xl/worksheets/sheet{i + 1}.xml", "w", force_zip64=True) as part:
                head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
                if dimension:
                    head += f'<dimension ref="{dimension}"/>'
                part.write((head + "<sheetData>").encode())
                for chunk in _batched(sheets[name]):
                    part.write(chunk.encode())
                part.write(f"</sheetData>{extra_sheet_xml}</worksheet>".encode())
        if shared_strings is not None:
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode())
                for chunk in _batched(f"<si><t>{escape(s)}</t></si>" for s in shared_strings):
                    part.write(chunk.encode())
                part.write(b"</sst>")
    return path


def _batched(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)
