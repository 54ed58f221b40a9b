"""Validation of one record against its form spec.

Values arrive from many places (typed in the GUI, read from Excel, given on the command line),
so each field's value is parsed leniently (Vietnamese number and date formats) and then held to
the spec. Messages say what is wrong and what to type instead, in Vietnamese first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from itertools import chain
from operator import attrgetter, gt, is_, is_not, lt, methodcaller
from typing import Any

from htx_desktop.registry.forms import FieldSpec, FormSpec, RuleSpec
from htx_desktop.text import clean_multiline, clean_text, first_unsafe, nfc, unsafe_pattern

_TRUE = {"1", "true", "có", "co", "x", "yes", "đúng", "dung", "c"}
_FALSE = {"0", "false", "không", "khong", "no", "sai", "k", ""}
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


@dataclass
class ValidationContext:
    """What validation needs to know beyond the values: allowed dynamic choices, today."""

    communes: Collection[str] | None = None
    today: date | None = None
    lang: str = "vi"

    def now(self) -> date:
        return self.today or date.today()


@dataclass
class ValidationResult:
    cleaned: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class ValidationFailed(ValueError):
    """Raised by services when a record does not pass validation."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def _msg(ctx: ValidationContext, vi: str, en: str) -> str:
    return en if ctx.lang == "en" else vi


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def parse_vn_number(text: str, integer: bool) -> Decimal:
    """'1.234' -> 1234, '1.234,5' -> 1234.5, '12,5' -> 12.5, '1234.5' -> 1234.5."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        raise InvalidOperation
    if "," in s and "." in s:
        s = (
            s.replace(".", "").replace(",", ".")
            if s.rfind(",") > s.rfind(".")
            else s.replace(",", "")
        )
    elif "," in s:
        parts = s.split(",")
        s = (
            s.replace(",", "")
            if len(parts) > 2 or (integer and len(parts[-1]) == 3)
            else s.replace(",", ".")
        )
    elif s.count(".") > 1 or (integer and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s)):
        s = s.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):
        raise InvalidOperation
    return Decimal(s)


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def resolve_bound(bound: Any, ftype: str, today: date) -> Any:
    """Turn "today+365", "this_year-15" or an ISO date in a spec into a comparable value."""
    if not isinstance(bound, str):
        return Decimal(str(bound)) if ftype == "decimal" else bound
    m = re.fullmatch(r"(today|this_year)([+-]\d+)?", bound)
    if m:
        offset = int(m.group(2) or 0)
        if m.group(1) == "today":
            return today + timedelta(days=offset)
        return today.year + offset
    return date.fromisoformat(bound)


def _fmt_bound(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return str(value)
    return f"{value}".replace(".", ",")


def _check_range(spec: FieldSpec, value: Any, ctx: ValidationContext) -> str | None:
    low = resolve_bound(spec.min, spec.type, ctx.now()) if spec.min is not None else None
    high = resolve_bound(spec.max, spec.type, ctx.now()) if spec.max is not None else None
    if low is not None and value < low:
        if high is not None:
            return _msg(
                ctx,
                f"Phải từ {_fmt_bound(low)} đến {_fmt_bound(high)}.",
                f"Must be between {low} and {high}.",
            )
        return _msg(ctx, f"Không được nhỏ hơn {_fmt_bound(low)}.", f"Cannot be less than {low}.")
    if high is not None and value > high:
        if low is not None:
            return _msg(
                ctx,
                f"Phải từ {_fmt_bound(low)} đến {_fmt_bound(high)}.",
                f"Must be between {low} and {high}.",
            )
        return _msg(ctx, f"Không được lớn hơn {_fmt_bound(high)}.", f"Cannot be more than {high}.")
    return None


def clean_field(spec: FieldSpec, raw: Any, ctx: ValidationContext) -> tuple[Any, str | None]:
    """Parse and check one value; returns (clean value, error message or None)."""
    if is_blank(raw):
        if spec.type == "boolean":
            return False, None
        if spec.type == "multi_choice":
            if spec.required:
                return [], _msg(ctx, "Hãy chọn ít nhất một mục.", "Choose at least one.")
            return [], None
        if spec.required:
            return None, _msg(ctx, "Trường này bắt buộc phải nhập.", "This field is required.")
        return None, None
    kind = spec.type
    if kind == "text":
        if not isinstance(raw, str | int):
            return None, _msg(ctx, "Hãy nhập chữ.", "Enter text.")
        value = clean_text(str(raw)) if not spec.multiline else clean_multiline(str(raw))
        if spec.max_length is not None and value is not None and len(value) > spec.max_length:
            return value, _msg(
                ctx,
                f"Dài quá {spec.max_length} ký tự.",
                f"Longer than {spec.max_length} characters.",
            )
        if spec.pattern and value is not None and not re.fullmatch(spec.pattern, value):
            vi = spec.pattern_message_vi or "Giá trị không đúng định dạng."
            en = spec.pattern_message_en or "Wrong format."
            return value, _msg(ctx, vi, en)
        return value, None
    if kind in ("integer", "decimal"):
        try:
            if isinstance(raw, bool):
                raise InvalidOperation
            if isinstance(raw, int | Decimal):
                number = Decimal(raw)
            elif isinstance(raw, float):
                number = Decimal(repr(raw))
            else:
                number = parse_vn_number(nfc(str(raw)), integer=kind == "integer")
        except (InvalidOperation, ValueError):
            return None, _msg(
                ctx, "Hãy nhập một số, ví dụ 1.234 hoặc 12,5.", "Enter a number, e.g. 1234 or 12.5."
            )
        if not number.is_finite():
            return None, _msg(ctx, "Hãy nhập một số hợp lệ.", "Enter a valid number.")
        if kind == "integer":
            if number != number.to_integral_value():
                return None, _msg(
                    ctx, "Hãy nhập số nguyên (không có phần lẻ).", "Enter a whole number."
                )
            value: Any = int(number)
        else:
            places = spec.decimals if spec.decimals is not None else 2
            # Trailing zeros are not places she wrote: 1680.000 (a Numeric read back) is fine.
            if -number.normalize().as_tuple().exponent > places:  # type: ignore[operator]
                return None, _msg(
                    ctx,
                    f"Chỉ ghi tối đa {places} chữ số sau dấu phẩy.",
                    f"At most {places} decimal places.",
                )
            value = number
        return value, _check_range(spec, value, ctx)
    if kind == "date":
        try:
            value = parse_date(raw)
        except (ValueError, TypeError):
            return None, _msg(
                ctx,
                "Ngày không hợp lệ; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026.",
                "Invalid date; use day/month/year, e.g. 05/01/2026.",
            )
        return value, _check_range(spec, value, ctx)
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw, None
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw), None
        text = nfc(str(raw)).strip().casefold()
        if text in _TRUE:
            return True, None
        if text in _FALSE:
            return False, None
        return None, _msg(ctx, "Hãy chọn Có hoặc Không.", "Choose yes or no.")
    if kind == "choice":
        key = nfc(str(raw)).strip()
        allowed = _allowed(spec, ctx)
        if allowed is not None and key not in allowed:
            key = _key_from_label(spec, key) or key
            if key not in allowed:
                return None, _msg(
                    ctx, "Hãy chọn một giá trị trong danh sách.", "Choose a value from the list."
                )
        return key, None
    if kind == "multi_choice":
        items = raw if isinstance(raw, list | tuple | set) else re.split(r"[;,]", str(raw))
        keys: list[str] = []
        allowed = _allowed(spec, ctx)
        for item in items:
            key = nfc(str(item)).strip()
            if not key:
                continue
            if allowed is not None and key not in allowed:
                key = _key_from_label(spec, key) or key
                if key not in allowed:
                    return None, _msg(
                        ctx,
                        f"“{key}” không có trong danh sách lựa chọn.",
                        f"“{key}” is not one of the choices.",
                    )
            if key not in keys:
                keys.append(key)
        if spec.required and not keys:
            return [], _msg(ctx, "Hãy chọn ít nhất một mục.", "Choose at least one.")
        order = [c.key for c in spec.choices]
        keys.sort(key=lambda k: order.index(k) if k in order else len(order))
        return keys, None
    raise AssertionError(f"unknown field type {kind}")


def _allowed(spec: FieldSpec, ctx: ValidationContext) -> Collection[str] | None:
    if spec.choices_from == "communes":
        return ctx.communes
    return {c.key for c in spec.choices}


def _key_from_label(spec: FieldSpec, text: str) -> str | None:
    from htx_desktop.text import fold

    wanted = fold(text)
    for choice in spec.choices:
        if wanted in (fold(choice.vi), fold(choice.en)):
            return choice.key
    return None


def _apply_rule(
    rule: RuleSpec, form: FormSpec, values: Mapping[str, Any], ctx: ValidationContext
) -> str | None:
    """Returns the field to blame when the rule fails, else None."""
    v = values.get(rule.field)
    if rule.kind in ("not_greater", "not_before"):
        other = values.get(rule.than or "")
        if v is None or other is None:
            return None
        broken = v > other if rule.kind == "not_greater" else v < other
        return rule.field if broken else None
    if rule.kind == "requires":
        if not is_blank(v) and v is not False and is_blank(values.get(rule.other or "")):
            return rule.field
        if v is not None and v is not False and values.get(rule.other or "") is False:
            return rule.field
        return None
    if rule.kind == "must_be_true":
        return rule.field if v is not True else None
    if rule.kind == "one_of":
        present = [f for f in rule.fields if not is_blank(values.get(f))]
        return rule.field if len(present) != 1 else None
    if rule.kind == "date_from":
        if rule.when and values.get(rule.when) is not True:
            return None
        if v is not None and v < date.fromisoformat(rule.min or "1900-01-01"):
            return rule.field
        return None
    if rule.kind == "choice_fits_parent":
        parent = (
            "cooperative"
            if values.get("cooperative_id")
            else ("cooperative_group" if values.get("group_id") else None)
        )
        if parent is None or v is None:
            return None
        spec = form.field(rule.field)
        for choice in spec.choices:
            if choice.key == v and choice.parent not in (None, parent):
                return rule.field
        return None
    raise AssertionError(f"unknown rule {rule.kind}")


def validate(
    form: FormSpec, values: Mapping[str, Any], ctx: ValidationContext | None = None
) -> ValidationResult:
    """Clean every field of the form, then apply the cross-field rules.

    Keys that are not form fields (links such as ``cooperative_id``) pass through unchanged so
    that rules can see them. A field gets at most one message: its own error first.
    """
    ctx = ctx or ValidationContext()
    result = ValidationResult()
    field_keys = {f.key for f in form.fields}
    for key, raw in values.items():
        if key not in field_keys:
            result.cleaned[key] = raw
    for spec in form.fields:
        raw = values.get(spec.key, spec.default if spec.key not in values else None)
        value, error = clean_field(spec, raw, ctx)
        result.cleaned[spec.key] = value
        if error:
            result.errors[spec.key] = error
    for rule in form.rules:
        if rule.field in result.errors:
            continue
        involved = {rule.field, rule.other, rule.than, rule.when} - {None}
        if involved & set(result.errors):
            continue
        blamed = _apply_rule(rule, form, result.cleaned, ctx)
        if blamed is not None:
            result.errors[blamed] = rule.message(ctx.lang)
    return result


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
    allowed = _allowed(spec, ctx)

    def present(value: Any) -> bool:
        if kind == "text":
            # Cleaning only removes (unsafe characters: then let `validate` decide) and
            # collapses whitespace, so the raw length bounds the cleaned one.
            if type(value) is not str or first_unsafe(value, spec.multiline) is not None:
                return False
            if spec.max_length is not None and len(value) > spec.max_length:
                return False
            return not spec.pattern or re.fullmatch(spec.pattern, clean(value) or "") is not None
        if kind == "integer":
            return type(value) is int and in_range(value)
        if kind == "decimal":
            places = spec.decimals if spec.decimals is not None else 2
            return (
                type(value) is Decimal
                and value.is_finite()
                and -value.as_tuple().exponent <= places  # type: ignore[operator]
                and in_range(value)
            )
        if kind == "date":
            return type(value) is date and in_range(value)
        if kind == "boolean":
            return type(value) is bool
        if kind == "choice":
            return type(value) is str and (allowed is None or value in allowed)
        if kind == "multi_choice":
            return type(value) is list and all(
                type(v) is str and (allowed is None or v in allowed) for v in value
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
    form: FormSpec, rows: Iterable[Mapping[str, Any]], ctx: ValidationContext | None = None
) -> tuple[Mapping[str, Any], dict[str, str]] | None:
    """The first of many typed records (values as stored: int, Decimal, date...) that the form
    refuses, with `validate`'s errors; None when every record passes.

    The same decision as `validate` on each record, made faster for the common case (a bundle
    carries thousands): a record whose every field is already clean is held to the rules
    directly, any other goes through `validate` itself."""
    ctx = ctx or ValidationContext()
    rows = rows if isinstance(rows, list) else list(rows)
    if _columns_clean(form, rows, ctx):
        return None
    checks = [(spec.key, _already_clean(spec, ctx)) for spec in form.fields]
    for row in rows:
        get = row.get
        if all(check(get(key)) for key, check in checks) and not any(
            _apply_rule(rule, form, row, ctx) for rule in form.rules
        ):
            continue
        result = validate(form, row, ctx)
        if result.errors:
            return row, result.errors
    return None


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
                map(attrgetter("exponent"), map(Decimal.as_tuple, present))
            ) < -places:
                raise _Unsure
        in_range = _bounds(spec, ctx)
        if not (in_range(min(present)) and in_range(max(present))):
            raise _Unsure
    elif kind in ("text", "choice"):
        if not all(map(str.strip, present)):  # a blank text: `validate` makes it None
            raise _Unsure
        if kind == "choice":
            allowed = _allowed(spec, ctx)
            if allowed is not None and not set(present) <= set(allowed):
                raise _Unsure
            return
        # Character classes: joining cannot make a match that no single value has.
        if unsafe_pattern(spec.multiline).search("".join(present)):
            raise _Unsure
        if spec.max_length is not None and max(map(len, present)) > spec.max_length:
            raise _Unsure
        if spec.pattern:
            clean = clean_multiline if spec.multiline else clean_text
            fits = _compiled(spec.pattern).fullmatch
            if not all(fits(clean(v) or "") for v in present):
                raise _Unsure
    elif kind == "multi_choice":
        if spec.required and not all(present):
            raise _Unsure
        items = list(chain.from_iterable(present))
        if not set(map(type, items)) <= {str}:
            raise _Unsure
        allowed = _allowed(spec, ctx)
        if allowed is not None and not set(items) <= set(allowed):
            raise _Unsure


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _column_rule(
    rule: RuleSpec, form: FormSpec, rows: list[Mapping[str, Any]],
    column: Callable[[str], list[Any]], ctx: ValidationContext,
) -> None:
    """Raises `_Unsure` unless `_apply_rule` passes every record (the records' fields already
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
    if any(_apply_rule(rule, form, row, ctx) for row in rows):
        raise _Unsure


def _columns_clean(form: FormSpec, rows: list[Mapping[str, Any]], ctx: ValidationContext) -> bool:
    """True only when every record is already clean and passes the rules, which is what
    `first_invalid`'s record-by-record loop would find; False when unsure (that loop then
    decides, and names the record). A bundle's thousands of records and fifteen fields made a
    Python call per value the largest part of its verification."""
    if not rows or not all(isinstance(row, dict) for row in rows):
        return False
    columns: dict[str, list[Any]] = {}

    def column(key: str) -> list[Any]:
        if key not in columns:
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
