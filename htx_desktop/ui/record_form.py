"""The one form renderer for every record type, built from its spec in `forms/*.toml`.

Sections become titled groups in the spec's order; each field gets its label (a red asterisk
when required), the editor for its type, its help as a small grey line and tooltip, and a red
line for its validation message. The whole record is validated on every edit with the same
service the database writes go through, so what the form accepts the service accepts; a
message appears under a field only once the officer has touched it, or for every field at once
after she tried to save, so a new form does not open covered in red. The message line's space
is kept even when empty, so the fields below do not jump as messages come and go.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.registry.forms import FieldSpec, FormSpec
from htx_desktop.registry.validation import ValidationContext, ValidationResult, validate
from htx_desktop.ui.form_widgets import (
    BooleanEditor,
    ChoiceEditor,
    FieldEditor,
    make_editor,
)
from htx_desktop.ui.pick_editor import PickEditor, PickItems

ERROR_COLOR = "#b3261e"
HELP_COLOR = "#5f6368"
#: Labels wrap beyond this width rather than squeezing the fields.
MAX_LABEL_WIDTH = 240


@dataclass
class FieldRow:
    """Everything shown for one field."""

    spec: FieldSpec
    editor: FieldEditor | PickEditor
    label: QLabel | None
    help: QLabel | None
    error: QLabel
    container: QWidget


def parent_kind(links: Mapping[str, Any]) -> str | None:
    """Which kind of organisation a manager or figures record hangs under, from its links."""
    if links.get("cooperative_id"):
        return "cooperative"
    if links.get("group_id"):
        return "cooperative_group"
    return None


class RecordForm(QWidget):
    """Editors for one record of `form`, validated as she types.

    `values()` are the raw values (JSON-friendly, what drafts keep); `links` (such as the HTX
    a manager belongs to) are not typed but take part in validation. `communes` maps the
    codes of the officer's communes to their names for `choices_from = "communes"` fields;
    `picks` gives the list of each `pick_from` field (such a field without one is typed).
    """

    edited = Signal(str)  # field key
    #: Values were shown by `set_values` (a record loaded, a period filled in), not typed.
    loaded = Signal()
    validity_changed = Signal(bool)
    dirty_changed = Signal(bool)

    def __init__(
        self,
        form: FormSpec,
        vctx: ValidationContext | None = None,
        communes: Mapping[str, str] | None = None,
        links: Mapping[str, Any] | None = None,
        lang: str = "vi",
        parent: QWidget | None = None,
        picks: Mapping[str, PickItems] | None = None,
    ) -> None:
        super().__init__(parent)
        self.form = form
        self.picks = dict(picks or {})
        self.vctx = vctx or ValidationContext(lang=lang)
        self.lang = lang
        self.communes = dict(communes or {})
        self.links: dict[str, Any] = dict(links or {})
        self.rows: dict[str, FieldRow] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._external: dict[str, str] = {}
        self._loading = False
        self._forced_dirty = False
        self._was_dirty = False
        self._result = ValidationResult()
        self._was_valid: bool | None = None
        self._baseline: dict[str, Any] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR};")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(4, 4, 12, 4)
        self.content_layout.setSpacing(12)
        self.scroll.setWidget(self.content)
        outer.addWidget(self.scroll)

        self._build()
        self._align_labels()
        self._chain_tab_order()
        self.reset()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        kind = parent_kind(self.links)
        for section in self.form.sections:
            fields = self.form.fields_in(section.key)
            if not fields:
                continue
            group = QGroupBox(section.label(self.lang), self.content)
            group.setObjectName(f"section_{section.key}")
            grid = QGridLayout(group)
            grid.setColumnStretch(1, 1)
            grid.setHorizontalSpacing(12)
            grid.setVerticalSpacing(2)  # each field's message line already separates them
            for row_index, spec in enumerate(fields):
                row = self._build_row(spec, group, kind)
                self.rows[spec.key] = row
                if row.label is not None:
                    grid.addWidget(row.label, row_index, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(row.container, row_index, 1)
            self.content_layout.addWidget(group)
        self.content_layout.addStretch(1)

    def _build_row(self, spec: FieldSpec, group: QWidget, kind: str | None) -> FieldRow:
        container = QWidget(group)
        box = QVBoxLayout(container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        editor: FieldEditor | PickEditor
        if spec.pick_from and spec.key in self.picks:
            editor = PickEditor(spec, self.picks[spec.key], container)
        else:
            editor = make_editor(
                spec, self.lang, self.communes, kind, self.vctx.today, parent=container
            )
        editor.setObjectName(f"field_{spec.key}")
        editor.focus_target().setAccessibleName(spec.label(self.lang))
        help_text = spec.help(self.lang)
        label: QLabel | None = None
        if isinstance(editor, BooleanEditor):
            # A check box carries its own label; a required one gets the asterisk beside it.
            if spec.required:
                line = QWidget(container)
                inner = QHBoxLayout(line)
                inner.setContentsMargins(0, 0, 0, 0)
                inner.setSpacing(4)
                inner.addWidget(editor)
                star = QLabel(f"<span style='color:{ERROR_COLOR}'>*</span>", line)
                star.setObjectName(f"required_{spec.key}")
                inner.addWidget(star)
                inner.addStretch(1)
                box.addWidget(line)
            else:
                box.addWidget(editor)
        else:
            label = QLabel(self._label_html(spec), group)
            label.setObjectName(f"label_{spec.key}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setBuddy(editor.focus_target())
            # Line the label's first line up with the text inside the editor box.
            label.setContentsMargins(0, 4, 0, 0)
            if help_text:
                label.setToolTip(help_text)
            box.addWidget(editor)
        if isinstance(editor, ChoiceEditor | PickEditor):
            editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        help_label: QLabel | None = None
        if help_text:
            editor.setToolTip(help_text)
            help_label = QLabel(help_text, container)
            help_label.setObjectName(f"help_{spec.key}")
            help_label.setWordWrap(True)
            help_label.setStyleSheet(f"color: {HELP_COLOR};")
            help_label.setFont(self._small_font())
            box.addWidget(help_label)
        error = QLabel(container)
        error.setObjectName(f"error_{spec.key}")
        error.setTextFormat(Qt.TextFormat.PlainText)  # a message may quote what was typed
        error.setWordWrap(True)
        error.setStyleSheet(f"color: {ERROR_COLOR};")
        error.setFont(self._small_font())
        # One line kept for the message even when there is none: no jump when it appears.
        error.setMinimumHeight(error.fontMetrics().lineSpacing())
        box.addWidget(error)
        editor.edited.connect(lambda key=spec.key: self._on_edited(key))
        return FieldRow(spec, editor, label, help_label, error, container)

    def _label_html(self, spec: FieldSpec) -> str:
        text = html.escape(spec.label(self.lang))
        if spec.required:
            text += f"&nbsp;<span style='color:{ERROR_COLOR}'>*</span>"
        return text

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(font.pointSizeF() - 1, 9.0))
        return font

    def _align_labels(self) -> None:
        """One label width for every section, so the fields line up down the whole form."""
        labels = [row.label for row in self.rows.values() if row.label is not None]
        if not labels:
            return
        metrics = labels[0].fontMetrics()
        widest = max(
            metrics.horizontalAdvance(row.spec.label(self.lang) + " *")
            for row in self.rows.values()
            if row.label is not None
        )
        width = min(widest + 4, MAX_LABEL_WIDTH)
        for label in labels:
            label.setFixedWidth(width)

    def _chain_tab_order(self) -> None:
        targets = [self.rows[key].editor.focus_target() for key in self.field_order()]
        for first, second in itertools.pairwise(targets):
            QWidget.setTabOrder(first, second)

    # --- values --------------------------------------------------------------------------

    def field_order(self) -> list[str]:
        """Field keys in the order they appear on screen."""
        return [key for section in self.form.sections for key in self._keys_in(section.key)]

    def _keys_in(self, section: str) -> list[str]:
        return [f.key for f in self.form.fields_in(section) if f.key in self.rows]

    def editor(self, key: str) -> FieldEditor | PickEditor:
        return self.rows[key].editor

    def values(self) -> dict[str, Any]:
        """The raw value of every field, as typed (JSON-friendly)."""
        return {key: row.editor.raw_value() for key, row in self.rows.items()}

    def validation_input(self) -> dict[str, Any]:
        """What validation and the record services receive: the fields plus the links."""
        return {**self.values(), **self.links}

    def default_values(self) -> dict[str, Any]:
        """A blank record: the spec's defaults; the commune when the officer has only one."""
        values: dict[str, Any] = {}
        for key, row in self.rows.items():
            spec = row.spec
            value: Any = spec.default
            if value is None and spec.choices_from == "communes" and len(self.communes) == 1:
                value = next(iter(self.communes))
            if value is None and spec.type == "boolean":
                value = False
            values[key] = value
        return values

    def set_values(self, values: Mapping[str, Any], *, baseline: bool = True) -> None:
        """Show `values` (missing keys keep what is shown). With `baseline` they become the
        state that counts as unchanged; otherwise they count as edits (a draft)."""
        self._loading = True
        try:
            for key, value in values.items():
                if key in self.rows:
                    self.rows[key].editor.set_raw_value(value)
        finally:
            self._loading = False
        if baseline:
            self._baseline = self.values()
        self._revalidate()
        self.loaded.emit()

    def apply_edits(self, values: Mapping[str, Any]) -> None:
        """Fill fields as if she had typed the values (copied figures): they count as edits,
        are validated with their messages shown, and are kept in the draft."""
        keys = [key for key in values if key in self.rows]
        self._loading = True
        try:
            for key in keys:
                self.rows[key].editor.set_raw_value(values[key])
        finally:
            self._loading = False
        self._touched.update(keys)
        self._revalidate()
        self._emit_dirty()
        for key in keys:
            self.edited.emit(key)

    def reset(self, keep: Iterable[str] = ()) -> None:
        """Back to a blank record (after "Lưu và thêm mới"); fields in `keep` keep their
        value, messages and the touched marks are cleared."""
        kept = {key: self.rows[key].editor.raw_value() for key in keep if key in self.rows}
        self._touched.clear()
        self._external.clear()
        self._show_all = False
        self._forced_dirty = False
        self.set_values({**self.default_values(), **kept})
        self._emit_dirty()

    # --- state ---------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Something differs from what was loaded (or a restored draft is shown)."""
        return self._forced_dirty or self.values() != self._baseline

    def mark_dirty(self) -> None:
        self._forced_dirty = True
        self._emit_dirty()

    def mark_clean(self, saved: Mapping[str, Any] | None = None) -> None:
        """The shown values (or `saved`, the values sent to the database while she may have
        typed on) are now the saved state."""
        self._forced_dirty = False
        self._baseline = dict(saved) if saved is not None else self.values()
        self._emit_dirty()

    def _emit_dirty(self) -> None:
        dirty = self.dirty
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def result(self) -> ValidationResult:
        """The latest validation of the whole record."""
        return self._result

    def is_valid(self) -> bool:
        return self._result.ok and not self._external

    def errors(self) -> dict[str, str]:
        """Every current message by field key, shown or not yet shown."""
        return {**self._result.errors, **self._external}

    def error_text(self, key: str) -> str:
        """The message shown under a field ("" when none is shown)."""
        return self.rows[key].error.text()

    def shown_errors(self) -> dict[str, str]:
        """Every message now shown under its field."""
        return {key: row.error.text() for key, row in self.rows.items() if row.error.text()}

    def first_invalid(self) -> str | None:
        errors = self.errors()
        return next((key for key in self.field_order() if key in errors), None)

    # --- validation ----------------------------------------------------------------------

    def _on_edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        # Her edit answers the service's message on this field. Messages tied to no field
        # cannot be fixed by typing: they are dropped so that she can try again (the
        # service repeats them if the problem remains).
        self._external = {k: v for k, v in self._external.items() if k != key and k in self.rows}
        self._revalidate()
        self._emit_dirty()
        self.edited.emit(key)

    def _revalidate(self) -> None:
        self._result = validate(self.form, self.validation_input(), self.vctx)
        errors = self.errors()
        for key, row in self.rows.items():
            message = errors.get(key) if (self._show_all or key in self._touched) else None
            self._show_message(row, message)
        stray = [msg for key, msg in errors.items() if key not in self.rows]
        if stray and self._show_all:
            self.banner.setText("\n".join(dict.fromkeys(stray)))
            self.banner.show()
        else:
            self.banner.hide()
        valid = self.is_valid()
        if valid != self._was_valid:
            self._was_valid = valid
            self.validity_changed.emit(valid)

    def _show_message(self, row: FieldRow, message: str | None) -> None:
        target = row.editor.focus_target()
        if message:
            row.error.setText(message)
            target.setAccessibleDescription(message)
        else:
            row.error.clear()
            target.setAccessibleDescription(row.spec.help(self.lang) or "")

    def reveal_errors(self) -> str | None:
        """After a save attempt: show every message and put the cursor in the first field
        that needs fixing; returns its key (None when the record is valid)."""
        self._show_all = True
        self._revalidate()
        key = self.first_invalid()
        if key is not None:
            self.focus_field(key)
        return key

    def show_errors(self, errors: Mapping[str, str]) -> str | None:
        """Messages from the record service (a check the form could not make itself)."""
        self._external = {k: v for k, v in errors.items()}
        return self.reveal_errors()

    def focus_field(self, key: str) -> None:
        row = self.rows[key]
        self.scroll.ensureWidgetVisible(row.container)
        row.editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
