"""Writing the measuring equipment register: equipment, calibrations with their certificate
file, the impact review of an out-of-tolerance result, and what it raises (a nonconforming
output, an action); every change recorded in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.attachments import store
from qmsdesk.core.choices import raise_problems
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db.models_actions import ActionKind, ActionSource, ActionStatus
from qmsdesk.core.db.models_equipment import (
    AsFound,
    AsLeft,
    Calibration,
    Equipment,
    EquipmentAction,
    EquipmentStatus,
)
from qmsdesk.core.db.models_nonconforming import FoundAt
from qmsdesk.core.equipment.checks import (
    CALIBRATION_FIELDS,
    EQUIPMENT_FIELDS,
    CalibrationFields,
    EquipmentFields,
    check_calibration,
    check_equipment,
)
from qmsdesk.core.equipment.reading import id_for_code
from qmsdesk.core.equipment.vocab import (
    AS_FOUND_LABELS,
    CALIBRATION_LABELS,
    ENTITY,
    FIELD_LABELS,
)
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.service import delete_with_history, ensure_unique, load


def _load(session: Session, equipment_id: int) -> Equipment:
    return load(session, Equipment, equipment_id, "Equipment")


def _unique(session: Session, code: str, own: int | None) -> None:
    ensure_unique(
        id_for_code(session, code),
        own,
        f"Equipment ID: another piece of equipment has the ID '{code}'.",
    )


def _record(
    session: Session, item: Equipment, user: str, action: str, changes: list[history.Change]
) -> None:
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=item.id,
        ref=item.code,
        action=action,
        changes=changes,
    )


def create_equipment(
    session: Session, f: EquipmentFields, user: str, on: dt.date | None = None
) -> int:
    raise_problems(check_equipment(f, on), FIELD_LABELS)
    _unique(session, f.code, None)
    item = Equipment(**{n: getattr(f, n) for n in EQUIPMENT_FIELDS})
    item.next_due = f.received_on  # calibrated (or checked) before its first use
    session.add(item)
    session.flush()
    _record(session, item, user, "create", [history.Change("Description", "", f.description)])
    return item.id


def update_equipment(
    session: Session, equipment_id: int, f: EquipmentFields, user: str, on: dt.date | None = None
) -> list[str]:
    item = _load(session, equipment_id)
    raise_problems(check_equipment(f, on), FIELD_LABELS)
    if f.code.casefold() != item.code.casefold():
        _unique(session, f.code, item.id)
    first = session.scalar(
        select(Calibration.calibrated_on)
        .where(Calibration.equipment_id == item.id)
        .order_by(Calibration.calibrated_on)
        .limit(1)
    )
    if first is not None and f.received_on is not None and f.received_on > first:
        raise ValidationError(
            f"{FIELD_LABELS['received_on']}: cannot be after its first calibration "
            f"({first.isoformat()})."
        )
    changes = []
    for name in EQUIPMENT_FIELDS:
        old, new = getattr(item, name), getattr(f, name)
        if old != new:
            changes.append(
                history.Change(FIELD_LABELS[name], history.as_text(old), history.as_text(new))
            )
            setattr(item, name, new)
    if changes:
        _follow_latest(session, item, changes)
        _record(session, item, user, "edit", changes)
    return [c.field for c in changes]


def delete_equipment(session: Session, equipment_id: int, user: str) -> None:
    """Delete equipment entered by mistake: refused once it has calibrations (retire it)."""
    item = _load(session, equipment_id)
    if session.scalar(select(Calibration.id).where(Calibration.equipment_id == item.id).limit(1)):
        raise ValidationError(
            f"{item.code} has calibration records, so it stays in the register (set its status "
            "to Retired instead)."
        )
    delete_with_history(
        session,
        item,
        user=user,
        entity=ENTITY,
        entity_id=item.id,
        ref=item.code,
        changes=[history.Change("Description", item.description, "")],
    )


# --- calibrations ----------------------------------------------------------------------------


def _follow_latest(session: Session, item: Equipment, changes: list[history.Change]) -> None:
    """The equipment's last calibration and next due date follow its latest calibration."""
    session.flush()
    latest = session.execute(
        select(Calibration.calibrated_on, Calibration.next_due)
        .where(Calibration.equipment_id == item.id)
        .order_by(Calibration.calibrated_on.desc(), Calibration.id.desc())
        .limit(1)
    ).first()
    last, due = (latest[0], latest[1]) if latest else (None, item.received_on)
    for name, value in (("last_calibrated", last), ("next_due", due)):
        old = getattr(item, name)
        if old != value:
            changes.append(
                history.Change(FIELD_LABELS[name], history.as_text(old), history.as_text(value))
            )
            setattr(item, name, value)
    session.flush()


