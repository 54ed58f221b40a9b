"""Which units' records a unit may send and receive.

A commune sends only its own records; a district group sends its member communes' records and
its own; a province sends everything in the province. Receivers hold each bundle to this.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.storage.models import AdministrativeUnit, DistrictMember
from htx_desktop.storage.units import COMMUNE, DISTRICT, PROVINCE


def owned_unit_codes(session: Session, unit: AdministrativeUnit) -> list[str]:
    if unit.level == COMMUNE:
        return [unit.code]
    if unit.level == DISTRICT:
        members = session.scalars(
            select(DistrictMember.commune_code).where(DistrictMember.district_code == unit.code)
        )
        return [unit.code, *members]
    assert unit.level == PROVINCE
    below = session.scalars(
        select(AdministrativeUnit.code).where(
            AdministrativeUnit.province_code == unit.code,
            AdministrativeUnit.level.in_((COMMUNE, DISTRICT)),
        )
    )
    return [unit.code, *below]
