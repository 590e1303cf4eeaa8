"""The register of processes in Excel: the sheets "Processes" and "Process inputs and outputs"
(``qmsdesk export FILE --what processes``), which import back.

A process is known by its code. The owner is a person of the register, by name or employee
number. On the inputs and outputs sheet, the rows of a process replace its inputs and outputs
(a process with no row keeps its own); the "From / to" of a row is a process (its code or name,
in the register or on the Processes sheet: a hand-over) or someone outside the company.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from qmsdesk.core import company, processes
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import Problem
from qmsdesk.core.exchange.context_xlsx import value_message, vocab_columns
from qmsdesk.core.exchange.workbook import (
    Action,
    FieldChange,
    PlanContext,
    PlanItem,
    Progress,
    Readme,
    SheetData,
    SheetPlan,
    SheetSpec,
    SheetTable,
    TableRow,
    write_workbook,
)
from qmsdesk.core.exchange.workbook.keyed import (
    Added,
    Changed,
    Changes,
    KeyedImporter,
    KeyedRun,
    RowKey,
    RowReport,
    field_change,
    new_key,
)
from qmsdesk.core.text import clean, clean_code, fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

#: What the Processes sheet leaves for the other sheet: codes and names of its processes.
SHEET_PROCESSES = "processes: on the sheet"

PROCESSES_SHEET = SheetSpec(
    name="Processes",
    aliases=("Process register", "Process map"),
    columns=vocab_columns(
        processes.PROCESS_VOCAB,
        {
            "code": 16,
            "name": 32,
            "kind": 12,
            "owner_id": 20,
            "purpose": 50,
            "resources": 40,
            "responsibilities": 45,
            "note": 30,
            "position": 8,
        },
        {
            "code": ("Process code",),
            "name": ("Name", "Process name"),
            "kind": ("Type", "Band"),
            "owner_id": ("Process owner",),
            "position": ("Order",),
        },
    ),
)
FLOWS_SHEET = SheetSpec(
    name="Process inputs and outputs",
    aliases=("Inputs and outputs", "Process flows", "Hand-overs"),
    frozen_columns=2,
    columns=vocab_columns(
        processes.FLOW_VOCAB,
        {"process": 16, "direction": 12, "what": 45, "other": 30},
        {
            "process": ("Process code", "Code"),
            "direction": ("Direction", "In / out", "Type"),
            "other": ("From or to", "Source / destination", "From", "To"),
        },
    ),
)


def export_processes(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the processes and their inputs and outputs to `path`; returns the rows written."""
    on = today()
    with db.read() as session:
        name = company.get_info(session).name
        rows = [] if template else processes.all_processes(session)
        flows = [] if template else processes.all_flows(session)
    code_of = {r.id: r.code for r in rows}
    order = {r.id: i for i, r in enumerate(rows)}
    process_rows = [
        (
            r.code,
            r.name,
            processes.KIND_LABELS[r.kind],
            r.owner_name,
            r.purpose,
            r.resources,
            r.responsibilities,
            r.note,
            r.position,
        )
        for r in rows
    ]
    flow_rows = [
        (code_of[f.process_id], processes.DIRECTION_LABELS[f.direction], f.what, f.other)
        for f in sorted(
            flows, key=lambda f: (order[f.process_id], f.direction != "input", f.position)
        )
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(PROCESSES_SHEET, process_rows), SheetData(FLOWS_SHEET, flow_rows)],
        Readme(
            title=f"Processes{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(rows)} processes, {len(flows)} "
                "inputs and outputs.",
                "Change or add rows and import the workbook back. A process is known by its "
                "code. The inputs and outputs of a process on the second sheet replace those "
                "kept in QMS Desk; write a process's code (or name) under 'From / to' for a "
                "hand-over between processes.",
            ),
        ),
        progress,
    )
    return len(process_rows) + len(flow_rows)


def _people(session: Session) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for id_, number, name in session.execute(select(Person.id, Person.employee_no, Person.name)):
        found.setdefault(fold(name), []).append(id_)
        found.setdefault(fold(number), []).append(id_)
    return found


