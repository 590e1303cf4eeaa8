"""The context registers: issues, parties, the scope and its exclusions, the policy; what falls
due, search, the review's input b and the demo's story."""

from __future__ import annotations

import datetime as dt

import pytest

from qmsdesk.core import context, due, finder, history
from qmsdesk.core.context import ExclusionFields, IssueFields, PartyFields, ScopeFields
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_planning import IssueSide
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.reviews import draft
from qmsdesk.core.reviews.drafting import Period
from qmsdesk.core.scope import is_excluded

ON = dt.date(2026, 12, 2)


def test_an_issue_gets_the_next_reference_and_a_review_a_year_after_the_last(db: Database) -> None:
    with db.write() as s:
        first = context.create_issue(
            s, IssueFields("", "Energy costs", IssueSide.EXTERNAL, last_reviewed=ON), "ann"
        )
        second = context.create_issue(s, IssueFields("", "One CMM programmer"), "ann")
    with db.read() as s:
        one, two = context.get_issue(s, first), context.get_issue(s, second)
        assert (one.reference, two.reference) == ("CI-01", "CI-02")
        assert one.next_review == dt.date(2027, 12, 2)
        assert [c.field for c in context.issue_history(s, first)] == ["Issue"]


def test_an_issue_edit_records_each_changed_field(db: Database) -> None:
    with db.write() as s:
        issue_id = context.create_issue(s, IssueFields("CI-07", "Late bar stock"), "ann")
    with db.write() as s:
        changed = context.update_issue(
            s,
            issue_id,
            IssueFields("CI-07", "Late bar stock", IssueSide.INTERNAL, category="Supply chain"),
            "bob",
        )
    assert changed == ["Internal / external", "Category"]
    with db.read() as s:
        rows = [r for r in context.issue_history(s, issue_id) if r.action == "edit"]
        assert {(r.field, r.old_value, r.new_value) for r in rows} == {
            ("Internal / external", "External", "Internal"),
            ("Category", "", "Supply chain"),
        }


def test_issue_rules_name_every_field(db: Database) -> None:
    fields, problems = context.issue_from_values(
        {
            "reference": "CI-1",
            "title": "",
            "side": "sideways",
            "next_review": "2026-01-01",
            "last_reviewed": "2026-06-01",
        }
    )
    assert fields is None
    assert {p.field for p in problems} == {"title", "side", "next_review"}
    fields, problems = context.issue_from_values(
        {
            "reference": "CI-1",
            "title": "X",
            "next_review": "2026-01-01",
            "last_reviewed": "2026-06-01",
        }
    )
    assert [p.field for p in problems] == ["next_review"]
    with db.write() as s:
        context.create_issue(s, IssueFields("CI-1", "X"), "ann")
    with pytest.raises(ValidationError, match="another context issue is ci-1"), db.write() as s:
        context.create_issue(s, IssueFields("ci-1", "Y"), "ann")


def test_a_party_name_is_unique_whatever_its_case(db: Database) -> None:
    with db.write() as s:
        party_id = context.create_party(s, PartyFields("Customers", needs="On time"), "ann")
    with pytest.raises(ValidationError, match="in the list already"), db.write() as s:
        context.create_party(s, PartyFields("CUSTOMERS"), "ann")
    with db.write() as s:
        context.update_party(
            s, party_id, PartyFields("Customers", needs="On time", requirements="AS9102"), "bob"
        )
    with db.read() as s:
        assert context.get_party(s, party_id).requirements == "AS9102"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("8.3", "8.3"), ("8.5.1 f", "8.5.1 f"), ("8.5.1f", "8.5.1 f"), ("clause 7.1.5.2", "7.1.5.2")],
)
def test_clauses_are_read_as_the_standard_numbers_them(typed: str, stored: str) -> None:
    assert context.parse_clause(typed) == stored


@pytest.mark.parametrize("typed", ["8.9", "11", "4.5.6", "eight", ""])
def test_a_clause_the_standard_does_not_have_is_refused(db: Database, typed: str) -> None:
    with pytest.raises(ValidationError, match="Requirement not applicable"), db.write() as s:
        context.save_exclusion(s, ExclusionFields(typed, "Because"), "ann")
    with db.read() as s:
        assert context.exclusions(s) == []


