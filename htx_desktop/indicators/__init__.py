"""The plan's indicators: women-managed rules, reporting periods, targets and progress.

`rules` holds the definitions as pure functions, `plans` the targets read from
`resources/plans/*.toml`, `progress` the numbers for a unit and period from the database
(read by `loading`, counted by `counting`), `drilldown` the records behind one number.
"""

from __future__ import annotations

from htx_desktop.indicators.drilldown import IndicatorRecords, RecordLine, indicator_records
from htx_desktop.indicators.plans import (
    KNOWN_INDICATOR_KEYS,
    IndicatorSpec,
    Phase,
    Plan,
    PlanError,
    available_plans,
    default_plan_path,
    load_plan,
    plan_for_province,
)
from htx_desktop.indicators.progress import (
    IndicatorValue,
    UnitProgress,
    compute_by_child,
    compute_indicators,
    cooperative_badges,
)
from htx_desktop.indicators.rules import (
    ReportPeriod,
    has_many_female_workers,
    is_htx_women_managed,
    is_tht_women_managed,
)

__all__ = [
    "KNOWN_INDICATOR_KEYS",
    "IndicatorRecords",
    "IndicatorSpec",
    "IndicatorValue",
    "Phase",
    "Plan",
    "PlanError",
    "RecordLine",
    "ReportPeriod",
    "UnitProgress",
    "available_plans",
    "compute_by_child",
    "compute_indicators",
    "cooperative_badges",
    "default_plan_path",
    "has_many_female_workers",
    "indicator_records",
    "is_htx_women_managed",
    "is_tht_women_managed",
    "load_plan",
    "plan_for_province",
]
