"""At 1366 x 768 (the commonest laptop screen) every register shows its key columns without
scrolling right, none of them cut (issue 16, point 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QToolTip

from qmsdesk.core import documents
from qmsdesk.core.dates import today
from qmsdesk.core.documents import RevisionFields
from qmsdesk.gui.key_columns import KeyColumns
from qmsdesk.gui.main_window import MainWindow
from tests.gui import main_window, settings

__all__ = ["main_window", "settings"]  # fixtures

Role = Qt.ItemDataRole


def shown(window: MainWindow, title: str) -> Any:
    """The register titled `title`, shown in the window at 1366 x 768."""
    window.resize(1366, 768)
    window.show()
    window.build_registers()
    nav = window.tabs
    index = next(i for i in range(nav.count()) if nav.tabText(i) == title)
    nav.setCurrentIndex(index)
    for _ in range(3):
        QApplication.processEvents()
    return nav.widget(index)


def column(model: QAbstractItemModel, heading: str) -> int:
    headings = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    return headings.index(heading)


def text_width(table: QTableView, row: int, col: int) -> int:
    """The width the cell's text (in its own font) and its icon need."""
    index = table.model().index(row, col)
    text = str(index.data(Role.DisplayRole) or "")
    font = index.data(Role.FontRole)
    metrics = QFontMetrics(font if isinstance(font, QFont) else table.font())
    icon = table.iconSize().width() or 16 if index.data(Role.DecorationRole) is not None else 0
    return metrics.horizontalAdvance(text) + (icon + 4 if icon else 0)


def check(table: QTableView, key: list[str], not_cut: list[str]) -> None:
    model = table.model()
    assert model.rowCount() > 0
    header = table.horizontalHeader()
    width = table.viewport().width()
    assert width > 400
    for heading in key:
        c = column(model, heading)
        left = header.sectionViewportPosition(c)
        assert left >= 0 and left + header.sectionSize(c) <= width, (heading, left, width)
    for heading in not_cut:
        c = column(model, heading)
        needed = max(text_width(table, r, c) for r in range(model.rowCount()))
        assert header.sectionSize(c) >= needed, (heading, header.sectionSize(c), needed)
    # The title takes what is left, and the columns after the key ones are reached by scrolling.
    assert header.length() > width


def test_the_documents_key_columns_are_in_view(main_window: MainWindow) -> None:
    tab = shown(main_window, "Documents")
    key = ["Code", "Title", "Status", "Next review"]
    check(tab.table, key, ["Code", "Status", "Next review"])
    # The overdue marker is in the next review column, in view.
    model = tab.table.model()
    overdue = [
        r
        for r in range(model.rowCount())
        if "overdue" in str(model.index(r, column(model, "Next review")).data())
    ]
    assert overdue


def test_the_actions_key_columns_are_in_view(main_window: MainWindow) -> None:
    tab = shown(main_window, "Actions")
    tab.status_combo.setCurrentIndex(tab.status_combo.findText("All statuses"))
    QApplication.processEvents()
    key = ["Reference", "Title", "Status", "Due"]
    check(tab.table, key, ["Reference", "Status", "Due"])
    model = tab.table.model()
    statuses = {model.index(r, column(model, "Status")).data() for r in range(model.rowCount())}
    assert "Awaiting verification" in statuses


def test_the_audit_programmes_key_columns_are_in_view(main_window: MainWindow) -> None:
    tab = shown(main_window, "Audits")
    key = ["Reference", "Title", "Planned", "State", "Lead auditor", "Auditees"]
    check(tab.table, key, ["Reference", "Planned", "State", "Lead auditor", "Auditees"])


