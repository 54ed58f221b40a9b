"""Progress against the plan's indicators for one unit and reporting period.

Rows are read with a handful of column queries for the whole scope and grouped in Python, then
the pure rules of `rules` decide; a unit's numbers therefore cost the same few queries whether it
holds ten cooperatives or thirty thousand, and `compute_by_child` reads once for all children.

Scope: cooperatives and groups by their commune; cadres and training sessions by the unit that
recorded them (the unit itself, its communes and, for a province, its district groups). A
manager's or cadre's training counts wherever the session was recorded: attending a province
course trains a commune's manager just the same.

Status, Union support and managers have no history in the data, so they are read as they stand
now; only dates (founding, contract, session start) and half-year figures are tied to the period.
A cooperative or group founded after the period's end is left out of that period; one with no
date is taken as existing.

Populations, following the plan's wording: female managers to train are those of every HTX in
scope that is not dissolved ("100 % nữ quản lý của HTX"), but the IT share counts only HTX the
Union supported ("nữ quản lý, điều hành HTX do các cấp Hội hỗ trợ thành lập"). The trades and
e-commerce share divides the sessions' counted participants by the members and female workers of
operating HTX in the period's half-year figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, or_, select
from sqlalchemy.orm import Session

from htx_desktop.indicators.plan_settings import plan_for_unit
from htx_desktop.indicators.plans import PERCENT, IndicatorSpec, Plan
from htx_desktop.indicators.rules import (
    DISSOLVED,
    OPERATING,
    SKILL_TOPICS,
    TOPIC_IT_MANAGEMENT,
    TOPIC_MANAGEMENT,
    TOPIC_OUTREACH,
    ManagerFact,
    ReportPeriod,
    SessionFact,
    achieved_pct,
    attended_by,
    existed_by,
    female_jobs,
    has_many_female_workers,
    is_female_htx_manager,
    is_htx_women_managed,
    is_tht_women_managed,
    meets,
    percent,
)
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
from htx_desktop.storage.units import (
    DISTRICT,
    PROVINCE,
    child_units,
    commune_codes_under,
    get_unit,
)

#: SQLite limits bound parameters per statement; stay far below every version's limit.
CHUNK = 500


@dataclass(frozen=True)
class IndicatorValue:
    key: str
    label_vi: str
    label_en: str
    kind: str
    value: float | int | None
    numerator: int
    denominator: int | None
    baseline: float | None
    target_2025: float | None
    target_2030: float | None
    achieved_2025_pct: float | None
    achieved_2030_pct: float | None
    comparison: str = ">="

    @property
    def met_2025(self) -> bool | None:
        return meets(self.value, self.target_2025, self.comparison)

    @property
    def met_2030(self) -> bool | None:
        return meets(self.value, self.target_2030, self.comparison)


@dataclass(frozen=True)
class UnitProgress:
    unit_code: str
    unit_name: str
    level: str
    period: ReportPeriod
    plan_id: str
    indicators: list[IndicatorValue]
    #: HTX and THT counted in the first two indicators that have no figures for the period's
    #: half-year: their jobs count as 0, which the report should say.
    missing_figures: int = 0

    def get(self, key: str) -> IndicatorValue:
        for value in self.indicators:
            if value.key == key:
                return value
        raise KeyError(key)


@dataclass(slots=True)
class _Figures:
    members_total: int
    members_female: int
    workers_total: int
    workers_female: int


@dataclass(slots=True)
class _Manager:
    role: str
    sex: str
    deleted: bool = False
    sessions: list[SessionFact] = field(default_factory=list)


@dataclass(slots=True)
class _Coop:
    status: str
    union_supported: bool
    newly_founded: bool
    founded_on: date | None
    managers: list[_Manager] = field(default_factory=list)
    figures: _Figures | None = None


@dataclass(slots=True)
class _Cadre:
    works_on_coops: bool
    sessions: list[SessionFact] = field(default_factory=list)


@dataclass(slots=True)
class _Session:
    topics: tuple[str, ...]
    other_members: int
    other_workers: int


@dataclass(slots=True)
class _Data:
    coops: dict[str, list[_Coop]] = field(default_factory=lambda: defaultdict(list))
    groups: dict[str, list[_Coop]] = field(default_factory=lambda: defaultdict(list))
    cadres: dict[str, list[_Cadre]] = field(default_factory=lambda: defaultdict(list))
    sessions: dict[str, list[_Session]] = field(default_factory=lambda: defaultdict(list))


def _chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _live(model: Any) -> Any:
    """Not a tombstone (a NULL flag from a bulk path counts as live)."""
    return model.deleted.is_not(True)


def _connection(session: Session) -> Connection:
    """The session's connection, after a flush: plain Core rows are several times cheaper than
    ORM rows at the scale of a whole country, and the flush keeps the autoflush promise that
    records added but not yet flushed are counted."""
    session.flush()
    return session.connection()


def _topics(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def _figures(row: Any) -> _Figures:
    return _Figures(
        row.members_total or 0,
        row.members_female or 0,
        row.workers_total or 0,
        row.workers_female or 0,
    )


def _load_units(
    session: Session, communes: Sequence[str], end: date, figures_period: str, data: _Data
) -> None:
    """Cooperatives and groups of these communes with their managers, the managers' training
    and the period's figures."""
    conn = _connection(session)
    coops: dict[str, _Coop] = {}
    groups: dict[str, _Coop] = {}
    managers: dict[str, _Manager] = {}
    for chunk in _chunks(communes):
        coop_ids = select(Cooperative.id).where(
            Cooperative.commune_code.in_(chunk), _live(Cooperative)
        )
        group_ids = select(CooperativeGroup.id).where(
            CooperativeGroup.commune_code.in_(chunk), _live(CooperativeGroup)
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
            ).where(Cooperative.commune_code.in_(chunk), _live(Cooperative))
        ).all():
            coop = _Coop(status, bool(supported), bool(new), founded)
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
            ).where(CooperativeGroup.commune_code.in_(chunk), _live(CooperativeGroup))
        ).all():
            group = _Coop(status, bool(supported), bool(new), founded)
            groups[gid] = group
            data.groups[commune].append(group)
        for mid, coop_id, group_id, role, sex in conn.execute(
            select(
                Manager.id, Manager.cooperative_id, Manager.group_id, Manager.role, Manager.sex
            ).where(
                _live(Manager),
                or_(Manager.cooperative_id.in_(coop_ids), Manager.group_id.in_(group_ids)),
            )
        ).all():
            parent = coops.get(coop_id) if coop_id else groups.get(group_id)
            if parent is not None:
                manager = _Manager(role, sex)
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
                _live(PeriodFigures),
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
                parent.figures = _Figures(*(n or 0 for n in numbers))
        for row in conn.execute(
            _attended(TrainingAttendance.manager_id, end)
            .join(Manager, TrainingAttendance.manager_id == Manager.id)
            .join(Cooperative, Manager.cooperative_id == Cooperative.id)
            .where(_live(Manager), _live(Cooperative), Cooperative.commune_code.in_(chunk))
        ):
            manager = managers.get(row.person_id)
            if manager is not None:
                manager.sessions.append(SessionFact(row.start_date, _topics(row.topics)))


