"""Generate and insert demo records for one unit.

Everything comes from seeded random generators so that a seed gives the same rows on every
machine: tests compare databases, and a trainer can tell a class "open HTX X" and everybody has
it. Each commune has its own generator seeded with the seed *and* the commune code, so that
two communes filled with the same seed get different UUIDs (their bundles merge cleanly at
the district) and a commune gets the same records whether it was filled alone or as part of its
district (re-importing it is a no-op, as for real bundles).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from htx_desktop.demo import vocabulary as voc
from htx_desktop.demo.builder import (
    Builder,
    Rows,
    Scope,
    add_cadre,
    add_training,
    lower_first,
    province_phrase,
)
from htx_desktop.demo.commune import CommuneFiller
from htx_desktop.storage.base import SyncedRecord
from htx_desktop.storage.bulk import ids_present
from htx_desktop.storage.models import (
    SYNCED_MODELS,
    AdministrativeUnit,
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)
from htx_desktop.storage.units import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    UnitError,
    commune_codes_under,
    get_unit,
)

#: Communes sampled when filling a province (a whole province would be hundreds of HTX).
PROVINCE_SAMPLE = 8


class DemoError(ValueError):
    """Demo data that cannot be made for this unit (message in Vietnamese)."""


@dataclass
class DemoCounts:
    """How many rows fill_demo inserted (rows that were already there are not counted)."""

    communes: int = 0
    cooperatives: int = 0
    groups: int = 0
    managers: int = 0
    figures: int = 0
    cadres: int = 0
    trainings: int = 0
    attendances: int = 0

    @property
    def total(self) -> int:
        return (
            self.cooperatives + self.groups + self.managers + self.figures + self.cadres
            + self.trainings + self.attendances
        )

    def summary_vi(self) -> str:
        return (
            f"{self.communes} xã/phường: {self.cooperatives} HTX, {self.groups} tổ hợp tác, "
            f"{self.managers} người quản lý, {self.figures} bản số liệu theo kỳ, "
            f"{self.cadres} cán bộ Hội, {self.trainings} lớp tập huấn "
            f"({self.attendances} lượt học viên có tên)"
        )


_COUNT_FIELD: dict[type[SyncedRecord], str] = {
    Cooperative: "cooperatives",
    CooperativeGroup: "groups",
    Manager: "managers",
    PeriodFigures: "figures",
    UnionCadre: "cadres",
    TrainingSession: "trainings",
    TrainingAttendance: "attendances",
}


def _fill_upper(b: Builder, unit: AdministrativeUnit, scope: Scope) -> None:
    """Cadres and sessions owned by a district or province profile's own unit."""
    rng = b.rng
    phrase = province_phrase(unit) if unit.level == PROVINCE else lower_first(unit.name)
    upper = Scope(managers=scope.managers, cadres=list(scope.cadres))
    own = [
        add_cadre(b, unit.code, "Kinh", f"Hội LHPN {phrase}", unit.level, "Chủ tịch", True)
    ]
    for position in rng.sample(voc.UPPER_POSITIONS, rng.randint(2, 4)):
        own.append(
            add_cadre(
                b, unit.code, "Kinh", f"Hội LHPN {phrase}", unit.level, position,
                rng.random() < 0.8,
            )
        )
    upper.cadres = own + rng.sample(scope.cadres, min(len(scope.cadres), 6))
    for _ in range(rng.randint(2, 4)):
        add_training(
            b, unit.code, upper, f"Hội trường Hội LHPN {phrase}", f"Hội LHPN {phrase}",
            difficult=False,
        )


def _communes_for(session: Session, unit: AdministrativeUnit, seed: int) -> list[str]:
    codes = sorted(commune_codes_under(session, unit))
    if unit.level == PROVINCE and len(codes) > PROVINCE_SAMPLE:
        sampler = random.Random(f"htx-demo:{seed}:{unit.code}:sample")
        codes = sorted(sampler.sample(codes, PROVINCE_SAMPLE))
    return codes


def _insert_new(session: Session, rows: Rows) -> DemoCounts:
    """Bulk insert, parents first, skipping rows whose UUID is already stored (same seed and
    commune filled before): like re-importing a bundle, a no-op rather than an error."""
    counts = DemoCounts()
    for model in SYNCED_MODELS:
        batch = rows.get(model, [])
        if not batch:
            continue
        existing = ids_present(session, model.__table__, [r["id"] for r in batch])  # type: ignore[attr-defined]
        fresh = [r for r in batch if r["id"] not in existing]
        if fresh:
            session.execute(insert(model), fresh)
        setattr(counts, _COUNT_FIELD[model], len(fresh))
    return counts


def fill_demo(session: Session, unit_code: str, seed: int = 1) -> DemoCounts:
    """Insert realistic demo records for a commune, each commune of a district group, or a
    sample of a province's communes; returns what was inserted.

    The same seed always gives the same rows; filling twice with one seed adds nothing.
    """
    try:
        unit = get_unit(session, unit_code)
    except UnitError as exc:
        raise DemoError(str(exc)) from exc
    if unit.level not in (COMMUNE, DISTRICT, PROVINCE):
        raise DemoError(f"Không tạo được dữ liệu mẫu cho đơn vị cấp “{unit.level}”.")
    codes = _communes_for(session, unit, seed)
    if not codes:
        raise DemoError(f"Đơn vị “{unit.name}” chưa có xã/phường nào để tạo dữ liệu mẫu.")

    rows: Rows = {}
    scope = Scope()
    for code in codes:
        commune = get_unit(session, code)
        province = session.get(AdministrativeUnit, commune.province_code or "")
        builder = Builder(random.Random(f"htx-demo:{seed}:{code}"), rows)
        commune_scope = CommuneFiller(builder, commune, province).fill()
        scope.managers += commune_scope.managers
        scope.cadres += commune_scope.cadres
    if unit.level != COMMUNE:
        _fill_upper(Builder(random.Random(f"htx-demo:{seed}:{unit.code}"), rows), unit, scope)

    counts = _insert_new(session, rows)
    counts.communes = len(codes)
    return counts
