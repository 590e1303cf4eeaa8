"""Quality objectives in Excel: the sheets "Objectives", "Objective plans" (the steps of 6.2.2)
and "Measurements" (one value per objective and period). Each imports back; a colleague can be
sent the workbook, type the month's values on "Measurements" and send it back.

The status, the latest value and the period it is for are written for reading, never read back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from qmsdesk.core import company, objectives
from qmsdesk.core.dates import parse_date, today
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_objectives import Frequency
from qmsdesk.core.exchange.risks_xlsx import person_id
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
    Duplicates,
    KeyedImporter,
    KeyedRun,
    RowKey,
    RowReport,
    new_key,
)
from qmsdesk.core.objectives import (
    MeasurementFields,
    MeasurementRow,
    ObjectiveFields,
    ObjectiveRow,
    StepFields,
    StepRow,
)
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_O = objectives.OBJECTIVE_VOCAB
_S = objectives.STEP_VOCAB
_M = objectives.MEASUREMENT_VOCAB
#: PlanContext.shared: the objectives on the 'Objectives' sheet, folded code -> (frequency, unit).
SHEET_OBJECTIVES = "objectives.sheet"


def _col(
    vocab: Any,
    key: str,
    kind: ColumnKind = ColumnKind.TEXT,
    width: float | None = None,
    *,
    field: str = "",
    **extra: Any,
) -> Column:
    f = vocab[field or key]
    return Column(key, f.label, kind, width=width, help=f.help, **extra)


_CODE = Column(
    "code",
    "Objective code",
    required=True,
    width=11,
    aliases=("Code", "Objective"),
    help="The objective's code (OBJ-01).",
)

OBJECTIVES = SheetSpec(
    name="Objectives",
    aliases=("Quality objectives",),
    columns=(
        _col(_O, "code", width=11, required=True, aliases=("Objective code",)),
        _col(_O, "title", width=40, required=True, aliases=("Title", "Quality objective")),
        _col(_O, "commitment", width=35, aliases=("Policy commitment", "Commitment")),
        _col(_O, "process", width=10, field="process_id", aliases=("Process code",)),
        _col(_O, "owner", width=18, field="owner_id"),
        _col(_O, "measure", width=24, aliases=("Measure name", "KPI", "Indicator")),
        _col(_O, "unit", width=7),
        _col(
            _O,
            "direction",
            ColumnKind.CHOICE,
            16,
            choices=tuple(objectives.DIRECTION_LABELS.values()),
            aliases=("Direction",),
        ),
        _col(_O, "target", ColumnKind.NUMBER, 9),
        _col(_O, "warning", ColumnKind.NUMBER, 9, aliases=("Warning",)),
        _col(
            _O,
            "frequency",
            ColumnKind.CHOICE,
            12,
            choices=tuple(objectives.FREQUENCY_LABELS.values()),
            aliases=("Frequency",),
        ),
        _col(_O, "measured_from", ColumnKind.DATE, None),
        Column(
            "latest_period",
            "Latest period",
            width=10,
            computed=True,
            help="The latest period measured.",
        ),
        Column(
            "latest_value",
            "Latest value",
            ColumnKind.NUMBER,
            width=10,
            computed=True,
            help="Its value.",
        ),
        _col(_O, "status", width=20, computed=True),
        _col(_O, "note", width=30),
    ),
)

PLANS = SheetSpec(
    name="Objective plans",
    aliases=("Plans", "Objective plan", "Action plans"),
    frozen_columns=2,
    columns=(
        _CODE,
        _col(_S, "position", ColumnKind.NUMBER, 6, required=True, aliases=("Step no", "No.")),
        _col(_S, "what", width=45, required=True, aliases=("What", "Step description")),
        _col(_S, "resources", width=25),
        _col(_S, "who", width=18, field="who_id", aliases=("Responsible",)),
        _col(_S, "due", ColumnKind.DATE, None, aliases=("Due", "Due date")),
        _col(_S, "evaluation", width=30, aliases=("Evaluation",)),
        _col(_S, "action", width=13, field="action_id", aliases=("Action reference",)),
        _col(_S, "done_on", ColumnKind.DATE, None, aliases=("Done",)),
    ),
)

MEASUREMENTS = SheetSpec(
    name="Measurements",
    aliases=("Measurement", "Results", "Objective measurements"),
    frozen_columns=2,
    columns=(
        _CODE,
        _col(_M, "period", width=10, required=True, aliases=("Month", "Quarter")),
        _col(_M, "value", ColumnKind.NUMBER, 10, required=True, aliases=("Result",)),
        Column("unit", "Unit", width=7, computed=True, help="The measure's unit (for reading)."),
        _col(_M, "comment", width=40, aliases=("Comments", "Note")),
        _col(_M, "entered_by", width=18, aliases=("By", "Measured by")),
        _col(_M, "entered_on", ColumnKind.DATE, None),
    ),
)


def _num(value: float | None) -> object:
    return "" if value is None else value


def export_objectives(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the objectives, their plans and their measurements to `path`; returns rows written."""
    on = today()
    with db.read() as session:
        name = company.get_info(session).name
        rows = [] if template else objectives.all_rows(session, on=on)
        steps = [] if template else objectives.steps_of(session)
        values = [] if template else objectives.measurements(session)
    codes = {r.id: r.code for r in rows}
    units = {r.id: r.unit for r in rows}
    data = [
        (
            r.code,
            r.title,
            r.commitment,
            r.process_code,
            r.owner_name,
            r.measure,
            r.unit,
            objectives.DIRECTION_LABELS[r.direction],
            _num(r.target),
            _num(r.warning),
            objectives.FREQUENCY_LABELS[r.frequency],
            r.measured_from,
            r.latest_label,
            _num(r.latest_value),
            objectives.STATUS_LABELS[r.status(on)],
            r.note,
        )
        for r in rows
    ]
    plan_data = [
        (
            codes[s.objective_id],
            s.position,
            s.what,
            s.resources,
            s.who_name,
            s.due,
            s.evaluation,
            s.action_ref,
            s.done_on,
        )
        for s in steps
    ]
    value_data = [
        (
            m.code,
            m.label,
            m.value,
            units.get(m.objective_id, ""),
            m.comment,
            m.entered_by,
            m.entered_on,
        )
        for m in values
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [
            SheetData(OBJECTIVES, data),
            SheetData(PLANS, plan_data),
            SheetData(MEASUREMENTS, value_data),
        ],
        Readme(
            title=f"Quality objectives{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(data)} objectives, "
                f"{len(plan_data)} plan steps, {len(value_data)} measurements.",
                "To send in the month's results, add a row to 'Measurements' for each objective: "
                "its code, the period (2026-03, 2026 Q1 or 2026) and the value as a number "
                "(12 % is read as 12 when the unit is %). One value per objective and period.",
                "The status, latest period and latest value are worked out by QMS Desk and not "
                "read back.",
            ),
        ),
        progress,
    )
    return len(data) + len(plan_data) + len(value_data)


