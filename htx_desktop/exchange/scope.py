"""Which units' records a unit may send and receive.

A commune sends only its own records; a district group sends its member communes' records and
its own; a province sends everything in the province. Receivers hold each bundle to this, with
the membership their own tables define (`storage.scope`), never what the bundle says.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.storage.models import AdministrativeUnit, DistrictMember
from htx_desktop.storage.scope import (
    ScopeUndefined,
    UnitScope,
    district_members,
    receiving_unit,
    unit_scope,
)
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


def signer_scope(session: Session, trusted_unit: str) -> UnitScope:
    """The scope of a trusted certificate at this receiver, from the receiver's tables only;
    BundleRejected with the step to take when those tables cannot say.

    A receiver in a district group also takes bundles only from its own group: a commune
    outside it is another district's business, whatever certificate was trusted."""
    try:
        scope = unit_scope(session, trusted_unit)
    except ScopeUndefined as exc:
        raise BundleRejected("scope_undefined", str(exc)) from None
    receiver = receiving_unit(session)
    if receiver is not None and receiver.level == DISTRICT and trusted_unit != receiver.code:
        members = district_members(session, receiver.code, str(receiver.province_code))
        if trusted_unit not in members:
            raise BundleRejected(
                "outside_group",
                f"Chứng thư của người ký gắn với đơn vị {trusted_unit}, không thuộc "
                f"{receiver.name} theo danh sách xã/phường của cơ sở dữ liệu này. Gói của đơn "
                "vị đó không được nhập ở đây; nếu xã này đã vào cụm, hãy cập nhật danh sách "
                "xã của cụm trước.",
            )
    return scope
