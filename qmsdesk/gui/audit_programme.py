"""The left side of the Audits tab: the programme of a year, and under it the year view (an audit
per month cell, its state in words and colour) and the coverage of the clauses in the last 12
months. It shows what the tab read; the selection and the reading stay with the tab."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
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
from qmsdesk.gui.models.audit_table_model import STATE_COLORS, AuditTableModel, YearModel
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
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for n, (title, sample) in enumerate(AuditTableModel.samples()):
            header.resizeSection(
                n,
                max(
                    metrics.horizontalAdvance(sample) + 30,
                    header.fontMetrics().horizontalAdvance(title) + 26,
                ),
            )

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

        self.addWidget(self.table)
        self.addWidget(self.overview)
        self.setSizes([320, 300])
        self.setChildrenCollapsible(False)

    def show_coverage(self, coverage: list[audits.ClauseCoverage]) -> None:
        tree = self.coverage_tree
        tree.clear()
        date = DateText()
        parents: dict[str, QTreeWidgetItem] = {}
        counts = {c: 0 for c in Coverage}
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
