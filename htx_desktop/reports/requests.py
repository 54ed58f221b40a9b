"""What a printed document is asked for with, and the plain work around it: the HTX/THT and
training sessions to choose from, building the PDF on a worker (its own session), the file
name suggested for it, and the Vietnamese message of an expected failure.

Qt-free, so the reports page's workers and the tests use it without a window.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from htx_desktop.formatting import fmt_date
from htx_desktop.registry.listing import unit_names
from htx_desktop.registry.profile import UnitScope
from htx_desktop.registry.records import scope_clause
from htx_desktop.reports.build import ATTENDANCE, CONSOLIDATED, PERIODIC, PROFILE
from htx_desktop.reports.errors import ReportError
from htx_desktop.reports.header import ReportHeader, load_header
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, CooperativeGroup, TrainingSession
from htx_desktop.text import fold, nfc

# Division words left out of a file name ("Xã Tịnh Khê" -> "Tinh-Khe"), folded.
DIVISION_WORDS = (
    "thanh pho",
    "thi xa",
    "thi tran",
    "dac khu",
    "phuong",
    "huyen",
    "tinh",
    "xa",
)


@dataclass(frozen=True)
class Choice:
    """One HTX/THT or training session in a chooser: its id, what is shown, what is searched."""

    id: str
    label: str
    search: str


@dataclass(frozen=True)
class ReportChoices:
    organisations: list[Choice]
    sessions: list[Choice]


@dataclass(frozen=True)
class ReportRequest:
    """Everything that decides a document's content; equal requests give the same file."""

    kind: str
    period: str | None
    record_id: str | None
    include_personal: bool
    header: ReportHeader | None  # None: the saved default
    defaults_version: int = 0  # bumped when the saved header changes
    data_version: int = 0  # bumped when records change
    narrative_version: int = 0  # bumped when the officer edits the report's own sections


def load_choices(db: Database, scope: UnitScope) -> ReportChoices:
    """The scope's live HTX and THT (HTX first) and its training sessions (newest first)."""
    communes = list(scope.commune_codes)
    with db.session() as session:
        names = unit_names(session, communes) if len(communes) > 1 else {}
        organisations: list[Choice] = []
        for model, form_key, short in (
            (Cooperative, "cooperative", "HTX"),
            (CooperativeGroup, "cooperative_group", "THT"),
        ):
            rows = session.execute(
                select(model.id, model.name, model.commune_code).where(
                    model.deleted.is_(False), scope_clause(form_key, communes)
                )
            ).all()
            found = []
            for record_id, name, commune in rows:
                place = names.get(commune, "")
                label = f"{name} — {place}" if place else str(name)
                found.append(Choice(record_id, label, fold(f"{short} {name} {place}")))
            organisations.extend(sorted(found, key=lambda c: c.search))
        sessions = [
            Choice(
                record_id,
                f"{fmt_date(start)} · {title}",
                fold(f"{fmt_date(start)} {title}"),
            )
            for record_id, title, start in session.execute(
                select(TrainingSession.id, TrainingSession.title, TrainingSession.start_date)
                .where(
                    TrainingSession.deleted.is_(False),
                    scope_clause("training_session", scope.owned_codes),
                )
                .order_by(TrainingSession.start_date.desc(), TrainingSession.title)
            ).all()
        ]
    return ReportChoices(organisations, sessions)


def build_report(db: Database, request: ReportRequest, out_path: Path) -> Path:
    """Build the requested document into `out_path` (worker thread: own session)."""
    from htx_desktop.reports.build import build_document

    with db.session() as session:
        return build_document(
            session,
            request.kind,
            request.period,
            out_path,
            record_id=request.record_id,
            header=request.header,
            include_personal=request.include_personal,
        )


def load_saved_header(db: Database) -> ReportHeader:
    with db.session() as session:
        return load_header(session)


def copy_file(source: Path, target: Path) -> Path:
    """Copy beside the target, then rename over it: an interrupted copy never leaves a
    half-written PDF where the officer expects her report."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def ascii_slug(text: str, limit: int = 60) -> str:
    """ "Xã Tịnh Khê" -> "Xa-Tinh-Khe": file names that survive any USB stick, e-mail client
    or Zalo upload (accents in file names get mangled on the way)."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    slug = "-".join(re.findall(r"[A-Za-z0-9]+", bare))
    return slug[:limit].rstrip("-")


def place_slug(unit_name: str) -> str:
    """The unit's place name for a file name, without its division word ("Tinh-Khe")."""
    words = unit_name.split()
    folded = fold(unit_name)
    for division in DIVISION_WORDS:
        if folded.startswith(division + " "):
            words = words[len(division.split()) :]
            break
    if words and fold(words[-1]) == "cu" and len(words) > 1:
        words = words[:-1]
    return ascii_slug(" ".join(words))


def suggested_file_name(
    request: ReportRequest, unit_name: str, record_label: str, extension: str = "pdf"
) -> str:
    """ "Bao-cao-2025-H1-Tinh-Khe.pdf", "Phieu-thong-tin-HTX-Nuoc-mam-Tinh-Khe.docx"…"""
    place = place_slug(unit_name)
    record = ascii_slug(record_label.split(" — ")[0].split(" · ")[-1])
    parts = {
        PERIODIC: ["Bao-cao", request.period or "", place],
        CONSOLIDATED: ["Bao-cao-tong-hop", request.period or "", place],
        PROFILE: ["Phieu-thong-tin", record],
        ATTENDANCE: ["Danh-sach-hoc-vien", record],
    }[request.kind]
    return "-".join(p for p in parts if p) + f".{extension}"


def error_message(exc: BaseException) -> str | None:
    """The documents' own Vietnamese message of an expected failure, None otherwise."""
    from htx_desktop.reports.fonts import FontMissing

    if isinstance(exc, ReportError | FontMissing):
        return str(exc)
    return None
