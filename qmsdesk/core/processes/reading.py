"""Reading the register of processes: the processes, their inputs and outputs, the hand-overs
between them (the arrows of the process map), the documents that describe each, and the turtle
of one process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from qmsdesk.core import history
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_actions import Action, ActionStatus
from qmsdesk.core.db.models_audits import Audit
from qmsdesk.core.db.models_planning import (
    AuditProcess,
    FlowDirection,
    Process,
    ProcessFlow,
    ProcessKind,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.finder import Hit, matching
from qmsdesk.core.processes.checks import FlowFields, ProcessFields
from qmsdesk.core.processes.links import process_link
from qmsdesk.core.processes.vocab import BANDS, ENTITY
from qmsdesk.core.service import missing
from qmsdesk.core.text import fold
from qmsdesk.core.vocab import DocStatus


@dataclass(frozen=True)
class ProcessRow:
    id: int
    code: str
    name: str
    kind: ProcessKind
    owner_id: int | None
    owner_name: str
    purpose: str
    resources: str
    responsibilities: str
    note: str
    position: int
    updated_at: dt.datetime

    def fields(self) -> ProcessFields:
        return ProcessFields(
            self.code,
            self.name,
            self.kind,
            self.owner_id,
            self.purpose,
            self.resources,
            self.responsibilities,
            self.note,
            self.position,
        )

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


@dataclass(frozen=True)
class FlowRow:
    id: int
    process_id: int
    direction: FlowDirection
    position: int
    what: str
    other_process_id: int | None
    other_code: str  # the other process's code ("" when the other end is outside)
    other_name: str
    party: str

    @property
    def other(self) -> str:
        """The other end as a sheet writes it: a process's code, or the outside party."""
        return self.other_code or self.party

    @property
    def other_label(self) -> str:
        return f"{self.other_code} {self.other_name}" if self.other_code else self.party

    def fields(self) -> FlowFields:
        return FlowFields(self.direction, self.what, self.other)


@dataclass(frozen=True)
class Handover:
    """An arrow of the process map: what one process hands to another."""

    from_id: int
    to_id: int
    what: tuple[str, ...]


@dataclass(frozen=True)
class LinkedRecord:
    """A record of another register linked to a process (an objective, a risk, a document)."""

    reference: str
    title: str
    status: str = ""


@dataclass(frozen=True)
class ProcessLinks:
    """The objectives that measure a process and the risks that touch it."""

    objectives: tuple[LinkedRecord, ...] = ()
    risks: tuple[LinkedRecord, ...] = ()


@dataclass(frozen=True)
class Turtle:
    """One process on one page: who, what with, how, inputs and outputs, and what measures it."""

    process: ProcessRow
    inputs: tuple[FlowRow, ...]
    outputs: tuple[FlowRow, ...]
    documents: tuple[LinkedRecord, ...]
    audits: tuple[LinkedRecord, ...]
    open_actions: tuple[LinkedRecord, ...]
    links: ProcessLinks


@dataclass(frozen=True)
class ProcessMap:
    """The data the process map is drawn from."""

    bands: tuple[tuple[ProcessKind, tuple[ProcessRow, ...]], ...]
    handovers: tuple[Handover, ...]

    @property
    def empty(self) -> bool:
        return not any(rows for _kind, rows in self.bands)


_COLUMNS = (
    Process.id,
    Process.code,
    Process.name,
    Process.kind,
    Process.owner_id,
    func.coalesce(Person.name, ""),
    Process.purpose,
    Process.resources,
    Process.responsibilities,
    Process.note,
    Process.position,
    Process.updated_at,
)


def _select() -> Select[*tuple[Any, ...]]:
    return select(*_COLUMNS).outerjoin(Person, Person.id == Process.owner_id)


def _sorted(rows: Iterable[ProcessRow]) -> list[ProcessRow]:
    return sorted(rows, key=lambda r: (BANDS.index(r.kind), r.position, fold(r.code)))


def all_processes(session: Session) -> list[ProcessRow]:
    """Every process: management, then core, then support, each by code."""
    return _sorted(ProcessRow(*r) for r in session.execute(_select()))


def get_process(session: Session, process_id: int) -> ProcessRow:
    found = session.execute(_select().where(Process.id == process_id)).first()
    if found is None:
        raise missing("Process", process_id)
    return ProcessRow(*found)


def id_for_code(session: Session, code: str) -> int | None:
    return session.scalar(select(Process.id).where(func.lower(Process.code) == code.lower()))


def process_id_for_name(session: Session, text: str) -> int | None:
    """The process a record names ('Purchasing', 'PUR'), or None."""
    return process_link(session, text)


def choices(session: Session) -> list[tuple[int, str]]:
    """(id, 'CODE Name') of every process, for drop-down lists."""
    return [(r.id, r.label) for r in all_processes(session)]


