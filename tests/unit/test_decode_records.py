"""Decoding a bundle's records column by column (the fast path of a national merge) accepts
and refuses exactly what the record-by-record reference decoder does, with the same message
naming the same record and field."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htx_desktop.demo.fill import fill_demo
from htx_desktop.exchange import records_json
from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.records_json import MODELS_BY_TABLE, decode_records, dump_records

COMMUNE = "21211"
ODD_VALUES = [
    None, True, False, 0, -1, 2**60, 1.5, "", "x" * 25_000, "a\x00b", "2025-01-01",
    "2025-01-01T10:00:00+07:00", "2025-13-01", "2025-01-01 10:00:00", "1e5", "NaN",
    "Infinity", "-0", " 12 ", "9" * 30, [], ["a"], ["a" * 61], {}, "Nguyễn Thị Hoa",
    # Times and days spelled almost as the exporter spells them.
    "2025-01-01T10:00:00.000000", "2025-01-01T10:00:00.000000\n2025-01-01T10:00:00.000000",
    "2025-01-01T10:00:00.5", "2025-01-01T10:00:00", "0000-01-01T00:00:00.000000",
    "2025-02-30T00:00:00.000000", "2025-01-01T24:00:00.000000", "2025-01-01T10:00:00.000000Z",
    "２０２５-01-01", "2025-1-1", "20250105", "2025-W01-1", "2025-01-01\n2025-01-02",
    # Amounts at the edge of their columns' digits (16,2 and 12,2), and spelled otherwise.
    "99999999999999.99", "100000000000000.00", "-99999999999999.99", "9999999999.99",
    "10000000000.00", "-0.00", "0.00", "01.00", "1.5", "1.500", "+1.00", "1.00\n2.00",
]


@pytest.fixture(scope="module")
def demo_records(tmp_path_factory):
    """A demo commune's records as a bundle's data.json carries them."""
    from htx_desktop.storage.database import open_database

    db = open_database(tmp_path_factory.mktemp("decode") / "htx.sqlite3")
    try:
        with db.session() as s:
            fill_demo(s, COMMUNE, seed=2)
        with db.sessions() as s:
            return json.loads(json.dumps(dump_records(s, [COMMUNE])))
    finally:
        db.close()


def reference(raw):
    seen: set[str] = set()
    return {t: records_json._decode_rows(t, raw.get(t, []), seen) for t in MODELS_BY_TABLE}


def outcome(decode, raw):
    try:
        return "accepted", decode(raw)
    except BundleRejected as exc:
        return "refused", str(exc)


def test_a_whole_commune_decodes_the_same_both_ways(demo_records):
    got = decode_records(demo_records)
    assert sum(map(len, got.values())) > 50
    assert got == reference(demo_records)
    # ...and the clean commune took the fast path in every table, times and days included.
    seen: set[str] = set()
    for table in MODELS_BY_TABLE:
        assert records_json._decode_columns(table, demo_records.get(table, []), seen) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_damaged_value_is_judged_the_same_both_ways(demo_records, data):
    raw = copy.deepcopy(demo_records)
    table = data.draw(st.sampled_from(sorted(t for t in raw if raw[t])), label="table")
    index = data.draw(st.integers(0, len(raw[table]) - 1), label="record")
    row = raw[table][index]
    field = data.draw(st.sampled_from([*sorted(row), "unknown_field"]), label="field")
    damage = data.draw(st.sampled_from(["value", "drop", "duplicate", "not a record"]))
    if damage == "value":
        row[field] = data.draw(st.sampled_from(ODD_VALUES), label="value")
    elif damage == "drop":
        row.pop(field, None)
    elif damage == "duplicate":
        raw[table].append(copy.deepcopy(row))
    else:
        raw[table][index] = [row]
    assert outcome(decode_records, raw) == outcome(reference, raw)


AMOUNTS = ODD_VALUES[-12:]


@pytest.mark.parametrize(("table", "field"), [
    ("cooperative", "charter_capital"), ("period_figures", "revenue"),
    ("period_figures", "avg_monthly_income"),
])
def test_an_amount_at_the_edge_of_its_column_is_judged_the_same_both_ways(
    demo_records, table, field
):
    """The quick check of a column of amounts reads the column's size from the spelling's
    digits; it lets through exactly what the reference decoder lets through."""
    for amount in AMOUNTS:
        raw = copy.deepcopy(demo_records)
        raw[table][0][field] = amount
        assert outcome(decode_records, raw) == outcome(reference, raw), amount
