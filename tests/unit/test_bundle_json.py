"""A bundle's JSON files (manifest.json, data.json) are read by a fast parser, yet every file
is judged as the standard library's parser judged it before: the same value for a good file,
the same refusal (bad JSON, bad encoding) for a bad one."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.records_json import MODELS_BY_TABLE, decode_value
from htx_desktop.exchange.verification import _load_json

HOSTILE = [
    b'{"a": "\\ud800"}',  # a lone surrogate escaped
    b'{"a": "\xed\xa0\x80"}',  # ... and written as bytes
    b'{"a": NaN}', b'{"a": Infinity}', b'{"a": 1e400}', b'[1, 2,]', b"\xef\xbb\xbf{}",
    b"[" * 5000 + b"]" * 5000, b'{"a": 1', b"", b"   ", b'"\xff"', b'{"a": "x\x00y"}',
    b'{"a": ' + b"9" * 5000 + b"}", b'{"a": 1, "a": 2}', b'{"a": "\\u0000"}',
]


def _standard(data: bytes) -> tuple[str, object]:
    """What the standard library alone made of a bundle's file (the route before orjson)."""
    try:
        text = data.decode("utf-8")
        value = json.loads(text)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # a surrogate cannot be stored
        return "value", value
    except UnicodeError:
        return "bad_encoding", None
    except (ValueError, RecursionError):
        return "bad_json", None


def _ours(data: bytes) -> tuple[str, object]:
    try:
        return "value", _load_json(data, "data.json")
    except BundleRejected as exc:
        return exc.code, None


@pytest.mark.parametrize("data", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_file_is_judged_as_before(data):
    ours, theirs = _ours(data), _standard(data)
    assert ours[0] == theirs[0]
    if ours[0] == "value":  # (NaN is not equal to itself: compare the spelling)
        assert repr(ours[1]) == repr(theirs[1])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_every_well_formed_file_reads_as_the_standard_parser_reads_it(value):
    data = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    assert _ours(data) == _standard(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60), st.binary(max_size=20))
def test_damaged_bytes_are_refused_or_read_as_before(prefix, tail):
    data = prefix + b'{"records": {"x": [1, "\xc3\xa1"]}}' + tail
    ours, theirs = _ours(data), _standard(data)
    assert ours[0] == theirs[0]


def test_an_integer_beyond_64_bits_is_refused_with_the_same_reason_as_before():
    """The one well-formed input the two parsers read differently (orjson: a float)."""
    record = {"revision": 10**30}
    standard = json.loads(json.dumps(record))["revision"]
    ours = _load_json(json.dumps(record).encode(), "data.json")["revision"]
    assert standard == 10**30 and isinstance(ours, float)
    column = MODELS_BY_TABLE["cooperative"].__table__.c.revision
    reasons = []
    for revision in (standard, ours):
        with pytest.raises(BundleRejected) as refused:
            decode_value(column, revision, "cooperative", 0)
        reasons.append(str(refused.value))
    assert len(set(reasons)) == 1 and "số phiên bản phải từ 1 đến 1.000.000" in reasons[0]
