"""A province plan's header and targets, loaded from `resources/plans/*.toml`.

Targets are data because every province adopted the national scheme with its own numbers; a
new plan is a new file, not new code. The file is checked strictly on load (a typo in a key
would otherwise silently drop a target from the printed report) and every error names the file
and the key so that whoever edits it can fix it without reading code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from htx_desktop.paths import resources_dir

DEFAULT_PLAN_FILE = "quang-ngai-126-KH-UBND-2023.toml"
#: The scheme itself, for a province with no plan of its own in the application.
NATIONAL_PLAN_FILE = "national-01-QD-TTg-2023.toml"

COUNT = "count"
PERCENT = "percent"
KINDS = (COUNT, PERCENT)
COMPARISONS = (">=", "<=")

#: Indicator keys `progress` knows how to compute, in the plan's order.
KNOWN_INDICATOR_KEYS: tuple[str, ...] = (
    "htx_women_managed",
    "tht_women_managed",
    "htx_female_jobs",
    "tht_female_workers",
    "htx_new_union_supported",
    "female_managers_trained_pct",
    "cadres_coop_trained_pct",
    "cadres_outreach_pct",
    "members_workers_trained_pct",
    "female_managers_it_pct",
)

_INDICATOR_FIELDS = frozenset(
    {"key", "label_vi", "label_en", "kind", "baseline", "target_2025", "target_2030", "comparison"}
)


class PlanError(ValueError):
    """A plan file that cannot be used (message in Vietnamese, naming the file and the key)."""


@dataclass(frozen=True)
class Phase:
    name_vi: str
    start_year: int
    end_year: int


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    label_vi: str
    label_en: str
    kind: str
    baseline: float | None
    #: None: the plan sets no number (the national scheme leaves counts to the provinces).
    target_2025: float | None
    target_2030: float | None
    comparison: str


@dataclass(frozen=True)
class Plan:
    id: str
    number: str
    issued_on: date
    issuer: str
    title: str
    province_code: str
    baseline_date: date
    phases: tuple[Phase, ...]
    indicators: tuple[IndicatorSpec, ...]
    source: Path
    #: What the document is ("Kế hoạch", "Quyết định"): reports cite it as "<type> số <number>".
    document_type: str = "Kế hoạch"
    #: True for the national scheme: the province has no plan of its own in the application.
    national: bool = False
    #: A sentence printed under the targets (why some are missing, where they come from).
    note_vi: str = ""

    @property
    def start_date(self) -> date:
        """First day of the first phase: "new" cooperatives count from here."""
        return date(self.phases[0].start_year, 1, 1)

    def indicator(self, key: str) -> IndicatorSpec:
        for spec in self.indicators:
            if spec.key == key:
                return spec
        raise KeyError(key)


def plans_dir() -> Path:
    return resources_dir() / "plans"


def default_plan_path() -> Path:
    return plans_dir() / DEFAULT_PLAN_FILE


def available_plans() -> list[Plan]:
    """Every plan shipped in `resources/plans`, by id. A broken file raises: it is a defect of
    the installation, not something to hide from the officer."""
    return sorted((load_plan(p) for p in plans_dir().glob("*.toml")), key=lambda p: p.id)


def national_plan() -> Plan:
    return load_plan(plans_dir() / NATIONAL_PLAN_FILE)


def plan_for_province(province_code: str) -> Plan:
    """The shipped plan of this province, or the national scheme's targets when it has none
    (never another province's plan: a commune of Hà Tĩnh is not measured against Quảng Ngãi's
    numbers). The plan's id travels with every result so that a screen can say whose targets
    it shows; a province's own plan entered in the settings is `plan_settings.plan_for_unit`."""
    for plan in available_plans():
        if not plan.national and plan.province_code == province_code:
            return plan
    return national_plan()


