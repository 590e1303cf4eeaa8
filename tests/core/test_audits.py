"""Internal audits: the shipped checklist, templates, the programme, answers, findings, coverage."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from qmsdesk.core import actions, audits, documents, history, people
from qmsdesk.core.audits import AuditFields, FindingFields, QuestionFields, TemplateFields
from qmsdesk.core.catalogue import CATALOGUE_DIR, clauses
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.db.models_audits import (
    ActionStatus,
    AuditQuestion,
    AuditStatus,
    ChecklistQuestion,
    ChecklistTemplate,
    Finding,
    FindingClass,
    Result,
)
from qmsdesk.core.errors import NotFoundError, ValidationError

ON = dt.date(2026, 6, 15)
USER = "lead"


def person(db: Database, number: str, name: str, department: str = "") -> int:
    with db.write() as s:
        return people.create_person(s, people.PersonFields(number, name, department), USER)


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    return {
        "qm": person(db, "E01", "Łukasz Żółć", "Quality"),
        "buyer": person(db, "E02", "Mehmet Yılmaz", "Purchasing"),
        "pm": person(db, "E03", "Anders Ørsted", "Production"),
        "eng": person(db, "E04", "Aisha Khan", "Engineering"),
    }


def new_audit(db: Database, staff: dict[str, int], **extra: object) -> int:
    values: dict[str, object] = {
        "reference": "IA-2026-01",
        "title": "Purchasing and suppliers",
        "planned_start": dt.date(2026, 3, 10),
        "planned_end": None,
        "processes": ("Purchasing",),
        "departments": ("Purchasing",),
        "clauses": ("8.4",),
        "lead_auditor_id": staff["eng"],
        "auditee_ids": (staff["buyer"],),
        **extra,
    }
    with db.write() as s:
        return audits.create_audit(s, AuditFields(**values), USER, on=ON)  # type: ignore[arg-type]


# --- the shipped checklist -------------------------------------------------------------------


def test_shipped_checklist_asks_at_least_one_question_for_every_clause_row() -> None:
    asked: dict[str, list[audits.QuestionFields]] = {}
    for q in audits.iso_questions():
        asked.setdefault(q.clause, []).append(q)
    reference = CATALOGUE_DIR / "iso9001-2015-clauses.tsv"
    with reference.open(encoding="utf-8", newline="") as handle:
        rows = [r["clause"] for r in csv.DictReader(handle, delimiter="\t")]
    assert len(rows) == len(clauses()) == 89
    missing = [c for c in rows if not asked.get(c)]
    assert missing == []
    assert rows[1] == "4.1" and rows[-1] == "10.3"


def test_shipped_questions_are_complete_and_distinct() -> None:
    questions = audits.iso_questions()
    assert len(questions) >= 120
    for q in questions:
        assert audits.check_question(q) == [], q
        assert q.question.endswith(("?", ".")), q.question
        assert 20 <= len(q.question) <= 200, q.question
        assert 10 <= len(q.hint) <= 160, q.hint
    texts = [q.question.casefold() for q in questions]
    assert len(set(texts)) == len(texts)
    # In the standard's order, as the checklist prints.
    positions = {c.number: i for i, c in enumerate(clauses())}
    assert [positions[q.clause] for q in questions] == sorted(
        positions[q.clause] for q in questions
    )


def test_the_shipped_file_has_three_columns_on_every_line() -> None:
    text = (CATALOGUE_DIR / "iso9001_checklist.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "clause\tquestion\thint"
    assert all(line.count("\t") == 2 for line in lines), "a tab inside a text"


# --- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "result"),
    [
        ("Conforming", Result.CONFORMING),
        ("ok", Result.CONFORMING),
        ("Minor NC", Result.MINOR_NC),
        ("minor nonconformity", Result.MINOR_NC),
        ("MAJOR", Result.MAJOR_NC),
        ("Opportunity for improvement", Result.OFI),
        ("OFI", Result.OFI),
        ("obs.", Result.OBSERVATION),
        ("N/A", Result.NOT_APPLICABLE),
        ("not_audited", Result.NOT_AUDITED),
        ("", None),
    ],
)
def test_result_words(word: str, result: Result | None) -> None:
    assert audits.parse_result(word) == result


def test_a_result_word_the_app_does_not_know_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="'Passed' is not a result") as caught:
        audits.parse_result("Passed")
    assert "Minor nonconformity" in str(caught.value)


@pytest.mark.parametrize(("text", "message"), [("", "needs the clause"), ("11.2", "not a clause")])
def test_a_question_that_belongs_to_no_clause_is_refused(
    db: Database, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message), db.write() as s:
        audits.create_template(
            s,
            TemplateFields("Purchasing"),
            USER,
            [QuestionFields("8.4.1", "Approved list?"), QuestionFields(text, "Anything else?")],
        )
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ChecklistTemplate)) == 0
        assert s.scalar(select(func.count()).select_from(ChecklistQuestion)) == 0


def test_scope_takes_sub_clauses() -> None:
    assert audits.in_scope("8.4.2", ("8.4",))
    assert audits.in_scope("8.4", ("8",))
    assert not audits.in_scope("8.41", ("8.4",)) and not audits.in_scope("8.5.1", ("8.4",))
    assert audits.in_scope("9.1", ())


# --- templates -------------------------------------------------------------------------------


def test_copy_edit_reorder_a_template_and_the_shipped_one_stays_read_only(db: Database) -> None:
    with db.write() as s:
        copy = audits.copy_template(s, audits.ISO_TEMPLATE_ID, "Production audit", USER)
        questions = [q.fields() for q in audits.template_questions(s, copy)]
        assert len(questions) == len(audits.iso_questions())
        kept = [q for q in questions if q.clause.startswith("8.5")]
        kept.reverse()
        kept.append(QuestionFields("8.5.1", "Is the coolant concentration checked daily?", "Log"))
        audits.set_template_questions(s, copy, kept, USER)
        with pytest.raises(ValidationError, match="cannot be changed"):
            audits.set_template_questions(s, audits.ISO_TEMPLATE_ID, kept, USER)
    with db.read() as s:
        rows = audits.template_questions(s, copy)
        assert [r.position for r in rows] == list(range(1, len(kept) + 1))
        assert rows[-1].question == "Is the coolant concentration checked daily?"
        assert rows[0].clause == kept[0].clause
        names = [t.name for t in audits.all_templates(s)]
        assert names == [
            audits.ISO_TEMPLATE_NAME,
            audits.SERVICES_TEMPLATE_NAME,
            "Production audit",
        ]
        assert [c.field for c in history.for_entity(s, audits.TEMPLATE_ENTITY, copy)] == [
            "Questions",
            "Questions",
        ]


def test_template_names_are_unique(db: Database) -> None:
    with db.write() as s:
        audits.create_template(s, TemplateFields("Purchasing"), USER)
    with pytest.raises(ValidationError, match="already a template"), db.write() as s:
        audits.create_template(s, TemplateFields("PURCHASING"), USER)
    with pytest.raises(ValidationError, match="shipped template"), db.write() as s:
        audits.create_template(s, TemplateFields(audits.ISO_TEMPLATE_NAME), USER)


# --- audits ----------------------------------------------------------------------------------


def test_an_audit_takes_the_questions_of_its_scope(db: Database, staff: dict[str, int]) -> None:
    audit_id = new_audit(db, staff, clauses=("7.1.5", "8.4"))
    with db.write() as s:
        added = audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
        again = audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
    expected = [q for q in audits.iso_questions() if q.clause.startswith(("7.1.5", "8.4"))]
    assert added == len(expected) and again == 0
    with db.read() as s:
        rows = audits.questions_of(s, audit_id)
        assert [r.clause for r in rows] == [q.clause for q in expected]
        assert {r.clause for r in rows} >= {"7.1.5", "7.1.5.1", "7.1.5.2", "8.4", "8.4.3"}
        assert rows[0].source == audits.ISO_TEMPLATE_NAME
        assert all(r.result is None for r in rows)


def test_bad_audit_fields_are_refused_with_every_problem(
    db: Database, staff: dict[str, int]
) -> None:
    bad = AuditFields(
        reference="",
        title="x" * 151,
        planned_start=dt.date(2026, 5, 1),
        planned_end=dt.date(2026, 4, 1),
        status=AuditStatus.REPORTED,
        lead_auditor_id=staff["qm"],
        auditee_ids=(staff["qm"],),
    )
    with pytest.raises(ValidationError) as caught, db.write() as s:
        audits.create_audit(s, bad, USER, on=ON)
    text = "\n".join(caught.value.problems)
    for part in ("Reference", "Title", "Planned end", "Actual start", "Actual end", "auditee"):
        assert part in text


def test_an_audit_reference_that_does_not_exist_gives_a_clear_message(
    db: Database, staff: dict[str, int]
) -> None:
    new_audit(db, staff)
    missing = "no audit with the reference 'IA-1999-09'"
    with pytest.raises(NotFoundError, match=missing) as caught, db.read() as s:
        audits.audit_for_reference(s, "IA-1999-09")
    assert "IA-2026-01" in str(caught.value)
    with db.read() as s:
        assert audits.audit_for_reference(s, " ia-2026-01 ").reference == "IA-2026-01"


def test_references_are_unique_and_numbered(db: Database, staff: dict[str, int]) -> None:
    new_audit(db, staff)
    with db.read() as s:
        assert audits.next_reference(s, 2026) == "IA-2026-02"
    with pytest.raises(ValidationError, match="already has the reference"):
        new_audit(db, staff, reference="ia-2026-01")


def answer(
    db: Database, qid: int, result: Result | None, evidence: str = ""
) -> audits.AnswerOutcome:
    with db.write() as s:
        return audits.record_answer(s, qid, result, evidence, USER, on=ON)


def test_answers_make_findings_and_nonconformities_open_corrective_actions(
    db: Database, staff: dict[str, int]
) -> None:
    audit_id = new_audit(db, staff)
    with db.write() as s:
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
        q = [r.id for r in audits.questions_of(s, audit_id)]
    first = answer(db, q[0], Result.CONFORMING, "Approved list rev 7 seen")
    assert first.finding_id is None
    nc = answer(db, q[1], Result.MINOR_NC, "PO 4471 has no material spec")
    ofi = answer(db, q[2], Result.OFI, "Supplier scores could be charted")
    major = answer(db, q[3], Result.MAJOR_NC, "No re-evaluation since 2023")
    assert nc.action_id and major.action_id and ofi.finding_id and ofi.action_id is None
    with db.read() as s:
        audit = audits.get_audit(s, audit_id)
        assert audit.status == AuditStatus.IN_PROGRESS and audit.actual_start == ON
        found = audits.findings_of(s, audit_id)
        assert [(f.number, f.classification) for f in found] == [
            (1, FindingClass.MINOR_NC),
            (2, FindingClass.OFI),
            (3, FindingClass.MAJOR_NC),
        ]
        assert found[0].evidence == "PO 4471 has no material spec"
        assert found[0].reference == "IA-2026-01 F1"
        action = actions.get_row(s, nc.action_id)
        assert action.source_ref == "IA-2026-01 F1" and action.source_id == found[0].id
        assert action.source_kind == actions.ActionSource.INTERNAL_AUDIT
        assert action.due_date == ON + dt.timedelta(days=60)
        assert actions.get_row(s, major.action_id).due_date == ON + dt.timedelta(days=30)
        assert action.reference == "CA-2026-001" and action.process == "Purchasing"
        assert audit.questions == len(q) and audits.get_audit(s, audit_id).answered == 4
        assert audits.result_counts(s, audit_id)[Result.MINOR_NC] == 1
        assert history.verify_chain(s) == []

    # An OFI taken back removes its finding; a nonconformity with its action stays.
    assert answer(db, q[2], Result.CONFORMING).finding_removed
    with pytest.raises(ValidationError, match="CA-2026-001"):
        answer(db, q[1], Result.CONFORMING)
    # Minor becomes major: the same finding and action, reclassified.
    again = answer(db, q[1], Result.MAJOR_NC, "PO 4471 has no material spec")
    assert again.action_id == nc.action_id
    with db.read() as s:
        classes = {f.number: f.classification for f in audits.findings_of(s, audit_id)}
        assert classes == {1: FindingClass.MAJOR_NC, 3: FindingClass.MAJOR_NC}
        assert s.scalar(select(func.count()).select_from(Finding)) == 2


def test_reporting_and_closing_need_the_work_done(db: Database, staff: dict[str, int]) -> None:
    audit_id = new_audit(db, staff, clauses=("8.4.3",))
    with db.write() as s:
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
        q = [r.id for r in audits.questions_of(s, audit_id)]
    outcome = answer(db, q[0], Result.MINOR_NC, "PO without drawing revision")
    with db.read() as s:
        row = audits.get_audit(s, audit_id)
    reported = replace(row.fields(), status=AuditStatus.REPORTED, actual_end=ON)
    with pytest.raises(ValidationError) as caught, db.write() as s:
        audits.update_audit(s, audit_id, reported, USER, on=ON)
    text = "\n".join(caught.value.problems)
    assert "have no result yet" in text and "statement of finding(s) F1" in text

    for qid in q[1:]:
        answer(db, qid, Result.NOT_AUDITED)
    with db.write() as s:
        audits.update_finding(
            s,
            outcome.finding_id,  # type: ignore[arg-type]
            FindingFields(
                "8.4.3",
                "Orders do not state the drawing revision.",
                "PO 4471",
                FindingClass.MINOR_NC,
            ),
            USER,
            on=ON,
        )
        audits.update_audit(s, audit_id, reported, USER, on=ON)
    # A reported audit's checklist is frozen.
    with pytest.raises(ValidationError, match="reported"):
        answer(db, q[1], Result.CONFORMING)
    closing = replace(reported, status=AuditStatus.CLOSED)
    with pytest.raises(ValidationError, match="still open: F1 \\(CA-2026-001\\)"), db.write() as s:
        audits.update_audit(s, audit_id, closing, USER, on=ON)
    with db.write() as s:
        action = actions.get_row(s, outcome.action_id)  # type: ignore[arg-type]
        actions.update_action(
            s,
            action.id,
            replace(
                action.fields(),
                status=ActionStatus.AWAITING_VERIFICATION,
                root_cause="Order template has no revision field",
                corrective_action="Added a revision field to the order template",
                owner_id=staff["buyer"],
                correction="The three orders re-issued with the revision",
                completed_on=ON,
            ),
            USER,
            on=ON,
        )
        actions.verify(
            s,
            action.id,
            verified_on=ON + dt.timedelta(days=1),  # after the action was carried out
            verified_by_id=staff["qm"],
            effective=True,
            note="20 orders checked",
            user=USER,
            on=ON + dt.timedelta(days=1),
        )
        audits.update_audit(s, audit_id, closing, USER, on=ON)
        assert audits.get_audit(s, audit_id).status == AuditStatus.CLOSED
        # The action took the finding's statement when it was written.
        assert actions.get_row(s, action.id).problem == "Orders do not state the drawing revision."


def test_findings_added_by_hand_need_a_known_clause(db: Database, staff: dict[str, int]) -> None:
    audit_id = new_audit(db, staff)
    with pytest.raises(ValidationError, match="not a clause"), db.write() as s:
        audits.add_finding(
            s, audit_id, FindingFields("12", "Bad", "", FindingClass.OBSERVATION), USER
        )
    with db.write() as s:
        fid, action_id = audits.add_finding(
            s,
            audit_id,
            FindingFields("7.1.5.2", "Gauge out of date", "MIC-014", FindingClass.MINOR_NC),
            USER,
            on=ON,
        )
        assert action_id is not None
        with pytest.raises(ValidationError, match="stays on record"):
            audits.delete_finding(s, fid, USER)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Finding)) == 1


def test_own_questions_can_be_added_moved_and_removed(db: Database, staff: dict[str, int]) -> None:
    audit_id = new_audit(db, staff, clauses=("8.4.3",))
    with db.write() as s:
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
        first = audits.questions_of(s, audit_id)[0].id
        mine = audits.add_question(
            s, audit_id, QuestionFields("8.4.3", "Own question?"), USER, after=first
        )
        assert [r.id for r in audits.questions_of(s, audit_id)][:2] == [first, mine]
        audits.move_question(s, mine, -1)
        assert audits.questions_of(s, audit_id)[0].id == mine
        audits.delete_question(s, mine, USER)
        assert mine not in [r.id for r in audits.questions_of(s, audit_id)]
        with pytest.raises(ValidationError, match="needs the clause"):
            audits.add_question(s, audit_id, QuestionFields("", "No clause?"), USER)


def test_an_audit_planned_by_mistake_can_be_deleted_until_it_started(
    db: Database, staff: dict[str, int]
) -> None:
    audit_id = new_audit(db, staff)
    other = new_audit(db, staff, reference="IA-2026-02")
    with db.write() as s:
        audits.build_checklist(s, other, [audits.ISO_TEMPLATE_ID], USER)
        audits.delete_audit(s, audit_id, USER)
        qid = audits.questions_of(s, other)[0].id
        audits.record_answer(s, qid, Result.CONFORMING, "", USER, on=ON)
        with pytest.raises(ValidationError, match="stays on record"):
            audits.delete_audit(s, other, USER)
    with db.read() as s:
        assert [a.reference for a in audits.audit_rows(s)] == ["IA-2026-02"]
        assert s.scalar(select(func.count()).select_from(AuditQuestion)) > 0


# --- the programme ---------------------------------------------------------------------------


def test_year_view_shows_planned_done_and_late_by_month(
    db: Database, staff: dict[str, int]
) -> None:
    done = new_audit(
        db,
        staff,
        reference="IA-2026-01",
        planned_start=dt.date(2026, 2, 3),
        status=AuditStatus.REPORTED,
        actual_start=dt.date(2026, 2, 3),
        actual_end=dt.date(2026, 2, 4),
    )
    late = new_audit(db, staff, reference="IA-2026-02", planned_start=dt.date(2026, 5, 5),
                     planned_end=dt.date(2026, 5, 6))  # fmt: skip
    going = new_audit(db, staff, reference="IA-2026-03", planned_start=dt.date(2026, 6, 14),
                      planned_end=dt.date(2026, 6, 16), status=AuditStatus.IN_PROGRESS,
                      actual_start=dt.date(2026, 6, 14))  # fmt: skip
    planned = new_audit(db, staff, reference="IA-2026-04", planned_start=dt.date(2026, 10, 1))
    new_audit(db, staff, reference="IA-2025-09", planned_start=dt.date(2025, 10, 1))
    with db.read() as s:
        view = audits.year_view(s, 2026, on=ON)
    states = {a.id: a.state(ON) for m in view.months for a in m.audits}
    assert states == {
        done: audits.ProgrammeState.DONE,
        late: audits.ProgrammeState.LATE,
        going: audits.ProgrammeState.IN_PROGRESS,
        planned: audits.ProgrammeState.PLANNED,
    }
    assert [len(m.audits) for m in view.months] == [0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0]
    assert view.months[4].count(audits.ProgrammeState.LATE, ON) == 1
    assert view.totals()[audits.ProgrammeState.LATE] == 1
    with db.read() as s:
        found = audits.years(s)
    assert {2025, 2026, dt.date.today().year} == set(found) and found == sorted(found, reverse=True)


def test_coverage_of_the_last_twelve_months(db: Database, staff: dict[str, int]) -> None:
    audit_id = new_audit(db, staff, clauses=("7.1.5",), planned_start=dt.date(2026, 3, 1))
    new_audit(
        db, staff, reference="IA-2026-02", clauses=("9.2",), planned_start=dt.date(2026, 9, 1)
    )
    old = new_audit(
        db, staff, reference="IA-2024-01", clauses=("8.4",), planned_start=dt.date(2024, 3, 1)
    )
    with db.write() as s:
        audits.build_checklist(s, audit_id, [audits.ISO_TEMPLATE_ID], USER)
        audits.build_checklist(s, old, [audits.ISO_TEMPLATE_ID], USER)
        rows = audits.questions_of(s, audit_id)
    by_clause = {r.clause: r.id for r in rows}
    answer(db, by_clause["7.1.5.1"], Result.CONFORMING)
    answer(db, by_clause["7.1.5.2"], Result.MINOR_NC, "expired gauge")
    answer(db, by_clause["7.1.5"], Result.NOT_AUDITED)
    with db.write() as s:
        # An audit two years ago does not count.
        qid = audits.questions_of(s, old)[0].id
        audits.record_answer(s, qid, Result.CONFORMING, "", USER, on=dt.date(2024, 3, 1))
    with db.read() as s:
        found = {c.clause: c for c in audits.coverage(s, on=ON)}
    assert found["7.1.5.1"].state == audits.Coverage.COVERED
    assert found["7.1.5.1"].audits == ("IA-2026-01",) and found["7.1.5.1"].last_audited == ON
    # 7.1.5 itself was not audited, but both its sub-clauses were.
    assert found["7.1.5"].state == audits.Coverage.COVERED
    assert found["7.1"].state == audits.Coverage.PARTLY
    assert found["7"].state == audits.Coverage.PARTLY
    assert found["9.2.1"].state == audits.Coverage.PLANNED
    assert found["9.2.1"].planned == ("IA-2026-02",)
    assert found["8.4"].state == audits.Coverage.NOT_COVERED
    assert found["10.3"].state == audits.Coverage.NOT_COVERED
    assert len(found) == 89


def test_objectivity_warnings_for_own_department_and_own_documents(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        documents.create_document(
            s,
            documents.DocumentFields(
                code="QP-08-04",
                title="Purchasing",
                doc_type=DocType.PROCEDURE,
                status=DocStatus.DRAFT,
                process="Quality",
                owner="Łukasz Żółć",
                clauses=("8.4.1",),
            ),
            USER,
        )
    fields = AuditFields(
        reference="IA-2026-05",
        title="Purchasing",
        planned_start=ON,
        departments=("purchasing",),
        clauses=("8.4",),
        lead_auditor_id=staff["qm"],
        team_ids=(staff["buyer"], staff["eng"]),
    )
    with db.read() as s:
        warnings = audits.objectivity_warnings(s, fields)
    assert [(w.auditor, "QP-08-04" in w.message, "Purchasing" in w.message) for w in warnings] == [
        ("Łukasz Żółć", True, False),
        ("Mehmet Yılmaz", False, True),
    ]
    with db.read() as s:
        assert audits.objectivity_warnings(s, replace(fields, clauses=("7.2",), team_ids=())) == []


def test_search_and_filters_of_the_programme(db: Database, staff: dict[str, int]) -> None:
    new_audit(db, staff)
    new_audit(
        db,
        staff,
        reference="IA-2026-02",
        title="Production",
        planned_start=dt.date(2026, 7, 1),
        departments=("Production",),
        processes=("Machining",),
        lead_auditor_id=staff["qm"],
        auditee_ids=(staff["pm"],),
    )
    with db.read() as s:
        assert [a.reference for a in audits.audit_rows(s, audits.AuditQuery(text="żółć"))] == [
            "IA-2026-02"
        ]
        assert [a.reference for a in audits.audit_rows(s, audits.AuditQuery(text="ørsted"))] == [
            "IA-2026-02"
        ]
        assert [a.reference for a in audits.audit_rows(s, audits.AuditQuery(text="yilmaz"))] == []
        assert [a.reference for a in audits.audit_rows(s, audits.AuditQuery(text="Yılmaz"))] == [
            "IA-2026-01"
        ]
        assert len(audits.audit_rows(s, audits.AuditQuery(year=2025))) == 0


def test_a_person_named_on_an_audit_or_action_cannot_be_deleted(demo_db) -> None:  # type: ignore[no-untyped-def]
    from qmsdesk.core import people
    from qmsdesk.core.db.models_audits import Action

    with demo_db.read() as s:
        owner_id = s.scalar(select(Action.owner_id).where(Action.owner_id.is_not(None)).limit(1))
    assert owner_id is not None
    with (
        pytest.raises(ValidationError, match="leaving date instead") as caught,
        demo_db.write() as s,
    ):
        people.delete_person(s, owner_id, "lead")
    assert "in actions" in str(caught.value)


def test_the_package_parts_import_one_way_and_the_demo_stands_alone() -> None:
    """The parts of core.audits and core.actions import only the parts before them (never their
    package), and the audits demo is a plain function that does not import core.demo."""
    import ast
    import subprocess
    import sys
    from pathlib import Path

    for package, order in (
        (
            audits,
            [
                "vocab",
                "templates",
                "records",
                "findings",
                "checklist",
                "programme",
                "independence",
                "editing",
                "lookup",
                "reminders",
            ],
        ),
        (actions, ["vocab", "checks", "rows", "writing", "lookup", "reminders"]),
    ):
        folder = Path(package.__file__).parent
        assert sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__") == sorted(order)
        for n, part in enumerate(order):
            tree = ast.parse((folder / f"{part}.py").read_text(encoding="utf-8"))
            imported = {
                node.module
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module
            } | {
                f"qmsdesk.core.{a.name}"
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module == "qmsdesk.core"
                for a in node.names
            }
            own = {m for m in imported if m.startswith(package.__name__)}
            allowed = {f"{package.__name__}.{p}" for p in order[:n]}
            assert own <= allowed, (part, own - allowed)
    code = (
        "import sys, inspect, qmsdesk.core.audits_demo as d; "
        "assert 'qmsdesk.core.demo' not in sys.modules; "
        "print(inspect.signature(d.write_audits))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "(session: 'Session', on: 'dt.date', user: 'str') -> 'None'"
    assert set(audits.FIELD_LABELS) == set(audits.AUDIT_FIELD_NAMES)
    assert set(actions.FIELD_LABELS) == {*actions.FIELD_NAMES, "closed_on"}
