"""Writing job roles: create, rename, delete, add the ones an import names."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.db.models_training import JobRole, PersonRole
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.people.fields import MAX_LENGTHS, ROLE_ENTITY, key
from qmsdesk.core.people.rows import ids_by_role
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, plural


def _check_role_name(name: str) -> str:
    name = " ".join(clean(name).split())
    if not name:
        raise ValidationError("Job role: a name is required.")
    if len(name) > MAX_LENGTHS["role"]:
        raise ValidationError(f"Job role: at most {MAX_LENGTHS['role']} characters are allowed.")
    return name


def create_role(session: Session, name: str, user: str, description: str = "") -> int:
    name = _check_role_name(name)
    ensure_unique(
        ids_by_role(session).get(key(name)), None, f"Job role: there is already a role '{name}'."
    )
    role = JobRole(name=name, description=clean(description))
    session.add(role)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ROLE_ENTITY,
        entity_id=role.id,
        ref=name,
        action="create",
        changes=[history.Change("Name", "", name)],
    )
    return role.id


def update_role(
    session: Session, role_id: int, name: str, user: str, description: str = ""
) -> None:
    role = load(session, JobRole, role_id, "Job role", note="")
    name = _check_role_name(name)
    ensure_unique(
        ids_by_role(session).get(key(name)), role_id, f"Job role: there is already a role '{name}'."
    )
    changes = []
    if role.name != name:
        changes.append(history.Change("Name", role.name, name))
        role.name = name
    if role.description != clean(description):
        changes.append(history.Change("Description", role.description, clean(description)))
        role.description = clean(description)
    if changes:
        history.record(
            session,
            user=user,
            entity=ROLE_ENTITY,
            entity_id=role.id,
            ref=name,
            action="edit",
            changes=changes,
        )


def delete_role(session: Session, role_id: int, user: str) -> None:
    """Delete a role nobody holds (its requirements go with it)."""
    role = load(session, JobRole, role_id, "Job role", note="")
    holders = session.scalar(
        select(func.count()).select_from(PersonRole).where(PersonRole.role_id == role_id)
    )
    if holders:
        raise ValidationError(
            f"{plural(holders, 'person', 'people')} {'holds' if holders == 1 else 'hold'} the "
            f"role '{role.name}'; give them another role first."
        )
    delete_with_history(
        session,
        role,
        user=user,
        entity=ROLE_ENTITY,
        entity_id=role.id,
        ref=role.name,
        changes=[history.Change("Name", role.name, "")],
    )


def ensure_roles(session: Session, names: Iterable[str], user: str) -> dict[str, int]:
    """key(role name) -> id for every role, creating the named ones that do not exist yet."""
    known = ids_by_role(session)
    for name in names:
        if key(name) not in known:
            known[key(name)] = create_role(session, name, user)
    return known
