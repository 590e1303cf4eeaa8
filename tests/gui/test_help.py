"""The in-app help speaks of every register the window has, and of keeping data safe."""

from __future__ import annotations

from qmsdesk.gui.help import HELP_HTML


def test_help_covers_every_register_and_data_safety() -> None:
    for words in (
        "document register",
        "Training",
        "Audits",
        "Actions",
        "Management reviews",
        "File &gt; Backups",
        "read-only",
        "Help &gt; Check Database",
        "Ctrl+P",
        "Take Over",
        "32,767 characters",
        "Save a Copy As",
        "Customers",
        "satisfaction results",
        "Changes",
        "Design",
        "When the scope excludes 8.3",
        "Records the auditor asks for",
        "trace it back",
    ):
        assert words in HELP_HTML, words
