"""Reading the rows the indicators count, for a whole scope at once.

A handful of column queries per chunk of communes or units, grouped in Python into plain
records (`CoopRow`, `ManagerRow`, `CadreRow`, `_Session`) that keep their database ids, so that the
same objects serve both the figure (`counting`) and the list of records behind it (the
dashboard's drill-down): one reading, one rule, never two versions of the truth.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, or_, select
from sqlalchemy.orm import Session

from htx_desktop.indicators.rules import ReportPeriod, SessionFact
from htx_desktop.storage.models import (
    AdministrativeUnit,
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)
from htx_desktop.storage.units import DISTRICT, PROVINCE

#: SQLite limits bound parameters per statement; stay far below every version's limit.
CHUNK = 500


@dataclass(slots=True)
class Figures:
    members_total: int
    members_female: int
    workers_total: int
    workers_female: int


@dataclass(slots=True)
class ManagerRow:
    id: str
    role: str
    sex: str
    deleted: bool = False
    sessions: list[SessionFact] = field(default_factory=list)


@dataclass(slots=True)
class CoopRow:
    id: str
    status: str
    union_supported: bool
    newly_founded: bool
    founded_on: date | None
    managers: list[ManagerRow] = field(default_factory=list)
    figures: Figures | None = None


@dataclass(slots=True)
class CadreRow:
    id: str
    works_on_coops: bool
    sessions: list[SessionFact] = field(default_factory=list)


@dataclass(slots=True)
class SessionRow:
    id: str
    topics: tuple[str, ...]
    other_members: int
    other_workers: int


@dataclass(slots=True)
class ScopeData:
    coops: dict[str, list[CoopRow]] = field(default_factory=lambda: defaultdict(list))
    groups: dict[str, list[CoopRow]] = field(default_factory=lambda: defaultdict(list))
    cadres: dict[str, list[CadreRow]] = field(default_factory=lambda: defaultdict(list))
    sessions: dict[str, list[SessionRow]] = field(default_factory=lambda: defaultdict(list))


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def live(model: Any) -> Any:
    """Not a tombstone (a NULL flag from a bulk path counts as live)."""
    return model.deleted.is_not(True)


def connection(session: Session) -> Connection:
    """The session's connection, after a flush: plain Core rows are several times cheaper than
    ORM rows at the scale of a whole country, and the flush keeps the autoflush promise that
    records added but not yet flushed are counted."""
    session.flush()
    return session.connection()


def topics_of(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def figures_of(row: Any) -> Figures:
    return Figures(
        row.members_total or 0,
        row.members_female or 0,
        row.workers_total or 0,
        row.workers_female or 0,
    )


def _load_units(
    session: Session, communes: Sequence[str], end: date, figures_period: str, data: ScopeData
) -> None:
    """Cooperatives and groups of these communes with their managers, the managers' training
    and the period's figures."""
    conn = connection(session)
    coops: dict[str, CoopRow] = {}
    groups: dict[str, CoopRow] = {}
    managers: dict[str, ManagerRow] = {}
    for chunk in chunks(communes):
        coop_ids = select(Cooperative.id).where(
            Cooperative.commune_code.in_(chunk), live(Cooperative)
        )
        group_ids = select(CooperativeGroup.id).where(
            CooperativeGroup.commune_code.in_(chunk), live(CooperativeGroup)
        )
        # Tuples unpacked from `.all()`: at a country's scale, attribute access on each row
        # costs more than the query.
        for cid, commune, status, supported, new, founded in conn.execute(
            select(
                Cooperative.id,
                Cooperative.commune_code,
                Cooperative.status,
                Cooperative.union_supported,
                Cooperative.newly_founded,
                Cooperative.established_on,
            ).where(Cooperative.commune_code.in_(chunk), live(Cooperative))
        ).all():
            coop = CoopRow(cid, status, bool(supported), bool(new), founded)
            coops[cid] = coop
            data.coops[commune].append(coop)
        for gid, commune, status, supported, new, founded in conn.execute(
            select(
                CooperativeGroup.id,
                CooperativeGroup.commune_code,
                CooperativeGroup.status,
                CooperativeGroup.union_supported,
                CooperativeGroup.newly_founded,
                CooperativeGroup.contract_date,
            ).where(CooperativeGroup.commune_code.in_(chunk), live(CooperativeGroup))
        ).all():
            group = CoopRow(gid, status, bool(supported), bool(new), founded)
            groups[gid] = group
            data.groups[commune].append(group)
        for mid, coop_id, group_id, role, sex in conn.execute(
            select(
                Manager.id, Manager.cooperative_id, Manager.group_id, Manager.role, Manager.sex
            ).where(
                live(Manager),
                or_(Manager.cooperative_id.in_(coop_ids), Manager.group_id.in_(group_ids)),
            )
        ).all():
            parent = coops.get(coop_id) if coop_id else groups.get(group_id)
            if parent is not None:
                manager = ManagerRow(mid, role, sex)
                managers[mid] = manager
                parent.managers.append(manager)
        # Oldest first, so that when two devices entered the same half-year the newest wins.
        for coop_id, group_id, *numbers in conn.execute(
            select(
                PeriodFigures.cooperative_id,
                PeriodFigures.group_id,
                PeriodFigures.members_total,
                PeriodFigures.members_female,
                PeriodFigures.workers_total,
                PeriodFigures.workers_female,
            )
            .where(
                live(PeriodFigures),
                PeriodFigures.period == figures_period,
                or_(
                    PeriodFigures.cooperative_id.in_(coop_ids),
                    PeriodFigures.group_id.in_(group_ids),
                ),
            )
            .order_by(PeriodFigures.updated_at)
        ).all():
            parent = coops.get(coop_id) if coop_id else groups.get(group_id)
            if parent is not None:
                parent.figures = Figures(*(n or 0 for n in numbers))
        for row in conn.execute(
            _attended(TrainingAttendance.manager_id, end)
            .join(Manager, TrainingAttendance.manager_id == Manager.id)
            .join(Cooperative, Manager.cooperative_id == Cooperative.id)
            .where(live(Manager), live(Cooperative), Cooperative.commune_code.in_(chunk))
        ):
            manager = managers.get(row.person_id)
            if manager is not None:
                manager.sessions.append(SessionFact(row.start_date, topics_of(row.topics)))


