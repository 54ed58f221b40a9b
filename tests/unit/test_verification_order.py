"""The route's order holds when its parts run in two processes: a bundle that both writes
another commune's records and breaks a form's rule is refused for the scope (the graver and
earlier reason), as when every check ran in turn in one process; only a bundle inside its
scope hears about the form."""

from __future__ import annotations

import json

import pytest

from htx_desktop.exchange.bundle_format import VerifiedBundle
from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.keys import CertificateInfo
from htx_desktop.exchange.records_json import decode_records, dump_records
from htx_desktop.exchange.verification import Contents, finish
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.scope import UnitScope

OWN, NEIGHBOUR = "21211", "21214"
FORM_BROKEN = BundleRejected("invalid_record", "Gói bị từ chối toàn bộ: trường “Tên HTX” trống.")


def records_of(db, unit_code: str) -> dict:
    with db.session() as s:
        create_record(
            s, "cooperative",
            {"name": "HTX Rau sạch Tịnh Khê", "commune_code": unit_code, "sector": "nong_nghiep"},
            unit_code, ValidationContext(communes={unit_code}),
        )
        raw = json.loads(json.dumps(dump_records(s, [unit_code]), default=str))
    return decode_records(raw)


def checked(db, records: dict) -> None:
    cert = CertificateInfo("f" * 64, "CN=Hoa", "Hoa", OWN, utcnow(), utcnow(), "")
    verified = VerifiedBundle(
        db.path, "a" * 64, {"unit": {"code": OWN}, "period": "2025-H1"}, cert, {}, {}
    )
    verified.scope = UnitScope(OWN, "commune", "21", {}, frozenset())
    with db.sessions() as s:
        finish(s, verified, Contents(records, {}, later=FORM_BROKEN))


def test_a_record_of_another_commune_is_refused_for_its_scope_before_the_form(fresh_db):
    with pytest.raises(BundleRejected) as refused:
        checked(fresh_db, records_of(fresh_db, NEIGHBOUR))
    assert refused.value.code == "out_of_scope"
    assert NEIGHBOUR in str(refused.value)


def test_inside_its_scope_the_form_rule_held_back_is_the_reason(fresh_db):
    with pytest.raises(BundleRejected) as refused:
        checked(fresh_db, records_of(fresh_db, OWN))
    assert refused.value.code == "invalid_record"
