"""What an import holds every record to, below the bundle: the one classification of unsafe
characters (refused at import, stripped at entry, escaped for display), and the forms'
validation of many typed records, which must decide exactly as `validate` does record by
record."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htx_desktop.demo.fill import fill_demo
from htx_desktop.exchange.records_json import decode_records, dump_records
from htx_desktop.registry.forms import default_forms
from htx_desktop.registry.validation import ValidationContext, first_invalid, validate
from htx_desktop.text import (
    UNSAFE_RANGES,
    clean_multiline,
    clean_text,
    first_unsafe,
    has_unsafe,
    strip_unsafe,
    unsafe_pattern,
    visible,
)

COMMUNE = "21211"
HIDDEN = ["\x1b", "\x07", "\r", "\x7f", "\x85", "\u200b", "\u200d", "\u202e", "\u2066",
          "\u2069", "\u2060", "\ufeff"]


@pytest.mark.parametrize("char", HIDDEN)
def test_each_hidden_or_control_character_is_found_stripped_and_shown(char):
    text = f"Hợp tác xã{char} Đông"
    assert first_unsafe(text) == char
    assert first_unsafe(text, multiline=True) == char
    assert strip_unsafe(text) == "Hợp tác xã Đông"
    assert clean_text(text) == "Hợp tác xã Đông"
    assert f"\\u{ord(char):04x}" in visible(text) and char not in visible(text)


def test_long_notes_keep_tab_and_newline_but_names_do_not():
    notes = "Dòng một\n\tDòng hai"
    assert first_unsafe(notes, multiline=True) is None
    assert first_unsafe(notes) == "\n"
    assert clean_multiline(notes + "\u202e") == notes
    assert first_unsafe("Nguyễn Thị Hoa") is None


def test_the_entry_form_cleans_what_was_pasted():
    form = default_forms()["cooperative_group"]
    pasted = {"name": "Tổ hợp tác \u202eĐông\u200b", "notes": "Ghi chú\x1b[2J\nhai dòng"}
    cleaned = validate(form, pasted, ValidationContext(communes={COMMUNE})).cleaned
    assert cleaned["name"] == "Tổ hợp tác Đông"
    assert cleaned["notes"] == "Ghi chú[2J\nhai dòng"


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory):
    """A demo commune's records, decoded as an import sees them."""
    from htx_desktop.storage.database import open_database

    db = open_database(tmp_path_factory.mktemp("checks") / "htx.sqlite3")
    try:
        with db.session() as s:
            fill_demo(s, COMMUNE, seed=3)
        with db.sessions() as s:
            return decode_records(json.loads(json.dumps(dump_records(s, [COMMUNE]))))
    finally:
        db.close()


def test_every_demo_record_passes_its_form(demo_rows):
    ctx = ValidationContext(communes={COMMUNE})
    for table, form in default_forms().items():
        assert demo_rows[table], table
        assert first_invalid(form, demo_rows[table], ctx) is None, table


