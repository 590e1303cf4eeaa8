"""Audits in Excel: templates and checklists out and back, the actions register, bad input."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from qmsdesk.cli import run
from qmsdesk.core import actions, audits, people
from qmsdesk.core.audits import AuditFields, QuestionFields, TemplateFields
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.db.models_audits import (
    ActionSource,
    AuditQuestion,
    ChecklistQuestion,
    Finding,
    FindingClass,
    Result,
)
from qmsdesk.core.exchange import audits_xlsx
from qmsdesk.core.exchange.workbook import Action, plan_import

from . import write_book

USER = "lead"
HEADER = ["Audit", "No.", "Clause", "Question", "Result", "Evidence notes"]


@pytest.fixture
def audit(db: Database) -> int:
    """An audit of clause 8.4 with the shipped questions, and a purchasing template."""
    with db.write() as s:
        lead = people.create_person(s, people.PersonFields("E1", "Łukasz Żółć", "Quality"), USER)
        buyer = people.create_person(s, people.PersonFields("E2", "Ann Lee", "Purchasing"), USER)
        audits.create_template(
            s,
            TemplateFields("Purchasing process audit", "Purchasing"),
            USER,
            [
                QuestionFields("8.4.1", "Is the approved list current?", "List with dates"),
                QuestionFields("8.4.3", "Do orders give the drawing revision?", "Two orders"),
            ],
        )
        audit_id = audits.create_audit(
            s,
            AuditFields(
                reference="IA-2026-01",
                title="Purchasing",
                planned_start=dt.date(2026, 3, 1),
                clauses=("8.4",),
                lead_auditor_id=lead,
                auditee_ids=(buyer,),
            ),
            USER,
        )
        audits.create_audit(
            s,
            AuditFields(reference="IA-2026-02", title="Other", planned_start=dt.date(2026, 4, 1)),
            USER,
        )
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
    return audit_id


def counts(db: Database) -> tuple[int, ...]:
    """Rows of the tables an import could write: nothing changed when these are equal."""
    with db.read() as s:
        answered = s.scalar(
            select(func.count()).select_from(AuditQuestion).where(AuditQuestion.result.is_not(None))
        )
        return (
            answered,  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(Finding)),
            s.scalar(select(func.count()).select_from(ChecklistQuestion)),
            s.scalar(select(func.count()).select_from(ChangeRecord)),
        )


def fill_in(path: Path, answers: dict[int, tuple[str, str]], audit_ref: str | None = None) -> None:
    """Key results into an exported checklist as a user would in Excel: {row: (result, notes)}."""
    book = load_workbook(path)
    ws = book["Audit checklist"]
    headers = [c.value for c in ws[1]]
    result_col, notes_col = headers.index("Result") + 1, headers.index("Evidence notes") + 1
    for row, (result, notes) in answers.items():
        ws.cell(row=row, column=result_col).value = result
        ws.cell(row=row, column=notes_col).value = notes
    if audit_ref is not None:
        for row in range(2, ws.max_row + 1):
            ws.cell(row=row, column=1).value = audit_ref
    book.save(path)


# --- the checklist ---------------------------------------------------------------------------


def test_checklist_out_and_back_with_results(db: Database, audit: int, tmp_path: Path) -> None:
    path = tmp_path / "checklist.xlsx"
    written = audits_xlsx.export_checklist(db, path, audit="IA-2026-01")
    with db.read() as s:
        questions = audits.questions_of(s, audit)
    assert written == len(questions)
    book = load_workbook(path, read_only=True)
    rows = list(book["Audit checklist"].iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Audit", "No.", "Clause", "Question", "Evidence to look for", "Result", "Evidence notes",
    )  # fmt: skip
    assert rows[1][:4] == ("IA-2026-01", 1, questions[0].clause, questions[0].question)
    book.close()

    # Unchanged, it plans nothing.
    plan = plan_import(db, path)
    assert plan.problems == [] and not plan.has_changes
    fill_in(path, {2: ("Conforming", "List rev 7"), 3: ("minor nc", "PO 4471: no spec"),
                   4: ("OFI", "Could chart scores")})  # fmt: skip
    plan = audits_xlsx.plan_checklist_import(db, path, "ia-2026-01")
    assert plan.problems == []
    assert [i.action for i in plan.sheets[0].items[:4]] == [
        Action.CHANGE, Action.CHANGE, Action.CHANGE, Action.UNCHANGED,
    ]  # fmt: skip
    plan.apply(db, USER)
    with db.read() as s:
        rows_ = audits.questions_of(s, audit)
        assert [r.result for r in rows_[:4]] == [
            Result.CONFORMING, Result.MINOR_NC, Result.OFI, None,
        ]  # fmt: skip
        assert rows_[1].evidence == "PO 4471: no spec"
        found = audits.findings_of(s, audit)
        assert [(f.classification, f.evidence) for f in found] == [
            (FindingClass.MINOR_NC, "PO 4471: no spec"),
            (FindingClass.OFI, "Could chart scores"),
        ]
        assert found[0].action_ref.startswith("CA-") and found[1].action_ref == ""
    # Export again: the results come out as written.
    audits_xlsx.export_checklist(db, path, audit="IA-2026-01")
    assert not plan_import(db, path).has_changes


def test_a_result_word_the_app_does_not_know(db: Database, audit: int, tmp_path: Path) -> None:
    path = tmp_path / "checklist.xlsx"
    audits_xlsx.export_checklist(db, path, audit="IA-2026-01")
    fill_in(path, {2: ("Conforming", "ok"), 5: ("Passed", "fine")})
    before = counts(db)
    plan = plan_import(db, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("Audit checklist", 5, "Result")]
    assert "'Passed' is not a result QMS Desk knows" in plan.problems[0].message
    with pytest.raises(Exception, match="nothing was imported"):
        plan.apply(db, USER)
    assert counts(db) == before


def test_a_checklist_from_another_audit_is_refused(
    db: Database, audit: int, tmp_path: Path
) -> None:
    path = tmp_path / "checklist.xlsx"
    audits_xlsx.export_checklist(db, path, audit="IA-2026-01")
    fill_in(path, {2: ("Conforming", "seen")})
    before = counts(db)
    # Imported from the other audit's page in the app.
    plan = audits_xlsx.plan_checklist_import(db, path, "IA-2026-02")
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("Audit checklist", 2, "Audit")]
    assert "belongs to audit IA-2026-01, not to IA-2026-02" in plan.problems[0].message
    # Its rows relabelled for the other audit: the questions give it away.
    with db.write() as s:
        other = audits.id_for_reference(s, "IA-2026-02")
        audits.add_question(s, other, QuestionFields("9.2", "Is there a programme?"), USER)  # type: ignore[arg-type]
    before = counts(db)
    fill_in(path, {}, audit_ref="IA-2026-02")
    plan = plan_import(db, path)
    where = [(p.sheet, p.row, p.column) for p in plan.problems]
    assert where[0] == ("Audit checklist", 2, "Question")
    assert "not question 1 of IA-2026-02" in plan.problems[0].message
    assert ("Audit checklist", 3, "No.") in where  # IA-2026-02 has one question only
    assert "has no question 2" in plan.problems[1].message
    assert counts(db) == before


def test_an_audit_reference_that_does_not_exist(db: Database, audit: int, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "typed.xlsx",
        {"Audit checklist": [HEADER, ["IA-2031-07", 1, "8.4", "Anything?", "Conforming", ""]]},
    )
    before = counts(db)
    plan = plan_import(db, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("Audit checklist", 2, "Audit")]
    assert "no audit with the reference 'IA-2031-07'" in plan.problems[0].message
    assert counts(db) == before


def test_one_workbook_one_audit(db: Database, audit: int, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "mixed.xlsx",
        {
            "Audit checklist": [
                HEADER,
                ["IA-2026-01", 1, "", "", "Conforming", ""],
                ["IA-2026-02", 1, "", "", "Conforming", ""],
            ]
        },
    )
    plan = plan_import(db, path)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "Audit")]
    assert "mixes audits" in plan.problems[0].message


def test_a_workbook_without_a_checklist_is_refused_from_an_audit(
    db: Database, audit: int, tmp_path: Path
) -> None:
    path = tmp_path / "templates.xlsx"
    audits_xlsx.export_templates(db, path)
    plan = audits_xlsx.plan_checklist_import(db, path, "IA-2026-01")
    assert "holds no audit checklist" in plan.problems[-1].message
    assert plan.sheets == []


def test_a_reported_audit_takes_no_more_results(db: Database, audit: int, tmp_path: Path) -> None:
    path = tmp_path / "checklist.xlsx"
    audits_xlsx.export_checklist(db, path, audit="IA-2026-01")
    with db.write() as s:
        for q in audits.questions_of(s, audit):
            audits.record_answer(s, q.id, Result.CONFORMING, "", USER)
        row = audits.get_audit(s, audit)
        reported = replace(
            row.fields(), status=audits.AuditStatus.REPORTED, actual_end=row.actual_start
        )
        audits.update_audit(s, audit, reported, USER)
    fill_in(path, {2: ("Major NC", "late")})
    plan = plan_import(db, path)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Audit")]
    assert "is reported" in plan.problems[0].message


# --- templates -------------------------------------------------------------------------------


def test_templates_out_and_back(db: Database, audit: int, tmp_path: Path) -> None:
    path = tmp_path / "templates.xlsx"
    written = audits_xlsx.export_templates(db, path)
    assert written == len(audits.iso_questions()) + len(audits.services_questions()) + 2
    plan = plan_import(db, path)
    assert plan.problems == [] and not plan.has_changes
    # A colleague adds a question to the purchasing template and writes a new one.
    book = load_workbook(path)
    ws = book["Checklist questions"]
    ws.append(["Purchasing process audit", "", None, "8.4.2", "Are certificates checked?", "Certs"])
    ws.append(["Stores audit", "Logistics", None, "8.5.4", "Is stock rotated?", "FIFO labels"])
    book.save(path)
    plan = plan_import(db, path)
    assert plan.problems == []
    actions_ = {i.key: i.action for i in plan.sheets[0].items}
    assert actions_ == {
        audits.ISO_TEMPLATE_NAME: Action.UNCHANGED,
        audits.SERVICES_TEMPLATE_NAME: Action.UNCHANGED,
        "Purchasing process audit": Action.CHANGE,
        "Stores audit": Action.ADD,
    }
    plan.apply(db, USER)
    with db.read() as s:
        by_name = {t.name: t for t in audits.all_templates(s)}
        assert by_name["Purchasing process audit"].questions == 3
        stores = audits.template_questions(s, by_name["Stores audit"].id)
        assert [(q.clause, q.question) for q in stores] == [("8.5.4", "Is stock rotated?")]
        assert by_name["Stores audit"].process == "Logistics"


def test_a_question_that_belongs_to_no_clause(db: Database, tmp_path: Path) -> None:
    header = ["Template", "Clause", "Question", "Evidence to look for"]
    path = write_book(
        tmp_path / "typed.xlsx",
        {
            "Checklist questions": [
                header,
                ["Welding", "8.5.1", "Are welders qualified?", "Certificates"],
                ["Welding", "", "Is the gas right?", ""],
                ["Welding", "12.1", "Is the torch clean?", ""],
            ]
        },
    )
    before = counts(db)
    plan = plan_import(db, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [
        ("Checklist questions", 3, "Clause"),
        ("Checklist questions", 4, "Clause"),
    ]
    assert "needs the clause" in plan.problems[0].message
    assert "'12.1' is not a clause" in plan.problems[1].message
    assert counts(db) == before


def test_the_shipped_template_cannot_be_changed_by_import(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "templates.xlsx"
    audits_xlsx.export_templates(db, path)
    book = load_workbook(path)
    book["Checklist questions"].cell(row=2, column=5).value = "Reworded"
    book.save(path)
    plan = plan_import(db, path)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Template")]
    assert "cannot be changed" in plan.problems[0].message


# --- the actions register --------------------------------------------------------------------


def test_actions_register_export(db: Database, audit: int, tmp_path: Path) -> None:
    with db.write() as s:
        actions.create_action(
            s,
            actions.ActionFields(
                title="Late one",
                source_kind=ActionSource.CUSTOMER_COMPLAINT,
                source_ref="CC-1",
                raised_on=dt.date(2026, 1, 5),
                due_date=dt.date(2026, 2, 1),
                whys=("one", "two"),
            ),
            USER,
            on=dt.date(2026, 3, 1),
        )
    path = tmp_path / "actions.xlsx"
    assert audits_xlsx.export_actions(db, path) == 1
    book = load_workbook(path, read_only=True)
    rows = list(book["Actions"].iter_rows(values_only=True))
    book.close()
    header = rows[0]
    row = dict(zip(header, rows[1], strict=False))
    assert row["Reference"] == "CA-2026-001" and row["Source"] == "Customer complaint"
    assert row["5 whys"] == "one\ntwo" and row["Overdue"] == "OVERDUE"
    assert row["Due date"] == dt.datetime(2026, 2, 1)


def test_command_line_words(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_db = ["--db", str(demo_path)]
    checklist = tmp_path / "c.xlsx"
    # The demo's audits are numbered by year: take the one in progress.
    from qmsdesk.core.db import open_database

    with open_database(demo_path) as db, db.read() as s:
        going = next(
            a.reference for a in audits.audit_rows(s) if a.status == audits.AuditStatus.IN_PROGRESS
        )
    assert (
        run(["export", str(checklist), "--what", "audit-checklist", "--audit", going, *with_db])
        == 0
    )
    fill_in(checklist, {8: ("Not a word", "")})
    assert run(["import", str(checklist), *with_db]) == 1
    err = capsys.readouterr().err
    assert "sheet 'Audit checklist', row 8, column 'Result': 'Not a word' is not a result" in err
    assert run(["export", str(tmp_path / "a.xlsx"), "--what", "actions", *with_db]) == 0
    assert run(["export", str(tmp_path / "t.xlsx"), "--what", "audit-templates", *with_db]) == 0
    assert run(["export", str(tmp_path / "x.xlsx"), "--what", "audit-checklist", *with_db]) == 2
