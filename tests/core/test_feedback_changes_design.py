"""Customer feedback and satisfaction, changes and design projects: rules, history, due items,
search everywhere, the scope's exclusion of 8.3, and the demo's story."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qmsdesk.core import changes, design, due, feedback, finder, history, people
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_actions import Action, ActionSource
from qmsdesk.core.db.models_feedback import Feedback
from qmsdesk.core.db.models_planning import ScopeExclusion
from qmsdesk.core.errors import ValidationError

ON = dt.date(2026, 6, 15)
USER = "lead"


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    with db.write() as s:
        return {
            "qm": people.create_person(s, people.PersonFields("E01", "Ann Lee", "Quality"), USER),
            "md": people.create_person(s, people.PersonFields("E02", "Bo Ray", "Management"), USER),
        }


def _complaint(**values: object) -> feedback.FeedbackFields:
    base: dict[str, object] = {
        "kind": feedback.FeedbackKind.COMPLAINT,
        "customer": "Orbis Aerospace",
        "product": "Bracket KP-2231 rev C",
        "description": "Two parts with a burr on the bore",
        "severity": feedback.Severity.MAJOR,
        "received_on": dt.date(2026, 6, 1),
        **values,
    }
    return feedback.FeedbackFields(**base)  # type: ignore[arg-type]


def test_a_complaint_gets_a_reference_and_a_response_date_by_severity(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        first = feedback.create_feedback(s, _complaint(), USER, ON)
        praise = feedback.create_feedback(
            s,
            _complaint(kind=feedback.FeedbackKind.COMPLIMENT, severity=None),
            USER,
            ON,
        )
    with db.read() as s:
        row, kind = feedback.get_row(s, first), feedback.get_row(s, praise)
        hist = history.for_entity(s, feedback.ENTITY, first)
    assert row.reference == "CC-2026-001" and kind.reference == "CP-2026-001"
    assert row.respond_by == dt.date(2026, 6, 6)  # major: five days
    assert kind.respond_by is None
    assert {h.field for h in hist} >= {"Kind", "Customer"}


def test_a_complaint_closed_without_a_response_is_refused_and_nothing_is_stored(
    db: Database, staff: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as s:
        feedback.create_feedback(s, _complaint(closed_on=dt.date(2026, 6, 10)), USER, ON)
    assert any(p.startswith("Closed on:") and "response" in p for p in caught.value.problems)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Feedback)) == 0


def test_an_open_complaint_past_its_date_is_due_and_found(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        fid = feedback.create_feedback(s, _complaint(owner_id=staff["qm"]), USER, ON)
    with db.read() as s:
        items = [i for i in due.due_items(s, ON, 30) if i.register == "feedback"]
        hits = finder.find(s, "orbis")
        overdue = feedback.query_ids(s, feedback.FeedbackQuery(overdue_only=True), on=ON)
    assert [(i.reference, i.what, i.overdue(ON), i.owner) for i in items] == [
        ("CC-2026-001", "Response due", True, "Ann Lee")
    ]
    assert overdue == [fid]
    assert any(h.register == "feedback" and h.reference == "CC-2026-001" for h in hits)
    # Answered: no longer due.
    with db.write() as s:
        row = feedback.get_row(s, fid)
        feedback.update_feedback(
            s, fid, replace(row.fields(), response="Replaced 2 parts", responded_on=ON), USER, ON
        )
    with db.read() as s:
        assert not [i for i in due.due_items(s, ON, 30) if i.register == "feedback"]


def test_raising_the_corrective_action_links_it_with_the_source_customer_complaint(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        fid = feedback.create_feedback(s, _complaint(), USER, ON)
        action_id = feedback.raise_action(s, fid, USER, owner_id=staff["qm"], on=ON)
    with db.read() as s:
        action = s.get(Action, action_id)
        row = feedback.get_row(s, fid)
    assert action is not None and action.source_kind == ActionSource.CUSTOMER_COMPLAINT
    assert action.source_ref == "CC-2026-001" and action.source_id == fid
    assert row.action_ref == action.reference


def test_a_score_outside_the_company_scale_is_refused(db: Database) -> None:
    survey = feedback.SurveyFields(
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        score=6.2,
        method="Questionnaire",
        sent=40,
        responses=22,
    )
    with pytest.raises(ValidationError, match="outside the company's scale"), db.write() as s:
        feedback.create_survey(s, survey, USER, ON)
    with db.write() as s:
        feedback.set_scale(s, 1, 10, USER)
        sid = feedback.create_survey(s, survey, USER, ON)
    with db.read() as s:
        [row] = feedback.survey_rows(s)
    assert row.id == sid and row.score_text == "6.2 of 10" and row.reference == "CS-2026-001"
    with pytest.raises(ValidationError, match="outside 1 to 5"), db.write() as s:
        feedback.set_scale(s, 1, 5, USER)


def _change(**values: object) -> changes.ChangeFields:
    base: dict[str, object] = {
        "title": "Move deburring into the cell",
        "scope": changes.ChangeScope.PRODUCTION,
        "description": "Deburr on the machine",
        "reason": "Burrs found by customers",
        "raised_on": dt.date(2026, 3, 1),
        **values,
    }
    return changes.ChangeFields(**base)  # type: ignore[arg-type]


def test_a_change_asks_for_its_approval_and_its_review_and_falls_due(
    db: Database, staff: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as s:
        changes.create_change(s, _change(status=changes.ChangeStatus.IMPLEMENTED), USER, ON)
    fields_named = {p.split(":")[0] for p in caught.value.problems}
    assert {"Approved by", "Approved on", "Made on", "Impact on the quality system"} <= fields_named
    made = _change(
        status=changes.ChangeStatus.IMPLEMENTED,
        approved_by_id=staff["md"],
        approved_on=dt.date(2026, 3, 2),
        product_impact="All machined brackets",
        implemented_on=dt.date(2026, 3, 9),
        owner_id=staff["qm"],
    )
    with db.write() as s:
        cid = changes.create_change(s, made, USER, ON)
    with db.read() as s:
        row = changes.get_row(s, cid)
        items = [i for i in due.due_items(s, ON, 30) if i.register == "changes"]
    assert row.reference == "CHG-2026-001" and row.review_due == dt.date(2026, 6, 9)
    assert [(i.what, i.overdue(ON)) for i in items] == [("Change review due", True)]
    with pytest.raises(ValidationError, match="Review of the results"), db.write() as s:
        changes.update_change(
            s,
            cid,
            replace(
                row.fields(),
                status=changes.ChangeStatus.REVIEWED,
                reviewed_on=ON,
                reviewed_by_id=staff["qm"],
            ),
            USER,
            ON,
        )
    with db.write() as s:
        changed = changes.update_change(
            s,
            cid,
            replace(
                row.fields(),
                status=changes.ChangeStatus.REVIEWED,
                reviewed_on=ON,
                reviewed_by_id=staff["qm"],
                review_result="No burr since",
            ),
            USER,
            ON,
        )
    assert "Status" in changed and "Review of the results" in changed
    with db.read() as s:
        assert not [i for i in due.due_items(s, ON, 30) if i.register == "changes"]


def test_a_design_project_is_refused_while_8_3_is_excluded(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        s.add(ScopeExclusion(clause="8.3", justification="We build to print only"))
    with pytest.raises(ValidationError, match="excluded"), db.write() as s:
        design.create_project(s, design.ProjectFields("Fixture"), USER, ON)
    with db.read() as s:
        assert not design.applies(s) and design.query_ids(s) == []


def test_stage_records_keep_outcome_people_and_files(
    db: Database, staff: dict[str, int], tmp_path: Path
) -> None:
    drawing = tmp_path / "fixture-GA.pdf"
    drawing.write_bytes(b"%PDF-1.4 drawing")
    with db.write() as s:
        pid = design.create_project(
            s,
            design.ProjectFields("Drill fixture", customer="Orbis", started_on=dt.date(2026, 2, 1)),
            USER,
            ON,
        )
        with pytest.raises(ValidationError) as caught:
            design.add_stage(
                s,
                pid,
                design.StageFields(design.StageKind.REVIEW, dt.date(2026, 3, 1), "GA"),
                USER,
                on=ON,
            )
        design.add_stage(
            s,
            pid,
            design.StageFields(
                design.StageKind.REVIEW,
                dt.date(2026, 3, 1),
                "GA drawing reviewed",
                "Approved with two actions",
                "Ann Lee, Bo Ray",
            ),
            USER,
            files=[drawing],
            attachments_dir=db.attachments_dir,
            on=ON,
        )
    assert {p.split(":")[0] for p in caught.value.problems} == {"Outcome", "Who took part"}
    with db.read() as s:
        row = design.get_row(s, pid)
        [stage] = design.stages_of(s, [pid])[pid]
        path = design.file_path(s, stage.files[0].id, db.attachments_dir)
    assert row.reference == "DP-2026-001" and row.stages == 1
    assert stage.participants == "Ann Lee, Bo Ray" and stage.files[0].name == "fixture-GA.pdf"
    assert path.read_bytes() == b"%PDF-1.4 drawing"


def test_values_from_a_dialog_or_a_sheet_are_parsed_with_every_problem(db: Database) -> None:
    fields, problems = feedback.feedback_from_values(
        {
            "kind": "complaint",
            "customer": "Orbis",
            "received_on": "1 June 2026",
            "severity": "huge",
            "closed_on": "bad",
        },
        ON,
    )
    assert fields is None and {p.field for p in problems} == {"severity", "closed_on"}
    fields, problems = changes.change_from_values(
        {"title": "T", "description": "D", "reason": "R", "status": "", "scope": "8.5.6"}, ON
    )
    assert problems == [] and fields is not None
    assert fields.scope == changes.ChangeScope.PRODUCTION


def test_typed_records_have_a_kind_a_clause_a_retention_and_a_location(db: Database) -> None:
    from qmsdesk.core.documents import record_kinds

    with pytest.raises(ValidationError, match="Location"), db.write() as s:
        record_kinds.create_typed_record(s, "traceability", "R-1", USER, location=" ")
    with db.write() as s:
        doc_id = record_kinds.create_typed_record(
            s, "traceability", "R-1", USER, location="Travellers by works order"
        )
    from qmsdesk.core import documents

    with db.read() as s:
        row = documents.get_row(s, doc_id)
        found = record_kinds.held(s)
    assert row.clauses == "8.5.2" and row.retention == "10 years after delivery"
    assert found["traceability"] == ["R-1"] and found["customer_property"] == []
    assert record_kinds.kind_for(row.doc_type, row.clauses) is record_kinds.BY_KEY["traceability"]
    assert "trace it back" in record_kinds.help_html()


def test_the_demo_tells_one_story(demo_db: Database) -> None:
    from qmsdesk.core.documents import record_kinds
    from qmsdesk.core.reviews.draft import drafters
    from qmsdesk.core.reviews.drafting import Period

    on = dt.date.today()
    with demo_db.read() as s:
        rows = feedback.all_rows(s)
        surveys = feedback.survey_rows(s)
        burr = feedback.get_row(s, feedback.id_for_reference(s, "CC-0043") or 0)
        action = s.get(Action, burr.action_id)
        kept = changes.all_rows(s)
        projects = design.all_rows(s)
        stages = design.stages_of(s, [p.id for p in projects])
        held = record_kinds.held(s)
        items = due.due_items(s, on, 30)
        c1 = drafters().draft(s, Period.of(on - dt.timedelta(days=330), on), ["9.3.2 c 1"])
    assert len(rows) == 20 and len(surveys) == 2 and len(kept) == 5 and len(projects) == 2
    assert action is not None and action.source_id == burr.id and burr.closed_on is not None
    assert [s_.score for s_ in surveys] == [4.2, 4.4]
    assert {p.status for p in projects} == {
        design.DesignStatus.COMPLETED,
        design.DesignStatus.ACTIVE,
    }
    assert {st.kind for st in stages[projects[0].id]} == set(design.StageKind)
    # The demo's inspection records (R-08-01, 8.6) are its release records.
    assert held["release"] == ["R-08-01"]
    overdue = {(i.register, i.reference) for i in items if i.overdue(on)}
    assert ("feedback", "CC-0046") in overdue and ("changes", "CHG-0023") in overdue
    text = c1["9.3.2 c 1"].text
    assert "Received in the period: 6 complaints" in text and "a score of 4.4 out of 5" in text
    assert "The actions register holds" in text  # the complaint actions follow the feedback
