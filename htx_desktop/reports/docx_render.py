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
from dataclasses import dataclass, field
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
    from docx.text.paragraph import Paragraph as WordParagraph

log = logging.getLogger(__name__)

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
#: reportlab's alignment codes -> Word's.
_ALIGN = {0: "LEFT", 1: "CENTER", 2: "RIGHT", 4: "JUSTIFY"}


@dataclass
class _Place:
    """Where flowables go: the document body or one table cell, and the width they have."""

    container: Any
    width: float
    fresh: list[Any] = field(default_factory=list)  # a cell's empty first paragraph

    def paragraph(self) -> WordParagraph:
        if self.fresh:
            return self.fresh.pop()
        paragraph: WordParagraph = self.container.add_paragraph()
        return paragraph


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


def _paragraph(flowable: Any, place: _Place, keep_next: bool) -> WordParagraph:
    """A reportlab Paragraph: its fragments as runs (bold/italic from the face, line breaks
    kept), its style's alignment, indents and spacing."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    style = flowable.style
    paragraph = place.paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = getattr(WD_ALIGN_PARAGRAPH, _ALIGN.get(style.alignment, "LEFT"))
    if style.firstLineIndent:
        fmt.first_line_indent = Pt(style.firstLineIndent)
    if style.leftIndent:
        fmt.left_indent = Pt(style.leftIndent)
    fmt.space_before = Pt(style.spaceBefore or 0)
    fmt.space_after = Pt(style.spaceAfter or 0)
    fmt.line_spacing = Pt(style.leading)
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if keep_next:
        fmt.keep_with_next = True
    for frag in getattr(flowable, "frags", []):
        if getattr(frag, "lineBreak", False):
            paragraph.add_run().add_break()
            continue
        if not frag.text:
            continue
        face = frag.fontName
        bold = face in (BOLD, BOLD_ITALIC) or bool(getattr(frag, "bold", 0))
        italic = face in (ITALIC, BOLD_ITALIC) or bool(getattr(frag, "italic", 0))
        _set_run_font(paragraph.add_run(frag.text), frag.fontSize, bold, italic)
    return paragraph


def _spacer(height: float, place: _Place) -> None:
    """Blank space of a given height: an empty paragraph of exactly that line height."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    if height < 1:
        return
    paragraph = place.paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(height)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Pt(0)
    _set_run_font(paragraph.add_run(""), 1, False, False)


def _rule(flowable: Any, place: _Place) -> None:
    """A short centred line (under the agency, the motto, the title): the bottom border of an
    empty paragraph indented to the rule's length."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = place.paragraph()
    fmt = paragraph.paragraph_format
    side = max(0.0, (place.width - flowable.length) / 2)
    fmt.left_indent = Pt(side)
    fmt.right_indent = Pt(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(flowable.after + 2)
    fmt.line_spacing = Pt(max(flowable.before, 2))
    from docx.enum.text import WD_LINE_SPACING

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(max(2, round(flowable.thickness * 8))))
    bottom.set(qn("w:space"), "0")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _index(value: int, size: int) -> int:
    return value + size if value < 0 else value


def _table(flowable: Any, place: _Place) -> None:
    """A reportlab Table: same columns, merged cells, rules (a ruled data table or the
    borderless header and signature blocks), shaded header rows repeated on every page."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    values = flowable._cellvalues
    n_rows, n_cols = len(values), len(values[0]) if values else 0
    if not n_rows or not n_cols:
        return
    widths = [float(w) for w in flowable._colWidths]
    ruled = any(cmd[0] in ("GRID", "BOX", "INNERGRID") for cmd in flowable._linecmds)
    table = place.container.add_table(rows=n_rows, cols=n_cols)
    table.autofit = False
    if ruled:
        table.style = "Table Grid"
    else:  # the header and signature blocks sit flush with the text, as in the PDF
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:w"), "0")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        table._tbl.tblPr.append(margins)
    align = OxmlElement("w:jc")
    align.set(qn("w:val"), "center" if ruled else "left")
    table._tbl.tblPr.append(align)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    header_rows = int(getattr(flowable, "repeatRows", 0) or 0) if ruled else 0
    shaded = {
        (r, c)
        for op, start, end, *_rest in flowable._bkgrndcmds
        if op == "BACKGROUND"
        for r in range(_index(start[1], n_rows), _index(end[1], n_rows) + 1)
        for c in range(_index(start[0], n_cols), _index(end[0], n_cols) + 1)
    }
    # One read of the grid: python-docx's `table.cell()` and `row.cells` rebuild it on every
    # call, which made a list of a few hundred HTX take seconds.
    grid = table._cells
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        if r < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c in range(n_cols):
            cell = grid[r * n_cols + c]
            cell.width = Pt(widths[c])
            cell.vertical_alignment = (
                WD_CELL_VERTICAL_ALIGNMENT.CENTER if ruled else WD_CELL_VERTICAL_ALIGNMENT.TOP
            )
            if (r, c) in shaded:
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:color"), "auto")
                shade.set(qn("w:fill"), "EEEEEE")
                cell._tc.get_or_add_tcPr().append(shade)
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    for op, start, end in flowable._spanCmds:
        if op != "SPAN":
            continue
        c0, r0 = _index(start[0], n_cols), _index(start[1], n_rows)
        c1, r1 = _index(end[0], n_cols), _index(end[1], n_rows)
        grid[r0 * n_cols + c0].merge(grid[r1 * n_cols + c1])
        spans[(r0, c0)] = c1
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            cell = grid[r * n_cols + c]
            width = sum(widths[c : spans.get((r, c), c) + 1])
            _write(_items(values[r][c]), _Place(cell, width, [cell.paragraphs[0]]))
    if not ruled:
        return
    # The data tables' own 3 pt paddings.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "60")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


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
            from docx.enum.text import WD_BREAK

            place.paragraph().add_run().add_break(WD_BREAK.PAGE)
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
    body = _Place(word, TEXT_WIDTH, [word.paragraphs[0]] if word.paragraphs else [])
    _write(document.story, body)
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
