"""The training matrix in Excel: the grid, round trips, a department head's sheet, bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from qmsdesk.cli import run
from qmsdesk.core import people, training
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.db.models_training import TrainingRecord
from qmsdesk.core.exchange import training_xlsx
from qmsdesk.core.exchange.workbook import Action, plan_import

from . import write_book

USER = "lead"
RECORD_HEADER = ["Employee number", "Item code", "Date trained", "Level reached", "Trainer"]


def everything(db: Database) -> tuple[object, ...]:
    """People, roles, items, requirements and records, ids aside, and the history's size."""
    with db.read() as s:
        return (
            [dataclasses.replace(p, id=0, manager_id=0) for p in people.all_people(s)],
            [(r.name, r.description) for r in people.all_roles(s)],
            [dataclasses.replace(i, id=0, document_id=0) for i in training.all_items(s)],
            [
                dataclasses.replace(r, id=0, role_id=0, person_id=0, item_id=0)
                for r in training.all_requirements(s)
            ],
            sorted(
                (
                    dataclasses.replace(r, id=0, person_id=0, item_id=0)
                    for r in training.record_rows(s)
                ),
                key=repr,
            ),
            s.scalar(select(func.count()).select_from(ChangeRecord)),
        )


def small(db: Database) -> dict[str, int]:
    """Two people, two items, a role requirement and a record."""
    with db.write() as s:
        ann = people.create_person(
            s, people.PersonFields("E1", "Ann Lee", "Quality", ("Inspector",)), USER
        )
        bob = people.create_person(
            s, people.PersonFields("E2", "Bob Marsh", "Production", ("Machinist",), "E1"), USER
        )
        cnc = training.create_item(s, training.ItemFields("CNC", "CNC turning", max_level=3), USER)
        aware = training.create_item(
            s, training.ItemFields("AWARE", "QMS awareness", validity_months=24), USER
        )
        training.set_role_requirement(s, people.ids_by_role(s)["machinist"], cnc, 2, USER)
        training.record_training(s, [bob], cnc, training.RecordFields(dt.date(2026, 1, 5), 2), USER)
    return {"ann": ann, "bob": bob, "cnc": cnc, "aware": aware}


def fresh(tmp_path: Path, name: str = "fresh.qmsdb") -> Database:
    return open_database(tmp_path / name, create=True)


# --- what the export looks like ---------------------------------------------------------------


