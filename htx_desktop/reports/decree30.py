"""The Decree 30/2020/NĐ-CP page (Appendix I) and the blocks every printed document shares.

One place owns the paper so that every document looks like the province's own papers: A4
portrait, margins 20/20/30/15 mm, Liberation Serif (Times New Roman metrics, embedded), page
numbers centred in the top margin from page 2, the two-column header (agency on the left,
national name and motto on the right, the number and the place-and-date on one line), the title,
and the signature block beside "Nơi nhận". Text enters reportlab only through `para`/`clean`,
which normalise to NFC (reportlab does no shaping: decomposed marks would print beside their
letters) and escape the paragraph markup characters an HTX name may contain ("A & B").

reportlab is imported inside the functions: the GUI and the command line start without it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from htx_desktop.reports.archival import LANG, mark_archival
from htx_desktop.reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts, text_width
from htx_desktop.storage.private_files import create_private
from htx_desktop.text import nfc, strip_unsafe

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

    from htx_desktop.reports.header import ReportHeader

MM = 72.0 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 20 * MM
MARGIN_LEFT = 30 * MM
MARGIN_RIGHT = 15 * MM
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
#: Header columns: the national name (bold 12 pt, 88 mm) must fit the right one on one line.
HEADER_LEFT = 72 * MM
HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT
FIRST_LINE_INDENT = 12.7 * MM
BODY_SIZE = 14
TABLE_SIZE = 12
PAGE_NUMBER_SIZE = 13
#: Baseline of the page number, inside the 20 mm top margin.
PAGE_NUMBER_Y = PAGE_HEIGHT - 12 * MM

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_SIZE = 13


def clean(text: object) -> str:
    """NFC text for the page (None prints as nothing), without control, bidirectional or
    zero-width characters (a record stored before they were refused must still print)."""
    return "" if text is None else strip_unsafe(nfc(str(text)), multiline=True)


def markup(text: object) -> str:
    """NFC and escaped for paragraph markup; line breaks become <br/>."""
    return escape(clean(text)).replace("\n", "<br/>")


@dataclass
class Styles:
    """The paragraph styles of a document, built once per document after the fonts are
    registered (a ParagraphStyle names its font, which must exist)."""

    body: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    plain: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    title: ParagraphStyle
    subject: ParagraphStyle
    agency: ParagraphStyle
    agency_bold: ParagraphStyle
    number: ParagraphStyle
    national: ParagraphStyle
    motto: ParagraphStyle
    place_date: ParagraphStyle
    sign: ParagraphStyle
    sign_name: ParagraphStyle
    recipients_title: ParagraphStyle
    recipient: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    cell_small: ParagraphStyle


def make_styles() -> Styles:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()

    def style(name: str, font: str = REGULAR, size: float = BODY_SIZE, **kw: Any) -> ParagraphStyle:
        kw.setdefault("leading", round(size * 1.2, 1))
        return ParagraphStyle(name, fontName=font, fontSize=size, **kw)

    center = {"alignment": TA_CENTER}
    return Styles(
        body=style(
            "body", alignment=TA_JUSTIFY, firstLineIndent=FIRST_LINE_INDENT, spaceAfter=6
        ),
        heading=style(
            "heading", BOLD, firstLineIndent=FIRST_LINE_INDENT, spaceBefore=6, spaceAfter=6
        ),
        subheading=style(
            "subheading", BOLD_ITALIC, firstLineIndent=FIRST_LINE_INDENT, spaceAfter=6
        ),
        plain=style("plain", alignment=TA_LEFT, spaceAfter=3),
        note=style("note", REGULAR, 13, alignment=TA_JUSTIFY, spaceAfter=3),
        caption=style("caption", ITALIC, 12, spaceBefore=3, spaceAfter=9, **center),
        title=style("title", BOLD, 14, spaceBefore=18, **center),
        subject=style("subject", BOLD, 14, spaceBefore=2, **center),
        agency=style("agency", REGULAR, 13, leading=15, **center),
        agency_bold=style("agency_bold", BOLD, 13, leading=15, **center),
        number=style("number", REGULAR, 13, leading=16, **center),
        national=style("national", BOLD, 12, leading=15, **center),
        motto=style("motto", BOLD, MOTTO_SIZE, leading=15, **center),
        place_date=style("place_date", ITALIC, 14, leading=16, **center),
        sign=style("sign", BOLD, 14, leading=17, **center),
        sign_name=style("sign_name", BOLD, 14, leading=17, **center),
        recipients_title=style("recipients_title", BOLD_ITALIC, 12, leading=14),
        recipient=style("recipient", REGULAR, 11, leading=13, leftIndent=7, firstLineIndent=-7),
        cell=style("cell", REGULAR, TABLE_SIZE),
        cell_center=style("cell_center", REGULAR, TABLE_SIZE, **center),
        cell_head=style("cell_head", BOLD, TABLE_SIZE, **center),
        cell_small=style("cell_small", REGULAR, 10, **center),
    )


def scaled(base: ParagraphStyle, size: float) -> ParagraphStyle:
    """The same style at another size (tables too wide for 12 pt)."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        f"{base.name}-{size}", parent=base, fontSize=size, leading=round(size * 1.2, 1)
    )


