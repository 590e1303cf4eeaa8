"""The history dialog's title names the record once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from qmsdesk.gui.dialogs.history import HistoryDialog


def test_the_title_names_the_record_without_repeating_history(qtbot: QtBot) -> None:
    dialog = HistoryDialog(None, title="QM-01", rows=[])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Change history: QM-01"
    assert "No changes to <b>QM-01</b>" in dialog.ui.introLabel.text()
