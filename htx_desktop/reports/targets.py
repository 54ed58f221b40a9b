"""Which of the plan's targets are the reporting unit's own.

A province's plan gives its counts (12 women-managed HTX, 240 female workers…) for the whole
province; its shares (100 % of female managers trained…) hold for every unit. A commune's or a
district's report that divided its 2 HTX by the province's 12 would print "đạt 16,7 %" as if
the commune had been given 12: so below the province, a count keeps its value but loses the
target and the share achieved, and the report says plainly that the plan sets it for the
province only. The computation (`indicators.progress`) is left as it is: the dashboard and the
breakdown tables use the same values, and only the comparison is the report's concern.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from htx_desktop.indicators.plans import PERCENT
from htx_desktop.indicators.progress import IndicatorValue, UnitProgress
from htx_desktop.storage.units import PROVINCE


@dataclass(frozen=True)
class OwnTargets:
    """The progress with only the unit's own targets, and the province-wide ones left out
    (indicator key -> (2025 target, 2030 target)), for a sentence under the table."""

    progress: UnitProgress
    province_wide: dict[str, tuple[float | None, float | None]]

    @property
    def labels(self) -> list[str]:
        return [v.label_vi for v in self.progress.indicators if v.key in self.province_wide]


def is_province_wide(value: IndicatorValue, level: str) -> bool:
    """A count target of the plan, read for a unit below the province."""
    return (
        level != PROVINCE
        and value.kind != PERCENT
        and (value.target_2025 is not None or value.target_2030 is not None)
    )


def own_targets(progress: UnitProgress) -> OwnTargets:
    wide: dict[str, tuple[float | None, float | None]] = {}
    values: list[IndicatorValue] = []
    for value in progress.indicators:
        if is_province_wide(value, progress.level):
            wide[value.key] = (value.target_2025, value.target_2030)
            value = replace(
                value,
                target_2025=None,
                target_2030=None,
                achieved_2025_pct=None,
                achieved_2030_pct=None,
            )
        values.append(value)
    return OwnTargets(replace(progress, indicators=values), wide)
