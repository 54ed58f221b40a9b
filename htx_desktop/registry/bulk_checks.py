"""Checking many typed records at once (a bundle carries thousands), with the same decision
as `record_checks.validate` on each.

Most records of a bundle are already clean, so each column is first checked as a whole with the
loops inside C built-ins; only when that cannot vouch for every record are they checked one by
one, and the first refused record is named with all of its errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import partial
from itertools import chain
from operator import attrgetter, gt, is_, is_not, lt, methodcaller
from typing import Any

from htx_desktop.registry.forms import FieldSpec, FormSpec, RuleSpec
from htx_desktop.registry.half_years import is_future, is_half_year
from htx_desktop.registry.record_checks import (
    ValidationContext,
    allowed_keys,
    apply_rule,
    choice_misfits,
    earliest_date,
    form_pattern,
    in_form_order,
    linked_parent,
    requires_broken,
    validate,
)
from htx_desktop.registry.value_parsing import resolve_bound
from htx_desktop.text import (
    clean_multiline,
    clean_text,
    first_unsafe,
    has_unsafe,
    visible,
)

Check = Callable[[Any], bool]


def _bounds(spec: FieldSpec, ctx: ValidationContext) -> Check:
    low = resolve_bound(spec.min, spec.type, ctx.now()) if spec.min is not None else None
    high = resolve_bound(spec.max, spec.type, ctx.now()) if spec.max is not None else None
    if low is None and high is None:
        return lambda value: True
    if high is None:
        return lambda value: value >= low
    if low is None:
        return lambda value: value <= high
    return lambda value: low <= value <= high


def _already_clean(spec: FieldSpec, ctx: ValidationContext) -> Check:
    """A test that is True only for values `clean_field` takes unchanged and without error
    (False sends the record through `validate`, which decides and names the problem)."""
    kind = spec.type
    in_range = _bounds(spec, ctx)
    clean = clean_multiline if spec.multiline else clean_text
    allowed = allowed_keys(spec, ctx)

    def present(value: Any) -> bool:
        if kind == "text":
            # Cleaning only removes (unsafe characters: then let `validate` decide) and
            # collapses whitespace, so the raw length bounds the cleaned one.
            if type(value) is not str or first_unsafe(value, spec.multiline) is not None:
                return False
            if spec.max_length is not None and len(value) > spec.max_length:
                return False
            if clean(value) != value:  # the rules must see what `validate` would clean it to
                return False
            return not spec.pattern or form_pattern(spec.pattern).fullmatch(value) is not None
        if kind == "integer":
            return type(value) is int and in_range(value)
        if kind == "decimal":
            places = spec.decimals if spec.decimals is not None else 2
            return (
                type(value) is Decimal
                and value.is_finite()
                and -value.normalize().as_tuple().exponent <= places  # type: ignore[operator]
                and in_range(value)
            )
        if kind == "date":
            return type(value) is date and in_range(value)
        if kind == "boolean":
            return type(value) is bool
        if kind == "choice":
            return type(value) is str and (allowed is None or value in allowed)
        if kind == "multi_choice":
            return (
                type(value) is list
                and all(type(v) is str and (allowed is None or v in allowed) for v in value)
                and in_form_order(spec, value) == value
            )
        return False

    none_ok = not spec.required and kind not in ("boolean", "multi_choice")

    def check(value: Any) -> bool:
        # Blank values clean to None ([] for a multiple choice); the rules must see those.
        if value is None:
            return none_ok
        if value == [] and kind == "multi_choice":
            return not spec.required
        if type(value) is str and not value.strip():
            return False
        return present(value)

    return check


def first_invalid(
    form: FormSpec,
    rows: Iterable[Mapping[str, Any]],
    ctx: ValidationContext | None = None,
    columns: Mapping[str, list[Any]] | None = None,
    canonical: bool = False,
) -> tuple[Mapping[str, Any], dict[str, str]] | None:
    """The first of many typed records (values as stored: int, Decimal, date...) that the form
    refuses, with `validate`'s errors; None when every record passes.

    The same decision as `validate` on each record, made faster for the common case (a bundle
    carries thousands): a record whose every field is already clean is held to the rules
    directly, any other goes through `validate` itself. `columns`, when the caller has them,
    are the rows' values by key, in the rows' order (the decoder's own, not copied again).

    `canonical` (records from a bundle, written by an exporter from stored values): a code
    the form spells by a pattern (half-year, registration code, phone) or a choice's key must
    also be stored as `validate` would clean it; " 2025-H1" passes the form but would be
    kept beside "2025-H1" as another half-year, and a status written as its label
    ("Operating") would be missed by every count of the key."""
    ctx = ctx or ValidationContext()
    rows = rows if isinstance(rows, Sequence) else list(rows)
    if _columns_clean(form, rows, ctx, columns or {}):
        return None
    checks = [(spec.key, _already_clean(spec, ctx)) for spec in form.fields]
    for row in rows:
        get = row.get
        if all(check(get(key)) for key, check in checks) and not any(
            apply_rule(rule, form, row, ctx) for rule in form.rules
        ):
            continue
        result = validate(form, row, ctx)
        if result.errors:
            return row, result.errors
        if canonical:
            spelled = _respelled_codes(form, row, result.cleaned)
            if spelled:
                return row, spelled
    return None


def _respelled_codes(
    form: FormSpec, row: Mapping[str, Any], cleaned: Mapping[str, Any]
) -> dict[str, str]:
    return {
        spec.key: (
            _choices_out_of_order(spec, row[spec.key]) if spec.type == "multi_choice" else
            f"“{visible(str(row[spec.key])[:40])}” không ghi theo dạng chuẩn "
            f"“{visible(str(cleaned.get(spec.key))[:40])}” (thừa khoảng trắng hoặc ký tự)."
        )
        for spec in form.fields
        if (spec.pattern or spec.type in ("choice", "multi_choice"))
        and row.get(spec.key) is not None
        and cleaned.get(spec.key) != row.get(spec.key)
    }


def _choices_out_of_order(spec: FieldSpec, keys: Any) -> str:
    """The choices by their labels: the stored keys are the program's, not the officer's."""
    labels = {c.key: c.vi for c in spec.choices}
    named = "; ".join(labels.get(str(k), str(k)) for k in keys) if isinstance(keys, list) else ""
    return (
        f"các lựa chọn “{visible(named[:120])}” không ghi theo thứ tự của biểu mẫu hoặc bị "
        "lặp lại (dữ liệu không được nhập bằng HTX Desktop)."
    )


# --- many records at once -------------------------------------------------------------------

_NONE = type(None)
_KIND_TYPES: dict[str, type] = {
    "text": str, "integer": int, "decimal": Decimal, "date": date, "boolean": bool,
    "choice": str, "multi_choice": list,
}
_not_none = partial(is_not, None)


class _Unsure(Exception):
    """A column the fast check does not vouch for; the record-by-record check decides."""


def _present(values: list[Any], types: set[type]) -> list[Any]:
    return list(filter(_not_none, values)) if _NONE in types else values


def _column_clean(spec: FieldSpec, values: list[Any], ctx: ValidationContext) -> None:
    """Raises `_Unsure` unless `_already_clean(spec, ctx)` holds for every value, decided with
    the loops inside C built-ins (map, filter, set, min, max)."""
    kind = spec.type
    types = set(map(type, values))
    allowed_types = {_KIND_TYPES[kind]}
    if not spec.required and kind not in ("boolean", "multi_choice"):
        allowed_types.add(_NONE)
    if not types <= allowed_types:
        raise _Unsure
    present = _present(values, types)
    if not present:
        return
    if kind in ("integer", "decimal", "date"):
        if kind == "decimal":
            places = spec.decimals if spec.decimals is not None else 2
            if not all(map(Decimal.is_finite, present)) or min(
                map(attrgetter("exponent"), map(Decimal.as_tuple, map(Decimal.normalize, present)))
            ) < -places:
                raise _Unsure
        in_range = _bounds(spec, ctx)
        if not (in_range(min(present)) and in_range(max(present))):
            raise _Unsure
    elif kind in ("text", "choice"):
        if not all(map(str.strip, present)):  # a blank text: `validate` makes it None
            raise _Unsure
        if kind == "choice":
            allowed = allowed_keys(spec, ctx)
            if allowed is not None and not set(present) <= set(allowed):
                raise _Unsure
            return
        # Character classes: joining cannot make a match that no single value has.
        if has_unsafe("".join(present), spec.multiline):
            raise _Unsure
        # Every value as `validate` would clean it (NFC, no space to trim or collapse),
        # tested on the values joined by a NUL, which none of them holds (it is unsafe).
        joined = "\x00".join(present)
        if not unicodedata.is_normalized("NFC", joined) or _space_to_clean(joined, spec.multiline):
            raise _Unsure
        if spec.max_length is not None and max(map(len, present)) > spec.max_length:
            raise _Unsure
        if spec.pattern:
            fits = form_pattern(spec.pattern).fullmatch
            if not all(map(fits, set(present))):  # (periods repeat)
                raise _Unsure
    elif kind == "multi_choice":
        if spec.required and not all(present):
            raise _Unsure
        items = list(chain.from_iterable(present))
        if not set(map(type, items)) <= {str}:
            raise _Unsure
        allowed = allowed_keys(spec, ctx)
        if allowed is not None and not set(items) <= set(allowed):
            raise _Unsure
        if any(in_form_order(spec, value) != value for value in present):
            raise _Unsure  # out of the form's order, or a choice twice: stored otherwise


def _space_to_clean(joined: str, multiline: bool) -> bool:
    """True when a value among `joined` (values joined by NUL) has whitespace that cleaning
    removes: at either end (both kinds), doubled or other than a plain space (one line)."""
    if "\x00 " in joined or " \x00" in joined:
        return True
    if multiline:
        return joined != joined.strip() or _EDGE_SPACE.search(joined) is not None
    return " ".join(joined.split()) != joined


_EDGE_SPACE = re.compile(r"\s\x00|\x00\s")


def _column_rule(
    rule: RuleSpec, form: FormSpec, rows: Sequence[Mapping[str, Any]],
    column: Callable[[str], list[Any]], ctx: ValidationContext,
) -> None:
    """Raises `_Unsure` unless `apply_rule` passes every record (the records' fields already
    passed `_column_clean`); kinds without a column form go record by record."""
    if rule.kind in ("not_greater", "not_before"):
        mine, other = column(rule.field), column(rule.than or "")
        broken = gt if rule.kind == "not_greater" else lt
        if None in mine or None in other:
            pairs = [(a, b) for a, b in zip(mine, other, strict=True)
                     if a is not None and b is not None]
            mine, other = [a for a, _ in pairs], [b for _, b in pairs]
        if any(map(broken, mine, other)):
            raise _Unsure
        return
    if rule.kind == "not_more_than_sum" and not any(
        None in column(key) for key in (rule.field, *rule.fields)
    ):
        totals = map(sum, zip(*(column(key) for key in rule.fields), strict=True))
        if any(map(gt, column(rule.field), totals)):
            raise _Unsure
        return
    if rule.kind == "half_year_not_future":
        # Text order is time order only among half-years spelled exactly ("2025-H1"): the
        # field's own check passed only values that are, but the rule may name another field.
        present = [v for v in column(rule.field) if v is not None]
        if not all(map(is_half_year, present)):
            raise _Unsure
        if present and is_future(max(present), ctx.now()):
            raise _Unsure
        return
    if rule.kind == "must_be_true":
        if not all(map(partial(is_, True), column(rule.field))):
            raise _Unsure
        return
    if rule.kind == "one_of":
        # Counted only when blank means None (no blank text, no empty list in those columns).
        columns = [column(f) for f in rule.fields]
        if not columns:
            raise _Unsure
        for values in columns:
            types = set(map(type, values)) - {_NONE}
            if not types <= {str, int, Decimal, date, bool} or not all(
                map(str.strip, (v for v in values if type(v) is str))
            ):
                raise _Unsure
        counts = map(sum, zip(*(map(_not_none, values) for values in columns), strict=True))
        if set(counts) - {1}:
            raise _Unsure
        return
    if rule.kind == "requires" and rule.other:
        if any(map(requires_broken, column(rule.field), column(rule.other))):
            raise _Unsure
        return
    if rule.kind == "date_from":
        values, earliest = column(rule.field), earliest_date(rule)
        if rule.when:
            values = [v for v, when in zip(values, column(rule.when), strict=True) if when is True]
        if any(v is not None and v < earliest for v in values):
            raise _Unsure
        return
    if rule.kind == "choice_fits_parent":
        parents = map(linked_parent, column("cooperative_id"), column("group_id"))
        for value, parent in set(zip(column(rule.field), parents, strict=True)):
            if choice_misfits(form, rule, value, parent):
                raise _Unsure
        return
    if any(apply_rule(rule, form, row, ctx) for row in rows):
        raise _Unsure


def _columns_clean(
    form: FormSpec,
    rows: Sequence[Mapping[str, Any]],
    ctx: ValidationContext,
    known: Mapping[str, list[Any]],
) -> bool:
    """True only when every record is already clean and passes the rules, which is what
    `first_invalid`'s record-by-record loop would find; False when unsure (that loop then
    decides, and names the record). A bundle's thousands of records and fifteen fields made a
    Python call per value the largest part of its verification."""
    count = len(rows)
    if not count:
        return False
    columns: dict[str, list[Any]] = {
        key: values for key, values in known.items() if len(values) == count
    }

    def column(key: str) -> list[Any]:
        # Known columns are read as they are: the records behind them (a `TableRows` of
        # decoded records) are made only when a column must be taken from them.
        if key not in columns:
            if not all(isinstance(row, dict) for row in rows):
                raise _Unsure
            columns[key] = list(map(methodcaller("get", key), rows))
        return columns[key]

    try:
        for spec in form.fields:
            _column_clean(spec, column(spec.key), ctx)
        for rule in form.rules:
            _column_rule(rule, form, rows, column, ctx)
    except (_Unsure, TypeError, ValueError, ArithmeticError):
        return False
    return True
