"""No two live actions share a shortcut: Qt runs neither when they do ("ambiguous")."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QAction, QKeySequence

from qmsdesk.gui.main_window import MainWindow
from tests.gui import main_window, settings

__all__ = ["main_window", "settings"]  # fixtures


def live_shortcuts(window: MainWindow) -> dict[str, list[str]]:
    """Each key of the actions live on the current register, with the actions' texts."""
    keys: dict[str, list[str]] = defaultdict(list)
    register = window.current_register()
    actions = {id(a): a for a in window.findChildren(QAction)}
    if register is not None:
        for item in [*register.edit_actions(), *register.menu_actions()]:
            if item is not None:
                actions[id(item)] = item
    for action in actions.values():
        if not action.isVisible():
            continue
        for key in action.shortcuts():
            if not key.isEmpty():
                text = key.toString(QKeySequence.SequenceFormat.PortableText)
                keys[text].append(action.text().replace("&", ""))
    return keys


def test_no_register_shares_a_shortcut_with_another_action(main_window: MainWindow) -> None:
    clashes = {}
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        title = main_window.tabs.tabText(index)
        for key, texts in live_shortcuts(main_window).items():
            if len(texts) > 1:
                clashes[f"{title}: {key}"] = sorted(texts)
    assert clashes == {}
