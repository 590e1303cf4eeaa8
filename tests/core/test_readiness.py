"""Readiness clause by clause, the due list of today's registers, the getting-started checklist,
the mock certification audit and the figure the lead last saw."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, insert

from qmsdesk.core import due, history, readiness
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_actions import Action, ActionStatus
from qmsdesk.core.db.models_planning import ScopeExclusion
from qmsdesk.core.errors import QmsError
from qmsdesk.core.readiness import State
from qmsdesk.core.readiness.engine import load_catalogue
from qmsdesk.core.readiness.home import home_view
from qmsdesk.core.readiness.mock_audit import mock_audit
from qmsdesk.core.readiness.start import getting_started


def clause(result: readiness.Readiness, number: str) -> readiness.ClauseResult:
    return next(c for c in result.clauses if c.clause == number)


# --- the catalogue -----------------------------------------------------------------------------


def test_the_shipped_catalogue_covers_4_1_to_10_3_with_known_checks() -> None:
    cat = load_catalogue()
    numbers = [r.clause for r in cat.rules]
    assert cat.edition == "ISO 9001:2015"
    assert numbers[0] == "4.1" and numbers[-1] == "10.3"
    for needed in (
        "4.3",
        "5.2",
        "6.1",
        "7.1.5",
        "7.2",
        "7.5",
        "8.4",
        "9.1.2",
        "9.2",
        "9.3",
        "10.2",
    ):
        assert needed in numbers


def test_a_catalogue_naming_an_unknown_check_or_clause_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "clauses": [
                    {"clause": "7.5", "checks": [{"check": "guess"}]},
                    {"clause": "11.1", "checks": []},
                ]
            }
        )
    )
    with pytest.raises(QmsError, match=r"unknown check 'guess'.*|unknown clause '11.1'"):
        load_catalogue(bad)


# --- an empty company --------------------------------------------------------------------------


def test_an_empty_company_says_what_is_missing(db: Database) -> None:
    with db.read() as s:
        result = readiness.evaluate(s, dt.date(2026, 12, 2))
    # Only 4.3 is partly there: nothing is excluded, but no scope statement is written.
    assert [c.clause for c in result.clauses if c.state != State.MISSING] == ["4.3"]
    assert result.percent == 2
    assert clause(result, "6.1").state == State.MISSING
    assert "Missing: no calibration records recorded yet." in (clause(result, "7.1.5").reasons())
    assert "no effective document" in clause(result, "7.5").reasons()[0]
    assert "no management review held" in clause(result, "9.3").reasons()[0].lower()
    assert clause(result, "10.2").reasons() == ["Missing: no corrective action recorded yet."]
    with db.read() as s:
        steps = getting_started(s, dt.date(2026, 12, 2))
        items = due.due_items(s, dt.date(2026, 12, 2), 30)
    assert not any(step.done for step in steps)
    assert [i.what for i in items] == ["Management review due"]  # none was ever held


def test_a_register_table_that_lands_makes_the_generic_check_real(db: Database) -> None:
    from qmsdesk.core.readiness.checks import table_rows
    from qmsdesk.core.readiness.context import Context

    def found() -> str:
        with db.read() as s:
            return table_rows(Context(s, dt.date(2026, 12, 2)), "6.3", table="future_things",
                              what="future things").reason  # fmt: skip

    assert found() == "Missing: no future things register data in this company file."
    things = Table(
        "future_things", MetaData(), Column("id", Integer, primary_key=True), Column("title", Text)
    )
    things.create(db.engine)
    assert found() == "Missing: no future things recorded yet."
    with db.write() as s:
        s.execute(insert(things), [{"title": "One"}, {"title": "Two"}])
        history.record(s, user="Test", entity="thing", entity_id=1, ref="T-1", action="create")
    assert found() == "2 future things recorded."


# --- the demo company --------------------------------------------------------------------------


def test_readiness_of_the_demo_company_gives_reasons_and_evidence(demo_db: Database) -> None:
    on = today()
    with demo_db.read() as s:
        result = readiness.evaluate(s, on)
        overdue = (
            s.query(Document.code)
            .filter(Document.next_review < on, Document.status == "effective")
            .all()
        )
    c75 = clause(result, "7.5")
    assert c75.state == State.PARTLY
    assert c75.reasons()[0].startswith(f"{len(overdue)} documents overdue for review")
    assert {e.reference for e in c75.evidence()} == {code for (code,) in overdue}
    assert all(e.register == "documents" and e.record_id for e in c75.evidence())
    c93 = clause(result, "9.3")
    assert c93.state == State.READY and c93.evidence()[0].reference == "MR-2025"
    c102 = clause(result, "10.2")
    assert c102.state == State.PARTLY and "overdue" in c102.reasons()[0]
    assert {"CA-2026-004", "CA-2026-006"} <= {e.reference for e in c102.evidence()}
    assert 0 < result.percent < 100
    assert result.count(State.READY) + result.count(State.PARTLY) + result.count(
        State.MISSING
    ) == len(result.clauses)


def test_an_excluded_clause_is_not_applicable(demo_db: Database) -> None:
    with demo_db.write() as s:
        s.add(ScopeExclusion(clause="8.3", justification="We build to customers' drawings."))
    with demo_db.read() as s:
        result = readiness.evaluate(s, today())
    assert clause(result, "8.3").state == State.NOT_APPLICABLE
    assert clause(result, "4.3").reasons()[1] == "2 exclusions, each justified (8.5.1 f, 8.3)."


def test_closing_the_overdue_actions_changes_10_2(demo_db: Database) -> None:
    on = today()
    with demo_db.write() as s:
        for a in s.query(Action).filter(Action.status != ActionStatus.CLOSED):
            a.due_date = on + dt.timedelta(days=10)
            a.verify_due = on + dt.timedelta(days=10)
    with demo_db.read() as s:
        c102 = clause(readiness.evaluate(s, on), "10.2")
    assert c102.state == State.READY, c102.reasons()


def test_the_trend_compares_with_the_last_day_the_lead_looked(demo_db: Database) -> None:
    on = today()
    with demo_db.read() as s:
        first = readiness.evaluate(s, on)
    assert first.previous is None and first.trend() is None
    with demo_db.write() as s:
        readiness.remember_seen(s, first)
    with demo_db.read() as s:
        assert readiness.evaluate(s, on).previous is None  # the same day: still the first look
        later = readiness.evaluate(s, on + dt.timedelta(days=1))
    assert later.previous == (on, first.percent)
    assert later.trend_text().endswith(
        f"since you last looked ({on.isoformat()}, {first.percent}%)."
    )
    with demo_db.write() as s:
        readiness.remember_seen(s, later)
        readiness.remember_seen(s, later)  # twice the same day keeps the day before
    with demo_db.read() as s:
        assert readiness.last_seen(s, later.on) == (on, first.percent)


# --- the due list ------------------------------------------------------------------------------


def test_the_due_list_names_every_register_overdue_first(demo_db: Database) -> None:
    on = today()
    with demo_db.read() as s:
        items = due.due_items(s, on, 30)
    registers = {i.register for i in items}
    assert {"documents", "training", "audits", "actions", "reviews"} <= registers
    late = [i.overdue(on) for i in items]
    assert late == sorted(late, reverse=True)  # overdue first
    assert len({i.uid for i in items}) == len(items)  # one UID each, for the calendar
    by_ref = {(i.register, i.reference): i for i in items}
    ca = by_ref[("actions", "CA-2026-004")]
    assert ca.what == "Action due" and ca.overdue(on) and ca.kind == "action"
    assert by_ref[("reviews", "MR-2026")].what == "Management review to hold"
    assert any(i.what.startswith("Training expired") for i in items)
    assert any(i.what == "Audit late: not reported" for i in items)
    with demo_db.read() as s:
        week = due.due_items(s, on, 7)
    assert len(week) < len(items) and all(i.due <= on + dt.timedelta(days=7) for i in week)


def test_a_review_falls_due_12_months_after_the_last_one(db: Database) -> None:
    from qmsdesk.core.db.models_reviews import Review, ReviewStatus

    held = dt.date(2025, 11, 20)
    with db.write() as s:
        s.add(
            Review(
                reference="MR-2025",
                meeting_date=held,
                period_start=dt.date(2024, 11, 1),
                period_end=dt.date(2025, 10, 31),
                status=ReviewStatus.APPROVED,
            )
        )
    with db.read() as s:
        items = due.due_items(s, dt.date(2026, 12, 2), 30)
    assert [(i.what, i.due) for i in items] == [
        ("Management review due (12 months)", add_months(held, 12))
    ]


# --- the mock audit and the home page ----------------------------------------------------------


def test_the_mock_audit_samples_the_same_records_on_the_same_day(demo_db: Database) -> None:
    on = today()
    with demo_db.read() as s:
        first = mock_audit(s, on)
        again = mock_audit(s, on)
    assert first == again
    titles = [sample.title for sample in first.samples]
    assert titles[:2] == [
        "Training records of people at work",
        "Corrective actions closed this year",
    ]
    training = first.samples[0]
    assert len(training.picked) == 5 and training.lacking >= 1
    documents = next(sm for sm in first.samples if sm.clause == "7.5")
    assert all(p.evidence.register == "documents" for p in documents.picked)
    calibration = next(sm for sm in first.samples if sm.clause == "7.1.5")
    assert "sampling them comes with their register" in calibration.note


def test_the_home_view_reads_everything_once(demo_db: Database) -> None:
    on = today()
    with demo_db.read() as s:
        view = home_view(s, on, 30)
    assert view.overdue == sum(1 for i in view.due if i.overdue(on)) > 0
    steps = {step.label: step.done for step in view.steps}
    assert steps["Documents imported"] and steps["People imported"] and steps["Quality policy"]
    assert view.new_file == (not all(steps.values()))
