"""What makes a printed document fit for the archive, as far as it is cheap: the document's
language, XMP metadata that repeat the document information and claim PDF/A-2b, and an sRGB
OutputIntent.

PDF/A-2b (ISO 19005-2, level B) asks for embedded fonts (`fonts.py`), an XMP packet whose
title, author, producer and dates equal the Info dictionary's, an OutputIntent with an ICC
profile, and no encryption, transparency groups or external content; reportlab writes none of
those last. Whether the file passes cannot be checked here: no PDF/A validator installs from
the package registries this project uses (veraPDF, the reference validator, is a Java program
distributed outside them), so the claim in the XMP packet is the application's word, checked by
the tests only as far as poppler and pyHanko's reader can read it back. An archive that
validates with veraPDF should report what it finds.

The colour profile is `resources/color/sRGB.icc` (see the README beside it); without the file
the document is still written, with no OutputIntent and no PDF/A claim.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from htx_desktop.paths import resources_dir

LANG = "vi"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


def icc_profile_path() -> Path:
    return resources_dir() / "color" / "sRGB.icc"


def _date(doc: Any) -> str:
    """The document's own time stamp (the one reportlab writes into Info) in XMP form."""
    stamp = doc._timeStamp
    yyyy, mm, dd, hh, mi, ss = stamp.YMDhms
    sign = "+" if stamp.dhh >= 0 else "-"
    return (f"{yyyy:04d}-{mm:02d}-{dd:02d}T{hh:02d}:{mi:02d}:{ss:02d}"
            f"{sign}{abs(stamp.dhh):02d}:{stamp.dmm:02d}")


def _xmp(doc: Any, archival: bool) -> bytes:
    info = doc.info
    when = _date(doc)

    def alt(value: str) -> str:
        return (f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>')

    pdfa = (
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        "</rdf:Description>"
    ) if archival else ""
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{alt(info.title)}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:description>{alt(info.subject)}</dc:description>"
        f"<dc:language><rdf:Bag><rdf:li>{LANG}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>"
        f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>"
        "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>"
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>"
        "</rdf:Description>"
        f"{pdfa}"
        "</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def mark_archival(canvas: Any) -> None:
    """Give the canvas's document its XMP packet and OutputIntent (any time before the end:
    the catalog is formatted last). The language is the document template's `lang`."""
    from reportlab.pdfbase.pdfdoc import (
        XMP,
        PDFArray,
        PDFCatalog,
        PDFDictionary,
        PDFName,
        PDFStream,
        PDFString,
        PDFZCompress,
    )

    doc = canvas._doc
    catalog = doc.Catalog
    icc = icc_profile_path()
    archival = icc.is_file()
    catalog.Metadata = XMP(creator=lambda d: _xmp(d, archival))
    if not archival:
        return
    profile = PDFStream(
        dictionary=PDFDictionary({"N": 3}), content=icc.read_bytes(), filters=[PDFZCompress]
    )
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
        "Info": PDFString(OUTPUT_CONDITION),
        "DestOutputProfile": doc.Reference(profile),
    })
    catalog.OutputIntents = PDFArray([intent])
    # reportlab's catalog writes only the keys it lists; OutputIntents is not among them.
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
