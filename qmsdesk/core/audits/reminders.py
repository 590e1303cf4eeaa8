"""What of the audit programme falls due: audits late or coming up, and nonconformities found
that have no corrective action yet."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core.audits.findings import finding_ref
from qmsdesk.core.db.models_actions import Action, ActionSource
from qmsdesk.core.db.models_audits import Audit, AuditStatus, Finding, FindingClass
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.due import DueItem

#: A nonconformity should have its corrective action within this many days of being found.
ACTION_DAYS = 14


def _month_end(day: dt.date) -> dt.date:
    first_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Audits not reported by their planned end (late), those planned to start this month or
    within `days`, and nonconformities without an action."""
    horizon = max(on + dt.timedelta(days=days), _month_end(on))
    end = func.coalesce(Audit.planned_end, Audit.planned_start)
    items = []
    rows = session.execute(
        select(
            Audit.id,
            Audit.reference,
            Audit.title,
            Audit.status,
            Audit.planned_start,
            end,
            Person.name,
        )
        .outerjoin(Person, Person.id == Audit.lead_auditor_id)
        .where(
            Audit.status.in_([AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]),
            Audit.planned_start <= horizon,
        )
    )
    for audit_id, ref, title, status, start, finish, lead in rows:
        if finish < on:
            what, day = "Audit late: not reported", finish
        elif status == AuditStatus.PLANNED and start >= on:
            what, day = "Audit to carry out", start
        else:
            what, day = "Audit to report", finish
        items.append(DueItem("audits", what, ref, title, day, audit_id, lead or "", "audit"))
    has_action = (
        select(Action.id)
        .where(Action.source_kind == ActionSource.INTERNAL_AUDIT, Action.source_id == Finding.id)
        .exists()
    )
    found_on = func.coalesce(Audit.actual_end, Audit.actual_start, Audit.planned_start)
    findings = session.execute(
        select(
            Finding.id, Finding.number, Finding.clause, Finding.statement, Audit.reference, found_on
        )
        .join(Audit, Audit.id == Finding.audit_id)
        .where(
            Finding.classification.in_([FindingClass.MAJOR_NC, FindingClass.MINOR_NC]),
            ~has_action,
        )
    )
    for finding_id, number, clause, statement, audit_ref, day in findings:
        due = day + dt.timedelta(days=ACTION_DAYS)
        if due <= horizon:
            items.append(
                DueItem(
                    "audits",
                    "Nonconformity without an action",
                    finding_ref(audit_ref, number),
                    f"{clause}: {statement}" if statement else clause,
                    due,
                    finding_id,
                    kind="finding",
                )
            )
    return items
