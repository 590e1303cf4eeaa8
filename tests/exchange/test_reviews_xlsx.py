"""Management reviews in Excel: a review and the list of reviews go out; review actions updated by
colleagues come back, with every bad row reported by sheet, row and column and nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from qmsdesk.cli import run
from qmsdesk.core import actions, reviews
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.db.models_audits import ActionStatus
from qmsdesk.core.db.models_reviews import ReviewStatus
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange import reviews_xlsx
from qmsdesk.core.exchange.workbook import Action, plan_import

from . import write_book

USER = "lead"
HEADER = ["Review", "Action", "Status", "Done on", "Completion notes"]


def _approved(db: Database) -> reviews.ReviewRow:
    with db.read() as s:
        return next(r for r in reviews.all_reviews(s) if r.status == ReviewStatus.APPROVED)


def _review_actions(db: Database, review_id: int) -> list[actions.ActionRow]:
    with db.read() as s:
        ids = [a.id for _d, a in reviews.review_actions(s, review_id)]
        return actions.fetch_rows(s, ids)


def _state(db: Database) -> tuple[object, ...]:
    """The actions register and the history's size: what a refused import must leave alone."""
    with db.read() as s:
        rows = actions.all_rows(s)
        count = s.scalar(select(func.count()).select_from(ChangeRecord))
    return tuple(rows), count


def _open_action(db: Database) -> tuple[reviews.ReviewRow, actions.ActionRow]:
    review = _approved(db)
    found = [a for a in _review_actions(db, review.id) if a.status == ActionStatus.OPEN]
    return review, found[0]


def test_export_of_one_review(demo_db: Database, tmp_path: Path) -> None:
    review = _approved(demo_db)
    out = tmp_path / "review.xlsx"
    rows = reviews_xlsx.export_review(demo_db, out, review=review.reference)
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == [
        "Review details",
        "Review inputs",
        "Review decisions",
        "Review actions",
        "Read me",
    ]
    details = list(book["Review details"].iter_rows(values_only=True))
    assert details[0][:3] == ("Reference", "Title", "Meeting date")
    assert details[1][0] == review.reference
    assert details[1][2] == dt.datetime.combine(review.meeting_date, dt.time())
    assert "Margaret Hollis" in details[1][5]
    inputs = list(book["Review inputs"].iter_rows(values_only=True))
    assert [r[0] for r in inputs[1:4]] == ["9.3.2 a", "9.3.2 b", "9.3.2 c 1"]
    assert inputs[2][2].startswith("Harbrook Aerospace")
    decisions = list(book["Review decisions"].iter_rows(values_only=True))
    assert [r[0] for r in decisions[1:]] == ["D1", "D2", "D3", "D4"]
    acts = list(book["Review actions"].iter_rows(values_only=True))
    expected = _review_actions(demo_db, review.id)
    assert acts[0] == (
        "Review",
        "Action",
        "Decision",
        "What",
        "Owner",
        "Due date",
        "Status",
        "Done on",
        "Completion notes",
    )
    assert sorted(r[1] for r in acts[1:]) == sorted(a.reference for a in expected)
    book.close()
    assert rows == 1 + (len(inputs) - 1) + (len(decisions) - 1) + len(expected)


