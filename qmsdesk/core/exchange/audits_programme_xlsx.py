"""The audit programme in Excel: one sheet "Audits", a row per audit known by its reference, so
that audits can be planned in Excel and imported back (``qmsdesk export --what audits``).

A reference already on file updates that audit (only the columns present are compared); a new
one plans a new audit. People are named as the sheet shows them (a name, or an employee number;
the team and the auditees separated by commas). Checklists and findings stay in QMS Desk: an
audit's own checklist has its sheet (:mod:`audits_xlsx`). Every rule is the core's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import audits, company, people
from qmsdesk.core.dates import DATE_HELP, today
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.workbook import (
    Column,
    ColumnKind,
    FieldChange,
    Progress,
    Readme,
    SheetData,
    SheetSpec,
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
    new_key,
)
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_L = audits.FIELD_LABELS
_STATUSES = tuple(audits.STATUS_LABELS.values())


def _column(key: str, kind: ColumnKind = ColumnKind.TEXT, width: float | None = None,
            field: str = "", **more: Any) -> Column:  # fmt: skip
    f = audits.AUDIT_VOCAB[field or key]
    return Column(key, f.label, kind, width=width, help=more.pop("help", f.help), **more)


AUDITS = SheetSpec(
    name="Audits",
    aliases=("Audit programme", "Audit program", "Audit plan", "Audit schedule", "Internal audits"),
    columns=(
        _column("reference", width=13, required=True, aliases=("Audit ref", "Audit no", "Ref")),
        _column("title", width=36, required=True, aliases=("Audit", "Subject", "Scope")),
        _column(
            "planned_start",
            ColumnKind.DATE,
            required=True,
            aliases=("Planned", "Planned date", "Date", "Start"),
            help=f"When the audit is planned. {DATE_HELP}",
        ),
        _column("planned_end", ColumnKind.DATE, aliases=("End",)),
        _column(
            "processes",
            width=28,
            aliases=("Process", "Process / area"),
            help="The processes audited, separated by semicolons.",
        ),
        _column(
            "departments",
            width=20,
            aliases=("Department", "Area"),
            help="The departments audited, separated by semicolons.",
        ),
        _column(
            "clauses",
            width=18,
            aliases=("ISO clauses", "Clause"),
            help="The ISO 9001:2015 clauses in scope, separated by commas (all if empty).",
        ),
        _column("criteria", width=30),
        _column(
            "lead_auditor",
            width=20,
            field="lead_auditor_id",
            aliases=("Lead", "Auditor"),
            help="The lead auditor: a person's name (or employee number) in QMS Desk.",
        ),
        _column(
            "team",
            width=24,
            field="team_ids",
            aliases=("Team", "Auditors"),
            help="The other auditors, separated by commas.",
        ),
        _column(
            "auditees",
            width=24,
            field="auditee_ids",
            aliases=("Auditee",),
            help="The people audited, separated by commas.",
        ),
        _column("actual_start", ColumnKind.DATE),
        _column("actual_end", ColumnKind.DATE),
        _column(
            "status",
            ColumnKind.CHOICE,
            width=14,
            choices=_STATUSES,
            help=f"One of: {', '.join(_STATUSES)}. Empty: planned for a new audit, unchanged for "
            "one already in QMS Desk.",
        ),
        _column("summary", width=40),
        _column("note", width=30, aliases=("Notes", "Comments")),
    ),
)

_PEOPLE_COLUMNS = {"lead_auditor": "lead_auditor_id", "team": "team_ids", "auditees": "auditee_ids"}
_COLUMN_OF = {v: k for k, v in _PEOPLE_COLUMNS.items()}


def exported_cells(r: audits.AuditRow) -> dict[str, object]:
    return {
        "reference": r.reference,
        "title": r.title,
        "planned_start": r.planned_start,
        "planned_end": r.planned_end,
        "processes": audits.list_text(r.processes),
        "departments": audits.list_text(r.departments),
        "clauses": ", ".join(r.clauses),
        "criteria": r.criteria,
        "lead_auditor": r.lead_auditor,
        "team": ", ".join(r.team),
        "auditees": ", ".join(r.auditees),
        "actual_start": r.actual_start,
        "actual_end": r.actual_end,
        "status": audits.STATUS_LABELS[r.status],
        "summary": r.summary,
        "note": r.note,
    }


def export_audits(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the audit programme (or a blank template) to `path`; returns the rows written."""
    with db.read() as session:
        name = company.get_info(session).name
        rows = [] if template else audits.audit_rows(session, with_counts=False)
    data = [tuple(exported_cells(r)[c.key] for c in AUDITS.columns) for r in rows]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(AUDITS, data)],
        Readme(
            title=f"Audit programme{who}",
            lines=(
                f"Written by QMS Desk on {today():%d %B %Y}: {len(data)} audits."
                if not template
                else "A blank template: one row per audit, then import it (File > Import).",
                "Plan audits here and import the workbook back (File > Import): each row is one "
                "audit, known by its reference; a new reference plans a new audit. Only the "
                "columns present are changed; checklists and findings stay in QMS Desk.",
            ),
        ),
        progress,
    )
    return len(data)


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Held:
    rows: dict[str, audits.AuditRow]
    cells: dict[str, dict[str, object]]
    people: dict[str, set[int]]  # folded name or employee number -> ids
    names: dict[int, str]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(a: object, b: object) -> bool:
    if _blank(a) and _blank(b):
        return True
    if isinstance(a, dt.datetime):
        a = a.date()
    return a == b


