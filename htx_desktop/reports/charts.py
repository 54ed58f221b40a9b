"""The progress chart: each indicator's value as a share of its 2025 and 2030 targets.

A reportlab.graphics horizontal bar chart, so it is vector art inside the PDF and prints sharp.
Every string in it names the embedded document face explicitly: reportlab's graphics default to
Helvetica, which is neither embedded nor able to draw Vietnamese. Bars are grey and black so the
chart reads on the black-and-white printers of commune offices; a dashed line marks 100 %.
Shares far above target are clipped to the axis and labelled with their true value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from htx_desktop.indicators.progress import IndicatorValue
from htx_desktop.reports.decree30 import TEXT_WIDTH, clean
from htx_desktop.reports.fonts import REGULAR, register_fonts, text_width
from htx_desktop.reports.wording import fmt_achieved, short_label

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

LABEL_SIZE = 10
LABEL_AREA = 190.0
ROW_HEIGHT = 30.0
LEGEND_HEIGHT = 34.0
AXIS_HEIGHT = 18.0
SERIES = (
    ("% so với chỉ tiêu năm 2025", "#555555"),
    ("% so với chỉ tiêu năm 2030", "#BBBBBB"),
)
AXIS_CAP = 300.0


def axis_max(values: Sequence[float | None]) -> float:
    """At least 150 %, rounded up to 50, never above 300 % (a count far above a small target
    would squash every other bar)."""
    top = max([v for v in values if v is not None] + [100.0])
    return min(AXIS_CAP, max(150.0, math.ceil(top / 50.0) * 50.0))


def achievement_chart(indicators: Sequence[IndicatorValue], width: float = TEXT_WIDTH) -> Drawing:
    """A Drawing (a flowable) with one pair of bars per indicator, in the plan's order."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.utils import simpleSplit

    register_fonts()
    n = max(len(indicators), 1)
    height = LEGEND_HEIGHT + AXIS_HEIGHT + n * ROW_HEIGHT + 6
    drawing = Drawing(width, height)
    # The renderer starts every drawing with this font selected (Helvetica unless told).
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = LABEL_SIZE
    pcts = [[v.achieved_2025_pct for v in indicators], [v.achieved_2030_pct for v in indicators]]
    top = axis_max([p for series in pcts for p in series])
    # A horizontal chart stacks a group's bars upwards from its first series: list 2030
    # first so that 2025, as in the table and the legend, is the upper bar.
    order = (1, 0)

    chart = HorizontalBarChart()
    chart.x = LABEL_AREA
    chart.y = LEGEND_HEIGHT + AXIS_HEIGHT
    chart.width = width - LABEL_AREA - 40  # room for the value labels right of the bars
    chart.height = n * ROW_HEIGHT
    chart.data = [[min(p or 0.0, top) for p in pcts[i]] for i in order]
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[clean(fmt_achieved(p)) for p in pcts[i]] for i in order]
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.barSpacing = 1
    chart.groupSpacing = 8
    chart.categoryAxis.reverseDirection = 1  # first indicator on top, as in the table
    chart.categoryAxis.categoryNames = [str(i + 1) for i in range(len(indicators))]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.visibleLabels = 0
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = 50
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.labelTextFormat = lambda v: f"{int(v)} %"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.gridStrokeWidth = 0.4
    for bar, i in enumerate(order):
        chart.bars[bar].fillColor = colors.HexColor(SERIES[i][1])
        chart.bars[bar].strokeColor = colors.black
        chart.bars[bar].strokeWidth = 0.4
    x100 = chart.x + chart.width * 100.0 / top
    drawing.add(
        Line(x100, chart.y, x100, chart.y + chart.height, strokeColor=colors.black,
             strokeWidth=0.8, strokeDashArray=[3, 2])
    )
    drawing.add(chart)

    leading = LABEL_SIZE * 1.15
    for i, value in enumerate(indicators):
        lines = simpleSplit(clean(f"{i + 1}. {short_label(value)}"), REGULAR, LABEL_SIZE,
                            LABEL_AREA - 10)
        centre = chart.y + chart.height - (i + 0.5) * ROW_HEIGHT
        first = centre + (len(lines) - 1) * leading / 2 - LABEL_SIZE * 0.35
        for j, line in enumerate(lines):
            drawing.add(String(0, first - j * leading, line, fontName=REGULAR,
                               fontSize=LABEL_SIZE))
    # Legend centred under the drawing: two swatches and the 100 % line.
    items = [(clean(label), color) for label, color in SERIES] + [(clean("mức 100 %"), None)]
    gap = 16.0
    widths = [18 + text_width(label, REGULAR, 9) for label, _ in items]
    x = (width - sum(widths) - gap * (len(items) - 1)) / 2
    for (label, color), item_width in zip(items, widths, strict=True):
        if color is None:
            drawing.add(Line(x, 12.5, x + 14, 12.5, strokeColor=colors.black, strokeWidth=0.8,
                             strokeDashArray=[3, 2]))
        else:
            drawing.add(Rect(x, 8, 14, 9, fillColor=colors.HexColor(color),
                             strokeColor=colors.black, strokeWidth=0.4))
        drawing.add(String(x + 18, 9, label, fontName=REGULAR, fontSize=9))
        x += item_width + gap
    return drawing
