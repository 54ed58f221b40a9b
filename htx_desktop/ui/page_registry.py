"""The window's pages: their keys in navigation order, where each page's class lives, and
`LazyPages`, which builds a page the first time it is asked for (building all eight at start
took about 0.4 s of the start-up, for pages she may not open that day).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

PAGE_OVERVIEW = "overview"
PAGE_COOPERATIVES = "cooperatives"
PAGE_GROUPS = "groups"
PAGE_CADRES = "cadres"
PAGE_TRAININGS = "trainings"
PAGE_EXCHANGE = "exchange"
PAGE_REPORTS = "reports"
PAGE_SETTINGS = "settings"

#: Navigation order; Ctrl+N opens the N-th page.
PAGE_KEYS: tuple[str, ...] = (
    PAGE_OVERVIEW,
    PAGE_COOPERATIVES,
    PAGE_GROUPS,
    PAGE_CADRES,
    PAGE_TRAININGS,
    PAGE_EXCHANGE,
    PAGE_REPORTS,
    PAGE_SETTINGS,
)

#: Pages written alongside this window: page key -> (module, class). Exchange and reports
#: show an honest placeholder until their page module is installed.
RECORD_PAGES: dict[str, tuple[str, str]] = {
    PAGE_COOPERATIVES: ("htx_desktop.ui.pages.cooperative_page", "CooperativePage"),
    PAGE_GROUPS: ("htx_desktop.ui.pages.group_page", "GroupPage"),
    PAGE_CADRES: ("htx_desktop.ui.pages.cadre_page", "CadrePage"),
    PAGE_TRAININGS: ("htx_desktop.ui.pages.training_page", "TrainingPage"),
    PAGE_EXCHANGE: ("htx_desktop.ui.pages.exchange_page", "ExchangePage"),
    PAGE_REPORTS: ("htx_desktop.ui.pages.reports_page", "ReportsPage"),
}


class Page(Protocol):
    """What the window needs from a page (all pages are QWidgets too)."""

    status_changed: Signal

    def refresh(self) -> None: ...

    def state(self) -> dict[str, Any]: ...

    def restore_state(self, state: dict[str, Any]) -> None: ...


def load_page_class(key: str) -> type[QWidget] | None:
    """The record page's class, or None when its module is not installed (yet).

    Only the page module itself being absent is tolerated: an error inside an installed page
    (or a module it imports) is a defect and is raised."""
    module_name, class_name = RECORD_PAGES[key]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        log.info("Page module %s is not installed; showing a placeholder", module_name)
        return None
    page_class = getattr(module, class_name, None)
    if page_class is None:
        log.warning("%s has no %s; showing a placeholder", module_name, class_name)
    return page_class


class LazyPages(dict[str, QWidget]):
    """The window's pages by key, each built on first access (`pages[key]`).

    Iterating, `in` and `get` see only the pages built so far, so saving the state or
    rebuilding never builds the others; a page not built keeps its remembered state."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        if key not in PAGE_KEYS:
            raise KeyError(key)
        page = self._build(key)
        self[key] = page
        return page