# --- importing --------------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else clean(value)


def _number(value: object, report: RowReport, key: str, unit: str = "") -> float | None:
    if value is None or _text(value) == "":
        return None
    try:
        return objectives.parse_value(value, unit)
    except ValueError as exc:
        report(key, str(exc))
        return None


@dataclass
class _Held:
    rows: dict[str, ObjectiveRow]
    people: dict[str, list[int]]
    processes: dict[str, int]
    sheet: dict[str, tuple[Frequency, str]] = field(default_factory=dict)


class ObjectivesImporter(KeyedImporter[_Held, str, ObjectiveRow, ObjectiveFields]):
    """A row is an objective, known by its code."""

    spec = OBJECTIVES
    order = 130
    title = "Quality objectives"

    def existing(self, session: Session) -> _Held:
        return _Held(
            {fold(r.code): r for r in objectives.all_rows(session)},
            objectives.people_by_name(session),
            objectives.processes_by_key(session),
        )

    def begin(self, run: KeyedRun[_Held]) -> None:
        run.context.shared[SHEET_OBJECTIVES] = run.held.sheet

    def lookup(self, run: KeyedRun[_Held]) -> Callable[[str], ObjectiveRow | None]:
        return run.held.rows.get

    def row_key(self, run: KeyedRun[_Held], row: TableRow) -> RowKey[str] | None:
        code = _text(row.values.get("code"))
        return new_key((fold(code), code, code)) if code else None

    def parse(
        self, run: KeyedRun[_Held], row: TableRow, stored: ObjectiveRow | None, report: RowReport
    ) -> ObjectiveFields | None:
        v, table, held = row.values, run.table, run.held
        old = stored.fields() if stored else None

        def text(key: str, attr: str = "") -> str:
            if table.has(key):
                return _text(v.get(key))
            return str(getattr(old, attr or key)) if old else ""

        values: dict[str, Any] = {
            k: text(k) for k in ("code", "title", "commitment", "measure", "unit", "note")
        }
        for key, parser, default in (
            ("direction", objectives.parse_direction, objectives.Direction.HIGHER),
            ("frequency", objectives.parse_frequency, Frequency.MONTHLY),
        ):
            raw = _text(v.get(key)) if table.has(key) else ""
            values[key] = getattr(old, key) if old else default
            if raw:
                try:
                    values[key] = parser(raw)
                except ValueError as exc:
                    report(key, str(exc))
        for key in ("target", "warning"):
            values[key] = (
                _number(v.get(key), report, key, values["unit"])
                if table.has(key)
                else (getattr(old, key) if old else None)
            )
        values["measured_from"] = old.measured_from if old else None
        if table.has("measured_from"):
            try:
                values["measured_from"] = (
                    parse_date(v.get("measured_from")) or values["measured_from"]
                )
            except ValueError as exc:
                report("measured_from", str(exc))
        if table.has("owner"):
            values["owner_id"] = person_id(
                held.people, _text(v.get("owner")), report, "owner", "add the person first"
            )
        else:
            values["owner_id"] = old.owner_id if old else None
        process = (
            _text(v.get("process"))
            if table.has("process")
            else (stored.process_code if stored else "")
        )
        values["process_id"] = held.processes.get(fold(process)) if process else None
        if process and values["process_id"] is None:
            report("process", f"There is no process '{process}' (give its code).")
        if report.problems:
            return None
        fields = ObjectiveFields(**values)
        columns = {"process_id": "process", "owner_id": "owner"}
        for problem in objectives.check_objective(fields):
            report(columns.get(problem.field, problem.field), problem.message)
        if report.problems:
            return None
        held.sheet[fold(fields.code)] = (fields.frequency, fields.unit)
        return fields

    def changing(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        stored: ObjectiveRow,
        fields: ObjectiveFields,
        report: RowReport,
    ) -> tuple[ObjectiveFields, Changes]:
        old = stored.fields()
        if fields.measured_from is None:
            fields = ObjectiveFields(**{**fields.__dict__, "measured_from": old.measured_from})
        changes = []
        for n in ObjectiveFields.__dataclass_fields__:
            a, b = getattr(old, n), getattr(fields, n)
            if n == "measured_from" and b is not None:
                b = objectives.period_start(b, fields.frequency)
            if a != b:
                changes.append(FieldChange(objectives.OBJECTIVE_LABELS[n], _shown(a), _shown(b)))
        return fields, tuple(changes)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, ObjectiveFields]],
        changed: list[Changed[str, ObjectiveRow, ObjectiveFields]],
    ) -> None:
        for c in changed:
            objectives.update_objective(session, c.stored.id, c.fields, user)
        for a in added:
            objectives.create_objective(session, a.fields, user)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return objectives.number_text(value)
    return str(getattr(value, "value", value))


