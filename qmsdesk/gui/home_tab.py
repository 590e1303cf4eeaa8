"""The home tab, the first one: what needs the quality lead across every register (overdue
first, each line opening its record), the readiness for the certification audit beside it, and
for a new company file the getting-started checklist whose ticks come from the data.

The lines name records as the core's due list and readiness evidence do (register word, record
id, kind); :attr:`HomeTab.open_record` asks the window to show one (see
:func:`qmsdesk.gui.record_links.show_record`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import readiness
from qmsdesk.core.calendar import register_name
from qmsdesk.core.dates import format_day, today
from qmsdesk.core.due import DueItem
from qmsdesk.core.errors import QmsError
from qmsdesk.core.readiness.home import HomeView, home_view
from qmsdesk.core.readiness.model import State
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.register_tab import RegisterTab
from qmsdesk.gui.settings import Settings

#: The due list shows at most this many lines (the count says how many there are).
SHOWN_MAX = 500
DAYS_CHOICES = (7, 14, 30, 60, 90)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # (register, record id, kind)
_STATE_TINT = {State.MISSING: icons.OVERDUE_TINT, State.PARTLY: icons.DUE_SOON_TINT}


class HomeTab(RegisterTab):
    """What needs me, readiness, getting started."""

    tab_title = "Home"
    find_register = "home"
    menu_title = "Home"  # every letter of it is taken by another Alt+key
    report_key = "readiness"
    report_file_name = "Certification readiness"
    layout_key = "home"

    open_record = Signal(str, int, str)  # register word, record id, kind
    due_counted = Signal(int, int)  # overdue, all

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.view: HomeView | None = None
        self.stale = False  # another register wrote to the file: read again when shown
        layout = QVBoxLayout(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(self.splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        title = QLabel("<b>What needs you</b>")
        title.setObjectName("homeDueTitle")
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(QLabel("Due within"))
        self.days_combo = QComboBox()
        self.days_combo.setObjectName("homeDays")
        for days in DAYS_CHOICES:
            self.days_combo.addItem(f"{days} days", days)
        self.days_combo.setCurrentIndex(DAYS_CHOICES.index(30))
        self.days_combo.currentIndexChanged.connect(lambda _i: self.reload())
        head.addWidget(self.days_combo)
        left_layout.addLayout(head)
        self.due_summary = QLabel()
        self.due_summary.setObjectName("homeDueSummary")
        left_layout.addWidget(self.due_summary)
        self.due_list = QTreeWidget()
        self.due_list.setObjectName("homeDueList")
        self.due_list.setAccessibleName("What needs you")
        self.due_list.setHeaderLabels(["Due", "", "Register", "Reference", "What", "Record"])
        self.due_list.setRootIsDecorated(False)
        self.due_list.setAlternatingRowColors(True)
        self.due_list.setUniformRowHeights(True)
        self.due_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due_list.itemActivated.connect(self._activated)
        self.due_list.setToolTip("Double-click a line (or press Enter) to open its record")
        left_layout.addWidget(self.due_list, 1)
        self.splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 6, 6, 6)
        self.figure = QLabel()
        self.figure.setObjectName("homeReadiness")
        self.figure.setTextFormat(Qt.TextFormat.RichText)
        self.figure.setWordWrap(True)
        right_layout.addWidget(self.figure)
        self.start_box = QGroupBox("Getting started")
        self.start_box.setObjectName("homeGettingStarted")
        self.start_layout = QVBoxLayout(self.start_box)
        right_layout.addWidget(self.start_box)
        self.clauses = QTreeWidget()
        self.clauses.setObjectName("homeClauses")
        self.clauses.setAccessibleName("Readiness clause by clause")
        self.clauses.setHeaderLabels(["Clause", "State", "Why"])
        self.clauses.setAlternatingRowColors(True)
        self.clauses.setWordWrap(True)
        self.clauses.itemActivated.connect(self._activated)
        self.clauses.setToolTip(
            "Open a clause to see its evidence; double-click a record to open it"
        )
        right_layout.addWidget(self.clauses, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def mark_stale(self) -> None:
        """Another register changed the file: read it again now if shown, else when shown."""
        self.stale = True
        if self.isVisible():
            self.reload()

    # --- Register --------------------------------------------------------------------------------

    def database_changed(self) -> None:
        self.reload()

    @property
    def days(self) -> int:
        return int(self.days_combo.currentData() or 30)

    def reload(self, select_id: int | None = None) -> None:
        if self.db is None:
            self.view = None
            self.due_list.clear()
            self.clauses.clear()
            self.due_summary.setText("")
            self.figure.setText("")
            self.start_box.hide()
            return
        self.stale = False
        on = today()
        with self.db.read() as session:
            self.view = home_view(session, on, self.days)
        if not self.read_only:
            try:
                with self.db.write() as session:
                    readiness.remember_seen(session, self.view.readiness)
            except QmsError:  # a mark of what was seen: never worth a message
                pass
        self._fill_due(self.view)
        self._fill_readiness(self.view)
        self.counts_changed.emit()
        self.due_counted.emit(self.view.overdue, len(self.view.due))

    def status_text(self) -> str:
        if self.view is None:
            return ""
        # The due count is in the status bar for every tab (gui.readiness_files).
        return f"Readiness {self.view.readiness.percent}%"

    def focus_search(self) -> None:
        self.due_list.setFocus()

    def clear_filters(self) -> None:
        self.days_combo.setCurrentIndex(DAYS_CHOICES.index(30))

    def save_layout(self, settings: Settings) -> None:
        settings.set_state("home/due", self.due_list.header().saveState())
        if self.splitter is not None:
            settings.set_state("home/splitter", self.splitter.saveState())

    def restore_layout(self, settings: Settings) -> None:
        header = settings.state("home/due")
        if header is not None:
            self.due_list.header().restoreState(header)
        splitter = settings.state("home/splitter")
        if splitter is not None and self.splitter is not None:
            self.splitter.restoreState(splitter)

    # --- filling ---------------------------------------------------------------------------------

    def _fill_due(self, view: HomeView) -> None:
        on = view.on
        self.due_list.setUpdatesEnabled(False)
        self.due_list.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        rows = []
        for item in view.due[:SHOWN_MAX]:
            late = item.overdue(on)
            row = QTreeWidgetItem(
                [
                    format_day(item.due),
                    "Overdue" if late else "Due",
                    register_name(item.register),
                    item.reference,
                    item.what,
                    f"{item.title}" + (f" ({item.owner})" if item.owner else ""),
                ]
            )
            row.setData(0, RECORD_ROLE, (item.register, item.record_id, item.kind))
            if late:
                row.setFont(1, bold)
                row.setForeground(1, QBrush(icons.OVERDUE_COLOR))
            rows.append(row)
        self.due_list.addTopLevelItems(rows)
        if not self.due_list.header().sectionsMoved():
            for col, width in enumerate((96, 64, 120, 110, 220)):
                self.due_list.setColumnWidth(col, width)
        self.due_list.setUpdatesEnabled(True)
        more = len(view.due) - SHOWN_MAX
        text = (
            f"{view.overdue} overdue, {len(view.due) - view.overdue} due within {view.days} days"
            if view.due
            else f"Nothing is overdue or due within {view.days} days."
        )
        if more > 0:
            text += f" (the first {SHOWN_MAX} shown)"
        self.due_summary.setText(text)

    def _fill_readiness(self, view: HomeView) -> None:
        result = view.readiness
        counts = " · ".join(f"{result.count(s)} {readiness.STATE_LABELS[s].lower()}" for s in State)
        self.figure.setText(
            f'<span style="font-size:20pt"><b>{result.percent}%</b></span> ready for the '
            f"certification audit ({result.edition})<br>{counts}<br><i>{result.trend_text()}</i>"
        )
        while self.start_layout.count():
            old = self.start_layout.takeAt(0)
            widget = old.widget() if old is not None else None
            if widget is not None:
                widget.setParent(None)  # gone at once, not at the next turn of the event loop
                widget.deleteLater()
        for step in view.steps:
            mark = "☑" if step.done else "☐"
            label = QLabel(
                f"{mark}  <b>{step.label}</b>" + ("" if step.done else f" — {step.hint}")
            )
            label.setWordWrap(True)
            self.start_layout.addWidget(label)
        self.start_box.setVisible(view.new_file)
        self.clauses.setUpdatesEnabled(False)
        self.clauses.clear()
        for c in result.clauses:
            item = QTreeWidgetItem(
                [c.clause, readiness.STATE_LABELS[c.state], " ".join(c.reasons())]
            )
            item.setToolTip(2, "\n".join(c.reasons()))
            tint = _STATE_TINT.get(c.state)
            if tint is not None:
                item.setBackground(1, QBrush(tint))
                item.setForeground(1, QBrush(icons.TINT_TEXT))
            for e in c.evidence():
                child = QTreeWidgetItem(["", register_name(e.register), e.label()])
                if e.record_id:
                    child.setData(0, RECORD_ROLE, (e.register, e.record_id, e.kind))
                    child.setToolTip(2, "Double-click to open this record")
                item.addChild(child)
            self.clauses.addTopLevelItem(item)
        self.clauses.setColumnWidth(0, 60)
        self.clauses.setColumnWidth(1, 90)
        self.clauses.setUpdatesEnabled(True)

    # --- opening records -------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        found = item.data(0, RECORD_ROLE)
        if found:
            register, record_id, kind = found
            self.open_record.emit(register, int(record_id), kind or "")

    def due_item(self, row: int) -> DueItem | None:
        """The due item shown on line `row` (tests and the window)."""
        if self.view is None or not 0 <= row < min(len(self.view.due), SHOWN_MAX):
            return None
        return self.view.due[row]
