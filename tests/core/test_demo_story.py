"""The demo tells one story: the approved minutes of last year's review say what its drafted
summaries and the registers say, for the period it covered, and its history runs in order."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from qmsdesk.core import demo, reviews
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionSource
from qmsdesk.core.db.models_audits import Audit, AuditStatus
from qmsdesk.core.db.models_reviews import Review, ReviewStatus
from qmsdesk.core.reviews import Minutes

_WORDS = {
    w: n
    for n, w in enumerate(
        ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
_NUMBER = r"(\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)"


def number(pattern: str, text: str) -> int:
    """The number the pattern's first group finds in the text (digits or a word)."""
    found = re.search(pattern, text, re.IGNORECASE)
    assert found is not None, f"{pattern!r} not found in {text!r}"
    value = found.group(1).lower()
    return _WORDS[value] if value in _WORDS else int(value)


@pytest.fixture(scope="module", params=[0, -4, -9], ids=lambda n: f"{n} months")
def story(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, int]]:
    """A demo written today and months ago (its story is relative to the day it is written)."""
    db = open_database(tmp_path_factory.mktemp("story") / "demo.qmsdb", create=True)
    with db.write() as s:
        demo.fill(s, on=add_months(today(), request.param))
    with db.read() as s:
        first = s.scalar(
            select(Review.id)
            .where(Review.status == ReviewStatus.APPROVED)
            .order_by(Review.meeting_date)
        )
    assert first is not None
    yield db, first
    db.close()


def _minutes(db: Database, review_id: int) -> Minutes:
    with db.read() as s:
        return reviews.printable_minutes(s, review_id)


def _item(m: Minutes, item: str) -> tuple[str, str]:
    found = next(i for i in m.inputs if i.item == item)
    return found.narrative, found.summary


def _actions(db: Database, m: Minutes, source: ActionSource | None = None) -> list[Action]:
    with db.read() as s:
        stmt = select(Action).where(Action.raised_on.between(m.period_start, m.period_end))
        if source is not None:
            stmt = stmt.where(Action.source_kind == source)
        return list(s.scalars(stmt))


def _closed(found: list[Action], m: Minutes) -> int:
    return sum(1 for a in found if a.closed_on is not None and a.closed_on <= m.period_end)


def test_previous_actions_agree_with_the_draft(story: tuple[Database, int]) -> None:
    db, review_id = story
    m = _minutes(db, review_id)
    narrative, summary = _item(m, "9.3.2 a")
    with db.read() as s:
        earlier = s.scalar(
            select(func.count()).select_from(Review).where(Review.meeting_date < m.meeting_date)
        )
    assert earlier == 0
    assert "first management review on record" in summary
    assert "first management review" in narrative
    assert not re.search(r"actions? from the previous review (was|were) closed", narrative)


def test_complaints_agree_with_the_draft_and_the_register(story: tuple[Database, int]) -> None:
    db, review_id = story
    m = _minutes(db, review_id)
    complaints = _actions(db, m, ActionSource.CUSTOMER_COMPLAINT)
    narrative, summary = _item(m, "9.3.2 c 1")
    assert len(complaints) == 2
    assert number(rf"\b{_NUMBER} complaints?\b", narrative) == len(complaints)
    assert number(r"holds (\d+) customer complaints? raised in the period", summary) == len(
        complaints
    )
    assert "no customer complaints" not in summary
    if "all closed" in narrative:
        assert _closed(complaints, m) == len(complaints)
    for complaint in complaints:
        assert complaint.source_ref.split(" ")[0] in narrative
    targets, _ = _item(m, "9.3.2 c 2")
    assert number(r"Complaints (\d+)", targets) == len(complaints)


