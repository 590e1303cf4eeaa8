"""Keep a table's key columns in view on a small screen (a 1366-pixel laptop).

`KeyColumns` puts the key columns first (by moving the header's sections, so the model's column
numbers stay as they are), sizes every column but the title from its content (the widest of the
rows read, a sample of the longest value, and the heading), and gives the title column what the
viewport has left after the other key columns, so that they all show without scrolling right.
The title elides, with its full text as a tooltip; the columns after the key ones are reached by
scrolling. It fits the columns again whenever the model is reset (a new file, a reload), until
the widths are the user's: dragged by hand, or put back from the saved layout (a width other than
the one it set last), which it then leaves alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QToolTip

#: Room beside a cell's text: the style's margins and a little air.
_PADDING = 16
#: Room for the sort arrow beside a heading.
_ARROW = 22


class KeyColumns(QObject):
    """The key columns of `table` in view; see the module's docstring."""

    def __init__(
        self,
        table: QTableView,
        key_columns: Sequence[int],
        title_column: int,
        *,
        samples: Mapping[int, str] | None = None,
        extra: Mapping[int, int] | None = None,
        min_title: int = 140,
    ) -> None:
        super().__init__(table)
        self.table = table
        self.key_columns = tuple(key_columns)
        self.title_column = title_column
        self.samples = dict(samples or {})
        self.extra = dict(extra or {})
        self.min_title = min_title
        header = table.horizontalHeader()
        for visual, logical in enumerate(self.key_columns):
            header.moveSection(header.visualIndex(logical), visual)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.viewport().installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self._fit_later)
        model.layoutChanged.connect(self._fill)
        self._pending = False
        self._widths: dict[int, int] = {}  # what it set last
        self.users = False  # the widths are the user's: leave them alone
        self.fit()

    # --- sizing ----------------------------------------------------------------------------------

    def content_width(self, column: int) -> int:
        """The width column `column` needs: its widest cell (of the rows the view reads), its
        sample and its heading."""
        table = self.table
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        bold = table.font()
        bold.setBold(True)
        sample = self.samples.get(column, "")
        width = max(
            table.sizeHintForColumn(column),
            QFontMetrics(bold).horizontalAdvance(sample) + _PADDING if sample else 0,
            metrics.horizontalAdvance(sample) + _PADDING if sample else 0,
        )
        width += self.extra.get(column, 0)
        heading = str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        return max(width + 4, header.fontMetrics().horizontalAdvance(heading) + _ARROW)

    def _left_alone(self) -> bool:
        """True once a width is not the one set last (the user's, or the saved layout's)."""
        if not self.users:
            header = self.table.horizontalHeader()
            last = header.logicalIndex(header.count() - 1)  # stretched by the header itself
            self.users = any(
                header.sectionSize(c) != width for c, width in self._widths.items() if c != last
            )
        return self.users

    def _resize(self, column: int, width: int) -> None:
        self.table.horizontalHeader().resizeSection(column, width)
        self._widths[column] = self.table.horizontalHeader().sectionSize(column)

    def fit(self) -> None:
        """Size every column from its content, then the title from what is left."""
        self._pending = False
        if self._left_alone():
            return
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            if column != self.title_column and not header.isSectionHidden(column):
                self._resize(column, self.content_width(column))
        self._fill()

    def _fit_later(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.fit)

    def _fill(self) -> None:
        """Give the title column what the viewport leaves after the other key columns."""
        if self._left_alone():
            return
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in self.key_columns
            if c != self.title_column and not header.isSectionHidden(c)
        )
        available = self.table.viewport().width() - others
        self._resize(self.title_column, max(self.min_title, available))

    # --- events ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fill()
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.table.indexAt(event.pos())
            if index.isValid() and index.column() == self.title_column:
                own_tip = index.data(Qt.ItemDataRole.ToolTipRole)
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                if not own_tip and text:
                    needed = self.table.fontMetrics().horizontalAdvance(text) + _PADDING
                    if needed > self.table.columnWidth(index.column()):
                        QToolTip.showText(event.globalPos(), text, self.table.viewport())
                        return True
        return super().eventFilter(watched, event)
