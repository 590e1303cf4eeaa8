"""Writing the nonconforming outputs register: create, edit, delete, each change recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.choices import raise_problems
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_nonconforming import NonconformingOutput
from qmsdesk.core.db.models_suppliers import Supplier
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.nonconforming.checks import NC_FIELDS, NcFields, check_nc
from qmsdesk.core.nonconforming.reading import id_for_reference
from qmsdesk.core.nonconforming.vocab import ENTITY, FIELD_LABELS, PREFIX
from qmsdesk.core.service import delete_with_history, ensure_unique, load


def next_reference(session: Session) -> str:
    taken = session.scalars(
        select(NonconformingOutput.reference).where(
            NonconformingOutput.reference.like(f"{PREFIX}%")
        )
    )
    numbers = [int(r[len(PREFIX) :]) for r in taken if r[len(PREFIX) :].isdigit()]
    return f"{PREFIX}{max(numbers, default=0) + 1:04d}"


def _link_problems(session: Session, f: NcFields) -> list[FieldProblem]:
    problems = []
    if f.supplier_id is not None and session.get(Supplier, f.supplier_id) is None:
        problems.append(FieldProblem("supplier_id", "this supplier is not in the register."))
    if f.action_id is not None and session.get(Action, f.action_id) is None:
        problems.append(FieldProblem("action_id", "this action is not in the actions register."))
    return problems


def _text(session: Session, name: str, value: object) -> str:
    if value is None:
        return ""
    if name == "supplier_id":
        supplier = session.get(Supplier, value)
        return supplier.code if supplier else str(value)
    if name == "action_id":
        action = session.get(Action, value)
        return action.reference if action else str(value)
    if isinstance(value, float):
        return f"{value:g}"
    return history.as_text(value)


def create_nc(session: Session, f: NcFields, user: str, on: dt.date | None = None) -> int:
    raise_problems([*check_nc(f, on), *_link_problems(session, f)], FIELD_LABELS)
    reference = f.reference or next_reference(session)
    ensure_unique(
        id_for_reference(session, reference),
        None,
        f"Reference: another nonconforming output has the reference '{reference}'.",
    )
    record = NonconformingOutput(**{n: getattr(f, n) for n in NC_FIELDS})
    record.reference = reference
    session.add(record)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=record.id,
        ref=reference,
        action="create",
        changes=[history.Change("Description", "", f.description)],
    )
    return record.id


def update_nc(
    session: Session, nc_id: int, f: NcFields, user: str, on: dt.date | None = None
) -> list[str]:
    record = load(session, NonconformingOutput, nc_id, "Nonconforming output")
    raise_problems([*check_nc(f, on), *_link_problems(session, f)], FIELD_LABELS)
    reference = f.reference or record.reference
    if reference.casefold() != record.reference.casefold():
        ensure_unique(
            id_for_reference(session, reference),
            record.id,
            f"Reference: another nonconforming output has the reference '{reference}'.",
        )
    changes = []
    for name in NC_FIELDS:
        old = getattr(record, name)
        new = reference if name == "reference" else getattr(f, name)
        if old != new:
            changes.append(
                history.Change(
                    FIELD_LABELS[name], _text(session, name, old), _text(session, name, new)
                )
            )
            setattr(record, name, new)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=record.id,
            ref=record.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def delete_nc(session: Session, nc_id: int, user: str) -> None:
    """Delete an output entered by mistake: only while nothing was decided about it."""
    record = load(session, NonconformingOutput, nc_id, "Nonconforming output")
    if record.disposition is not None or record.closed_on is not None:
        raise ValidationError(
            f"{record.reference} has a disposition recorded, so it stays in the register."
        )
    delete_with_history(
        session,
        record,
        user=user,
        entity=ENTITY,
        entity_id=record.id,
        ref=record.reference,
        changes=[history.Change("Description", record.description, "")],
    )


def save_many(
    session: Session,
    added: Sequence[NcFields],
    changed: Sequence[tuple[int, NcFields]],
    user: str,
) -> None:
    on = today()
    for f in added:
        create_nc(session, f, user, on)
    for nc_id, f in changed:
        update_nc(session, nc_id, f, user, on)