def test_corrective_actions_agree_with_the_draft(story: tuple[Database, int]) -> None:
    db, review_id = story
    m = _minutes(db, review_id)
    corrective = [a for a in _actions(db, m) if a.kind == ActionKind.CORRECTIVE]
    narrative, summary = _item(m, "9.3.2 c 4")
    assert number(rf"{_NUMBER} corrective actions? raised", narrative) == len(corrective)
    assert number(r"\((\d+) of them corrective actions\)", summary) == len(corrective)
    assert "all closed" in narrative
    assert _closed(corrective, m) == len(corrective)
    process_nc = _actions(db, m, ActionSource.PROCESS_NC)
    narrative_3, summary_3 = _item(m, "9.3.2 c 3")
    assert number(rf"{_NUMBER} nonconformit(?:y|ies) found at work", narrative_3) == len(process_nc)
    assert number(r"holds (\d+) process nonconformit", summary_3) == len(process_nc)


def test_audits_agree_with_the_draft_and_precede_the_review(story: tuple[Database, int]) -> None:
    db, review_id = story
    m = _minutes(db, review_id)
    with db.read() as s:
        done = list(
            s.scalars(
                select(Audit).where(
                    Audit.status.in_([AuditStatus.REPORTED, AuditStatus.CLOSED]),
                    Audit.actual_end.between(m.period_start, m.period_end),
                )
            )
        )
    narrative, summary = _item(m, "9.3.2 c 6")
    assert done, "an internal audit precedes the first management review"
    assert all(a.actual_end is not None and a.actual_end < m.meeting_date for a in done)
    assert number(rf"{_NUMBER} internal audits? (?:was|were) done", narrative) == len(done)
    assert number(r"(\d+) internal audits? (?:was|were) done in the period", summary) == len(done)
    assert "No internal audit" not in summary
    for audit in done:
        assert audit.reference in narrative
    assert number(r"(\d+) minor nonconformit", summary) + number(
        r"(\d+) major nonconformit", summary
    ) == number(rf"{_NUMBER} nonconformit(?:y|ies) found", narrative)


def test_documents_agree_with_the_draft(story: tuple[Database, int]) -> None:
    db, review_id = story
    m = _minutes(db, review_id)
    narrative, summary = _item(m, "7.5")
    overdue = number(r"(\d+) documents? (?:was|were) overdue", summary)
    claimed = 0 if narrative.startswith("No document") else number(rf"^{_NUMBER} doc", narrative)
    assert claimed == overdue
    assert number(r"(\d+) revisions were approved in the year", narrative) == number(
        r"(\d+) revisions? (?:was|were) approved", summary
    )
    with db.read() as s:
        approved = s.scalar(
            select(func.count())
            .select_from(Revision)
            .where(Revision.approved_on.between(m.period_start, m.period_end))
        )
    assert number(r"(\d+) revisions were approved", narrative) == approved
    # The work in progress of this year was not there when last year's review was drafted.
    assert number(r"(\d+) documents? (?:is|are) being written", summary) == 0


def test_drafted_at_the_period_end(story: tuple[Database, int]) -> None:
    db, review_id = story
    m = _minutes(db, review_id)
    assert m.drafted_at is not None and m.drafted_at.date() == m.period_end
    assert m.drafted_at.date() != today()
    for section in m.inputs:
        assert section.drafted_at is not None and section.drafted_at.date() == m.period_end


def test_revision_summaries_fit_their_document(demo_db: Database) -> None:
    """Each document's revisions say what changed in that document: no summary is shared by two
    documents, and every earlier revision has one written for it."""
    with demo_db.read() as s:
        rows = list(
            s.execute(
                select(Document.code, Revision.label, Revision.summary)
                .join(Revision, Revision.document_id == Document.id)
                .order_by(Document.code, Revision.label)
            )
        )
    owners: dict[str, set[str]] = {}
    for code, label, summary in rows:
        assert summary, f"{code} rev {label} has no summary"
        if label == "A":
            assert summary == "First issue"
        else:
            owners.setdefault(summary, set()).add(code)
    shared = {summary: codes for summary, codes in owners.items() if len(codes) > 1}
    assert not shared
    assert set(demo._CHANGES) >= {c for codes in owners.values() for c in codes} - {"WI-QC-02"}
