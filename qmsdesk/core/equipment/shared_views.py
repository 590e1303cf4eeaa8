"""What the measuring equipment register tells the shared views: calibrations and impact
reviews that fall due (:mod:`qmsdesk.core.due`), equipment found by ID or description."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models_equipment import AsFound, Calibration, Equipment
from qmsdesk.core.due import DueItem
from qmsdesk.core.equipment.vocab import SCHEDULED
from qmsdesk.core.finder import Hit, matching

REGISTER = "equipment"


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Calibrations overdue or due within `days`; impact reviews not written yet (due the day
    the out-of-tolerance result was found)."""
    until = on + dt.timedelta(days=days)
    found = [
        DueItem(REGISTER, "Calibration due", code, description, day, eid, owner, kind="equipment")
        for eid, code, description, day, owner in session.execute(
            select(
                Equipment.id,
                Equipment.code,
                Equipment.description,
                Equipment.next_due,
                Equipment.owner,
            ).where(Equipment.next_due <= until, Equipment.status.in_([s.value for s in SCHEDULED]))
        )
        if day is not None
    ]
    found += [
        DueItem(
            REGISTER, "Impact review due", code, description, day, cid, owner, kind="calibration"
        )
        for cid, code, description, day, owner in session.execute(
            select(
                Calibration.id,
                Equipment.code,
                Equipment.description,
                Calibration.calibrated_on,
                Equipment.owner,
            )
            .join(Equipment, Equipment.id == Calibration.equipment_id)
            .where(
                Calibration.as_found == AsFound.OUT_OF_TOLERANCE,
                (Calibration.impact_review == "") | (Calibration.impact_decision == ""),
            )
        )
        if day is not None
    ]
    return found


def find(session: Session, text: str, limit: int) -> list[Hit]:
    return matching(
        session,
        text,
        limit,
        register=REGISTER,
        reference=Equipment.code,
        title=Equipment.description,
        kind="equipment",
    )