ODD = [None, "", "  ", "x" * 400, "nu", "khac", "2025-H1", "2025-H3", "4300123456", "abc",
       -1, 0, 5, 10**9, True, Decimal("12.345"), Decimal("-5.00"), Decimal("100.00"),
       date(1900, 1, 1), date(2024, 5, 1), date(2999, 1, 1), [], ["xyz"], ["ky_thuat"],
       # Half-years in the future, padded, or with another script's digits (which sort after
       # every ASCII digit), names and codes with space to clean, decomposed letters.
       "2099-H1", " 2099-H1", " 2024-H1", "2024-H1 ", "20\u0662\u0664-H1", "43001234\u0665\u0666",
       "Hợp  tác", " Tổ", "Tổ\tA", "To\u0302\u0309"]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_many_records_are_judged_as_validate_judges_each(demo_rows, data):
    table = data.draw(st.sampled_from(sorted(default_forms())))
    form = default_forms()[table]
    row = copy.deepcopy(data.draw(st.sampled_from(demo_rows[table])))
    for key in data.draw(st.lists(st.sampled_from([f.key for f in form.fields]), max_size=3)):
        row[key] = data.draw(st.sampled_from(ODD))
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    expected = validate(form, row, ctx)
    found = first_invalid(form, [row], ctx)
    if expected.ok:
        assert found is None
    else:
        assert found is not None and found[1] == expected.errors


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_whole_table_with_damaged_records_is_judged_as_validate_judges_each(demo_rows, data):
    """The column-wise check of a whole table (`first_invalid`'s fast path) lets a table pass
    only when every record would, and otherwise the first record `validate` refuses is named."""
    table = data.draw(st.sampled_from(sorted(default_forms())))
    form = default_forms()[table]
    rows = copy.deepcopy(demo_rows[table])
    keys = [f.key for f in form.fields] + sorted({k for r in form.rules for k in r.fields})
    for _ in range(data.draw(st.integers(0, 3))):
        row = rows[data.draw(st.integers(0, len(rows) - 1))]
        row[data.draw(st.sampled_from(keys))] = data.draw(st.sampled_from(ODD))
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    refused = [(row, result.errors) for row in rows if not (result := validate(form, row, ctx)).ok]
    found = first_invalid(form, rows, ctx)
    if not refused:
        assert found is None
    else:
        assert found is not None and found[0] is refused[0][0] and found[1] == refused[0][1]
    # A bundle's table is checked from the decoder's columns: the same judgement.
    columns = {key: [row.get(key) for row in rows] for row in rows for key in row}
    by_columns = first_invalid(form, rows, ctx, columns)
    assert (by_columns is None) == (found is None)
    if found is not None:
        assert by_columns[0] is found[0] and by_columns[1] == found[1]


def period_row(demo_rows, period):
    row = copy.deepcopy(demo_rows["period_figures"][0])
    row["period"] = period
    return row


def test_a_future_half_year_is_not_hidden_behind_a_period_in_other_digits(demo_rows):
    """Arabic-Indic digits sort after 9: "20٢٤-H1" once hid "2099-H1" from the quick check of
    a whole column. The forms read their digit patterns as 0-9 only, so it is no half-year."""
    form = default_forms()["period_figures"]
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    other_digits = period_row(demo_rows, "20\u0662\u0664-H1")
    future = period_row(demo_rows, "2099-H1")
    assert not validate(form, other_digits, ctx).ok
    found = first_invalid(form, [future, other_digits], ctx)
    assert found is not None and found[0] is future


def test_a_padded_half_year_is_judged_as_the_form_judges_it(demo_rows):
    """" 2099-H1" is the future half-year once cleaned; beside "2024-H1" it sorted first."""
    form = default_forms()["period_figures"]
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    padded_future = period_row(demo_rows, " 2099-H1")
    found = first_invalid(form, [padded_future, period_row(demo_rows, "2024-H1")], ctx)
    assert found is not None and found[0] is padded_future
    assert "period" in found[1]


def test_a_bundle_must_spell_its_codes_as_stored(demo_rows):
    """The entry form cleans " 2024-H1" to "2024-H1"; a bundle carrying it padded would store
    a second half-year beside the real one, so an import refuses it and says why."""
    form = default_forms()["period_figures"]
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    padded = period_row(demo_rows, " 2024-H1")
    assert validate(form, padded, ctx).ok
    assert first_invalid(form, [padded], ctx) is None
    found = first_invalid(form, [padded], ctx, canonical=True)
    assert found is not None and "dạng chuẩn" in found[1]["period"]
    assert first_invalid(form, demo_rows["period_figures"], ctx, canonical=True) is None


def test_a_bundle_must_name_choices_by_their_stored_keys(demo_rows):
    """The entry form takes a status by its label and stores its key; a bundle carrying the
    label ("Đang hoạt động") would be missed by every count of the key, so an import refuses it."""
    form = default_forms()["cooperative"]
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    row = copy.deepcopy(demo_rows["cooperative"][0])
    status = form.field("status")
    label = next(c for c in status.choices if c.key == row["status"]).vi
    labelled = {**row, "status": label}
    assert validate(form, labelled, ctx).ok
    found = first_invalid(form, [labelled], ctx, canonical=True)
    assert found is not None and "status" in found[1]
    assert first_invalid(form, [row], ctx, canonical=True) is None


