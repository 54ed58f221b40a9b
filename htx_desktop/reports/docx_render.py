"""The same document as an editable Word file (.docx), for offices that edit and stamp the
final copy.

A second renderer over the very story the PDF is laid out from (`decree30.Document`): the
paragraphs keep their text, fonts, alignment, indents and spacing; the tables their column
widths, merged cells, rules, shaded and repeated header rows; the page is Decree 30's (A4,
margins 20/20/30/15 mm, page numbers centred at the top from page 2) in Times New Roman, the
face the PDF's Liberation Serif stands in for. So no figure, sentence or heading is computed
twice: what the PDF says, the Word file says. The chart is the one thing left out (a Word
file cannot take reportlab's drawing, and the table above it holds the same figures).

python-docx is imported inside the functions: the GUI and the command line start without it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from htx_desktop.reports.decree30 import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MM,
    PAGE_HEIGHT,
    PAGE_NUMBER_SIZE,
    PAGE_WIDTH,
    TEXT_WIDTH,
    Document,
    clean,
)
from htx_desktop.reports.fonts import BOLD, BOLD_ITALIC, ITALIC
from htx_desktop.storage.private_files import create_private

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

log = logging.getLogger(__name__)

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
#: reportlab's alignment codes -> Word's.
_ALIGN = {0: "LEFT", 1: "CENTER", 2: "RIGHT", 4: "JUSTIFY"}


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Word's paragraph alignments for reportlab's codes (0 left, 1 centre, 2 right, 4 justify).
_JC = {0: "left", 1: "center", 2: "right", 4: "both"}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _twips(points: float) -> str:
    return str(round(points * 20))


class _Xml:
    """Paragraph and run properties built once per distinct style and copied after: the
    elements are made with lxml directly, as python-docx's object layer costs milliseconds per
    paragraph, seconds for a district's lists."""

    def __init__(self) -> None:
        self._ppr: dict[tuple[Any, ...], Any] = {}
        self._rpr: dict[tuple[Any, ...], Any] = {}

    def ppr(self, key: tuple[Any, ...]) -> Any:
        """key: (align, first indent, left, right, before, after, line, rule, keep, border)."""
        from copy import deepcopy

        from lxml import etree

        cached = self._ppr.get(key)
        if cached is None:
            align, first, left, right, before, after, line, rule, keep, border = key
            cached = etree.Element(_w("pPr"), nsmap={"w": W_NS})
            if keep:
                etree.SubElement(cached, _w("keepNext"))
            if border:
                borders = etree.SubElement(cached, _w("pBdr"))
                bottom = etree.SubElement(borders, _w("bottom"))
                for name, value in (("val", "single"), ("sz", str(border)), ("space", "0"),
                                    ("color", "000000")):
                    bottom.set(_w(name), value)
            spacing = etree.SubElement(cached, _w("spacing"))
            spacing.set(_w("before"), _twips(before))
            spacing.set(_w("after"), _twips(after))
            spacing.set(_w("line"), _twips(line))
            spacing.set(_w("lineRule"), rule)
            if first or left or right:
                ind = etree.SubElement(cached, _w("ind"))
                ind.set(_w("left"), _twips(left))
                ind.set(_w("right"), _twips(right))
                if first >= 0:
                    ind.set(_w("firstLine"), _twips(first))
                else:
                    ind.set(_w("hanging"), _twips(-first))
            etree.SubElement(cached, _w("jc")).set(_w("val"), _JC.get(align, "left"))
            self._ppr[key] = cached
        return deepcopy(cached)

    def rpr(self, size: float, bold: bool, italic: bool) -> Any:
        from copy import deepcopy

        from lxml import etree

        key = (size, bold, italic)
        cached = self._rpr.get(key)
        if cached is None:
            cached = etree.Element(_w("rPr"), nsmap={"w": W_NS})
            fonts = etree.SubElement(cached, _w("rFonts"))
            for name in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(_w(name), FONT)
            if bold:
                etree.SubElement(cached, _w("b"))
                etree.SubElement(cached, _w("bCs"))
            if italic:
                etree.SubElement(cached, _w("i"))
                etree.SubElement(cached, _w("iCs"))
            half_points = str(round(size * 2))
            etree.SubElement(cached, _w("sz")).set(_w("val"), half_points)
            etree.SubElement(cached, _w("szCs")).set(_w("val"), half_points)
            self._rpr[key] = cached
        return deepcopy(cached)


@dataclass
class _Place:
    """Where flowables go: the document body (before its section properties) or one table
    cell, the width they have there, and the property cache of the document."""

    element: Any
    width: float
    xml: _Xml
    word: Any = None  # the python-docx document, for tables in the body
    anchor: Any = None  # the body's sectPr: body content goes before it

    def paragraph(self, ppr: Any) -> Any:
        from lxml import etree

        p = etree.Element(_w("p"), nsmap={"w": W_NS})
        p.append(ppr)
        if self.anchor is not None:
            self.anchor.addprevious(p)
        else:
            self.element.append(p)
        return p


