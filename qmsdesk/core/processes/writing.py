"""Writing the register of processes: create, edit and delete a process, set its inputs and
outputs; each change recorded in the history. Adding a process, or changing its code or name,
links the documents, actions and audits that name it (:func:`.links.relink`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.db.models_planning import FlowDirection, Process, ProcessFlow, ProcessKind
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.processes.checks import (
    FIELD_NAMES,
    FlowFields,
    ProcessFields,
    check_flow,
    check_process,
    raise_problems,
)
from qmsdesk.core.processes.links import linked_count, name_index, name_key, relink
from qmsdesk.core.processes.reading import flows_of, id_for_code
from qmsdesk.core.processes.vocab import DIRECTION_LABELS, ENTITY, FIELD_LABELS, KIND_LABELS
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, fold


def _owner_problems(session: Session, f: ProcessFields) -> list[FieldProblem]:
    if f.owner_id is not None and session.get(Person, f.owner_id) is None:
        return [FieldProblem("owner_id", "this person is not in the register of people.")]
    return []


def _clash(session: Session, f: ProcessFields, own_id: int | None) -> None:
    """A code or a name that is another process's code or name would make names ambiguous."""
    ensure_unique(
        id_for_code(session, f.code), own_id, f"Code: another process has the code '{f.code}'."
    )
    index = name_index(session)
    for label, text in (("Code", f.code), ("Process", f.name)):
        found = index.get(name_key(text))
        if found is not None and found != own_id:
            raise ValidationError(
                f"{label}: '{text}' is already the code or the name of another process."
            )


def _text(session: Session, name: str, value: object) -> str:
    if name == "owner_id":
        person = session.get(Person, value) if value is not None else None
        return person.name if person else ("" if value is None else str(value))
    if name == "kind" and value:
        return KIND_LABELS[ProcessKind(str(getattr(value, "value", value)))]
    return history.as_text(value)


def create_process(session: Session, f: ProcessFields, user: str) -> int:
    raise_problems([*check_process(f), *_owner_problems(session, f)])
    _clash(session, f, None)
    process = Process(**{n: getattr(f, n) for n in FIELD_NAMES})
    session.add(process)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=process.id,
        ref=f.code,
        action="create",
        changes=[history.Change(FIELD_LABELS["name"], "", f.name)],
    )
    relink(session)
    return process.id


def update_process(session: Session, process_id: int, f: ProcessFields, user: str) -> list[str]:
    process = load(session, Process, process_id, "Process")
    raise_problems([*check_process(f), *_owner_problems(session, f)])
    _clash(session, f, process.id)
    renamed = fold(f.code) != fold(process.code) or name_key(f.name) != name_key(process.name)
    changes = []
    for name in FIELD_NAMES:
        new, old = getattr(f, name), getattr(process, name)
        if old != new:
            changes.append(
                history.Change(
                    FIELD_LABELS[name], _text(session, name, old), _text(session, name, new)
                )
            )
            setattr(process, name, new)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=process.id,
            ref=process.code,
            action="edit",
            changes=changes,
        )
    if renamed:
        relink(session)
    return [c.field for c in changes]


def delete_process(session: Session, process_id: int, user: str) -> None:
    """Delete a process no document, action or audit names (those are moved first)."""
    process = load(session, Process, process_id, "Process")
    docs, acts, audits = linked_count(session, process_id)
    if docs or acts or audits:
        raise ValidationError(
            f"{process.code} is named by {docs} document(s), {acts} action(s) and {audits} "
            "audit(s): give them another process first, so that none loses its process."
        )
    delete_with_history(
        session,
        process,
        user=user,
        entity=ENTITY,
        entity_id=process.id,
        ref=process.code,
        changes=[history.Change(FIELD_LABELS["name"], process.name, "")],
    )


def _flow_text(f: FlowFields) -> str:
    arrow = "from" if f.direction == FlowDirection.INPUT else "to"
    return f"{f.what} {arrow} {f.other}".strip() if f.other else f.what


def set_flows(
    session: Session,
    process_id: int,
    flows: Sequence[FlowFields],
    user: str,
    index: dict[str, int] | None = None,
) -> bool:
    """Replace the process's inputs and outputs with `flows` (in their order). The other end of
    each is a process when `other` is one's code or name (a hand-over), else someone outside.
    Returns whether anything changed."""
    process = load(session, Process, process_id, "Process")
    flows = [FlowFields(f.direction, clean(f.what), clean(f.other)) for f in flows]
    problems = [p for f in flows for p in check_flow(f)]
    raise_problems(problems, prefix=f"{process.code}: ")
    index = name_index(session) if index is None else index
    old = [r.fields() for r in flows_of(session, process_id)]
    resolved = []
    for f in flows:
        other_id = index.get(name_key(f.other)) if f.other else None
        resolved.append((f, other_id))
    if [(o.direction, o.what, o.other) for o in old] == [
        (f.direction, f.what, _shown_other(session, f.other, other_id)) for f, other_id in resolved
    ]:
        return False
    session.execute(delete(ProcessFlow).where(ProcessFlow.process_id == process_id))
    for position, (f, other_id) in enumerate(resolved):
        session.add(
            ProcessFlow(
                process_id=process_id,
                direction=f.direction,
                position=position,
                what=f.what,
                other_process_id=other_id,
                party="" if other_id is not None else f.other,
            )
        )
    session.flush()
    changes = []
    for direction, label in DIRECTION_LABELS.items():
        before = "; ".join(_flow_text(o) for o in old if o.direction == direction)
        after = "; ".join(_flow_text(f) for f, _ in resolved if f.direction == direction)
        if before != after:
            changes.append(history.Change(f"{label}s", before, after))
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=process_id,
        ref=process.code,
        action="flows",
        changes=changes or [history.Change("Inputs and outputs", "", "(order changed)")],
    )
    return True


def _shown_other(session: Session, text: str, other_id: int | None) -> str:
    """The other end as it reads back once stored: a process by its code."""
    if other_id is None:
        return text
    return session.scalar(select(Process.code).where(Process.id == other_id)) or text


def save_many(
    session: Session,
    processes: Sequence[tuple[int | None, ProcessFields]],
    flows: Mapping[str, Sequence[FlowFields]],
    user: str,
) -> None:
    """An import: processes added or changed, then the inputs and outputs of each process code
    in `flows` replaced (one transaction, the caller's)."""
    for process_id, f in processes:
        if process_id is None:
            create_process(session, f, user)
        else:
            update_process(session, process_id, f, user)
    index = name_index(session)
    for code, rows in flows.items():
        process_id = id_for_code(session, code)
        if process_id is None:
            raise ValidationError(f"There is no process '{code}'.")
        set_flows(session, process_id, rows, user, index)
