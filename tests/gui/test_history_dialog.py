"""The history dialog's title names the record once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from qmsdesk.gui.dialogs.history import HistoryDialog


def test_the_title_names_the_record_without_repeating_history(qtbot: QtBot) -> None:
    dialog = HistoryDialog(None, title="QM-01", rows=[])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Change history: QM-01"
    assert "No changes to <b>QM-01</b>" in dialog.ui.introLabel.text()


def test_the_sort_arrow_points_down_for_newest_first(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionHeader

    from qmsdesk.gui.dialogs.history import ReadableSortArrows, shown_arrow

    dialog = HistoryDialog(None, title="QM-01", rows=[])
    qtbot.addWidget(dialog)
    header = dialog.ui.table.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder  # newest first
    assert isinstance(header.style(), ReadableSortArrows)
    # Qt asks for SortUp (an up arrow) for a descending sort; the dialog draws it pointing down.
    up, down = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
    assert shown_arrow(up) == down and shown_arrow(down) == up
