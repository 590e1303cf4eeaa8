"""The list of registers down the window's left side, grouped as the standard is.

With a dozen registers and more, a row of tabs no longer fits a laptop's screen (1366 pixels) and
says nothing of how the registers belong together. The navigation lists them under the headings of
ISO 9001's plan-do-check-act structure (clauses 4 to 10), so the list itself teaches where each
record belongs, and shows the current register beside it.

:class:`RegisterNav` answers the part of :class:`QTabWidget`'s interface the window uses (pages
by index in the order they were added, their titles, the current one, ``currentChanged``), so
that the window, the start-up and the tests treat it as they treated the tabs. Page indexes are
the order of adding; the list shows the pages group by group, in :data:`GROUPS` order.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

#: The characters a register's drop-down shows whole before it elides (its list shows all).
COMBO_CHARACTERS = 11


def fit_small_screens(page: QWidget) -> None:
    """Let a register's page fit beside the list on a 1366-pixel laptop screen: its drop-downs
    (filters, choices in its panes) take the width of a short choice rather than of their
    longest one; their lists still show every choice whole."""
    adjusting = (
        QComboBox.SizeAdjustPolicy.AdjustToContents,
        QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow,
    )
    for combo in page.findChildren(QComboBox):
        if combo.sizeAdjustPolicy() in adjusting:
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)


#: The headings, in the order they are shown (no heading: above the first one).
HOME = ""
PLAN = "Plan · clauses 4–6"
SUPPORT = "Support · clause 7"
OPERATION = "Operation · clause 8"
CHECK = "Check · clause 9"
IMPROVE = "Improve · clause 10"
GROUPS = (HOME, PLAN, SUPPORT, OPERATION, CHECK, IMPROVE)

_PAGE = Qt.ItemDataRole.UserRole  # the page index an item stands for (headings: none)


class RegisterNav(QWidget):
    """A list of register pages under group headings, and the current page beside it."""

    currentChanged = Signal(int)  # the index of the page now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("registerList")
        self.list.setAccessibleName("Registers")
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(0)
        # A side bar: the window's colour, not a table's, and a line between it and the page.
        self.list.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.list)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        self._pages: list[QWidget] = []
        self._titles: list[str] = []
        self._groups: list[str] = []
        self._enabled: list[bool] = []
        self._current = -1
        self.list.currentItemChanged.connect(self._item_changed)

    # --- the QTabWidget part the window uses -----------------------------------------------------

    def addTab(self, widget: QWidget, title: str, group: str = HOME) -> int:
        self._pages.append(widget)
        self._titles.append(title)
        self._groups.append(group if group in GROUPS else HOME)
        self._enabled.append(True)
        self.stack.addWidget(widget)
        index = len(self._pages) - 1
        self._rebuild()
        if self._current < 0:
            self.setCurrentIndex(index)
        return index

    def replaceTab(self, index: int, widget: QWidget, title: str) -> None:
        """Put `widget` in place of page `index` (same place, same group), keeping the current
        page as it is."""
        old = self._pages[index]
        self.stack.insertWidget(self.stack.indexOf(old), widget)
        self.stack.removeWidget(old)
        self._pages[index] = widget
        self._titles[index] = title
        self._rebuild()
        if index == self._current:
            self.stack.setCurrentWidget(widget)

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget | None:
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def indexOf(self, widget: QWidget) -> int:
        return next((i for i, page in enumerate(self._pages) if page is widget), -1)

    def tabText(self, index: int) -> str:
        return self._titles[index]

    def setTabText(self, index: int, title: str) -> None:
        self._titles[index] = title
        item = self._item(index)
        if item is not None:
            item.setText(self._label(index))

    def tabGroup(self, index: int) -> str:
        return self._groups[index]

    def setTabEnabled(self, index: int, enabled: bool) -> None:
        self._enabled[index] = enabled
        item = self._item(index)
        if item is not None:
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags if enabled else Qt.ItemFlag.NoItemFlags)

    def currentIndex(self) -> int:
        return self._current

    def currentWidget(self) -> QWidget | None:
        return self.widget(self._current)

    def setCurrentIndex(self, index: int) -> None:
        if not 0 <= index < len(self._pages) or index == self._current:
            return
        self._current = index
        self.stack.setCurrentWidget(self._pages[index])
        item = self._item(index)
        if item is not None and self.list.currentItem() is not item:
            blocked = self.list.blockSignals(True)
            self.list.setCurrentItem(item)
            self.list.blockSignals(blocked)
        if not self.signalsBlocked():
            self.currentChanged.emit(index)

    def setCurrentWidget(self, widget: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(widget))

    def setDocumentMode(self, on: bool) -> None:  # what QTabWidget has; nothing to do here
        pass

    # --- moving through the pages -----------------------------------------------------------------

    def shown_order(self) -> list[int]:
        """The page indexes in the order the list shows them."""
        return [
            index
            for group in GROUPS
            for index, page_group in enumerate(self._groups)
            if page_group == group
        ]

    def step(self, delta: int) -> None:
        """Show the next (1) or the previous (-1) page in the list's order (Ctrl+Page Down/Up)."""
        order = [i for i in self.shown_order() if self._enabled[i]]
        if not order:
            return
        at = order.index(self._current) if self._current in order else -1
        self.setCurrentIndex(order[(at + delta) % len(order)])

    # --- the list ---------------------------------------------------------------------------------

    def _item(self, index: int) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_PAGE) == index:
                return item
        return None

    def _label(self, index: int) -> str:
        """A page's line: indented under its heading."""
        return ("   " if self._groups[index] else "") + self._titles[index]

    def _rebuild(self) -> None:
        blocked = self.list.blockSignals(True)
        self.list.clear()
        heading_font = QFont(self.list.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(max(7.0, heading_font.pointSizeF() * 0.85))
        row_height = self.list.fontMetrics().height() + 10
        for group in GROUPS:
            members = [i for i, g in enumerate(self._groups) if g == group]
            if not members:
                continue
            if group:
                heading = QListWidgetItem(group.upper())
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                heading.setFont(heading_font)
                heading.setForeground(
                    QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
                )
                heading.setSizeHint(QSize(0, row_height + 4))
                heading.setToolTip(f"The registers of ISO 9001's {group.split(' · ')[1]}")
                self.list.addItem(heading)
            for index in members:
                item = QListWidgetItem(self._label(index))
                item.setData(_PAGE, index)
                item.setSizeHint(QSize(0, row_height))
                if not self._enabled[index]:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.addItem(item)
                if index == self._current:
                    self.list.setCurrentItem(item)
        width = max(
            (self.list.fontMetrics().horizontalAdvance(self.list.item(r).text()))
            for r in range(self.list.count())
        )
        self.list.setFixedWidth(min(220, width + 28))
        self.list.blockSignals(blocked)

    def _item_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        index = item.data(_PAGE)
        if isinstance(index, int):
            self.setCurrentIndex(index)
