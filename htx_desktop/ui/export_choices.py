"""What an export would carry and where it goes: the record counts shown before anything is
written, the period's label, the folder used last time (else Documents, never the bare home
folder) and the bundle written last; and the relay that brings a worker's progress to the
GUI thread. Shared by the export dialog, the exchange page and the import wizard.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Signal,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.storage.models import SYNCED_MODELS, AdministrativeUnit
from htx_desktop.ui.last_folder import documents_folder, start_folder
from htx_desktop.ui.window_state import make_settings

log = logging.getLogger(__name__)

EXPORT_FOLDER_KEY = "exchange/export_folder"
LAST_EXPORT_KEY = "exchange/last_export"


# --- Qt-free helpers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordCount:
    table: str
    live: int
    deleted: int


def owned_record_counts(session: Session, unit_code: str) -> list[RecordCount]:
    """How many records of each type the unit's bundle will carry: the same owner rule as
    `export_bundle` (`owned_unit_codes`), live records and tombstones apart."""
    from htx_desktop.exchange.scope import owned_unit_codes

    unit = session.get(AdministrativeUnit, unit_code)
    if unit is None:
        return []
    codes = owned_unit_codes(session, unit)
    counts = []
    for model in SYNCED_MODELS:
        rows = dict(
            session.execute(
                select(model.deleted, func.count())
                .where(model.unit_code.in_(codes))
                .group_by(model.deleted)
            ).all()
        )
        counts.append(
            RecordCount(
                model.__tablename__,  # type: ignore[attr-defined]
                int(rows.get(False, 0)),
                int(rows.get(True, 0)),
            )
        )
    return counts


def table_label(table: str, lang: str = "vi") -> str:
    """A record type as officers call it: the form's title, or for the one table without a
    form (who attended which session) a name of its own."""
    from htx_desktop.registry.forms import FormSpecError, get_form

    if table == "training_attendance":
        return QCoreApplication.translate("Exchange", "Lượt học viên tập huấn")
    try:
        return get_form(table).title(lang)
    except (KeyError, FormSpecError):
        return table


def period_label(period: ReportPeriod, today: date | None = None) -> str:
    """ "6 tháng đầu năm 2025" / "Năm 2025", translated; with `today`, a period still running
    is marked so."""
    text = (
        QCoreApplication.translate("Exchange", "6 tháng đầu năm {0}").format(period.year)
        if period.half == 1
        else QCoreApplication.translate("Exchange", "Năm {0}").format(period.year)
    )
    if today is not None and period.start <= today <= period.end:
        text += QCoreApplication.translate("Exchange", " (đang diễn ra)")
    return text


def default_export_folder() -> Path:
    return documents_folder()


def remembered_export_folder() -> Path:
    return start_folder(EXPORT_FOLDER_KEY)


def last_export() -> Path | None:
    """The bundle written last on this machine, if it is still there."""
    value = make_settings().value(LAST_EXPORT_KEY)
    if isinstance(value, str) and value and Path(value).is_file():
        return Path(value)
    return None


class ProgressRelay(QObject):
    """Carries a worker's progress to the GUI thread: the worker emits, the dialog's slot is
    connected with a queued connection, so no widget is touched off the GUI thread."""

    progress = Signal(str, int, int)  # label, done, total


def progress_callback(relay: QObject) -> Callable[..., None]:
    """What the worker calls to report progress: emits the relay's `progress` signal, and
    does nothing once the relay is gone (its window closed): the work itself must go on."""

    def emit(*args: object) -> None:
        try:
            relay.progress.emit(*args)  # type: ignore[attr-defined]
        except RuntimeError:
            pass  # the C++ object was deleted with its window

    return emit


# --- the dialog --------------------------------------------------------------------------------
