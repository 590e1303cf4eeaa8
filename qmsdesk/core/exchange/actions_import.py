"""The actions register read back: the sheet "Actions" that :mod:`actions_xlsx` writes, a row per
action known by its reference. A reference already on file updates that action (only the columns
present are compared); a new one adds an action. Owners and verifiers are people named as the
sheet shows them (a name, or an employee number). Every rule is the core's
(:func:`qmsdesk.core.actions.fields_from_values`); an unchanged row is not parsed at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from qmsdesk.core import actions, people, processes
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.workbook import FieldChange, TableRow
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

    from qmsdesk.core.exchange.workbook import SheetSpec

_L = actions.FIELD_LABELS
# Sheet column -> the field it gives, where they differ (people are named on the sheet).
_FIELD_OF = {"owner": "owner_id", "verified_by": "verified_by_id"}
_COLUMN_OF = {v: k for k, v in _FIELD_OF.items()}


def exported_cells(r: actions.ActionRow) -> dict[str, object]:
    """An action as the exported sheet reads back (what a returning row is compared with)."""
    return {
        "reference": r.reference,
        "title": r.title,
        "kind": actions.KIND_LABELS[r.kind],
        "source_kind": actions.SOURCE_LABELS[r.source_kind],
        "source_ref": r.source_ref,
        "process": r.process,
        "problem": r.problem,
        "correction": r.correction,
        "correction_on": r.correction_on,
        "whys": "\n".join(r.whys),
        "root_cause": r.root_cause,
        "corrective_action": r.corrective_action,
        "owner": r.owner_name,
        "raised_on": r.raised_on,
        "due_date": r.due_date,
        "completed_on": r.completed_on,
        "verify_due": r.verify_due,
        "verified_on": r.verified_on,
        "verified_by": r.verified_by_name,
        "effective": "" if r.effective is None else ("Yes" if r.effective else "No"),
        "verification_note": r.verification_note,
        "status": actions.STATUS_LABELS[r.status],
        "note": r.note,
    }


@dataclass(frozen=True)
class _Held:
    rows: dict[str, actions.ActionRow]  # folded reference -> action
    cells: dict[str, dict[str, object]]  # folded reference -> as exported
    people: dict[str, list[tuple[int, str]]]  # folded name or employee no -> (id, name)
    names: dict[int, str]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(a: object, b: object) -> bool:
    if _blank(a) and _blank(b):
        return True
    if isinstance(a, dt.datetime):
        a = a.date()
    return a == b


def _shown(name: str, value: object, held: _Held) -> str:
    if value is None:
        return ""
    if name in ("owner_id", "verified_by_id"):
        return held.names.get(int(str(value)), str(value))
    if name == "kind":
        return actions.KIND_LABELS[value]  # type: ignore[index]
    if name == "source_kind":
        return actions.SOURCE_LABELS[value]  # type: ignore[index]
    if name == "status":
        return actions.STATUS_LABELS[value]  # type: ignore[index]
    if name == "effective":
        return "Yes" if value else "No"
    if name == "whys":
        return " / ".join(value)  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: The register of processes by code and name, read once per import (see core.processes.links).
_PROCESSES = "processes: by name"


class ActionsImporter(KeyedImporter[_Held, str, actions.ActionRow, actions.ActionFields]):
    order = 85
    title = "Actions"

    def __init__(self, spec: SheetSpec) -> None:
        self.spec = spec

    def existing(self, session: Session) -> _Held:
        rows = {fold(r.reference): r for r in actions.all_rows(session)}
        found: dict[str, list[tuple[int, str]]] = {}
        names = {}
        for p in people.all_people(session):
            names[p.id] = p.name
            found.setdefault(fold(clean(p.name)), []).append((p.id, p.name))
            found.setdefault(fold(clean(p.employee_no)), []).append((p.id, p.name))
        cells = {k: exported_cells(r) for k, r in rows.items()}
        return _Held(rows, cells, found, names)

    def begin(self, run: KeyedRun[_Held]) -> None:
        run.state = [
            c.key
            for c in self.spec.columns
            if run.table.has(c.key) and c.key != "reference" and not c.computed
        ]

    def lookup(self, run: KeyedRun[_Held]) -> Any:
        return run.held.rows.get

    def row_key(self, run: KeyedRun[_Held], row: TableRow) -> RowKey[str] | None:
        text = clean(row.values.get("reference"))
        return new_key((fold(text), text, text)) if text else None

    def as_exported(self, run: KeyedRun[_Held], row: TableRow, stored: actions.ActionRow) -> bool:
        cells = run.held.cells[fold(stored.reference)]
        values = row.values
        return all(_same(values[k], cells.get(k)) for k in run.state)

    def check_key(
        self, run: KeyedRun[_Held], row: TableRow, key: RowKey[str] | None, report: RowReport
    ) -> None:
        if key is None:
            report("reference", "Give the action's reference here (such as CA-2026-004).")

    def duplicate_message(
        self, run: KeyedRun[_Held], row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return (
            "reference",
            f"The action '{key.text}' is on row {first} too; give each action one row.",
        )

    def parse(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        stored: actions.ActionRow | None,
        report: RowReport,
    ) -> actions.ActionFields | None:
        values = row.values
        raw: dict[str, object] = {"reference": clean(values.get("reference"))}
        for key in run.state:
            value = values[key]
            if key in _FIELD_OF:
                person = self._person(run, value, key, report)
                if person is False:
                    return None
                raw[_FIELD_OF[key]] = "" if person is None else person
            else:
                raw[key] = value
        if stored is not None:
            old = stored.fields()
            for name in actions.FIELD_NAMES:
                raw.setdefault(name, getattr(old, name))
            if _blank(raw["raised_on"]):
                raw["raised_on"] = old.raised_on  # empty: as it was (a new action's is today)
            if clean(raw["source_kind"]) == actions.SOURCE_LABELS[old.source_kind]:
                raw["source_id"] = old.source_id
            else:
                raw["source_id"] = None
        fields, problems = actions.fields_from_values(raw)
        for p in problems:
            column = _COLUMN_OF.get(p.field, p.field)
            if not run.table.has(column):
                column = "status" if run.table.has("status") else "reference"
                message = f"{_L.get(p.field, p.field)}: {p.message}"
            else:
                message = p.message if p.message[:1].isupper() else f"This value {p.message}"
            report.always(column, message)
        if fields is not None and "process" in run.state and fields.process:
            index = run.context.shared.get(_PROCESSES)
            if index is None:
                index = run.context.shared[_PROCESSES] = processes.name_index(run.session)
            if processes.unknown_names(index, [fields.process]):
                report("process", processes.unknown_message(fields.process))
                return None
        return fields

    def _person(
        self, run: KeyedRun[_Held], value: object, column: str, report: RowReport
    ) -> int | bool | None:
        text = clean(value)
        if not text:
            return None
        found = run.held.people.get(fold(text), [])
        ids = {pid for pid, _n in found}
        if len(ids) == 1:
            return found[0][0]
        if not ids:
            report(column, f"There is nobody called '{text}' in QMS Desk (People register).")
        else:
            report(column, f"{len(ids)} people are called '{text}'; give the employee number.")
        return False

    def adding(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        fields: actions.ActionFields,
        report: RowReport,
    ) -> tuple[actions.ActionFields, Changes]:
        return fields, (
            FieldChange(_L["title"], "", fields.title),
            FieldChange(_L["status"], "", actions.STATUS_LABELS[fields.status]),
        )

    def changing(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        stored: actions.ActionRow,
        fields: actions.ActionFields,
        report: RowReport,
    ) -> tuple[actions.ActionFields, Changes]:
        old = stored.fields()
        return fields, tuple(
            FieldChange(
                _L.get(n, n),
                _shown(n, getattr(old, n), run.held),
                _shown(n, getattr(fields, n), run.held),
            )
            for n in actions.FIELD_NAMES
            if getattr(old, n) != getattr(fields, n) and n != "source_id"
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, actions.ActionFields]],
        changed: list[Changed[str, actions.ActionRow, actions.ActionFields]],
    ) -> None:
        for change in changed:
            now = actions.fetch_rows(session, [change.stored.id])
            if not now:
                raise QmsError("An action was deleted since the workbook was checked.")
            actions.update_action(session, now[0].id, change.fields, user, verb="import")
        for add in added:
            actions.create_action(session, replace(add.fields), user)