def _objective_of(run: KeyedRun[Any], code: str) -> tuple[Frequency, str] | None:
    """(frequency, unit) of the objective a row names: on the 'Objectives' sheet, else stored."""
    sheet: dict[str, tuple[Frequency, str]] = run.context.shared.get(SHEET_OBJECTIVES, {})
    key = fold(code)
    if key in sheet:
        return sheet[key]
    stored = run.held.objectives.get(key)
    return None if stored is None else (stored.frequency, stored.unit)


@dataclass
class _HeldValues:
    objectives: dict[str, ObjectiveRow]
    stored: dict[tuple[str, dt.date], MeasurementRow]


_ValueKey = tuple[str, Any]


def _unknown(code: str) -> str:
    return (
        f"There is no objective '{code}', neither in the company file nor on the "
        "'Objectives' sheet."
    )


class MeasurementsImporter(
    KeyedImporter[_HeldValues, _ValueKey, MeasurementRow, tuple[str, MeasurementFields]]
):
    """A row is the value of one objective for one period."""

    spec = MEASUREMENTS
    order = 140
    title = "Measurements"
    duplicates = Duplicates.ALONG

    def existing(self, session: Session) -> _HeldValues:
        rows = objectives.all_rows(session)
        by_id = {r.id: fold(r.code) for r in rows}
        return _HeldValues(
            {fold(r.code): r for r in rows},
            {(by_id[m.objective_id], m.period): m for m in objectives.measurements(session)},
        )

    def lookup(self, run: KeyedRun[_HeldValues]) -> Callable[[_ValueKey], MeasurementRow | None]:
        return run.held.stored.get

    def row_key(self, run: KeyedRun[_HeldValues], row: TableRow) -> RowKey[_ValueKey] | None:
        code = _text(row.values.get("code"))
        raw = row.values.get("period")
        if not code:
            return None
        found = _objective_of(run, code)
        period: Any = fold(_text(raw))
        label = _text(raw)
        if found is not None:
            try:
                period = objectives.parse_period(raw, found[0])
                label = objectives.period_label(period, found[0])
            except ValueError:
                pass
        return new_key(((fold(code), period), f"{code} {label}", code))

    def check_key(
        self,
        run: KeyedRun[_HeldValues],
        row: TableRow,
        key: RowKey[_ValueKey] | None,
        report: RowReport,
    ) -> None:
        if key is None:
            report("code", "An objective code is required here.")

    def duplicate_message(
        self, run: KeyedRun[_HeldValues], row: TableRow, key: RowKey[_ValueKey], first: int
    ) -> tuple[str, str]:
        return (
            "period",
            f"{key.name}: row {first} has a value for this objective and period already; "
            "one value per period (change that row, or give this one another period).",
        )

    def parse(
        self,
        run: KeyedRun[_HeldValues],
        row: TableRow,
        stored: MeasurementRow | None,
        report: RowReport,
    ) -> tuple[str, MeasurementFields] | None:
        v = row.values
        code = _text(v.get("code"))
        found = _objective_of(run, code)
        if found is None:
            report("code", _unknown(code))
            return None
        frequency, unit = found
        try:
            period = objectives.parse_period(v.get("period"), frequency)
        except ValueError as exc:
            report("period", str(exc))
            period = None
        value = _number(v.get("value"), report, "value", unit)
        if value is None and not report.problems:
            report("value", "A value is required (a number).")
        try:
            entered_on = parse_date(v.get("entered_on")) if run.table.has("entered_on") else None
        except ValueError as exc:
            report("entered_on", str(exc))
            entered_on = None
        if report.problems or period is None or value is None:
            return None
        fields = MeasurementFields(
            period,
            value,
            _text(v.get("comment")),
            _text(v.get("entered_by")),
            entered_on or (stored.entered_on if stored else today()),
        )
        for problem in objectives.check_measurement(fields, frequency, today()):
            report(problem.field, problem.message)
        return None if report.problems else (code, fields)

    def adding(
        self,
        run: KeyedRun[_HeldValues],
        row: TableRow,
        key: RowKey[_ValueKey],
        fields: tuple[str, MeasurementFields],
        report: RowReport,
    ) -> tuple[tuple[str, MeasurementFields], Changes]:
        return fields, (FieldChange("Value", "", objectives.number_text(fields[1].value)),)

    def changing(
        self,
        run: KeyedRun[_HeldValues],
        row: TableRow,
        key: RowKey[_ValueKey],
        stored: MeasurementRow,
        fields: tuple[str, MeasurementFields],
        report: RowReport,
    ) -> tuple[tuple[str, MeasurementFields], Changes]:
        new, old = fields[1], stored.fields()
        changes = [
            FieldChange(
                objectives.MEASUREMENT_LABELS[n], _shown(getattr(old, n)), _shown(getattr(new, n))
            )
            for n in ("value", "comment", "entered_by")
            if getattr(old, n) != getattr(new, n)
        ]
        return fields, tuple(changes)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_ValueKey, tuple[str, MeasurementFields]]],
        changed: list[Changed[_ValueKey, MeasurementRow, tuple[str, MeasurementFields]]],
    ) -> None:
        ids = {fold(r.code): r.id for r in objectives.all_rows(session)}
        rows = [(ids[fold(code)], f) for code, f in [a.fields for a in added]]
        rows += [(c.stored.objective_id, c.fields[1]) for c in changed]
        objectives.save_measurements_many(session, rows, user)