def _attended(person: Any, end: date) -> Select[Any]:
    """Live attendances at live sessions started by `end`, with the person's id."""
    return (
        select(person.label("person_id"), TrainingSession.start_date, TrainingSession.topics)
        .join(TrainingSession, TrainingAttendance.session_id == TrainingSession.id)
        .where(live(TrainingAttendance), live(TrainingSession), TrainingSession.start_date <= end)
    )


def _load_union(session: Session, units: Sequence[str], end: date, data: ScopeData) -> None:
    """Cadres recorded by these units with their training, and the units' own sessions."""
    conn = connection(session)
    cadres: dict[str, CadreRow] = {}
    for chunk in chunks(units):
        for row in conn.execute(
            select(UnionCadre.id, UnionCadre.unit_code, UnionCadre.works_on_coops).where(
                UnionCadre.unit_code.in_(chunk), live(UnionCadre)
            )
        ):
            cadre = CadreRow(row.id, bool(row.works_on_coops))
            cadres[row.id] = cadre
            data.cadres[row.unit_code].append(cadre)
        for row in conn.execute(
            _attended(TrainingAttendance.cadre_id, end)
            .join(UnionCadre, TrainingAttendance.cadre_id == UnionCadre.id)
            .where(live(UnionCadre), UnionCadre.unit_code.in_(chunk))
        ):
            cadre = cadres.get(row.person_id)
            if cadre is not None:
                cadre.sessions.append(SessionFact(row.start_date, topics_of(row.topics)))
        for row in conn.execute(
            select(
                TrainingSession.id,
                TrainingSession.unit_code,
                TrainingSession.topics,
                TrainingSession.other_members,
                TrainingSession.other_workers,
            ).where(
                TrainingSession.unit_code.in_(chunk),
                live(TrainingSession),
                TrainingSession.start_date <= end,
            )
        ):
            data.sessions[row.unit_code].append(
                SessionRow(
                    row.id, topics_of(row.topics), row.other_members or 0, row.other_workers or 0
                )
            )


def load_scope_data(
    session: Session, communes: Sequence[str], units: Sequence[str], period: ReportPeriod
) -> ScopeData:
    data = ScopeData()
    _load_units(session, communes, period.end, period.figures_period, data)
    _load_union(session, units, period.end, data)
    return data


def scope_units(session: Session, unit: AdministrativeUnit, communes: Iterable[str]) -> list[str]:
    """Units whose cadres and sessions belong to this unit's report."""
    codes = {unit.code, *communes}
    if unit.level == PROVINCE:
        codes.update(
            session.scalars(
                select(AdministrativeUnit.code).where(
                    AdministrativeUnit.level == DISTRICT,
                    AdministrativeUnit.province_code == unit.code,
                )
            )
        )
    return sorted(codes)
