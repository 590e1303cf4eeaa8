"""Design and development in Excel: the sheets "Design projects" and "Design stages", read back
(a stage row is known by its project, its stage and its date; the files attached are listed by
name and added in QMS Desk). Refused while 8.3 is excluded from the scope."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from qmsdesk.core import design
from qmsdesk.core.dates import parse_date
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.exchange.ops_sheets import (
    Held,
    RecordSheet,
    columns,
    export_book,
    person_value,
)
from qmsdesk.core.exchange.workbook import Progress, SheetImporter, SheetSpec, TableRow
from qmsdesk.core.exchange.workbook.keyed import KeyedRun, RowKey, RowReport, new_key
from qmsdesk.core.recordkit import shown
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

_ON_SHEET = "design projects on the sheet"

PROJECTS = SheetSpec(
    name="Design projects",
    aliases=("Design", "Projects"),
    columns=columns(
        design.PROJECT_VOCAB,
        {
            "reference": 13,
            "title": 36,
            "customer": 22,
            "description": 44,
            "owner_id": 18,
            "started_on": 12,
            "status": 12,
            "completed_on": 12,
            "note": 30,
        },
        keys={"owner_id": "owner"},
        required=("reference", "title"),
    ),
)
STAGES = SheetSpec(
    name="Design stages",
    aliases=("Stages", "Design records"),
    columns=columns(
        design.STAGE_VOCAB,
        {
            "project": 13,
            "kind": 14,
            "held_on": 12,
            "summary": 44,
            "outcome": 40,
            "participants": 30,
            "files": 30,
        },
        required=("project", "kind", "held_on"),
        computed=("files",),
    ),
    frozen_columns=3,
)


def _excluded(held: Held, report: Callable[[str, str], None], column: str) -> bool:
    if held.extra["excluded"]:
        report(column, design.EXCLUDED_MESSAGE)
        return True
    return False


class ProjectsSheet(RecordSheet):
    spec = PROJECTS
    order = 150
    title = "Design projects"
    field_columns: Mapping[str, str] = {"owner_id": "owner"}
    labels: Mapping[str, str] = design.PROJECT_LABELS

    def stored_rows(self, session: Session) -> Sequence[Any]:
        return design.all_rows(session)

    def more(self, session: Session) -> dict[str, Any]:
        return {"excluded": not design.applies(session)}

    def begin(self, run: KeyedRun[Held]) -> None:
        super().begin(run)
        run.context.shared[_ON_SHEET] = set()

    def row_key(self, run: KeyedRun[Held], row: TableRow) -> RowKey[str] | None:
        key = super().row_key(run, row)
        if key is not None:
            run.context.shared[_ON_SHEET].add(key.key)
        return key

    def cells(self, row: design.ProjectRow) -> dict[str, object]:
        return {
            "reference": row.reference,
            "title": row.title,
            "customer": row.customer,
            "description": row.description,
            "owner": row.owner_name,
            "started_on": row.started_on,
            "status": design.STATUS_LABELS[row.status],
            "completed_on": row.completed_on,
            "note": row.note,
        }

    def values(
        self, held: Held, cells: Mapping[str, object], report: Callable[[str, str], None]
    ) -> dict[str, object]:
        _excluded(held, report, "reference")
        values = {k: v for k, v in cells.items() if k != "owner"}
        values["owner_id"] = person_value(held, cells.get("owner"), "owner", report)
        return values

    def from_values(
        self, held: Held, values: Mapping[str, object], stored: Any
    ) -> tuple[Any, list[FieldProblem]]:
        return design.project_from_values(values)

    def show(self, name: str, value: object) -> str:
        return shown(value, design.STATUS_LABELS) if name == "status" else shown(value)

    def save(
        self, session: Session, user: str, added: list[Any], changed: list[tuple[Any, Any]]
    ) -> None:
        design.save_projects(session, added, [(row.id, f) for row, f in changed], user)


@dataclass(frozen=True)
class _Stage:
    """A stage record as the sheet knows it: its project's reference beside the row."""

    project: str
    row: design.StageRow

    def fields(self) -> design.StageFields:
        return self.row.fields()


