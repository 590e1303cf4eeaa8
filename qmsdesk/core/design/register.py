"""Reading and writing design projects and their stage records (with files attached), refused
while 8.3 is excluded from the scope; search everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from qmsdesk.core import attachments, history, scope
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_design import (
    DesignFile,
    DesignProject,
    DesignStage,
    DesignStatus,
    StageKind,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.design.rules import (
    CLAUSE,
    ENTITY,
    EXCLUDED_MESSAGE,
    PROJECT_FIELDS,
    PROJECT_LABELS,
    STAGE_LABELS,
    STAGE_LABELS_BY_FIELD,
    STATUS_LABELS,
    ProjectFields,
    StageFields,
    check_project,
    check_stage,
)
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.finder import Hit
from qmsdesk.core.recordkit import (
    next_reference,
    person_name,
    person_problems,
    raise_problems,
    shown,
    text_match,
    write_fields,
)
from qmsdesk.core.service import ensure_unique, load, missing
from qmsdesk.core.text import clean, fold

REGISTER = "design"
P = DesignProject
_Lead = aliased(Person)


def applies(session: Session) -> bool:
    """Whether the register is kept: 8.3 is not excluded from the scope."""
    return not scope.is_excluded(session, CLAUSE)


def _refuse_when_excluded(session: Session) -> None:
    if not applies(session):
        raise ValidationError(EXCLUDED_MESSAGE)


@dataclass(frozen=True)
class ProjectRow:
    id: int
    reference: str
    title: str
    customer: str
    description: str
    owner_id: int | None
    started_on: dt.date
    status: DesignStatus
    completed_on: dt.date | None
    note: str
    owner_name: str
    stages: int
    last_stage_on: dt.date | None

    def fields(self) -> ProjectFields:
        return ProjectFields(**{n: getattr(self, n) for n in PROJECT_FIELDS})


@dataclass(frozen=True)
class FileRow:
    id: int
    name: str
    relpath: str
    sha256: str


@dataclass(frozen=True)
class StageRow:
    id: int
    project_id: int
    kind: StageKind
    held_on: dt.date
    summary: str
    outcome: str
    participants: str
    files: tuple[FileRow, ...] = ()

    def fields(self) -> StageFields:
        return StageFields(self.kind, self.held_on, self.summary, self.outcome, self.participants)


_stage_count = (
    select(func.count(DesignStage.id)).where(DesignStage.project_id == P.id).scalar_subquery()
)
_last_stage = (
    select(func.max(DesignStage.held_on)).where(DesignStage.project_id == P.id).scalar_subquery()
)
_COLUMNS = (
    P.id,
    P.reference,
    P.title,
    P.customer,
    P.description,
    P.owner_id,
    P.started_on,
    P.status,
    P.completed_on,
    P.note,
    func.coalesce(_Lead.name, ""),
    _stage_count,
    _last_stage,
)
SORT_KEYS: dict[str, Any] = {
    "reference": P.reference,
    "title": func.lower(P.title),
    "customer": func.lower(P.customer),
    "owner_name": func.lower(_Lead.name),
    "started_on": P.started_on,
    "status": P.status,
    "completed_on": P.completed_on,
}


@dataclass(frozen=True)
class ProjectQuery:
    text: str = ""
    statuses: frozenset[DesignStatus] = frozenset()


def query_ids(
    session: Session,
    query: ProjectQuery = ProjectQuery(),
    sort: str = "reference",
    descending: bool = False,
) -> list[int]:
    order = SORT_KEYS[sort]
    stmt = (
        select(P.id)
        .outerjoin(_Lead, _Lead.id == P.owner_id)
        .order_by(order.is_(None), order.desc() if descending else order.asc(), P.reference)
    )
    match = text_match(fold(query.text).split(), (P.reference, P.title, P.customer, _Lead.name))
    if match is not None:
        stmt = stmt.where(match)
    if query.statuses:
        stmt = stmt.where(P.status.in_([s.value for s in query.statuses]))
    return [r[0] for r in raw_rows(session, stmt)]


def fetch_rows(session: Session, ids: Sequence[int]) -> list[ProjectRow]:
    found: dict[int, ProjectRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        stmt = select(*_COLUMNS).outerjoin(_Lead, _Lead.id == P.owner_id).where(P.id.in_(chunk))
        for values in session.execute(stmt):
            row = ProjectRow(*values)
            found[row.id] = row
    return [found[i] for i in ids if i in found]


def all_rows(session: Session, query: ProjectQuery = ProjectQuery()) -> list[ProjectRow]:
    return fetch_rows(session, query_ids(session, query))


def get_row(session: Session, project_id: int) -> ProjectRow:
    rows = fetch_rows(session, [project_id])
    if not rows:
        raise missing("Design project", project_id)
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(P.id).where(P.reference == clean(reference)))


def stages_of(session: Session, project_ids: Sequence[int]) -> dict[int, list[StageRow]]:
    """Each project's stage records in date order, with their files."""
    S = DesignStage
    files: dict[int, list[FileRow]] = {}
    stmt_files = (
        select(
            DesignFile.stage_id,
            DesignFile.id,
            DesignFile.name,
            DesignFile.relpath,
            DesignFile.sha256,
        )
        .join(S, S.id == DesignFile.stage_id)
        .where(S.project_id.in_(list(project_ids)))
        .order_by(DesignFile.id)
    )
    for stage_id, file_id, name, relpath, sha in session.execute(stmt_files):
        files.setdefault(stage_id, []).append(FileRow(file_id, name, relpath, sha))
    out: dict[int, list[StageRow]] = {i: [] for i in project_ids}
    stmt = (
        select(S.id, S.project_id, S.kind, S.held_on, S.summary, S.outcome, S.participants)
        .where(S.project_id.in_(list(project_ids)))
        .order_by(S.held_on, S.id)
    )
    for values in session.execute(stmt):
        row = StageRow(*values, files=tuple(files.get(values[0], ())))
        out[row.project_id].append(row)
    return out


