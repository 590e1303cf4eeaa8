"""Quality objectives: periods, values in the measure's unit, the rules, the status from the latest
measurements (on target, at risk, off target, not measured when due), plan steps as actions."""

from __future__ import annotations

import datetime as dt

import pytest

from qmsdesk.core import actions, due, history, objectives, people
from qmsdesk.core.db import Database
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.objectives import (
    Direction,
    Frequency,
    MeasurementFields,
    ObjectiveFields,
    Status,
    StepFields,
)

ON = dt.date(2026, 6, 15)
USER = "lead"


def test_periods_parse_and_label() -> None:
    m, q = Frequency.MONTHLY, Frequency.QUARTERLY
    assert objectives.parse_period("2026-03", m) == dt.date(2026, 3, 1)
    assert objectives.parse_period("Mar 2026", m) == dt.date(2026, 3, 1)
    assert objectives.parse_period(dt.date(2026, 5, 17), q) == dt.date(2026, 4, 1)
    assert objectives.parse_period("2026 Q3", q) == dt.date(2026, 7, 1)
    assert objectives.parse_period("2026", Frequency.YEARLY) == dt.date(2026, 1, 1)
    assert objectives.period_label(dt.date(2026, 4, 1), q) == "2026 Q2"
    with pytest.raises(ValueError, match="is not a period"):
        objectives.parse_period("soon", m)
    with pytest.raises(ValueError, match="whole year"):
        objectives.parse_period("2026", m)


def test_values_in_the_measures_unit() -> None:
    assert objectives.parse_value("12 %", "%") == 12
    assert objectives.parse_value("12%", "%") == 12
    assert objectives.parse_value("94,5", "%") == 94.5
    assert objectives.parse_value(3.0, "") == 3
    with pytest.raises(ValueError, match="'n/a' is not a number in %"):
        objectives.parse_value("n/a", "%")
    with pytest.raises(ValueError, match="not a number in days"):
        objectives.parse_value("12 %", "days")


def test_status_from_the_latest_value() -> None:
    judge = objectives.judge
    assert judge(Direction.HIGHER, 95, 92, 96) == Status.ON_TARGET
    assert judge(Direction.HIGHER, 95, 92, 93) == Status.AT_RISK
    assert judge(Direction.HIGHER, 95, 92, 90) == Status.OFF_TARGET
    assert judge(Direction.LOWER, 2, 2.5, 2.2) == Status.AT_RISK
    assert judge(Direction.LOWER, 2, None, 2.2) == Status.OFF_TARGET
    common = {
        "direction": Direction.HIGHER,
        "target": 95.0,
        "warning": 92.0,
        "frequency": Frequency.MONTHLY,
        "measured_from": dt.date(2025, 1, 1),
    }
    # On 15 June the value of April is due (May's is due by 30 June).
    assert objectives.last_due_period(ON, Frequency.MONTHLY) == dt.date(2026, 4, 1)
    assert (
        objectives.status_of(**common, latest_period=dt.date(2026, 4, 1), latest_value=96, on=ON)
        == Status.ON_TARGET
    )
    assert (
        objectives.status_of(**common, latest_period=dt.date(2026, 3, 1), latest_value=96, on=ON)
        == Status.NOT_MEASURED
    )
    assert (
        objectives.status_of(
            **common | {"measured_from": dt.date(2026, 6, 1)},
            latest_period=None,
            latest_value=None,
            on=ON,
        )
        == Status.NO_DATA
    )


@pytest.fixture
def owner(db: Database) -> int:
    with db.write() as s:
        return people.create_person(s, people.PersonFields("E01", "Olivia Bennett", "Sales"), USER)


def _objective(owner: int, **changes: object) -> ObjectiveFields:
    base: dict[str, object] = {
        "code": "OBJ-01",
        "title": "Deliver on time",
        "owner_id": owner,
        "measure": "On-time delivery",
        "unit": "%",
        "target": 95.0,
        "warning": 92.0,
        "measured_from": dt.date(2025, 1, 1),
    }
    return ObjectiveFields(**(base | changes))  # type: ignore[arg-type]


def test_target_without_a_measure_and_warning_on_the_wrong_side(db: Database, owner: int) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as s:
        objectives.create_objective(s, _objective(owner, measure="", warning=97.0), USER, on=ON)
    text = str(caught.value)
    assert "Target: A target needs a measure" in text
    assert "Warning threshold: When higher is better" in text


def test_measurements_status_history_and_duplicates(db: Database, owner: int) -> None:
    with db.write() as s:
        oid = objectives.create_objective(s, _objective(owner), USER, on=ON)
        for month, value in ((3, 96.0), (4, 93.0)):
            objectives.record_measurement(
                s,
                oid,
                MeasurementFields(dt.date(2026, month, 1), value, entered_by="OB"),
                USER,
                on=ON,
            )
    with db.read() as s:
        row = objectives.get_row(s, oid)
        assert (row.latest_period, row.latest_value, row.measurements) == (
            dt.date(2026, 4, 1),
            93.0,
            2,
        )
        assert row.status(ON) == Status.AT_RISK
        assert objectives.series(s)[oid] == [
            (dt.date(2026, 3, 1), 96.0),
            (dt.date(2026, 4, 1), 93.0),
        ]
        changes = [c.field for c in history.for_entity(s, objectives.ENTITY, oid)]
        assert "Value 2026-04" in changes
    with pytest.raises(ValidationError, match="has a value for 2026-04 already"), db.write() as s:
        objectives.record_measurement(
            s, oid, MeasurementFields(dt.date(2026, 4, 1), 90.0), USER, on=ON
        )
    with db.read() as s:
        assert objectives.get_row(s, oid).latest_value == 93.0
        items = [i for i in due.due_items(s, ON, 30) if i.register == "objectives"]
        assert [(i.reference, i.due) for i in items] == [("OBJ-01", dt.date(2026, 6, 30))]


def test_plan_step_becomes_an_action(db: Database, owner: int) -> None:
    with db.write() as s:
        oid = objectives.create_objective(s, _objective(owner), USER, on=ON)
        step = objectives.save_step(
            s,
            oid,
            StepFields("Weekly review of late orders", who_id=owner, due=ON + dt.timedelta(30)),
            USER,
            on=ON,
        )
        aid = objectives.raise_step_action(s, step, USER, on=ON)
    with db.read() as s:
        (row,) = objectives.steps_of(s, [oid])
        assert row.action_id == aid and row.action_ref == actions.get_row(s, aid).reference
        assert actions.get_row(s, aid).source_kind == actions.ActionSource.OBJECTIVE
        assert actions.get_row(s, aid).source_ref == "OBJ-01 step 1"
    with pytest.raises(ValidationError, match="has its action already"), db.write() as s:
        objectives.raise_step_action(s, step, USER, on=ON)