def test_a_long_title_elides_and_the_title_gives_way(main_window: MainWindow) -> None:
    tab = shown(main_window, "Actions")
    table = tab.table
    title = column(table.model(), "Title")
    keys = tab.key_columns
    texts = [str(table.model().index(r, title).data()) for r in range(table.model().rowCount())]
    longest = max(texts, key=len)
    assert table.fontMetrics().horizontalAdvance(longest) > table.columnWidth(title)
    assert table.textElideMode() == Qt.TextElideMode.ElideRight
    # Its tooltip gives the whole title (the model's own here).
    row = texts.index(longest)
    assert table.model().index(row, title).data(Qt.ItemDataRole.ToolTipRole) == longest
    # A narrower viewport narrows the title, not the other key columns.
    status = column(table.model(), "Status")
    before = table.columnWidth(status), table.columnWidth(title)
    tab.splitter.setSizes([700, 500])
    QApplication.processEvents()
    assert table.columnWidth(status) == before[0] and table.columnWidth(title) < before[1]
    assert keys.title_column == title


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_key_columns_on_a_plain_table(qtbot: QtBot) -> None:
    """Key columns first, sized from their content, the title taking what is left and, elided,
    given whole in a tooltip when the model has none of its own."""
    model = QStandardItemModel(0, 4)
    model.setHorizontalHeaderLabels(["Notes", "Title", "Status", "Ref"])
    title = "A rather long title that cannot fit in what the narrow viewport leaves it"
    model.appendRow([QStandardItem(t) for t in ("n", title, "Awaiting verification", "R-1")])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(420, 200)
    table.show()
    keys = KeyColumns(table, [3, 1, 2], 1, min_title=60)
    QApplication.processEvents()
    header = table.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(4)] == [3, 1, 2, 0]
    assert header.sectionSize(2) >= table.fontMetrics().horizontalAdvance("Awaiting verification")
    width = table.viewport().width()
    assert header.sectionViewportPosition(2) + header.sectionSize(2) == width
    cell = table.visualRect(model.index(0, 1)).center()
    event = QHelpEvent(QEvent.Type.ToolTip, cell, table.viewport().mapToGlobal(cell))
    assert keys.eventFilter(table.viewport(), event)
    assert QToolTip.text() == title
    # Wider: the title takes the room; the status keeps its width.
    status = header.sectionSize(2)
    table.resize(900, 200)
    QApplication.processEvents()
    assert header.sectionSize(2) == status
    assert header.sectionViewportPosition(2) + status == table.viewport().width()


def test_the_revisions_table_shows_every_column(main_window: MainWindow, tmp_path: Path) -> None:
    tab = shown(main_window, "Documents")
    db = tab.db
    attached = tmp_path / "QM-01 Quality manual, revision E (draft for approval).pdf"
    attached.write_bytes(b"%PDF-1.4 not really")
    with db.read() as session:
        qm01 = documents.id_for_code(session, "QM-01")
    assert qm01 is not None
    with db.write() as session:
        documents.add_revision(
            session,
            qm01,
            RevisionFields("E", today(), "Clause numbering updated", "Test", attached),
            user="Test",
            attachments_dir=db.attachments_dir,
        )
    tab.reload()
    assert tab.select_document(qm01)
    tab._show_details()
    for _ in range(3):
        QApplication.processEvents()
    tree = tab.details.revisions
    assert tree.topLevelItemCount() >= 4
    assert tree.topLevelItem(0).text(4) == attached.name
    header = tree.header()
    width = tree.viewport().width()
    for c in range(tree.columnCount()):
        left = header.sectionViewportPosition(c)
        assert left >= 0 and left + header.sectionSize(c) <= width, (c, left, width)
        if c == 4:
            continue  # the file's name elides, its tooltip gives it whole
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            needed = QFontMetrics(item.font(c)).horizontalAdvance(item.text(c))
            assert header.sectionSize(c) >= needed, (item.text(c), header.sectionSize(c))
    assert header.sectionSize(4) >= tree.fontMetrics().horizontalAdvance("0" * 12)
    assert attached.name in tree.topLevelItem(0).toolTip(4)


def test_a_width_the_user_set_stays_through_a_reload(main_window: MainWindow) -> None:
    tab = shown(main_window, "Actions")
    header = tab.table.horizontalHeader()
    title = column(tab.table.model(), "Title")
    header.resizeSection(title, 250)
    tab.reload()
    for _ in range(3):
        QApplication.processEvents()
    assert header.sectionSize(title) == 250 and tab.key_columns.users


def test_the_audits_tab_gives_the_programme_the_height_of_its_rows(main_window: MainWindow) -> None:
    tab = shown(main_window, "Audits")
    table = tab.table
    rows = table.model().rowCount()
    assert 3 <= rows <= 8
    # Every row in view, and no more than a row's height left empty below them.
    row = table.verticalHeader().defaultSectionSize()
    assert table.viewport().height() >= rows * row
    assert table.viewport().height() - rows * row < 2 * row
    # What is below (the year view beside the audit) has the rest.
    assert tab.details.height() > 400
    # The coverage tree's rows are as tall as every table's.
    tree = tab.coverage_tree
    assert tree.topLevelItemCount() > 0
    assert tree.visualItemRect(tree.topLevelItem(0)).height() == row
    # The year's totals are shown once: in the status bar.
    assert "Late" in tab.status_text()
    texts = [w.text() for w in tab.filters.findChildren(QLabel)]
    assert not [t for t in texts if "Late" in t]