def find(session: Session, text: str, limit: int) -> list[Hit]:
    stmt = (
        select(P.id, P.reference, P.title)
        .where(
            P.reference.icontains(text, autoescape=True)
            | P.title.icontains(text, autoescape=True)
            | P.customer.icontains(text, autoescape=True)
        )
        .order_by(P.reference)
        .limit(limit)
    )
    return [Hit(REGISTER, ref, title, pid) for pid, ref, title in raw_rows(session, stmt)]


# --- writing ------------------------------------------------------------------------------------


def _show(session: Session, name: str, value: object) -> str:
    if name == "owner_id":
        return person_name(session, value)  # type: ignore[arg-type]
    if name == "status":
        return shown(value, STATUS_LABELS)
    return shown(value)


def create_project(session: Session, f: ProjectFields, user: str, on: dt.date | None = None) -> int:
    """Add a design project; refused while 8.3 is excluded from the scope."""
    _refuse_when_excluded(session)
    on = on or today()
    f = replace(f, started_on=f.started_on or on)
    raise_problems(
        [*check_project(f, on), *person_problems(session, f, ("owner_id",))], PROJECT_LABELS
    )
    assert f.started_on is not None
    reference = f.reference or next_reference(session, P.reference, "DP", f.started_on.year)
    ensure_unique(
        id_for_reference(session, reference),
        None,
        f"Reference: another design project already has the reference '{reference}'.",
    )
    record = DesignProject()
    write_fields(session, record, replace(f, reference=reference), PROJECT_LABELS, _show)
    session.add(record)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=record.id,
        ref=reference,
        action="create",
        changes=[history.Change("Title", "", f.title)],
    )
    return record.id


def update_project(
    session: Session, project_id: int, f: ProjectFields, user: str, on: dt.date | None = None
) -> list[str]:
    on = on or today()
    record = load(session, DesignProject, project_id, "Design project")
    f = replace(
        f, reference=f.reference or record.reference, started_on=f.started_on or record.started_on
    )
    problems = [*check_project(f, on), *person_problems(session, f, ("owner_id",))]
    first = session.scalar(
        select(func.min(DesignStage.held_on)).where(DesignStage.project_id == project_id)
    )
    if first is not None and f.started_on is not None and f.started_on > first:
        problems.append(FieldProblem("started_on", f"a stage is recorded on {first}, before it."))
    raise_problems(problems, PROJECT_LABELS)
    if f.reference.casefold() != record.reference.casefold():
        ensure_unique(
            id_for_reference(session, f.reference),
            record.id,
            f"Reference: another design project already has the reference '{f.reference}'.",
        )
    changes = write_fields(session, record, f, PROJECT_LABELS, _show)
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


