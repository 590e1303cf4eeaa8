"""Management reviews: planning, drafting from the registers, decisions and their actions,
approval (read-only), new revisions of the minutes, and every bad input refused with nothing
changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from qmsdesk.core import actions, documents, history, people, reviews, training
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.db.models_audits import (
    Action,
    ActionSource,
    ActionStatus,
    Audit,
    AuditStatus,
    Finding,
    FindingClass,
)
from qmsdesk.core.db.models_reviews import Review, ReviewMinutes, ReviewStatus
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.reviews import ReviewActionFields, ReviewFields
from qmsdesk.core.reviews.draft import Period, day_text, drafters
from qmsdesk.core.reviews.minutes_data import Minutes, agenda, inputs, outputs

USER = "Quality Lead"
TODAY = dt.date.today()
MEETING = TODAY - dt.timedelta(days=20)
START = MEETING - dt.timedelta(days=365)


def _fields(**kw: object) -> ReviewFields:
    base = ReviewFields(meeting_date=MEETING, period_start=START, period_end=MEETING)
    return replace(base, **kw)  # type: ignore[arg-type]


def _person(session, number: str, name: str, **kw) -> int:  # type: ignore[no-untyped-def]
    return people.create_person(
        session, people.PersonFields(employee_no=number, name=name, **kw), USER
    )


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    with db.write() as s:
        return {
            "md": _person(s, "E1", "Margaret Hollis", department="Management"),
            "qm": _person(s, "E2", "Łukasz Żółć", department="Quality"),
            "pm": _person(s, "E3", "Anders Ørsted", department="Production"),
        }


def _held(db: Database, staff: dict[str, int], **kw: object) -> int:
    """A review that was held, with two attendees and one apology."""
    with db.write() as s:
        rid = reviews.create_review(s, _fields(chair_id=staff["md"], **kw), USER)
        reviews.set_attendance(s, rid, [staff["md"], staff["qm"]], [staff["pm"]], USER)
        reviews.mark_held(s, rid, USER)
    return rid


def _approved(db: Database, staff: dict[str, int]) -> tuple[int, int]:
    """A held review with one decision and one action, then approved; (review id, action id)."""
    rid = _held(db, staff)
    with db.write() as s:
        reviews.set_narrative(s, rid, "9.3.2 b", "A new customer in aerospace.", USER)
        decision = reviews.add_decision(s, rid, "9.3.3 c", "Hire a second inspector.", USER)
        action = reviews.add_action(
            s,
            decision,
            ReviewActionFields("Advertise the post", staff["md"], TODAY + dt.timedelta(days=30)),
            USER,
        )
        reviews.approve(s, rid, "Margaret Hollis", MEETING + dt.timedelta(days=3), USER)
    return rid, action


def _snapshot(db: Database, rid: int) -> tuple[str, int, int]:
    """Everything a refused change must leave as it was: the minutes, the history, the actions."""
    with db.read() as s:
        content = reviews.minutes(s, rid).to_json()
        rows = s.scalar(select(func.count()).select_from(history.ChangeRecord))
        acts = s.scalar(select(func.count()).select_from(Action))
    return content, rows or 0, acts or 0


# --- the catalogue ---------------------------------------------------------------------------


def test_the_agenda_holds_every_input_and_output_of_the_reference_table() -> None:
    items = [a.item for a in agenda()]
    expected_inputs = ["9.3.2 a", "9.3.2 b"] + [f"9.3.2 c {n}" for n in range(1, 8)]
    expected_inputs += ["9.3.2 d", "9.3.2 e", "9.3.2 f"]
    assert [i.item for i in inputs()][: len(expected_inputs)] == expected_inputs
    assert [o.item for o in outputs()] == ["9.3.3 a", "9.3.3 b", "9.3.3 c"]
    assert len(items) == len(set(items))
    for a in agenda():
        assert a.title and a.prompt, a.item
    # Every drafter writes an agenda input that exists.
    assert set(drafters().by_item) <= {i.item for i in inputs()}


# --- planning --------------------------------------------------------------------------------


def test_a_new_review_gets_a_reference_its_sections_and_a_draft(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        first = reviews.create_review(s, _fields(chair_id=staff["md"]), USER)
        second = reviews.create_review(s, _fields(), USER, draft=False)
    with db.read() as s:
        one, two = reviews.get_review(s, first), reviews.get_review(s, second)
        assert one.reference == f"MR-{MEETING.year}"
        assert two.reference == f"MR-{MEETING.year}-2"
        assert one.status == ReviewStatus.PLANNED and one.chair == "Margaret Hollis"
        assert one.title == f"Management review {MEETING.year}"
        found = reviews.sections(s, first)
        assert [x.item for x in found] == [i.item for i in inputs()]
        drafted = {x.item: x for x in found}
        assert drafted["9.3.2 a"].summary == "This is the first management review on record."
        assert drafted["9.3.2 d"].summary.startswith("3 people worked for the company")
        # The context register is empty: the draft says so (and where to record the context).
        assert drafted["9.3.2 b"].summary.startswith("No context issue or interested party")
        assert one.drafted_at is not None
        assert all(x.summary == "" for x in reviews.sections(s, second))


def test_suggested_fields_follow_on_from_the_last_review(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        reviews.create_review(
            s, _fields(chair_id=staff["md"], place="Boardroom"), USER, draft=False
        )
        suggested = reviews.suggest_fields(s)
    assert suggested.period_start == MEETING + dt.timedelta(days=1)
    assert suggested.meeting_date == TODAY + dt.timedelta(days=14)
    assert suggested.chair_id == staff["md"] and suggested.place == "Boardroom"
    assert (
        suggested.reference == f"MR-{suggested.meeting_date.year}"
        or suggested.reference.endswith("-2")
    )


def test_a_period_that_ends_before_it_starts_is_refused_and_nothing_is_written(
    db: Database,
) -> None:
    bad = _fields(period_start=MEETING, period_end=MEETING - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as caught, db.write() as s:
        reviews.create_review(s, bad, USER)
    message = str(caught.value)
    assert "Period to" in message and "ends" in message and "before it starts" in message
    assert day_text(MEETING) in message
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Review)) == 0
        assert s.scalar(select(func.count()).select_from(history.ChangeRecord)) == 0


def test_editing_a_review_to_end_its_period_before_it_starts_changes_nothing(
    db: Database, staff: dict[str, int]
) -> None:
    rid = _held(db, staff)
    before = _snapshot(db, rid)
    with pytest.raises(ValidationError, match="before it starts"), db.write() as s:
        reviews.update_review(s, rid, _fields(period_end=START - dt.timedelta(days=3)), USER)
    assert _snapshot(db, rid) == before


def test_update_records_each_changed_field(db: Database, staff: dict[str, int]) -> None:
    rid = _held(db, staff)
    with db.write() as s:
        changed = reviews.update_review(
            s, rid, _fields(place="Boardroom", chair_id=staff["qm"]), USER
        )
        assert set(changed) == {"Place", "Chair"}
        row = reviews.get_review(s, rid)
        assert row.place == "Boardroom" and row.chair == "Łukasz Żółć"
        hist = reviews.history_of(s, rid)
        assert any(h.field == "Chair" and h.new_value == "Łukasz Żółć" for h in hist)
        assert history.verify_chain(s) == []


def test_a_duplicate_reference_is_refused(db: Database) -> None:
    with db.write() as s:
        reviews.create_review(s, _fields(reference="MR-A"), USER, draft=False)
    with pytest.raises(ValidationError, match="already has the reference 'MR-A'"), db.write() as s:
        reviews.create_review(s, _fields(reference="mr-a"), USER, draft=False)


def test_attendance_and_apologies(db: Database, staff: dict[str, int]) -> None:
    rid = _held(db, staff)
    with db.read() as s:
        rows = reviews.attendance(s, rid)
    assert {(r.name, r.role.value) for r in rows} == {
        ("Margaret Hollis", "attended"),
        ("Łukasz Żółć", "attended"),
        ("Anders Ørsted", "apologies"),
    }
    with pytest.raises(ValidationError, match="both attend and send apologies"), db.write() as s:
        reviews.set_attendance(s, rid, [staff["md"]], [staff["md"]], USER)
    # Someone deleted from the register keeps their name in the minutes.
    with db.write() as s:
        people.delete_person(s, staff["pm"], USER)
    with db.read() as s:
        minutes = reviews.minutes(s, rid)
    assert minutes.apologies == ("Anders Ørsted",)


def test_resolve_finds_a_review_by_reference_or_number(db: Database) -> None:
    with db.write() as s:
        rid = reviews.create_review(s, _fields(reference="MR-X"), USER, draft=False)
    with db.read() as s:
        assert reviews.resolve(s, "mr-x") == rid
        assert reviews.resolve(s, str(rid)) == rid
        with pytest.raises(NotFoundError, match=r"no management review 'MR-9'.*MR-X"):
            reviews.resolve(s, "MR-9")
        with pytest.raises(ValidationError, match="Say which management review"):
            reviews.resolve(s, None)


def test_a_review_cannot_be_held_before_its_meeting(db: Database) -> None:
    with db.write() as s:
        rid = reviews.create_review(
            s, _fields(meeting_date=TODAY + dt.timedelta(days=5)), USER, draft=False
        )
    with pytest.raises(ValidationError, match="can be marked as held on or after"), db.write() as s:
        reviews.mark_held(s, rid, USER)


# --- narrative and drafts --------------------------------------------------------------------


def test_refreshing_redoes_the_summary_and_never_touches_the_narrative(
    db: Database, staff: dict[str, int]
) -> None:
    rid = _held(db, staff)
    words = "Document reviews slipped over the summer; owners agreed new dates."
    with db.write() as s:
        assert reviews.set_narrative(s, rid, "7.5", words, USER)
        assert not reviews.set_narrative(s, rid, "7.5", words + "  ", USER)  # no change
    with db.read() as s:
        before = {x.item: x for x in reviews.sections(s, rid)}["7.5"]
    assert before.summary == "The document register is empty."
    with db.write() as s:
        documents.create_document(
            s,
            documents.DocumentFields(
                code="QP-01",
                title="Control of documents",
                doc_type=DocType.PROCEDURE,
                status=DocStatus.EFFECTIVE,
                effective_date=MEETING - dt.timedelta(days=800),
                review_months=12,
                owner="Łukasz Żółć",
            ),
            USER,
        )
        reviews.refresh_drafts(s, rid, USER)
    with db.read() as s:
        after = {x.item: x for x in reviews.sections(s, rid)}["7.5"]
        hist = reviews.history_of(s, rid)
    assert after.narrative == words
    assert "1 document was overdue for review" in after.summary
    assert after.tables[0].rows[0][0] == "QP-01"
    assert after.tables[0].columns == ("Code", "Title", "Owner", "Review was due", "Days late")
    assert [h.action for h in hist].count("narrative") == 1
    assert hist[0].action == "draft"


def test_unknown_input_is_refused(db: Database, staff: dict[str, int]) -> None:
    rid = _held(db, staff)
    with pytest.raises(ValidationError, match=r"'9\.9' is not an input"), db.write() as s:
        reviews.set_narrative(s, rid, "9.9", "text", USER)


def _action(session, ref: str, **kw) -> int:  # type: ignore[no-untyped-def]
    values = {
        "reference": ref,
        "title": f"Action {ref}",
        "source_kind": ActionSource.INTERNAL_AUDIT,
        "kind": "corrective",
        "raised_on": START + dt.timedelta(days=10),
        "due_date": START + dt.timedelta(days=40),
        "status": ActionStatus.OPEN,
        "whys": "[]",
    }
    values.update(kw)
    action = Action(**values)
    session.add(action)
    session.flush()
    return action.id


def test_draft_counts_actions_audits_and_findings_of_the_period(
    db: Database, staff: dict[str, int]
) -> None:
    inside = START + dt.timedelta(days=30)
    with db.write() as s:
        # Actions: one raised and closed in the period, one open and overdue, one raised before the
        # period and closed before it (not counted), one supplier action still open, not late.
        _action(
            s, "CA-1", closed_on=inside, status=ActionStatus.CLOSED, completed_on=inside,
            verified_on=inside, verified_by_id=staff["qm"], effective=True,
        )  # fmt: skip
        _action(s, "CA-2")
        _action(
            s, "CA-0", raised_on=START - dt.timedelta(days=90),
            due_date=START - dt.timedelta(days=60), closed_on=START - dt.timedelta(days=30),
            status=ActionStatus.CLOSED, completed_on=START - dt.timedelta(days=40),
            verified_on=START - dt.timedelta(days=30), verified_by_id=staff["qm"], effective=True,
        )  # fmt: skip
        _action(
            s, "SUP-1", source_kind=ActionSource.SUPPLIER, kind="other",
            due_date=TODAY + dt.timedelta(days=30),
        )  # fmt: skip
        # Audits: one reported in the period with 1 minor NC and 2 OFIs, one planned and not done.
        audit = Audit(
            reference="IA-1", title="Purchasing", planned_start=inside, actual_start=inside,
            actual_end=inside, status=AuditStatus.REPORTED, lead_auditor_id=staff["qm"],
        )  # fmt: skip
        late = Audit(
            reference="IA-2", title="Design", planned_start=inside, status=AuditStatus.PLANNED,
            lead_auditor_id=staff["qm"],
        )  # fmt: skip
        s.add_all([audit, late])
        s.flush()
        for number, cls, statement in (
            (1, FindingClass.MINOR_NC, "Supplier list out of date"),
            (2, FindingClass.OFI, "Score suppliers on delivery"),
            (3, FindingClass.OFI, "Share ratings with buyers"),
        ):
            s.add(
                Finding(
                    audit_id=audit.id, number=number, clause="8.4", statement=statement,
                    classification=cls,
                )
            )  # fmt: skip
        s.flush()
        rid = reviews.create_review(s, _fields(), USER)
    with db.read() as s:
        found = {x.item: x for x in reviews.sections(s, rid)}
    c4 = found["9.3.2 c 4"]
    assert "3 actions were raised (2 of them corrective actions) and 1 was closed" in c4.summary
    assert "2 were open and 1 of them overdue" in c4.summary
    by_source = {row[0]: row[1:] for row in c4.tables[0].rows}
    assert by_source["Internal audit"] == ("2", "1", "1", "1")
    assert by_source["Supplier problem"] == ("1", "0", "1", "0")
    assert [r[0] for r in c4.tables[1].rows] == ["CA-2"]
    c6 = found["9.3.2 c 6"]
    assert "1 internal audit was done in the period, with 3 findings" in c6.summary
    assert (
        "0 major nonconformities, 1 minor nonconformity, 2 opportunities for improvement, "
        "0 observations" in c6.summary
    )
    assert "1 audit planned in the period was not done" in c6.summary
    classes = dict(c6.tables[0].rows)
    assert classes == {
        "Major nonconformity": "0",
        "Minor nonconformity": "1",
        "Opportunity for improvement": "2",
        "Observation": "0",
    }
    assert c6.tables[1].rows[0][:3] == ("IA-1", "Purchasing", day_text(inside))
    assert c6.tables[2].rows[0][0] == "IA-2"
    f = found["9.3.2 f"]
    assert "2 opportunities for improvement" in f.summary
    assert [r[2] for r in f.tables[0].rows] == [
        "Score suppliers on delivery",
        "Share ratings with buyers",
    ]
    c7 = found["9.3.2 c 7"]
    assert "1 supplier action raised in the period" in c7.summary
    assert c7.tables[0].rows[0][0] == "SUP-1"
    assert found["9.3.2 c 1"].summary == (
        "The actions register holds no customer complaints for the period."
    )


def test_training_draft_reports_compliance_and_what_is_overdue(db: Database) -> None:
    with db.write() as s:
        a = _person(s, "T1", "Ann", department="Production", roles=("Machinist",))
        _person(s, "T2", "Bob", department="Production", roles=("Machinist",))
        item = training.create_item(
            s, training.ItemFields("SK-1", "Lathe safety", validity_months=12), USER
        )
        role = people.ids_by_role(s)[people.key("Machinist")]
        training.set_role_requirement(s, role, item, 1, USER)
        training.record_training(
            s, [a], item, training.RecordFields(trained_on=TODAY - dt.timedelta(days=20)), USER
        )
        draft = drafters().by_item["9.3.2 d"][0](s, Period.of(START, TODAY))
    assert "50% (1 of 2 required trainings held and valid)" in draft.text
    assert "Overdue training: 1 never done." in draft.text
    assert draft.tables[1].rows == (("SK-1", "Lathe safety", "1"),)
    assert draft.tables[0].rows == (("Production", "2", "1 of 2", "50%"),)


# --- decisions and actions -------------------------------------------------------------------


def test_decisions_create_actions_in_the_actions_register(
    db: Database, staff: dict[str, int]
) -> None:
    rid = _held(db, staff)
    due = TODAY + dt.timedelta(days=60)
    with db.write() as s:
        d1 = reviews.add_decision(s, rid, "9.3.3 a", "Quick-change jaws on the lathes.", USER)
        d2 = reviews.add_decision(s, rid, "9.3.3 c", "A second CMM programmer.", USER)
        a1 = reviews.add_action(s, d1, ReviewActionFields("Trial the jaws", staff["pm"], due), USER)
        a2 = reviews.add_action(
            s, d2, ReviewActionFields("Book the CMM course", staff["qm"], due), USER
        )
    with db.read() as s:
        found = reviews.decisions(s, rid)
        row = actions.get_row(s, a1)
    assert [(d.label, d.item) for d in found] == [("D1", "9.3.3 a"), ("D2", "9.3.3 c")]
    assert [a.reference for a in found[0].actions] == [row.reference]
    assert row.source_kind == ActionSource.MANAGEMENT_REVIEW
    assert row.source_ref == f"MR-{MEETING.year} D1" and row.source_id == d1
    assert row.kind.value == "improvement" and row.owner_name == "Anders Ørsted"
    assert row.due_date == due and row.status == ActionStatus.OPEN
    assert found[1].actions[0].id == a2
    # Problems with an action's fields are all said at once.
    with pytest.raises(ValidationError) as caught, db.write() as s:
        reviews.add_action(s, d1, ReviewActionFields("", None, None), USER)
    assert len(caught.value.problems) == 3
    # A decision with actions cannot be deleted; one without can.
    with pytest.raises(ValidationError, match="D1 has actions"), db.write() as s:
        reviews.delete_decision(s, d1, USER)
    with db.write() as s:
        reviews.remove_action(s, a2, USER)
        reviews.delete_decision(s, d2, USER)
        assert [d.label for d in reviews.decisions(s, rid)] == ["D1"]
    with pytest.raises(ValidationError, match="not an output"), db.write() as s:
        reviews.add_decision(s, rid, "9.3.2 a", "x", USER)


def test_the_next_review_reports_the_status_of_the_previous_reviews_actions(
    db: Database, staff: dict[str, int]
) -> None:
    rid, action_id = _approved(db, staff)
    with db.write() as s:
        row = actions.get_row(s, action_id)
        actions.update_action(
            s,
            action_id,
            replace(row.fields(), status=ActionStatus.IN_PROGRESS, note="Advert drafted"),
            USER,
        )
        nxt = reviews.create_review(
            s,
            ReviewFields(
                meeting_date=TODAY,
                period_start=MEETING + dt.timedelta(days=1),
                period_end=TODAY,
            ),
            USER,
        )
    with db.read() as s:
        a = {x.item: x for x in reviews.sections(s, nxt)}["9.3.2 a"]
        first = {x.item: x for x in reviews.sections(s, rid)}["9.3.2 a"]
    assert "Earlier reviews raised 1 action that was open" in a.summary
    assert "0 closed, 1 still open, 0 of them overdue" in a.summary
    assert a.tables[0].rows == (
        (
            row.reference,
            f"MR-{MEETING.year} D1",
            "Advertise the post",
            "Margaret Hollis",
            day_text(TODAY + dt.timedelta(days=30)),
            "In progress",
        ),
    )
    # The review that raised it does not report it as an earlier review's action.
    assert first.summary == "This is the first management review on record."


# --- approval, read-only, new revisions ----------------------------------------------------


def test_approving_needs_a_held_meeting_attendees_and_a_sensible_date(
    db: Database, staff: dict[str, int]
) -> None:
    with db.write() as s:
        rid = reviews.create_review(s, _fields(), USER, draft=False)
    with pytest.raises(ValidationError) as caught, db.write() as s:
        reviews.approve(s, rid, "", TODAY + dt.timedelta(days=1), USER)
    text = str(caught.value)
    assert "still planned" in text and "say who approved" in text
    assert "cannot be in the future" in text and "record who attended" in text
    with db.write() as s:
        reviews.mark_held(s, rid, USER)
        reviews.set_attendance(s, rid, [staff["md"]], [], USER)
    with pytest.raises(ValidationError, match="cannot be before the meeting"), db.write() as s:
        reviews.approve(s, rid, "MD", MEETING - dt.timedelta(days=1), USER)
    with db.read() as s:
        assert reviews.get_review(s, rid).status == ReviewStatus.HELD


def test_an_approved_review_is_read_only_and_every_change_is_refused(
    db: Database, staff: dict[str, int]
) -> None:
    rid, action_id = _approved(db, staff)
    with db.read() as s:
        decision_id = reviews.decisions(s, rid)[0].id
    before = _snapshot(db, rid)
    attempts = [
        lambda s: reviews.update_review(s, rid, _fields(place="Elsewhere"), USER),
        lambda s: reviews.set_narrative(s, rid, "9.3.2 b", "Rewritten", USER),
        lambda s: reviews.set_attendance(s, rid, [staff["md"]], [], USER),
        lambda s: reviews.refresh_drafts(s, rid, USER),
        lambda s: reviews.add_decision(s, rid, "9.3.3 a", "Another", USER),
        lambda s: reviews.update_decision(s, decision_id, "9.3.3 c", "Changed", USER),
        lambda s: reviews.delete_decision(s, decision_id, USER),
        lambda s: reviews.add_action(
            s, decision_id, ReviewActionFields("More", staff["qm"], TODAY), USER
        ),
        lambda s: reviews.update_action(
            s, action_id, ReviewActionFields("Changed", staff["qm"], TODAY), USER
        ),
        lambda s: reviews.remove_action(s, action_id, USER),
        lambda s: reviews.approve(s, rid, "Again", TODAY, USER),
        lambda s: reviews.delete_review(s, rid, USER),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught, db.write() as s:
            attempt(s)
        message = str(caught.value)
        assert "approved" in message, message
        assert _snapshot(db, rid) == before


def test_approved_minutes_print_as_approved_whatever_happens_later(
    db: Database, staff: dict[str, int]
) -> None:
    rid, action_id = _approved(db, staff)
    with db.read() as s:
        approved = reviews.printable_minutes(s, rid)
        stored = s.scalar(select(ReviewMinutes.sha256).where(ReviewMinutes.review_id == rid))
    assert approved.approved and approved.approved_by == "Margaret Hollis"
    assert approved.actions[0].status == "Open"
    assert stored == approved.sha256()
    # The action moves on in the actions register; the approved minutes do not change.
    with db.write() as s:
        row = actions.get_row(s, action_id)
        actions.update_action(
            s, action_id, replace(row.fields(), status=ActionStatus.IN_PROGRESS), USER
        )
    with db.read() as s:
        again = reviews.printable_minutes(s, rid)
        live = reviews.minutes(s, rid)
    assert again == approved
    assert live.actions[0].status == "In progress"
    assert Minutes.from_json(approved.to_json()) == approved


def test_a_new_revision_of_the_minutes_keeps_the_approved_one(
    db: Database, staff: dict[str, int]
) -> None:
    rid, _action_id = _approved(db, staff)
    with db.read() as s:
        first = reviews.printable_minutes(s, rid)
    with pytest.raises(ValidationError, match="say why"), db.write() as s:
        reviews.new_revision(s, rid, "  ", USER)
    with db.write() as s:
        assert reviews.new_revision(s, rid, "Wrong figure in c 2", USER) == 2
        reviews.set_narrative(s, rid, "9.3.2 b", "Two new customers in aerospace.", USER)
    with db.read() as s:
        row = reviews.get_review(s, rid)
        assert row.status == ReviewStatus.HELD and row.minutes_revision == 2
        assert not row.read_only and row.approved_by == ""
        assert reviews.printable_minutes(s, rid, 1) == first  # kept exactly as approved
        draft = reviews.printable_minutes(s, rid)
        assert draft.status == "held" and draft.revisions[0][:2] == (1, "Margaret Hollis")
        with pytest.raises(NotFoundError, match="no approved revision 3"):
            reviews.printable_minutes(s, rid, 3)
    with db.write() as s:
        reviews.approve(s, rid, "Margaret Hollis", TODAY, USER)
    with db.read() as s:
        done = reviews.approved_revisions(s, rid)
        second = reviews.printable_minutes(s, rid)
    assert [(r.revision, r.reason) for r in done] == [(1, ""), (2, "Wrong figure in c 2")]
    narrative = {i.item: i.narrative for i in second.inputs}["9.3.2 b"]
    assert narrative == "Two new customers in aerospace."
    assert {i.item: i.narrative for i in first.inputs}["9.3.2 b"] == "A new customer in aerospace."
    with db.write() as s:
        reviews.new_revision(s, rid, "again", USER)
    with pytest.raises(ValidationError, match="not approved"), db.write() as s:
        reviews.new_revision(s, rid, "again", USER)


def test_deleting_reviews(db: Database, staff: dict[str, int]) -> None:
    with db.write() as s:
        planned = reviews.create_review(s, _fields(), USER)
    with db.write() as s:
        reviews.delete_review(s, planned, USER)
    rid, _ = _approved(db, staff)
    with pytest.raises(ValidationError, match="approved minutes"), db.write() as s:
        reviews.delete_review(s, rid, USER)
    held = _held(db, staff, reference="MR-H")
    with db.write() as s:
        d = reviews.add_decision(s, held, "9.3.3 b", "x", USER)
        reviews.add_action(s, d, ReviewActionFields("y", staff["qm"], TODAY), USER)
    with pytest.raises(ValidationError, match="remove those actions first"), db.write() as s:
        reviews.delete_review(s, held, USER)
    with db.read() as s:
        assert [r.reference for r in reviews.all_reviews(s)] == ["MR-H", f"MR-{MEETING.year}"]
        assert history.verify_chain(s) == []


# --- the demo --------------------------------------------------------------------------------


def test_the_demo_has_last_years_review_approved_and_this_years_planned_and_drafted(
    demo_db: Database,
) -> None:
    with demo_db.read() as s:
        found = reviews.all_reviews(s)
        assert [r.status for r in found] == [ReviewStatus.PLANNED, ReviewStatus.APPROVED]
        planned, approved = found
        assert approved.approved_by == "Margaret Hollis"
        last = reviews.printable_minutes(s, approved.id)
        assert len(last.attendees) >= 5 and last.apologies
        assert all(i.narrative for i in last.inputs)
        states = {a.status for d in reviews.decisions(s, approved.id) for a in d.actions}
        assert {
            ActionStatus.CLOSED.value,
            ActionStatus.OPEN.value,
            ActionStatus.IN_PROGRESS.value,
            ActionStatus.AWAITING_VERIFICATION.value,
        } <= states
        assert planned.meeting_date > TODAY and planned.period_start == approved.meeting_date
        drafted = {x.item: x for x in reviews.sections(s, planned.id)}
        assert "Earlier reviews raised 6 actions" in drafted["9.3.2 a"].summary
        assert drafted["9.3.2 a"].tables[0].rows
        for item in ("9.3.2 c 4", "9.3.2 d", "7.5"):
            assert drafted[item].summary and drafted[item].tables, item
        assert all(not x.narrative for x in drafted.values())
        assert history.verify_chain(s) == []
