"""A receiver trusts a CA once and then checks token-signed bundles by their chain: valid
within its dates and usage, refused when revoked (CRL from a USB stick), expired, unfit for
signing, or issued by a CA she does not hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from softhsm_token import Authority, crl, issue, make_ca, now_utc

from htx_desktop.exchange.anchors import (
    anchor_statuses,
    check_chain,
    import_crl,
    install_anchor,
)
from htx_desktop.exchange.errors import BundleRejected, ExchangeError
from htx_desktop.storage.database import Database, open_database


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _officer(authority: Authority, **kwargs: object) -> x509.Certificate:
    now = now_utc()
    defaults: dict[str, object] = {"not_before": now - timedelta(days=10),
                                   "not_after": now + timedelta(days=300)}
    defaults.update(kwargs)
    key = ec.generate_private_key(ec.SECP256R1())
    return issue(authority, key.public_key(), "Nguyễn Thị Lan", "21211", **defaults)  # type: ignore[arg-type]


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "tỉnh.sqlite3")
    yield database
    database.close()


def test_a_certificate_chaining_to_the_installed_root_is_valid(receiver: Database) -> None:
    root, mid = make_ca(now_utc())
    officer = _officer(mid)
    with receiver.session() as session:
        install_anchor(session, _pem(root.cert))
        report = check_chain(session, officer, [mid.cert], now_utc())
    assert report.path[0].endswith("C=VN") and "Nguyễn Thị Lan" in report.path[0]
    assert "CA gốc" in report.anchor
    assert len(report.path) == 3
    assert report.revocation == "không có danh sách thu hồi"


def test_a_chain_to_an_anchor_the_receiver_does_not_hold_is_refused(receiver: Database) -> None:
    _root, mid = make_ca(now_utc())
    other_root, _other_mid = make_ca(now_utc())
    with receiver.session() as session:
        install_anchor(session, _pem(other_root.cert))
        with pytest.raises(BundleRejected, match="không dẫn tới tổ chức chứng thực"):
            check_chain(session, _officer(mid), [mid.cert], now_utc())


def test_a_certificate_expired_at_signing_time_is_refused(receiver: Database) -> None:
    root, mid = make_ca(now_utc())
    now = now_utc()
    expired = _officer(mid, not_before=now - timedelta(days=400),
                       not_after=now - timedelta(days=1))
    with receiver.session() as session:
        install_anchor(session, _pem(root.cert))
        with pytest.raises(BundleRejected, match="không còn hiệu lực"):
            check_chain(session, expired, [mid.cert], now)


def test_a_certificate_without_signing_usage_is_refused(receiver: Database) -> None:
    root, mid = make_ca(now_utc())
    with receiver.session() as session:
        install_anchor(session, _pem(root.cert))
        with pytest.raises(BundleRejected, match="không dùng để ký"):
            check_chain(session, _officer(mid, sign_usage=False), [mid.cert], now_utc())


def test_revoked_after_the_crl_is_imported_refuses_later_signatures(receiver: Database) -> None:
    root, mid = make_ca(now_utc())
    now = now_utc()
    revoked = _officer(mid)
    good = _officer(mid)
    revocation_list = crl(mid, [(revoked, now - timedelta(days=2))], now - timedelta(hours=1))
    with receiver.session() as session:
        install_anchor(session, _pem(root.cert))
        install_anchor(session, _pem(mid.cert))
        import_crl(session, revocation_list.public_bytes(serialization.Encoding.DER))
        with pytest.raises(BundleRejected, match="bị thu hồi"):
            check_chain(session, revoked, [], now)
        # Signed before the revocation date: still valid.
        report = check_chain(session, revoked, [], now - timedelta(days=5))
        assert "đã kiểm tra với danh sách thu hồi" in report.revocation
        assert check_chain(session, good, [], now).anchor.startswith("CN=CA trung gian")
        [status_mid] = [s for s in anchor_statuses(session) if "trung gian" in s.subject]
        assert status_mid.crl_entries == 1
        assert not status_mid.crl_stale()


def test_a_crl_nobody_installed_signed_is_refused(receiver: Database) -> None:
    root, mid = make_ca(now_utc())
    _other_root, other_mid = make_ca(now_utc())
    forged = crl(other_mid, [], now_utc())
    with receiver.session() as session:
        install_anchor(session, _pem(root.cert))
        install_anchor(session, _pem(mid.cert))
        with pytest.raises(ExchangeError, match="không do tổ chức chứng thực nào"):
            import_crl(session, forged.public_bytes(serialization.Encoding.PEM))


def test_an_old_crl_is_shown_as_stale(receiver: Database) -> None:
    root, _mid = make_ca(now_utc())
    now = now_utc()
    old = crl(root, [], now - timedelta(days=30), next_update=timedelta(days=7))
    with receiver.session() as session:
        install_anchor(session, _pem(root.cert))
        import_crl(session, old.public_bytes(serialization.Encoding.DER))
        [status] = anchor_statuses(session)
    assert status.crl_stale()
    assert status.crl_age_days() == 30


def test_an_officer_certificate_is_not_an_anchor(receiver: Database) -> None:
    _root, mid = make_ca(now_utc())
    with receiver.session() as session, pytest.raises(ExchangeError, match="không phải chứng thư"):
        install_anchor(session, _pem(_officer(mid)))


def test_a_renewed_certificate_of_the_same_officer_is_offered_for_the_same_unit(
    receiver: Database,
) -> None:
    from htx_desktop.exchange.renewal import renewal_of
    from htx_desktop.exchange.trust_store import offer_trust, trust_certificate
    from htx_desktop.registry.profile import create_profile

    root, mid = make_ca(now_utc())
    old, renewed, stranger = _officer(mid), _officer(mid), _officer(make_ca(now_utc())[1])
    with receiver.session() as session:
        create_profile(session, "51", "Trần Thị Mai", "Chủ tịch Hội LHPN tỉnh")
        install_anchor(session, _pem(root.cert))
        trust_certificate(session, _pem(old), "21211")
        assert renewal_of(session, renewed) is not None
        assert renewal_of(session, stranger) is None  # same name, another CA: not a renewal
        offer = offer_trust(session, _pem(renewed))
    assert offer.suggested == "21211"
    assert "bản gia hạn" in offer.note