def _attended(person: Any, end: date) -> Select[Any]:
    """Live attendances at live sessions started by `end`, with the person's id."""
    return (
        select(person.label("person_id"), TrainingSession.start_date, TrainingSession.topics)
        .join(TrainingSession, TrainingAttendance.session_id == TrainingSession.id)
        .where(_live(TrainingAttendance), _live(TrainingSession), TrainingSession.start_date <= end)
    )


def _load_union(session: Session, units: Sequence[str], end: date, data: _Data) -> None:
    """Cadres recorded by these units with their training, and the units' own sessions."""
    conn = _connection(session)
    cadres: dict[str, _Cadre] = {}
    for chunk in _chunks(units):
        for row in conn.execute(
            select(UnionCadre.id, UnionCadre.unit_code, UnionCadre.works_on_coops).where(
                UnionCadre.unit_code.in_(chunk), _live(UnionCadre)
            )
        ):
            cadre = _Cadre(bool(row.works_on_coops))
            cadres[row.id] = cadre
            data.cadres[row.unit_code].append(cadre)
        for row in conn.execute(
            _attended(TrainingAttendance.cadre_id, end)
            .join(UnionCadre, TrainingAttendance.cadre_id == UnionCadre.id)
            .where(_live(UnionCadre), UnionCadre.unit_code.in_(chunk))
        ):
            cadre = cadres.get(row.person_id)
            if cadre is not None:
                cadre.sessions.append(SessionFact(row.start_date, _topics(row.topics)))
        for row in conn.execute(
            select(
                TrainingSession.unit_code,
                TrainingSession.topics,
                TrainingSession.other_members,
                TrainingSession.other_workers,
            ).where(
                TrainingSession.unit_code.in_(chunk),
                _live(TrainingSession),
                TrainingSession.start_date <= end,
            )
        ):
            data.sessions[row.unit_code].append(
                _Session(_topics(row.topics), row.other_members or 0, row.other_workers or 0)
            )