def test_export_of_every_review_and_the_template(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "reviews.xlsx"
    reviews_xlsx.export_reviews(demo_db, out)
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["Review actions", "Management reviews", "Read me"]
    listed = list(book["Management reviews"].iter_rows(values_only=True))
    with demo_db.read() as s:
        refs = [r.reference for r in reversed(reviews.all_reviews(s))]
    assert [r[0] for r in listed[1:]] == refs
    approved = next(r for r in listed[1:] if r[7] == "Minutes approved")
    assert approved[12:15] == (4, 6, 3)  # decisions, actions, actions still open
    book.close()
    template = tmp_path / "template.xlsx"
    assert reviews_xlsx.export_review(demo_db, template, template=True) == 0
    book = load_workbook(template, read_only=True)
    assert book["Review actions"].max_row == 1
    book.close()


def test_an_unchanged_export_imports_as_unchanged(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "review.xlsx"
    reviews_xlsx.export_review(demo_db, out, review=_approved(demo_db).reference)
    plan = plan_import(demo_db, out)
    assert plan.problems == [] and plan.notes == []
    (sheet,) = plan.sheets
    assert sheet.count(Action.UNCHANGED) == 6 and not plan.has_changes


def test_colleagues_update_status_and_completion_notes(demo_db: Database, tmp_path: Path) -> None:
    review, action = _open_action(demo_db)
    done = dt.date.today() - dt.timedelta(days=2)
    book = write_book(
        tmp_path / "mine.xlsx",
        {
            "Review actions": [
                ["review ", " ACTION", "status", "Done on", "Notes"],  # headers as typed
                [review.reference.lower(), action.reference, "Done", done.strftime("%d/%m/%Y"),
                 "Second programmer signed off on 3 parts"],
            ]
        },
    )  # fmt: skip
    plan = plan_import(demo_db, book)
    assert plan.problems == []
    (item,) = plan.sheets[0].items
    assert item.action == Action.CHANGE and item.key == action.reference
    assert [c.field for c in item.changes] == ["Status", "Done on", "Completion notes"]
    plan.apply(demo_db, USER)
    with demo_db.read() as s:
        now = actions.get_row(s, action.id)
        last = actions.history_of(s, action.id)[0]
    assert now.status == ActionStatus.AWAITING_VERIFICATION
    assert now.completed_on == done and now.note == "Second programmer signed off on 3 parts"
    assert last.action == "import" and last.user == USER
    # The review stays approved: its actions are followed up in the actions register.
    assert _approved(demo_db).id == review.id


@pytest.mark.parametrize(
    ("review", "action", "column", "words"),
    [
        ("MR-1999", None, "Review", "no management review 'MR-1999'"),
        (None, "ACT-1999-001", "Action", "no action 'ACT-1999-001'"),
        (None, "CA-OTHER", "Action", "was not raised by a management review"),
        ("OTHER", None, "Action", "was raised by another review"),
    ],
)
def test_an_unknown_review_or_action_is_refused_and_nothing_is_written(
    demo_db: Database,
    tmp_path: Path,
    review: str | None,
    action: str | None,
    column: str,
    words: str,
) -> None:
    approved, open_action = _open_action(demo_db)
    good = next(a for a in _review_actions(demo_db, approved.id) if a.id != open_action.id)
    with demo_db.read() as s:
        planned = next(r for r in reviews.all_reviews(s) if r.status == ReviewStatus.PLANNED)
        audit_action = next(
            a for a in actions.all_rows(s) if a.source_kind.value != "management_review"
        )
    review = {"OTHER": planned.reference}.get(review or "", review or approved.reference)
    action = {"CA-OTHER": audit_action.reference}.get(action or "", action or open_action.reference)
    before = _state(demo_db)
    book = write_book(
        tmp_path / "bad.xlsx",
        {
            "Review actions": [
                HEADER,
                [approved.reference, good.reference, "In progress", None, "Started"],
                [review, action, "In progress", None, "Started"],
            ]
        },
    )
    plan = plan_import(demo_db, book)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("Review actions", 3, column)]
    assert words in plan.problems[0].message
    with pytest.raises(QmsError, match="nothing was imported"):
        plan.apply(demo_db, USER)
    assert _state(demo_db) == before


def test_bad_values_are_located_by_sheet_row_and_column(demo_db: Database, tmp_path: Path) -> None:
    review, action = _open_action(demo_db)
    others = [a for a in _review_actions(demo_db, review.id) if a.id != action.id]
    closed = [a for a in others if a.status == ActionStatus.CLOSED]
    working = [a for a in others if a.status != ActionStatus.CLOSED]
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    before = _state(demo_db)
    book = write_book(
        tmp_path / "bad.xlsx",
        {
            "Review actions": [
                HEADER,
                [review.reference, action.reference, "Finished-ish", None, ""],
                [review.reference, closed[0].reference, "In progress", "31/31/2026", ""],
                [review.reference, working[0].reference, "Closed", None, ""],
                [review.reference, working[1].reference, "In progress", tomorrow, ""],
                [review.reference, action.reference, "Open", None, ""],
                ["", "", "Open", None, ""],
            ]
        },
    )
    plan = plan_import(demo_db, book)
    where = [(p.row, p.column) for p in plan.problems]
    assert where == [
        (2, "Status"),
        (3, "Done on"),
        (4, "Done on"),
        (4, "Status"),
        (5, "Done on"),
        (6, "Action"),
        (7, "Review"),
        (7, "Action"),
    ]
    messages = [p.message for p in plan.problems]
    assert "'Finished-ish' is not a status of an action" in messages[0]
    assert "is not a date" in messages[1]
    assert "check of its effectiveness" in " ".join(messages)
    assert "carried out" in messages[2]
    assert messages[4] == "This date cannot be in the future."
    assert "on row 2 too" in messages[5]
    assert all(p.sheet == "Review actions" for p in plan.problems)
    assert _state(demo_db) == before


def test_the_review_workbook_round_trips_through_the_command_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(demo_path) as db:
        review, action = _open_action(db)
    out = tmp_path / "review.xlsx"
    assert run(["export", str(out), "--db", str(demo_path), "--what", "reviews",
                "--review", review.reference]) == 0  # fmt: skip
    assert "(" in capsys.readouterr().out
    book = load_workbook(out)
    sheet = book["Review actions"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Action")].value == action.reference:
            row[header.index("Status")].value = "In progress"
            row[header.index("Completion notes")].value = "Quotes asked"
    book.save(out)
    assert run(["import", str(out), "--db", str(demo_path), "--user", "Ann"]) == 0
    assert "Review actions: 0 to add, 1 to change, 5 unchanged" in capsys.readouterr().out
    with open_database(demo_path) as db, db.read() as s:
        now = actions.get_row(s, action.id)
    assert (now.status, now.note) == (ActionStatus.IN_PROGRESS, "Quotes asked")
    # An unknown review is refused by the command too, with the exit status for arguments.
    assert run(["export", str(out), "--db", str(demo_path), "--what", "reviews",
                "--review", "MR-1999"]) == 2  # fmt: skip
    assert "no management review 'MR-1999'" in capsys.readouterr().err
