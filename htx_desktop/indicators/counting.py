"""Which records each indicator counts, and so its numerator and denominator.

One function, `count_members`, applies the plan's rules (`rules`) to the rows of a scope
(`loading`) and returns, per indicator, the records it counts with what each adds to the
numerator. The figure on the dashboard and in the report is the sum of those amounts; the
drill-down lists the same records. Keeping one function for both is the point: a list that
is computed by a second query would sooner or later disagree with the number above it.

What is listed, per kind of indicator:
- counts of HTX/THT ("HTX do phụ nữ quản lý"): the cooperatives or groups counted, 1 each;
- sums of jobs or workers: the HTX/THT counted by the first two indicators, each with its
  jobs (0 when it has no figures for the half-year, which the page says);
- shares of people trained: every person of the population (the denominator), 1 when trained
  and 0 when not, so that the officer also sees whom to train next;
- the share of members and workers trained: the sessions counted, each with its counted
  participants (the denominator comes from the HTX's figures, not from a list).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from htx_desktop.indicators.loading import CadreRow, CoopRow, ManagerRow, ScopeData
from htx_desktop.indicators.plans import Plan
from htx_desktop.indicators.rules import (
    DISSOLVED,
    OPERATING,
    SKILL_TOPICS,
    TOPIC_IT_MANAGEMENT,
    TOPIC_MANAGEMENT,
    TOPIC_OUTREACH,
    ReportPeriod,
    attended_by,
    existed_by,
    female_jobs,
    is_female_htx_manager,
    is_htx_women_managed,
    is_tht_women_managed,
)

COOPERATIVE = "cooperative"
GROUP = "cooperative_group"
MANAGER = "manager"
CADRE = "union_cadre"
SESSION = "training_session"

COUNTED = "counted"
SUMMED = "summed"
TRAINED = "trained"


@dataclass(frozen=True, slots=True)
class Member:
    """One record behind an indicator and what it adds to the numerator."""

    id: str
    amount: int


@dataclass(frozen=True)
class Members:
    """The records one indicator counts (all of one form), in no particular order."""

    form_key: str
    members: tuple[Member, ...]
    #: None: the denominator is the number of records listed (people) or there is none
    #: (counts); set only where it comes from elsewhere (the HTX's figures).
    other_denominator: int | None = None
    is_share: bool = False
    #: COUNTED (1 each), SUMMED (each adds its number) or TRAINED (1 when trained, 0 not).
    kind: str = "summed"

    @property
    def numerator(self) -> int:
        return sum(m.amount for m in self.members)

    @property
    def denominator(self) -> int | None:
        if self.other_denominator is not None:
            return self.other_denominator
        return len(self.members) if self.is_share else None

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.members]


def _ones(form_key: str, rows: Sequence[CoopRow]) -> Members:
    return Members(form_key, tuple(Member(r.id, 1) for r in rows), kind=COUNTED)


def _trained(
    form_key: str,
    people: Sequence[ManagerRow] | Sequence[CadreRow],
    end: date,
    topics: set[str] | None,
) -> Members:
    return Members(
        form_key,
        tuple(Member(p.id, int(attended_by(p.sessions, end, topics))) for p in people),
        is_share=True,
        kind=TRAINED,
    )


def count_members(
    data: ScopeData,
    communes: Collection[str],
    units: Collection[str],
    period: ReportPeriod,
    plan: Plan,
) -> tuple[dict[str, Members], int]:
    """The records behind every known indicator, and how many counted HTX/THT lack the
    period's figures."""
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

    members: dict[str, Members] = {
        "htx_women_managed": _ones(COOPERATIVE, htx),
        "tht_women_managed": _ones(GROUP, tht),
        "htx_female_jobs": Members(
            COOPERATIVE,
            tuple(
                Member(
                    c.id,
                    female_jobs(c.figures.members_female, c.figures.workers_female)
                    if c.figures
                    else 0,
                )
                for c in htx
            ),
        ),
        "tht_female_workers": Members(
            GROUP,
            tuple(Member(g.id, g.figures.workers_female if g.figures else 0) for g in tht),
        ),
        "htx_new_union_supported": _ones(COOPERATIVE, new_htx),
        "female_managers_trained_pct": _trained(MANAGER, women, end, {TOPIC_MANAGEMENT}),
        "cadres_coop_trained_pct": _trained(CADRE, coop_cadres, end, None),
        "cadres_outreach_pct": _trained(CADRE, cadres, end, {TOPIC_OUTREACH}),
        "members_workers_trained_pct": Members(
            SESSION,
            tuple(Member(s.id, s.other_members + s.other_workers) for s in skills),
            other_denominator=sum(f.members_total + f.workers_female for f in operating_figures),
            is_share=True,
        ),
        "female_managers_it_pct": _trained(MANAGER, women_supported, end, {TOPIC_IT_MANAGEMENT}),
    }
    missing = sum(1 for c in htx if c.figures is None) + sum(1 for g in tht if g.figures is None)
    return members, missing
