"""Checking one record against its form spec: each field, then the cross-field rules.

Every field is cleaned and checked, and every rule whose fields are clean is applied, so one
call names all that is wrong at once (a field gets at most one message: its own error first).
Messages say what is wrong and what to type instead, in Vietnamese first, with numbers written
the Vietnamese way (1.234.567 and 12,5).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from htx_desktop.registry.forms import FieldSpec, FormSpec, RuleSpec
from htx_desktop.registry.half_years import is_future, is_half_year
from htx_desktop.registry.value_parsing import (
    FALSE_WORDS,
    TRUE_WORDS,
    format_number,
    is_blank,
    parse_date,
    parse_vn_number,
    resolve_bound,
)
from htx_desktop.text import clean_multiline, clean_text, nfc


@cache
def form_pattern(pattern: str) -> re.Pattern[str]:
    """A form's pattern as every check applies it: ASCII, so that "\\d" means 0-9 as the form
    files mean it (Python's own "\\d" also takes other scripts' digits: "20٢٤-H1" would pass
    as a half-year and sort after every real one)."""
    return re.compile(pattern, re.ASCII)


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


def _check_range(spec: FieldSpec, value: Any, ctx: ValidationContext) -> str | None:
    low = resolve_bound(spec.min, spec.type, ctx.now()) if spec.min is not None else None
    high = resolve_bound(spec.max, spec.type, ctx.now()) if spec.max is not None else None
    too_low = low is not None and value < low
    too_high = high is not None and value > high
    if not (too_low or too_high):
        return None
    low_text, high_text = format_number(spec, low), format_number(spec, high)
    if low is not None and high is not None:
        return _msg(
            ctx,
            f"Phải từ {low_text} đến {high_text}.",
            f"Must be between {low} and {high}.",
        )
    if too_low:
        return _msg(ctx, f"Không được nhỏ hơn {low_text}.", f"Cannot be less than {low}.")
    return _msg(ctx, f"Không được lớn hơn {high_text}.", f"Cannot be more than {high}.")


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
        if spec.pattern and value is not None and not form_pattern(spec.pattern).fullmatch(value):
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
        if text in TRUE_WORDS:
            return True, None
        if text in FALSE_WORDS:
            return False, None
        return None, _msg(ctx, "Hãy chọn Có hoặc Không.", "Choose yes or no.")
    if kind == "choice":
        key = nfc(str(raw)).strip()
        allowed = allowed_keys(spec, ctx)
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
        allowed = allowed_keys(spec, ctx)
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
        return in_form_order(spec, keys), None
    raise AssertionError(f"unknown field type {kind}")


def in_form_order(spec: FieldSpec, keys: list[str]) -> list[str]:
    """A multiple choice as it is stored: each key once, in the order of the form's choices
    (any other key after them, as given), so the same choices are always the same value."""
    rank = {c.key: i for i, c in enumerate(spec.choices)}
    return sorted(dict.fromkeys(keys), key=lambda k: rank.get(k, len(rank)))


def allowed_keys(spec: FieldSpec, ctx: ValidationContext) -> Collection[str] | None:
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


def _sum_of(rule: RuleSpec, values: Mapping[str, Any]) -> Any:
    """The total a "not_more_than_sum" rule compares with; a blank part counts as none."""
    return sum((values.get(f) or 0 for f in rule.fields), 0)


def rule_message(rule: RuleSpec, values: Mapping[str, Any], lang: str = "vi") -> str:
    """The rule's message from the form file, with "{value}" (the blamed field's value) and
    "{total}" (what it was compared with) written the Vietnamese way."""
    text = rule.message(lang)
    if "{" not in text:
        return text
    total = (
        _sum_of(rule, values) if rule.kind == "not_more_than_sum" else values.get(rule.than or "")
    )
    shown = {
        "value": format_number(None, values.get(rule.field)),
        "total": format_number(None, total),
    }
    return text.replace("{value}", shown["value"]).replace("{total}", shown["total"])


# The rules' tests on plain values, shared by `apply_rule` (one record) and the column
# checks of many records (`bulk_checks`).


def requires_broken(value: Any, other: Any) -> bool:
    """A "requires" rule: a value given (neither blank nor False) needs the other field given,
    and a value not None or False needs the other field not False."""
    if not is_blank(value) and value is not False and is_blank(other):
        return True
    return value is not None and value is not False and other is False


def earliest_date(rule: RuleSpec) -> date:
    return date.fromisoformat(rule.min or "1900-01-01")


def linked_parent(cooperative_id: Any, group_id: Any) -> str | None:
    """The table of the organisation a manager or a half-year's figures belong to."""
    if cooperative_id:
        return "cooperative"
    return "cooperative_group" if group_id else None


def choice_misfits(form: FormSpec, rule: RuleSpec, value: Any, parent: str | None) -> bool:
    """A choice made for one kind of organisation given to the other kind."""
    if parent is None or value is None:
        return False
    return any(
        choice.key == value and choice.parent not in (None, parent)
        for choice in form.field(rule.field).choices
    )


def apply_rule(
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
        return rule.field if requires_broken(v, values.get(rule.other or "")) else None
    if rule.kind == "not_more_than_sum":
        return rule.field if v is not None and v > _sum_of(rule, values) else None
    if rule.kind == "half_year_not_future":
        if not is_half_year(v):
            return None
        return rule.field if is_future(str(v), ctx.now()) else None
    if rule.kind == "must_be_true":
        return rule.field if v is not True else None
    if rule.kind == "one_of":
        present = [f for f in rule.fields if not is_blank(values.get(f))]
        return rule.field if len(present) != 1 else None
    if rule.kind == "date_from":
        if rule.when and values.get(rule.when) is not True:
            return None
        return rule.field if v is not None and v < earliest_date(rule) else None
    if rule.kind == "choice_fits_parent":
        parent = linked_parent(values.get("cooperative_id"), values.get("group_id"))
        return rule.field if choice_misfits(form, rule, v, parent) else None
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
        involved = {rule.field, rule.other, rule.than, rule.when, *rule.fields} - {None}
        if involved & set(result.errors):
            continue
        blamed = apply_rule(rule, form, result.cleaned, ctx)
        if blamed is not None:
            result.errors[blamed] = rule_message(rule, result.cleaned, ctx.lang)
    return result


