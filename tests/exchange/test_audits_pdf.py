"""Audit PDFs: the blank shop-floor checklist and the audit report (the actions register's PDF:
test_actions_pdf.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from qmsdesk.cli import run
from qmsdesk.core import actions, audits, people
from qmsdesk.core.audits import AuditFields, FindingFields
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import FindingClass, Result
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.exchange import audits_pdf

USER = "lead"
ON = dt.date(2026, 6, 15)


def pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


@pytest.fixture
def audit(db: Database) -> int:
    with db.write() as s:
        lead = people.create_person(s, people.PersonFields("E1", "Łukasz Żółć", "Quality"), USER)
        auditee = people.create_person(s, people.PersonFields("E2", "Anders Ørsted", "Prod"), USER)
        audit_id = audits.create_audit(
            s,
            AuditFields(
                reference="IA-2026-07",
                title="Measuring equipment",
                planned_start=dt.date(2026, 5, 4),
                planned_end=dt.date(2026, 5, 5),
                clauses=("7.1.5",),
                processes=("Inspection",),
                lead_auditor_id=lead,
                auditee_ids=(auditee,),
            ),
            USER,
            on=ON,
        )
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
    return audit_id


def test_blank_checklist_has_every_question_boxes_and_signature_lines(
    db: Database, audit: int, tmp_path: Path
) -> None:
    out = audits_pdf.write_checklist(db, tmp_path / "checklist.pdf", audit="IA-2026-07")
    reader = PdfReader(out)
    assert all(
        (float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4, abs=1)
        for p in reader.pages
    )
    text = pages(out)
    everything = " ".join(text)
    with db.read() as s:
        questions = audits.questions_of(s, audit)
    total = len(questions)
    assert total == sum(1 for q in audits.iso_questions() if q.clause.startswith("7.1.5"))
    assert total >= 6  # 7.1.5, 7.1.5.1 and 7.1.5.2
    for n, q in enumerate(questions, 1):
        assert f"{n} of {total}" in everything
        assert " ".join(q.question.split()[:6]) in everything
    # The header of every page: reference, date, auditor and auditee; the footer's page count.
    for number, page in enumerate(text, 1):
        assert "IA-2026-07" in page and "Auditor: Łukasz Żółć" in page
        assert "Auditee: Anders Ørsted" in page and "Date: 4–5 May 2026" in page
        assert f"Page {number} of {len(text)}" in page
        assert "Uncontrolled when printed" in page
    # Seven tick boxes per question, each with its word.
    assert everything.count("Not audited") == total + 1  # one more in the legend
    assert everything.count("Minor NC") == total + 1
    assert "Look for:" in everything
    assert "Signature" in text[-1] and "Auditee representative" in text[-1]
    assert "Other findings and observations" in text[-1]


def test_an_audit_without_questions_prints_the_shipped_ones_of_its_scope(
    db: Database, audit: int, tmp_path: Path
) -> None:
    with db.write() as s:
        audits.create_audit(
            s,
            AuditFields(reference="IA-2026-08", title="Design", planned_start=ON, clauses=("8.3",)),
            USER,
            on=ON,
        )
    out = audits_pdf.write_checklist(db, tmp_path / "c.pdf", audit="IA-2026-08")
    everything = " ".join(pages(out))
    expected = [q for q in audits.iso_questions() if q.clause.startswith("8.3")]
    assert (
        f"1 of {len(expected)}" in everything
        and f"{len(expected)} of {len(expected)}" in everything
    )
    assert "Auditee: ____" in everything  # a blank to write on


def test_full_iso_checklist(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        audit_id = audits.create_audit(
            s, AuditFields(reference="IA-FULL", title="Everything", planned_start=ON), USER
        )
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
    out = audits_pdf.write_checklist(db, tmp_path / "full.pdf", audit="IA-FULL")
    text = pages(out)
    total = len(audits.iso_questions())
    everything = " ".join(text)
    assert f"{total} of {total}" in everything
    # Roomy, but not wasteful: three to five questions a page.
    assert total / 5 < len(text) < total / 3 + 2
    clauses = set(re.findall(r"\b(\d{1,2}(?:\.\d){0,3})\b", everything))
    assert {"4.1", "7.1.5.2", "10.3"} <= clauses


def test_audit_report_gives_counts_and_every_finding(
    db: Database, audit: int, tmp_path: Path
) -> None:
    with db.write() as s:
        q = audits.questions_of(s, audit)
        audits.record_answer(s, q[0].id, Result.CONFORMING, "Gauge list rev 4", USER, on=ON)
        major = audits.record_answer(s, q[1].id, Result.MAJOR_NC, "MIC-014 expired", USER, on=ON)
        audits.record_answer(s, q[2].id, Result.OBSERVATION, "Labels fading", USER, on=ON)
        audits.update_finding(
            s,
            major.finding_id,  # type: ignore[arg-type]
            FindingFields(
                "7.1.5.1",
                "Gauges in use past their calibration date.",
                "MIC-014 expired",
                FindingClass.MAJOR_NC,
            ),
            USER,
            on=ON,
        )
        action = actions.get_row(s, major.action_id)  # type: ignore[arg-type]
        actions.update_action(
            s,
            action.id,
            replace(action.fields(), due_date=dt.date(2026, 6, 20)),
            USER,
            on=ON,
        )
    out = audits_pdf.write_audit_report(db, tmp_path / "r.pdf", audit="IA-2026-07", on="2026-07-01")
    everything = " ".join(pages(out))
    assert "Internal audit report" in everything and "IA-2026-07" in everything
    assert "Gauges in use past their calibration date." in everything
    assert "MIC-014 expired" in everything and "Labels fading" in everything
    assert "MAJOR NONCONFORMITY" in everything and "OBSERVATION" in everything
    assert f"{action.reference}: Open" in everything and "OVERDUE" in everything
    # The major finding is listed before the observation, whatever their numbers.
    assert everything.index("MAJOR NONCONFORMITY") < everything.index("· OBSERVATION ·")
    assert "Checklist answers" in everything and "Not answered" in everything


def test_bad_input(db: Database, audit: int, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "x.pdf"
    with pytest.raises(NotFoundError, match="no audit with the reference 'IA-1900-01'"):
        audits_pdf.write_checklist(db, out, audit="IA-1900-01")
    with pytest.raises(ValidationError, match="Say which audit"):
        audits_pdf.write_audit_report(db, out)
    with pytest.raises(ValidationError, match="does not take colour"):
        audits_pdf.write_checklist(db, out, audit="IA-2026-07", colour="red")
    with pytest.raises(ValidationError, match="starts after it ends"):
        audits_pdf.write_actions(db, out, start="2026-05-01", end="2026-04-01")
    assert list(folder.iterdir()) == []


def test_command_line_reports(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from qmsdesk.core.db import open_database

    with open_database(demo_path) as db, db.read() as s:
        done = next(a.reference for a in audits.audit_rows(s) if a.nonconformities())
    base = ["--db", str(demo_path), "-o"]
    assert run(["report", "audit-checklist", "--audit", done, *base, str(tmp_path / "c.pdf")]) == 0
    assert run(["report", "audit-report", "--audit", done, *base, str(tmp_path / "r.pdf")]) == 0
    assert run(["report", "actions", *base, str(tmp_path / "a.pdf")]) == 0
    assert "Internal audit report" in pages(tmp_path / "r.pdf")[0]
    assert run(["report", "audit-report", "--audit", "NOPE", *base, str(tmp_path / "n.pdf")]) == 2
    assert "no audit with the reference 'NOPE'" in capsys.readouterr().err
    assert not (tmp_path / "n.pdf").exists()
