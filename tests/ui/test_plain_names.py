"""A district officer named her group with angle brackets, and keeps her data in a folder
whose name has them too: the pages show both exactly as typed, never read as markup (a name
can also arrive in a bundle from below)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.units import create_district, official_units
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.placeholder_page import make_heading
from htx_desktop.ui.pages.reports_page import ReportsPage
from htx_desktop.ui.pages.settings_page import SettingsPage

GROUP = "<b>Cụm</b> Nghĩa Hành <i>cũ</i>"


def test_a_group_name_and_a_folder_with_markup_are_shown_as_typed(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], template_db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "<b>Dữ liệu<b> Hội"
    folder.mkdir()
    shutil.copyfile(template_db_path, folder / "htx.sqlite3")
    db = open_database(folder / "htx.sqlite3")
    communes = sorted(
        u.code for u in official_units() if u.level == "commune" and u.province_code == "51"
    )[:3]
    with db.session() as s:
        group = create_district(s, GROUP, communes)
        create_profile(s, group.code, "Trần Thị Mai", "Chủ tịch Hội LHPN huyện")
    try:
        ctx = make_ctx(db)
        reports = ReportsPage(ctx, today=date(2025, 12, 15))
        qtbot.addWidget(reports)
        with qtbot.waitSignal(reports.choices_loaded, timeout=10_000):
            reports.show()
        unit = reports.options.unit_label
        assert unit.textFormat() == Qt.TextFormat.PlainText
        assert unit.text().startswith(GROUP)

        settings = SettingsPage(ctx)
        qtbot.addWidget(settings)
        path = settings.findChild(QLabel, "settingsDbPath")
        assert path.textFormat() == Qt.TextFormat.PlainText
        assert "<b>Dữ liệu<b> Hội" in path.text()
        assert settings.message.textFormat() == Qt.TextFormat.PlainText

        heading = make_heading(f"Tổng quan — {ctx.scope.unit_name}")
        qtbot.addWidget(heading)
        assert heading.textFormat() == Qt.TextFormat.PlainText
        assert heading.text().endswith(GROUP)
    finally:
        db.close()