def add_calibration(
    session: Session,
    equipment_id: int,
    f: CalibrationFields,
    user: str,
    *,
    on: dt.date | None = None,
    file: Path | None = None,
    attachments_dir: Path | None = None,
) -> int:
    """Record a calibration (its next due date from the interval when not given). Equipment left
    not usable is taken out of service. An as-found out-of-tolerance result waits for its impact
    review (:func:`record_impact_review`)."""
    item = _load(session, equipment_id)
    raise_problems(check_calibration(f, item.received_on, on), CALIBRATION_LABELS)
    if f.next_due is None and f.as_left != AsLeft.NOT_USABLE:
        f = replace(f, next_due=add_months(f.calibrated_on, item.interval_months))
    cal = Calibration(equipment_id=item.id, **{n: getattr(f, n) for n in CALIBRATION_FIELDS})
    changes = [
        history.Change("Calibrated on", "", f.calibrated_on.isoformat()),
        history.Change("As found", "", AS_FOUND_LABELS[f.as_found]),
    ]
    if file is not None:
        if attachments_dir is None:
            raise ValidationError("Certificate file: the company file has no attachment folder.")
        stored = store(file, attachments_dir)
        cal.attachment_name, cal.attachment_path = stored.name, stored.relpath
        cal.attachment_sha256 = stored.sha256
        changes.append(history.Change("Certificate file", "", stored.name))
    session.add(cal)
    if f.as_left == AsLeft.NOT_USABLE and item.status == EquipmentStatus.IN_USE:
        changes.append(history.Change("Status", item.status.value, "out_of_service"))
        item.status = EquipmentStatus.OUT_OF_SERVICE
    _follow_latest(session, item, changes)
    _record(session, item, user, "calibration", changes)
    return cal.id


def update_calibration(
    session: Session,
    calibration_id: int,
    f: CalibrationFields,
    user: str,
    on: dt.date | None = None,
) -> None:
    cal = load(session, Calibration, calibration_id, "Calibration")
    item = _load(session, cal.equipment_id)
    raise_problems(check_calibration(f, item.received_on, on), CALIBRATION_LABELS)
    if f.next_due is None and f.as_left != AsLeft.NOT_USABLE:
        f = replace(f, next_due=add_months(f.calibrated_on, item.interval_months))
    changes = []
    for name in CALIBRATION_FIELDS:
        old, new = getattr(cal, name), getattr(f, name)
        if old != new:
            changes.append(
                history.Change(CALIBRATION_LABELS[name], history.as_text(old), history.as_text(new))
            )
            setattr(cal, name, new)
    if changes:
        _follow_latest(session, item, changes)
        _record(session, item, user, "calibration", changes)


def record_impact_review(
    session: Session, calibration_id: int, review: str, decision: str, user: str
) -> None:
    """The impact review of an as-found out-of-tolerance result (clause 7.1.5.2): what was
    measured with the equipment since its last good calibration, and what was decided."""
    cal = load(session, Calibration, calibration_id, "Calibration")
    if cal.as_found != AsFound.OUT_OF_TOLERANCE:
        raise ValidationError("Impact review: this calibration found the equipment in tolerance.")
    problems = []
    if not review.strip():
        problems.append(
            f"{CALIBRATION_LABELS['impact_review']}: say what was measured with it since its "
            "last good calibration, and what re-checking found."
        )
    if not decision.strip():
        problems.append(f"{CALIBRATION_LABELS['impact_decision']}: say what was decided.")
    if problems:
        raise ValidationError(problems)
    fields = replace(
        _fields_of(cal), impact_review=review.strip(), impact_decision=decision.strip()
    )
    update_calibration(session, calibration_id, fields, user)


def _fields_of(cal: Calibration) -> CalibrationFields:
    return CalibrationFields(**{n: getattr(cal, n) for n in CALIBRATION_FIELDS})


