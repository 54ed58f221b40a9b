"""A SoftHSM token with officer certificates from a test CA, for the token stories.

Real PKCS#11 (SoftHSM2's module, loaded by python-pkcs11), not a mock. Without SoftHSM the
tests skip on a developer's machine, but fail in CI (`CI=true`), where `.ci/run` installs it.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from softhsm_token import (
    Authority,
    SoftToken,
    add_officer,
    init_token,
    make_ca,
    now_utc,
    softhsm_module,
)


@pytest.fixture(scope="session")
def ca() -> tuple[Authority, Authority]:
    return make_ca(now_utc())


@pytest.fixture(scope="session")
def token(tmp_path_factory: pytest.TempPathFactory, ca: tuple[Authority, Authority]) -> SoftToken:
    """One token for the session: SoftHSM reads its configuration once per process, when
    python-pkcs11 first loads the module."""
    module = softhsm_module()
    if module is None:
        if os.environ.get("CI"):
            pytest.fail("SoftHSM2 is not installed: .ci/run installs softhsm2")
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2)")
    pytest.importorskip("pkcs11")
    _root, mid = ca
    token = init_token(tmp_path_factory.mktemp("hsm"), module, "Token Nguyen Thi Lan")
    now = now_utc()
    add_officer(token, "lan", mid, "Nguyễn Thị Lan", "21211",
                not_before=now - timedelta(days=30), not_after=now + timedelta(days=700),
                extra=(mid.cert,))
    add_officer(token, "expired", mid, "Nguyễn Thị Lan (cũ)", "21211",
                not_before=now - timedelta(days=800), not_after=now - timedelta(days=1))
    add_officer(token, "encrypt-only", mid, "Nguyễn Thị Lan (mã hóa)", "21211",
                not_before=now - timedelta(days=30), not_after=now + timedelta(days=700),
                sign_usage=False)
    return token
