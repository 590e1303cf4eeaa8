"""The training matrix's names down its side, grouped in department bands.

The matrix lists people department by department; :class:`BandedHeader` labels each band: a strip
left of the names carries the department's name on the band's first row, and a line above that
row runs across the header (the cell delegate draws it on across the grid, see
:func:`band_starts_at`).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QHeaderView, QWidget

from qmsdesk.gui.models.training_matrix_model import DEPARTMENT_ROLE

#: The band strip is at most as wide as this many average characters (longer names elide).
_BAND_CHARS = 14


def department(model: QAbstractItemModel, row: int) -> str:
    return str(model.headerData(row, Qt.Orientation.Vertical, DEPARTMENT_ROLE) or "")


def band_starts_at(model: QAbstractItemModel, row: int) -> bool:
    """True when `row` is the first of its department's band."""
    return row == 0 or department(model, row) != department(model, row - 1)


class BandedHeader(QHeaderView):
    """A vertical header whose rows are grouped in labelled department bands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("matrixPeopleHeader")
        self.band_width = 0

    def fit_bands(self) -> None:
        """Make the band strip as wide as the longest department shown (within a limit)."""
        model = self.model()
        bold = self.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        names = {department(model, r) for r in range(model.rowCount())} if model else set()
        widest = max((metrics.horizontalAdvance(n) for n in names if n), default=0)
        limit = metrics.averageCharWidth() * _BAND_CHARS
        self.band_width = min(widest, limit) + 12 if widest else 0
        self.updateGeometry()
        self.viewport().update()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self.band_width, hint.height())

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        band = QRect(rect.left(), rect.top(), self.band_width, rect.height())
        painter.save()
        super().paintSection(painter, rect.adjusted(self.band_width, 0, 0, 0), logicalIndex)
        painter.restore()
        if not self.band_width:
            return
        model = self.model()
        palette = self.palette()
        painter.save()
        painter.fillRect(band, palette.color(QPalette.ColorRole.AlternateBase))
        if band_starts_at(model, logicalIndex):
            font = self.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            text = QFontMetrics(font).elidedText(
                department(model, logicalIndex), Qt.TextElideMode.ElideRight, band.width() - 8
            )
            painter.drawText(
                band.adjusted(4, 0, -4, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            if logicalIndex > 0:
                painter.setPen(palette.color(QPalette.ColorRole.Mid))
                painter.drawLine(rect.topLeft(), rect.topRight())
        painter.restore()