class ProcessesImporter(KeyedImporter[dict[str, Any], str, Any, Any]):
    """A row is a process, known by its code."""

    spec = PROCESSES_SHEET
    order = 120
    title = "Processes"

    def existing(self, session: Session) -> dict[str, Any]:
        return {
            "rows": {fold(r.code): r for r in processes.all_processes(session)},
            "people": _people(session),
            "names": processes.name_index(session),
        }

    def lookup(self, run: KeyedRun[dict[str, Any]]) -> Any:
        return run.held["rows"].get

    def begin(self, run: KeyedRun[dict[str, Any]]) -> None:
        run.state = [n for n in processes.FIELD_NAMES if run.table.has(n)]
        run.context.shared[SHEET_PROCESSES] = {}

    def row_key(self, run: KeyedRun[dict[str, Any]], row: TableRow) -> RowKey[str] | None:
        code = clean_code(row.values.get("code"))
        return new_key((fold(code), code, code)) if code else None

    def check_key(self, run: Any, row: TableRow, key: Any, report: RowReport) -> None:
        if key is None:
            report("code", "A process code is required here (such as SALES).")

    def parse(
        self, run: KeyedRun[dict[str, Any]], row: TableRow, stored: Any, report: RowReport
    ) -> Any:
        raw: dict[str, object] = {n: row.values[n] for n in run.state if n != "owner_id"}
        if "owner_id" in run.state:
            owner = clean(row.values["owner_id"])
            ids = run.held["people"].get(fold(owner), []) if owner else []
            if owner and not ids:
                report("owner_id", f"There is no '{owner}' in the register of people.")
                return None
            if len(set(ids)) > 1:
                report("owner_id", f"Two people are called '{owner}': give the employee number.")
                return None
            raw["owner_id"] = ids[0] if ids else None
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in processes.FIELD_NAMES if n not in raw} | raw
        fields, problems = processes.fields_from_values(raw)
        for p in problems:
            report(p.field, value_message(p.message))
        if fields is not None:
            for label, text in (("code", fields.code), ("name", fields.name)):
                other = run.held["names"].get(processes.name_key(text))
                own = stored.id if stored is not None else None
                if other is not None and other != own:
                    report(label, f"'{text}' is already the code or the name of another process.")
                    return None
            shared = run.context.shared[SHEET_PROCESSES]
            shared[processes.name_key(fields.code)] = fields.code
            shared[processes.name_key(fields.name)] = fields.code
        return fields

    def label(self, run: Any, key: RowKey[str], fields: Any) -> str:
        return f"{fields.code} {fields.name}"

    def adding(self, run: Any, row: TableRow, key: Any, fields: Any, report: RowReport) -> Any:
        return fields, (field_change((processes.FIELD_LABELS["name"], "", fields.name)),)

    def changing(
        self, run: Any, row: TableRow, key: Any, stored: Any, fields: Any, report: RowReport
    ) -> Any:
        old = stored.fields()
        changes: Changes = tuple(
            field_change(
                (processes.FIELD_LABELS[n], _text(getattr(old, n)), _text(getattr(fields, n)))
            )
            for n in processes.FIELD_NAMES
            if getattr(old, n) != getattr(fields, n)
        )
        return fields, changes

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, Any]],
        changed: list[Changed[str, Any, Any]],
    ) -> None:
        processes.save_many(
            session,
            [(None, a.fields) for a in added] + [(c.stored.id, c.fields) for c in changed],
            {},
            user,
        )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, processes.ProcessKind):
        return processes.KIND_LABELS[value]
    return str(value)


class FlowsImporter:
    """The inputs and outputs sheet: each process's rows replace its inputs and outputs."""

    spec = FLOWS_SHEET
    order = 121

    def existing(self, session: Session) -> dict[str, Any]:
        rows = processes.all_processes(session)
        flows = processes.all_flows(session)
        return {
            "names": {k: v for k, v in processes.name_index(session).items()},
            "codes": {r.id: r.code for r in rows},
            "flows": {r.code: [f.fields() for f in flows if f.process_id == r.id] for r in rows},
        }

    def plan(
        self, session: Session, table: SheetTable, plan_context: PlanContext, held: dict[str, Any]
    ) -> tuple[SheetPlan, list[Problem]]:
        problems: list[Problem] = []
        on_sheet: dict[str, str] = plan_context.shared.get(SHEET_PROCESSES, {})
        code_for: dict[str, str] = {k: held["codes"][v] for k, v in held["names"].items()}
        code_for |= on_sheet
        wanted: dict[str, list[processes.FlowFields]] = {}
        first: dict[str, int] = {}
        for row in table.rows:
            values = row.values
            text = clean(values.get("process"))
            code = code_for.get(processes.name_key(text)) if text else None
            if code is None:
                if "process" not in row.bad:
                    problems.append(
                        table.problem(
                            row.number,
                            "process",
                            processes.unknown_message(text)
                            if text
                            else "Say which process (its code) the row is about.",
                        )
                    )
                continue
            fields, field_problems = processes.flow_from_values(values)
            for p in field_problems:
                if p.field not in row.bad:
                    problems.append(table.problem(row.number, p.field, value_message(p.message)))
            if fields is None:
                continue
            other = code_for.get(processes.name_key(fields.other), fields.other)
            wanted.setdefault(code, []).append(
                processes.FlowFields(fields.direction, fields.what, other)
            )
            first.setdefault(code, row.number)
        items: list[PlanItem] = []
        for code, flows in wanted.items():
            old = held["flows"].get(code, [])
            before = "; ".join(_flow_text(f) for f in old)
            after = "; ".join(_flow_text(f) for f in flows)
            if code not in held["flows"]:
                items.append(
                    PlanItem(
                        Action.ADD,
                        code,
                        first[code],
                        (FieldChange("Inputs and outputs", "", after),),
                    )
                )
            elif before != after:
                items.append(
                    PlanItem(
                        Action.CHANGE,
                        code,
                        first[code],
                        (FieldChange("Inputs and outputs", before, after),),
                    )
                )
            else:
                items.append(PlanItem(Action.UNCHANGED, code, first[code]))
        writes = {i.key: wanted[i.key] for i in items if i.action != Action.UNCHANGED}

        def apply(session: Session, user: str) -> None:
            if writes:
                processes.save_many(session, [], writes, user)

        return SheetPlan(table.sheet, "Process inputs and outputs", items, apply), problems


def _flow_text(f: processes.FlowFields) -> str:
    arrow = "from" if f.direction == processes.FlowDirection.INPUT else "to"
    label = processes.DIRECTION_LABELS[f.direction]
    return f"{label}: {f.what} {arrow} {f.other}" if f.other else f"{label}: {f.what}"


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [ProcessesImporter(), FlowsImporter()]