def test_a_bundle_must_list_a_sessions_topics_in_the_forms_order(demo_rows):
    """The entry form stores a session's topics in the order of its choices; topics listed
    otherwise (or twice) would count apart from the same topics in order, so an import refuses
    them and names them by their labels, not by the program's keys."""
    form = default_forms()["training_session"]
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    row = copy.deepcopy(demo_rows["training_session"][0])
    in_order = {**row, "topics": ["phap_luat", "tuyen_truyen"]}
    for shuffled in (["tuyen_truyen", "phap_luat"], ["phap_luat", "phap_luat", "tuyen_truyen"]):
        found = first_invalid(form, [{**row, "topics": shuffled}], ctx, canonical=True)
        assert found is not None, shuffled
        message = found[1]["topics"]
        assert "Pháp luật, chính sách" in message and "thứ tự" in message
        assert "phap_luat" not in message
    assert first_invalid(form, [in_order], ctx, canonical=True) is None


#: For each rule that ties two fields of a record, an edit of a clean record that breaks it.
BROKEN_RULES = {
    "union support year without the Union's support": (
        "cooperative", {"union_supported": False, "union_support_year": 2024}),
    "a group's support year without the Union's support": (
        "cooperative_group", {"union_supported": False, "union_support_year": 2024}),
    "OCOP stars without an OCOP product": (
        "cooperative", {"ocop_products": None, "ocop_stars": 3}),
    "newly founded without a founding date": (
        "cooperative", {"newly_founded": True, "established_on": None}),
    "newly founded before the plan began": (
        "cooperative", {"newly_founded": True, "established_on": date(2020, 5, 1)}),
    "a cooperative's director in a cooperative group": (
        "manager", {"cooperative_id": None, "group_id": "b1e8c0de-0000-4000-8000-000000000001",
                    "role": "giam_doc"}),
}


@pytest.mark.parametrize("story", sorted(BROKEN_RULES))
def test_a_record_breaking_a_rule_between_its_fields_is_named_among_many(demo_rows, story):
    """Among a table of clean records, the one record that breaks a rule tying two of its
    fields is named with the form's message, whether the records or the decoder's columns
    are read, and only the form's own validation decides that."""
    table, edit = BROKEN_RULES[story]
    form = default_forms()[table]
    rows = copy.deepcopy(demo_rows[table])
    rows[len(rows) // 2] = broken = {**rows[len(rows) // 2], **edit}
    ctx = ValidationContext(communes={COMMUNE}, today=date(2026, 1, 15))
    expected = validate(form, broken, ctx).errors
    assert expected, story
    columns = {key: [row.get(key) for row in rows] for key in rows[0]}
    for known in (None, columns):
        found = first_invalid(form, rows, ctx, known)
        assert found is not None and found[0] is broken and found[1] == expected, story
    rows[len(rows) // 2] = demo_rows[table][len(rows) // 2]
    assert first_invalid(form, rows, ctx, {k: [r.get(k) for r in rows] for k in rows[0]}) is None


UNSAFE_CHARS = [chr(c) for low, high in UNSAFE_RANGES for c in range(low, high + 1)]


def test_no_unsafe_character_is_printable_so_printable_text_needs_no_search():
    assert not [c for c in UNSAFE_CHARS if c.isprintable()]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(UNSAFE_CHARS) | st.characters() | st.sampled_from("aĐ ế\u00a0\t\n~"),
        max_size=30,
    ),
    st.booleans(),
)
def test_the_quick_unsafe_test_answers_as_the_search_does(chars, multiline):
    """`has_unsafe` (ASCII by its bytes, printable text at once) says what searching the text
    with the one classification says, for any text, in one-line fields and in long notes."""
    value = "".join(chars)
    assert has_unsafe(value, multiline) == (unsafe_pattern(multiline).search(value) is not None)
    for char in UNSAFE_CHARS:
        if multiline and char in "\t\n":
            continue
        assert has_unsafe(value + char, multiline)
        assert has_unsafe("Nguyễn" * (len(value) % 2) + char + "a", multiline)
