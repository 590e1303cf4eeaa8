"""The risks and opportunities register: the company's scale and levels, the rules, actions raised
in the shared register, effectiveness reviews, the heat map, due items and search."""

from __future__ import annotations

import datetime as dt

import pytest

from qmsdesk.core import actions, due, finder, history, people, risks
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_planning import ContextIssue, IssueSide, Process
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.risks import RiskFields, RiskKind, RiskScale, RiskSourceKind, Treatment

ON = dt.date(2026, 6, 15)
USER = "lead"


@pytest.fixture
def links(db: Database) -> dict[str, int]:
    with db.write() as s:
        owner = people.create_person(
            s, people.PersonFields("E01", "Sarah Whitfield", "Buying"), USER
        )
        process = Process(code="P-PUR", name="Purchasing")
        issue = ContextIssue(reference="EXT-01", side=IssueSide.EXTERNAL, title="Bar stock prices")
        s.add_all([process, issue])
        s.flush()
        return {"owner": owner, "process": process.id, "issue": issue.id}


def _fields(links: dict[str, int], **changes: object) -> RiskFields:
    base: dict[str, object] = {
        "title": "Single source of 6082 bar stock",
        "likelihood": 4,
        "consequence": 4,
        "source_kind": RiskSourceKind.CONTEXT_ISSUE,
        "issue_id": links["issue"],
        "process_id": links["process"],
        "owner_id": links["owner"],
    }
    return RiskFields(**(base | changes))  # type: ignore[arg-type]


def test_scale_levels_and_default(db: Database) -> None:
    scale = RiskScale()
    assert (scale.level(4), scale.level(5), scale.level(12)) == (
        risks.Level.LOW,
        risks.Level.MEDIUM,
        risks.Level.HIGH,
    )
    with db.write() as s:
        assert risks.get_scale(s) == RiskScale(5, 5, 12)
        risks.set_scale(s, RiskScale(4, 4, 9))
    with db.read() as s:
        assert risks.get_scale(s) == RiskScale(4, 4, 9)
    with pytest.raises(ValidationError, match="High from"), db.write() as s:
        risks.set_scale(s, RiskScale(4, 9, 8))


def test_create_gives_reference_records_history_and_rates(
    db: Database, links: dict[str, int]
) -> None:
    with db.write() as s:
        first = risks.create_risk(s, _fields(links), USER, on=ON)
        opp = risks.create_risk(
            s,
            _fields(links, kind=RiskKind.OPPORTUNITY, treatment=Treatment.PURSUE, likelihood=2),
            USER,
            on=ON,
        )
    with db.read() as s:
        row, orow = risks.get_row(s, first), risks.get_row(s, opp)
        assert (row.reference, orow.reference) == ("R-001", "OPP-001")
        assert row.rating == 16 and row.level(risks.get_scale(s)) == risks.Level.HIGH
        assert row.source_ref == "EXT-01" and row.process_code == "P-PUR"
        assert row.owner_name == "Sarah Whitfield"
        assert history.for_entity(s, risks.ENTITY, first)[0].action == "create"


def test_likelihood_outside_the_scale_is_refused(db: Database, links: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as s:
        risks.create_risk(s, _fields(links, likelihood=6, residual_consequence=2), USER, on=ON)
    text = str(caught.value)
    assert "Likelihood: 6 is outside the company's scale: use a whole number from 1 to 5" in text
    assert "Likelihood after treatment: Rate both" in text
    with db.read() as s:
        assert risks.all_rows(s) == []


def test_source_and_treatment_rules(db: Database, links: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as s:
        risks.create_risk(s, _fields(links, issue_id=None, treatment=Treatment.PURSUE), USER, on=ON)
    assert "Source reference: Say which context issue" in str(caught.value)
    assert "Treatment: A risk is accepted" in str(caught.value)


def test_actions_raised_and_effectiveness_reviewed(db: Database, links: dict[str, int]) -> None:
    with db.write() as s:
        rid = risks.create_risk(
            s, _fields(links, treatment_plan="Approve a second mill"), USER, on=ON
        )
        aid = risks.raise_action(s, rid, "Approve a second bar stock supplier", USER, on=ON)
        risks.add_review(
            s,
            rid,
            risks.ReviewFields(ON, links["owner"], risks.ReviewOutcome.EFFECTIVE, "Two deliveries"),
            USER,
            on=ON,
        )
    with db.read() as s:
        action = actions.get_row(s, aid)
        assert action.source_kind == actions.ActionSource.RISK and action.source_ref == "R-001"
        assert action.owner_id == links["owner"]
        row = risks.get_row(s, rid)
        assert (row.actions_open, row.actions_total) == (1, 1)
        (review,) = risks.reviews_of(s)
        assert review.reviewed_by_name == "Sarah Whitfield"
    with pytest.raises(ValidationError, match="actions raised"), db.write() as s:
        risks.delete_risk(s, rid, USER)
    with pytest.raises(ValidationError, match="Say what was looked at"), db.write() as s:
        risks.add_review(
            s, rid, risks.ReviewFields(ON, links["owner"], risks.ReviewOutcome.PARTLY), USER, on=ON
        )


def test_heat_map_before_and_after(db: Database, links: dict[str, int]) -> None:
    with db.write() as s:
        risks.create_risk(s, _fields(links), USER, on=ON)
        risks.create_risk(
            s, _fields(links, residual_likelihood=2, residual_consequence=4), USER, on=ON
        )
        risks.create_risk(s, _fields(links, likelihood=1, consequence=2), USER, on=ON)
    with db.read() as s:
        before = risks.heat_map(s, risks.get_scale(s))
        after = risks.heat_map(s, risks.get_scale(s), after=True)
    assert before.count(4, 4) == 2 and before.count(1, 2) == 1 and before.total == 3
    assert after.count(2, 4) == 1 and after.total == 1


def test_due_and_search(db: Database, links: dict[str, int]) -> None:
    with db.write() as s:
        risks.create_risk(
            s,
            _fields(
                links,
                next_review=ON - dt.timedelta(days=3),
                identified_on=ON - dt.timedelta(days=300),
            ),
            USER,
            on=ON,
        )
        risks.create_risk(
            s, _fields(links, title="Other", next_review=ON + dt.timedelta(days=200)), USER, on=ON
        )
    assert "qmsdesk.core.risks:due_items" in due.DUE_SOURCES
    assert "qmsdesk.core.risks:find" in finder.FIND_SOURCES
    with db.read() as s:
        items = [i for i in due.due_items(s, ON, 30) if i.register == "risks"]
        assert [(i.reference, i.overdue(ON)) for i in items] == [("R-001", True)]
        hits = [h for h in finder.find(s, "bar stock") if h.register == "risks"]
        assert [h.reference for h in hits] == ["R-001"]
        ids = risks.query_ids(s, risks.RiskQuery(levels=frozenset({risks.Level.HIGH})))
        assert len(ids) == 2
        assert risks.query_ids(s, risks.RiskQuery(review_due_only=True), on=ON) == [
            risks.id_for_reference(s, "R-001")
        ]


def test_what_touches_a_process(db: Database, links: dict[str, int]) -> None:
    with db.write() as s:
        risks.create_risk(
            s, _fields(links, title="Low one", likelihood=1, consequence=2), USER, on=ON
        )
        risks.create_risk(s, _fields(links), USER, on=ON)
        risks.create_risk(s, _fields(links, title="Elsewhere", process_id=None), USER, on=ON)
    with db.read() as s:
        assert risks.for_process(s, links["process"]) == [
            ("R-002", "Single source of 6082 bar stock", 16),
            ("R-001", "Low one", 2),
        ]
