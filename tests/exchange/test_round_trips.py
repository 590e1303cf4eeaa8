"""Every register imports back what it exports (issue 15, point 4): actions, the audit
programme, people; the checklist of a closed audit that comes back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from qmsdesk.core import actions, audits, people
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange import mapping as m
from qmsdesk.core.exchange import registry


def _history(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ChangeRecord)) or 0)


@pytest.mark.parametrize("word", ["actions", "audits", "people"])
def test_an_export_comes_back_unchanged(demo_db: Database, tmp_path: Path, word: str) -> None:
    out = tmp_path / f"{word}.xlsx"
    rows = registry.EXPORTS[word].write(demo_db, out)
    assert rows > 0
    plan = registry.plan_import(demo_db, out)
    assert plan.problems == []
    assert plan.sheets and not plan.has_changes
    assert sum(s.count(m_action) for s in plan.sheets for m_action in ("unchanged",)) == rows


def test_actions_changed_and_added_in_excel(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "actions.xlsx"
    registry.EXPORTS["actions"].write(demo_db, out)
    book = load_workbook(out)
    sheet = book["Actions"]
    reference = sheet["A2"].value
    sheet["B2"] = "A clearer title"
    sheet.append(["CA-2026-090", "Deburring marks on housings", "Corrective", "Other"])
    book.save(out)
    plan = registry.plan_import(demo_db, out)
    assert plan.problems == []
    assert plan.summary_lines()[0].startswith("Actions: 1 to add, 1 to change")
    plan.apply(demo_db, "tester")
    with demo_db.read() as session:
        rows = {r.reference: r for r in actions.all_rows(session)}
    assert rows[reference].title == "A clearer title"
    assert rows["CA-2026-090"].title == "Deburring marks on housings"
    again = registry.plan_import(demo_db, out)
    assert again.problems == [] and not again.has_changes


def test_an_action_naming_nobody_known_is_refused(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "actions.xlsx"
    registry.EXPORTS["actions"].write(demo_db, out)
    book = load_workbook(out)
    sheet = book["Actions"]
    owner = next(c.column for c in sheet[1] if c.value == "Owner")
    sheet.cell(2, owner, "Nobody Known")
    book.save(out)
    before = _history(demo_db)
    plan = registry.plan_import(demo_db, out)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Owner")]
    assert "Nobody Known" in plan.problems[0].message
    with pytest.raises(QmsError):
        plan.apply(demo_db, "tester")
    assert _history(demo_db) == before


def test_audits_planned_in_excel(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "audits.xlsx"
    registry.EXPORTS["audits"].write(demo_db, out)
    book = load_workbook(out)
    sheet = book["Audits"]
    lead = sheet["I2"].value
    sheet.append(
        [
            "IA-2027-20",
            "Design and development",
            "2027-09-14",
            None,
            "Design",
            None,
            "8.3",
            None,
            lead,
        ]
    )
    book.save(out)
    plan = registry.plan_import(demo_db, out)
    assert plan.problems == []
    assert plan.summary_lines()[0].startswith("Audits: 1 to add, 0 to change")
    plan.apply(demo_db, "tester")
    with demo_db.read() as session:
        found = audits.audit_for_reference(session, "IA-2027-20")
    assert (found.title, found.clauses, found.lead_auditor) == (
        "Design and development",
        ("8.3",),
        lead,
    )


def test_the_people_register_through_a_mapping(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("Staff no;Full name;Dept\nKPC-900;Nadia Brook;Inspection\n", encoding="utf-8")
    with m.Source(path) as source:
        raw = source.sheet(source.sheet_names[0])
    mapping = m.suggested_mapping(m.target("people"), raw.name, raw.values)
    plan = m.plan_mapped(demo_db, path, mapping)
    assert plan.problems == []
    plan.apply(demo_db, "tester")
    with demo_db.read() as session:
        nadia = next(p for p in people.all_people(session) if p.employee_no == "KPC-900")
    assert (nadia.name, nadia.department) == ("Nadia Brook", "Inspection")


def test_the_checklist_of_a_closed_audit_that_comes_back_unchanged(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.read() as session:
        closed = next(
            a for a in audits.audit_rows(session) if a.status == audits.AuditStatus.CLOSED
        )
    out = tmp_path / "checklist.xlsx"
    registry.EXPORTS["audit-checklist"].write(demo_db, out, audit=closed.reference)
    before = _history(demo_db)
    plan = registry.plan_import(demo_db, out)
    assert plan.problems == [] and not plan.has_changes
    plan.apply(demo_db, "tester")  # nothing to change: no error, nothing written
    assert _history(demo_db) == before
    # A changed result on a closed audit is still refused.
    book = load_workbook(out)
    sheet = book["Audit checklist"]
    notes = next(c.column for c in sheet[1] if c.value == "Evidence notes")
    sheet.cell(2, notes, "Something new")
    book.save(out)
    plan = registry.plan_import(demo_db, out)
    assert any("is closed" in p.message for p in plan.problems)
