"""Which units' records a unit may send (`exchange/scope.owned_unit_codes`), as it stands: a
commune only its own, a district group itself and the communes the database placed in it, a
province itself and every commune and group of that province, never another province's."""

from __future__ import annotations

from sqlalchemy import select

from htx_desktop.exchange.scope import owned_unit_codes
from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.storage.units import COMMUNE, create_district, get_unit


def test_a_commune_owns_only_itself(fresh_db):
    with fresh_db.session() as session:
        assert owned_unit_codes(session, get_unit(session, "21211")) == ["21211"]


def test_a_district_owns_itself_and_the_communes_placed_in_it(fresh_db):
    with fresh_db.session() as session:
        district = create_district(session, "Huyện Sơn Tịnh cũ", ["21211", "21172"])
        create_district(session, "Cụm bên cạnh", ["21034"])
        owned = owned_unit_codes(session, district)
        assert owned[0] == district.code
        assert sorted(owned[1:]) == ["21172", "21211"]


def test_a_province_owns_its_communes_and_groups_and_nothing_of_another(fresh_db):
    with fresh_db.session() as session:
        district = create_district(session, "Huyện Sơn Tịnh cũ", ["21211"])
        owned = owned_unit_codes(session, get_unit(session, "51"))
        communes_51 = set(
            session.scalars(
                select(AdministrativeUnit.code).where(
                    AdministrativeUnit.province_code == "51", AdministrativeUnit.level == COMMUNE
                )
            )
        )
        assert owned[0] == "51"
        assert set(owned[1:]) == communes_51 | {district.code}
        assert len(owned) == len(set(owned)) == 96 + 2
        hanoi = owned_unit_codes(session, get_unit(session, "01"))
        assert "21211" not in hanoi and district.code not in hanoi and "51" not in hanoi


# --- what a trusted certificate may write at a receiver (`exchange/scope.signer_scope`) ------


def test_a_communes_certificate_writes_only_that_commune(fresh_db):
    from htx_desktop.exchange.scope import signer_scope

    with fresh_db.session() as session:
        scope = signer_scope(session, "21211")
        assert scope.communes == frozenset({"21211"})
        assert scope.owns("21211") and not scope.owns("21034")


def test_a_districts_certificate_writes_the_communes_the_receiver_placed_in_it(fresh_db):
    from htx_desktop.exchange.scope import signer_scope

    with fresh_db.session() as session:
        district = create_district(session, "Huyện Sơn Tịnh cũ", ["21211", "21172"])
        scope = signer_scope(session, district.code)
        assert scope.communes == frozenset({"21211", "21172"})
        assert scope.owns(district.code) and scope.owns("21211") and not scope.owns("21034")


def test_a_unit_the_receiver_never_defined_is_refused_with_the_step_to_take(fresh_db):
    import pytest

    from htx_desktop.exchange.errors import BundleRejected
    from htx_desktop.exchange.scope import signer_scope

    with fresh_db.session() as session, pytest.raises(BundleRejected) as refused:
        signer_scope(session, "D51-khong-co")
    assert refused.value.code == "scope_undefined"
    assert "tạo cụm/huyện" in str(refused.value) and "Trao đổi dữ liệu" in str(refused.value)


def test_a_district_receiver_refuses_a_commune_outside_its_group(fresh_db):
    import pytest

    from htx_desktop.exchange.errors import BundleRejected
    from htx_desktop.exchange.scope import signer_scope
    from htx_desktop.registry.profile import create_profile

    with fresh_db.session() as session:
        district = create_district(session, "Huyện Sơn Tịnh cũ", ["21211", "21172"])
        create_profile(session, district.code, "Trần Thị Mai", "Chủ tịch Hội LHPN huyện")
        assert signer_scope(session, "21211").communes == frozenset({"21211"})
        assert signer_scope(session, district.code).unit_code == district.code
        with pytest.raises(BundleRejected) as refused:
            signer_scope(session, "21034")
    assert refused.value.code == "outside_group"
    message = str(refused.value)
    assert "21034" in message
    assert message.endswith(
        "Gói của đơn vị đó không được nhập ở đây; nếu xã này đã vào cụm, hãy cập nhật danh sách "
        "xã của cụm trước."
    )


def test_a_province_receiver_takes_a_commune_of_its_province(fresh_db):
    from htx_desktop.exchange.scope import signer_scope
    from htx_desktop.registry.profile import create_profile

    with fresh_db.session() as session:
        create_profile(session, "51", "Lê Thị Lan", "Chủ tịch Hội LHPN tỉnh")
        assert signer_scope(session, "21034").communes == frozenset({"21034"})