def test_the_matrix_sheet_is_a_coloured_grid_with_codes_and_a_legend(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "training.xlsx"
    training_xlsx.export_training(demo_db, path)
    with demo_db.read() as s:
        m = training.compute_matrix(s)
    book = load_workbook(path)
    assert book.sheetnames == [
        "Training matrix",
        "Legend",
        "People",
        "Job roles",
        "Training items",
        "Requirements",
        "Training records",
        "Read me",
    ]
    ws = book["Training matrix"]
    assert ws.freeze_panes == "F2"
    header = [c.value for c in ws[1]]
    assert header[:5] == ["Employee number", "Name", "Department", "Job roles", "Compliance"]
    assert header[5].startswith(m.items[0].code)
    assert ws.cell(1, 6).alignment.text_rotation == 90
    assert ws.max_row == len(m.people) + 2  # people, then the compliance per item
    seen = set()
    for r, person in enumerate(m.people):
        assert ws.cell(r + 2, 1).value == person.employee_no
        ok, required = m.person_compliance(r)
        if required:
            assert ws.cell(r + 2, 5).value == pytest.approx(ok / required)
            assert ws.cell(r + 2, 5).number_format == "0%"
        for c in range(len(m.items)):
            status = training.CellStatus(m.status[r][c])
            cell = ws.cell(r + 2, 6 + c)
            if status == training.CellStatus.NOT_REQUIRED:
                continue
            seen.add(status)
            # Colour AND a short code: never colour alone.
            assert str(cell.value).split()[0] == training.STATUS_CODES[status]
            assert cell.fill.fgColor.rgb.endswith(training.STATUS_COLOURS[status][0])
    assert seen == set(training.CellStatus) - {training.CellStatus.NOT_REQUIRED}
    assert ws.cell(len(m.people) + 2, 2).value == "Compliant per item"
    legend = book["Legend"]
    rows = [tuple(r) for r in legend.iter_rows(values_only=True)]
    meanings = {r[1] for r in rows}
    assert set(training.STATUS_LABELS.values()) <= meanings
    assert set(training.LEVELS.values()) <= meanings


def test_every_user_text_is_written_as_text_never_a_formula(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        people.create_person(
            s, people.PersonFields("=1+1", '=HYPERLINK("x")', "+44 dept", ("@role",)), USER
        )
        training.create_item(s, training.ItemFields("-C1", "=SUM(A1:A2)"), USER)
        training.set_person_requirement(
            s, people.ids_by_employee_no(s)["=1+1"], training.ids_by_item_code(s)["-c1"], 1, USER
        )
    path = tmp_path / "tricky.xlsx"
    training_xlsx.export_training(db, path)
    book = load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
    assert book["People"]["B2"].value == '=HYPERLINK("x")'
    assert book["Training matrix"]["A2"].value == "=1+1"
    target = fresh(tmp_path)
    plan = plan_import(target, path)
    assert plan.problems == []
    plan.apply(target, USER)
    assert everything(target)[:4] == everything(db)[:4]


def test_template_has_the_data_sheets_and_no_grid(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert training_xlsx.export_training(db, path, template=True) == 0
    book = load_workbook(path)
    assert book.sheetnames == [s.name for s in training_xlsx.DATA_SPECS] + ["Read me"]
    assert [c.value for c in book["Training records"][1]][:3] == [
        "Record ID",
        "Employee number",
        "Name",
    ]


# --- round trips -----------------------------------------------------------------------------


def test_export_then_import_into_an_empty_file_gives_back_the_same_data(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "training.xlsx"
    training_xlsx.export_training(demo_db, path)
    # Same file: nothing to do.
    plan = plan_import(demo_db, path)
    assert plan.problems == [] and not plan.has_changes
    # An empty company file with the same documents (items link to them): everything comes back.
    from qmsdesk.core.exchange import documents_xlsx

    docs = tmp_path / "documents.xlsx"
    documents_xlsx.export_documents(demo_db, docs)
    target = fresh(tmp_path)
    for source in (docs, path):
        plan = plan_import(target, source)
        assert plan.problems == []
        plan.apply(target, USER)
    got, want = everything(target), everything(demo_db)
    assert got[:5] == want[:5]


def test_a_department_head_fills_in_the_records_sheet(db: Database, tmp_path: Path) -> None:
    ids = small(db)
    path = tmp_path / "for production.xlsx"
    training_xlsx.export_training(db, path)
    book = load_workbook(path)
    ws = book["Training records"]
    header = [c.value for c in ws[1]]
    assert ws.max_row == 2  # Bob's CNC record
    row = {h: None for h in header}
    row.update(
        {
            "Employee number": "E2",
            "Item code": "aware",  # case forgiven
            "Date trained": dt.date(2026, 3, 2),
            "Level reached": 1,
            "Trainer or provider": "Łukasz Żółć",
            "Hours": 1.5,
        }
    )
    ws.append([row[h] for h in header])
    # ... and adds the effectiveness check of the training already recorded.
    ws.cell(2, header.index("Effectiveness: method") + 1, "Observed at work")
    ws.cell(2, header.index("Effectiveness: date") + 1, dt.date(2026, 2, 20))
    book.save(path)
    plan = plan_import(db, path)
    assert plan.problems == []
    sheet = next(p for p in plan.sheets if p.title == "Training records")
    assert [(i.action, i.key) for i in sheet.items] == [
        (Action.CHANGE, "E2 CNC 2026-01-05"),
        (Action.ADD, "E2 aware 2026-03-02"),
    ]
    assert {c.field for c in sheet.items[0].changes} == {
        "Effectiveness: method",
        "Effectiveness: date",
    }
    plan.apply(db, USER)
    with db.read() as s:
        rows = training.record_rows(s, person_id=ids["bob"])
    assert [(r.item_code, r.trained_on, r.trainer, r.hours) for r in rows] == [
        ("AWARE", dt.date(2026, 3, 2), "Łukasz Żółć", 1.5),
        ("CNC", dt.date(2026, 1, 5), "", None),
    ]
    assert rows[1].effectiveness_method == "Observed at work"
    # Importing the same sheet again changes nothing.
    again = plan_import(db, path)
    assert again.problems == [] and not again.has_changes


def test_people_items_and_requirements_typed_by_hand_import(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "new starters.xlsx",
        {
            "People": [
                ["Employee no", "Name", "Dept", "Job role", "Reports to", "Start date"],
                ["E10", "Chloé Martin", "Production", "Finishing Operator", "E11", "01/03/2026"],
                ["E11", "Grace Adeyemi", "Production", "Supervisor; Trainer", "", "2020-01-06"],
            ],
            "Training items": [
                ["Item code", "Title", "Validity", "Levels used"],
                ["DEB", "Deburring", "", 3],
                ["FA", "First aid", "3 years", ""],
            ],
            "Requirements": [
                ["Job role", "Employee number", "Item code", "Required level"],
                ["Finishing Operator", "", "DEB", 2],
                ["", "E11", "FA", "1"],
            ],
            "Training records": [
                [*RECORD_HEADER, "Hours"],
                ["E10", "DEB", dt.date(2026, 3, 10), 2, "Grace Adeyemi", 6],
            ],
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    assert plan.summary_lines()[:4] == [
        "People: 2 to add, 0 to change, 0 unchanged",
        "Training items: 2 to add, 0 to change, 0 unchanged",
        "Requirements: 2 to add, 0 to change, 0 unchanged",
        "Training records: 1 to add, 0 to change, 0 unchanged",
    ]
    plan.apply(db, USER)
    with db.read() as s:
        chloe = people.get_person(s, people.ids_by_employee_no(s)["e10"])
        assert (chloe.manager_name, chloe.roles, chloe.start_date) == (
            "Grace Adeyemi",
            ("Finishing Operator",),
            dt.date(2026, 3, 1),
        )
        assert people.role_names(s) == ["Finishing Operator", "Supervisor", "Trainer"]
        fa = training.get_item(s, training.ids_by_item_code(s)["fa"])
        assert (fa.validity_months, fa.max_level) == (36, 1)
        m = training.compute_matrix(s, on=dt.date(2026, 6, 1))
    assert m.totals()[training.CellStatus.VALID] == 1
    assert m.totals()[training.CellStatus.MISSING] == 1


# --- bad input: message by sheet, row and column, nothing written ------------------------------


def _refused(db: Database, path: Path) -> list[str]:
    before = everything(db)
    plan = plan_import(db, path)
    assert plan.problems
    with pytest.raises(Exception, match="nothing was imported"):
        plan.apply(db, USER)
    assert everything(db) == before
    return [str(p) for p in plan.problems]


def test_unknown_employee_number_or_item_code_in_a_records_sheet(
    db: Database, tmp_path: Path
) -> None:
    small(db)
    path = write_book(
        tmp_path / "records.xlsx",
        {
            "Training records": [
                RECORD_HEADER,
                ["E1", "CNC", "2026-02-01", 1, "ok row"],
                ["E99", "CNC", "2026-02-01", 1, ""],
                ["E1", "NOPE", "2026-02-01", 1, ""],
            ]
        },
    )
    problems = _refused(db, path)
    assert problems == [
        "sheet 'Training records', row 3, column 'Employee number': There is nobody with the "
        "employee number 'E99', neither in QMS Desk nor on the 'People' sheet. Add the person "
        "first, or correct the number.",
        "sheet 'Training records', row 4, column 'Item code': There is no training item 'NOPE', "
        "neither in QMS Desk nor on the 'Training items' sheet. Add the item first, or correct "
        "the code.",
    ]


def test_a_date_in_the_future_in_a_records_sheet(db: Database, tmp_path: Path) -> None:
    small(db)
    tomorrow = training.today() + dt.timedelta(days=1)
    path = write_book(
        tmp_path / "records.xlsx",
        {"Training records": [RECORD_HEADER, ["E1", "CNC", tomorrow, 1, ""]]},
    )
    (problem,) = _refused(db, path)
    assert problem.startswith("sheet 'Training records', row 2, column 'Date trained': ")
    assert "is in the future" in problem


def test_a_level_outside_the_scale(db: Database, tmp_path: Path) -> None:
    small(db)
    path = write_book(
        tmp_path / "records.xlsx",
        {
            "Training records": [
                RECORD_HEADER,
                ["E1", "CNC", "2026-02-01", 4, ""],  # CNC uses levels 1 to 3
                ["E1", "AWARE", "2026-02-01", 2, ""],  # AWARE uses level 1 only
            ],
            "Requirements": [
                ["Job role", "Item code", "Required level"],
                ["Inspector", "CNC", 7],
            ],
        },
    )
    problems = _refused(db, path)
    assert problems[0] == (
        "sheet 'Training records', row 2, column 'Level reached': Level 4 is outside the scale "
        "of this item (1 to 3: 1 Aware, 2 Trained under supervision, 3 Competent)."
    )
    assert problems[1].startswith("sheet 'Training records', row 3, column 'Level reached': ")
    assert "1 only" in problems[1]
    assert problems[2].startswith("sheet 'Requirements', row 2, column 'Required level': ")
    assert "Level 7 is outside the scale of CNC" in problems[2]


def test_a_person_listed_twice(db: Database, tmp_path: Path) -> None:
    small(db)
    path = write_book(
        tmp_path / "people.xlsx",
        {
            "People": [
                ["Employee number", "Name", "Department"],
                ["E5", "Rui Costa", "Maintenance"],
                ["E6", "Ian Fletcher", "Maintenance"],
                ["e5", "Rui Costa", "Maintenance"],
            ]
        },
    )
    (problem,) = _refused(db, path)
    assert problem == (
        "sheet 'People', row 4, column 'Employee number': The employee number 'e5' is on row 2 "
        "too: the same person is listed twice. Each person goes on one row only (rows 2 and 4)."
    )


def test_a_row_repeated_on_each_sheet(db: Database, tmp_path: Path) -> None:
    small(db)
    with db.read() as s:
        (record_id,) = [r.id for r in training.record_rows(s)]
    path = write_book(
        tmp_path / "twice.xlsx",
        {
            "Job roles": [
                ["Job role", "Description"],
                ["Inspector", "Checks parts"],
                ["  inspector", ""],
                ["R" * 81, ""],
            ],
            "Training items": [["Item code", "Title"], ["CNC", "CNC turning"], ["cnc", "Again"]],
            "Requirements": [
                ["Job role", "Employee number", "Item code", "Required level"],
                ["Machinist", "", "CNC", 2],
                ["Machinist", "", "cnc", 3],
                ["Machinist", "E1", "CNC", 1],
            ],
            "Training records": [
                ["Record ID", *RECORD_HEADER],
                [record_id, "E2", "CNC", "2026-01-05", 2, ""],
                [record_id, "E2", "CNC", "2026-01-06", 2, ""],
                ["", "E1", "AWARE", "2026-01-07", 1, ""],
                ["", "e1", "aware", "2026-01-07", 1, "Again"],
            ],
        },
    )
    assert _refused(db, path) == [
        "sheet 'Job roles', row 3, column 'Job role': The role 'inspector' is on row 2 too; "
        "each role goes on one row only.",
        "sheet 'Job roles', row 4, column 'Job role': At most 80 characters are allowed.",
        "sheet 'Training items', row 3, column 'Item code': The item code 'cnc' is on row 2 too; "
        "each item goes on one row only (rows 2 and 3).",
        "sheet 'Requirements', row 3, column 'Item code': Machinist needs cnc on row 2 too; give "
        "each requirement one row.",
        "sheet 'Requirements', row 4, column 'Employee number': Give either a job role or an "
        "employee number on a row, not both: a role's requirement applies to everyone holding "
        "it.",
        f"sheet 'Training records', row 3, column 'Record ID': Record {record_id} is on row 2 "
        "too; each record goes on one row only.",
        "sheet 'Training records', row 5, column 'Date trained': e1 is recorded in aware on "
        "2026-01-07 on row 4 too; give each training one row.",
    ]


def test_what_the_plan_calls_each_row_and_what_it_changes(db: Database, tmp_path: Path) -> None:
    small(db)
    path = write_book(
        tmp_path / "plan.xlsx",
        {
            "People": [
                ["Employee number", "Name", "Department"],
                ["E1", "Ann Lee", "Quality"],
                ["E3", "Cy Dunn", "Stores"],
            ],
            "Training items": [["Item code", "Title"], ["CNC", "CNC turning"]],
            "Requirements": [
                ["Job role", "Employee number", "Item code", "Required level"],
                ["Machinist", "", "CNC", 3],
                ["", "E1", "AWARE", 1],
            ],
            # Bob's record, without its ID: the only record of that person, item and date.
            "Training records": [RECORD_HEADER, ["E2", "CNC", "2026-01-05", 2, "Jo"]],
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    assert [
        (s.title, [(i.action, i.key, i.row, [tuple(c) for c in i.changes]) for i in s.items])
        for s in plan.sheets
    ] == [
        ("People", [(Action.UNCHANGED, "E1 Ann Lee", 2, []), (Action.ADD, "E3 Cy Dunn", 3, [])]),
        ("Training items", [(Action.UNCHANGED, "CNC CNC turning", 2, [])]),
        (
            "Requirements",
            [
                (
                    Action.CHANGE,
                    "Machinist: CNC at level 3",
                    2,
                    [("Required level", "2", "3")],
                ),
                (Action.ADD, "E1: AWARE at level 1", 3, [("Required level", "", "1")]),
            ],
        ),
        (
            "Training records",
            [(Action.CHANGE, "E2 CNC 2026-01-05", 2, [("Trainer or provider", "", "Jo")])],
        ),
    ]
    plan.apply(db, USER)
    with db.read() as s:
        (record,) = training.record_rows(s)
        assert record.trainer == "Jo"
        needs = [(r.role or r.employee_no, r.required_level) for r in training.all_requirements(s)]
        assert sorted(needs) == [("E1", 1), ("Machinist", 3)]


def test_a_requirement_for_a_role_that_does_not_exist(db: Database, tmp_path: Path) -> None:
    small(db)
    path = write_book(
        tmp_path / "needs.xlsx",
        {
            "Requirements": [
                ["Job role", "Item code", "Required level"],
                ["Machinist", "AWARE", 1],
                ["Welder", "AWARE", 1],
            ]
        },
    )
    (problem,) = _refused(db, path)
    assert problem == (
        "sheet 'Requirements', row 3, column 'Job role': There is no job role 'Welder', neither "
        "in QMS Desk nor on the sheets 'Job roles' or 'People'. Add the role first, or correct "
        "its name."
    )
    # Named on the People sheet of the same workbook, the role is known.
    path = write_book(
        tmp_path / "needs and people.xlsx",
        {
            "People": [["Employee number", "Name", "Job roles"], ["E7", "Tom", "Welder"]],
            "Requirements": [["Job role", "Item code", "Required level"], ["Welder", "AWARE", 1]],
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, USER)
    with db.read() as s:
        assert [r.role for r in training.all_requirements(s)] == ["Machinist", "Welder"]


def test_a_record_moved_to_another_person_and_a_person_who_had_left(
    db: Database, tmp_path: Path
) -> None:
    ids = small(db)
    with db.write() as s:
        people.mark_left(s, ids["ann"], dt.date(2026, 1, 31), USER)
        (record_id,) = [r.id for r in training.record_rows(s)]
    path = write_book(
        tmp_path / "records.xlsx",
        {
            "Training records": [
                ["Record ID", *RECORD_HEADER],
                [record_id, "E1", "CNC", "2026-01-05", 2, ""],
                ["", "E1", "CNC", "2026-02-05", 1, ""],
            ]
        },
    )
    problems = _refused(db, path)
    assert "is E2's record of CNC" in problems[0] and "column 'Record ID'" in problems[0]
    assert "Ann Lee left on 2026-01-31" in problems[1] and "row 3" in problems[1]


def test_cli_export_and_import_of_the_training_workbook(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "training.xlsx"
    assert run(["export", str(out), "--db", str(demo_path), "--what", "training"]) == 0
    assert "Wrote" in capsys.readouterr().out
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "Training matrix"
    book.close()
    assert run(["import", str(out), "--db", str(demo_path), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "Training records: 0 to add, 0 to change" in printed
    bad = write_book(
        tmp_path / "bad.xlsx",
        {"Training records": [RECORD_HEADER, ["NOBODY", "TR-AWARE", "2026-01-01", 1, ""]]},
    )
    with open_database(demo_path) as db, db.read() as s:
        before = s.scalar(select(func.count()).select_from(TrainingRecord))
    assert run(["import", str(bad), "--db", str(demo_path)]) == 1
    assert "column 'Employee number'" in capsys.readouterr().err
    with open_database(demo_path) as db, db.read() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == before
