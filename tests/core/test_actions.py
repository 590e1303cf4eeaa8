"""The shared actions register: references, the 5 whys, verification before closing, overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from qmsdesk.core import actions, history, people
from qmsdesk.core.actions import ActionFields
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import ActionKind, ActionSource, ActionStatus
from qmsdesk.core.errors import ValidationError

ON = dt.date(2026, 6, 15)
USER = "lead"


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    with db.write() as s:
        return {
            "qm": people.create_person(
                s, people.PersonFields("E01", "Łukasz Żółć", "Quality"), USER
            ),
            "pm": people.create_person(
                s, people.PersonFields("E02", "Anders Ørsted", "Production"), USER
            ),
        }


def create(db: Database, **values: object) -> int:
    base: dict[str, object] = {
        "title": "Gauge out of calibration",
        "source_kind": ActionSource.PROCESS_NC,
        "source_ref": "NCR-0412",
        "problem": "MIC-014 used 3 weeks after its calibration date",
        "raised_on": dt.date(2026, 5, 2),
        "due_date": dt.date(2026, 6, 1),
        **values,
    }
    with db.write() as s:
        return actions.create_action(s, ActionFields(**base), USER, on=ON)  # type: ignore[arg-type]


def done(row: actions.ActionRow) -> ActionFields:
    return replace(
        row.fields(),
        # Closing needs an owner (the staff fixture's second person, Anders Ørsted, by default:
        # the quality manager, who verifies, is not the owner) and a correction.
        owner_id=row.owner_id or 2,
        correction=row.correction or "MIC-014 quarantined; parts since its due date re-measured",
        status=ActionStatus.AWAITING_VERIFICATION,
        whys=(
            "The gauge was used after its due date",
            "Nobody noticed the label",
            "Labels are small and not checked at first-off",
            "The first-off form has no gauge check",
            "The form was written before the gauge register existed",
        ),
        root_cause="First-off form does not ask for a gauge calibration check",
        corrective_action="Added a gauge check line to F-08-02; briefed setters",
        completed_on=dt.date(2026, 6, 1),
        verify_due=dt.date(2026, 9, 1),
    )


def test_references_follow_the_kind_and_year(db: Database, staff: dict[str, int]) -> None:
    first = create(db)
    second = create(db, title="Second")
    improvement = create(db, title="Chart supplier scores", kind=ActionKind.IMPROVEMENT)
    with db.read() as s:
        refs = [actions.get_row(s, i).reference for i in (first, second, improvement)]
    assert refs == ["CA-2026-001", "CA-2026-002", "IMP-2026-001"]
    with pytest.raises(ValidationError, match="already has the reference"):
        create(db, reference="ca-2026-001")


def test_the_whys_are_kept_in_order(db: Database, staff: dict[str, int]) -> None:
    action_id = create(db, owner_id=staff["pm"])
    with db.write() as s:
        row = actions.get_row(s, action_id)
        actions.update_action(s, action_id, done(row), USER, on=ON)
    with db.read() as s:
        row = actions.get_row(s, action_id)
        assert len(row.whys) == 5 and row.whys[2].startswith("Labels are small")
        assert row.owner_name == "Anders Ørsted"
        changed = {c.field for c in actions.history_of(s, action_id)}
        assert {"5 whys", "Root cause", "Status", "Done on"} <= changed


def test_closing_without_a_verification_of_effectiveness_is_refused(
    db: Database, staff: dict[str, int]
) -> None:
    action_id = create(db)
    with db.write() as s:
        actions.update_action(s, action_id, done(actions.get_row(s, action_id)), USER, on=ON)
    refused = "its effectiveness has not been verified"
    with pytest.raises(ValidationError, match=refused), db.write() as s:
        actions.close_action(s, action_id, USER, on=ON)
    refused = "closed only after a check of its effectiveness"
    with pytest.raises(ValidationError, match=refused), db.write() as s:
        row = actions.get_row(s, action_id)
        actions.update_action(
            s, action_id, replace(row.fields(), status=ActionStatus.CLOSED), USER, on=ON
        )
    # The file itself refuses it too, whoever writes.
    refused = "closed_needs_verification"
    with pytest.raises(sqlalchemy.exc.IntegrityError, match=refused), db.write() as s:
        s.execute(text("UPDATE actions SET status = 'closed' WHERE id = :i"), {"i": action_id})
    with db.read() as s:
        assert actions.get_row(s, action_id).status == ActionStatus.AWAITING_VERIFICATION


def test_an_effective_verification_closes_the_action(db: Database, staff: dict[str, int]) -> None:
    action_id = create(db)
    with db.write() as s:
        actions.update_action(s, action_id, done(actions.get_row(s, action_id)), USER, on=ON)
        status = actions.verify(
            s,
            action_id,
            verified_on=ON,
            verified_by_id=staff["qm"],
            effective=True,
            note="No repeat in 40 first-off reports",
            user=USER,
            on=ON,
        )
    assert status == ActionStatus.CLOSED
    with db.read() as s:
        row = actions.get_row(s, action_id)
        assert (row.status, row.closed_on, row.verified_by_name) == (
            ActionStatus.CLOSED,
            ON,
            "Łukasz Żółć",
        )
        assert row.due_state(dt.date(2030, 1, 1)) is None
        assert history.verify_chain(s) == []


def test_a_failed_verification_sends_the_action_back(db: Database, staff: dict[str, int]) -> None:
    action_id = create(db)
    with db.write() as s:
        with pytest.raises(ValidationError, match="not been carried out"):
            actions.verify(s, action_id, verified_on=ON, verified_by_id=staff["qm"],
                           effective=True, note="x", user=USER, on=ON)  # fmt: skip
        actions.update_action(s, action_id, done(actions.get_row(s, action_id)), USER, on=ON)
        with pytest.raises(ValidationError, match="Verification note"):
            actions.verify(s, action_id, verified_on=ON, verified_by_id=staff["qm"],
                           effective=False, note=" ", user=USER, on=ON)  # fmt: skip
        status = actions.verify(
            s,
            action_id,
            verified_on=ON,
            verified_by_id=staff["qm"],
            effective=False,
            note="Two more expired gauges found",
            user=USER,
            on=ON,
        )
    assert status == ActionStatus.IN_PROGRESS
    with db.read() as s:
        row = actions.get_row(s, action_id)
        assert row.status == ActionStatus.IN_PROGRESS and row.verified_on is None
        assert "not effective: Two more expired gauges found" in row.note
        assert "Łukasz Żółć" in row.note
        # Its due date (1 June) is past: it is overdue again.
        assert row.due_state(ON) == actions.DueState.OVERDUE


def test_bad_fields_give_every_problem(db: Database, staff: dict[str, int]) -> None:
    values, problems = actions.fields_from_values(
        {
            "title": "",
            "status": "Finished-ish",
            "due_date": "31/02/2026",
            "effective": "maybe",
        }
    )
    assert values is None
    text_ = "\n".join(f"{p.field}: {p.message}" for p in problems)
    assert "status: 'Finished-ish' is not an action status" in text_
    assert "due_date: '31/02/2026' is not a date" in text_
    assert "effective: 'maybe': write Yes or No" in text_
    assert "title: A short title is required" in text_
    with pytest.raises(ValidationError, match="cannot be before the day the action was raised"):
        create(db, due_date=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="not in the register of people"):
        create(db, owner_id=999)


def test_overdue_actions_stand_out_and_can_be_listed(db: Database, staff: dict[str, int]) -> None:
    late = create(db, title="Late one", due_date=dt.date(2026, 6, 1))
    soon = create(db, title="Soon", due_date=dt.date(2026, 6, 20))
    later = create(db, title="Later", due_date=dt.date(2026, 12, 1))
    waiting = create(db, title="Waiting check")
    with db.write() as s:
        row = actions.get_row(s, waiting)
        actions.update_action(
            s, waiting, replace(done(row), verify_due=dt.date(2026, 6, 10)), USER, on=ON
        )
    with db.read() as s:
        states = {r.title: r.due_state(ON) for r in actions.all_rows(s, on=ON)}
        overdue = actions.query_ids(s, actions.ActionQuery(overdue_only=True), on=ON)
        counts = actions.counts(s, on=ON)
    assert states == {
        "Late one": actions.DueState.OVERDUE,
        "Soon": actions.DueState.DUE_SOON,
        "Later": None,
        "Waiting check": actions.DueState.OVERDUE,
    }
    assert sorted(overdue) == sorted([late, waiting])
    assert (counts.total, counts.open, counts.overdue, counts.awaiting_verification) == (4, 4, 2, 1)
    assert soon and later


def test_search_sort_and_period_report(db: Database, staff: dict[str, int]) -> None:
    a = create(db, title="Swarf in bores", owner_id=staff["pm"], due_date=dt.date(2026, 7, 1))
    b = create(db, title="Late delivery to customer", source_kind=ActionSource.CUSTOMER_COMPLAINT,
               due_date=dt.date(2026, 6, 2))  # fmt: skip
    c = create(db, title="Gauge check", owner_id=staff["qm"])
    with db.write() as s:
        actions.update_action(s, c, done(actions.get_row(s, c)), USER, on=ON)
        actions.verify(s, c, verified_on=dt.date(2026, 6, 10), verified_by_id=staff["pm"],
                       effective=True, note="ok", user=USER, on=ON)  # fmt: skip
    with db.read() as s:
        assert actions.query_ids(s, actions.ActionQuery(text="ØRSTED"), on=ON) == [a]
        assert actions.query_ids(s, actions.ActionQuery(text="customer late"), on=ON) == [b]
        assert actions.query_ids(
            s, actions.ActionQuery(sources=frozenset({ActionSource.CUSTOMER_COMPLAINT}))
        ) == [b]
        assert actions.query_ids(s, sort="due_date", on=ON) == [c, b, a]
        report = actions.period_report(s, dt.date(2026, 1, 1), dt.date(2026, 6, 30), on=ON)
        assert [r.id for r in report.open] == [a, b]
        assert [r.id for r in report.overdue] == [b]
        assert [r.id for r in report.closed] == [c]
        empty = actions.period_report(s, dt.date(2025, 1, 1), dt.date(2025, 12, 31), on=ON)
        assert empty.closed == []


def test_delete_only_while_nothing_was_recorded(db: Database, staff: dict[str, int]) -> None:
    empty = create(db)
    worked = create(db, correction="Quarantined the batch")
    with db.write() as s:
        actions.delete_action(s, empty, USER)
        with pytest.raises(ValidationError, match="stays in the register"):
            actions.delete_action(s, worked, USER)
    with db.read() as s:
        assert [r.id for r in actions.all_rows(s)] == [worked]
