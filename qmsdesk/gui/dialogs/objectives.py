"""The objectives' dialogs: an objective, a measurement and a plan step. Their fields are the
vocabularies'; the core's parsers and rules run before a dialog closes ("12 %" is read as 12 when
the unit is %), and each problem is shown under its field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from qmsdesk.core import objectives
from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field
from qmsdesk.core.objectives import (
    Direction,
    Frequency,
    MeasurementFields,
    ObjectiveFields,
    ObjectiveRow,
    StepFields,
    StepRow,
)
from qmsdesk.gui.dialogs.planning_forms import FormDialog, date_value

_O = objectives.OBJECTIVE_VOCAB
_M = objectives.MEASUREMENT_VOCAB
_S = objectives.STEP_VOCAB
Choices = Sequence[tuple[int, str]]


def _number(values: dict[str, Any], key: str, unit: str, problems: list[FieldProblem]) -> Any:
    text = values.get(key) or ""
    if not text:
        return None
    try:
        return objectives.parse_value(text, unit)
    except ValueError as exc:
        problems.append(FieldProblem(key, str(exc)))
        return None


class ObjectiveDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        people: Choices,
        processes: Choices,
        row: ObjectiveRow | None = None,
    ) -> None:
        super().__init__(
            parent, "New objective" if row is None else f"Edit {row.code}", self._parse
        )
        self.row = row
        self.parsed: ObjectiveFields | None = None
        f = row.fields() if row else None
        self.add_text("code", _O["code"], f.code if f else "")
        self.add_text("title", _O["title"], f.title if f else "")
        self.add_text("commitment", _O["commitment"], f.commitment if f else "", long=True)
        self.add_choice(
            "process_id",
            _O["process_id"],
            list(processes),
            f.process_id if f else None,
            empty="(none)",
        )
        self.add_choice(
            "owner_id", _O["owner_id"], list(people), f.owner_id if f else None, empty="(no owner)"
        )
        self.add_text("measure", _O["measure"], f.measure if f else "")
        self.add_text("unit", _O["unit"], f.unit if f else "")
        self.add_choice(
            "direction",
            _O["direction"],
            [(d.value, t) for d, t in objectives.DIRECTION_LABELS.items()],
            f.direction.value if f else None,
        )
        self.add_number("target", _O["target"], f.target if f else None)
        self.add_number("warning", _O["warning"], f.warning if f else None)
        self.add_choice(
            "frequency",
            _O["frequency"],
            [(q.value, t) for q, t in objectives.FREQUENCY_LABELS.items()],
            f.frequency.value if f else None,
        )
        self.add_date("measured_from", _O["measured_from"], f.measured_from if f else today())
        self.add_text("note", _O["note"], f.note if f else "", long=True)

    def _parse(self, values: dict[str, Any]) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        unit = values["unit"]
        fields = ObjectiveFields(
            code=values["code"],
            title=values["title"],
            commitment=values["commitment"],
            process_id=values["process_id"],
            owner_id=values["owner_id"],
            measure=values["measure"],
            unit=unit,
            direction=Direction(values["direction"]),
            target=_number(values, "target", unit, problems),
            warning=_number(values, "warning", unit, problems),
            frequency=Frequency(values["frequency"]),
            measured_from=date_value(values, "measured_from", problems),
            note=values["note"],
        )
        problems += objectives.check_objective(fields)
        self.parsed = None if problems else fields
        return problems

    def fields(self) -> ObjectiveFields | None:
        return self.parsed


class MeasurementDialog(FormDialog):
    """The value of one period of an objective."""

    def __init__(self, parent: QWidget | None, *, row: ObjectiveRow, user: str) -> None:
        super().__init__(parent, f"Measurement of {row.code}", self._parse)
        self.row = row
        self.parsed: MeasurementFields | None = None
        period, _due = row.next_due()
        unit = f" ({row.unit})" if row.unit else ""
        self.add_text("period", _M["period"], objectives.period_label(period, row.frequency))
        value = _M["value"]
        self.add_text("value", Field("value", f"{value.label}{unit}", value.help))
        self.add_text("comment", _M["comment"], long=True)
        self.add_text("entered_by", _M["entered_by"], user)
        self.add_date("entered_on", _M["entered_on"], today())

    def _parse(self, values: dict[str, Any]) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        try:
            period: dt.date | None = objectives.parse_period(values["period"], self.row.frequency)
        except ValueError as exc:
            problems.append(FieldProblem("period", str(exc)))
            period = None
        value = _number(values, "value", self.row.unit, problems)
        if value is None and not any(p.field == "value" for p in problems):
            problems.append(FieldProblem("value", "A value is required (a number)."))
        entered = date_value(values, "entered_on", problems)
        if problems or period is None or value is None:
            return problems
        fields = MeasurementFields(period, value, values["comment"], values["entered_by"], entered)
        problems = objectives.check_measurement(fields, self.row.frequency, today())
        self.parsed = None if problems else fields
        return problems

    def fields(self) -> MeasurementFields | None:
        return self.parsed


class StepDialog(FormDialog):
    """A step of an objective's plan (6.2.2)."""

    def __init__(
        self, parent: QWidget | None, *, code: str, people: Choices, step: StepRow | None = None
    ) -> None:
        title = f"New plan step of {code}" if step is None else f"Step {step.position} of {code}"
        super().__init__(parent, title, self._parse)
        self.parsed: StepFields | None = None
        self.step = step
        f = step.fields() if step else None
        self.add_text("what", _S["what"], f.what if f else "", long=True)
        self.add_text("resources", _S["resources"], f.resources if f else "")
        self.add_choice(
            "who_id", _S["who_id"], list(people), f.who_id if f else None, empty="(nobody yet)"
        )
        self.add_date("due", _S["due"], f.due if f else None)
        self.add_text("evaluation", _S["evaluation"], f.evaluation if f else "")
        self.add_date("done_on", _S["done_on"], f.done_on if f else None)

    def _parse(self, values: dict[str, Any]) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        fields = StepFields(
            values["what"],
            values["resources"],
            values["who_id"],
            date_value(values, "due", problems),
            values["evaluation"],
            self.step.action_id if self.step else None,
            date_value(values, "done_on", problems),
        )
        problems += objectives.check_step(fields, today())
        self.parsed = None if problems else fields
        return problems

    def fields(self) -> StepFields | None:
        return self.parsed