def save_projects(
    session: Session,
    added: Sequence[ProjectFields],
    changed: Sequence[tuple[int, ProjectFields]],
    user: str,
) -> None:
    for f in added:
        create_project(session, f, user)
    for project_id, f in changed:
        update_project(session, project_id, f, user)


def _stage_changes(f: StageFields, old: StageFields | None) -> list[history.Change]:
    out = []
    for name in ("kind", "held_on", "summary", "outcome", "participants"):
        new_value = getattr(f, name)
        old_value = getattr(old, name) if old is not None else None
        if new_value != old_value:
            labels = STAGE_LABELS if name == "kind" else None
            out.append(
                history.Change(
                    STAGE_LABELS_BY_FIELD[name],
                    "" if old is None else shown(old_value, labels),
                    shown(new_value, labels),
                )
            )
    return out


def add_stage(
    session: Session,
    project_id: int,
    f: StageFields,
    user: str,
    *,
    files: Sequence[Path] = (),
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> int:
    """Record a stage of a project, with files attached; refused while 8.3 is excluded."""
    _refuse_when_excluded(session)
    project = load(session, DesignProject, project_id, "Design project")
    raise_problems(check_stage(f, project.started_on, on), STAGE_LABELS_BY_FIELD)
    stage = DesignStage(
        project_id=project_id,
        **{n: getattr(f, n) for n in ("kind", "held_on", "summary", "outcome", "participants")},
    )
    session.add(stage)
    session.flush()
    changes = _stage_changes(f, None)
    changes += _attach(session, stage.id, files, attachments_dir)
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=project_id,
        ref=project.reference,
        action="stage",
        changes=changes,
    )
    return stage.id


def _attach(
    session: Session, stage_id: int, files: Sequence[Path], attachments_dir: Path | None
) -> list[history.Change]:
    if not files:
        return []
    if attachments_dir is None:
        raise ValidationError("Files: this company file has no attachment folder.")
    out = []
    for path in files:
        stored = attachments.store(Path(path), attachments_dir)
        session.add(
            DesignFile(
                stage_id=stage_id, name=stored.name, relpath=stored.relpath, sha256=stored.sha256
            )
        )
        out.append(history.Change("File attached", "", stored.name))
    session.flush()
    return out


def update_stage(
    session: Session,
    stage_id: int,
    f: StageFields,
    user: str,
    *,
    files: Sequence[Path] = (),
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> None:
    stage = load(session, DesignStage, stage_id, "Design stage record")
    project = load(session, DesignProject, stage.project_id, "Design project")
    raise_problems(check_stage(f, project.started_on, on), STAGE_LABELS_BY_FIELD)
    old = StageFields(stage.kind, stage.held_on, stage.summary, stage.outcome, stage.participants)
    changes = _stage_changes(f, old)
    for name in ("kind", "held_on", "summary", "outcome", "participants"):
        setattr(stage, name, getattr(f, name))
    changes += _attach(session, stage_id, files, attachments_dir)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=project.id,
            ref=project.reference,
            action="stage",
            changes=changes,
        )


def delete_stage(session: Session, stage_id: int, user: str) -> None:
    """Remove a stage record entered by mistake (its files stay in the attachment folder)."""
    stage = load(session, DesignStage, stage_id, "Design stage record")
    project = load(session, DesignProject, stage.project_id, "Design project")
    label = f"{STAGE_LABELS[stage.kind]} {stage.held_on.isoformat()}"
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=project.id,
        ref=project.reference,
        action="stage",
        changes=[history.Change("Stage record", label, "")],
    )
    session.delete(stage)
    session.flush()


def file_path(session: Session, file_id: int, attachments_dir: Path) -> Path:
    """Where a stage record's attached file is kept."""
    found = load(session, DesignFile, file_id, "Attached file")
    return attachments.resolve(attachments_dir, found.relpath)
