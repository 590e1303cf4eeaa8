"""Training (7.2): self-training is warned about, the effectiveness checks not yet done are listed,
people have education and experience (core, Excel)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from qmsdesk.core import people, training
from qmsdesk.core.db import Database
from qmsdesk.core.exchange.training_xlsx import export_training
from qmsdesk.core.exchange.workbook import plan_import

from ..exchange import write_book

USER = "lead"


def test_a_person_training_themselves_is_warned_about(db: Database) -> None:
    with db.write() as s:
        ann = people.create_person(s, people.PersonFields("E1", "Ann Smith"), USER)
        bob = people.create_person(s, people.PersonFields("E2", "Bob Jones"), USER)
        assert training.self_training_warnings(s, [ann, bob], " ann  SMITH ") == [
            "Ann Smith is both the trainer and a trainee: record who assessed their competence, "
            "or name another trainer."
        ]
        assert training.self_training_warnings(s, [bob], "Ann Smith") == []


def test_the_effectiveness_checks_not_yet_done_are_listed(db: Database) -> None:
    with db.write() as s:
        ann = people.create_person(s, people.PersonFields("E1", "Ann Smith"), USER)
        item = training.create_item(s, training.ItemFields("CNC", "Lathe set-up"), USER)
        training.record_training(s, [ann], item, training.RecordFields(dt.date(2026, 1, 5)), USER)
        training.record_training(
            s,
            [ann],
            item,
            training.RecordFields(
                dt.date(2026, 2, 5),
                effectiveness_method="Observed set-up",
                effectiveness_date=dt.date(2026, 3, 1),
                effectiveness_by="Bob",
                effectiveness_outcome="Competent",
            ),
            USER,
        )
        training.record_training(s, [ann], item, training.RecordFields(dt.date(2026, 5, 30)), USER)
        pending = training.pending_effectiveness(s, dt.date(2026, 6, 1))
        older = training.pending_effectiveness(s, dt.date(2026, 6, 1), older_than_days=30)
    assert [r.trained_on for r in pending] == [dt.date(2026, 1, 5), dt.date(2026, 5, 30)]
    assert [r.trained_on for r in older] == [dt.date(2026, 1, 5)]


def test_people_have_education_and_experience_in_excel_too(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        people.create_person(
            s,
            people.PersonFields(
                "E1", "Ann Smith", education="City & Guilds machining", experience="8 years CNC"
            ),
            USER,
        )
    book = tmp_path / "training.xlsx"
    export_training(db, book)
    workbook = load_workbook(book, read_only=True)
    try:
        rows = workbook["People"].iter_rows(max_row=2)
        header, first = [[c.value for c in row] for row in rows]
    finally:
        workbook.close()
    got = dict(zip(header, first, strict=True))
    assert (got["Education"], got["Experience"]) == ("City & Guilds machining", "8 years CNC")
    path = write_book(
        tmp_path / "people.xlsx",
        {
            "People": [
                ["Employee number", "Name", "Education", "Experience"],
                ["E1", "Ann Smith", "HNC Mechanical engineering", "8 years CNC"],
                ["E2", "Bob Jones", "", "Apprentice, 2 years"],
            ]
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, USER)
    with db.read() as s:
        found = {p.employee_no: (p.education, p.experience) for p in people.all_people(s)}
    assert found == {
        "E1": ("HNC Mechanical engineering", "8 years CNC"),
        "E2": ("", "Apprentice, 2 years"),
    }
