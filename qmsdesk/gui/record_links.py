"""Opening a record from anywhere (the home tab's due list, readiness evidence): the window
switches to the register's tab and the tab shows the record.

A register tab answers to its register word as search everywhere finds it (its ``find_register``,
else its ``export_key``: the word the core's due items and evidence name it by, "documents",
"actions"...) and has ``show_record(record_id, kind)`` (False when the record is gone; kind:
the record's kind when the register holds several, such as "finding" or "person"). The same as
:meth:`MainWindow.open_hit`, with a word in the status bar when the record is gone.
"""

from __future__ import annotations

from typing import Any, Protocol


class Window(Protocol):
    """What of the main window opening a record needs (named here, not imported: the window
    imports this module)."""

    registers: list[Any]
    tabs: Any
    file_jobs: Any

    def build_next_register(self) -> bool: ...
    def build_registers(self) -> None: ...


def register_for(window: Window, word: str) -> object | None:
    for register in window.registers:
        if (getattr(register, "find_register", "") or register.export_key) == word:
            return register
    return None


def show_record(window: Window, word: str, record_id: int, kind: str = "") -> bool:
    """Switch to the register `word` and show its record; False (said in the status bar) when
    there is no such register or record."""
    register = register_for(window, word)
    if register is None and window.build_next_register():
        window.build_registers()  # a register not built yet: build the rest now
        register = register_for(window, word)
    show = getattr(register, "show_record", None)
    if register is None or show is None:
        window.file_jobs.show_message(f"No register here shows {word} records.", 8000)
        return False
    window.tabs.setCurrentWidget(register)
    if record_id and show(record_id, kind) is not False:  # None: shown, nothing to say
        return True
    if record_id:
        window.file_jobs.show_message("That record is no longer in the register.", 8000)
    return False
