"""The planning registers' charts, painted with QPainter: the risk heat map (likelihood x
consequence, counts per cell, tinted by level) and an objective's trend chart (values against the
target and the warning threshold). Every tint goes with words: the cells hold counts and the
legend names the levels; the lines are labelled."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from qmsdesk.core.risks import HeatMap, Level, RiskScale

LEVEL_COLOURS = {Level.LOW: "#d8eed8", Level.MEDIUM: "#ffe6a6", Level.HIGH: "#f4b6b0"}
_VALUE, _TARGET, _WARNING = QColor("#1f4e8c"), QColor("#2e7d32"), QColor("#b26a00")


class HeatMapView(QWidget):
    """A likelihood x consequence grid with the number of risks in each cell."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.scale = RiskScale()
        self.heat: HeatMap | None = None
        self.setMinimumSize(QSize(170, 170))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(title)

    def set_data(self, heat: HeatMap | None, scale: RiskScale) -> None:
        self.heat, self.scale = heat, scale
        total = heat.total if heat else 0
        self.setToolTip(f"{self.title}: {total} in all. Likelihood up, consequence across.")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 220)

    def cell_count(self, likelihood: int, consequence: int) -> int:
        return self.heat.count(likelihood, consequence) if self.heat else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        steps = self.scale.steps
        left, top, bottom = line * 2.2, line * 1.5, line * 2.4
        side = max(40.0, min(self.width() - left - 4, self.height() - top - bottom))
        cell = side / steps
        total = self.heat.total if self.heat else 0
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRectF(0, 0, self.width(), top), Qt.AlignmentFlag.AlignLeft, f"{self.title} ({total})"
        )
        for lik in range(1, steps + 1):
            for con in range(1, steps + 1):
                rect = QRectF(left + (con - 1) * cell, top + (steps - lik) * cell, cell, cell)
                painter.fillRect(rect, QColor(LEVEL_COLOURS[self.scale.level(lik * con)]))
                painter.setPen(QPen(QColor("#888888"), 0.5))
                painter.drawRect(rect)
                count = self.cell_count(lik, con)
                if count:
                    painter.setPen(QColor("#222222"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.setFont(self.font())
        painter.setPen(self.palette().windowText().color())
        for n in range(1, steps + 1):
            painter.drawText(
                QRectF(left + (n - 1) * cell, top + side, cell, line),
                Qt.AlignmentFlag.AlignCenter,
                str(n),
            )
            painter.drawText(
                QRectF(left - line * 1.1, top + (steps - n) * cell, line, cell),
                Qt.AlignmentFlag.AlignCenter,
                str(n),
            )
        painter.drawText(
            QRectF(left, top + side + line, side, line), Qt.AlignmentFlag.AlignCenter, "Consequence"
        )
        painter.save()
        painter.translate(line * 0.2, top + side / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-side / 2, 0, side, line), Qt.AlignmentFlag.AlignCenter, "Likelihood"
        )
        painter.restore()
        painter.end()


class TrendChart(QWidget):
    """An objective's values over time against its target (solid) and warning (dashed) lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[dt.date, float]] = []
        self.target: float | None = None
        self.warning: float | None = None
        self.unit = ""
        self.label: Callable[[dt.date], str] = dt.date.isoformat
        self.setMinimumSize(QSize(260, 150))
        self.setAccessibleName("Trend chart")

    def set_data(
        self,
        points: Sequence[tuple[dt.date, float]],
        target: float | None,
        warning: float | None,
        unit: str,
        label: Callable[[dt.date], str],
    ) -> None:
        self.points, self.target, self.warning = list(points), target, warning
        self.unit, self.label = unit, label
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self.fontMetrics()
        line = m.height()
        left, right, top, bottom = (
            m.horizontalAdvance("00000.0") + 8,
            m.horizontalAdvance("warning 000.0%") + 8,
            line * 0.6,
            line * 1.8,
        )
        plot = QRectF(
            left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom)
        )
        text_colour = self.palette().windowText().color()
        painter.setPen(QPen(QColor("#888888"), 0.5))
        painter.drawRect(plot)
        if not self.points:
            painter.setPen(text_colour)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Nothing measured yet")
            painter.end()
            return
        values = [v for _d, v in self.points]
        marks = [v for v in (self.target, self.warning) if v is not None]
        low, high = min(values + marks), max(values + marks)
        if high == low:
            high, low = high + 1, low - 1
        pad = (high - low) * 0.08
        low, high = low - pad, high + pad

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height()

        painter.setPen(text_colour)
        for tick in (low + pad, (low + high) / 2, high - pad):
            painter.drawText(
                QRectF(0, y_of(tick) - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{tick:,.4g}",
            )
        for value, colour, name, style in (
            (self.target, _TARGET, "target", Qt.PenStyle.SolidLine),
            (self.warning, _WARNING, "warning", Qt.PenStyle.DashLine),
        ):
            if value is None:
                continue
            pen = QPen(colour, 1.2)
            pen.setStyle(style)
            painter.setPen(pen)
            y = y_of(value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(
                QRectF(plot.right() + 4, y - line / 2, right, line),
                Qt.AlignmentFlag.AlignVCenter,
                f"{name} {value:,.4g}{self.unit if self.unit == '%' else ''}",
            )
        n = len(self.points)
        step = plot.width() / max(n - 1, 1)

        def x_of(i: int) -> float:
            return plot.left() + i * step if n > 1 else plot.center().x()

        points = [QPointF(x_of(i), y_of(v)) for i, (_d, v) in enumerate(self.points)]
        # Segment by segment: an antialiased polyline is stroked as one self-crossing path,
        # 50 ms for 120 points; the segments take half a millisecond.
        painter.setPen(QPen(_VALUE, 1.6))
        painter.drawLines([QLineF(a, b) for a, b in itertools.pairwise(points)])
        if n <= 40:
            painter.setBrush(_VALUE)
            for point in points:
                painter.drawEllipse(point, 2.2, 2.2)
        painter.setPen(text_colour)
        every = max(1, round(n / 6))
        for i in range(0, n, every):
            painter.drawText(
                QRectF(x_of(i) - 40, plot.bottom() + 2, 80, line),
                Qt.AlignmentFlag.AlignHCenter,
                self.label(self.points[i][0]),
            )
        painter.end()
