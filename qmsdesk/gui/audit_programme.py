"""The programme of the Audits tab: the filter bar above it (the year shown, the search and the
year's totals), and on the left the programme of a year with, under it, the year view (an audit
per month cell, its state in words and colour) and the coverage of the clauses in the last 12
months. They show what the tab read; the selection and the reading stay with the tab."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import audits
from qmsdesk.core.audits import Coverage, ProgrammeState
from qmsdesk.gui import icons
from qmsdesk.gui.key_columns import KeyColumns
from qmsdesk.gui.models.audit_table_model import (
    PROGRAMME_KEYS,
    STATE_COLORS,
    STATE_MARKS,
    AuditTableModel,
    YearModel,
)
from qmsdesk.gui.models.document_table_model import DateText

COVERAGE_COLORS = {
    Coverage.COVERED: STATE_COLORS[ProgrammeState.DONE],
    Coverage.PARTLY: QColor("#fff1d0"),
    Coverage.PLANNED: STATE_COLORS[ProgrammeState.PLANNED],
    Coverage.NOT_COVERED: icons.OVERDUE_TINT,
}
COVERAGE_MARKS = {
    Coverage.COVERED: "●",
    Coverage.PARTLY: "◐",
    Coverage.PLANNED: "○",
    Coverage.NOT_COVERED: "✗",
}
_ID = Qt.ItemDataRole.UserRole
#: The year combo's "All years".
ALL_YEARS = 0
SEARCH_DELAY_MS = 150


def totals_text(view: audits.YearView) -> str:
    """The year's audits by state, for the filter bar and the status bar."""
    totals = view.totals()
    parts = [
        f"{STATE_MARKS[s]} {audits.STATE_LABELS[s]} {totals.get(s, 0)}"
        for s in (
            ProgrammeState.PLANNED,
            ProgrammeState.IN_PROGRESS,
            ProgrammeState.DONE,
            ProgrammeState.LATE,
        )
    ]
    return f"{view.year}: " + "  ·  ".join(parts)


class ProgrammeFilters(QWidget):
    """ "Programme of: [year]  Search: [...]" (the year's totals are in the status bar)."""

    year_chosen = Signal()  # another year (or All years) was chosen
    search_typed = Signal()  # the search changed, and typing paused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.setAccessibleName("Year of the programme")
        self.year_combo.currentIndexChanged.connect(lambda _i: self.year_chosen.emit())
        label = QLabel("Progra&mme of:")
        label.setBuddy(self.year_combo)
        row.addWidget(label)
        row.addWidget(self.year_combo)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_typed.emit)
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText("Search reference, title, people, processes")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        search_label = QLabel("Search:")
        search_label.setBuddy(self.search)
        row.addSpacing(6)
        row.addWidget(search_label)
        self.search.setMaximumWidth(self.fontMetrics().horizontalAdvance("0" * 48))
        row.addWidget(self.search, 1)
        # The year's totals (planned, in progress, done, late) are the window's status bar's.
        row.addStretch(1)

    def fill_years(self, years: list[int], shown: int) -> None:
        """The years to choose from (and All years), `shown` chosen; no year_chosen is sent."""
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.addItem("All years", ALL_YEARS)
        self.show_year(shown)
        self.year_combo.blockSignals(False)

    def show_year(self, year: int) -> None:
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(year), 0))

    def year(self) -> int:
        """The year chosen; ALL_YEARS for all."""
        return int(self.year_combo.currentData() or ALL_YEARS)

    def clear_search_quietly(self) -> None:
        """Empty the search without reading the programme again."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)


def make_table(name: str, accessible: str, model: QAbstractItemModel) -> QTableView:
    """A read-only table of whole rows, one line a row, as the tab's tables all are."""
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