def _load(
    session: Session, communes: Sequence[str], units: Sequence[str], period: ReportPeriod
) -> _Data:
    data = _Data()
    _load_units(session, communes, period.end, period.figures_period, data)
    _load_union(session, units, period.end, data)
    return data


def _scope_units(session: Session, unit: AdministrativeUnit, communes: Iterable[str]) -> list[str]:
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


def _raw(
    data: _Data, communes: Collection[str], units: Collection[str], period: ReportPeriod, plan: Plan
) -> tuple[dict[str, tuple[int, int | None]], int]:
    """Numerator and denominator (None for counts) of every known indicator, and how many
    counted HTX/THT lack the period's figures."""
    end = period.end
    coops = [c for code in set(communes) for c in data.coops.get(code, ())]
    groups = [g for code in set(communes) for g in data.groups.get(code, ())]
    cadres = [c for code in set(units) for c in data.cadres.get(code, ())]
    sessions = [s for code in set(units) for s in data.sessions.get(code, ())]

    existing = [c for c in coops if existed_by(c.founded_on, end)]
    htx = [
        c
        for c in existing
        if c.status == OPERATING and c.union_supported and is_htx_women_managed(c.managers)
    ]
    tht = [
        g
        for g in groups
        if existed_by(g.founded_on, end)
        and g.status == OPERATING
        and g.union_supported
        and is_tht_women_managed(g.managers)
    ]
    new_htx = [
        c
        for c in coops
        if c.newly_founded
        and c.union_supported
        and c.status != DISSOLVED
        and c.founded_on is not None
        and plan.start_date <= c.founded_on <= end
        and is_htx_women_managed(c.managers)
    ]
    active = [c for c in existing if c.status != DISSOLVED]
    women = [m for c in active for m in c.managers if is_female_htx_manager(m)]
    women_supported = [
        m for c in active if c.union_supported for m in c.managers if is_female_htx_manager(m)
    ]
    coop_cadres = [c for c in cadres if c.works_on_coops]
    operating_figures = [c.figures for c in existing if c.status == OPERATING and c.figures]
    skills = [s for s in sessions if not SKILL_TOPICS.isdisjoint(s.topics)]

    def trained(people: Sequence[_Manager] | Sequence[_Cadre], topics: set[str] | None) -> int:
        return sum(1 for p in people if attended_by(p.sessions, end, topics))

    raw: dict[str, tuple[int, int | None]] = {
        "htx_women_managed": (len(htx), None),
        "tht_women_managed": (len(tht), None),
        "htx_female_jobs": (
            sum(
                female_jobs(c.figures.members_female, c.figures.workers_female)
                for c in htx
                if c.figures
            ),
            None,
        ),
        "tht_female_workers": (sum(g.figures.workers_female for g in tht if g.figures), None),
        "htx_new_union_supported": (len(new_htx), None),
        "female_managers_trained_pct": (trained(women, {TOPIC_MANAGEMENT}), len(women)),
        "cadres_coop_trained_pct": (trained(coop_cadres, None), len(coop_cadres)),
        "cadres_outreach_pct": (trained(cadres, {TOPIC_OUTREACH}), len(cadres)),
        "members_workers_trained_pct": (
            sum(s.other_members + s.other_workers for s in skills),
            sum(f.members_total + f.workers_female for f in operating_figures),
        ),
        "female_managers_it_pct": (
            trained(women_supported, {TOPIC_IT_MANAGEMENT}),
            len(women_supported),
        ),
    }
    missing = sum(1 for c in htx if c.figures is None) + sum(1 for g in tht if g.figures is None)
    return raw, missing


#: Shares that may exceed 100 % from the data's shape (counted participants are not named, so
#: the same person can be counted twice) and are therefore capped.
_CAPPED = frozenset({"members_workers_trained_pct"})


def _value(spec: IndicatorSpec, numerator: int, denominator: int | None) -> IndicatorValue:
    value: float | int | None = numerator
    if spec.kind == PERCENT:
        value = percent(numerator, denominator or 0, cap=spec.key in _CAPPED)
    return IndicatorValue(
        key=spec.key,
        label_vi=spec.label_vi,
        label_en=spec.label_en,
        kind=spec.kind,
        value=value,
        numerator=numerator,
        denominator=denominator,
        baseline=spec.baseline,
        target_2025=spec.target_2025,
        target_2030=spec.target_2030,
        achieved_2025_pct=achieved_pct(value, spec.target_2025),
        achieved_2030_pct=achieved_pct(value, spec.target_2030),
        comparison=spec.comparison,
    )


