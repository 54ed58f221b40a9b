"""Form specs loaded from `forms/*.toml`.

The specs are the single description of each record type: they drive validation now and the
entry forms, Excel columns and printed lists later. A bad spec must stop the application at
start with a message naming the file and the field, never surface later as a wrong form.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from htx_desktop.paths import forms_dir

FIELD_TYPES = ("text", "integer", "decimal", "date", "choice", "multi_choice", "boolean")
RULE_KINDS = (
    "not_greater",
    "not_before",
    "requires",
    "must_be_true",
    "one_of",
    "date_from",
    "choice_fits_parent",
    "not_more_than_sum",
    "half_year_not_future",
)
DYNAMIC_CHOICES = ("communes",)
#: Lists a text field is picked from in the entry form (the value stays the text): the
#: half-years one may enter figures for, the managers of the group being edited.
PICK_LISTS = ("half_years", "group_managers")

_FORM_KEYS = {"key", "model", "title_vi", "title_en", "list_columns"}
_SECTION_KEYS = {"key", "label_vi", "label_en"}
_FIELD_KEYS = {
    "key",
    "section",
    "type",
    "label_vi",
    "label_en",
    "required",
    "min",
    "max",
    "max_length",
    "pattern",
    "pattern_message_vi",
    "pattern_message_en",
    "choices",
    "choices_from",
    "choices_like",
    "help_vi",
    "help_en",
    "default",
    "multiline",
    "decimals",
    "personal",
    "sensitive",
    "pick_from",
}
_CHOICE_KEYS = {"key", "vi", "en", "parent"}
_RULE_KEYS = {"kind", "field", "fields", "other", "than", "when", "min", "message_vi", "message_en"}
_BOUND_RE = re.compile(r"^(today|this_year)([+-]\d+)?$|^\d{4}-\d{2}-\d{2}$")


class FormSpecError(ValueError):
    """A form file that cannot be used; the message names the file and the place."""


@dataclass(frozen=True)
class Choice:
    key: str
    vi: str
    en: str
    parent: str | None = None

    def label(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class Section:
    key: str
    label_vi: str
    label_en: str

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class FieldSpec:
    key: str
    section: str
    type: str
    label_vi: str
    label_en: str
    required: bool = False
    min: int | float | str | None = None
    max: int | float | str | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_message_vi: str | None = None
    pattern_message_en: str | None = None
    choices: tuple[Choice, ...] = ()
    choices_from: str | None = None
    help_vi: str | None = None
    help_en: str | None = None
    default: Any = None
    multiline: bool = False
    decimals: int | None = None
    personal: bool = False
    sensitive: bool = False
    pick_from: str | None = None

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi

    def help(self, lang: str = "vi") -> str | None:
        return self.help_en if lang == "en" else self.help_vi

    def choice_label(self, key: str | None, lang: str = "vi") -> str:
        for choice in self.choices:
            if choice.key == key:
                return choice.label(lang)
        return key or ""


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    field: str
    message_vi: str
    message_en: str
    other: str | None = None
    than: str | None = None
    when: str | None = None
    min: str | None = None
    fields: tuple[str, ...] = ()

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass(frozen=True)
class FormSpec:
    key: str
    model: str
    title_vi: str
    title_en: str
    sections: tuple[Section, ...]
    fields: tuple[FieldSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    list_columns: tuple[str, ...] = ()
    source: Path | None = field(default=None, compare=False)

    def title(self, lang: str = "vi") -> str:
        return self.title_en if lang == "en" else self.title_vi

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def fields_in(self, section: str) -> list[FieldSpec]:
        return [f for f in self.fields if f.section == section]


def _fail(path: Path, where: str, message: str) -> FormSpecError:
    return FormSpecError(f"Tệp biểu mẫu {path.name}, {where}: {message}")


def _check_keys(path: Path, where: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _fail(path, where, f"khóa không hợp lệ {unknown}")


def _need_str(path: Path, where: str, table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"thiếu “{key}” (chuỗi không rỗng)")
    return value


def _parse_choices(path: Path, where: str, raw: Any) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise _fail(path, where, "“choices” phải là danh sách không rỗng")
    choices: list[Choice] = []
    for i, item in enumerate(raw):
        cw = f"{where}, lựa chọn {i + 1}"
        if not isinstance(item, dict):
            raise _fail(path, cw, "mỗi lựa chọn phải là bảng {key, vi, en}")
        _check_keys(path, cw, item, _CHOICE_KEYS)
        choices.append(
            Choice(
                key=_need_str(path, cw, item, "key"),
                vi=_need_str(path, cw, item, "vi"),
                en=_need_str(path, cw, item, "en"),
                parent=item.get("parent"),
            )
        )
    keys = [c.key for c in choices]
    if len(set(keys)) != len(keys):
        raise _fail(path, where, "khóa lựa chọn bị trùng")
    return tuple(choices)


def _check_bound(path: Path, where: str, ftype: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        raise _fail(path, where, "giới hạn không được là true/false")
    if ftype in ("integer", "decimal"):
        if isinstance(value, int | float):
            return
        if isinstance(value, str) and value.startswith("this_year") and _BOUND_RE.match(value):
            return
    elif ftype == "date" and isinstance(value, str) and _BOUND_RE.match(value):
        if not value.startswith("this_year"):
            return
    raise _fail(path, where, f"giới hạn “{value}” không hợp với kiểu {ftype}")


def _parse_field(
    path: Path, index: int, raw: Any, sections: set[str]
) -> tuple[FieldSpec, str | None]:
    where = f"trường thứ {index + 1}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "phải là bảng [[fields]]")
    _check_keys(path, where, raw, _FIELD_KEYS)
    key = _need_str(path, where, raw, "key")
    where = f"trường “{key}”"
    ftype = _need_str(path, where, raw, "type")
    if ftype not in FIELD_TYPES:
        raise _fail(path, where, f"kiểu “{ftype}” không có trong {FIELD_TYPES}")
    section = _need_str(path, where, raw, "section")
    if section not in sections:
        raise _fail(path, where, f"mục “{section}” chưa được khai báo trong [[sections]]")
    for flag in ("required", "multiline", "personal", "sensitive"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise _fail(path, where, f"“{flag}” phải là true hoặc false")
    for num in ("max_length", "decimals"):
        if num in raw and (
            not isinstance(raw[num], int) or isinstance(raw[num], bool) or raw[num] < 0
        ):
            raise _fail(path, where, f"“{num}” phải là số nguyên không âm")
    _check_bound(path, where, ftype, raw.get("min"))
    _check_bound(path, where, ftype, raw.get("max"))
    if ("min" in raw or "max" in raw) and ftype not in ("integer", "decimal", "date"):
        raise _fail(path, where, "chỉ trường số hoặc ngày mới có giới hạn min/max")
    pattern = raw.get("pattern")
    if pattern is not None:
        if ftype != "text":
            raise _fail(path, where, "chỉ trường văn bản mới có “pattern”")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _fail(path, where, f"biểu thức “pattern” sai: {exc}") from exc
    choices: tuple[Choice, ...] = ()
    choices_like = raw.get("choices_like")
    choices_from = raw.get("choices_from")
    if ftype in ("choice", "multi_choice"):
        given = [k for k in ("choices", "choices_from", "choices_like") if k in raw]
        if len(given) != 1:
            raise _fail(path, where, "cần đúng một trong choices, choices_from, choices_like")
        if "choices" in raw:
            choices = _parse_choices(path, where, raw["choices"])
        if choices_from is not None and choices_from not in DYNAMIC_CHOICES:
            raise _fail(path, where, f"“choices_from” phải là một trong {DYNAMIC_CHOICES}")
    elif any(k in raw for k in ("choices", "choices_from", "choices_like")):
        raise _fail(path, where, "chỉ trường lựa chọn mới có danh sách lựa chọn")
    pick_from = raw.get("pick_from")
    if pick_from is not None and (ftype != "text" or pick_from not in PICK_LISTS):
        raise _fail(path, where, f"“pick_from” chỉ dùng cho trường văn bản, một trong {PICK_LISTS}")
    spec = FieldSpec(
        key=key,
        section=section,
        type=ftype,
        label_vi=_need_str(path, where, raw, "label_vi"),
        label_en=_need_str(path, where, raw, "label_en"),
        required=raw.get("required", False),
        min=raw.get("min"),
        max=raw.get("max"),
        max_length=raw.get("max_length"),
        pattern=pattern,
        pattern_message_vi=raw.get("pattern_message_vi"),
        pattern_message_en=raw.get("pattern_message_en"),
        choices=choices,
        choices_from=choices_from,
        help_vi=raw.get("help_vi"),
        help_en=raw.get("help_en"),
        default=raw.get("default"),
        multiline=raw.get("multiline", False),
        decimals=raw.get("decimals"),
        personal=raw.get("personal", False),
        sensitive=raw.get("sensitive", False),
        pick_from=pick_from,
    )
    if spec.default is not None and spec.choices and spec.default not in {c.key for c in choices}:
        raise _fail(path, where, f"giá trị mặc định “{spec.default}” không có trong lựa chọn")
    return spec, choices_like


def _parse_rule(path: Path, index: int, raw: Any, field_keys: set[str]) -> RuleSpec:
    where = f"quy tắc thứ {index + 1}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "phải là bảng [[rules]]")
    _check_keys(path, where, raw, _RULE_KEYS)
    kind = _need_str(path, where, raw, "kind")
    if kind not in RULE_KINDS:
        raise _fail(path, where, f"loại quy tắc “{kind}” không có trong {RULE_KINDS}")
    fkey = _need_str(path, where, raw, "field")
    if fkey not in field_keys:
        raise _fail(path, where, f"trường “{fkey}” không có trong biểu mẫu")
    for ref in ("other", "than", "when"):
        if ref in raw and raw[ref] not in field_keys:
            raise _fail(path, where, f"trường “{raw[ref]}” (ở “{ref}”) không có trong biểu mẫu")
    needs = {"not_greater": "than", "not_before": "than", "requires": "other", "date_from": "min"}
    if kind in needs and needs[kind] not in raw:
        raise _fail(path, where, f"quy tắc “{kind}” cần “{needs[kind]}”")
    fields = raw.get("fields", [])
    if kind == "one_of" and (not isinstance(fields, list) or len(fields) < 2):
        raise _fail(path, where, "quy tắc “one_of” cần “fields” gồm ít nhất hai trường")
    if kind == "not_more_than_sum":
        if not isinstance(fields, list) or not fields:
            raise _fail(path, where, "quy tắc “not_more_than_sum” cần “fields” (các phần của tổng)")
        for ref in fields:
            if ref not in field_keys:
                raise _fail(path, where, f"trường “{ref}” (ở “fields”) không có trong biểu mẫu")
    return RuleSpec(
        kind=kind,
        field=fkey,
        message_vi=_need_str(path, where, raw, "message_vi"),
        message_en=_need_str(path, where, raw, "message_en"),
        other=raw.get("other"),
        than=raw.get("than"),
        when=raw.get("when"),
        min=raw.get("min"),
        fields=tuple(fields),
    )


def parse_form(path: Path) -> tuple[FormSpec, dict[str, str]]:
    """One file; returns the spec and its unresolved `choices_like` references."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FormSpecError(f"Không đọc được tệp biểu mẫu {path.name}: {exc}") from exc
    unknown = sorted(set(data) - {"form", "sections", "fields", "rules"})
    if unknown:
        raise _fail(path, "đầu tệp", f"bảng không hợp lệ {unknown}")
    form = data.get("form")
    if not isinstance(form, dict):
        raise _fail(path, "đầu tệp", "thiếu bảng [form]")
    _check_keys(path, "[form]", form, _FORM_KEYS)
    raw_sections = data.get("sections", [])
    if not isinstance(raw_sections, list) or not raw_sections:
        raise _fail(path, "[[sections]]", "cần ít nhất một mục")
    sections: list[Section] = []
    for i, raw in enumerate(raw_sections):
        where = f"mục thứ {i + 1}"
        if not isinstance(raw, dict):
            raise _fail(path, where, "phải là bảng [[sections]]")
        _check_keys(path, where, raw, _SECTION_KEYS)
        sections.append(
            Section(
                _need_str(path, where, raw, "key"),
                _need_str(path, where, raw, "label_vi"),
                _need_str(path, where, raw, "label_en"),
            )
        )
    section_keys = {s.key for s in sections}
    raw_fields = data.get("fields", [])
    if not isinstance(raw_fields, list) or not raw_fields:
        raise _fail(path, "[[fields]]", "cần ít nhất một trường")
    fields: list[FieldSpec] = []
    likes: dict[str, str] = {}
    for i, raw in enumerate(raw_fields):
        spec, like = _parse_field(path, i, raw, section_keys)
        if any(f.key == spec.key for f in fields):
            raise _fail(path, f"trường “{spec.key}”", "khóa trường bị trùng")
        fields.append(spec)
        if like:
            likes[spec.key] = like
    field_keys = {f.key for f in fields}
    rule_refs = field_keys | _model_only_keys()
    rules = [_parse_rule(path, i, raw, rule_refs) for i, raw in enumerate(data.get("rules", []))]
    list_columns = form.get("list_columns", [])
    if not isinstance(list_columns, list) or any(c not in field_keys for c in list_columns):
        raise _fail(path, "[form]", "“list_columns” phải liệt kê các trường có trong biểu mẫu")
    spec = FormSpec(
        key=_need_str(path, "[form]", form, "key"),
        model=_need_str(path, "[form]", form, "model"),
        title_vi=_need_str(path, "[form]", form, "title_vi"),
        title_en=_need_str(path, "[form]", form, "title_en"),
        sections=tuple(sections),
        fields=tuple(fields),
        rules=tuple(rules),
        list_columns=tuple(list_columns),
        source=path,
    )
    if spec.key != path.stem:
        raise _fail(path, "[form]", f"khóa “{spec.key}” phải trùng tên tệp “{path.stem}”")
    return spec, likes


