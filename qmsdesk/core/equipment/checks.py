"""What a user edits about a piece of equipment and a calibration, and the rules they obey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.choices import collect, date_value, too_long
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_equipment import AsFound, AsLeft, CalibratedBy, EquipmentStatus
from qmsdesk.core.equipment.vocab import (
    MAX_LENGTHS,
    parse_as_found,
    parse_as_left,
    parse_by,
    parse_status,
)
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.text import clean, clean_code


@dataclass(frozen=True)
class EquipmentFields:
    code: str
    description: str
    kind: str = ""
    location: str = ""
    owner: str = ""
    range_text: str = ""
    accuracy: str = ""
    interval_months: int = 12
    status: EquipmentStatus = EquipmentStatus.IN_USE
    received_on: dt.date | None = None
    note: str = ""


EQUIPMENT_FIELDS = tuple(f.name for f in fields(EquipmentFields))


def check_equipment(f: EquipmentFields, on: dt.date | None = None) -> list[FieldProblem]:
    on = on or today()
    problems = too_long({n: getattr(f, n) for n in MAX_LENGTHS}, MAX_LENGTHS)
    if not f.code:
        problems.append(FieldProblem("code", "An equipment ID is required."))
    if not f.description:
        problems.append(FieldProblem("description", "Say what the equipment is."))
    if not 1 <= f.interval_months <= 120:
        problems.append(FieldProblem("interval_months", "must be from 1 to 120 months."))
    if f.received_on is not None and f.received_on > on:
        problems.append(FieldProblem("received_on", "cannot be in the future."))
    return problems


def _whole(value: object) -> int:
    text = clean(value)
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number of months.") from None
    if number != int(number):
        raise ValueError(f"'{text}' is not a whole number of months.")
    return int(number)


def equipment_from_values(
    values: Mapping[str, object],
) -> tuple[EquipmentFields | None, list[FieldProblem]]:
    given = {k: v for k, v in values.items() if k in EQUIPMENT_FIELDS}
    parsed, problems = collect(
        given,
        {
            "code": clean_code,
            "interval_months": lambda v: _whole(v) if clean(v) else None,
            "status": lambda v: parse_status(v) if clean(v) else None,
            "received_on": date_value,
        },
    )
    parsed = {
        k: v for k, v in parsed.items() if not (k in ("interval_months", "status") and v is None)
    }
    result = EquipmentFields(**{"code": "", "description": "", **parsed})  # type: ignore[arg-type]
    seen = {p.field for p in problems}
    problems += [p for p in check_equipment(result) if p.field not in seen]
    return (None if problems else result), problems


@dataclass(frozen=True)
class CalibrationFields:
    calibrated_on: dt.date
    by: CalibratedBy = CalibratedBy.INTERNAL
    performed_by: str = ""
    certificate_no: str = ""
    as_found: AsFound = AsFound.IN_TOLERANCE
    as_left: AsLeft = AsLeft.IN_TOLERANCE
    next_due: dt.date | None = None  # None: calibrated_on + the equipment's interval
    impact_review: str = ""
    impact_decision: str = ""
    note: str = ""

    @property
    def needs_impact_review(self) -> bool:
        """As found out of tolerance and the review of what was measured not written yet."""
        return self.as_found == AsFound.OUT_OF_TOLERANCE and not (
            self.impact_review and self.impact_decision
        )


CALIBRATION_FIELDS = tuple(f.name for f in fields(CalibrationFields))


def check_calibration(
    f: CalibrationFields, received_on: dt.date | None, on: dt.date | None = None
) -> list[FieldProblem]:
    """The rules of one calibration record, given when its equipment was received."""
    on = on or today()
    problems = too_long(
        {"performed_by": f.performed_by, "certificate_no": f.certificate_no},
        {"performed_by": 120, "certificate_no": 80},
    )
    if f.calibrated_on > on:
        problems.append(FieldProblem("calibrated_on", "cannot be in the future."))
    if received_on is not None and f.calibrated_on < received_on:
        problems.append(
            FieldProblem(
                "calibrated_on",
                f"cannot be before the equipment was received ({received_on.isoformat()}).",
            )
        )
    if f.next_due is not None and f.next_due <= f.calibrated_on:
        problems.append(FieldProblem("next_due", "must come after the calibration."))
    if f.by == CalibratedBy.LAB and not f.performed_by:
        problems.append(FieldProblem("performed_by", "Name the lab that calibrated it."))
    if f.as_found == AsFound.IN_TOLERANCE and (f.impact_review or f.impact_decision):
        problems.append(
            FieldProblem(
                "impact_review",
                "An impact review is for equipment found out of tolerance; this one was found "
                "in tolerance.",
            )
        )
    if f.impact_decision and not f.impact_review:
        problems.append(
            FieldProblem("impact_review", "Say what was measured since the last good calibration.")
        )
    return problems


def calibration_from_values(
    values: Mapping[str, object], received_on: dt.date | None
) -> tuple[CalibrationFields | None, list[FieldProblem]]:
    given = {k: v for k, v in values.items() if k in CALIBRATION_FIELDS}
    parsed, problems = collect(
        given,
        {
            "calibrated_on": date_value,
            "next_due": date_value,
            "by": lambda v: parse_by(v) if clean(v) else None,
            "as_found": lambda v: parse_as_found(v) if clean(v) else None,
            "as_left": lambda v: parse_as_left(v) if clean(v) else None,
        },
    )
    parsed = {
        k: v for k, v in parsed.items() if not (k in ("by", "as_found", "as_left") and v is None)
    }
    if parsed.get("calibrated_on") is None:
        if "calibrated_on" not in {p.field for p in problems}:
            problems.append(FieldProblem("calibrated_on", "Say when it was calibrated."))
        return None, problems
    result = CalibrationFields(**parsed)  # type: ignore[arg-type]
    seen = {p.field for p in problems}
    problems += [p for p in check_calibration(result, received_on) if p.field not in seen]
    return (None if problems else result), problems