def para(text: object, style: ParagraphStyle) -> Flowable:
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), style)


def rich(fragments: str, style: ParagraphStyle) -> Flowable:
    """A paragraph whose markup the caller built with `markup` around every piece of data."""
    from reportlab.platypus import Paragraph

    return Paragraph(fragments, style)


@cache
def _rule_class() -> type:
    """The rule flowable, defined on first use so that importing this module stays cheap."""
    from reportlab.platypus import Flowable

    class Rule(Flowable):
        """A solid horizontal line of a fixed length centred in the width it is given."""

        def __init__(self, width: float, thickness: float, before: float, after: float) -> None:
            super().__init__()
            self.length = width
            self.thickness = thickness
            self.before = before
            self.after = after
            self.avail = width

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.avail = avail_width
            return avail_width, self.before + self.thickness + self.after

        def draw(self) -> None:
            x = (self.avail - self.length) / 2
            y = self.after + self.thickness / 2
            self.canv.setLineWidth(self.thickness)
            self.canv.line(x, y, x + self.length, y)

    return Rule


def rule(
    width: float, *, thickness: float = 0.7, space_before: float = 5.0, space_after: float = 0.0
) -> Flowable:
    """A solid rule of `width` points, centred (under the agency name, the motto, the title)."""
    rule_flowable: Flowable = _rule_class()(width, thickness, space_before, space_after)
    return rule_flowable


def heading(text: object, style: ParagraphStyle, room: float = 45 * MM) -> list[Flowable]:
    """A heading that starts a new page when less than `room` is left, so it never ends a page
    alone. (keepWithNext would glue it to a whole table and move both, leaving half a page
    blank before every long list.)"""
    from reportlab.platypus import CondPageBreak

    return [CondPageBreak(room), para(text, style)]


def long_text(label: object, text: object, styles: Styles) -> list[Flowable]:
    """A labelled free text of any length (a note): the label bold italic, then one paragraph
    per line of the text. Paragraphs split between pages and break a word longer than the line
    (reportlab's splitLongWords), so no length of text can stop a document."""
    parts: list[Flowable] = [para(f"{clean(label)}:", styles.subheading)]
    for line in clean(text).splitlines():
        if line.strip():
            parts.append(para(line.strip(), styles.note))
    parts.append(spacer(6))
    return parts


def spacer(height: float) -> Flowable:
    from reportlab.platypus import Spacer

    return Spacer(1, height)


# -- the header ---------------------------------------------------------------------------------

def header_block(
    header: ReportHeader,
    styles: Styles,
    *,
    with_number: bool = True,
    issued_on: date | None = None,
    with_date: bool = True,
) -> Flowable:
    """Agency (parent regular, issuing bold, short rule, number) beside the national name,
    the motto with a rule of its own length and the place and date, as in Appendix I.

    One table with one row for the names and one for the number/date line keeps the two
    columns' lines level even when a long agency name wraps."""
    from reportlab.platypus import Table, TableStyle

    left: list[Flowable] = []
    if header.parent_body:
        parent = clean(header.parent_body).upper()
        left.append(para(parent, _fitting(parent, styles.agency)))
    issuing = clean(header.issuing_body).upper()
    left.append(para(issuing, _fitting(issuing, styles.agency_bold)))
    left.append(rule(min(HEADER_LEFT / 3, 30 * MM)))
    motto_width = text_width(MOTTO, BOLD, MOTTO_SIZE)
    right: list[Flowable] = [
        para(NATIONAL_NAME, styles.national),
        para(MOTTO, styles.motto),
        rule(motto_width),
    ]
    rows: list[list[Any]] = [[left, right]]
    with_number = with_number and header.has_number_line()
    second = [
        para(header.number_line(), styles.number) if with_number else "",
        para(header.place_date(issued_on), styles.place_date) if with_date else "",
    ]
    if with_number or with_date:
        rows.append(second)
    table = Table(rows, colWidths=[HEADER_LEFT, HEADER_RIGHT], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                # Table cells select their font even when they hold flowables: without this
                # the default Helvetica would be referenced (unembedded) on the page.
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )
    return table


def _fitting(text: str, style: ParagraphStyle) -> ParagraphStyle:
    """The agency style at 13 pt, or at 12 pt (Decree 30 allows 12–13) when that keeps a long
    name on one line of the header column."""
    if text_width(text, style.fontName, style.fontSize) <= HEADER_LEFT:
        return style
    smaller = scaled(style, 12)
    smaller.leading = style.leading
    return smaller


