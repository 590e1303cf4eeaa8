"""How the records of other registers name a process: documents and actions by the free text of
their "process" field, audits by their list of processes, each kept linked to the register of
processes (``process_id``, ``audit_processes``) by the services that write them.

A name is a process's code or its name, case and spaces aside. Only the database models are
imported here, so that every register's writer can use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_audits import Audit
from qmsdesk.core.db.models_planning import AuditProcess, Process
from qmsdesk.core.text import fold


def name_key(text: str) -> str:
    """How a process is looked up by code or name: case and spaces aside."""
    return " ".join(fold(text).split())


def name_index(session: Session) -> dict[str, int]:
    """Every process's code and name, as looked up (:func:`name_key`) -> its id. A code wins
    over another process's name."""
    found: dict[str, int] = {}
    rows = list(session.execute(select(Process.id, Process.code, Process.name)))
    for id_, code, _name in rows:
        found.setdefault(name_key(code), id_)
    for id_, _code, name in rows:
        found.setdefault(name_key(name), id_)
    return found


def link_id(index: Mapping[str, int], text: str) -> int | None:
    return index.get(name_key(text)) if text and text.strip() else None


def process_link(session: Session, text: str) -> int | None:
    """The process `text` names, or None (no process has that code or name)."""
    if not text or not text.strip():
        return None
    return link_id(name_index(session), text)


def unknown_names(index: Mapping[str, int], names: Iterable[str]) -> list[str]:
    """The names among `names` that no process has (when the register has processes at all:
    a company that keeps no register of processes names its processes freely)."""
    if not index:
        return []
    return [n for n in names if n.strip() and name_key(n) not in index]


def unknown_message(name: str) -> str:
    return (
        f"There is no process '{name}' in the register of processes: write the code or the "
        "name of one of its processes (or add the process first)."
    )


def set_audit_processes(session: Session, audit_id: int, names: Iterable[str]) -> None:
    """Link an audit to the processes its list names (the names no process has stay text)."""
    index = name_index(session)
    wanted = {pid for pid in (link_id(index, n) for n in names) if pid is not None}
    session.execute(delete(AuditProcess).where(AuditProcess.audit_id == audit_id))
    for pid in sorted(wanted):
        session.add(AuditProcess(audit_id=audit_id, process_id=pid))
    session.flush()


def relink(session: Session) -> int:
    """Link every document, action and audit to the process its text names now (after a
    process is added, or its code or name changed); returns the records whose link changed."""
    index = name_index(session)
    changed = 0
    for model in (Document, Action):
        rows = session.execute(
            select(model.process, model.process_id).group_by(model.process, model.process_id)
        )
        for text, old in list(rows):
            new = link_id(index, text or "")
            if new != old:
                result = session.execute(
                    update(model)
                    .where(model.process == text)
                    .where(model.process_id.is_(None) if old is None else model.process_id == old)
                    .values(process_id=new)
                    .execution_options(synchronize_session=False)
                )
                changed += int(getattr(result, "rowcount", 0) or 0)
    for audit_id, text in list(session.execute(select(Audit.id, Audit.processes))):
        names = [line for line in (text or "").splitlines() if line.strip()]
        wanted = {pid for pid in (link_id(index, n) for n in names) if pid is not None}
        have = set(
            session.scalars(
                select(AuditProcess.process_id).where(AuditProcess.audit_id == audit_id)
            )
        )
        if wanted != have:
            set_audit_processes(session, audit_id, names)
            changed += 1
    return changed


def linked_count(session: Session, process_id: int) -> tuple[int, int, int]:
    """(documents, actions, audits) linked to the process."""
    docs = session.scalar(
        select(func.count()).select_from(Document).where(Document.process_id == process_id)
    )
    acts = session.scalar(
        select(func.count()).select_from(Action).where(Action.process_id == process_id)
    )
    audits = session.scalar(
        select(func.count()).select_from(AuditProcess).where(AuditProcess.process_id == process_id)
    )
    return docs or 0, acts or 0, audits or 0
