"""The context registers in Excel: out and back unchanged, a colleague's changes, and every
problem by sheet, row and column with nothing stored changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from qmsdesk.cli import run
from qmsdesk.core import context
from qmsdesk.core.context import ExclusionFields, IssueFields, PartyFields, ScopeFields
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.exchange import context_xlsx
from qmsdesk.core.exchange.workbook import Action, plan_import

from . import write_book

USER = "lead"


@pytest.fixture
def filled(db: Database) -> Database:
    with db.write() as s:
        context.create_issue(
            s,
            IssueFields(
                "CI-01", "Energy costs", category="Economic", last_reviewed=dt.date(2026, 1, 5)
            ),
            USER,
        )
        context.create_party(s, PartyFields("Customers", needs="On time"), USER)
        context.save_scope(
            s, ScopeFields("Machining", "Unit 4", "Parts\nFixtures", "Right first time"), USER
        )
        context.save_exclusion(s, ExclusionFields("8.5.1 f", "Outsourced"), USER)
    return db


def _history(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeRecord)) or 0


def test_out_and_back_unchanged(filled: Database, tmp_path: Path) -> None:
    path = tmp_path / "context.xlsx"
    assert (
        context_xlsx.export_context(filled, path) == 1 + 1 + 6
    )  # scope: statement, a site, two products, an exclusion, the policy
    book = load_workbook(path, read_only=True)
    assert book.sheetnames[:3] == ["Context issues", "Interested parties", "Scope and exclusions"]
    rows = list(book["Context issues"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Reference", "Internal / external", "Category", "Issue")
    assert rows[1][:4] == ("CI-01", "External", "Economic", "Energy costs")
    assert rows[1][7] == dt.datetime(2026, 1, 5)  # a real date
    scope = list(book["Scope and exclusions"].iter_rows(values_only=True))
    assert ("Not applicable", "8.5.1 f", "Outsourced") in scope
    assert ("Product or service", None, "Fixtures") in scope or (
        "Product or service",
        "",
        "Fixtures",
    ) in scope
    book.close()
    plan = plan_import(filled, path)
    assert plan.problems == [] and not plan.has_changes


def test_a_colleagues_changes_come_in(filled: Database, tmp_path: Path) -> None:
    path = tmp_path / "context.xlsx"
    context_xlsx.export_context(filled, path)
    book = load_workbook(path)
    issues = book["Context issues"]
    issues.append(["CI-02", "internal", "People", "One CMM programmer"])
    issues.cell(row=2, column=3).value = "Economic and energy"
    book["Interested parties"].append(["Certification body", "External", "Evidence"])
    scope = book["Scope and exclusions"]
    scope.append(["Site", "", "Unit 5"])
    scope.append(["Not applicable", "7.1.5.2", "No measurements need traceability"])
    book.save(path)
    plan = plan_import(filled, path)
    assert plan.problems == []
    by_sheet = {p.sheet: {i.key: i.action for i in p.items} for p in plan.sheets}
    assert by_sheet["Context issues"] == {"CI-01": Action.CHANGE, "CI-02": Action.ADD}
    assert by_sheet["Interested parties"]["Certification body"] == Action.ADD
    assert by_sheet["Scope and exclusions"]["Sites"] == Action.CHANGE
    assert by_sheet["Scope and exclusions"]["Not applicable: 7.1.5.2"] == Action.ADD
    assert by_sheet["Scope and exclusions"]["Scope statement"] == Action.UNCHANGED
    plan.apply(filled, USER)
    with filled.read() as s:
        assert [(r.reference, r.side, r.category) for r in context.all_issues(s)] == [
            ("CI-02", "internal", "People"),
            ("CI-01", "external", "Economic and energy"),
        ]
        got = context.get_scope(s)
        assert got.sites == ("Unit 4", "Unit 5") and got.products == ("Parts", "Fixtures")
        assert [e.clause for e in got.exclusions] == ["7.1.5.2", "8.5.1 f"]
        assert {p.name for p in context.all_parties(s)} == {"Customers", "Certification body"}


def test_problems_by_sheet_row_and_column_and_nothing_stored(
    filled: Database, tmp_path: Path
) -> None:
    before = _history(filled)
    path = write_book(
        tmp_path / "bad.xlsx",
        {
            "Context issues": [
                ["Reference", "Internal / external", "Issue", "Last reviewed", "Next review"],
                ["CI-05", "Sideways", "Something", "2026-06-01", "2026-01-01"],
                ["", "Internal", "No reference"],
                ["CI-06", "Internal", "Fine"],
                ["ci-06", "Internal", "Twice"],
            ],
            "Scope and exclusions": [
                ["Part", "Clause", "Text"],
                ["Not applicable", "8.9", "No such clause"],
                ["Exclusion", "8.3", "We do not design"],
                ["Not applicable", "8.3", "Twice"],
                ["Something else", "", "?"],
            ],
        },
    )
    plan = plan_import(filled, path)
    found = {(p.sheet, p.row, p.column): p.message for p in plan.problems}
    assert "write Internal or External" in found[("Context issues", 2, "Internal / external")]
    assert "before the last review" in found[("Context issues", 2, "Next review")]
    assert "reference is required" in found[("Context issues", 3, "Reference")]
    assert "on row 4 too" in found[("Context issues", 5, "Reference")]
    assert found[("Scope and exclusions", 2, "Clause")] == "ISO 9001:2015 has no clause 8.9."
    assert "on row 3 too" in found[("Scope and exclusions", 4, "Clause")]
    assert "not a part of the scope" in found[("Scope and exclusions", 5, "Part")]
    with pytest.raises(Exception, match="problem"):
        plan.apply(filled, USER)
    assert _history(filled) == before
    with filled.read() as s:
        assert [r.reference for r in context.all_issues(s)] == ["CI-01"]
        assert [e.clause for e in context.exclusions(s)] == ["8.5.1 f"]


def test_command_line_export_and_report(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_db = ["--db", str(demo_path)]
    assert run(["export", str(tmp_path / "c.xlsx"), "--what", "context", *with_db]) == 0
    assert run(["export", str(tmp_path / "p.xlsx"), "--what", "processes", *with_db]) == 0
    assert run(["report", "context", "-o", str(tmp_path / "c.pdf"), *with_db]) == 0
    assert run(["report", "process-map", "-o", str(tmp_path / "m.pdf"), *with_db]) == 0
    assert (tmp_path / "m.pdf").stat().st_size > 10_000
    assert run(["import", str(tmp_path / "c.xlsx"), *with_db]) == 0
    assert run(["import", str(tmp_path / "p.xlsx"), *with_db]) == 0
    capsys.readouterr()