def title_block(kind: str, subject: str | Sequence[str], styles: Styles) -> list[Flowable]:
    """Document type upper case bold (BÁO CÁO), the subject bold under it, a short rule."""
    from reportlab.platypus import Spacer

    parts: list[Flowable] = [para(kind.upper(), styles.title)]
    lines = [subject] if isinstance(subject, str) else list(subject)
    parts += [para(line, styles.subject) for line in lines if line]
    parts += [rule(30 * MM, space_before=4), Spacer(1, 14)]
    return parts


def signature_block(
    header: ReportHeader,
    styles: Styles,
    *,
    with_recipients: bool = True,
    authority: str | None = None,
    title: str | None = None,
) -> Flowable:
    """"Nơi nhận" flush left beside the signer on the right (authority and title upper bold,
    room for signature and seal, name bold). A table has no row split, so the block moves to
    the next page whole rather than leaving the signature alone."""
    from reportlab.platypus import Spacer, Table, TableStyle

    right: list[Flowable] = []
    for line in (authority if authority is not None else header.authority).splitlines():
        if line.strip():
            right.append(para(line.upper(), styles.sign))
    right.append(para((title if title is not None else header.signer_title).upper(), styles.sign))
    right.append(Spacer(1, 28 * MM))
    right.append(para(header.signer_name, styles.sign_name))
    left: list[Flowable] = []
    if with_recipients:
        left.append(para("Nơi nhận:", styles.recipients_title))
        left += [para(line, styles.recipient) for line in header.recipient_lines()]
    widths = [TEXT_WIDTH - 85 * MM, 85 * MM]
    table = Table([[left, right]], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


# -- tables -------------------------------------------------------------------------------------

def data_table(
    rows: Sequence[Sequence[Any]],
    widths_mm: Sequence[float],
    *,
    header_rows: int = 1,
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    row_padding: float = 3,
    bold_last_row: bool = False,
    stretch: bool = False,
) -> Flowable:
    """A ruled table whose header rows repeat on every page. reportlab never splits a row, so
    a row too tall for what is left of a page moves whole to the next one."""
    from reportlab.platypus import Table, TableStyle

    widths = [w * MM for w in widths_mm]
    scale = TEXT_WIDTH / sum(widths)
    if scale < 1 or stretch:  # never wider than the text block; as wide when asked
        widths = [w * scale for w in widths]
    table = Table(list(rows), colWidths=widths, repeatRows=header_rows, hAlign="CENTER")
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, header_rows), (-1, -1), row_padding),
        ("BOTTOMPADDING", (0, header_rows), (-1, -1), row_padding + 1),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), "#EEEEEE"))
    commands += [("SPAN", start, end) for start, end in spans]
    if bold_last_row:
        commands.append(("FONTNAME", (0, -1), (-1, -1), BOLD))
    table.setStyle(TableStyle(commands))
    return table


# -- the page and the file ----------------------------------------------------------------------

@dataclass
class Document:
    """What a document module produces: the flowables and the PDF's metadata."""

    title: str
    story: list[Flowable]
    subject: str = ""
    author: str = ""


def _number_pages(canvas: Any, doc: Any) -> None:
    """Decree 30: page numbers centred in the top margin, none on the first page."""
    page = canvas.getPageNumber()
    if page > 1:
        canvas.saveState()
        canvas.setFont(REGULAR, PAGE_NUMBER_SIZE)
        canvas.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, PAGE_NUMBER_Y, str(page))
        canvas.restoreState()


def render(document: Document, path: Path) -> int:
    """Lay the document out on Decree 30 pages into `path`; returns the page count.

    The canvas's initial font is the embedded face: reportlab otherwise writes a Helvetica
    selection into every page, an unembedded font reference `pdffonts` would show."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    doc = BaseDocTemplate(
        str(path),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=clean(document.title),
        subject=clean(document.subject),
        author=clean(document.author),
        creator="HTX Desktop",
        lang=LANG,
        initialFontName=REGULAR,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )
    doc.addPageTemplates([PageTemplate(id="decree30", frames=[frame], onPage=_number_pages)])
    doc.beforeDocument = lambda: mark_archival(doc.canv)  # type: ignore[method-assign]
    doc.build(list(document.story))
    return int(doc.page)


def write_atomically(document: Document, out_path: Path) -> int:
    """Render to a temporary file beside the target and rename it over the target, so that an
    error half-way never leaves a broken PDF where the officer expects her report (and an
    open viewer keeps the old file until the new one is complete)."""
    out_path = Path(out_path)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    try:
        create_private(tmp)  # reports name people: owner-only, as every export
        pages = render(document, tmp)
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return pages

