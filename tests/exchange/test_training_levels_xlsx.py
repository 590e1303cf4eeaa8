"""A records sheet is held to the rule that a classroom course alone reaches level 2."""

from __future__ import annotations

from pathlib import Path

from qmsdesk.core import people, training
from qmsdesk.core.db import Database
from qmsdesk.core.exchange.workbook import plan_import
from qmsdesk.core.training import ItemFields

from . import write_book

USER = "lead"


def test_a_records_sheet_names_the_row(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        people.create_person(s, people.PersonFields("E1", "Ann Lee"), USER)
        training.create_item(
            s, ItemFields("ISO-8", "Clause 8", delivery="Classroom", max_level=3), USER
        )
    path = write_book(
        tmp_path / "records.xlsx",
        {
            "Training records": [
                ["Employee number", "Item code", "Date trained", "Level reached", "Result"],
                ["E1", "ISO-8", "2026-02-01", 2, ""],
                ["E1", "ISO-8", "2026-02-02", 3, "Written test passed"],
                ["E1", "ISO-8", "2026-02-03", 3, ""],
            ]
        },
    )
    plan = plan_import(db, path)
    problems = [str(p) for p in plan.problems]
    assert len(problems) == 1
    assert problems[0].startswith(
        "sheet 'Training records', row 4, column 'Level reached': A classroom course"
    )
