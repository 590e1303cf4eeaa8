"""Customer feedback, changes and design in Excel and PDF: round trips, edits coming back, every
problem by sheet, row and column with nothing stored, and the text on the report pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from qmsdesk.cli import run
from qmsdesk.core import changes, design, feedback
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.db.models_planning import ScopeExclusion
from qmsdesk.core.exchange import changes_xlsx, design_xlsx, feedback_xlsx, registry
from qmsdesk.core.exchange.workbook import plan_import

from . import write_book

USER = "lead"


def _sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    book = load_workbook(path, read_only=True)
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


def _history_rows(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeRecord)) or 0


@pytest.mark.parametrize(
    ("word", "export"),
    [
        ("feedback", feedback_xlsx.export_feedback),
        ("changes", changes_xlsx.export_changes),
        ("design", design_xlsx.export_design),
    ],
)
def test_each_register_comes_back_unchanged(
    demo_db: Database, tmp_path: Path, word: str, export: object
) -> None:
    path = tmp_path / f"{word}.xlsx"
    written = registry.EXPORTS[word].write(demo_db, path)
    assert written > 0
    plan = plan_import(demo_db, path)
    assert plan.problems == [] and not plan.has_changes
    assert sum(len(sheet.items) for sheet in plan.sheets) == written


def test_feedback_sheet_cells_and_an_edit_that_comes_back(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "feedback.xlsx"
    feedback_xlsx.export_feedback(demo_db, path)
    rows = _sheet_rows(path, "Feedback")
    header = rows[0]
    burr = next(r for r in rows if r[0] == "CC-0043")
    assert burr[header.index("Customer")] == "Aldridge Hydraulics"
    assert str(burr[header.index("Corrective action")]).startswith("CA-")
    late = next(r for r in rows if r[0] == "CC-0046")
    assert late[header.index("Overdue")] == "OVERDUE"
    # A colleague answers CC-0046 in Excel and adds a compliment.
    book = load_workbook(path)
    ws = book["Feedback"]
    col = {c.value: c.column for c in ws[1]}
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "CC-0046":
            ws.cell(row[0].row, col["Response"], "AS9102 report sent")
            ws.cell(row[0].row, col["Responded on"], dt.date.today())
    ws.append(["CP-0099", "Compliment", dt.date.today(), "Calder Valves", "", "Thanks"])
    book.save(path)
    plan = plan_import(demo_db, path)
    assert plan.problems == []
    assert plan.summary_lines()[0].startswith("Customer feedback: 1 to add, 1 to change")
    plan.apply(demo_db, USER)
    with demo_db.read() as s:
        row = feedback.get_row(s, feedback.id_for_reference(s, "CC-0046") or 0)
        added = feedback.get_row(s, feedback.id_for_reference(s, "CP-0099") or 0)
    assert row.response == "AS9102 report sent" and added.kind == feedback.FeedbackKind.COMPLIMENT


def test_bad_rows_are_refused_by_sheet_row_and_column_and_nothing_is_stored(
    db: Database, tmp_path: Path
) -> None:
    path = write_book(
        tmp_path / "bad.xlsx",
        {
            "Feedback": [
                ["Reference", "Kind", "Received on", "Customer", "Closed on", "Handled by"],
                ["CC-1", "Complaint", "2026-05-01", "Orbis", "2026-05-02", ""],
                ["CC-2", "Complaint", "2026-05-01", "Orbis", "", "Nobody Known"],
            ],
            "Satisfaction": [
                ["Reference", "From", "To", "Method", "Responses", "Score"],
                ["CS-1", "2026-01-01", "2026-03-31", "Questionnaire", 10, 7],
            ],
            "Changes": [
                ["Reference", "Title", "What changes", "Why", "Status"],
                ["CHG-1", "New saw", "Saw", "Old one broke", "Implemented"],
            ],
        },
    )
    before = _history_rows(db)
    plan = plan_import(db, path)
    found = {(p.sheet, p.row, p.column) for p in plan.problems}
    assert ("Feedback", 2, "Closed on") in found  # closed without a response
    assert ("Feedback", 3, "Handled by") in found  # an unknown person
    assert ("Satisfaction", 2, "Score") in found  # outside the scale 1 to 5
    assert ("Changes", 2, "Approved by") in found
    score = next(p for p in plan.problems if p.column == "Score")
    assert "outside the company's scale" in score.message
    with pytest.raises(Exception):  # noqa: B017 - a plan with problems does not apply
        plan.apply(db, USER)
    with db.read() as s:
        assert feedback.all_rows(s) == [] and changes.all_rows(s) == []
    assert _history_rows(db) == before


def test_design_sheets_add_a_project_with_its_stages_and_refuse_while_excluded(
    db: Database, tmp_path: Path
) -> None:
    sheets = {
        "Design projects": [["Reference", "Title", "Started on"], ["DP-9", "Jig", "2026-01-10"]],
        "Design stages": [
            ["Project", "Stage", "Date", "What was done", "Outcome", "Who took part"],
            ["DP-9", "Planning", "2026-01-10", "Plan written", "", ""],
            ["DP-9", "Design review", "2026-02-01", "Model reviewed", "Approved", "Ann, Bo"],
            ["DP-8", "Inputs", "2026-02-01", "Spec", "", ""],
        ],
    }
    path = write_book(tmp_path / "design.xlsx", sheets)
    plan = plan_import(db, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("Design stages", 4, "Project")]
    sheets["Design stages"].pop()
    path = write_book(tmp_path / "design.xlsx", sheets)
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, USER)
    with db.read() as s:
        pid = design.id_for_reference(s, "DP-9") or 0
        stages = design.stages_of(s, [pid])[pid]
    assert [st.kind for st in stages] == [design.StageKind.PLANNING, design.StageKind.REVIEW]
    with db.write() as s:
        s.add(ScopeExclusion(clause="8.3", justification="No design"))
    sheets["Design projects"].append(["DP-10", "Other", "2026-01-10"])
    plan = plan_import(db, write_book(tmp_path / "design2.xlsx", sheets))
    assert any(
        p.sheet == "Design projects" and p.row == 3 and "excluded" in p.message
        for p in plan.problems
    )


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_reports_say_what_the_registers_hold(demo_db: Database, tmp_path: Path) -> None:
    fb = registry.REPORTS["feedback"].write(demo_db, tmp_path / "fb.pdf")
    text = _pdf_text(fb)
    assert "Customer feedback" in text and "CC-0046" in text and "OVERDUE" in text
    assert "CS-2026" in text and "4.4 of 5" in text
    ch = registry.REPORTS["changes"].write(demo_db, tmp_path / "ch.pdf")
    text = _pdf_text(ch)
    assert "CHG-0021" in text and "OVERDUE: review due" in text
    with demo_db.read() as s:
        ref = design.all_rows(s)[0].reference
    dp = registry.REPORTS["design-project"].write(demo_db, tmp_path / "dp.pdf", project=ref)
    text = _pdf_text(dp)
    assert "Hydraulic manifold block HM-40" in text and "Validation" in text
    assert "8.3.4" in text and "Harbrook Aerospace test lab" in text
    with pytest.raises(registry.ParameterError, match="Say which design project"):
        registry.REPORTS["design-project"].write(demo_db, tmp_path / "x.pdf")


def test_the_command_line_exports_and_reports(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "changes.xlsx"
    assert run(["export", str(out), "--db", str(demo_path), "--what", "changes"]) == 0
    assert _sheet_rows(out, "Changes")[1][0] == "CHG-0021"
    pdf_out = tmp_path / "fb.pdf"
    assert run(["report", "feedback", "--db", str(demo_path), "-o", str(pdf_out)]) == 0
    assert pdf_out.stat().st_size > 1000
