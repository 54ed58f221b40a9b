"""Shared pieces of the demo generator: the row builder, names, dates and training sessions.

Every random choice goes through the one generator a `Builder` holds, so the rows depend on the
seed alone; rows are plain dicts collected per model for one bulk insert at the end.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from htx_desktop.demo import vocabulary as voc
from htx_desktop.storage.base import SyncedRecord
from htx_desktop.storage.engine import search_key_of
from htx_desktop.storage.models import (
    AdministrativeUnit,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)
from htx_desktop.text import fold, nfc

T = TypeVar("T")
Rows = dict[type[SyncedRecord], list[dict[str, Any]]]

#: Half-years the demo covers (the plan's first phase and the start of the second).
PERIODS: tuple[str, ...] = tuple(f"{y}-H{h}" for y in range(2023, 2027) for h in (1, 2))[:7]
#: Records are "entered" between these times; nothing is stamped later than the last one.
ENTRY_START = datetime(2023, 6, 1, 8, 0)
ENTRY_END = datetime(2026, 9, 30, 17, 0)
#: Roles that make an HTX women-managed when a woman holds them (DOMAIN.md).
GOVERNING_ROLES = ("chu_tich_hdqt", "giam_doc", "thanh_vien_hdqt", "thanh_vien_bks")


def search_key(model: type[SyncedRecord], row: dict[str, Any]) -> str | None:
    """The key the flush hook would compute; bulk inserts bypass the hook."""
    return search_key_of(model.__tablename__, row)  # type: ignore[attr-defined]


@dataclass
class Person:
    """A manager or cadre as the training generator sees them."""

    id: str
    sex: str
    governing: bool  # holds a role that makes an HTX "women-managed" when she is a woman
    works_on_coops: bool = False


@dataclass
class Scope:
    """What the training generator may pick attendees from."""

    managers: list[Person] = field(default_factory=list)
    cadres: list[Person] = field(default_factory=list)


def weighted(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def lower_first(name: str) -> str:
    """"Xã Tịnh Khê" -> "xã Tịnh Khê" (inside a phrase such as "Hội LHPN xã Tịnh Khê")."""
    return name[:1].lower() + name[1:] if name else name


def short_name(unit: AdministrativeUnit) -> str:
    """The place name without its division word: "Xã Tịnh Khê" -> "Tịnh Khê"."""
    division = unit.division_type or ""
    if division and fold(unit.name).startswith(fold(division) + " "):
        return unit.name[len(division) + 1 :]
    return unit.name


def province_phrase(province: AdministrativeUnit | None) -> str:
    if province is None:
        return ""
    if fold(province.name).startswith("thanh pho"):
        return lower_first(province.name)
    return f"tỉnh {province.name}"


def half_year(d: date) -> str:
    return f"{d.year}-H{1 if d.month <= 6 else 2}"


def period_end(period: str) -> date:
    year, half = int(period[:4]), period[-1]
    return date(year, 6, 30) if half == "1" else date(year, 12, 31)


def money(value: float) -> Decimal:
    return Decimal(f"{max(value, 0):.2f}")


class Builder:
    """Collects rows per model; every random choice goes through one generator."""

    def __init__(self, rng: random.Random, rows: Rows) -> None:
        self.rng = rng
        self.rows = rows

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _stamps(self, after: datetime) -> tuple[datetime, datetime]:
        start = max(after, ENTRY_START)
        created = start + timedelta(seconds=self.rng.randrange(3600, 45 * 86400))
        if created > ENTRY_END:
            created = ENTRY_END - timedelta(seconds=self.rng.randrange(86400, 10 * 86400))
        updated = min(created + timedelta(seconds=self.rng.randrange(0, 120 * 86400)), ENTRY_END)
        return created, updated

    def add(self, model: type[SyncedRecord], unit_code: str, after: date, **values: Any) -> str:
        """One row with the synced columns set explicitly (bulk inserts run no defaults we
        could rely on for determinism) and the search key the flush hook would compute."""
        created, updated = self._stamps(datetime.combine(after, datetime.min.time()))
        row: dict[str, Any] = {
            "id": self.uuid(),
            "unit_code": unit_code,
            "created_at": created,
            "updated_at": updated,
            "revision": 1,
            "deleted": False,
            "deleted_at": None,
            **{k: nfc(v) if isinstance(v, str) else v for k, v in values.items()},
        }
        key = search_key(model, row)
        if key is not None:
            row["search_key"] = key
        self.rows.setdefault(model, []).append(row)
        return str(row["id"])

    def person_name(self, sex: str, ethnicity: str | None) -> str:
        rng = self.rng
        female = sex == "nu"
        given = rng.choice(voc.FEMALE_GIVEN if female else voc.MALE_GIVEN)
        if ethnicity in voc.HIGHLAND_GROUPS:
            pool = voc.HIGHLAND_GIVEN_FEMALE if female else voc.HIGHLAND_GIVEN_MALE
            return f"{'Y' if female else 'A'} {rng.choice(pool)}"
        if ethnicity in voc.MINORITY_FAMILY:
            family = rng.choice(voc.MINORITY_FAMILY[ethnicity])
        elif ethnicity in voc.OTHER_MINORITIES:
            family = rng.choice(voc.OTHER_MINORITY_FAMILY)
        else:
            family = weighted(rng, voc.FAMILY_NAMES)
        middle = weighted(rng, voc.FEMALE_MIDDLE if female else voc.MALE_MIDDLE)
        if middle == given:
            middle = "Thị" if female else "Văn"
        return f"{family} {middle} {given}"

    def phone(self, chance: float) -> str | None:
        if self.rng.random() >= chance:
            return None
        prefix = self.rng.choice(("090", "091", "093", "094", "097", "098", "035", "036", "038"))
        return f"{prefix}{self.rng.randrange(10**7):07d}"


def add_cadre(
    b: Builder,
    unit_code: str,
    ethnicity: str | None,
    work_unit: str,
    level: str,
    position: str,
    works_on_coops: bool,
) -> Person:
    """A Union cadre (``ethnicity`` only shapes her name: cadres carry no ethnicity field)."""
    sex = "nu"  # the Women's Union's cadres are women
    cadre_id = b.add(
        UnionCadre,
        unit_code,
        ENTRY_START.date(),
        full_name=b.person_name(sex, ethnicity),
        sex=sex,
        birth_year=b.rng.randint(1965, 1998),
        work_unit=work_unit,
        level=level,
        position=position,
        works_on_coops=works_on_coops,
        phone=b.phone(0.8),
        consent=True,
    )
    return Person(cadre_id, sex, governing=False, works_on_coops=works_on_coops)


def add_training(
    b: Builder, unit_code: str, scope: Scope, place: str, organiser: str, difficult: bool
) -> None:
    """One session with named attendees from the scope and counts of the other participants.

    Courses on management favour the women who manage (the "trained female managers" target);
    outreach courses are for cadres.
    """
    rng = b.rng
    course = rng.choice(voc.COURSES)
    first = date(2023, 3, 1)  # sessions end before the last entry time (ENTRY_END)
    start = first + timedelta(days=rng.randrange((date(2026, 9, 10) - first).days))
    end = start + timedelta(days=weighted(rng, ((0, 4), (1, 3), (2, 2))))
    session_id = b.add(
        TrainingSession,
        unit_code,
        end,
        title=course.title if "năm" in course.title else f"{course.title} năm {start.year}",
        topics=list(course.topics),
        start_date=start,
        end_date=end,
        place=place,
        organiser=organiser,
        funding_source=weighted(rng, voc.FUNDING),
        other_members=rng.randint(0, 5) if course.for_cadres else rng.randint(5, 30),
        other_workers=0 if course.for_cadres else rng.randint(0, 20),
        other_women=rng.randint(10, 40) if course.for_cadres else rng.randint(0, 15),
        women_difficult_area=0,
        women_poor=0,
        women_disabled=0,
        women_reintegrated=0,
        notes=voc.DEMO_NOTE,
    )
    row = b.rows[TrainingSession][-1]
    others = row["other_members"] + row["other_workers"] + row["other_women"]
    if difficult:
        row["women_difficult_area"] = rng.randint(others // 3, others)
    row["women_poor"] = rng.randint(0, others // 4)
    row["women_disabled"] = min(others, weighted(rng, ((0, 6), (1, 3), (2, 1))))
    row["women_reintegrated"] = min(others, weighted(rng, ((0, 9), (1, 1))))

    leaders = [p for p in scope.managers if p.sex == "nu" and p.governing]
    women = [p for p in scope.managers if p.sex == "nu" and not p.governing]
    men = [p for p in scope.managers if p.sex != "nu"]
    if course.for_cadres:
        managers = rng.sample(leaders, min(len(leaders), rng.randint(0, 2)))
        cadres = rng.sample(scope.cadres, min(len(scope.cadres), rng.randint(3, 8)))
    else:
        management = bool({"quan_tri", "cntt_quan_tri"} & set(course.topics))
        managers = rng.sample(leaders, min(len(leaders), rng.randint(3, 8) if management else 2))
        managers += rng.sample(women, min(len(women), rng.randint(1, 5)))
        managers += rng.sample(men, min(len(men), rng.randint(0, 2)))
        helpers = [c for c in scope.cadres if c.works_on_coops] or scope.cadres
        cadres = rng.sample(helpers, min(len(helpers), rng.randint(1, 3)))
    for person in managers:
        b.add(TrainingAttendance, unit_code, end, session_id=session_id, manager_id=person.id,
              cadre_id=None)
    for person in cadres:
        b.add(TrainingAttendance, unit_code, end, session_id=session_id, manager_id=None,
              cadre_id=person.id)

