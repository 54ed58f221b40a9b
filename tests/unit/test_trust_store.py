"""The receiver's trust store: a certificate is trusted for one of her own units, never a
weak one, never for a unit she has not defined; revoked and retired ones stay, refused."""

from __future__ import annotations

import pytest
from certificates import make_certificate, make_sha1_certificate
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa

from htx_desktop.exchange.errors import BundleRejected, ExchangeError
from htx_desktop.exchange.keys import certificate_info, load_certificate, pretty_fingerprint
from htx_desktop.exchange.trust_store import (
    check_signer,
    plan_trust,
    revoke,
    trust_certificate,
    trusted_signers,
    trusted_unit_for,
    unit_choices,
)
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import TrustedSigner
from htx_desktop.storage.units import create_district, official_units


def communes(province: str, n: int) -> list[str]:
    return sorted(
        u.code for u in official_units() if u.level == "commune" and u.province_code == province
    )[:n]


@pytest.fixture
def district(fresh_db: Database) -> Database:
    """A district officer of Quảng Ngãi whose group holds the first two communes."""
    a, b = communes("51", 2)
    with fresh_db.session() as s:
        code = create_district(s, "Huyện Thử", [a, b]).code
        create_profile(s, code, "Trần Thị Mai", "Chủ tịch Hội LHPN huyện")
    return fresh_db


def info(pem: bytes):
    return certificate_info(load_certificate(pem))


def test_a_commune_certificate_is_trusted_for_the_unit_the_receiver_has(district):
    a = communes("51", 1)[0]
    pem = make_certificate(a)
    with district.session() as s:
        plan = trust_certificate(s, pem)
        assert plan.unit.code == a and not plan.warnings
        assert a in {c.code for c in unit_choices(s)}
    with district.session() as s:
        unit = trusted_unit_for(s, info(pem))
        assert unit is not None and unit.code == a
        assert check_signer(s, info(pem), a) is True
        assert trusted_unit_for(s, info(make_certificate(a))) is None  # never trusted


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda c: make_certificate(c, key=rsa.generate_private_key(65537, 1024)), "RSA chỉ"),
        (lambda c: make_certificate(c, key=ec.generate_private_key(ec.SECP192R1())), "secp192r1"),
        (lambda c: make_certificate(c, key=ec.generate_private_key(ec.SECP224R1())), "secp224r1"),
        (lambda c: make_certificate(c, key=dsa.generate_private_key(2048)), "DSA"),
        (make_sha1_certificate, "SHA1"),
    ],
    ids=["rsa-1024", "p-192", "p-224", "dsa", "sha-1"],
)
def test_weak_keys_and_sha1_signatures_are_refused_with_the_reason(district, make, reason):
    a = communes("51", 1)[0]
    with district.session() as s, pytest.raises(ExchangeError) as refused:
        trust_certificate(s, make(a))
    assert reason in str(refused.value) and "Không tin cậy" in str(refused.value)
    with district.session() as s:
        assert trusted_signers(s) == []


def test_strong_rsa_and_p384_keys_are_accepted(district):
    a, b = communes("51", 2)
    with district.session() as s:
        trust_certificate(s, make_certificate(a, key=rsa.generate_private_key(65537, 2048)))
        trust_certificate(s, make_certificate(b, key=ec.generate_private_key(ec.SECP384R1())))
        assert len(trusted_signers(s)) == 2


def test_a_district_is_warned_about_a_commune_outside_its_group(district):
    outside = communes("51", 3)[2]
    with district.session() as s:
        plan = plan_trust(s, make_certificate(outside))
    assert any("không thuộc cụm/huyện Huyện Thử" in w for w in plan.warnings)
    assert any("bị từ chối" in w for w in plan.warnings)


def test_a_unit_the_receiver_never_defined_is_refused_with_the_step_to_take(district):
    with district.session() as s:
        with pytest.raises(ExchangeError, match="district create"):
            trust_certificate(s, make_certificate("D51-huyen-khong-co"))
        with pytest.raises(ExchangeError, match="không có trong danh mục"):
            trust_certificate(s, make_certificate("99999"))
        other_province = communes("01", 1)[0]
        with pytest.raises(ExchangeError, match="tỉnh khác"):
            trust_certificate(s, make_certificate(other_province))
        assert trusted_signers(s) == []


def test_the_receiver_may_tie_a_certificate_to_another_of_her_units_and_is_told(district):
    a, b = communes("51", 2)
    pem = make_certificate(a)
    with district.session() as s:
        plan = trust_certificate(s, pem, b)
        assert any(f"Chứng thư ghi đơn vị “{a}”" in w for w in plan.warnings)
        assert trusted_unit_for(s, info(pem)).code == b
        with pytest.raises(BundleRejected) as other:
            check_signer(s, info(pem), a)
        assert other.value.code == "signer_other_unit"


def test_a_revoked_certificate_stays_in_the_store_and_its_bundles_are_refused(district):
    a = communes("51", 1)[0]
    pem = make_certificate(a)
    with district.session() as s:
        trust_certificate(s, pem)
    with district.session() as s:
        spaced = pretty_fingerprint(info(pem).fingerprint).lower()
        revoked = revoke(s, spaced)
        assert revoked.revoked_at is not None
    with district.session() as s:
        row = s.get(TrustedSigner, info(pem).fingerprint)
        assert row is not None and row.revoked_at is not None
        assert trusted_unit_for(s, info(pem)) is None
        with pytest.raises(BundleRejected) as refused:
            check_signer(s, info(pem), a)
        assert refused.value.code == "signer_revoked" and "thu hồi" in str(refused.value)
        with pytest.raises(ExchangeError, match="không được tin cậy lại"):
            trust_certificate(s, pem)


def test_a_new_key_for_the_same_unit_may_retire_the_old_one(district):
    a, b = communes("51", 2)
    old, new, other = make_certificate(a), make_certificate(a), make_certificate(b)
    with district.session() as s:
        trust_certificate(s, old)
        trust_certificate(s, other)
        plan = plan_trust(s, new)
        assert [c.fingerprint for c in plan.current] == [info(old).fingerprint]
        trust_certificate(s, new, retire_old=True)
    with district.session() as s:
        assert trusted_unit_for(s, info(old)) is None
        assert s.get(TrustedSigner, info(old).fingerprint).retired_at is not None
        assert trusted_unit_for(s, info(new)).code == a
        assert trusted_unit_for(s, info(other)).code == b  # another unit's key is untouched
        with pytest.raises(BundleRejected, match="khóa mới"):
            check_signer(s, info(old), a)


def test_keeping_the_old_key_leaves_both_trusted(district):
    a = communes("51", 1)[0]
    old, new = make_certificate(a), make_certificate(a)
    with district.session() as s:
        trust_certificate(s, old)
        trust_certificate(s, new, retire_old=False)
        assert trusted_unit_for(s, info(old)).code == a
        assert trusted_unit_for(s, info(new)).code == a
