"""Icons: the application icon from resources/, small markers painted in code, and the style's
standard icons for actions (so they follow the desktop theme)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from qmsdesk import paths

# Marker colours: strong enough to read on white and on the light tints of the rows they mark.
OVERDUE_COLOR = QColor("#c62828")
DUE_SOON_COLOR = QColor("#b26a00")
# Row tints; the text on them is set dark so that it stays readable under a dark desktop theme.
OVERDUE_TINT = QColor("#fbe3e3")
DUE_SOON_TINT = QColor("#fff1d0")
TINT_TEXT = QColor("#1f1f1f")
OBSOLETE_TEXT = QColor("#8a8a8a")


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    folder = paths.resource("icons")
    for size in (16, 32, 48, 64, 256):
        png = folder / f"qmsdesk-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _sizes() -> tuple[int, ...]:
    return (16, 24, 32, 48)


@cache
def overdue_icon() -> QIcon:
    """A red warning triangle with an exclamation mark."""
    icon = QIcon()
    for size in _sizes():
        pixmap, p = _canvas(size)
        s = float(size)
        path = QPainterPath(QPointF(s / 2, s * 0.06))
        path.lineTo(QPointF(s * 0.97, s * 0.92))
        path.lineTo(QPointF(s * 0.03, s * 0.92))
        path.closeSubpath()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(OVERDUE_COLOR)
        p.drawPath(path)
        p.setBrush(Qt.GlobalColor.white)
        bar = QRectF(s * 0.44, s * 0.33, s * 0.12, s * 0.34)
        p.drawRoundedRect(bar, s * 0.04, s * 0.04)
        p.drawEllipse(QRectF(s * 0.435, s * 0.72, s * 0.13, s * 0.13))
        p.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def due_soon_icon() -> QIcon:
    """An amber clock."""
    icon = QIcon()
    for size in _sizes():
        pixmap, p = _canvas(size)
        s = float(size)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(DUE_SOON_COLOR)
        p.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
        pen = QPen(Qt.GlobalColor.white, max(1.5, s * 0.1))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        centre = QPointF(s / 2, s / 2)
        p.drawLine(centre, QPointF(s / 2, s * 0.22))
        p.drawLine(centre, QPointF(s * 0.72, s * 0.6))
        p.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def blank_icon() -> QIcon:
    icon = QIcon()
    for size in _sizes():
        pixmap, p = _canvas(size)
        p.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def letter_icon(letter: str, color: str) -> QIcon:
    """A round badge with one letter, for actions the style has no icon for."""
    icon = QIcon()
    for size in _sizes():
        pixmap, p = _canvas(size)
        s = float(size)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        p.drawEllipse(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, int(s * 0.56)))
        p.setFont(font)
        p.setPen(Qt.GlobalColor.white)
        p.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter, letter)
        p.end()
        icon.addPixmap(pixmap)
    return icon


def standard(pixmap: QStyle.StandardPixmap) -> QIcon:
    style = QApplication.style()
    return style.standardIcon(pixmap) if style is not None else QIcon()
