"""The training page: sessions, the selected session's attendees, and who still needs training.

Below the list, the selected session: its dates, place and topics, its named attendees (chosen
in the `AttendeePicker`) and the counts of other participants kept on the record (edited in the
entry dialog). On the right, "Nữ quản lý chưa được tập huấn quản trị": the female HTX managers
of the officer's communes who have attended no management session yet, the population of the
plan's 100 % target, so she can see whom to invite next and watch the list shrink.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.indicators.rules import TOPIC_MANAGEMENT
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import display_value
from htx_desktop.registry.records import RecordNotFound, get_record, record_values
from htx_desktop.registry.training import Person, attendees, untrained_female_managers
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.attendee_picker import KIND, AttendeePicker, PeopleModel
from htx_desktop.ui.pages.record_list_page import RecordListPage
from htx_desktop.ui.record_table_view import RecordTableView, alive

log = logging.getLogger(__name__)

MUTED = "color: #5f6368;"
FORM_KEY = "training_session"
#: Changes that can move someone on or off the untrained list.
UNTRAINED_KEYS = frozenset(
    {"*", "manager", "cooperative", "training_session", "training_attendance"}
)


@dataclass(frozen=True)
class SessionDetail:
    id: str
    values: dict[str, Any]
    attendees: list[Person]


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a session's title may come from a bundle
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _people_view(model: PeopleModel, parent: QWidget, name: str) -> RecordTableView:
    view = RecordTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.min_fitted_width = 90  # side panels are narrow: show every column, elided
    return view


class TrainingPage(RecordListPage):
    """Lớp tập huấn: list, session detail and the untrained-managers panel."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, FORM_KEY, parent)
        self.detail = SessionDetailPanel(self)
        self.add_panel(self.detail)
        self.current_record_changed.connect(self.detail.show_record)
        self.untrained = UntrainedPanel(ctx, self)
        # List and detail on the left, the untrained managers on the right.
        outer = self.layout()
        outer.removeWidget(self.splitter)
        self.columns_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.columns_splitter.setChildrenCollapsible(False)
        self.columns_splitter.addWidget(self.splitter)
        self.columns_splitter.addWidget(self.untrained)
        self.columns_splitter.setStretchFactor(0, 3)
        self.columns_splitter.setStretchFactor(1, 1)
        self.columns_splitter.setSizes([760, 340])
        outer.addWidget(self.columns_splitter)

    def default_sort(self) -> tuple[str, Qt.SortOrder] | None:
        return ("start_date", Qt.SortOrder.DescendingOrder)

    def refresh(self) -> None:
        super().refresh()
        untrained = getattr(self, "untrained", None)
        if untrained is not None:
            untrained.refresh()