def _progress(
    data: _Data,
    unit: AdministrativeUnit,
    communes: Collection[str],
    units: Collection[str],
    period: ReportPeriod,
    plan: Plan,
) -> UnitProgress:
    raw, missing = _raw(data, communes, units, period, plan)
    return UnitProgress(
        unit_code=unit.code,
        unit_name=unit.name,
        level=unit.level,
        period=period,
        plan_id=plan.id,
        indicators=[_value(spec, *raw[spec.key]) for spec in plan.indicators],
        missing_figures=missing,
    )


def _plan_for(session: Session, unit: AdministrativeUnit, plan: Plan | None) -> Plan:
    return plan if plan is not None else plan_for_unit(session, unit)


def compute_indicators(
    session: Session, unit_code: str, period: str | ReportPeriod, plan: Plan | None = None
) -> UnitProgress:
    """Every indicator of the plan for one unit (commune, district group or province).

    Without a plan, the plan of the unit's province is used (`plan_settings.plan_for_unit`:
    the national scheme's shares when the province has no plan in the application)."""
    report = ReportPeriod.parse(period)
    unit = get_unit(session, unit_code)
    chosen = _plan_for(session, unit, plan)
    communes = sorted(set(commune_codes_under(session, unit)))
    units = _scope_units(session, unit, communes)
    data = _load(session, communes, units, report)
    return _progress(data, unit, communes, units, report, chosen)


def compute_by_child(
    session: Session, unit_code: str, period: str | ReportPeriod, plan: Plan | None = None
) -> list[UnitProgress]:
    """One result per unit reporting to this one (`units.child_units`), read in one pass.

    Cadres and sessions recorded by the parent itself belong to no child, so the children's
    shares need not add up to the parent's."""
    report = ReportPeriod.parse(period)
    unit = get_unit(session, unit_code)
    chosen = _plan_for(session, unit, plan)
    communes = sorted(set(commune_codes_under(session, unit)))
    data = _load(session, communes, _scope_units(session, unit, communes), report)
    results = []
    for child in child_units(session, unit):
        child_communes = commune_codes_under(session, child)
        child_units_ = {child.code, *child_communes}
        results.append(_progress(data, child, child_communes, child_units_, report, chosen))
    return results


def cooperative_badges(
    session: Session, cooperative_ids: Iterable[str], period: str | ReportPeriod
) -> dict[str, tuple[bool, bool | None]]:
    """(women-managed, many female workers) for each live cooperative asked about.

    The second flag is None when the cooperative has no figures for the period's half-year, so
    the list can tell "not known" from "no". Deleted or unknown ids are left out."""
    report = ReportPeriod.parse(period)
    conn = _connection(session)
    ids = list(dict.fromkeys(cooperative_ids))
    live: set[str] = set()
    managers: dict[str, list[ManagerFact]] = defaultdict(list)
    figures: dict[str, _Figures] = {}
    for chunk in _chunks(ids):
        live.update(
            conn.scalars(
                select(Cooperative.id).where(Cooperative.id.in_(chunk), _live(Cooperative))
            )
        )
        for row in conn.execute(
            select(Manager.cooperative_id, Manager.role, Manager.sex).where(
                Manager.cooperative_id.in_(chunk), _live(Manager)
            )
        ):
            managers[row.cooperative_id].append(ManagerFact(row.role, row.sex))
        for row in conn.execute(
            select(
                PeriodFigures.cooperative_id,
                PeriodFigures.members_total,
                PeriodFigures.members_female,
                PeriodFigures.workers_total,
                PeriodFigures.workers_female,
            )
            .where(
                PeriodFigures.cooperative_id.in_(chunk),
                PeriodFigures.period == report.figures_period,
                _live(PeriodFigures),
            )
            .order_by(PeriodFigures.updated_at)
        ):
            figures[row.cooperative_id] = _figures(row)
    badges: dict[str, tuple[bool, bool | None]] = {}
    for cid in ids:
        if cid not in live:
            continue
        fig = figures.get(cid)
        many = has_many_female_workers(fig.workers_female, fig.workers_total) if fig else None
        badges[cid] = (is_htx_women_managed(managers[cid]), many)
    return badges
