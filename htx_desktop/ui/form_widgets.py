"""One editor widget per field type of the form specs.

Every editor has the same small interface so the form renderer never cares which it holds:
``raw_value()`` returns what the officer typed or chose in a JSON-friendly shape (text as
typed, numbers as their Vietnamese text, dates as ISO strings when they parse, choice keys,
lists of keys, booleans) for validation and drafts; ``set_raw_value()`` shows a value from
the database or a draft; ``focus_target()`` is the widget that takes keyboard focus (label
buddy, tab order); the ``edited`` signal fires on every change of the value.

Numbers and dates are typed into plain line edits and parsed leniently by the validation
service ("1.234", "12,5", "5/1/2026"), because officers type them as they write them on paper;
a spin box or a sectioned date edit fights that and cannot be left blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.formatting import fmt_date
from htx_desktop.registry.forms import Choice, FieldSpec
from htx_desktop.registry.validation import (
    ValidationContext,
    clean_field,
    format_number,
    is_blank,
    parse_date,
    resolve_bound,
)
from htx_desktop.ui.screen_fit import place_popup

#: Field widths that suit their content: a number or a date in a full-width box looks like a
#: place for a paragraph.
NUMBER_WIDTH = 180
DATE_WIDTH = 150
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def calendar_locale() -> QLocale:
    """Month and day names of the calendar in the interface language (dates are typed
    dd/mm/yyyy in both)."""
    from htx_desktop.ui.help_viewer import current_language

    return ENGLISH if current_language() == "en" else VIETNAMESE


class TextEditor(QLineEdit):
    """One line of text (names, codes, addresses)."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.textChanged.connect(self.edited)

    def raw_value(self) -> str:
        return self.text()

    def set_raw_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))

    def focus_target(self) -> QWidget:
        return self


class MultilineEditor(QPlainTextEdit):
    """Notes: several lines; Tab moves on to the next field as everywhere else in the form."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setTabChangesFocus(True)
        lines = 4
        self.setFixedHeight(
            self.fontMetrics().lineSpacing() * lines
            + int(self.document().documentMargin() * 2)
            + self.frameWidth() * 2
            + 4
        )
        self.textChanged.connect(self.edited)

    def raw_value(self) -> str:
        return self.toPlainText()

    def set_raw_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))

    def focus_target(self) -> QWidget:
        return self


class NumberEditor(QLineEdit):
    """Integers and decimals typed the Vietnamese way; tidied to "1.234,5" when she leaves
    the field, so she sees how her text was understood."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(NUMBER_WIDTH)
        self.textChanged.connect(self.edited)
        self.editingFinished.connect(self.tidy)

    def raw_value(self) -> str:
        return self.text()

    def set_raw_value(self, value: Any) -> None:
        if isinstance(value, bool):  # a bool is an int to Python, never a count here
            self.setText("")
        elif isinstance(value, int | float | Decimal):
            self.setText(format_number(self.spec, value))
        else:
            self.setText("" if value is None else str(value))

    def tidy(self) -> None:
        """Rewrite a number that parses in the standard format; leave anything else alone
        so the validation message can point at it."""
        if is_blank(self.text()):
            return
        value, _error = clean_field(self.spec, self.text(), ValidationContext())
        if value is None:
            return
        formatted = format_number(self.spec, value)
        if formatted != self.text():
            self.setText(formatted)

    def focus_target(self) -> QWidget:
        return self