class SessionDetailPanel(QWidget):
    """The selected session: what, when, where, who attended (named) and how many others."""

    def __init__(self, page: TrainingPage) -> None:
        super().__init__(page)
        self.page = page
        self.ctx = page.ctx
        self.spec = page.spec
        self.setObjectName("sessionDetail")
        self.detail: SessionDetail | None = None
        self.record_id: str | None = None
        self.picker: AttendeePicker | None = None
        self._generation = 0
        self._build()
        self.ctx.events.changed.connect(self._on_data_changed)

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        outer.addWidget(self.stack)
        self.placeholder = QLabel(
            self.tr("Chọn một lớp tập huấn trong danh sách để xem học viên."), self
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(MUTED)
        self.stack.addWidget(self.placeholder)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        self.title_label = _heading("", content)
        self.title_label.setObjectName("sessionTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        titles.addWidget(self.title_label)
        self.when_label = QLabel(content)
        self.when_label.setTextFormat(Qt.TextFormat.PlainText)
        self.when_label.setWordWrap(True)
        self.when_label.setStyleSheet(MUTED)
        titles.addWidget(self.when_label)
        self.topics_label = QLabel(content)
        self.topics_label.setTextFormat(Qt.TextFormat.PlainText)
        self.topics_label.setWordWrap(True)
        titles.addWidget(self.topics_label)
        head.addLayout(titles, 1)
        self.edit_button = QPushButton(self.tr("Sửa thông tin lớp"), content)
        self.edit_button.setObjectName("editSessionButton")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(lambda: self.edit_session())
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        body = QHBoxLayout()
        named = QGroupBox(content)
        self.named_box = named
        named_layout = QVBoxLayout(named)
        buttons = QHBoxLayout()
        self.pick_button = QPushButton(self.tr("Chọn học viên…"), named)
        self.pick_button.setObjectName("pickAttendeesButton")
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(lambda: self.pick_attendees())
        buttons.addWidget(self.pick_button)
        buttons.addStretch(1)
        named_layout.addLayout(buttons)
        self.attendees_model = PeopleModel(parent=self)
        self.attendees_view = _people_view(self.attendees_model, named, "attendeesTable")
        named_layout.addWidget(self.attendees_view, 1)
        body.addWidget(named, 2)

        others = QGroupBox(self.tr("Học viên khác (ngoài danh sách có tên)"), content)
        form = QFormLayout(others)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.count_labels: dict[str, QLabel] = {}
        for field in self.spec.fields_in("participants"):
            value = QLabel(others)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setObjectName(f"count_{field.key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            label = QLabel(field.label(self.ctx.lang), others)
            label.setWordWrap(True)
            form.addRow(label, value)
            self.count_labels[field.key] = value
        hint = QLabel(self.tr("Sửa các số này bằng nút “Sửa thông tin lớp”."), others)
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED)
        form.addRow(hint)
        body.addWidget(others, 1)
        layout.addLayout(body, 1)
        self.stack.addWidget(content)
        self.content = content

    # --- loading -----------------------------------------------------------------------------

    def show_record(self, record_id: str) -> None:
        self.record_id = record_id or None
        self._generation += 1
        if self.record_id is None:
            self.detail = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        generation = self._generation
        db, training_id, lang = self.ctx.db, self.record_id, self.ctx.lang

        def work() -> SessionDetail | None:
            with db.session() as session:
                try:
                    record = get_record(session, FORM_KEY, training_id)
                except RecordNotFound:
                    return None
                return SessionDetail(
                    training_id,
                    record_values(record, FORM_KEY),
                    attendees(session, training_id, lang),
                )

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Loading training session %s failed:\n%s", training_id, tb)

        self.ctx.runner.run(work, lambda d: self._loaded(generation, d), failed)

    def reload(self) -> None:
        self.show_record(self.record_id or "")

    def _on_data_changed(self, key: str) -> None:
        if self.record_id is not None and key in (
            "*",
            FORM_KEY,
            "training_attendance",
            "manager",
            "union_cadre",
        ):
            self.reload()

    def _loaded(self, generation: int, detail: SessionDetail | None) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.detail = detail
        if detail is None:
            self.stack.setCurrentWidget(self.placeholder)
            return
        values, lang = detail.values, self.ctx.lang

        def shown(key: str) -> str:
            return display_value(self.spec.field(key), values.get(key), lang)

        self.title_label.setText(str(values.get("title") or ""))
        start, end = shown("start_date"), shown("end_date")
        when = start if start == end else f"{start} – {end}"
        parts = [when, shown("place"), shown("organiser"), shown("funding_source")]
        self.when_label.setText(" · ".join(p for p in parts if p))
        self.topics_label.setText(
            self.tr("Nội dung: {topics}").format(topics=shown("topics") or "—")
        )
        for key, label in self.count_labels.items():
            label.setText(shown(key) or "0")
        self.attendees_model.set_people(detail.attendees)
        self.attendees_view.fit_columns()
        self.named_box.setTitle(
            self.tr("Học viên có tên ({count})").format(count=len(detail.attendees))
        )
        self.stack.setCurrentWidget(self.content)

    # --- actions -----------------------------------------------------------------------------

    def edit_session(self) -> QDialog | None:
        if self.record_id is None:
            return None
        return self.page.show_dialog(FORM_KEY, self.record_id)

    def pick_attendees(self) -> AttendeePicker | None:
        """Open the picker on the session shown (window-modal, not blocking)."""
        if self.detail is None:
            return None
        title = str(self.detail.values.get("title") or "")
        picker = AttendeePicker(self.ctx, self.detail.id, title, self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.finished.connect(self._picker_closed)
        picker.open()
        self.picker = picker
        return picker

    def _picker_closed(self, _result: int) -> None:
        self.picker = None  # deleted on close: never touch it again


class UntrainedPanel(QWidget):
    """Female HTX managers in the officer's communes with no management training yet."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("untrainedPanel")
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        self.title = _heading(self.tr("Nữ quản lý chưa được tập huấn quản trị"), self)
        self.title.setObjectName("untrainedTitle")
        layout.addWidget(self.title)
        topic = self.topic_label()
        explain = QLabel(
            self.tr(
                "Nữ Chủ tịch, thành viên HĐQT, Giám đốc, thành viên Ban kiểm soát của các HTX "
                "chưa giải thể, chưa dự lớp nào có nội dung “{topic}”."
            ).format(topic=topic),
            self,
        )
        explain.setWordWrap(True)
        explain.setStyleSheet(MUTED)
        layout.addWidget(explain)
        self.model = PeopleModel(parent=self)
        self.view = _people_view(self.model, self, "untrainedTable")
        self.view.setColumnHidden(KIND, True)
        layout.addWidget(self.view, 1)
        ctx.events.changed.connect(self._on_data_changed)

    def topic_label(self) -> str:
        field = get_form(FORM_KEY).field("topics")
        return field.choice_label(TOPIC_MANAGEMENT, self.ctx.lang)

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        db, communes, lang = self.ctx.db, self.ctx.scope.commune_codes, self.ctx.lang

        def work() -> list[Person]:
            with db.session() as session:
                return untrained_female_managers(session, communes, lang=lang)

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Loading the untrained managers failed:\n%s", tb)

        self.ctx.runner.run(work, lambda people: self._loaded(generation, people), failed)

    def _on_data_changed(self, key: str) -> None:
        if key in UNTRAINED_KEYS:
            self.refresh()

    def _loaded(self, generation: int, people: list[Person]) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.model.set_people(people)
        self.view.fit_columns()
        self.title.setText(
            self.tr("Nữ quản lý chưa được tập huấn quản trị ({count})").format(count=len(people))
        )
        self.loaded.emit()

    def names(self) -> list[str]:
        return [p.name for p in self.model.people()]
