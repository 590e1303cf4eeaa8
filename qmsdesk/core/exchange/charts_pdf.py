"""The charts of the planning reports, drawn with reportlab's graphics (no plotting library): the
risk heat map (likelihood x consequence, counts per cell) and an objective's trend chart (values
against the target line and the warning threshold).

Every tint is paired with words (the legend names the levels; the lines are labelled), so the
pages read the same in black and white.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable

from qmsdesk.core.exchange import pdf
from qmsdesk.core.risks import HeatMap, Level, RiskScale

LEVEL_FILLS = {
    Level.LOW: colors.HexColor("#d8eed8"),
    Level.MEDIUM: colors.HexColor("#ffe6a6"),
    Level.HIGH: colors.HexColor("#f4b6b0"),
}
_INK = colors.HexColor("#222222")
_GRID = colors.HexColor("#888888")
_VALUE = colors.HexColor("#1f4e8c")
_TARGET = colors.HexColor("#2e7d32")
_WARNING = colors.HexColor("#b26a00")


def heat_map_drawing(heat: HeatMap, scale: RiskScale, title: str, size: float = 190) -> Drawing:
    """A square grid: likelihood up the side (1 at the bottom), consequence along the bottom;
    each cell tinted by its level and showing how many risks sit in it."""
    pdf.register_fonts()
    steps = scale.steps
    left, bottom, top_pad = 34.0, 30.0, 18.0
    cell = (size - left) / steps
    drawing = Drawing(size + 6, bottom + cell * steps + top_pad)
    drawing.add(
        String(
            left,
            bottom + cell * steps + 6,
            title,
            fontName=pdf.FONT_BOLD,
            fontSize=8.5,
            fillColor=_INK,
        )
    )
    for lik in range(1, steps + 1):
        for con in range(1, steps + 1):
            x, y = left + (con - 1) * cell, bottom + (lik - 1) * cell
            level = scale.level(lik * con)
            drawing.add(
                Rect(
                    x,
                    y,
                    cell,
                    cell,
                    fillColor=LEVEL_FILLS[level],
                    strokeColor=_GRID,
                    strokeWidth=0.5,
                )
            )
            count = heat.count(lik, con)
            if count:
                drawing.add(
                    String(
                        x + cell / 2,
                        y + cell / 2 - 4,
                        f"{count:,}",
                        fontName=pdf.FONT_BOLD,
                        fontSize=10,
                        fillColor=_INK,
                        textAnchor="middle",
                    )
                )
    for n in range(1, steps + 1):
        drawing.add(
            String(
                left + (n - 0.5) * cell,
                bottom - 10,
                str(n),
                fontName=pdf.FONT,
                fontSize=7,
                fillColor=_INK,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                left - 6,
                bottom + (n - 0.5) * cell - 2.5,
                str(n),
                fontName=pdf.FONT,
                fontSize=7,
                fillColor=_INK,
                textAnchor="end",
            )
        )
    drawing.add(
        String(
            left + steps * cell / 2,
            bottom - 22,
            "Consequence",
            fontName=pdf.FONT,
            fontSize=7.5,
            fillColor=_INK,
            textAnchor="middle",
        )
    )
    label = String(
        0, 0, "Likelihood", fontName=pdf.FONT, fontSize=7.5, fillColor=_INK, textAnchor="middle"
    )
    turned = Group(label)
    turned.transform = (0, 1, -1, 0, 12, bottom + steps * cell / 2)
    drawing.add(turned)
    return drawing


def level_legend(scale: RiskScale, width: float = 380) -> Drawing:
    """The levels' tints named, with the ratings each covers."""
    pdf.register_fonts()
    drawing = Drawing(width, 14)
    parts = (
        (Level.LOW, f"Low: rating below {scale.medium_from}"),
        (Level.MEDIUM, f"Medium: {scale.medium_from} to {scale.high_from - 1}"),
        (Level.HIGH, f"High: {scale.high_from} or more"),
    )
    x = 0.0
    for level, text in parts:
        drawing.add(
            Rect(x, 2, 10, 10, fillColor=LEVEL_FILLS[level], strokeColor=_GRID, strokeWidth=0.5)
        )
        drawing.add(String(x + 14, 4, text, fontName=pdf.FONT, fontSize=7.5, fillColor=_INK))
        x += 16 + pdf.text_width(text, pdf.FONT, 7.5) + 14
    return drawing