def _set_run_font(run: Any, size: float | None, bold: bool, italic: bool) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic


def _page(word: WordDocument, document: Document) -> None:
    """A4 portrait, Decree 30 margins, Times New Roman 14 pt, Vietnamese, page numbers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    def mm(points: float) -> Mm:  # whole tenths of a millimetre: Word stores twips
        return Mm(round(points / MM, 1))

    section = word.sections[0]
    section.page_width = mm(PAGE_WIDTH)
    section.page_height = mm(PAGE_HEIGHT)
    section.top_margin = mm(MARGIN_TOP)
    section.bottom_margin = mm(MARGIN_BOTTOM)
    section.left_margin = mm(MARGIN_LEFT)
    section.right_margin = mm(MARGIN_RIGHT)
    section.header_distance = Mm(8)
    section.different_first_page_header_footer = True  # no number on page 1

    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)

    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = number.add_run()
    _set_run_font(run, PAGE_NUMBER_SIZE, False, False)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)

    props = word.core_properties
    props.title = clean(document.title)
    props.subject = clean(document.subject)
    props.author = clean(document.author)
    props.language = LANGUAGE


def _paragraph(flowable: Any, place: _Place, keep_next: bool) -> None:
    """A reportlab Paragraph: its fragments as runs (bold/italic from the face, line breaks
    kept), its style's alignment, indents and spacing."""
    from lxml import etree

    style = flowable.style
    key = (style.alignment, style.firstLineIndent or 0, style.leftIndent or 0,
           style.rightIndent or 0, style.spaceBefore or 0, style.spaceAfter or 0,
           style.leading, "atLeast", keep_next, 0)
    p = place.paragraph(place.xml.ppr(key))
    for frag in getattr(flowable, "frags", []):
        if getattr(frag, "lineBreak", False):
            etree.SubElement(etree.SubElement(p, _w("r")), _w("br"))
            continue
        if not frag.text:
            continue
        face = frag.fontName
        bold = face in (BOLD, BOLD_ITALIC) or bool(getattr(frag, "bold", 0))
        italic = face in (ITALIC, BOLD_ITALIC) or bool(getattr(frag, "italic", 0))
        run = etree.SubElement(p, _w("r"))
        run.append(place.xml.rpr(frag.fontSize, bold, italic))
        text = etree.SubElement(run, _w("t"))
        text.text = frag.text
        text.set(XML_SPACE, "preserve")


def _spacer(height: float, place: _Place) -> None:
    """Blank space of a given height: an empty paragraph of exactly that line height."""
    if height >= 1:
        place.paragraph(place.xml.ppr((0, 0, 0, 0, 0, 0, height, "exact", False, 0)))


def _rule(flowable: Any, place: _Place) -> None:
    """A short centred line (under the agency, the motto, the title): the bottom border of an
    empty paragraph indented to the rule's length."""
    side = max(0.0, (place.width - flowable.length) / 2)
    size = max(2, round(flowable.thickness * 8))
    key = (1, 0, side, side, 0, flowable.after + 2, max(flowable.before, 2), "exact", False,
           size)
    place.paragraph(place.xml.ppr(key))


def _index(value: int, size: int) -> int:
    return value + size if value < 0 else value


