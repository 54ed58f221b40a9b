"""The province's own plan, entered by a province officer in the settings, and the choice of
the plan a unit's reports and dashboard measure against.

A province adopts the national scheme with a plan of its own numbers. Only Quảng Ngãi's ships
with the application (`resources/plans`); any other province's officer types hers in (number,
date, issuer, title, the 2025 and 2030 targets) and it is kept in her profile's settings
(key ``province_plan``), like the report header: one small JSON value in the database she
already backs up, no file to lose or to install. The indicators themselves (labels, kinds,
comparisons) are the scheme's, taken from the shipped plan, so a typed plan can only change
numbers and the citation.

Which plan a unit is measured against (`plan_for_unit`): the plan entered in the settings
when it is for the unit's province, else the province's shipped plan, else the national
scheme's shares with no counts (`plans.national_plan`) — never another province's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.indicators.plans import (
    PERCENT,
    Plan,
    PlanError,
    load_plan,
    plan_for_province,
)
from htx_desktop.storage.models import AdministrativeUnit, OfficerProfile
from htx_desktop.storage.units import PROVINCE
from htx_desktop.text import clean_text

SETTINGS_KEY = "province_plan"


@dataclass(frozen=True)
class ProvincePlanInput:
    """What the settings form asks for; targets are (2025, 2030) by indicator key, None for a
    target the plan does not set."""

    number: str
    issued_on: date
    issuer: str
    title: str
    targets: dict[str, tuple[float | None, float | None]]


def indicator_template() -> Plan:
    """The scheme's indicators with labels, kinds and comparisons (from the shipped plan)."""
    return load_plan(None)


def _profile(session: Session) -> OfficerProfile | None:
    return session.scalars(select(OfficerProfile).limit(1)).first()


def _province_of(unit: AdministrativeUnit) -> str:
    return unit.province_code or unit.code


def stored_plan(session: Session) -> Plan | None:
    """The plan entered in the settings, or None (none entered, or unreadable: then the
    shipped or national plan is used rather than breaking every report)."""
    profile = _profile(session)
    data = (profile.settings or {}).get(SETTINGS_KEY) if profile is not None else None
    if not isinstance(data, dict):
        return None
    try:
        return plan_from_settings(data)
    except (PlanError, KeyError, TypeError, ValueError):
        return None


def plan_from_settings(data: dict[str, Any]) -> Plan:
    template = indicator_template()
    targets = data.get("targets") or {}
    indicators = []
    for spec in template.indicators:
        pair = targets.get(spec.key) or [None, None]
        first, second = (None if v is None else float(v) for v in pair)
        indicators.append(replace(spec, baseline=None, target_2025=first, target_2030=second))
    province = str(data["province_code"])
    return replace(
        template,
        id=f"settings-{province}",
        number=str(data["number"]),
        issued_on=date.fromisoformat(str(data["issued_on"])),
        issuer=str(data["issuer"]),
        title=str(data["title"]),
        province_code=province,
        indicators=tuple(indicators),
        document_type="Kế hoạch",
        national=False,
        note_vi="",
    )


def plan_for_unit(session: Session, unit: AdministrativeUnit) -> Plan:
    """The plan this unit's reports and dashboard measure against (see the module doc)."""
    province = _province_of(unit)
    stored = stored_plan(session)
    if stored is not None and stored.province_code == province:
        return stored
    return plan_for_province(province)


def _check(plan: ProvincePlanInput) -> dict[str, Any]:
    number = clean_text(plan.number)
    issuer = clean_text(plan.issuer)
    title = clean_text(plan.title)
    for value, what in ((number, "số kế hoạch (ví dụ 45/KH-UBND)"),
                        (issuer, "cơ quan ban hành (ví dụ Ủy ban nhân dân tỉnh Hà Tĩnh)"),
                        (title, "tên kế hoạch")):
        if not value:
            raise PlanError(f"Hãy nhập {what}.")
    kinds = {spec.key: spec.kind for spec in indicator_template().indicators}
    targets: dict[str, list[float | None]] = {}
    for key, pair in plan.targets.items():
        if key not in kinds:
            raise PlanError(f"Không có chỉ tiêu “{key}”.")
        for value in pair:
            if value is not None and (value < 0 or (kinds[key] == PERCENT and value > 100)):
                limit = "từ 0 đến 100" if kinds[key] == PERCENT else "không âm"
                raise PlanError(f"Chỉ tiêu tỷ lệ phải {limit} (đang là {value:g}).")
        targets[key] = [pair[0], pair[1]]
    return {"number": number, "issued_on": plan.issued_on.isoformat(), "issuer": issuer,
            "title": title, "targets": targets}


def save_province_plan(session: Session, plan: ProvincePlanInput) -> Plan:
    """Keep the province's plan in the profile's settings; only a province officer may (a
    commune or district reports against the plan its province adopted)."""
    profile = _profile(session)
    if profile is None or profile.unit.level != PROVINCE:
        raise PlanError(
            "Chỉ cán bộ Hội LHPN cấp tỉnh nhập kế hoạch của tỉnh. Ở cấp xã, huyện, báo cáo dùng "
            "kế hoạch của tỉnh có sẵn trong ứng dụng hoặc chỉ tiêu chung của Đề án."
        )
    data = _check(plan) | {"province_code": _province_of(profile.unit)}
    settings = dict(profile.settings or {})
    settings[SETTINGS_KEY] = data
    profile.settings = settings  # a JSON column notices assignment, not mutation
    session.flush()
    return plan_from_settings(data)


def clear_province_plan(session: Session) -> None:
    """Forget the entered plan: the shipped or national plan applies again."""
    profile = _profile(session)
    if profile is None:
        return
    settings = dict(profile.settings or {})
    if settings.pop(SETTINGS_KEY, None) is not None:
        profile.settings = settings
        session.flush()
