"""An auditor's independence and qualification (clause 9.2.2 c): an auditor who would audit their
own work is refused once the audit is under way, unless the audit records why; a lead auditor
without a valid record on a training item that qualifies internal auditors is warned about."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.audits.programme import objectivity_warnings
from qmsdesk.core.audits.records import AuditFields
from qmsdesk.core.audits.vocab import audit_problem
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import AuditStatus
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord


def independence_problems(session: Session, f: AuditFields) -> list[str]:
    """Why the audit may not go ahead with these auditors: from the moment it starts, an auditor
    who owns an audited document or works in an audited department needs a recorded reason
    (while it is planned, the dialog warns: there is still time to choose someone else)."""
    if f.status == AuditStatus.PLANNED or f.independence_reason.strip():
        return []
    warnings = objectivity_warnings(session, f)
    if not warnings:
        return []
    return [
        audit_problem(
            "independence_reason",
            f"{w.message} Choose another auditor, or record why they audit it all the same.",
        )
        for w in warnings
    ]


def qualification_warnings(
    session: Session, f: AuditFields, on: dt.date | None = None
) -> list[str]:
    """A warning when the lead auditor has no valid record on an item that qualifies an internal
    auditor (a record expires after its item's validity)."""
    if f.lead_auditor_id is None:
        return []
    on = on or today()
    name = session.scalar(select(Person.name).where(Person.id == f.lead_auditor_id)) or ""
    items = raw_rows(
        session,
        select(TrainingItem.id, TrainingItem.validity_months).where(
            TrainingItem.qualifies_auditor.is_(True)
        ),
    )
    if not items:
        return [
            f"No training item is marked 'qualifies as internal auditor', so nothing shows "
            f"that {name} is qualified to lead an audit: mark the auditor course in Training."
        ]
    validity = dict(items)
    records = raw_rows(
        session,
        select(TrainingRecord.item_id, TrainingRecord.trained_on).where(
            TrainingRecord.person_id == f.lead_auditor_id,
            TrainingRecord.item_id.in_(list(validity)),
        ),
    )
    for item_id, trained_on in records:
        day = trained_on if isinstance(trained_on, dt.date) else dt.date.fromisoformat(trained_on)
        months = validity[item_id]
        if day <= on and (not months or add_months(day, months) >= on):
            return []
    return [
        f"{name} has no valid training record on an item that qualifies an internal auditor: "
        "record their auditor training, or choose a qualified lead auditor."
    ]
