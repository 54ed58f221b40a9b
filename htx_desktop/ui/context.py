"""What every page of the window shares: the open database, the officer's unit, the task
runner and the language. Passed explicitly to each page; there is no global."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select

from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import OfficerProfile
from htx_desktop.storage.units import commune_codes_under
from htx_desktop.ui.tasks import TaskRunner


@dataclass(frozen=True)
class UnitScope:
    """The officer's unit and everything below it, read once when the window opens."""

    unit_code: str
    unit_name: str
    level: str
    province_code: str | None
    commune_codes: tuple[str, ...]
    officer_name: str
    officer_title: str

    @property
    def owned_codes(self) -> tuple[str, ...]:
        """Units whose cadres and trainings this unit sees: itself and its communes."""
        return (self.unit_code, *[c for c in self.commune_codes if c != self.unit_code])


def load_scope(db: Database) -> UnitScope | None:
    with db.session() as session:
        profile = session.scalars(select(OfficerProfile).limit(1)).first()
        if profile is None:
            return None
        unit = profile.unit
        return UnitScope(
            unit_code=unit.code,
            unit_name=unit.name,
            level=unit.level,
            province_code=unit.province_code,
            commune_codes=tuple(commune_codes_under(session, unit)),
            officer_name=profile.officer_name,
            officer_title=profile.officer_title,
        )


class DataEvents(QObject):
    """Pages announce saved records here so the others refresh what they show."""

    changed = Signal(str)  # form key ("cooperative", ...) or "*" for everything


@dataclass
class AppContext:
    db: Database
    scope: UnitScope
    runner: TaskRunner
    lang: str = "vi"
    events: DataEvents = field(default_factory=DataEvents)

    def validation(self) -> ValidationContext:
        return ValidationContext(communes=set(self.scope.commune_codes), lang=self.lang)
