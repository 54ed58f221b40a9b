"""What an entry dialog reads besides the record: the lists its fields are picked from, the
names of the officer's communes and of the HTX/THT a record belongs to.

The lists of `pick_from` fields:

"half_years": the half-years one may enter figures for, newest first, from
`half_years.OLDEST_OFFERED` to the current one (never a future one, never free text); those the
organisation already has figures for are marked, so a second record for one half-year is not
made by mistake. "group_managers": the managers of the group being edited, the leader and the
deputy first; a new group has none yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from htx_desktop.collation import vn_key
from htx_desktop.registry.forms import FormSpec, get_form
from htx_desktop.registry.half_years import OLDEST_OFFERED, half_year_label, half_years
from htx_desktop.registry.organisations import entered_periods, group_managers
from htx_desktop.storage import models
from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pick_editor import PickItems


def half_year_items(entered: set[str], own: str | None, lang: str, today: date) -> PickItems:
    items = []
    for code in reversed(half_years(OLDEST_OFFERED, today)):
        label = f"{half_year_label(code, lang)} ({code})"
        if code in entered and code != own:
            label = QCoreApplication.translate("PickLists", "{period} — đã có số liệu").format(
                period=label
            )
        items.append((code, label))
    return items


def load_picks(
    ctx: AppContext,
    spec: FormSpec,
    record_id: str | None,
    links: Mapping[str, Any],
    stored: Mapping[str, Any],
    today: date | None = None,
) -> dict[str, PickItems]:
    """The list of every `pick_from` field of the form, read in one short session."""
    fields = [f for f in spec.fields if f.pick_from]
    if not fields:
        return {}
    picks: dict[str, PickItems] = {}
    day = today or date.today()
    role = get_form("manager").field("role")
    with ctx.db.session() as session:
        for field in fields:
            if field.pick_from == "half_years":
                entered: set[str] = set()
                for link, form_key in (("cooperative_id", "cooperative"),
                                       ("group_id", "cooperative_group")):
                    if links.get(link):
                        entered = entered_periods(session, form_key, str(links[link]))
                own = stored.get(field.key)
                picks[field.key] = half_year_items(
                    entered, str(own) if own else None, ctx.lang, day
                )
            elif field.pick_from == "group_managers":
                managers = group_managers(session, record_id) if record_id else []
                items: dict[str, str] = {}  # one entry per name, its first (highest) role
                for name, key in managers:
                    items.setdefault(name, f"{name} ({role.choice_label(key, ctx.lang)})")
                picks[field.key] = list(items.items())
    return picks


def load_commune_names(ctx: AppContext, extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Names of the officer's communes (plus `extra` codes, such as the commune of a record
    being edited that is no longer in her scope), ordered by name as a Vietnamese reader
    expects."""
    codes = set(ctx.scope.commune_codes) | {c for c in extra if c}
    if not codes:
        return {}
    with ctx.db.session() as session:
        rows = session.execute(
            select(AdministrativeUnit.code, AdministrativeUnit.name).where(
                AdministrativeUnit.code.in_(codes)
            )
        ).all()
    names = {code: name for code, name in rows}
    for code in codes - set(names):
        names[code] = code
    return dict(sorted(names.items(), key=lambda item: (vn_key(item[1]), item[0])))


def parent_name_of(ctx: AppContext, links: Mapping[str, Any]) -> str | None:
    """The HTX or THT a manager or figures record belongs to, for the dialog's header."""
    for key, model in (
        ("cooperative_id", models.Cooperative),
        ("group_id", models.CooperativeGroup),
    ):
        if links.get(key):
            with ctx.db.session() as session:
                parent = session.get(model, links[key])
                return None if parent is None else parent.name
    return None
