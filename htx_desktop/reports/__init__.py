"""Printed documents in the administrative format of Decree 30/2020/NĐ-CP.

`build_document` is the one entry the GUI and the command line share; `decree30` owns the page
(margins, fonts, header, signature), the other modules each make one document from the same
services the screens use. No Qt here, and reportlab is imported only when a document is made.
"""

from __future__ import annotations

from htx_desktop.reports.build import KINDS, build_document, make_document
from htx_desktop.reports.errors import ReportError
from htx_desktop.reports.header import ReportHeader, default_header, load_header, save_header

__all__ = [
    "KINDS",
    "ReportError",
    "ReportHeader",
    "build_document",
    "default_header",
    "load_header",
    "make_document",
    "save_header",
]