def _flows_select() -> Select[*tuple[Any, ...]]:
    other = aliased(Process)
    return (
        select(
            ProcessFlow.id,
            ProcessFlow.process_id,
            ProcessFlow.direction,
            ProcessFlow.position,
            ProcessFlow.what,
            ProcessFlow.other_process_id,
            func.coalesce(other.code, ""),
            func.coalesce(other.name, ""),
            ProcessFlow.party,
        )
        .outerjoin(other, other.id == ProcessFlow.other_process_id)
        .order_by(
            ProcessFlow.process_id, ProcessFlow.direction, ProcessFlow.position, ProcessFlow.id
        )
    )


def flows_of(session: Session, process_id: int) -> list[FlowRow]:
    return [
        FlowRow(*r)
        for r in session.execute(_flows_select().where(ProcessFlow.process_id == process_id))
    ]


def all_flows(session: Session) -> list[FlowRow]:
    return [FlowRow(*r) for r in session.execute(_flows_select())]


def handovers(flows: Iterable[FlowRow]) -> list[Handover]:
    """The arrows between processes: an output sent to a process, an input taken from one."""
    by_pair: dict[tuple[int, int], list[str]] = {}
    for f in flows:
        if f.other_process_id is None or f.other_process_id == f.process_id:
            continue
        pair = (
            (f.process_id, f.other_process_id)
            if f.direction == FlowDirection.OUTPUT
            else (f.other_process_id, f.process_id)
        )
        whats = by_pair.setdefault(pair, [])
        if fold(f.what) not in {fold(w) for w in whats}:
            whats.append(f.what)
    return [Handover(a, b, tuple(w)) for (a, b), w in by_pair.items()]


def process_map(session: Session) -> ProcessMap:
    rows = all_processes(session)
    bands = tuple((kind, tuple(r for r in rows if r.kind == kind)) for kind in BANDS)
    return ProcessMap(bands, tuple(handovers(all_flows(session))))


def documents_of(session: Session, process_id: int) -> list[LinkedRecord]:
    """The documents of the register that describe the process (not the obsolete ones)."""
    stmt = (
        select(Document.code, Document.title, Document.status)
        .where(Document.process_id == process_id, Document.status != DocStatus.OBSOLETE)
        .order_by(Document.code)
    )
    return [LinkedRecord(c, t, s.value) for c, t, s in session.execute(stmt)]


def objectives_and_risks(session: Session, process_id: int) -> ProcessLinks:
    """The quality objectives that measure the process (with their status today) and the risks
    and opportunities that touch it (with their rating), as the turtle and the tab show them."""
    from qmsdesk.core import objectives, risks

    return ProcessLinks(
        objectives=tuple(
            LinkedRecord(code, title, objectives.STATUS_LABELS.get(status, str(status)))
            for code, title, status in objectives.for_process(session, process_id)
        ),
        risks=tuple(
            LinkedRecord(reference, title, f"rating {rating}")
            for reference, title, rating in risks.for_process(session, process_id)
        ),
    )


def turtle(session: Session, process_id: int) -> Turtle:
    row = get_process(session, process_id)
    flows = flows_of(session, process_id)
    audits = [
        LinkedRecord(ref, title, status.value)
        for ref, title, status in session.execute(
            select(Audit.reference, Audit.title, Audit.status)
            .join(AuditProcess, AuditProcess.audit_id == Audit.id)
            .where(AuditProcess.process_id == process_id)
            .order_by(Audit.planned_start.desc())
            .limit(5)
        )
    ]
    actions = [
        LinkedRecord(ref, title, status.value)
        for ref, title, status in session.execute(
            select(Action.reference, Action.title, Action.status)
            .where(Action.process_id == process_id, Action.status != ActionStatus.CLOSED)
            .order_by(Action.reference)
        )
    ]
    return Turtle(
        row,
        tuple(f for f in flows if f.direction == FlowDirection.INPUT),
        tuple(f for f in flows if f.direction == FlowDirection.OUTPUT),
        tuple(documents_of(session, process_id)),
        tuple(audits),
        tuple(actions),
        objectives_and_risks(session, process_id),
    )


def counts_by_process(session: Session) -> dict[int, tuple[int, int]]:
    """Process id -> (documents in use, open actions)."""
    docs: dict[int | None, int] = {
        pid: n
        for pid, n in session.execute(
            select(Document.process_id, func.count())
            .where(Document.process_id.is_not(None), Document.status != DocStatus.OBSOLETE)
            .group_by(Document.process_id)
        )
    }
    acts: dict[int | None, int] = {
        pid: n
        for pid, n in session.execute(
            select(Action.process_id, func.count())
            .where(Action.process_id.is_not(None), Action.status != ActionStatus.CLOSED)
            .group_by(Action.process_id)
        )
    }
    return {pid: (docs.get(pid, 0), acts.get(pid, 0)) for pid in {*docs, *acts} if pid is not None}


def history_of(session: Session, process_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, process_id)


def find(session: Session, text: str, limit: int) -> list[Hit]:
    """Processes by code or name; they are shown on the Context register's Processes page."""
    return matching(
        session,
        text,
        limit,
        register="context",
        reference=Process.code,
        title=Process.name,
        kind="process",
    )