def test_exclusions_outside_7_and_8_or_without_a_reason_are_warned_about(db: Database) -> None:
    with db.write() as s:
        context.save_exclusion(
            s, ExclusionFields("8.5.1 f", "All heat treatment is outsourced"), "a"
        )
        context.save_exclusion(s, ExclusionFields("9.2", ""), "a")
    with db.read() as s:
        scope = context.get_scope(s)
        assert [e.clause for e in scope.exclusions] == ["8.5.1 f", "9.2"]
        assert scope.exclusions[0].warnings == []
        warned = scope.exclusions[1].warnings
        assert any("clauses 7 and 8" in w for w in warned)
        assert any("reason" in w for w in warned)
        assert scope.warnings[0] == "The scope statement is not written yet."
        # Only item f of 8.5.1 is excluded, not the whole of 8.5.1.
        assert not is_excluded(s, "8.5.1") and is_excluded(s, "8.5.1 f")
    with pytest.raises(ValidationError, match="excluded already"), db.write() as s:
        context.save_exclusion(s, ExclusionFields("8.5.1F", "again"), "a")


def test_the_scope_is_one_record_with_its_history(db: Database) -> None:
    with db.write() as s:
        context.save_scope(s, ScopeFields("Machining", "Unit 4\n\nUnit 5", "Parts"), "ann")
    with db.write() as s:
        assert context.save_scope(s, ScopeFields("Machining", "Unit 4", "Parts"), "bob") == [
            "Sites"
        ]
    with db.read() as s:
        scope = context.get_scope(s)
        assert (scope.statement, scope.sites, scope.products) == (
            "Machining",
            ("Unit 4",),
            ("Parts",),
        )
        assert sorted(r.field for r in context.scope_history(s)) == [
            "Products and services",
            "Scope statement",
            "Sites",
            "Sites",
        ]
        assert history.verify_chain(s) == []


def test_due_and_find_see_issues_and_parties(db: Database) -> None:
    with db.write() as s:
        context.create_issue(
            s, IssueFields("CI-01", "Energy costs", next_review=ON - dt.timedelta(days=3)), "a"
        )
        context.create_issue(
            s, IssueFields("CI-02", "Far away", next_review=ON + dt.timedelta(days=300)), "a"
        )
        context.create_party(
            s, PartyFields("Customers", next_review=ON + dt.timedelta(days=10)), "a"
        )
    with db.read() as s:
        items = due.due_items(s, ON, 30)
        mine = [
            (i.register, i.kind, i.reference, i.overdue(ON))
            for i in items
            if i.register == "context"
        ]
        assert mine == [
            ("context", "issue", "CI-01", True),
            ("context", "party", "Customers", False),
        ]
        hits = finder.find(s, "energy", 10)
        assert [(h.register, h.reference) for h in hits] == [("context", "CI-01")]
        assert [h.reference for h in finder.find(s, "custom", 10)] == ["Customers"]


def test_the_review_drafts_input_b_from_the_changes_of_the_period(db: Database) -> None:
    with db.write() as s:
        issue_id = context.create_issue(s, IssueFields("CI-01", "Energy costs"), "a")
        context.create_party(s, PartyFields("Customers"), "a")
    with db.write() as s:
        context.update_issue(
            s, issue_id, IssueFields("CI-01", "Energy costs", category="Economic"), "b"
        )
    today = dt.datetime.now(dt.UTC).date()
    with db.read() as s:
        drafted = draft.drafters().draft(
            s, Period.of(today - dt.timedelta(days=30), today), ["9.3.2 b"]
        )
        text, tables = drafted["9.3.2 b"].text, drafted["9.3.2 b"].tables
        assert "1 context issue and 1 interested party" in text
        assert "1 issue and 1 party were added or changed" in text
        rows = {r[1]: r for r in tables[0].rows}
        assert rows["CI-01"][3] == "Added"
        assert rows["Customers"][0] == "Interested party"
        # A period before any of it: nothing was added or changed then.
        old = draft.draft_context(s, Period.of(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
        assert "0 issues and 0 parties" in old.text and old.tables == ()


def test_the_demo_tells_kestrels_story(demo_db: Database) -> None:
    on = dt.date.today()
    with demo_db.read() as s:
        scope = context.get_scope(s)
        assert "Design and manufacture" in scope.statement
        assert [e.clause for e in scope.exclusions] == ["8.5.1 f"]
        assert "8.4" in scope.exclusions[0].justification
        assert scope.warnings == []
        assert not is_excluded(s, "8.3")  # Kestrel designs: 8.3 applies
        issues = context.all_issues(s)
        assert len(issues) == 8
        assert {r.side for r in issues} == {"internal", "external"}
        assert any("AS9102" in r.title for r in issues)
        assert len(context.all_parties(s)) == 6
        policy = context.get_policy(s, on)
        assert policy.code == "QPOL-01" and "improving" in policy.text
        assert [i.code for i in policy.communicated] == ["RU-QPOL-01"]
        assert 0 < policy.communicated[0].people < policy.communicated[0].of
        assert any(i.register == "context" and i.overdue(on) for i in due.due_items(s, on, 30))