def trend_drawing(
    points: Sequence[tuple[dt.date, float]],
    *,
    target: float | None,
    warning: float | None,
    unit: str,
    width: float = 420,
    height: float = 120,
    label: Callable[[dt.date], str] = dt.date.isoformat,
) -> Drawing:
    """Values over time (a line with a dot per period) against the target (solid) and the warning
    threshold (dashed) lines; periods along the bottom, values up the side."""
    pdf.register_fonts()
    left, right, bottom, top = 40.0, 70.0, 18.0, 8.0
    drawing = Drawing(width, height)
    plot_w, plot_h = width - left - right, height - bottom - top
    values = [v for _d, v in points]
    marks = [v for v in (target, warning) if v is not None]
    low = min([*values, *marks], default=0.0)
    high = max([*values, *marks], default=1.0)
    if high == low:
        high, low = high + 1, low - 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    drawing.add(
        Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=_GRID, strokeWidth=0.5)
    )

    def y_of(value: float) -> float:
        return bottom + (value - low) / (high - low) * plot_h

    for tick in (low + pad, (low + high) / 2, high - pad):
        drawing.add(
            String(
                left - 4,
                y_of(tick) - 2.5,
                f"{tick:,.4g}",
                fontName=pdf.FONT,
                fontSize=6.5,
                fillColor=_INK,
                textAnchor="end",
            )
        )
    for value, colour, name, dash in (
        (target, _TARGET, "target", None),
        (warning, _WARNING, "warning", [3, 2]),
    ):
        if value is None:
            continue
        y = y_of(value)
        drawing.add(
            Line(left, y, left + plot_w, y, strokeColor=colour, strokeWidth=1, strokeDashArray=dash)
        )
        shown = f"{name} {value:,.4g}{unit if unit == '%' else ''}"
        drawing.add(
            String(
                left + plot_w + 4, y - 2.5, shown, fontName=pdf.FONT, fontSize=6.5, fillColor=colour
            )
        )
    n = len(points)
    if n:
        step = plot_w / max(n - 1, 1)
        xy: list[float] = []
        for i, (_day, value) in enumerate(points):
            xy += [left + i * step if n > 1 else left + plot_w / 2, y_of(value)]
        if n > 1:
            drawing.add(PolyLine(xy, strokeColor=_VALUE, strokeWidth=1.2))
        if n <= 40:
            for i in range(0, len(xy), 2):
                drawing.add(Circle(xy[i], xy[i + 1], 1.6, fillColor=_VALUE, strokeColor=None))
        every = max(1, round(n / 6))
        for i in range(0, n, every):
            drawing.add(
                String(
                    left + i * step if n > 1 else left + plot_w / 2,
                    bottom - 10,
                    label(points[i][0]),
                    fontName=pdf.FONT,
                    fontSize=6.5,
                    fillColor=_INK,
                    textAnchor="middle",
                )
            )
    else:
        drawing.add(
            String(
                left + plot_w / 2,
                bottom + plot_h / 2,
                "Nothing measured yet",
                fontName=pdf.FONT,
                fontSize=8,
                fillColor=_GRID,
                textAnchor="middle",
            )
        )
    return drawing