class _Reader:
    """Typed access to one TOML table that reports the full dotted key on any error."""

    def __init__(self, path: Path, table: Any, where: str) -> None:
        self.path = path
        self.where = where
        if not isinstance(table, dict):
            self.fail(where, "phải là một bảng (table)")
        self.table: dict[str, Any] = table

    def fail(self, key: str, problem: str) -> NoReturn:
        raise PlanError(f"Tệp kế hoạch “{self.path.name}”: mục “{key}” {problem}.")

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, kinds: tuple[type, ...], label: str, *, required: bool = True) -> Any:
        if key not in self.table:
            if required:
                self.fail(self._name(key), "bị thiếu")
            return None
        value = self.table[key]
        # bool is an int and datetime is a date in Python; neither is what the file means.
        wrong_bool = isinstance(value, bool) and bool not in kinds
        wrong_datetime = isinstance(value, datetime) and datetime not in kinds
        if not isinstance(value, kinds) or wrong_bool or wrong_datetime:
            self.fail(self._name(key), f"phải là {label} (đang là {value!r})")
        return value

    def text(self, key: str) -> str:
        value = self.get(key, (str,), "một chuỗi ký tự")
        if not value.strip():
            self.fail(self._name(key), "không được để trống")
        return value

    def integer(self, key: str) -> int:
        return self.get(key, (int,), "một số nguyên")

    def number(self, key: str, *, required: bool = True) -> float | None:
        value = self.get(key, (int, float), "một số", required=required)
        if value is not None and value < 0:
            self.fail(self._name(key), "không được âm")
        return value

    def day(self, key: str) -> date:
        return self.get(key, (date,), "một ngày dạng YYYY-MM-DD")

    def tables(self, key: str) -> list[_Reader]:
        items = self.get(key, (list,), "một danh sách bảng ([[...]])")
        if not items:
            self.fail(self._name(key), "không được để trống")
        return [_Reader(self.path, item, f"{self._name(key)}[{i}]") for i, item in enumerate(items)]


def _indicator(reader: _Reader, national: bool) -> IndicatorSpec:
    unknown = sorted(set(reader.table) - _INDICATOR_FIELDS)
    if unknown:
        reader.fail(f"{reader.where}.{unknown[0]}", "không được hỗ trợ (gõ nhầm tên mục?)")
    key = reader.text("key")
    if key not in KNOWN_INDICATOR_KEYS:
        reader.fail(
            f"{reader.where}.key",
            f"có giá trị “{key}” chưa được hỗ trợ; các giá trị hợp lệ: "
            + ", ".join(KNOWN_INDICATOR_KEYS),
        )
    kind = reader.text("kind")
    if kind not in KINDS:
        reader.fail(f"{reader.where}.kind", "phải là “count” hoặc “percent”")
    comparison = reader.text("comparison")
    if comparison not in COMPARISONS:
        reader.fail(f"{reader.where}.comparison", "phải là “>=” hoặc “<=”")
    # Only the national scheme may leave a number out; in a province's plan a missing target
    # is a typo that would silently empty a column of the report.
    target_2025 = reader.number("target_2025", required=not national)
    target_2030 = reader.number("target_2030", required=not national)
    return IndicatorSpec(
        key=key,
        label_vi=reader.text("label_vi"),
        label_en=reader.text("label_en"),
        kind=kind,
        baseline=reader.number("baseline", required=False),
        target_2025=target_2025,
        target_2030=target_2030,
        comparison=comparison,
    )


def load_plan(path: Path | str | None = None) -> Plan:
    """Read and check one plan file (the Quảng Ngãi plan when no path is given)."""
    source = Path(path) if path is not None else default_plan_path()
    try:
        with source.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise PlanError(f"Không tìm thấy tệp kế hoạch “{source}”.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"Tệp kế hoạch “{source.name}” sai cú pháp TOML: {exc}.") from exc

    root = _Reader(source, data, "")
    header = _Reader(source, root.get("plan", (dict,), "một bảng [plan]"), "plan")
    phases = []
    for reader in header.tables("phases"):
        phase = Phase(
            reader.text("name_vi"), reader.integer("start_year"), reader.integer("end_year")
        )
        if phase.end_year < phase.start_year:
            reader.fail(f"{reader.where}.end_year", "phải không nhỏ hơn start_year")
        phases.append(phase)

    national = header.get("national", (bool,), "true hoặc false", required=False) is True
    indicators = [_indicator(r, national) for r in root.tables("indicators")]
    seen: set[str] = set()
    for i, spec in enumerate(indicators):
        if spec.key in seen:
            root.fail(f"indicators[{i}].key", f"trùng với một chỉ tiêu khác (“{spec.key}”)")
        seen.add(spec.key)

    return Plan(
        id=header.text("id"),
        number=header.text("number"),
        issued_on=header.day("issued_on"),
        issuer=header.text("issuer"),
        title=header.text("title"),
        province_code="" if national else header.text("province_code"),
        baseline_date=header.day("baseline_date"),
        phases=tuple(phases),
        indicators=tuple(indicators),
        source=source,
        document_type=(header.get("document_type", (str,), "một chuỗi ký tự", required=False)
                       or "Kế hoạch"),
        national=national,
        note_vi=header.get("note_vi", (str,), "một chuỗi ký tự", required=False) or "",
    )
