"""Internal audit (9.2): coverage counts what was answered at or below a clause, an auditor of their
own work is refused without a reason, the lead auditor's qualification, the report of an audit not
carried out, and what the classes of findings mean."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from qmsdesk.core import audits, documents, people, training
from qmsdesk.core.audits import AuditFields
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.db.models_audits import AuditStatus, Result
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import audits_pdf

ON = dt.date(2026, 6, 15)
USER = "lead"


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(path).pages).split())


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    with db.write() as s:
        return {
            "qm": people.create_person(
                s, people.PersonFields("E1", "Łukasz Żółć", "Quality"), USER
            ),
            "buyer": people.create_person(
                s, people.PersonFields("E2", "Mehmet Yılmaz", "Purchasing"), USER
            ),
            "eng": people.create_person(
                s, people.PersonFields("E3", "Aisha Khan", "Engineering"), USER
            ),
        }


def _audit(db: Database, staff: dict[str, int], **extra: object) -> int:
    values: dict[str, object] = {
        "reference": "IA-2026-01",
        "title": "Performance evaluation",
        "planned_start": dt.date(2026, 3, 10),
        "departments": ("Purchasing",),
        "clauses": ("9",),
        "lead_auditor_id": staff["eng"],
        "auditee_ids": (staff["buyer"],),
        **extra,
    }
    with db.write() as s:
        return audits.create_audit(s, AuditFields(**values), USER, on=ON)  # type: ignore[arg-type]


def test_a_heading_question_covers_its_clause_only(db: Database, staff: dict[str, int]) -> None:
    audit_id = _audit(db, staff)
    with db.write() as s:
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
        heading = next(q for q in audits.questions_of(s, audit_id) if q.clause == "9")
        audits.record_answer(s, heading.id, Result.CONFORMING, "seen", USER, on=ON)
    with db.read() as s:
        found = {c.clause: c.state for c in audits.coverage(s, on=ON)}
    assert found["9"] == audits.Coverage.PARTLY  # not green: 9.1 to 9.3 were not answered
    # 9.1 to 9.3 are only planned (the audit's scope is 9), not audited.
    assert found["9.1"] == found["9.3.1"] == audits.Coverage.PLANNED


def test_an_auditor_of_their_own_area_needs_a_reason_once_the_audit_starts(
    db: Database, staff: dict[str, int], tmp_path: Path
) -> None:
    # The buyer audits purchasing, their own department: planning it is allowed (with a warning).
    audit_id = _audit(
        db, staff, lead_auditor_id=staff["buyer"], auditee_ids=(staff["qm"],), clauses=("8.4",)
    )
    with db.read() as s:
        planned = audits.get_audit(s, audit_id).fields()
        assert audits.objectivity_warnings(s, planned)
    started = replace(planned, status=AuditStatus.IN_PROGRESS, actual_start=dt.date(2026, 3, 10))
    with (
        pytest.raises(ValidationError, match="record why they audit it all the same"),
        db.write() as s,
    ):
        audits.update_audit(s, audit_id, started, USER, on=ON)
    reason = "Only trained auditor this month; the quality manager reviewed the evidence."
    with db.write() as s:
        audits.update_audit(s, audit_id, replace(started, independence_reason=reason), USER, on=ON)
    out = audits_pdf.write_audit_report(db, tmp_path / "r.pdf", audit="IA-2026-01", on=ON)
    assert reason in _text(out)


def test_the_lead_auditor_needs_a_valid_qualifying_training_record(
    db: Database, staff: dict[str, int]
) -> None:
    audit_id = _audit(db, staff)
    with db.read() as s:
        fields = audits.get_audit(s, audit_id).fields()
        assert "No training item is marked" in audits.qualification_warnings(s, fields, ON)[0]
    with db.write() as s:
        item = training.create_item(
            s,
            training.ItemFields("TR-IA", "Internal auditor course", validity_months=36),
            USER,
        )
        training.set_qualifies_auditor(s, item, True, USER)
    with db.read() as s:
        (warning,) = audits.qualification_warnings(s, fields, ON)
    assert "Aisha Khan has no valid training record" in warning
    with db.write() as s:
        training.record_training(
            s,
            [staff["eng"]],
            item,
            training.RecordFields(dt.date(2025, 1, 10), trainer="BSI"),
            USER,
        )
    with db.read() as s:
        assert audits.qualification_warnings(s, fields, ON) == []
        # Three years later the record has expired.
        assert audits.qualification_warnings(s, fields, dt.date(2028, 2, 1))


def test_the_report_of_an_audit_not_carried_out_says_so(
    db: Database, staff: dict[str, int], tmp_path: Path
) -> None:
    _audit(db, staff)
    text = _text(audits_pdf.write_audit_report(db, tmp_path / "r.pdf", audit="IA-2026-01", on=ON))
    assert "has not been carried out yet" in text
    assert "found nothing to report" not in text


def test_the_report_says_what_the_classes_of_findings_mean(
    db: Database, staff: dict[str, int], tmp_path: Path
) -> None:
    audit_id = _audit(db, staff, clauses=("7.5",))
    with db.write() as s:
        documents.create_document(
            s,
            documents.DocumentFields("QP-1", "Docs", DocType.PROCEDURE, DocStatus.DRAFT),
            USER,
        )
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
        q = next(q for q in audits.questions_of(s, audit_id) if q.clause == "7.5.3.1")
        audits.record_answer(s, q.id, Result.OFI, "could be simpler", USER, on=ON)
    text = _text(audits_pdf.write_audit_report(db, tmp_path / "r.pdf", audit="IA-2026-01", on=ON))
    assert "What the classes of findings mean" in text
    for meaning in audits.FINDING_MEANINGS.values():
        assert " ".join(meaning.split())[:40] in text
