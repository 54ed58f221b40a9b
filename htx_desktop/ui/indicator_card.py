"""One indicator of the plan at a glance: its value and one bar towards the target of the
period's milestone (the 2025 targets up to 2025, the 2030 targets after: `milestone_for`),
green once met and amber before, with the plain "đạt 30 %, chỉ tiêu 100 %" beside it. The
overview page shows one card each, in a `CardGrid` that reflows them to the width it has.

A card is a button too: a click, or Enter/Space when it has the focus (Tab reaches it), emits
`activated` and the overview lists the records behind the number.

The formatting is pure and shared with the overview's per-unit table: "1.234", "87,5 %", and
"—" when there is nothing to divide by, never 0 %.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.formatting import fmt_int, fmt_percent
from htx_desktop.indicators import IndicatorValue
from htx_desktop.indicators.plans import PERCENT
from htx_desktop.indicators.rules import MILESTONES, milestone_for
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR

REACHED_COLOR = "#2e7d32"
BEHIND_COLOR = "#f0a30a"
UNKNOWN_COLOR = "#9e9e9e"


# --- formatting (pure) ---------------------------------------------------------------------


def format_value(value: IndicatorValue) -> str:
    """The indicator's value as officers write it: "1.234" or "87,5 %", "—" when unknown."""
    if value.value is None:
        return "—"
    if value.kind == PERCENT:
        return fmt_percent(value.value)
    return fmt_int(round(value.value))


def format_target(value: IndicatorValue, target: float | None) -> str:
    if target is None:
        return "—"
    if value.kind == PERCENT:
        return fmt_percent(target, 0)
    return fmt_int(round(target))


def progress_text(
    value: IndicatorValue, target: float | None, province_wide: bool = False
) -> str:
    """ "đạt 30 %, chỉ tiêu 100 %" (a count: "đạt 2, chỉ tiêu 12"); the words an officer
    would say, rather than "2 / 12 (16,7 %)". Below the province (`province_wide`) a count's
    target is the whole province's: said so, so that a commune's 2 HTX are not read as falling
    short of a target of 12 set for the province (a share applies at every level)."""
    if value.value is None:
        return QCoreApplication.translate(
            "IndicatorCard", "chưa có số liệu để tính, chỉ tiêu {0}"
        ).format(format_target(value, target))
    if target is None:
        return QCoreApplication.translate("IndicatorCard", "đạt {0}, chưa có chỉ tiêu").format(
            format_value(value)
        )
    if province_wide and value.kind != PERCENT:
        return QCoreApplication.translate(
            "IndicatorCard", "đạt {0}, chỉ tiêu toàn tỉnh {1}"
        ).format(format_value(value), format_target(value, target))
    return QCoreApplication.translate("IndicatorCard", "đạt {0}, chỉ tiêu {1}").format(
        format_value(value), format_target(value, target)
    )


def milestone_of(
    value: IndicatorValue, year: int
) -> tuple[float | None, float | None, bool | None]:
    """(target, how far towards it in %, met) at the milestone a period of `year` counts for."""
    if milestone_for(year) == MILESTONES[0]:
        return value.target_2025, value.achieved_2025_pct, value.met_2025
    return value.target_2030, value.achieved_2030_pct, value.met_2030


def bar_color(met: bool | None) -> str:
    if met is None:
        return UNKNOWN_COLOR
    return REACHED_COLOR if met else BEHIND_COLOR


# --- widgets -------------------------------------------------------------------------------