@dataclass(frozen=True)
class _NewStage:
    project: str
    fields: design.StageFields


def _stage_key(project: str, kind: object, day: object) -> str:
    return f"{fold(clean(project))}|{fold(clean(kind))}|{day}"


class StagesSheet(RecordSheet):
    spec = STAGES
    order = 155
    title = "Design stages"
    key_column = "project"
    labels: Mapping[str, str] = design.STAGE_LABELS_BY_FIELD

    def stored_rows(self, session: Session) -> Sequence[Any]:
        projects = design.all_rows(session)
        stages = design.stages_of(session, [p.id for p in projects])
        return [_Stage(p.reference, s) for p in projects for s in stages[p.id]]

    def more(self, session: Session) -> dict[str, Any]:
        return {
            "excluded": not design.applies(session),
            "projects": {fold(p.reference): p for p in design.all_rows(session)},
        }

    def key_of(self, row: _Stage) -> str:
        return _stage_key(row.project, design.STAGE_LABELS[row.row.kind], row.row.held_on)

    def row_key(self, run: KeyedRun[Held], row: TableRow) -> RowKey[str] | None:
        project = clean(row.values.get("project"))
        if not project:
            return None
        kind_text = clean(row.values.get("kind"))
        try:
            kind = design.parse_stage(kind_text)
            day = parse_date(row.values.get("held_on"))
        except ValueError:
            kind, day = None, None
        label = design.STAGE_LABELS[kind] if kind else kind_text
        name = f"{project} {label} {day.isoformat() if day else ''}".strip()
        return new_key((_stage_key(project, label, day), name, project))

    def duplicate_message(
        self, run: KeyedRun[Held], row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return ("kind", f"The same stage of {key.text} on the same date is on row {first} too.")

    def cells(self, row: _Stage) -> dict[str, object]:
        s = row.row
        return {
            "project": row.project,
            "kind": design.STAGE_LABELS[s.kind],
            "held_on": s.held_on,
            "summary": s.summary,
            "outcome": s.outcome,
            "participants": s.participants,
            "files": ", ".join(f.name for f in s.files),
        }

    def parse(
        self, run: KeyedRun[Held], row: TableRow, stored: Any, report: RowReport
    ) -> Any | None:
        held = run.held
        if _excluded(held, report, "project"):
            return None
        project = clean(row.values.get("project"))
        found = held.extra["projects"].get(fold(project))
        on_sheet = fold(project) in run.context.shared.get(_ON_SHEET, set())
        if found is None and not on_sheet:
            report(
                "project",
                f"There is no design project '{project}', in the register or on "
                "the 'Design projects' sheet.",
            )
            return None
        values = {k: row.values.get(k) for k in run.state if k != "project"}
        if stored is not None:
            values = {**{k: v for k, v in self.cells(stored).items() if k != "files"}, **values}
            values.pop("project", None)
        started = found.started_on if found is not None else None
        fields, problems = design.stage_from_values(values, started)
        for p in problems:
            report(p.field if p.field in values else "summary", p.message)
        if fields is None:
            return None
        return fields if stored is not None else _NewStage(project, fields)

    def save(
        self, session: Session, user: str, added: list[Any], changed: list[tuple[Any, Any]]
    ) -> None:
        for new in added:
            project_id = design.id_for_reference(session, new.project)
            if project_id is None:  # its row on the projects sheet was refused
                continue
            design.add_stage(session, project_id, new.fields, user)
        for stored, f in changed:
            design.update_stage(session, stored.row.id, f, user)


_PROJECTS, _STAGES = ProjectsSheet(), StagesSheet()


def export_design(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the design projects and their stage records to `path`; returns the rows written."""
    return export_book(
        db,
        path,
        [(_PROJECTS, design.all_rows), (_STAGES, _STAGES.stored_rows)],
        "Design and development",
        "design projects and stage records",
        template=template,
        progress=progress,
    )


SHEET_IMPORTERS: list[SheetImporter] = [_PROJECTS, _STAGES]
