"""The document register's filter bar: the search box, the status, type and owner filters, the
Overdue and Due within 30 days chips, and the "n of m shown" count at its right end."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolButton, QWidget

# Only light modules before the window is first shown (see qmsdesk.gui.main_window).
from qmsdesk.core.vocab import (
    STATUS_LABELS,
    TYPE_LABELS,
    DocStatus,
    DocType,
    DocumentQuery,
    RegisterCounts,
    ReviewState,
)
from qmsdesk.gui import icons
from qmsdesk.gui.flow_layout import FlowLayout

STATUS_ALL = "all"
STATUS_CURRENT = "current"
_CURRENT = frozenset({DocStatus.DRAFT, DocStatus.IN_REVIEW, DocStatus.EFFECTIVE})
SEARCH_PLACEHOLDER = "Search code, title, owner, note"


class DocumentFilters(QWidget):
    """The filter bar. `changed` says a filter (not the search text: see ``search``) changed;
    :meth:`query` is what they let through."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The row wraps on a narrow window rather than make the window wider than the screen.
        row = FlowLayout(self)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.search = QLineEdit()
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search")
        self.search.setToolTip(
            "Shows the documents whose code, title, owner or note contain every word you type "
            "(Ctrl+F)"
        )
        self.search.setMinimumWidth(220)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        row.addWidget(search_label)
        row.addWidget(self.search, 3)

        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status filter")
        self.status_combo.addItem("All statuses", STATUS_ALL)
        self.status_combo.addItem("Current (not obsolete)", STATUS_CURRENT)
        for status, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, status.value)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Type filter")
        self.type_combo.addItem("All types", "")
        for doc_type, label in TYPE_LABELS.items():
            self.type_combo.addItem(label, doc_type.value)
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName("Owner filter")
        self.owner_combo.addItem("All owners", "")
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_combo.setMinimumContentsLength(12)
        for text, combo in (
            ("S&tatus:", self.status_combo),
            ("T&ype:", self.type_combo),
            ("O&wner:", self.owner_combo),
        ):
            caption = QLabel(text)
            caption.setBuddy(combo)
            row.addSpacing(4)
            row.addWidget(caption)
            row.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

        self.overdue_chip = _chip(icons.overdue_icon(), "Documents whose review is overdue")
        self.due_chip = _chip(
            icons.due_soon_icon(),
            "Documents whose review falls due within the next 30 days (the overdue ones are under "
            "Overdue)",
        )
        self.overdue_chip.toggled.connect(lambda on: self._chip_toggled(self.overdue_chip, on))
        self.due_chip.toggled.connect(lambda on: self._chip_toggled(self.due_chip, on))
        row.addSpacing(8)
        row.addWidget(self.overdue_chip)
        row.addWidget(self.due_chip)
        row.addStretch(1)
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shownLabel")
        row.addWidget(self.shown_label)
        self.set_counts(RegisterCounts(0, 0, 0))

    def query(self) -> DocumentQuery:
        """What the filters let through (the search text aside)."""
        status = self.status_combo.currentData()
        if status == STATUS_CURRENT:
            statuses = _CURRENT
        elif status and status != STATUS_ALL:
            statuses = frozenset({DocStatus(status)})
        else:
            statuses = frozenset()
        doc_type = self.type_combo.currentData()
        due = None
        if self.overdue_chip.isChecked():
            due = ReviewState.OVERDUE
        elif self.due_chip.isChecked():
            due = ReviewState.DUE_SOON
        return DocumentQuery(
            statuses=statuses,
            types=frozenset({DocType(doc_type)}) if doc_type else frozenset(),
            owner=self.owner_combo.currentData() or "",
            due=due,
        )

    def clear(self) -> None:
        """Every filter back to all, the search box emptied; `changed` is not emitted."""
        for widget in (self.status_combo, self.type_combo, self.owner_combo):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        for chip in (self.overdue_chip, self.due_chip):
            chip.blockSignals(True)
            chip.setChecked(False)
            chip.blockSignals(False)
        self.search.clear()

    def set_owners(self, owners: list[str]) -> bool:
        """The owner filter's choices; True when the owner chosen is no longer one of them (the
        filter is then back to all owners, without `changed`)."""
        wanted = self.owner_combo.currentData() or ""
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem("All owners", "")
        for owner in owners:
            self.owner_combo.addItem(owner, owner)
        index = self.owner_combo.findData(wanted)
        self.owner_combo.setCurrentIndex(max(index, 0))
        self.owner_combo.blockSignals(False)
        return bool(wanted) and index < 0

    def set_counts(self, counts: RegisterCounts) -> None:
        """The chips' counts."""
        self.overdue_chip.setText(f"&Overdue ({counts.overdue})")
        self.due_chip.setText(f"Due within &30 days ({counts.due_soon})")

    def _chip_toggled(self, chip: QToolButton, on: bool) -> None:
        other = self.due_chip if chip is self.overdue_chip else self.overdue_chip
        if on and other.isChecked():
            other.blockSignals(True)
            other.setChecked(False)
            other.blockSignals(False)
        self.changed.emit()


def _chip(icon: QIcon, tip: str) -> QToolButton:
    chip = QToolButton()
    chip.setCheckable(True)
    chip.setIcon(icon)
    chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    chip.setToolTip(tip)
    chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    chip.setStyleSheet(
        "QToolButton { border: 1px solid palette(mid); border-radius: 11px; padding: 2px 8px; }"
        "QToolButton:checked { background: palette(highlight);"
        " color: palette(highlighted-text); border-color: palette(highlight); }"
    )
    return chip
