"""The shipped training catalogue covers building and leading the system, and a classroom course
shows understanding (level 2), not competence (level 3), unless an assessment says otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from qmsdesk.core import people, training
from qmsdesk.core.db import Database
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.training import ItemFields, RecordFields

ON = dt.date(2026, 6, 15)
DAY = dt.date(2026, 3, 2)
USER = "lead"


def _find(words: tuple[str, ...]) -> list[ItemFields]:
    return [
        f
        for f in training.catalogue()
        if all(w in f"{f.title} {f.description}".lower() for w in words)
    ]


@pytest.mark.parametrize(
    "words",
    [
        ("process mapping",),
        ("writing procedures", "work instructions"),
        ("objectives", "kpis"),
        ("customer satisfaction",),
        ("communicating", "policy"),
        ("planning resources",),
    ],
    ids=lambda w: " ".join(w),
)
def test_the_catalogue_teaches_building_and_leading_the_system(words: tuple[str, ...]) -> None:
    found = _find(words)
    assert found, f"no shipped item on {' '.join(words)}"
    for f in found:
        assert f.category in ("Building the system", "Leading the system")
        assert len(f.description) > 150  # says what the course covers, not only its title


def test_the_catalogue_codes_are_unique_and_the_items_valid() -> None:
    codes = [f.code for f in training.catalogue()]
    assert len(codes) == len(set(codes))
    assert {"TR-PMAP", "TR-WRITE", "TR-KPI", "TR-CSAT", "TR-POLCOM", "TR-RESPLAN"} <= set(codes)


def test_clause_courses_say_what_level_they_reach() -> None:
    clause_courses = [f for f in training.catalogue() if f.code.startswith("TR-ISO-")]
    assert len(clause_courses) == 7
    for f in clause_courses:
        assert f.delivery == "Classroom"
        assert "level 2" in f.description and "assessment" in f.description


@pytest.fixture
def classroom(db: Database) -> tuple[int, int, int]:
    with db.write() as s:
        pid = people.create_person(s, people.PersonFields("E1", "Ann Lee"), USER)
        course = training.create_item(
            s, ItemFields("ISO-8", "Clause 8", delivery="Classroom", max_level=3), USER
        )
        job = training.create_item(
            s, ItemFields("CNC", "CNC turning", delivery="On the job", max_level=3), USER
        )
    return pid, course, job


def _record(db: Database, pid: int, iid: int, f: RecordFields) -> list[int]:
    with db.write() as s:
        return training.record_training(s, [pid], iid, f, USER, on=ON)


def test_a_classroom_course_alone_reaches_level_two(
    db: Database, classroom: tuple[int, int, int]
) -> None:
    pid, course, job = classroom
    with pytest.raises(ValidationError) as refused:
        _record(db, pid, course, RecordFields(DAY, 3))
    (message,) = refused.value.problems
    assert message.startswith("Level reached: A classroom course on its own shows understanding")
    assert "level 2" in message and "Result" in message
    assert _record(db, pid, course, RecordFields(DAY, 2))
    # On-the-job training is judged at work: level 3 needs no separate assessment.
    assert _record(db, pid, job, RecordFields(DAY, 3))


def test_an_assessment_shows_level_three(db: Database, classroom: tuple[int, int, int]) -> None:
    pid, course, _job = classroom
    assert _record(db, pid, course, RecordFields(DAY, 3, result="Written test passed (85%)"))
    checked = RecordFields(
        DAY,
        3,
        effectiveness_method="Observed at work",
        effectiveness_date=DAY + dt.timedelta(days=40),
        effectiveness_by="M. Hollis",
        effectiveness_outcome="Applies clause 8 correctly in order review",
    )
    assert _record(db, pid, course, checked)
    # A method with no outcome is no assessment.
    with pytest.raises(ValidationError):
        _record(db, pid, course, RecordFields(DAY, 3, effectiveness_method="Observed at work"))


def test_editing_or_importing_a_record_is_held_to_the_same_rule(
    db: Database, classroom: tuple[int, int, int]
) -> None:
    pid, course, _job = classroom
    (rid,) = _record(db, pid, course, RecordFields(DAY, 2))
    with db.write() as s, pytest.raises(ValidationError):
        training.update_record(s, rid, RecordFields(DAY, 3), USER, on=ON)
    with db.write() as s, pytest.raises(ValidationError):
        training.insert_records(s, [(pid, course, RecordFields(DAY, 3))], USER, on=ON)
    with db.read() as s:
        (row,) = training.record_rows(s)
        assert row.level == 2


def test_level_reached_is_computed_from_the_delivery() -> None:
    assert training.level_reached("Classroom", RecordFields(DAY, 3)) == 2
    assert training.level_reached(" classroom ", RecordFields(DAY, 4)) == 2
    assert training.level_reached("Classroom", RecordFields(DAY, 3, result="Pass")) == 3
    assert training.level_reached("Classroom", RecordFields(DAY, 1)) == 1
    assert training.level_reached("Workshop", RecordFields(DAY, 3)) == 3