def raise_nonconforming(
    session: Session,
    calibration_id: int,
    user: str,
    *,
    product: str,
    quantity: float | None,
    found_on: dt.date | None = None,
    on: dt.date | None = None,
) -> int:
    """Open a nonconforming output for the product measured with equipment found out of
    tolerance, linked to the calibration; returns its id."""
    from qmsdesk.core import nonconforming

    cal = load(session, Calibration, calibration_id, "Calibration")
    item = _load(session, cal.equipment_id)
    if cal.as_found != AsFound.OUT_OF_TOLERANCE:
        raise ValidationError(
            "Only a calibration that found the equipment out of tolerance "
            "raises a nonconforming output."
        )
    if cal.nc_id is not None:
        raise ValidationError("This calibration has raised a nonconforming output already.")
    nc_id = nonconforming.create_nc(
        session,
        nonconforming.NcFields(
            found_on=found_on or cal.calibrated_on,
            found_at=FoundAt.IN_PROCESS,
            product=product,
            quantity=quantity,
            description=f"Measured with {item.code} ({item.description}), found out of "
            f"tolerance at its calibration on {cal.calibrated_on.isoformat()}. "
            f"{cal.impact_review}".strip(),
        ),
        user,
        on,
    )
    cal.nc_id = nc_id
    session.flush()
    ref = nonconforming.get_row(session, nc_id).reference
    _record(session, item, user, "calibration", [history.Change("Nonconforming output", "", ref)])
    return nc_id


def raise_action(
    session: Session,
    calibration_id: int,
    user: str,
    *,
    title: str = "",
    on: dt.date | None = None,
) -> int:
    """Open a corrective action for an out-of-tolerance result, linked to the calibration and
    naming the equipment; returns its id."""
    from qmsdesk.core import actions

    cal = load(session, Calibration, calibration_id, "Calibration")
    item = _load(session, cal.equipment_id)
    if cal.action_id is not None:
        raise ValidationError("This calibration has raised an action already.")
    action_id = actions.create_action(
        session,
        actions.ActionFields(
            title=title or f"{item.code} found out of tolerance",
            kind=ActionKind.CORRECTIVE,
            source_kind=ActionSource.PROCESS_NC,
            source_ref=f"Calibration of {item.code} {cal.calibrated_on.isoformat()}",
            problem=f"{item.code} ({item.description}) was found out of tolerance at its "
            f"calibration on {cal.calibrated_on.isoformat()}.",
            process="Quality",
            status=ActionStatus.OPEN,
        ),
        user,
        on=on,
    )
    cal.action_id = action_id
    link_action(session, item.id, action_id, user)
    return action_id


def link_calibration_action(
    session: Session, calibration_id: int, action_id: int, user: str
) -> None:
    """Say that an action already in the register deals with this calibration's result (and so
    names its equipment)."""
    from qmsdesk.core.db.models_actions import Action

    cal = load(session, Calibration, calibration_id, "Calibration")
    item = _load(session, cal.equipment_id)
    action = load(session, Action, action_id, "Action")
    if cal.action_id != action_id:
        old = "" if cal.action_id is None else str(cal.action_id)
        cal.action_id = action_id
        session.flush()
        _record(
            session, item, user, "calibration", [history.Change("Action", old, action.reference)]
        )
    link_action(session, item.id, action_id, user)


def link_action(session: Session, equipment_id: int, action_id: int, user: str) -> None:
    """Say that an action of the actions register concerns this equipment."""
    from qmsdesk.core.db.models_actions import Action

    item = _load(session, equipment_id)
    action = load(session, Action, action_id, "Action")
    found = session.scalar(
        select(EquipmentAction.id).where(
            EquipmentAction.equipment_id == equipment_id, EquipmentAction.action_id == action_id
        )
    )
    if found is not None:
        return
    session.add(EquipmentAction(equipment_id=equipment_id, action_id=action_id))
    session.flush()
    _record(session, item, user, "link", [history.Change("Action", "", action.reference)])


def delete_calibration(session: Session, calibration_id: int, user: str) -> None:
    cal = load(session, Calibration, calibration_id, "Calibration")
    item = _load(session, cal.equipment_id)
    changes = [history.Change("Calibrated on", cal.calibrated_on.isoformat(), "")]
    delete_with_history(
        session,
        cal,
        user=user,
        entity=ENTITY,
        entity_id=item.id,
        ref=item.code,
        changes=changes,
        action="calibration",
    )
    follow: list[history.Change] = []
    _follow_latest(session, item, follow)


# --- many at once (imports) ----------------------------------------------------------------


def save_equipment_many(
    session: Session,
    added: Sequence[EquipmentFields],
    changed: Sequence[tuple[int, EquipmentFields]],
    user: str,
) -> None:
    on = today()
    for f in added:
        create_equipment(session, f, user, on)
    for equipment_id, f in changed:
        update_equipment(session, equipment_id, f, user, on)
