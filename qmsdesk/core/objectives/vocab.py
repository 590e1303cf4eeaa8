"""The quality objectives' words: directions, frequencies and statuses with their labels, the
field vocabularies of objectives, plan steps and measurements, and the parsers of what people
type (a direction, a frequency, a value in the measure's unit)."""

from __future__ import annotations

import enum
import re

from qmsdesk.core.db.models_objectives import Direction, Frequency
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, finite_number, fold

ENTITY = "objective"
REGISTER = "objectives"


class Status(enum.StrEnum):
    """Where an objective stands, from its latest measurements."""

    ON_TARGET = "on_target"
    AT_RISK = "at_risk"
    OFF_TARGET = "off_target"
    NOT_MEASURED = "not_measured"  # a period's value is overdue
    NO_DATA = "no_data"  # nothing measured yet, and nothing due yet
    NO_TARGET = "no_target"  # measured, but no target set


STATUS_LABELS = {
    Status.ON_TARGET: "On target",
    Status.AT_RISK: "At risk",
    Status.OFF_TARGET: "Off target",
    Status.NOT_MEASURED: "Not measured when due",
    Status.NO_DATA: "Not measured yet",
    Status.NO_TARGET: "No target",
}
DIRECTION_LABELS = {Direction.HIGHER: "Higher is better", Direction.LOWER: "Lower is better"}
FREQUENCY_LABELS = {
    Frequency.MONTHLY: "Monthly",
    Frequency.QUARTERLY: "Quarterly",
    Frequency.HALF_YEARLY: "Half-yearly",
    Frequency.YEARLY: "Yearly",
}
MAX_LENGTHS = {"code": 20, "title": 200, "measure": 120, "unit": 20}

