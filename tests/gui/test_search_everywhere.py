"""Edit > Search Everywhere (Ctrl+K): a record of any register, found and shown."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from qmsdesk.gui import search_everywhere
from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.search_everywhere import SearchEverywhere
from tests.gui import main_window, settings

__all__ = ["main_window", "settings"]  # fixtures


def chosen(window: MainWindow, qtbot: QtBot, text: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the dialog as a user does: type, wait for the list, press Enter."""
    seen: dict[str, Any] = {}

    def run(dialog: SearchEverywhere) -> int:
        qtbot.keyClicks(dialog.box, text)
        qtbot.waitUntil(lambda: dialog.list.count() > 0, timeout=3000)
        seen["lines"] = [dialog.list.item(r).text() for r in range(dialog.list.count())]
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
        return int(dialog.result())

    monkeypatch.setattr(SearchEverywhere, "exec", run)
    window.search_everywhere_action.trigger()
    return seen["lines"]


def test_a_document_code_opens_the_document(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    main_window.tabs.setCurrentIndex(main_window.tabs.count() - 1)
    lines = chosen(main_window, qtbot, "qp-07-01", monkeypatch)
    assert lines[0].startswith("QP-07-01  —  Control of documented information")
    assert lines[0].endswith("[Documents]")
    tab = main_window.documents_tab
    assert main_window.current_register() is tab
    current = tab.current_id()
    assert current is not None
    assert main_window.db is not None
    from qmsdesk.core import documents

    with main_window.db.read() as session:
        assert documents.get_row(session, current).code == "QP-07-01"


def test_a_training_item_opens_on_the_items_page(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = chosen(main_window, qtbot, "TR-IA", monkeypatch)
    assert lines[0].endswith("[Training · training item]")
    tab: Any = main_window.current_register()
    assert tab.tab_title == "Training"
    item = tab.selected_item()
    assert item is not None and item.code == "TR-IA"


def test_the_shortcut_and_nothing_found(main_window: MainWindow, qtbot: QtBot) -> None:
    assert main_window.search_everywhere_action.shortcut().toString() == "Ctrl+K"
    assert main_window.db is not None
    dialog = SearchEverywhere(main_window, main_window.db)
    qtbot.addWidget(dialog)
    dialog.box.setText("no such thing")
    dialog.search()
    assert dialog.list.count() == 0 and "Nothing in any register" in dialog.status.text()
    assert search_everywhere.hit_place.__name__ == "hit_place"
