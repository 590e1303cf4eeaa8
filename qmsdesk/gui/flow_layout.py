"""A row of widgets that goes on to a second line when the window is too narrow for it.

A register's filter row (search, drop-downs, chips) is wider than a laptop screen leaves beside the
register list; rather than push the window wider than the screen, the row wraps. This is Qt's
"Flow Layout" example in Python, with the calls of a QHBoxLayout the filter rows use
(``addSpacing``, ``addStretch``), so that a row built for a box layout builds this one unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_gap = 4

    # --- what QHBoxLayout offers ---------------------------------------------------------------

    def addSpacing(self, size: int) -> None:
        self.addItem(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    def addStretch(self, _stretch: int = 0) -> None:
        """Lines are packed from the left: a stretch is a small gap."""
        self.addSpacing(self._spacing)

    def addWidget(self, widget: QWidget, _stretch: int = 0) -> None:
        super().addWidget(widget)

    def setSpacing(self, spacing: int) -> None:
        self._spacing = spacing

    def spacing(self) -> int:
        return self._spacing

    # --- QLayout -----------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """One line with everything on it."""
        margins = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in self._items)
        width += self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height) + QSize(
            margins.left() + margins.right(), margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """As narrow as its widest widget: the rest wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        # Keep a caption with what follows it ("Status:" with its drop-down): a line breaks
        # before a caption, not between it and its widget.
        groups: list[list[QLayoutItem]] = []
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            if groups and _is_caption(groups[-1][-1]):
                groups[-1].append(item)
            else:
                groups.append([item])
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for group in groups:
            hints = [i.sizeHint() for i in group]
            width = sum(h.width() for h in hints) + self._spacing * (len(group) - 1)
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].extend(zip(group, hints, strict=True))
            x += width + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(h.height() for _i, h in line)
            x = area.x()
            for item, hint in line:
                if move:  # centred on the line, as a box layout centres its widgets
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + self._spacing
            y += height + self._line_gap
        return max(0, y - self._line_gap - rect.y()) + margins.bottom()


def _is_caption(item: QLayoutItem) -> bool:
    from PySide6.QtWidgets import QLabel

    widget = item.widget()
    return isinstance(widget, QLabel) and widget.buddy() is not None