def _model_only_keys() -> set[str]:
    """Links set by the application, not typed: rules may still refer to them."""
    return {"cooperative_id", "group_id"}


def _resolve_likes(specs: dict[str, FormSpec], likes: dict[str, dict[str, str]]) -> None:
    for form_key, refs in likes.items():
        spec = specs[form_key]
        new_fields = []
        for f in spec.fields:
            ref = refs.get(f.key)
            if ref is None:
                new_fields.append(f)
                continue
            other_form, _, other_field = ref.partition(".")
            try:
                target = specs[other_form].field(other_field)
            except KeyError:
                raise _fail(
                    spec.source or Path(form_key),
                    f"trường “{f.key}”",
                    f"“choices_like” trỏ tới “{ref}” không tồn tại",
                ) from None
            if not target.choices:
                raise _fail(
                    spec.source or Path(form_key),
                    f"trường “{f.key}”",
                    f"“{ref}” không có danh sách lựa chọn cố định",
                )
            new_fields.append(_replace(f, choices=target.choices))
        specs[form_key] = _replace(spec, fields=tuple(new_fields))


def _replace(obj: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(obj, **changes)


def load_forms(directory: Path | None = None) -> dict[str, FormSpec]:
    """Every form in the folder, validated; raises FormSpecError on the first bad spec."""
    folder = directory or forms_dir()
    paths = sorted(folder.glob("*.toml"))
    if not paths:
        raise FormSpecError(f"Không tìm thấy tệp biểu mẫu nào trong {folder}.")
    specs: dict[str, FormSpec] = {}
    likes: dict[str, dict[str, str]] = {}
    for path in paths:
        spec, refs = parse_form(path)
        specs[spec.key] = spec
        likes[spec.key] = refs
    _resolve_likes(specs, likes)
    return specs


@cache
def default_forms() -> dict[str, FormSpec]:
    """The shipped forms, loaded once per process."""
    return load_forms()


def get_form(key: str) -> FormSpec:
    try:
        return default_forms()[key]
    except KeyError:
        raise FormSpecError(f"Không có biểu mẫu “{key}”.") from None
