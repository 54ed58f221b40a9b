"""What every page of the window shares: the open database, the officer's unit, the task
runner and the language. Passed explicitly to each page; there is no global."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from htx_desktop.registry.profile import UnitScope, load_scope
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.engine import Database
from htx_desktop.ui.tasks import TaskRunner

#: The unit scope is core (reports and the command line read it too); the pages take it from
#: here with the rest of what they share.
__all__ = ["AppContext", "DataEvents", "UnitScope", "load_scope"]


class DataEvents(QObject):
    """Pages announce saved records here so the others refresh what they show."""

    changed = Signal(str)  # form key ("cooperative", ...) or "*" for everything
    #: A short confirmation of what was just done ("Đã lưu HTX Tân Phú."), for the status bar.
    notice = Signal(str)


@dataclass
class AppContext:
    db: Database
    scope: UnitScope
    runner: TaskRunner
    lang: str = "vi"
    events: DataEvents = field(default_factory=DataEvents)

    def validation(self) -> ValidationContext:
        return ValidationContext(communes=set(self.scope.commune_codes), lang=self.lang)
