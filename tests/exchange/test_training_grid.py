"""The training grid as small firms draw it (issue 15, point 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qmsdesk.cli import run
from qmsdesk.core import people, training
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange import mapping as m

from . import write_book


def _history(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ChangeRecord)) or 0)


def _grid(db: Database, path: Path, bad: object = "n/a") -> tuple[Path, str, str, str]:
    with db.read() as session:
        person = people.all_people(session)[0]
        first, second = training.all_items(session)[:2]
    rows = [
        ["Training matrix, spring 2025"],
        ["Name", "Department", first.title, second.code, "Forklift truck", "Forklift truck expiry"],
        [person.name, "Machining", dt.date(2024, 1, 5), "x", "R", None],
        ["Jo Newcomer", "Inspection", "✓", "required", dt.date(2024, 6, 1), dt.date(2027, 6, 1)],
        ["Al Other", "Office", bad, None, "n/a", None],
    ]
    return write_book(path, {"Matrix": rows}), person.employee_no, first.code, second.code


def test_a_grid_adds_people_courses_requirements_and_records(
    demo_db: Database, tmp_path: Path
) -> None:
    book, number, first, second = _grid(demo_db, tmp_path / "grid.xlsx")
    plan = m.plan_mapped(demo_db, book, m.Mapping(register=m.GRID, done_date="2025-01-02"))
    assert plan.problems == []
    assert plan.summary_lines()[:4] == [
        "People: 2 to add, 0 to change, 0 unchanged",
        "Training items: 1 to add, 0 to change, 0 unchanged",
        "Requirements: 6 to add, 0 to change, 0 unchanged",
        "Training records: 4 to add, 0 to change, 0 unchanged",
    ]
    added_people = [i.key for s in plan.sheets if s.title == "People" for i in s.items]
    assert [k.split(" ", 1)[1] for k in added_people] == ["Jo Newcomer", "Al Other"]
    # Every item is shown on the grid's own row.
    records = next(s for s in plan.sheets if s.title == "Training records")
    assert sorted(i.row for i in records.items) == [3, 3, 4, 4]
    plan.apply(demo_db, "tester")
    with demo_db.read() as session:
        everyone = {p.name: p for p in people.all_people(session)}
        jo = everyone["Jo Newcomer"]
        assert jo.department == "Inspection"
        forklift = next(i for i in training.all_items(session) if i.title == "Forklift truck")
        assert forklift.validity_months == 36  # from the expiry column
        done = {
            (r.employee_no, r.item_code, r.trained_on)
            for r in training.record_rows(session)
            if r.employee_no in (number, jo.employee_no)
        }
    assert (number, first, dt.date(2024, 1, 5)) in done
    assert (number, second, dt.date(2025, 1, 2)) in done  # a tick: the date given for ticks
    assert (jo.employee_no, forklift.code, dt.date(2024, 6, 1)) in done
    # The same grid again: nothing to change.
    again = m.plan_mapped(demo_db, book, m.Mapping(register=m.GRID, done_date="2025-01-02"))
    assert again.problems == [] and not again.has_changes


def test_ticks_without_a_date_are_problems_naming_row_column_person_and_course(
    demo_db: Database, tmp_path: Path
) -> None:
    book, *_ = _grid(demo_db, tmp_path / "grid.xlsx")
    before = _history(demo_db)
    plan = m.plan_mapped(demo_db, book, m.Mapping(register=m.GRID))
    where = [(p.row, p.column) for p in plan.problems]
    assert len(where) == 2
    assert where[0][0] == 3 and where[1] == (4, where[1][1])
    assert "says" in plan.problems[1].message and "Jo Newcomer" in plan.problems[1].message
    assert "--done-date" in plan.problems[0].message
    with pytest.raises(QmsError):
        plan.apply(demo_db, "tester")
    assert _history(demo_db) == before


def test_a_cell_neither_a_date_nor_a_known_word(demo_db: Database, tmp_path: Path) -> None:
    book, *_ = _grid(demo_db, tmp_path / "grid.xlsx", bad="maybe")
    before = _history(demo_db)
    plan = m.plan_mapped(demo_db, book, m.Mapping(register=m.GRID, done_date="2025-01-02"))
    assert len(plan.problems) == 1
    problem = plan.problems[0]
    assert (problem.sheet, problem.row) == ("Matrix", 5)
    assert "'maybe'" in problem.message and "Al Other" in problem.message
    assert problem.column not in (None, "")
    with pytest.raises(QmsError):
        plan.apply(demo_db, "tester")
    assert _history(demo_db) == before


def test_a_grid_without_people_is_refused(demo_db: Database, tmp_path: Path) -> None:
    book = write_book(tmp_path / "g.xlsx", {"G": [["Course A", "Course B"], ["x", "x"]]})
    plan = m.plan_mapped(demo_db, book, m.Mapping(register=m.GRID))
    assert "needs a column of people" in plan.problems[0].message


def test_the_command_line_imports_a_grid(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(demo_path) as db:
        book, *_ = _grid(db, tmp_path / "grid.xlsx")
    args = ["import", str(book), "--db", str(demo_path), "--as", "training-grid"]
    assert run(args) == 1
    assert "--done-date" in capsys.readouterr().err
    assert run([*args, "--done-date", "2025-01-02"]) == 0
    out = capsys.readouterr().out
    assert "People: 2 to add" in out and "Imported" in out


def test_a_new_persons_problem_is_named_on_the_grid(demo_db: Database, tmp_path: Path) -> None:
    long_name = "N" * 130
    book = write_book(tmp_path / "g.xlsx", {"Grid": [["Name", "Forklift"], [long_name, "R"]]})
    before = _history(demo_db)
    plan = m.plan_mapped(demo_db, book, m.Mapping(register=m.GRID))
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("Grid", 2, "Name")]
    with pytest.raises(QmsError):
        plan.apply(demo_db, "tester")
    assert _history(demo_db) == before