class TrendChart(Flowable):
    """:func:`trend_drawing` as a flowable that writes its lines straight into the page's content
    (reportlab's graphics format every coordinate through a slow general routine: a report of 200
    charts of 120 values each took 6 s that way)."""

    def __init__(
        self,
        points: Sequence[tuple[dt.date, float]],
        *,
        target: float | None,
        warning: float | None,
        unit: str,
        width: float = 420,
        height: float = 120,
        label: Callable[[dt.date], str] = dt.date.isoformat,
    ) -> None:
        super().__init__()
        self.points, self.target, self.warning, self.unit = list(points), target, warning, unit
        self.width, self.height, self.label = width, height, label

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        # Imported here: the report template's cache of encoded text (the data table's own).
        from qmsdesk.core.exchange.pdf.table import _TextCache

        pdf.register_fonts()
        canvas = self.canv
        code = canvas._code
        cache = _TextCache.of(canvas)
        texts: list[tuple[float, float, str, str, str]] = []  # x, y, text, anchor, colour op
        left, right, bottom, top = 40.0, 70.0, 18.0, 8.0
        plot_w, plot_h = self.width - left - right, self.height - bottom - top
        values = [v for _d, v in self.points]
        marks = [v for v in (self.target, self.warning) if v is not None]
        low = min([*values, *marks], default=0.0)
        high = max([*values, *marks], default=1.0)
        if high == low:
            high, low = high + 1, low - 1
        pad = (high - low) * 0.08
        low, high = low - pad, high + pad
        scale = plot_h / (high - low)

        def y_of(value: float) -> float:
            return bottom + (value - low) * scale

        ink = _fill_op(_INK)
        canvas.saveState()
        code.append(
            f"0.5 w {_stroke_op(_GRID)} {left:.2f} {bottom:.2f} {plot_w:.2f} {plot_h:.2f} re S"
        )
        for tick in (low + pad, (low + high) / 2, high - pad):
            texts.append((left - 4, y_of(tick) - 2.5, f"{tick:,.4g}", "right", ink))
        for value, colour, name, dash in (
            (self.target, _TARGET, "target", "[] 0 d"),
            (self.warning, _WARNING, "warning", "[3 2] 0 d"),
        ):
            if value is None:
                continue
            y = y_of(value)
            code.append(
                f"1 w {dash} {_stroke_op(colour)} {left:.2f} {y:.2f} m "
                f"{left + plot_w:.2f} {y:.2f} l S"
            )
            shown = f"{name} {value:,.4g}{self.unit if self.unit == '%' else ''}"
            texts.append((left + plot_w + 4, y - 2.5, shown, "left", _fill_op(colour)))
        code.append("[] 0 d")
        n = len(self.points)
        if not n:
            texts.append(
                (left + plot_w / 2, bottom + plot_h / 2, "Nothing measured yet", "centre", ink)
            )
        else:
            step = plot_w / max(n - 1, 1)
            xs = [left + i * step if n > 1 else left + plot_w / 2 for i in range(n)]
            ys = [y_of(v) for v in values]
            path = [f"1.2 w {_stroke_op(_VALUE)} {xs[0]:.2f} {ys[0]:.2f} m"]
            path += [f"{x:.2f} {y:.2f} l" for x, y in zip(xs[1:], ys[1:], strict=True)]
            code.append(" ".join(path) + " S")
            if n <= 40:
                dots = " ".join(
                    f"{x - 1.5:.2f} {y - 1.5:.2f} 3 3 re" for x, y in zip(xs, ys, strict=True)
                )
                code.append(f"{_fill_op(_VALUE)} {dots} f")
            every = max(1, round(n / 6))
            for i in range(0, n, every):
                texts.append((xs[i], bottom - 10, self.label(self.points[i][0]), "centre", ink))
        size = 6.5
        code.append("BT")
        font_now = ""
        for x, y, text, anchor, colour in texts:
            width = pdf.text_width(text, pdf.FONT, size)
            start = x - width if anchor == "right" else x - width / 2 if anchor == "centre" else x
            code.append(f"{colour} 1 0 0 1 {start:.2f} {y:.2f} Tm")
            for subset_font, data in cache.runs_of(pdf.FONT, text):
                if subset_font != font_now:
                    code.append(f"{subset_font} {size:g} Tf")
                    font_now = subset_font
                code.append(f"({data}) Tj")
        code.append("ET")
        canvas.restoreState()


def _rgb(colour: colors.Color) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f}"


def _stroke_op(colour: colors.Color) -> str:
    return f"{_rgb(colour)} RG"


def _fill_op(colour: colors.Color) -> str:
    return f"{_rgb(colour)} rg"