OBJECTIVE_VOCAB = Vocabulary(
    "objectives",
    (
        Field("code", "Code", "The objective's code (OBJ-01).", required=True),
        Field("title", "Objective", "What the company aims at, in a line.", required=True),
        Field(
            "commitment",
            "Serves",
            "The policy commitment or the process it serves.",
            FieldKind.LONG_TEXT,
        ),
        Field("process_id", "Process", "The process it measures (its code)."),
        Field("owner_id", "Owner", "Who is responsible for it (a person of the register)."),
        Field("measure", "Measure", "What is measured (on-time deliveries, scrap...)."),
        Field("unit", "Unit", "The measure's unit (%, days, £...)."),
        Field(
            "direction",
            "Better when",
            "Whether a higher or a lower value is better.",
            FieldKind.CHOICE,
            tuple(DIRECTION_LABELS.values()),
        ),
        Field("target", "Target", "The value aimed at.", FieldKind.NUMBER),
        Field(
            "warning",
            "Warning threshold",
            "Between the target and this value the objective is at risk; beyond it, off target.",
            FieldKind.NUMBER,
            short="Warning",
        ),
        Field(
            "frequency",
            "Measured",
            "How often it is measured.",
            FieldKind.CHOICE,
            tuple(FREQUENCY_LABELS.values()),
        ),
        Field(
            "measured_from",
            "Measured from",
            "The first period measured (a date in it).",
            FieldKind.DATE,
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
        Field("status", "Status", "On target, at risk, off target or not measured when due."),
    ),
)
OBJECTIVE_LABELS = OBJECTIVE_VOCAB.labels()

STEP_VOCAB = Vocabulary(
    "objective plans",
    (
        Field("position", "Step", "The step's number in the plan.", FieldKind.INTEGER),
        Field("what", "What will be done", "The step.", FieldKind.LONG_TEXT, required=True),
        Field(
            "resources",
            "Resources",
            "What it needs (people, money, equipment).",
            FieldKind.LONG_TEXT,
        ),
        Field("who_id", "Who", "Who is responsible for the step."),
        Field("due", "By when", "When it will be done.", FieldKind.DATE),
        Field(
            "evaluation",
            "How results are evaluated",
            "How the step's result is judged.",
            FieldKind.LONG_TEXT,
            short="Evaluation",
        ),
        Field("action_id", "Action", "The action of the actions register that carries it out."),
        Field("done_on", "Done on", "When it was done.", FieldKind.DATE),
    ),
)
STEP_LABELS = STEP_VOCAB.labels()

MEASUREMENT_VOCAB = Vocabulary(
    "measurements",
    (
        Field(
            "period",
            "Period",
            "The month, quarter, half-year or year measured (2026-03, 2026 Q1, 2026).",
            required=True,
        ),
        Field(
            "value",
            "Value",
            "The measure's value over the period (a number).",
            FieldKind.NUMBER,
            required=True,
        ),
        Field("comment", "Comment", "What explains the value.", FieldKind.LONG_TEXT),
        Field("entered_by", "Entered by", "Who measured or entered it."),
        Field("entered_on", "Entered on", "When it was entered.", FieldKind.DATE),
    ),
)
MEASUREMENT_LABELS = MEASUREMENT_VOCAB.labels()


def _key(text: object) -> str:
    return " ".join(fold(clean(text)).replace("_", " ").replace("-", " ").split())


def parse_direction(text: object) -> Direction:
    key = _key(text)
    for member, label in DIRECTION_LABELS.items():
        if key in (member.value, _key(label), f"{member.value} better"):
            return member
    aliases = {
        "up": Direction.HIGHER,
        "more": Direction.HIGHER,
        "max": Direction.HIGHER,
        "down": Direction.LOWER,
        "less": Direction.LOWER,
        "min": Direction.LOWER,
    }
    if key in aliases:
        return aliases[key]
    raise ValueError(f"'{clean(text)}': write Higher is better or Lower is better.")


def parse_frequency(text: object) -> Frequency:
    key = _key(text)
    for member, label in FREQUENCY_LABELS.items():
        if key in (member.value.replace("_", " "), _key(label)):
            return member
    aliases = {
        "month": Frequency.MONTHLY,
        "quarter": Frequency.QUARTERLY,
        "annual": Frequency.YEARLY,
        "annually": Frequency.YEARLY,
        "year": Frequency.YEARLY,
        "half year": Frequency.HALF_YEARLY,
        "six monthly": Frequency.HALF_YEARLY,
    }
    if key in aliases:
        return aliases[key]
    allowed = ", ".join(FREQUENCY_LABELS.values())
    raise ValueError(f"'{clean(text)}' is not a frequency. Use one of: {allowed}.")


_NUMBER_WITH_UNIT = re.compile(r"([-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+)\s*(.*)")


def parse_value(value: object, unit: str = "") -> float:
    """A measurement's value: a number, or a number followed by the measure's own unit ("12 %"
    is 12 when the unit is %); ValueError for anything else ("n/a")."""
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a number.")
    if isinstance(value, int | float):
        return finite_number(value)
    text = clean(value)
    if not text:
        raise ValueError("A value is required (a number).")
    found = _NUMBER_WITH_UNIT.fullmatch(text)
    if found:
        number, rest = found[1], found[2].strip()
        if "," in number and "." not in number and re.fullmatch(r"[-+]?\d+,\d+", number):
            number = number.replace(",", ".")  # 12,5: a decimal comma
        else:
            number = number.replace(",", "")  # 1,250: thousands
        if not rest or (unit and fold(rest) == fold(unit.strip())):
            return finite_number(number)
        if unit:
            raise ValueError(
                f"'{text}' is not a number in {unit}: write the number alone (or followed by "
                f"{unit})."
            )
    shown = f" in {unit}" if unit else ""
    raise ValueError(f"'{text}' is not a number{shown}: write the value as a number.")


def number_text(value: float | None) -> str:
    """A value as the register shows it: 94.5, 3, 1,250."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    text = number_text(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"