class _CalendarPopup(QFrame):
    """A month calendar that closes when a day is picked or focus leaves it."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(calendar_locale())
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class DateEditor(QWidget):
    """A date typed as dd/mm/yyyy (also 5/1/2026, 05-01-2026) or picked on a calendar.

    A line edit rather than QDateEdit: an optional date must be able to stay blank, and
    typing "5/1/2026" into QDateEdit's sections surprises. The arrow button (or F4 /
    Alt+Down in the field) opens a calendar like a combo box's list.
    """

    edited = Signal()

    def __init__(
        self, spec: FieldSpec, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._today = today or date.today()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setClearButtonEnabled(not spec.required)
        self.line.setMaximumWidth(DATE_WIDTH)
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setToolTip(self.tr("Chọn ngày trên lịch (F4)"))
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.line)
        self.popup = _CalendarPopup(self)
        self.popup.picked.connect(self._picked)
        self.button.clicked.connect(self.open_calendar)
        self.line.textChanged.connect(self.edited)
        self.line.editingFinished.connect(self.tidy)
        self.line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if event.key() == Qt.Key.Key_F4 or alt_down:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def _bound(self, bound: Any) -> QDate | None:
        if bound is None:
            return None
        value = resolve_bound(bound, "date", self._today)
        return QDate(value.year, value.month, value.day)

    def current_date(self) -> date | None:
        try:
            return parse_date(self.line.text()) if self.line.text().strip() else None
        except ValueError:
            return None

    def open_calendar(self) -> None:
        calendar = self.popup.calendar
        low, high = self._bound(self.spec.min), self._bound(self.spec.max)
        calendar.setDateRange(low or QDate(1900, 1, 1), high or QDate(2100, 12, 31))
        shown = self.current_date() or self._today
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.popup.adjustSize()
        self.popup.show()
        place_popup(self.popup, self.line)  # once shown: its real size, frame included
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.set_raw_value(date(day.year(), day.month(), day.day()))
        self.line.setFocus()

    def raw_value(self) -> str | None:
        """ISO when the text is a date (drafts and validation agree on it), else the text as
        typed, so a half-typed date is kept and reported rather than dropped."""
        text = self.line.text().strip()
        if not text:
            return None
        parsed = self.current_date()
        return parsed.isoformat() if parsed is not None else text

    def set_raw_value(self, value: Any) -> None:
        if value is None or value == "":
            self.line.setText("")
            return
        try:
            self.line.setText(fmt_date(parse_date(value)))
        except ValueError:
            self.line.setText(str(value))

    def tidy(self) -> None:
        parsed = self.current_date()
        if parsed is not None and fmt_date(parsed) != self.line.text():
            self.line.setText(fmt_date(parsed))

    def text(self) -> str:
        return self.line.text()

    def focus_target(self) -> QWidget:
        return self.line


class ChoiceEditor(QComboBox):
    """One choice from a list. An optional field starts with an empty entry; a required one
    with no default shows "— Chọn —" until she picks, so nothing is chosen for her."""

    edited = Signal()

    def __init__(
        self,
        spec: FieldSpec,
        items: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(12)
        self.setPlaceholderText(self.tr("— Chọn —"))
        if not spec.required:
            self.addItem("", None)
        for key, label in items:
            self.addItem(label, key)
        self.setCurrentIndex(-1 if spec.required else 0)
        self.currentIndexChanged.connect(self.edited)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling the form over a closed list must not change the choice under the mouse."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def raw_value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def set_raw_value(self, value: Any) -> None:
        if value is None or value == "":
            self.setCurrentIndex(-1 if self.spec.required else 0)
            return
        index = self.findData(str(value))
        if index < 0:
            # A value no longer offered (an old choice, a commune outside the list): show it
            # rather than silently replacing it with something else.
            self.addItem(self.spec.choice_label(str(value)), str(value))
            index = self.count() - 1
        self.setCurrentIndex(index)

    def focus_target(self) -> QWidget:
        return self


class MultiChoiceEditor(QListWidget):
    """Several choices: a list of check boxes (Space ticks the current one)."""

    edited = Signal()

    def __init__(
        self, spec: FieldSpec, items: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setSpacing(1)  # room between the ticks: touch pads and older eyes
        for key, label in items:
            self._add(key, label)
        self._fit_height()
        self.itemChanged.connect(lambda _item: self.edited.emit())

    def _add(self, key: str, label: str) -> QListWidgetItem:
        item = QListWidgetItem(label, self)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _fit_height(self) -> None:
        rows = max(self.count(), 1)
        row_height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height()
        row_height += 2 * self.spacing()
        self.setFixedHeight(row_height * rows + self.frameWidth() * 2 + 4)

    def items(self) -> list[QListWidgetItem]:
        return [self.item(i) for i in range(self.count())]

    def raw_value(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self.items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_raw_value(self, value: Any) -> None:
        wanted = [str(v) for v in value] if isinstance(value, list | tuple | set) else []
        known = {str(item.data(Qt.ItemDataRole.UserRole)) for item in self.items()}
        self.blockSignals(True)
        try:
            for key in wanted:
                if key not in known:
                    self._add(key, self.spec.choice_label(key))
            for item in self.items():
                checked = str(item.data(Qt.ItemDataRole.UserRole)) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self.blockSignals(False)
        self._fit_height()
        self.edited.emit()

    def set_checked(self, key: str, checked: bool = True) -> None:
        for item in self.items():
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(key)

    def focus_target(self) -> QWidget:
        return self


class BooleanEditor(QCheckBox):
    """Yes/no, labelled by its own text (the field's label)."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        self.spec = spec
        self.toggled.connect(lambda _on: self.edited.emit())

    def raw_value(self) -> bool:
        return self.isChecked()

    def set_raw_value(self, value: Any) -> None:
        if isinstance(value, bool) or value is None:
            checked = bool(value)
        else:
            cleaned, _error = clean_field(self.spec, value, ValidationContext())
            checked = cleaned is True
        self.setChecked(checked)

    def focus_target(self) -> QWidget:
        return self


FieldEditor = (
    TextEditor
    | MultilineEditor
    | NumberEditor
    | DateEditor
    | ChoiceEditor
    | MultiChoiceEditor
    | BooleanEditor
)


def choice_items(
    spec: FieldSpec,
    lang: str = "vi",
    communes: Mapping[str, str] | None = None,
    parent_kind: str | None = None,
) -> list[tuple[str, str]]:
    """(key, label) pairs offered for a choice field.

    Communes come from the officer's scope (names passed in by the caller). Choices tied to
    a parent kind (an HTX's board vs. a group's leader) are offered only under that kind.
    """
    if spec.choices_from == "communes":
        return list((communes or {}).items())

    def fits(choice: Choice) -> bool:
        return parent_kind is None or choice.parent in (None, parent_kind)

    return [(c.key, c.label(lang)) for c in spec.choices if fits(c)]


def make_editor(
    spec: FieldSpec,
    lang: str = "vi",
    communes: Mapping[str, str] | None = None,
    parent_kind: str | None = None,
    today: date | None = None,
    parent: QWidget | None = None,
) -> FieldEditor:
    """The editor for one field of a form spec."""
    if spec.type == "text":
        return MultilineEditor(spec, parent) if spec.multiline else TextEditor(spec, parent)
    if spec.type in ("integer", "decimal"):
        return NumberEditor(spec, parent)
    if spec.type == "date":
        return DateEditor(spec, today, parent)
    if spec.type == "choice":
        return ChoiceEditor(spec, choice_items(spec, lang, communes, parent_kind), parent)
    if spec.type == "multi_choice":
        return MultiChoiceEditor(spec, choice_items(spec, lang, communes, parent_kind), parent)
    if spec.type == "boolean":
        return BooleanEditor(spec, spec.label(lang), parent)
    raise ValueError(f"No editor for field type {spec.type!r} ({spec.key})")
