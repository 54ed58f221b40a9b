"""The cooperative groups (THT) page: the same list and detail as the HTX page.

A THT differs only in data: its managers and figures hang on `group_id`, and it is
women-managed when its leader or deputy is a woman (`indicators.rules.is_tht_women_managed`);
`OrganisationPage` reads both from `registry.organisations.KINDS`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.cooperative_page import OrganisationPage


class GroupPage(OrganisationPage):
    """Tổ hợp tác."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "cooperative_group", parent)
