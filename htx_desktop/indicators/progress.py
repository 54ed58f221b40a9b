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
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.indicators.counting import Members, count_members
from htx_desktop.indicators.loading import (
    Figures,
    ScopeData,
    chunks,
    connection,
    figures_of,
    live,
    load_scope_data,
    scope_units,
)
from htx_desktop.indicators.plan_settings import plan_for_unit
from htx_desktop.indicators.plans import PERCENT, IndicatorSpec, Plan
from htx_desktop.indicators.rules import (
    ManagerFact,
    ReportPeriod,
    achieved_pct,
    has_many_female_workers,
    is_htx_women_managed,
    meets,
    percent,
)
from htx_desktop.storage.models import AdministrativeUnit, Cooperative, Manager, PeriodFigures
from htx_desktop.storage.units import child_units, commune_codes_under, get_unit


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


#: Shares that may exceed 100 % from the data's shape (counted participants are not named, so
#: the same person can be counted twice) and are therefore capped.
_CAPPED = frozenset({"members_workers_trained_pct"})


def indicator_value(spec: IndicatorSpec, members: Members) -> IndicatorValue:
    numerator, denominator = members.numerator, members.denominator
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
    data: ScopeData,
    unit: AdministrativeUnit,
    communes: Collection[str],
    units: Collection[str],
    period: ReportPeriod,
    plan: Plan,
) -> UnitProgress:
    members, missing = count_members(data, communes, units, period, plan)
    return UnitProgress(
        unit_code=unit.code,
        unit_name=unit.name,
        level=unit.level,
        period=period,
        plan_id=plan.id,
        indicators=[indicator_value(spec, members[spec.key]) for spec in plan.indicators],
        missing_figures=missing,
    )


def _plan_for(session: Session, unit: AdministrativeUnit, plan: Plan | None) -> Plan:
    return plan if plan is not None else plan_for_unit(session, unit)


@dataclass(frozen=True)
class ScopeReading:
    """Everything one unit's indicators are computed from (also the drill-down's source)."""

    period: ReportPeriod
    unit: AdministrativeUnit
    plan: Plan
    communes: list[str]
    units: list[str]
    data: ScopeData


def read_scope(
    session: Session, unit_code: str, period: str | ReportPeriod, plan: Plan | None = None
) -> ScopeReading:
    report = ReportPeriod.parse(period)
    unit = get_unit(session, unit_code)
    chosen = _plan_for(session, unit, plan)
    communes = sorted(set(commune_codes_under(session, unit)))
    units = scope_units(session, unit, communes)
    data = load_scope_data(session, communes, units, report)
    return ScopeReading(report, unit, chosen, communes, units, data)


def compute_indicators(
    session: Session, unit_code: str, period: str | ReportPeriod, plan: Plan | None = None
) -> UnitProgress:
    """Every indicator of the plan for one unit (commune, district group or province).

    Without a plan, the plan of the unit's province is used (`plan_settings.plan_for_unit`:
    the national scheme's shares when the province has no plan in the application)."""
    r = read_scope(session, unit_code, period, plan)
    return _progress(r.data, r.unit, r.communes, r.units, r.period, r.plan)


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
    data = load_scope_data(session, communes, scope_units(session, unit, communes), report)
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
    conn = connection(session)
    ids = list(dict.fromkeys(cooperative_ids))
    alive: set[str] = set()
    managers: dict[str, list[ManagerFact]] = defaultdict(list)
    figures: dict[str, Figures] = {}
    for chunk in chunks(ids):
        alive.update(
            conn.scalars(select(Cooperative.id).where(Cooperative.id.in_(chunk), live(Cooperative)))
        )
        for row in conn.execute(
            select(Manager.cooperative_id, Manager.role, Manager.sex).where(
                Manager.cooperative_id.in_(chunk), live(Manager)
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
                live(PeriodFigures),
            )
            .order_by(PeriodFigures.updated_at)
        ):
            figures[row.cooperative_id] = figures_of(row)
    badges: dict[str, tuple[bool, bool | None]] = {}
    for cid in ids:
        if cid not in alive:
            continue
        fig = figures.get(cid)
        many = has_many_female_workers(fig.workers_female, fig.workers_total) if fig else None
        badges[cid] = (is_htx_women_managed(managers[cid]), many)
    return badges
