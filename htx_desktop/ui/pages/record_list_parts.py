"""The record lists' small parts: filter specs, loaded rows, the delete question, and the
default way a record opens. Split from `record_list_page` (which re-exports them) so that the
page module holds the page itself.

Texts use the translation context "RecordListPage", as they did inside the page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from htx_desktop.registry.forms import FormSpec
from htx_desktop.registry.listing import ListRow, RowOrder
from htx_desktop.ui.context import AppContext

#: Pause after the last keystroke before the list is refiltered.
SEARCH_DEBOUNCE_MS = 150
#: Forms whose records belong to a commune (listed by commune); the others by owning unit.
COMMUNE_FORMS = ("cooperative", "cooperative_group")

#: What a page's `dialog_factory` is called with: ctx, form key, record id, links, parent.
DialogFactory = Callable[[AppContext, str, str | None, dict[str, Any] | None, QWidget], QDialog]


def open_record_dialog(
    ctx: AppContext,
    form_key: str,
    record_id: str | None,
    links: dict[str, Any] | None,
    parent: QWidget,
) -> QDialog:
    """The default factory: the shared entry dialog (imported here, when first needed).

    Communes are left to the dialog, which also names a commune outside the officer's scope
    when the record being edited lies in one."""
    from htx_desktop.ui.record_dialog import RecordDialog

    return RecordDialog(ctx, form_key, record_id, links=links, parent=parent)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class ListFilter:
    """One filter combo: the list column it looks at and its options (value, label).

    `contains` filters look into a list-valued column (training topics); boolean filters treat
    a blank value as "no"."""

    key: str
    label: str
    options: tuple[tuple[Any, str], ...]
    contains: bool = False
    boolean: bool = False


@dataclass(frozen=True)
class LoadedList:
    """What a page's loader returns; `order` is added by `refresh` on the same worker thread
    (the rows sorted as the list was sorted when the load was asked for)."""

    rows: list[ListRow]
    communes: dict[str, str]
    order: RowOrder | None = None


def form_filters(
    spec: FormSpec, keys: Collection[str], lang: str, many_communes: bool
) -> list[ListFilter]:
    """Combos for the choice columns the officer sorts her work by."""
    found: list[ListFilter] = []
    for key in ("status", "sector", "level", "funding_source", "topics"):
        if key not in keys:
            continue
        field = spec.field(key)
        options = tuple((c.key, c.label(lang)) for c in field.choices)
        found.append(ListFilter(key, field.label(lang), options, field.type == "multi_choice"))
    if "commune_code" in keys and many_communes:
        label = spec.field("commune_code").label(lang)
        found.append(ListFilter("commune_code", label, ()))  # options come with the rows
    for key in ("works_on_coops",):
        if key in keys:
            found.append(yes_no_filter(key, spec.field(key).label(lang)))
    return found


def yes_no_filter(key: str, label: str) -> ListFilter:
    return ListFilter(
        key,
        label,
        (
            (True, QCoreApplication.translate("RecordListPage", "Có")),
            (False, QCoreApplication.translate("RecordListPage", "Không")),
        ),
        False,
        True,
    )


def delete_question(form_key: str, name: str) -> str:
    """The confirmation text, saying what goes with the record."""
    if form_key == "cooperative":
        return QCoreApplication.translate(
            "RecordListPage",
            "Xóa hợp tác xã “{name}”?\n\nNgười quản lý và số liệu theo kỳ của hợp tác xã "
            "này cũng sẽ bị xóa.",
        ).format(name=name)
    if form_key == "cooperative_group":
        return QCoreApplication.translate(
            "RecordListPage",
            "Xóa tổ hợp tác “{name}”?\n\nNgười quản lý và số liệu theo kỳ của tổ hợp tác "
            "này cũng sẽ bị xóa.",
        ).format(name=name)
    if form_key == "union_cadre":
        return QCoreApplication.translate(
            "RecordListPage",
            "Xóa cán bộ Hội “{name}”?\n\nCán bộ này cũng được bỏ khỏi danh sách học viên "
            "của các lớp tập huấn.",
        ).format(name=name)
    if form_key == "training_session":
        return QCoreApplication.translate(
            "RecordListPage",
            "Xóa lớp tập huấn “{name}”?\n\nDanh sách học viên có tên của lớp này cũng sẽ bị xóa.",
        ).format(name=name)
    return QCoreApplication.translate("RecordListPage", "Xóa “{name}”?").format(name=name)
