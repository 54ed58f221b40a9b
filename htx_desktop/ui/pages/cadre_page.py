"""The Union cadres page: the generic list for form "union_cadre".

Cadres are listed by the unit that recorded them (the officer's unit and its communes); the
filter "Làm công tác hỗ trợ … HTX" picks the population of the plan's cadre-training target.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.record_list_page import RecordListPage


class CadrePage(RecordListPage):
    """Cán bộ Hội."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "union_cadre", parent)
