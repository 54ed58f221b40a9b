"""Queries behind the cooperative (HTX) and group (THT) pages, kept free of Qt.

The lists hold up to 100,000 rows, so whatever a list shows for every row (the women-managed
flag) is computed for the whole scope in a few bulk queries, never one query per row. What the
plan counts as "women-managed" or "many female workers" is decided by `indicators.rules` only;
this module gathers rows and asks those rules, so the pages and the reports cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from htx_desktop.collation import vn_key
from htx_desktop.indicators.rules import (
    FEMALE,
    HTX_MANAGEMENT_ROLES,
    THT_MANAGEMENT_ROLES,
    ManagerFact,
    ManagerLike,
    has_many_female_workers,
    is_htx_women_managed,
    is_tht_women_managed,
)
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.half_years import (
    half_year_key,
    half_year_of,
    half_years,
    is_half_year,
    previous_half_year,
)
from htx_desktop.registry.listing import ListRow, load_rows, unit_names
from htx_desktop.registry.records import get_record, model_for, record_values
from htx_desktop.storage.base import SyncedRecord
from htx_desktop.storage.models import (
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
)

#: SQLite limits bound parameters per statement; stay far below every version's limit.
CHUNK = 500

#: Figures shown per half-year, in the order of the period-figures form.
FIGURE_FIELDS: tuple[str, ...] = tuple(
    f.key for f in get_form("period_figures").fields if f.key != "period"
)


@dataclass(frozen=True)
class OrganisationKind:
    """What differs between an HTX and a THT: the link column on managers and figures, the
    roles that count as management and the rule that makes the unit women-managed."""

    form_key: str
    link: str
    model: type[Cooperative] | type[CooperativeGroup]
    management_roles: frozenset[str]
    women_managed: Callable[[Iterable[ManagerLike]], bool]


KINDS: dict[str, OrganisationKind] = {
    "cooperative": OrganisationKind(
        "cooperative", "cooperative_id", Cooperative, HTX_MANAGEMENT_ROLES, is_htx_women_managed
    ),
    "cooperative_group": OrganisationKind(
        "cooperative_group",
        "group_id",
        CooperativeGroup,
        THT_MANAGEMENT_ROLES,
        is_tht_women_managed,
    ),
}


def kind_of(form_key: str) -> OrganisationKind:
    try:
        return KINDS[form_key]
    except KeyError:
        raise ValueError(f"“{form_key}” is not a cooperative or group form") from None


def _chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _live(model: Any) -> Any:
    """Not a tombstone (a NULL flag from a bulk path counts as live)."""
    return model.deleted.is_not(True)


def women_managed_ids(
    session: Session,
    form_key: str,
    commune_codes: Collection[str] | None,
    among: Collection[str] | None = None,
) -> set[str]:
    """Ids of the live HTX (or THT) of these communes that are women-managed.

    The managers are narrowed in SQL to women in the kind's management roles (nobody else can
    make an organisation women-managed, and at 100,000 organisations fetching every manager row
    costs seconds), then grouped and decided by the plan's rule. None means every commune.

    `among`, the ids of the organisations already read (a list's rows), answers for those
    instead: the managers table is then scanned without a join, three times faster than
    looking up 100,000 organisations one index probe at a time."""
    kind = kind_of(form_key)
    org = kind.model
    link = getattr(Manager, kind.link)
    base = select(link, Manager.role, Manager.sex).where(
        _live(Manager),
        Manager.sex == FEMALE,
        Manager.role.in_(sorted(kind.management_roles)),
    )
    if among is not None:
        wanted = among if isinstance(among, set | frozenset) else set(among)
        statements = [base.where(link.is_not(None))]
    else:
        wanted = None
        joined = base.join(org, link == org.id).where(_live(org))
        statements = (
            [joined]
            if commune_codes is None
            else [
                joined.where(org.commune_code.in_(chunk))
                for chunk in _chunks(sorted(commune_codes))
            ]
        )
    session.flush()
    conn = session.connection()  # plain Core rows: several times cheaper than ORM rows
    facts: dict[str, list[ManagerFact]] = defaultdict(list)
    # Facts are immutable and only a few (role, sex) pairs exist: share one per pair rather
    # than building 100,000 equal objects.
    shared: dict[tuple[str, str], ManagerFact] = {}
    for stmt in statements:
        for org_id, role, sex in conn.execute(stmt).all():
            if wanted is None or org_id in wanted:
                fact = shared.get((role, sex))
                if fact is None:
                    fact = shared[(role, sex)] = ManagerFact(role, sex)
                facts[org_id].append(fact)
    return {org_id for org_id, managers in facts.items() if kind.women_managed(managers)}


def organisation_rows(
    session: Session, form_key: str, commune_codes: Collection[str] | None, lang: str = "vi"
) -> tuple[list[ListRow], set[str]]:
    """The list rows of an HTX/THT list and the ids among them that are women-managed: one
    query for the rows, one scan of the managers for the flag."""
    rows = load_rows(session, form_key, commune_codes, lang)
    ids = {row.id for row in rows}
    return rows, women_managed_ids(session, form_key, commune_codes, among=ids)


# --- the detail of one organisation ------------------------------------------------------------


@dataclass(frozen=True)
class FiguresRow:
    """One half-year of an organisation: its figures record, or None when none was entered."""

    period: str
    record_id: str | None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def entered(self) -> bool:
        return self.record_id is not None


@dataclass(frozen=True)
class OrganisationDetail:
    """What the detail panel shows of one HTX or THT."""

    form_key: str
    id: str
    name: str
    values: dict[str, Any]
    communes: dict[str, str]
    managers: list[ListRow]
    figures: list[FiguresRow]
    women_managed: bool
    #: The half-year the "> 50 % female workers" badge is about (latest with figures), if any.
    badge_period: str | None
    many_female_workers: bool | None


def first_period_with_data(session: Session, unit_code: str) -> str | None:
    """The oldest half-year for which the unit has entered figures of any HTX or THT."""
    oldest = session.scalar(
        select(func.min(PeriodFigures.period)).where(
            PeriodFigures.unit_code == unit_code, _live(PeriodFigures)
        )
    )
    return oldest if is_half_year(oldest) else None


def _entered(session: Session, form_key: str, org_id: str) -> dict[str, PeriodFigures]:
    """The organisation's figures by half-year; when two devices entered the same half-year,
    the most recently updated record wins, as in the indicators."""
    stmt = (
        select(PeriodFigures)
        .where(getattr(PeriodFigures, kind_of(form_key).link) == org_id, _live(PeriodFigures))
        .order_by(PeriodFigures.updated_at)
    )
    return {record.period: record for record in session.scalars(stmt)}


def grid_start(
    unit_first: str | None, entered: Iterable[str], today: date | None = None
) -> str:
    """Where the figures grid begins: the unit's first half-year with data (or the
    organisation's own, if older), and at least the half-year just ended, the one being
    reported on; never a fixed year, so a unit that began in 2025 sees no empty 2023 rows."""
    candidates = [p for p in (unit_first, *entered) if is_half_year(p)]
    candidates.append(previous_half_year(half_year_of(today or date.today())))
    return min(candidates, key=half_year_key)


def figures_rows(
    session: Session, form_key: str, org_id: str, today: date | None = None
) -> list[FiguresRow]:
    """One row per half-year from `grid_start` to the current one, oldest first, so that a
    missing report shows as a gap; any other half-year with figures is listed too."""
    entered = _entered(session, form_key, org_id)
    record_unit = session.scalar(
        select(kind_of(form_key).model.unit_code).where(kind_of(form_key).model.id == org_id)
    )
    unit_first = first_period_with_data(session, record_unit) if record_unit else None
    start = grid_start(unit_first, entered, today)
    periods = sorted(set(half_years(start, today)) | set(entered), key=half_year_key)
    rows = []
    for period in periods:
        record = entered.get(period)
        if record is None:
            rows.append(FiguresRow(period, None))
        else:
            values = {key: getattr(record, key) for key in FIGURE_FIELDS}
            rows.append(FiguresRow(period, record.id, values))
    return rows


def latest_figures(rows: Iterable[FiguresRow]) -> FiguresRow | None:
    entered = [r for r in rows if r.entered]
    return max(entered, key=lambda r: half_year_key(r.period)) if entered else None


def figures_before(
    session: Session, form_key: str, org_id: str, period: str
) -> FiguresRow | None:
    """The organisation's latest figures of a half-year before `period` (what "copy from the
    previous period" fills a new half-year with), None when there are none."""
    entered = _entered(session, form_key, org_id)
    earlier = [p for p in entered if is_half_year(p) and half_year_key(p) < half_year_key(period)]
    if not earlier:
        return None
    last = max(earlier, key=half_year_key)
    record = entered[last]
    return FiguresRow(last, record.id, {key: getattr(record, key) for key in FIGURE_FIELDS})



def load_detail(
    session: Session, form_key: str, org_id: str, lang: str = "vi", today: date | None = None
) -> OrganisationDetail:
    """Fields, managers, figures and badges of one live HTX/THT (RecordNotFound if deleted).

    The badges follow the plan's rules: women-managed from the live managers, "many female
    workers" from the latest half-year that has figures (None when there are none)."""
    kind = kind_of(form_key)
    record: SyncedRecord = get_record(session, form_key, org_id)
    values = record_values(record, form_key)
    link = getattr(model_for("manager"), kind.link)
    managers = load_rows(
        session, "manager", None, lang, extra_filter=lambda stmt: stmt.where(link == org_id)
    )
    facts = session.execute(
        select(Manager.role, Manager.sex).where(link == org_id, _live(Manager))
    ).all()
    women = kind.women_managed(ManagerFact(role, sex) for role, sex in facts)
    figures = figures_rows(session, form_key, org_id, today)
    latest = latest_figures(figures)
    many = (
        has_many_female_workers(
            latest.values.get("workers_female") or 0, latest.values.get("workers_total") or 0
        )
        if latest is not None
        else None
    )
    commune = values.get("commune_code")
    return OrganisationDetail(
        form_key=form_key,
        id=org_id,
        name=str(values.get("name") or ""),
        values=values,
        communes=unit_names(session, [commune]) if commune else {},
        managers=managers,
        figures=figures,
        women_managed=women,
        badge_period=latest.period if latest is not None else None,
        many_female_workers=many,
    )


#: The order a group's managers are offered as its leader: the leader, the deputy, the others.
_LEADER_ORDER = {"to_truong": 0, "to_pho": 1}


def group_managers(session: Session, group_id: str) -> list[tuple[str, str]]:
    """(full name, role) of a group's live managers, the leader and deputy first, then by
    name; what the group's "Tổ trưởng" is picked from."""
    rows = session.execute(
        select(Manager.full_name, Manager.role).where(
            Manager.group_id == group_id, _live(Manager)
        )
    ).all()
    return sorted(
        ((name, role) for name, role in rows if name),
        key=lambda r: (_LEADER_ORDER.get(r[1], 2), vn_key(r[0])),
    )


def entered_periods(session: Session, form_key: str, org_id: str) -> set[str]:
    """The half-years an organisation has figures for."""
    return set(_entered(session, form_key, org_id))
