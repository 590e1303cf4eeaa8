"""Help > About names the same version as `qmsdesk --version` and the installed metadata."""

from __future__ import annotations

import importlib.metadata
from typing import Any

import qmsdesk
from tests.gui import Messages, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures


def test_about_names_the_version(main_window: Any, messages: Messages) -> None:
    main_window.about_action.trigger()
    (text,) = messages.texts("about")
    assert f"QMS Desk {qmsdesk.__version__}</h3>" in text
    assert importlib.metadata.version("qmsdesk") == qmsdesk.__version__


def test_about_speaks_of_every_kind_of_record(main_window: Any, messages: Messages) -> None:
    main_window.about_action.trigger()
    (text,) = messages.texts("about")
    for words in ("risks and objectives", "documents", "training", "internal audits", "actions"):
        assert words in text
    assert "starting with" not in text
