"""A management review's inputs drafted from the audits (9.3.2 c 6) and improvements (9.3.2 f)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import (
    Action,
    ActionKind,
    Audit,
    AuditStatus,
    Finding,
    FindingClass,
)
from qmsdesk.core.reviews.drafting import (
    TABLE_ROWS,
    Draft,
    Period,
    Table,
    day_text,
    limited,
    plural,
    stored_day,
)

# --- audits (9.3.2 c 6 and f) -----------------------------------------------------------------

CLASS_LABELS: dict[FindingClass, str] = {
    FindingClass.MAJOR_NC: "Major nonconformity",
    FindingClass.MINOR_NC: "Minor nonconformity",
    FindingClass.OFI: "Opportunity for improvement",
    FindingClass.OBSERVATION: "Observation",
}
_DONE = (AuditStatus.REPORTED, AuditStatus.CLOSED)


def _audit_done_on() -> Any:
    return func.coalesce(Audit.actual_end, Audit.actual_start, Audit.planned_start)


def _done_in(period: Period) -> Any:
    return and_(Audit.status.in_([s.value for s in _DONE]), period.contains(_audit_done_on()))


def draft_audits(session: Session, period: Period) -> Draft:
    """Audits done in the period with their findings by classification; audits not done."""
    on = period.as_at
    done = session.scalar(select(func.count()).where(_done_in(period))) or 0
    late = (
        session.scalar(
            select(func.count()).where(
                Audit.status.in_([AuditStatus.PLANNED.value, AuditStatus.IN_PROGRESS.value]),
                Audit.planned_start >= period.start,
                Audit.planned_start < on,
            )
        )
        or 0
    )
    if not done and not late:
        return Draft("No internal audit was done or due in the period.")
    classes = [
        FindingClass.MAJOR_NC,
        FindingClass.MINOR_NC,
        FindingClass.OFI,
        FindingClass.OBSERVATION,
    ]
    counts = dict(
        raw_rows(
            session,
            select(Finding.classification, func.count())
            .join(Audit, Audit.id == Finding.audit_id)
            .where(_done_in(period))
            .group_by(Finding.classification),
        )
    )
    words = {
        FindingClass.MAJOR_NC: ("major nonconformity", "major nonconformities"),
        FindingClass.MINOR_NC: ("minor nonconformity", "minor nonconformities"),
        FindingClass.OFI: ("opportunity for improvement", "opportunities for improvement"),
        FindingClass.OBSERVATION: ("observation", "observations"),
    }
    parts = [plural(counts.get(c.value, 0), *words[c]) for c in classes]
    lines = [
        f"{plural(done, 'internal audit')} {'was' if done == 1 else 'were'} done in the period, "
        f"with {sum(counts.values()):,} findings: {', '.join(parts)}.",
    ]
    if late:
        lines.append(
            f"{plural(late, 'audit')} planned in the period {'was' if late == 1 else 'were'} "
            f"not done by {day_text(on)}."
        )
    tables = [
        Table(
            "Findings by classification",
            ("Classification", "Findings"),
            tuple((CLASS_LABELS[c], f"{counts.get(c.value, 0):,}") for c in classes),
        )
    ]
    per_class = [func.count(Finding.id).filter(Finding.classification == c.value) for c in classes]
    stmt = (
        select(Audit.reference, Audit.title, _audit_done_on(), *per_class)
        .outerjoin(Finding, Finding.audit_id == Audit.id)
        .where(_done_in(period))
        .group_by(Audit.id)
        .order_by(_audit_done_on(), Audit.reference)
        .limit(TABLE_ROWS)
    )
    rows = [
        (ref, title, day_text(stored_day(day)), *(f"{n:,}" for n in ns))
        for ref, title, day, *ns in raw_rows(session, stmt)
    ]
    if rows:
        tables.append(
            limited(
                "Audits done in the period",
                ("Audit", "Title", "Done", "Major NC", "Minor NC", "OFI", "Obs."),
                rows,
                done,
            )
        )
    if late:
        stmt = (
            select(Audit.reference, Audit.title, Audit.planned_start, Audit.status)
            .where(
                Audit.status.in_([AuditStatus.PLANNED.value, AuditStatus.IN_PROGRESS.value]),
                Audit.planned_start >= period.start,
                Audit.planned_start < on,
            )
            .order_by(Audit.planned_start, Audit.reference)
            .limit(TABLE_ROWS)
        )
        states = {"planned": "Not started", "in_progress": "In progress"}
        tables.append(
            limited(
                "Audits planned in the period and not done",
                ("Audit", "Title", "Planned for", "Status"),
                [
                    (ref, title, day_text(stored_day(day)), states.get(str(st), str(st)))
                    for ref, title, day, st in raw_rows(session, stmt)
                ],
                late,
            )
        )
    return Draft("\n".join(lines), tuple(tables))


def draft_improvements(session: Session, period: Period) -> Draft:
    """9.3.2 f: the opportunities for improvement that audits done in the period raised."""
    where = (_done_in(period), Finding.classification == FindingClass.OFI.value)
    total = (
        session.scalar(
            select(func.count())
            .select_from(Finding)
            .join(Audit, Audit.id == Finding.audit_id)
            .where(*where)
        )
        or 0
    )
    improvement_actions = (
        session.scalar(
            select(func.count()).where(
                period.contains(Action.raised_on), Action.kind == ActionKind.IMPROVEMENT
            )
        )
        or 0
    )
    if not total and not improvement_actions:
        return Draft(
            "Neither audits nor the actions register recorded an improvement in the period."
        )
    text = (
        "Audits done in the period raised "
        f"{plural(total, 'opportunity for improvement', 'opportunities for improvement')}; "
        f"{plural(improvement_actions, 'improvement action')} "
        f"{'was' if improvement_actions == 1 else 'were'} raised in the actions register."
    )
    if not total:
        return Draft(text)
    stmt = (
        select(Audit.reference, Finding.number, Finding.clause, Finding.statement)
        .join(Audit, Audit.id == Finding.audit_id)
        .where(*where)
        .order_by(_audit_done_on(), Audit.reference, Finding.number)
        .limit(TABLE_ROWS)
    )
    rows = [
        (f"{ref} #{number}", clause, statement)
        for ref, number, clause, statement in raw_rows(session, stmt)
    ]
    return Draft(
        text,
        (
            limited(
                "Opportunities for improvement from audits",
                ("Finding", "Clause", "What"),
                rows,
                total,
            ),
        ),
    )
