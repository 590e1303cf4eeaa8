"""Management review (9.3): approval needs a chair, every input discussed or marked "nothing to
report", and the conclusion of 9.3.1; drafted summaries carry the day they were drafted for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from qmsdesk.core import people, reviews
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_reviews import ReviewStatus
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import reviews_pdf
from qmsdesk.core.reviews import ReviewFields

USER = "Quality Lead"
TODAY = dt.date.today()
MEETING = TODAY - dt.timedelta(days=20)


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(path).pages).split())


def _held(db: Database, chair: bool = True) -> int:
    with db.write() as s:
        md = people.create_person(s, people.PersonFields("E1", "Margaret Hollis"), USER)
        fields = ReviewFields(
            meeting_date=MEETING,
            period_start=MEETING - dt.timedelta(days=365),
            period_end=MEETING,
            chair_id=md if chair else None,
        )
        rid = reviews.create_review(s, fields, USER, on=MEETING)
        reviews.set_attendance(s, rid, [md], [], USER)
        reviews.mark_held(s, rid, USER, on=MEETING)
    return rid


def test_minutes_with_blank_inputs_no_chair_and_no_conclusion_cannot_be_approved(
    db: Database,
) -> None:
    rid = _held(db, chair=False)
    with pytest.raises(ValidationError) as caught, db.write() as s:
        reviews.approve(s, rid, "Margaret Hollis", TODAY, USER)
    text = str(caught.value)
    assert "who chaired the review" in text
    assert "neither discussed nor marked 'nothing to report'" in text and "9.3.2 a" in text
    assert "suitability, adequacy, effectiveness, alignment with the strategic direction" in text
    with db.read() as s:
        assert reviews.get_review(s, rid).status == ReviewStatus.HELD


def test_approval_with_every_input_accounted_for_and_the_conclusion(
    db: Database, tmp_path: Path
) -> None:
    rid = _held(db)
    with db.write() as s:
        items = [x.item for x in reviews.sections(s, rid)]
        reviews.set_narrative(s, rid, items[0], "All actions of the last review are closed.", USER)
        for item in items[1:-1]:
            reviews.set_nothing_to_report(s, rid, item, True, USER)
        reviews.set_conclusion(
            s,
            rid,
            reviews.Conclusion(
                "Fits the shop", "Enough for our goals", "Met its targets", "Ready for aerospace"
            ),
            USER,
        )
    with pytest.raises(ValidationError, match=f"1 input\\(s\\).*{items[-1]}"), db.write() as s:
        reviews.approve(s, rid, "Margaret Hollis", TODAY, USER)
    with db.write() as s:
        reviews.set_nothing_to_report(s, rid, items[-1], True, USER)
        reviews.approve(s, rid, "Margaret Hollis", TODAY, USER)
    out = reviews_pdf.write_minutes(db, tmp_path / "m.pdf", review=str(rid))
    text = _text(out)
    assert "Conclusion on the quality system (clause 9.3.1)" in text
    assert "Ready for aerospace" in text and "Alignment with the strategic direction" in text
    assert "Nothing to report (the quality lead's word)." in text
    with db.read() as s:
        approved = reviews.printable_minutes(s, rid)
    assert approved.suitability == "Fits the shop"
    assert sum(i.nothing_to_report for i in approved.inputs) == len(items) - 1


def test_drafted_summaries_carry_the_day_they_were_drafted_for(db: Database) -> None:
    rid = _held(db)  # drafted as of the meeting day
    with db.read() as s:
        minutes = reviews.minutes(s, rid)
    assert minutes.drafted_at is not None and minutes.drafted_at.date() == MEETING
    assert {i.drafted_at.date() for i in minutes.inputs if i.drafted_at} == {MEETING}
