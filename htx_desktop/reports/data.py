"""What the printed lists read from the database, as plain rows of display text.

Column labels and value wording come from the form specs (`registry.forms`, through
`registry.listing`), so that a printed list says exactly what the entry form and the on-screen
list say; only the women-managed flag, which no form holds, is worded here. Each list is read
with a few set-based queries so that a province's thousands of HTX cost the same handful of
statements as a commune's three.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from htx_desktop.collation import unit_key, vn_key
from htx_desktop.formatting import fmt_date, yes_no
from htx_desktop.indicators.progress import cooperative_badges
from htx_desktop.indicators.rules import ManagerFact, ReportPeriod, is_tht_women_managed
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import display_value, list_columns, load_rows, unit_names
from htx_desktop.storage.models import (
    AdministrativeUnit,
    Cooperative,
    CooperativeGroup,
    Manager,
    TrainingAttendance,
    TrainingSession,
)
from htx_desktop.storage.units import DISTRICT, PROVINCE, child_units, commune_codes_under

WOMEN_MANAGED_LABEL = "Do phụ nữ tham gia quản lý"
CHUNK = 500


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(frozen=True)
class Scope:
    """The communes whose HTX/THT a unit's report covers, and the units whose cadres and
    training sessions count (itself, its communes and, for a province, its district groups)."""

    unit: AdministrativeUnit
    communes: tuple[str, ...]
    record_units: tuple[str, ...]

    @property
    def single_commune(self) -> bool:
        return len(self.communes) == 1


def scope_of(session: Session, unit: AdministrativeUnit) -> Scope:
    communes = sorted(set(commune_codes_under(session, unit)))
    units = {unit.code, *communes}
    if unit.level == PROVINCE:
        units.update(c.code for c in child_units(session, unit) if c.level == DISTRICT)
    return Scope(unit, tuple(communes), tuple(sorted(units)))


@dataclass(frozen=True)
class PrintedList:
    """Column labels and rows of display text, ready for a table."""

    labels: tuple[str, ...]
    keys: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _existing_by(column: Any, end: date) -> Any:
    """Founded (or contracted) by the period's end, as the indicators count them; an unknown
    date counts as existing."""

    def where(stmt: Any) -> Any:
        return stmt.where(or_(column.is_(None), column <= end))

    return where


def _columns(form_key: str, scope: Scope, include_personal: bool) -> list[Any]:
    columns = list_columns(form_key)
    if scope.single_commune:  # every row would repeat the report's own commune
        columns = [c for c in columns if c.key != "commune_code"]
    if not include_personal:
        columns = [c for c in columns if not (c.field and c.field.personal)]
    return columns


def _sorted(rows: list[tuple[tuple[str, ...], str, str]]) -> list[tuple[str, ...]]:
    """By commune name, then by name, in Vietnamese alphabetical order."""
    rows.sort(key=lambda r: (unit_key(r[1]), vn_key(r[2])))
    return [r[0] for r in rows]


def cooperative_list(
    session: Session, scope: Scope, period: ReportPeriod, include_personal: bool = True
) -> PrintedList:
    """The scope's live HTX existing at the period's end, with Union support and the
    women-managed flag (`indicators.cooperative_badges`, the rule the indicators use)."""
    form = get_form("cooperative")
    all_columns = list_columns("cooperative")
    columns = _columns("cooperative", scope, include_personal)
    rows = load_rows(
        session,
        "cooperative",
        scope.communes,
        extra_filter=_existing_by(Cooperative.established_on, period.end),
    )
    ids = [r.id for r in rows]
    supported: dict[str, bool] = {}
    for chunk in chunks(ids):
        supported.update(
            (row.id, bool(row.union_supported))
            for row in session.execute(
                select(Cooperative.id, Cooperative.union_supported).where(Cooperative.id.in_(chunk))
            )
        )
    badges = cooperative_badges(session, ids, period)
    units = unit_names(session, scope.communes)
    index = {c.key: i for i, c in enumerate(all_columns)}
    out: list[tuple[tuple[str, ...], str, str]] = []
    for row in rows:
        cells = tuple(row.display[index[c.key]] for c in columns)
        cells += (yes_no(supported.get(row.id)), yes_no(badges.get(row.id, (False, None))[0]))
        commune = units.get(row.values[index["commune_code"]], "")
        out.append((cells, commune, row.values[index["name"]]))
    labels = (*(c.label_vi for c in columns), form.field("union_supported").label_vi,
              WOMEN_MANAGED_LABEL)
    keys = (*(c.key for c in columns), "union_supported", "women_managed")
    return PrintedList(labels, keys, _sorted(out))


def group_list(
    session: Session, scope: Scope, period: ReportPeriod, include_personal: bool = True
) -> PrintedList:
    """The scope's live THT existing at the period's end; women-managed by
    `rules.is_tht_women_managed` over their live managers."""
    form = get_form("cooperative_group")
    all_columns = list_columns("cooperative_group")
    columns = _columns("cooperative_group", scope, include_personal)
    rows = load_rows(
        session,
        "cooperative_group",
        scope.communes,
        extra_filter=_existing_by(CooperativeGroup.contract_date, period.end),
    )
    ids = [r.id for r in rows]
    supported: dict[str, bool] = {}
    managers: dict[str, list[ManagerFact]] = defaultdict(list)
    for chunk in chunks(ids):
        supported.update(
            (row.id, bool(row.union_supported))
            for row in session.execute(
                select(CooperativeGroup.id, CooperativeGroup.union_supported).where(
                    CooperativeGroup.id.in_(chunk)
                )
            )
        )
        for group_id, role, sex in session.execute(
            select(Manager.group_id, Manager.role, Manager.sex).where(
                Manager.group_id.in_(chunk), Manager.deleted.is_not(True)
            )
        ):
            managers[group_id].append(ManagerFact(role, sex))
    units = unit_names(session, scope.communes)
    index = {c.key: i for i, c in enumerate(all_columns)}
    out: list[tuple[tuple[str, ...], str, str]] = []
    for row in rows:
        cells = tuple(row.display[index[c.key]] for c in columns)
        cells += (
            yes_no(supported.get(row.id)),
            yes_no(is_tht_women_managed(managers.get(row.id, []))),
        )
        commune = units.get(row.values[index["commune_code"]], "")
        out.append((cells, commune, row.values[index["name"]]))
    labels = (*(c.label_vi for c in columns), form.field("union_supported").label_vi,
              WOMEN_MANAGED_LABEL)
    keys = (*(c.key for c in columns), "union_supported", "women_managed")
    return PrintedList(labels, keys, _sorted(out))


@dataclass(frozen=True)
class SessionRow:
    id: str
    title: str
    start: date
    end: date
    place: str
    organiser: str
    topics: str
    named: int
    others: int

    @property
    def total(self) -> int:
        return self.named + self.others

    @property
    def dates(self) -> str:
        return fmt_date(self.start) if self.end == self.start else (
            f"{fmt_date(self.start)} - {fmt_date(self.end)}"
        )


def named_counts(session: Session, session_ids: Sequence[str]) -> dict[str, int]:
    """Live named attendances per session."""
    counts: dict[str, int] = {}
    for chunk in chunks(list(session_ids)):
        counts.update(
            (session_id, int(count))
            for session_id, count in session.execute(
                select(TrainingAttendance.session_id, func.count())
                .where(
                    TrainingAttendance.session_id.in_(chunk),
                    TrainingAttendance.deleted.is_not(True),
                )
                .group_by(TrainingAttendance.session_id)
            )
        )
    return counts


def session_rows(session: Session, sessions: Sequence[TrainingSession]) -> list[SessionRow]:
    topics = get_form("training_session").field("topics")
    counts = named_counts(session, [s.id for s in sessions])
    return [
        SessionRow(
            id=s.id,
            title=s.title,
            start=s.start_date,
            end=s.end_date,
            place=s.place or "",
            organiser=s.organiser or "",
            topics=display_value(topics, s.topics),
            named=counts.get(s.id, 0),
            others=(s.other_members or 0) + (s.other_workers or 0) + (s.other_women or 0),
        )
        for s in sessions
    ]


def period_sessions(session: Session, scope: Scope, period: ReportPeriod) -> list[SessionRow]:
    """Live sessions recorded by the scope's units that started within the period."""
    found: list[TrainingSession] = []
    for chunk in chunks(list(scope.record_units)):
        found += session.scalars(
            select(TrainingSession).where(
                TrainingSession.unit_code.in_(chunk),
                TrainingSession.deleted.is_not(True),
                TrainingSession.start_date >= period.start,
                TrainingSession.start_date <= period.end,
            )
        ).all()
    found.sort(key=lambda s: (s.start_date, vn_key(s.title)))
    return session_rows(session, found)

