"""The demo company's quality objectives (clause 6.2) and 18 months of their measurements (9.1):
six objectives, one off target (supplier on-time delivery), one at risk (on-time delivery to
customers, still recovering from the June spindle failure), one not measured when due (training
compliance: the HR and office manager has not sent the figure since the summer), the others on
target. Each has a plan, some of whose steps are actions of the actions register.

The figures continue last year's review (on-time delivery 94% against 95%, scrap 1.8% of hours
against under 2%, supplier on-time delivery 91%).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import objectives
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_objectives import Direction, Frequency
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.objectives import MeasurementFields, ObjectiveFields, StepFields
from qmsdesk.core.risks_demo import ensure_planning

_H, _L = Direction.HIGHER, Direction.LOWER

# code, objective, serves, process, owner, measure, unit, direction, target, warning,
# 18 monthly values (oldest first), months left unmeasured at the end, entered by.
_OBJECTIVES = (
    (
        "OBJ-01",
        "Deliver every order on time",
        "Policy: on time, every time",
        "P-DSP",
        "Olivia Bennett",
        "On-time delivery to customers",
        "%",
        _H,
        95.0,
        92.0,
        (
            94.1,
            94.8,
            95.2,
            95.6,
            94.9,
            95.3,
            96.0,
            95.1,
            89.7,
            91.2,
            93.0,
            94.4,
            95.1,
            94.6,
            93.8,
            94.2,
            93.1,
            93.6,
        ),
        0,
        "Noah Fischer",
    ),
    (
        "OBJ-02",
        "Keep scrap below 2% of machining hours",
        "Policy: right first time",
        "P-PRD",
        "Anders Ørsted",
        "Scrap as a share of machining hours",
        "%",
        _L,
        2.0,
        2.5,
        (2.1, 1.9, 1.8, 2.2, 1.7, 1.9, 1.8, 1.6, 2.4, 2.0, 1.8, 1.7, 1.9, 1.6, 1.8, 1.5, 1.7, 1.7),
        0,
        "Grace Adeyemi",
    ),
    (
        "OBJ-03",
        "Raise first-pass yield to 97%",
        "Policy: right first time",
        "P-INS",
        "Priya Raman",
        "First-pass yield at final inspection",
        "%",
        _H,
        97.0,
        96.0,
        (
            96.1,
            96.4,
            96.3,
            96.8,
            97.0,
            96.9,
            97.2,
            97.1,
            96.5,
            96.8,
            97.3,
            97.4,
            97.1,
            97.6,
            97.2,
            97.5,
            97.3,
            97.4,
        ),
        0,
        "Priya Raman",
    ),
    (
        "OBJ-04",
        "Suppliers deliver on time",
        "Process: purchasing",
        "P-PUR",
        "Sarah Whitfield",
        "Supplier on-time delivery",
        "%",
        _H,
        95.0,
        92.0,
        (
            92.5,
            91.0,
            90.2,
            92.8,
            93.4,
            91.9,
            90.1,
            89.5,
            88.7,
            90.3,
            91.2,
            92.0,
            91.4,
            90.6,
            89.9,
            91.5,
            90.2,
            90.8,
        ),
        0,
        "Mehmet Yılmaz",
    ),
    (
        "OBJ-05",
        "Keep training up to date",
        "Policy: competent people",
        "P-HR",
        "Fiona Grant",
        "Training compliance against the matrix",
        "%",
        _H,
        95.0,
        90.0,
        (
            91.0,
            92.5,
            93.1,
            94.0,
            95.2,
            95.8,
            96.1,
            95.4,
            94.8,
            95.6,
            96.0,
            95.9,
            96.3,
            95.1,
            94.9,
            95.5,
            96.2,
            95.8,
        ),
        4,
        "Fiona Grant",
    ),
    (
        "OBJ-06",
        "Cut set-up time on the NLX 2500 lathe",
        "Process: production",
        "P-PRD",
        "Anders Ørsted",
        "Average set-up time on the NLX 2500",
        "min",
        _L,
        45.0,
        55.0,
        (
            72.0,
            70.0,
            71.0,
            69.0,
            66.0,
            64.0,
            61.0,
            58.0,
            55.0,
            52.0,
            50.0,
            48.0,
            47.0,
            45.0,
            44.0,
            46.0,
            43.0,
            43.0,
        ),
        0,
        "Grace Adeyemi",
    ),
)
_COMMENTS = {
    ("OBJ-01", 8): "Spindle failure on the DMU 50: nine days of five-axis work lost.",
    ("OBJ-01", 16): "Two late orders for Harbrook waiting on first-article approval.",
    ("OBJ-04", 8): "Bar stock supplier late three times.",
    ("OBJ-06", 8): "Quick-change jaws trial started.",
}
# code -> plan steps: (what, resources, who, due in months from today, evaluation, as an action)
_PLANS = {
    "OBJ-01": (
        (
            "Weekly review of orders at risk of being late",
            "Production meeting, 30 min",
            "Olivia Bennett",
            -6,
            "On-time delivery of the following month",
            False,
        ),
        (
            "Spindle service contract with a 48-hour call-out",
            "Service contract",
            "Ian Fletcher",
            -3,
            "Days of five-axis work lost to breakdowns",
            False,
        ),
        (
            "Book first-article approval slots with Harbrook ahead of dispatch",
            "",
            "Łukasz Żółć",
            1,
            "Orders late for want of approval",
            True,
        ),
    ),
    "OBJ-02": (
        (
            "Scrap reasons recorded on every job card",
            "Job card change",
            "Grace Adeyemi",
            -8,
            "Pareto of scrap reasons each quarter",
            False,
        ),
    ),
    "OBJ-03": (
        (
            "Second CMM programmer trained and signed off",
            "Training, 10 days",
            "Priya Raman",
            2,
            "Inspection queue length",
            True,
        ),
    ),
    "OBJ-04": (
        (
            "Approve a second bar stock supplier",
            "Supplier audit",
            "Sarah Whitfield",
            -5,
            "Late deliveries of bar stock",
            False,
        ),
        (
            "Monthly supplier scorecards sent to the ten main suppliers",
            "Buyer, 2 h a month",
            "Mehmet Yılmaz",
            1,
            "Supplier on-time delivery",
            True,
        ),
    ),
    "OBJ-05": (
        (
            "Training matrix reviewed with each department head every quarter",
            "",
            "Fiona Grant",
            -2,
            "Training compliance",
            False,
        ),
    ),
    "OBJ-06": (
        (
            "Trial quick-change jaws on the NLX 2500",
            "Jaw set",
            "Anders Ørsted",
            -9,
            "Set-up times before and after",
            False,
        ),
        (
            "Set-up sheets with photographs for the ten commonest jobs",
            "Setter, 2 days",
            "Jamal Okafor",
            2,
            "Average set-up time",
            False,
        ),
    ),
}


def write_objectives(session: Session, on: dt.date, user: str) -> dict[str, int]:
    """Add the six objectives, their plans and 18 months of measurements as of `on`."""
    people = {name: pid for pid, name in session.execute(select(Person.id, Person.name))}
    if "Margaret Hollis" not in people:
        return {}
    links = ensure_planning(session)
    this_month = objectives.period_start(on, Frequency.MONTHLY)
    first = add_months(this_month, -18)
    ids: dict[str, int] = {}
    for (
        code,
        title,
        serves,
        process,
        owner,
        measure,
        unit,
        direction,
        target,
        warning,
        values,
        missing,
        by,
    ) in _OBJECTIVES:
        oid = objectives.create_objective(
            session,
            ObjectiveFields(
                code=code,
                title=title,
                commitment=serves,
                process_id=links.get(process),
                owner_id=people.get(owner),
                measure=measure,
                unit=unit,
                direction=direction,
                target=target,
                warning=warning,
                frequency=Frequency.MONTHLY,
                measured_from=first,
            ),
            user,
            on=first,
        )
        ids[code] = oid
        for n, value in enumerate(values[: len(values) - missing]):
            period = add_months(first, n)
            entered = min(add_months(period, 1) + dt.timedelta(days=4), on)
            objectives.record_measurement(
                session,
                oid,
                MeasurementFields(period, value, _COMMENTS.get((code, n), ""), by, entered),
                user,
                on=entered,
            )
        for what, resources, who, months, evaluation, as_action in _PLANS.get(code, ()):
            due = add_months(on, months)
            step = objectives.save_step(
                session,
                oid,
                StepFields(
                    what,
                    resources,
                    people.get(who),
                    due,
                    evaluation,
                    done_on=due if months < 0 else None,
                ),
                user,
                on=on,
            )
            if as_action:
                objectives.raise_step_action(session, step, user, on=on)
    return ids