def _table(flowable: Any, place: _Place) -> None:
    """A reportlab Table: same columns, merged cells, rules (a ruled data table or the
    borderless header and signature blocks), shaded header rows repeated on every page."""
    from lxml import etree

    values = flowable._cellvalues
    n_rows, n_cols = len(values), len(values[0]) if values else 0
    if not n_rows or not n_cols or place.word is None:
        if n_rows:
            log.warning("A table inside a table cell has no Word form; left out of the .docx")
        return
    widths = [float(w) for w in flowable._colWidths]
    ruled = any(cmd[0] in ("GRID", "BOX", "INNERGRID") for cmd in flowable._linecmds)
    table = place.word.add_table(rows=n_rows, cols=n_cols)
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    if ruled:
        table.style = "Table Grid"
    margins = etree.SubElement(tbl_pr, _w("tblCellMar"))
    for side in ("left", "right"):  # the PDF's 3 pt paddings; none around the header block
        element = etree.SubElement(margins, _w(side))
        element.set(_w("w"), "60" if ruled else "0")
        element.set(_w("type"), "dxa")
    jc = etree.Element(_w("jc"))
    jc.set(_w("val"), "center" if ruled else "left")
    tbl_pr.append(jc)
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.set(_w("w"), _twips(width))
    header_rows = int(getattr(flowable, "repeatRows", 0) or 0) if ruled else 0
    shaded = {
        (r, c)
        for op, start, end, *_rest in flowable._bkgrndcmds
        if op == "BACKGROUND"
        for r in range(_index(start[1], n_rows), _index(end[1], n_rows) + 1)
        for c in range(_index(start[0], n_cols), _index(end[0], n_cols) + 1)
    }
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for op, start, end in flowable._spanCmds:
        if op != "SPAN":
            continue
        c0, r0 = _index(start[0], n_cols), _index(start[1], n_rows)
        c1, r1 = _index(end[0], n_cols), _index(end[1], n_rows)
        spans[(r0, c0)] = (r1, c1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    valign = "center" if ruled else "top"
    tcs: list[list[Any]] = []
    for r, tr in enumerate(tbl.tr_lst):
        tr_pr = tr.get_or_add_trPr()
        etree.SubElement(tr_pr, _w("cantSplit"))
        if r < header_rows:
            etree.SubElement(tr_pr, _w("tblHeader"))
        row = list(tr.tc_lst)
        tcs.append(row)
        for c, tc in enumerate(row):
            tc_pr = tc.get_or_add_tcPr()
            tc_w = tc_pr.find(_w("tcW"))
            if tc_w is None:
                tc_w = etree.SubElement(tc_pr, _w("tcW"))
            tc_w.set(_w("w"), _twips(widths[c]))
            tc_w.set(_w("type"), "dxa")
            if (r, c) in shaded:
                shade = etree.SubElement(tc_pr, _w("shd"))
                for name, value in (("val", "clear"), ("color", "auto"), ("fill", "EEEEEE")):
                    shade.set(_w(name), value)
            etree.SubElement(tc_pr, _w("vAlign")).set(_w("val"), valign)
            items = [] if (r, c) in covered else _items(values[r][c])
            if not items:
                continue
            for p in tc.findall(_w("p")):  # the empty paragraph a new cell holds
                tc.remove(p)
            last_col = spans.get((r, c), (r, c))[1]
            _write(items, _Place(tc, sum(widths[c : last_col + 1]), place.xml))
            if tc.find(_w("p")) is None:
                etree.SubElement(tc, _w("p"))
    for (r0, c0), (r1, c1) in spans.items():
        tcs[r0][c0].merge(tcs[r1][c1])


def _items(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _write(flowables: Iterable[Any], place: _Place, keep: bool = False) -> None:
    """Walk the story: what the PDF draws, in order, into `place`."""
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import (
        CondPageBreak,
        KeepTogether,
        PageBreak,
        Paragraph,
        Spacer,
        Table,
    )

    from htx_desktop.reports.decree30 import _rule_class

    items = list(flowables)
    keep_next = False  # a heading after a conditional page break stays with what follows
    for i, item in enumerate(items):
        last = i == len(items) - 1
        if isinstance(item, str):
            if item.strip():
                item = Paragraph(item, _cell_style())
            else:
                continue
        if isinstance(item, Paragraph):
            _paragraph(item, place, keep_next or (keep and not last))
            keep_next = False
        elif isinstance(item, CondPageBreak):
            keep_next = True
        elif isinstance(item, Table):
            _table(item, place)
        elif isinstance(item, KeepTogether):
            content = list(item._content)
            if any(isinstance(x, Drawing) for x in content):
                continue  # the chart and its caption (see the module docstring)
            _write(content, place, keep=True)
        elif isinstance(item, _rule_class()):
            _rule(item, place)
        elif isinstance(item, Spacer):
            _spacer(float(item.height), place)
        elif isinstance(item, PageBreak):
            from lxml import etree

            p = place.paragraph(place.xml.ppr((0, 0, 0, 0, 0, 0, 1, "exact", False, 0)))
            etree.SubElement(etree.SubElement(p, _w("r")), _w("br")).set(_w("type"), "page")
        elif isinstance(item, Drawing):
            continue
        else:
            log.warning("A %s has no Word form; left out of the .docx", type(item).__name__)


def _cell_style() -> Any:
    from htx_desktop.reports.decree30 import make_styles

    return make_styles().cell


def render_docx(document: Document, path: Path) -> None:
    """Write the document as a .docx at `path` (see the module docstring)."""
    from docx import Document as new_document

    word = new_document()
    _page(word, document)
    body = word.element.body
    for p in body.findall(_w("p")):  # the template's empty first paragraph
        body.remove(p)
    _write(document.story, _Place(body, TEXT_WIDTH, _Xml(), word=word, anchor=body.sectPr))
    word.save(str(path))


def write_docx_atomically(document: Document, out_path: Path) -> None:
    """As `decree30.write_atomically`: a temporary file beside the target, renamed over it
    once complete, owner-only (reports name people)."""
    out_path = Path(out_path)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    try:
        create_private(tmp)
        render_docx(document, tmp)
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
