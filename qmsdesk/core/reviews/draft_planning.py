"""Management review inputs drafted from the clause-6 registers: the extent to which quality
objectives were met (9.3.2 c 2), the monitoring and measurement results of the period (c 5), and
the effectiveness of the actions taken on risks and opportunities (e)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models_actions import Action, ActionSource, ActionStatus
from qmsdesk.core.db.models_objectives import Measurement, Objective
from qmsdesk.core.reviews.drafting import Draft, Period, day_text, limited, plural

# --- quality objectives (9.3.2 c 2) -----------------------------------------------------------


def draft_objectives(session: Session, period: Period) -> Draft:
    """Every objective's status on the period's last day, its latest value against its target."""
    from qmsdesk.core import objectives
    from qmsdesk.core.objectives import Status

    on = period.as_at
    # As they stood on the period's last day: the latest value measured by then.
    rows = objectives.all_rows(session, on=on, upto=on)
    if not rows:
        return Draft("No quality objectives are recorded yet.")
    statuses = {r.id: r.status(on) for r in rows}
    counted = Counter(statuses.values())
    parts = [
        f"{counted[s]:,} {objectives.STATUS_LABELS[s].lower()}"
        for s in (
            Status.ON_TARGET,
            Status.AT_RISK,
            Status.OFF_TARGET,
            Status.NOT_MEASURED,
            Status.NO_DATA,
            Status.NO_TARGET,
        )
        if counted[s]
    ]
    lines = [f"{plural(len(rows), 'quality objective')} on {day_text(on)}: {', '.join(parts)}."]
    order = {Status.OFF_TARGET: 0, Status.NOT_MEASURED: 1, Status.AT_RISK: 2}
    ranked = sorted(rows, key=lambda r: (order.get(statuses[r.id], 3), r.code))
    table = limited(
        "Quality objectives",
        ("Objective", "Title", "Target", "Latest", "Status"),
        [
            (
                r.code,
                r.title,
                "" if r.target is None else objectives.with_unit(r.target, r.unit),
                (
                    f"{objectives.with_unit(r.latest_value, r.unit)} ({r.latest_label})"
                    if r.latest_value is not None
                    else "nothing measured"
                ),
                objectives.STATUS_LABELS[statuses[r.id]],
            )
            for r in ranked
        ],
        what="more objectives",
    )
    return Draft("\n".join(lines), (table,))


# --- monitoring and measurement results (9.3.2 c 5) -------------------------------------------


def draft_measurements(session: Session, period: Period) -> Draft:
    """The measurements of periods that started within the review's period, by objective."""
    from qmsdesk.core import objectives

    stmt = (
        select(
            Objective.code,
            Objective.title,
            Objective.unit,
            Objective.direction,
            Objective.target,
            Objective.warning,
            func.count(),
            func.min(Measurement.value),
            func.max(Measurement.value),
            func.avg(Measurement.value),
        )
        .join(Measurement, Measurement.objective_id == Objective.id)
        .where(period.contains(Measurement.period))
        .group_by(Objective.id)
        .order_by(Objective.code)
    )
    rows = list(session.execute(stmt))
    if not rows:
        return Draft("No objective was measured in the period.")
    total = sum(r[6] for r in rows)
    missed = 0
    table_rows = []
    for code, title, unit, direction, target, warning, n, low, high, mean in rows:
        worst = low if direction == objectives.Direction.HIGHER else high
        if target is not None and objectives.judge(direction, target, warning, worst) != (
            objectives.Status.ON_TARGET
        ):
            missed += 1
        table_rows.append(
            (
                code,
                title,
                f"{n:,}",
                f"{objectives.with_unit(low, unit)} to {objectives.with_unit(high, unit)}",
                objectives.with_unit(round(mean, 2), unit),
                "" if target is None else objectives.with_unit(target, unit),
            )
        )
    lines = [
        f"{plural(total, 'measurement')} of {plural(len(rows), 'objective')} in the period.",
        (
            f"{plural(missed, 'objective')} {'was' if missed == 1 else 'were'} below target "
            "at least once in the period."
        )
        if missed
        else "Every measured objective stayed on target throughout the period.",
    ]
    return Draft(
        "\n".join(lines),
        (
            limited(
                "Measurements in the period",
                ("Objective", "Title", "Values", "Range", "Average", "Target"),
                table_rows,
                what="more objectives",
            ),
        ),
    )


# --- actions on risks and opportunities (9.3.2 e) ---------------------------------------------


def draft_risk_actions(session: Session, period: Period) -> Draft:
    """The actions raised on risks and opportunities, and the effectiveness reviews of the
    period."""
    from qmsdesk.core import risks
    from qmsdesk.core.db.models_risks import Risk, RiskReview
    from qmsdesk.core.db.models_training import Person

    on = period.as_at
    raised, closed, still_open, overdue = session.execute(
        select(
            func.count().filter(period.contains(Action.raised_on)),
            func.count().filter(period.contains(Action.closed_on)),
            func.count().filter(Action.status != ActionStatus.CLOSED, Action.raised_on <= on),
            func.count().filter(
                Action.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
                Action.due_date < on,
            ),
        ).where(Action.source_kind == ActionSource.RISK)
    ).one()
    reviews = list(
        session.execute(
            select(
                Risk.reference,
                Risk.title,
                RiskReview.reviewed_on,
                func.coalesce(Person.name, ""),
                RiskReview.outcome,
                RiskReview.note,
            )
            .join(Risk, Risk.id == RiskReview.risk_id)
            .outerjoin(Person, Person.id == RiskReview.reviewed_by_id)
            .where(period.contains(RiskReview.reviewed_on))
            .order_by(RiskReview.reviewed_on, Risk.reference)
        )
    )
    if not (raised or closed or still_open or reviews):
        return Draft("No action was taken on risks or opportunities in the period.")
    outcomes = Counter(r[4] for r in reviews)
    lines = [
        f"{plural(raised, 'action')} raised on risks and opportunities in the period, "
        f"{closed:,} closed after a check that it worked; {still_open:,} open on "
        f"{day_text(on)} ({overdue:,} overdue).",
    ]
    if reviews:
        parts = [
            f"{outcomes[o]:,} {label.lower()}"
            for o, label in risks.OUTCOME_LABELS.items()
            if outcomes[o]
        ]
        lines.append(
            f"{plural(len(reviews), 'effectiveness review')} of the actions taken: "
            f"{', '.join(parts)}."
        )
    else:
        lines.append("No review of the effectiveness of those actions was recorded.")
    tables = []
    if reviews:
        tables.append(
            limited(
                "Effectiveness reviews",
                ("Risk", "Title", "Reviewed", "By", "Outcome", "What was seen"),
                [
                    (ref, title, day_text(day), who, risks.OUTCOME_LABELS[outcome], note)
                    for ref, title, day, who, outcome, note in reviews
                ],
                what="more reviews",
            )
        )
    return Draft("\n".join(lines), tuple(tables))
