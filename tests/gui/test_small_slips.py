"""Small slips of the window: counts without "(s)", whole numbers without ".0", import problems
wrapped, the backup folder shortened in the middle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qmsdesk.core.backups import BackupPolicy
from qmsdesk.core.documents.rules import parse_months
from qmsdesk.core.errors import Problem
from qmsdesk.core.exchange.workbook import ImportPlan
from qmsdesk.core.reviews import drafting
from qmsdesk.core.text import plural, shown
from qmsdesk.gui.dialogs import ImportPreviewDialog
from qmsdesk.gui.dialogs.backups import BackupsDialog


def test_one_plural_helper() -> None:
    assert plural(0, "question") == "0 questions"
    assert plural(1, "question") == "1 question"
    assert plural(1204, "person", "people") == "1,204 people"
    assert drafting.plural is plural  # still importable where it was


def test_a_whole_number_read_as_a_float_is_quoted_as_typed() -> None:
    assert shown(-5.0) == "-5" and shown(2.5) == "2.5" and shown(" x ") == "x"
    try:
        parse_months(-5.0)  # a workbook's cell: calamine reads -5 as -5.0
    except ValueError as exc:
        assert "'-5' is not" in str(exc)
    else:
        raise AssertionError("-5 months was accepted")


def test_import_problems_wrap_instead_of_being_cut(qtbot: Any) -> None:
    long = (
        "The review interval must be a whole number of months from 0 to 120; '-5' is not. "
        "Write the number of months between reviews, or leave the cell empty."
    )
    plan = ImportPlan(
        path=Path("register.xlsx"),
        db_path=Path("company.qmsdb"),
        problems=[Problem("Documents", 7, "Review (months)", long)],
        sheets=[],
    )
    dialog = ImportPreviewDialog(None, plan=plan)
    qtbot.addWidget(dialog)
    dialog.resize(700, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.ui.problemsTable
    message = table.horizontalHeader().count() - 1
    assert table.wordWrap()
    assert table.columnViewportPosition(message) + table.columnWidth(message) <= (
        table.viewport().width() + 1
    )  # the message fits the width: no horizontal scrolling
    one_line = table.fontMetrics().height() + 8
    qtbot.waitUntil(lambda: table.rowHeight(0) > one_line * 1.5)  # wrapped on several lines


def test_the_backup_folder_is_elided_in_the_middle(qtbot: Any, tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*(f"folder number {i}" for i in range(12)))
    deep.mkdir(parents=True)
    db_path = deep / "company.qmsdb"
    db_path.write_bytes(b"")
    dialog = BackupsDialog(
        None, db_path=db_path, policy=BackupPolicy(), read_only=True, save_policy=None
    )
    qtbot.addWidget(dialog)
    dialog.resize(600, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.folderLabel
    assert label.toolTip() == str(dialog.folder) == label.full_text()
    assert "…" in label.text() and "\n" not in label.text()
    assert label.text().endswith(dialog.folder.name)  # the end of the path stays readable
    assert str(dialog.folder) not in dialog.ui.introLabel.text()  # no path wrapping mid-way