class TargetBar(QWidget):
    """One target: caption, a coloured bar, and "x / target (y %)"."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(caption)
        self.caption.setMinimumWidth(70)
        self.bar = QProgressBar()
        self.bar.setObjectName(f"bar_{name}")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(14)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName(f"text_{name}")
        self.text.setMinimumWidth(170)
        layout.addWidget(self.caption)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.text)
        self.met: bool | None = None

    def show_progress(
        self,
        value: IndicatorValue,
        target: float | None,
        achieved: float | None,
        met: bool | None,
        province_wide: bool = False,
    ) -> None:
        self.met = met
        self.bar.setValue(0 if achieved is None else max(0, min(100, round(achieved))))
        color = bar_color(met)
        self.bar.setStyleSheet(
            "QProgressBar { border: 1px solid #bdbdbd; border-radius: 3px; background: #f1f1f1; }"
            f"QProgressBar::chunk {{ background: {color}; border-radius: 2px; }}"
        )
        self.text.setText(progress_text(value, target, province_wide))
        self.bar.setToolTip(
            QCoreApplication.translate("IndicatorCard", "Bằng {0} chỉ tiêu").format(
                fmt_percent(achieved)
            )
        )


class IndicatorCard(QFrame):
    """Label, big value, detail (numerator/denominator, baseline) and the milestone's bar;
    clicking it (or Enter on it) emits `activated(key)`."""

    activated = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"card_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            f"QFrame#card_{key} {{ background: palette(base); border: 1px solid #d0d0d0;"
            " border-radius: 6px; }"
            f"QFrame#card_{key}:hover {{ border: 1px solid #1a73e8; }}"
            f"QFrame#card_{key}:focus {{ border: 2px solid #1a73e8; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setObjectName(f"label_{key}")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.value_label = QLabel()
        self.value_label.setObjectName(f"value_{key}")
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.label, 1)
        top.addWidget(self.value_label)
        layout.addLayout(top)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setObjectName(f"detail_{key}")
        self.detail.setStyleSheet(f"color: {MUTED_COLOR};")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        self.target_bar = TargetBar("", f"target_{key}")
        layout.addWidget(self.target_bar)
        self.milestone = 0
        self.setToolTip(self.tr("Bấm (hoặc Enter) để xem danh sách được tính"))

    def show_value(
        self, value: IndicatorValue, lang: str, year: int, province_wide: bool = False
    ) -> None:
        """Show the value against the milestone a period of `year` is measured by (a unit
        below the province: `province_wide`, see `progress_text`)."""
        self.label.setText(value.label_en if lang == "en" else value.label_vi)
        self.value_label.setText(format_value(value))
        details: list[str] = []
        if value.kind == PERCENT:
            if value.denominator:
                details.append(
                    self.tr("{0} trên {1}").format(
                        fmt_int(value.numerator), fmt_int(value.denominator)
                    )
                )
            else:
                details.append(self.tr("Chưa có ai để tính tỷ lệ"))
        if value.baseline is not None:
            details.append(self.tr("Mốc 30/12/2022: {0}").format(fmt_int(round(value.baseline))))
        self.detail.setText(" · ".join(details))
        self.detail.setVisible(bool(details))
        self.milestone = milestone_for(year)
        self.target_bar.caption.setText(self.tr("Đến {0}:").format(self.milestone))
        target, achieved, met = milestone_of(value, year)
        self.target_bar.show_progress(value, target, achieved, met, province_wide)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()  # so that the release comes here too
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activated.emit(self.key)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.key)
            event.accept()
            return
        super().keyPressEvent(event)


class CardGrid(QWidget):
    """The overview's cards in as many columns as the width holds (two on a laptop, one on a
    narrow window), recomputed on every resize, so no card is ever clipped behind a horizontal
    scroll bar. Cards keep the order they were added in, row by row."""

    #: Narrower than this, a card's bars and "x / target (y %)" texts get cramped.
    COLUMN_WIDTH = 400

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 4, 0)
        self.grid.setSpacing(10)
        self.cards: list[QWidget] = []
        self.columns = 0

    def add(self, card: QWidget) -> None:
        self.cards.append(card)
        self._place(self.columns_for(self.width()), force=True)

    def columns_for(self, width: int) -> int:
        margins = self.grid.contentsMargins()
        spacing = self.grid.horizontalSpacing()
        usable = width - margins.left() - margins.right() + spacing
        widest = max((c.minimumSizeHint().width() for c in self.cards), default=0)
        column = max(self.COLUMN_WIDTH, widest) + spacing
        return max(1, min(len(self.cards) or 1, usable // column))

    def _place(self, columns: int, force: bool = False) -> None:
        if columns == self.columns and not force:
            return
        for card in self.cards:
            self.grid.removeWidget(card)
        for column in range(max(columns, self.columns)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for position, card in enumerate(self.cards):
            self.grid.addWidget(card, position // columns, position % columns)
        self.columns = columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self.columns_for(event.size().width()))