class ProgrammePane(QSplitter):
    """The programme table above the year view and the clause coverage."""

    def __init__(
        self, model: AuditTableModel, year_model: YearModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("programmeSplitter")
        self.table = make_table("auditTable", "Audit programme", model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        # Reference, dates, state, lead auditor and auditees first and in view; the title
        # takes what is left.
        keys = ("reference", "title", "planned", "state", "lead", "auditees")
        self.key_columns = KeyColumns(
            self.table,
            [PROGRAMME_KEYS.index(k) for k in keys],
            PROGRAMME_KEYS.index("title"),
            samples={n: c[1] for n, c in enumerate(AuditTableModel.samples()) if n != 1},
            extra={PROGRAMME_KEYS.index("state"): 22},
            min_title=120,
        )
        metrics = self.table.fontMetrics()

        self.year_table = make_table("yearTable", "Year view", year_model)
        year_header = self.year_table.horizontalHeader()
        year_header.setStretchLastSection(False)
        year_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, sample in ((0, "Sep 2026"), (2, "Planned"), (3, "In progress"),
                               (4, "Done"), (5, "Late")):  # fmt: skip
            year_header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.coverage_tree = QTreeWidget()
        self.coverage_tree.setObjectName("coverageTree")
        self.coverage_tree.setAccessibleName("Clause coverage in the last 12 months")
        self.coverage_tree.setHeaderLabels(["Clause", "State", "Last audited", "Audits"])
        self.coverage_tree.setUniformRowHeights(True)
        self.coverage_summary = QLabel()
        self.coverage_summary.setObjectName("coverageSummary")
        self.coverage_summary.setWordWrap(True)
        coverage_page = QWidget()
        coverage_layout = QVBoxLayout(coverage_page)
        coverage_layout.setContentsMargins(0, 4, 0, 0)
        coverage_layout.addWidget(self.coverage_summary)
        coverage_layout.addWidget(self.coverage_tree, 1)
        self.overview = QTabWidget()
        self.overview.setObjectName("overviewTabs")
        self.overview.addTab(self.year_table, "&Year view")
        self.overview.addTab(coverage_page, "Clause &coverage (12 months)")

        # The programme across the top, as tall as its rows; below it the tab puts the overview
        # beside the selected audit (place_below).
        self.addWidget(self.table)
        self.setChildrenCollapsible(False)
        self._fitted_rows = -1

    def place_below(self, widget: QWidget) -> None:
        """Put `widget` (the overview beside the audit's details) below the programme table."""
        self.addWidget(widget)
        self.setStretchFactor(1, 1)

    def fit_table(self, *, force: bool = False) -> None:
        """Make the programme table as tall as its rows (three to eight; more scroll), giving the
        rest of the height to what is below it. Only when that number changes (or `force`), so
        that a height the user dragged stays while the rows stay."""
        rows = min(max(self.table.model().rowCount(), 3), 8)
        if (rows == self._fitted_rows and not force) or self.count() < 2:
            return
        self._fitted_rows = rows
        table = self.table
        height = (
            table.horizontalHeader().sizeHint().height()
            + rows * table.verticalHeader().defaultSectionSize()
            + table.horizontalScrollBar().sizeHint().height()
            + 2 * table.frameWidth()
            + 2
        )
        total = sum(self.sizes()) or self.height()
        self.setSizes([height, max(total - height, 1)])

    def show_coverage(self, coverage: list[audits.ClauseCoverage]) -> None:
        tree = self.coverage_tree
        tree.clear()
        date = DateText()
        parents: dict[str, QTreeWidgetItem] = {}
        counts = {c: 0 for c in Coverage}
        row_height = self.table.verticalHeader().defaultSectionSize()
        for c in coverage:
            counts[c.state] += 1
            item = QTreeWidgetItem(
                [
                    f"{c.clause} {c.title}",
                    f"{COVERAGE_MARKS[c.state]} {audits.COVERAGE_LABELS[c.state]}"
                    + (f" ({', '.join(c.planned)})" if c.state == Coverage.PLANNED else ""),
                    date(c.last_audited),
                    ", ".join(c.audits),
                ]
            )
            item.setData(0, _ID, c.clause)
            item.setSizeHint(3, QSize(1, row_height))  # as tall as every table's rows
            brush = QBrush(COVERAGE_COLORS[c.state])
            item.setBackground(1, brush)
            item.setForeground(1, QBrush(icons.TINT_TEXT))
            item.setToolTip(0, f"{c.clause} {c.title}")
            parent = parents.get(c.clause.rsplit(".", 1)[0]) if "." in c.clause else None
            if parent is None:
                tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            parents[c.clause] = item
        tree.expandToDepth(0)
        tree.resizeColumnToContents(1)
        tree.setColumnWidth(
            0, max(tree.columnWidth(0), self.fontMetrics().horizontalAdvance("0" * 40))
        )
        self.coverage_summary.setText(
            f"Of the {len(coverage)} clauses and sub-clauses of ISO 9001:2015, in the last 12 "
            f"months: <b>{counts[Coverage.COVERED]}</b> audited, "
            f"<b>{counts[Coverage.PARTLY]}</b> partly, <b>{counts[Coverage.PLANNED]}</b> "
            f"planned, <b>{counts[Coverage.NOT_COVERED]}</b> not audited."
        )