@dataclass
class _HeldSteps:
    objectives: dict[str, ObjectiveRow]
    stored: dict[tuple[str, int], StepRow]
    people: dict[str, list[int]]
    actions: dict[str, int]


_StepKey = tuple[str, int]


class PlansImporter(KeyedImporter[_HeldSteps, _StepKey, StepRow, tuple[str, int, StepFields]]):
    """A row is one step of an objective's plan, known by the objective's code and its number."""

    spec = PLANS
    order = 135
    title = "Objective plans"

    def existing(self, session: Session) -> _HeldSteps:
        rows = objectives.all_rows(session)
        by_id = {r.id: fold(r.code) for r in rows}
        return _HeldSteps(
            {fold(r.code): r for r in rows},
            {(by_id[s.objective_id], s.position): s for s in objectives.steps_of(session)},
            objectives.people_by_name(session),
            {fold(ref): i for i, ref in session.execute(select(Action.id, Action.reference))},
        )

    def lookup(self, run: KeyedRun[_HeldSteps]) -> Callable[[_StepKey], StepRow | None]:
        return run.held.stored.get

    def row_key(self, run: KeyedRun[_HeldSteps], row: TableRow) -> RowKey[_StepKey] | None:
        code = _text(row.values.get("code"))
        step = _text(row.values.get("position"))
        if not code or not step.isdigit():
            return None
        return new_key(((fold(code), int(step)), f"{code} step {step}", code))

    def check_key(
        self,
        run: KeyedRun[_HeldSteps],
        row: TableRow,
        key: RowKey[_StepKey] | None,
        report: RowReport,
    ) -> None:
        if key is None:
            if not _text(row.values.get("code")):
                report("code", "An objective code is required here.")
            else:
                report("position", "Give the step's number (1, 2, 3...).")

    def parse(
        self, run: KeyedRun[_HeldSteps], row: TableRow, stored: StepRow | None, report: RowReport
    ) -> tuple[str, int, StepFields] | None:
        v, held = row.values, run.held
        code = _text(v.get("code"))
        if _objective_of(run, code) is None:
            report("code", _unknown(code))
            return None
        due = done = None
        try:
            due = parse_date(v.get("due"))
            done = parse_date(v.get("done_on"))
        except ValueError as exc:
            report("due" if due is None else "done_on", str(exc))
        who = person_id(held.people, _text(v.get("who")), report, "who", "add the person first")
        ref = _text(v.get("action"))
        action_id = held.actions.get(fold(ref)) if ref else None
        if ref and action_id is None:
            report("action", f"There is no action '{ref}' in the actions register.")
        fields = StepFields(
            _text(v.get("what")),
            _text(v.get("resources")),
            who,
            due,
            _text(v.get("evaluation")),
            action_id,
            done,
        )
        for problem in objectives.check_step(fields, today()):
            report(problem.field, problem.message)
        if report.problems:
            return None
        return code, int(_text(v.get("position"))), fields

    def changing(
        self,
        run: KeyedRun[_HeldSteps],
        row: TableRow,
        key: RowKey[_StepKey],
        stored: StepRow,
        fields: tuple[str, int, StepFields],
        report: RowReport,
    ) -> tuple[tuple[str, int, StepFields], Changes]:
        old, new = stored.fields(), fields[2]
        return fields, tuple(
            FieldChange(objectives.STEP_LABELS[n], _shown(getattr(old, n)), _shown(getattr(new, n)))
            for n in StepFields.__dataclass_fields__
            if getattr(old, n) != getattr(new, n)
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_StepKey, tuple[str, int, StepFields]]],
        changed: list[Changed[_StepKey, StepRow, tuple[str, int, StepFields]]],
    ) -> None:
        ids = {fold(r.code): r.id for r in objectives.all_rows(session)}
        for c in changed:
            objectives.save_step(
                session, c.stored.objective_id, c.fields[2], user, step_id=c.stored.id
            )
        for a in added:
            code, position, f = a.fields
            objectives.save_step(session, ids[fold(code)], f, user, position=position)


#: The sheets this register imports (see workbook.SHEET_MODULES): objectives first.
SHEET_IMPORTERS = [ObjectivesImporter(), PlansImporter(), MeasurementsImporter()]
