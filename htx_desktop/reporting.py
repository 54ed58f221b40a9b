"""Who has reported for a period: one answer for the status screen, `htx-desktop status` and
the consolidated report.

Read from the import ledger (bundles verified, signed and merged here) and the receiver's own
scope of each sender (`storage.scope`). A commune counts as reported through its own bundle, or
through a district's bundle only when the receiver's tables place that commune in that
district: what a district's manifest says it merged (`merged_units`, kept in the ledger) is its
claim, shown as such, never taken on its word. The signer is named as the certificate trusted
here names her, never as the manifest does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.storage.models import AdministrativeUnit, ImportLedger, OfficerProfile
from htx_desktop.storage.scope import ScopeUndefined, unit_scope
from htx_desktop.storage.units import child_units

ACCEPTED = ("imported", "no_change")


class NoProfile(LookupError):
    """The database has no officer profile yet (message in Vietnamese)."""


@dataclass(frozen=True)
class ReportingStatus:
    unit_code: str
    unit_name: str
    level: str
    reported: bool
    received_at: datetime | None
    signer_name: str | None
    file_name: str | None


def _accepted(session: Session, period: str) -> list[ImportLedger]:
    return list(
        session.scalars(
            select(ImportLedger)
            .where(
                ImportLedger.period == period,
                ImportLedger.result.in_(ACCEPTED),
                ImportLedger.signed,
            )
            .order_by(ImportLedger.received_at, ImportLedger.id)
        )
    )


def claimed_units(entry: ImportLedger) -> list[str]:
    """The communes a district's bundle says it merged: its claim, for display."""
    merged = (entry.counts or {}).get("merged_units", [])
    return [str(m) for m in merged] if isinstance(merged, list) else []


def reported_unit_codes(session: Session, period: str) -> set[str]:
    """Units with a verified bundle of the period in the ledger: each sender itself and, for a
    district's bundle, those of the communes it claims to have merged that the receiver places
    in that district."""
    code = ReportPeriod.parse(period).code
    reported: set[str] = set()
    covered: dict[str, frozenset[str]] = {}
    for entry in _accepted(session, code):
        if not entry.unit_code:
            continue
        reported.add(entry.unit_code)
        claims = claimed_units(entry)
        if not claims:
            continue
        if entry.unit_code not in covered:
            try:
                covered[entry.unit_code] = unit_scope(session, entry.unit_code).communes
            except ScopeUndefined:
                covered[entry.unit_code] = frozenset()
        reported.update(c for c in claims if c in covered[entry.unit_code])
    return reported


def reporting_status(session: Session, period: str) -> list[ReportingStatus]:
    """For each unit directly below the profile's unit: has a valid bundle for the period
    arrived, when, and from whom."""
    code = ReportPeriod.parse(period).code
    profile = session.scalars(select(OfficerProfile).limit(1)).first()
    if profile is None:
        raise NoProfile("Cơ sở dữ liệu chưa thiết lập đơn vị. Hãy chạy “htx-desktop init”.")
    unit: AdministrativeUnit = profile.unit
    latest: dict[str, ImportLedger] = {}
    for entry in _accepted(session, code):
        if entry.unit_code:
            latest[entry.unit_code] = entry
    reported = reported_unit_codes(session, code)
    rows = []
    for child in child_units(session, unit):
        entry = latest.get(child.code)
        rows.append(
            ReportingStatus(
                unit_code=child.code,
                unit_name=child.name,
                level=child.level,
                reported=child.code in reported,
                received_at=entry.received_at if entry else None,
                signer_name=entry.signer_name if entry else None,
                file_name=entry.file_name if entry else None,
            )
        )
    return rows
