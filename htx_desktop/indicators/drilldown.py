"""The records behind one indicator, as the dashboard lists them ("which HTX are these?").

`indicator_records` reads the scope exactly as `compute_indicators` does (`read_scope`) and
takes the records from `counting.count_members`, the function the figure itself is summed
from; only the names, codes and communes shown beside each record are read afterwards. So the
list can never disagree with the number on the card: the card's numerator is the sum of the
rows' amounts, a count is the number of rows, and a share of people has one row per person of
its denominator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.collation import vn_key
from htx_desktop.formatting import fmt_date
from htx_desktop.indicators.counting import (
    CADRE,
    COOPERATIVE,
    COUNTED,
    GROUP,
    MANAGER,
    SESSION,
    TRAINED,
    Members,
    count_members,
)
from htx_desktop.indicators.loading import chunks, connection
from htx_desktop.indicators.plans import Plan
from htx_desktop.indicators.progress import IndicatorValue, indicator_value, read_scope
from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.storage.models import (
    AdministrativeUnit,
    Cooperative,
    CooperativeGroup,
    Manager,
    TrainingSession,
    UnionCadre,
)

#: How a row's amount reads: a count (1 each, not shown), a number, or trained yes/no.
AMOUNT_NONE = "none"
AMOUNT_NUMBER = "number"
AMOUNT_YES_NO = "yes_no"


@dataclass(frozen=True)
class RecordLine:
    """One record as the officer reads it: code, name, what it belongs to, where."""

    id: str
    code: str
    name: str
    belongs_to: str
    place: str
    amount: int


@dataclass(frozen=True)
class IndicatorRecords:
    value: IndicatorValue
    #: The form the records belong to (the page or dialog that opens one).
    form_key: str
    amount_kind: str
    lines: list[RecordLine]
    period: ReportPeriod
    unit_name: str

    @property
    def numerator(self) -> int:
        return sum(line.amount for line in self.lines)


def amount_kind(members: Members) -> str:
    return {COUNTED: AMOUNT_NONE, TRAINED: AMOUNT_YES_NO}.get(members.kind, AMOUNT_NUMBER)


def _unit_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(codes))
    names: dict[str, str] = {}
    for chunk in chunks(wanted):
        for code, name in session.execute(
            select(AdministrativeUnit.code, AdministrativeUnit.name).where(
                AdministrativeUnit.code.in_(chunk)
            )
        ).all():
            names[code] = name
    return names


def _read(session: Session, statement: Callable[[Any], Any], ids: list[str]) -> list[Any]:
    conn = connection(session)
    rows: list[Any] = []
    for chunk in chunks(ids):
        rows.extend(conn.execute(statement(chunk)).all())
    return rows


def _describe(session: Session, form_key: str, ids: list[str]) -> dict[str, tuple[str, ...]]:
    """id -> (code, name, belongs to, place code) for the records of one form."""
    found: dict[str, tuple[str, ...]] = {}
    if form_key == COOPERATIVE:
        for row in _read(
            session,
            lambda c: select(
                Cooperative.id,
                Cooperative.registration_code,
                Cooperative.name,
                Cooperative.commune_code,
            ).where(Cooperative.id.in_(c)),
            ids,
        ):
            found[row[0]] = (row[1] or "", row[2], "", row[3])
    elif form_key == GROUP:
        for row in _read(
            session,
            lambda c: select(
                CooperativeGroup.id,
                CooperativeGroup.name,
                CooperativeGroup.leader_name,
                CooperativeGroup.commune_code,
            ).where(CooperativeGroup.id.in_(c)),
            ids,
        ):
            found[row[0]] = ("", row[1], row[2] or "", row[3])
    elif form_key == MANAGER:
        for row in _read(
            session,
            lambda c: (
                select(
                    Manager.id,
                    Manager.full_name,
                    Cooperative.registration_code,
                    Cooperative.name,
                    Cooperative.commune_code,
                )
                .join(Cooperative, Manager.cooperative_id == Cooperative.id)
                .where(Manager.id.in_(c))
            ),
            ids,
        ):
            found[row[0]] = (row[2] or "", row[1], row[3], row[4])
    elif form_key == CADRE:
        for row in _read(
            session,
            lambda c: select(
                UnionCadre.id, UnionCadre.full_name, UnionCadre.position, UnionCadre.unit_code
            ).where(UnionCadre.id.in_(c)),
            ids,
        ):
            found[row[0]] = ("", row[1], row[2] or "", row[3])
    elif form_key == SESSION:
        for row in _read(
            session,
            lambda c: select(
                TrainingSession.id,
                TrainingSession.title,
                TrainingSession.start_date,
                TrainingSession.unit_code,
            ).where(TrainingSession.id.in_(c)),
            ids,
        ):
            found[row[0]] = ("", row[1], fmt_date(row[2]), row[3])
    return found


def indicator_records(
    session: Session,
    unit_code: str,
    period: str | ReportPeriod,
    key: str,
    plan: Plan | None = None,
) -> IndicatorRecords:
    """The records one indicator counts for a unit and period, sorted by place then name."""
    reading = read_scope(session, unit_code, period, plan)
    members_by_key, _missing = count_members(
        reading.data, reading.communes, reading.units, reading.period, reading.plan
    )
    members = members_by_key[key]
    value = indicator_value(reading.plan.indicator(key), members)
    described = _describe(session, members.form_key, members.ids)
    places = _unit_names(session, (d[3] for d in described.values()))
    lines = []
    for member in members.members:
        code, name, belongs_to, place = described.get(member.id, ("", "", "", ""))
        lines.append(
            RecordLine(member.id, code, name, belongs_to, places.get(place, place), member.amount)
        )
    lines.sort(key=lambda line: (vn_key(line.place), vn_key(line.name), line.id))
    return IndicatorRecords(
        value, members.form_key, amount_kind(members), lines, reading.period, reading.unit.name
    )
