"""The officer's signing identity, from her USB token or from the software key file.

One credential is active per database (`OfficerCredential`); its key reference is either a
`pkcs11:` URI (the token holds the key: normal path for officers with an official
certificate) or the path of the passphrase-protected key file (the fallback for officers
without a token). Export asks for one secret and hands it here: the token's PIN or the key
file's passphrase, whichever the active credential needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.keys import (
    active_credential,
    certificate_info,
    load_certificate,
    load_private_key,
)
from htx_desktop.exchange.signing import Identity, SigningIdentity
from htx_desktop.exchange.token import (
    TokenError,
    TokenRef,
    check_certificate_usable,
    is_token_reference,
    list_certificates,
    open_token_identity,
)
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.models import OfficerCredential, OfficerProfile


def uses_token(session: Session) -> bool:
    """Whether export must ask for the token's PIN rather than the key's passphrase."""
    return is_token_reference(active_credential(session).key_file)


@contextmanager
def signing_identity(session: Session, secret: str) -> Iterator[Identity]:
    """The active credential ready to sign, unlocked with `secret` (PIN or passphrase). A
    token session stays open only inside the `with`."""
    cred = active_credential(session)
    if not is_token_reference(cred.key_file):
        key = load_private_key(cred, secret)
        yield SigningIdentity(key, load_certificate(cred.certificate_pem.encode("ascii")))
        return
    with open_token_identity(TokenRef.from_uri(cred.key_file), secret) as identity:
        if certificate_info(identity.cert).fingerprint != cred.fingerprint:
            raise TokenError(
                "Chứng thư trên USB token đang cắm khác chứng thư đã chọn trong Cài đặt. Hãy "
                "cắm đúng token, hoặc chọn lại chứng thư."
            )
        yield identity


def adopt_token_certificate(session: Session, profile: OfficerProfile, ref: TokenRef) -> str:
    """Make the token's certificate `ref` the officer's signing credential; returns its
    fingerprint. Earlier credentials stop being used for signing (kept for the record)."""
    chosen = [c for c in list_certificates(ref.module, ref.serial) if c.ref.cert_id == ref.cert_id]
    if not chosen:
        raise TokenError("Không thấy chứng thư đã chọn trên USB token. Hãy cắm token và chọn lại.")
    cert = chosen[0].cert
    check_certificate_usable(cert)
    info = chosen[0].info
    for old in session.scalars(select(OfficerCredential).where(OfficerCredential.active)):
        old.active = False
    existing = session.get(OfficerCredential, info.fingerprint)
    if existing is not None:
        existing.active = True
        existing.key_file = chosen[0].ref.uri()
    else:
        session.add(
            OfficerCredential(
                fingerprint=info.fingerprint,
                unit_code=profile.unit_code,
                subject=info.subject[:500],
                certificate_pem=info.pem,
                key_file=chosen[0].ref.uri(),
                not_after=info.not_after,
                active=True,
                created_at=utcnow(),
            )
        )
    session.flush()
    return info.fingerprint