class AuditsImporter(KeyedImporter[_Held, str, audits.AuditRow, audits.AuditFields]):
    spec = AUDITS
    order = 75
    title = "Audits"

    def existing(self, session: Session) -> _Held:
        rows = {fold(r.reference): r for r in audits.audit_rows(session, with_counts=False)}
        found: dict[str, set[int]] = {}
        names = {}
        for p in people.all_people(session):
            names[p.id] = p.name
            found.setdefault(fold(clean(p.name)), set()).add(p.id)
            found.setdefault(fold(clean(p.employee_no)), set()).add(p.id)
        return _Held(rows, {k: exported_cells(r) for k, r in rows.items()}, found, names)

    def begin(self, run: KeyedRun[_Held]) -> None:
        run.state = [c.key for c in AUDITS.columns[1:] if run.table.has(c.key)]

    def lookup(self, run: KeyedRun[_Held]) -> Any:
        return run.held.rows.get

    def row_key(self, run: KeyedRun[_Held], row: TableRow) -> RowKey[str] | None:
        text = clean(row.values.get("reference"))
        return new_key((fold(text), text, text)) if text else None

    def as_exported(self, run: KeyedRun[_Held], row: TableRow, stored: audits.AuditRow) -> bool:
        cells = run.held.cells[fold(stored.reference)]
        return all(_same(row.values[k], cells[k]) for k in run.state)

    def check_key(
        self, run: KeyedRun[_Held], row: TableRow, key: RowKey[str] | None, report: RowReport
    ) -> None:
        if key is None:
            report("reference", "Give the audit's reference here (such as IA-2026-03).")

    def duplicate_message(
        self, run: KeyedRun[_Held], row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return "reference", f"The audit '{key.text}' is on row {first} too; give each one row."

    def _people(
        self, run: KeyedRun[_Held], column: str, value: object, report: RowReport
    ) -> list[int] | None:
        names = [clean(n) for n in str(value or "").replace(";", ",").split(",") if clean(n)]
        ids: list[int] = []
        for name in names:
            found = run.held.people.get(fold(name), set())
            if len(found) != 1:
                report(
                    column,
                    f"There is nobody called '{name}' in QMS Desk (People register)."
                    if not found
                    else f"{len(found)} people are called '{name}'; give the employee number.",
                )
                return None
            ids.extend(found)
        return ids

    def parse(
        self, run: KeyedRun[_Held], row: TableRow, stored: audits.AuditRow | None, report: RowReport
    ) -> audits.AuditFields | None:
        values = row.values
        raw: dict[str, object] = {"reference": clean(values.get("reference"))}
        broken = False
        for key in run.state:
            if key in _PEOPLE_COLUMNS:
                ids = self._people(run, key, values[key], report)
                if ids is None:
                    broken = True
                    continue
                if key == "lead_auditor":
                    raw["lead_auditor_id"] = ids[0] if ids else None
                else:
                    raw[_PEOPLE_COLUMNS[key]] = tuple(ids)
            else:
                raw[key] = values[key]
        if broken:
            return None
        if stored is not None:
            old = stored.fields()
            for name in audits.AUDIT_FIELD_NAMES:
                raw.setdefault(name, getattr(old, name))
            if _blank(raw.get("status")):
                raw["status"] = old.status
        fields, problems = audits.audit_fields_from_values(raw)
        for message in problems:
            label, _sep, text = message.partition(": ")
            key = next((k for k, v in _L.items() if v == label), "")
            column = _COLUMN_OF.get(key, key)
            if column and run.table.has(column):
                report.always(column, text[:1].upper() + text[1:])
            else:
                report.always("status" if run.table.has("status") else "reference", message)
        return fields

    def adding(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        fields: audits.AuditFields,
        report: RowReport,
    ) -> tuple[audits.AuditFields, Changes]:
        return fields, (
            FieldChange(_L["title"], "", fields.title),
            FieldChange(_L["planned_start"], "", str(fields.planned_start or "")),
        )

    def changing(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        stored: audits.AuditRow,
        fields: audits.AuditFields,
        report: RowReport,
    ) -> tuple[audits.AuditFields, Changes]:
        old = stored.fields()
        names = run.held.names

        def shown(name: str, value: Any) -> str:
            if name == "lead_auditor_id":
                return names.get(value, "") if value else ""
            if name in ("team_ids", "auditee_ids"):
                return ", ".join(names.get(i, str(i)) for i in value)
            if name == "status":
                return audits.STATUS_LABELS[value]
            if isinstance(value, tuple):
                return "; ".join(value)
            return "" if value is None else str(value)

        changes = []
        for name in audits.AUDIT_FIELD_NAMES:
            a, b = getattr(old, name), getattr(fields, name)
            if name in ("team_ids", "auditee_ids") and set(a) == set(b):
                continue
            if a != b:
                changes.append(FieldChange(_L[name], shown(name, a), shown(name, b)))
        return fields, tuple(changes)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, audits.AuditFields]],
        changed: list[Changed[str, audits.AuditRow, audits.AuditFields]],
    ) -> None:
        for change in changed:
            if audits.id_for_reference(session, change.stored.reference) != change.stored.id:
                raise QmsError("An audit was deleted since the workbook was checked.")
            audits.update_audit(session, change.stored.id, change.fields, user)
        for add in added:
            audits.create_audit(session, add.fields, user)


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [AuditsImporter()]
