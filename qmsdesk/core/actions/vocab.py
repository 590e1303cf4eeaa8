"""The actions register's words: labels of kinds, sources and statuses, the field vocabulary,
and the parsers of what people type (a status, a kind, yes or no, the 5 whys).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TypeVar

from qmsdesk.core.db.models_actions import ActionKind, ActionSource, ActionStatus
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, fold, shown

ENTITY = "action"
WHYS_MAX = 7  # the helper asks "why?" five times; a little room for a longer chain

KIND_LABELS: dict[ActionKind, str] = {
    ActionKind.CORRECTIVE: "Corrective action",
    ActionKind.IMPROVEMENT: "Improvement",
    ActionKind.OTHER: "Other action",
}
SOURCE_LABELS: dict[ActionSource, str] = {
    ActionSource.INTERNAL_AUDIT: "Internal audit",
    ActionSource.MANAGEMENT_REVIEW: "Management review",
    ActionSource.CUSTOMER_COMPLAINT: "Customer complaint",
    ActionSource.PROCESS_NC: "Process nonconformity",
    ActionSource.SUPPLIER: "Supplier problem",
    ActionSource.RISK: "Risk or opportunity",
    ActionSource.OBJECTIVE: "Quality objective",
    ActionSource.OTHER: "Other",
}
STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.AWAITING_VERIFICATION: "Awaiting verification",
    ActionStatus.CLOSED: "Closed",
}
#: Reference prefixes by kind: CA-2026-001.
PREFIXES: dict[ActionKind, str] = {
    ActionKind.CORRECTIVE: "CA",
    ActionKind.IMPROVEMENT: "IMP",
    ActionKind.OTHER: "ACT",
}
MAX_LENGTHS = {"reference": 40, "title": 150, "source_ref": 80, "process": 80}


#: The register's fields, declared once: dialogs, error messages, the Excel sheet and the PDF
#: columns take their labels from here.
ACTION_VOCAB = Vocabulary(
    "actions",
    (
        Field("reference", "Reference", "The action's reference.", required=True),
        Field("title", "Title", "What the action is about.", required=True),
        Field(
            "kind",
            "Kind",
            "Corrective action, improvement or other.",
            FieldKind.CHOICE,
            tuple(KIND_LABELS.values()),
        ),
        Field(
            "source_kind",
            "Source",
            "Where the action comes from.",
            FieldKind.CHOICE,
            tuple(SOURCE_LABELS.values()),
        ),
        Field("source_ref", "Source reference", "Audit finding, complaint...", short="Source ref."),
        Field(
            "source_id", "Source record", "The record in the source's own table.", FieldKind.INTEGER
        ),
        Field("process", "Process / department", "The process concerned."),
        Field("problem", "Problem", "The nonconformity or the reason.", FieldKind.LONG_TEXT),
        Field("correction", "Correction", "What was done at once.", FieldKind.LONG_TEXT),
        Field("correction_on", "Correction date", "When.", FieldKind.DATE),
        Field("whys", "5 whys", "The answers to 'why?', one per line.", FieldKind.LONG_TEXT),
        Field("root_cause", "Root cause", "The root cause found.", FieldKind.LONG_TEXT),
        Field("corrective_action", "Action to take", "The action itself.", FieldKind.LONG_TEXT),
        Field("owner_id", "Owner", "Who carries it out."),
        Field("raised_on", "Raised on", "When it was raised.", FieldKind.DATE, short="Raised"),
        Field("due_date", "Due date", "When it must be done.", FieldKind.DATE, short="Due"),
        Field("completed_on", "Done on", "When it was carried out.", FieldKind.DATE),
        Field("verify_due", "Check effectiveness by", "Check due by.", FieldKind.DATE),
        Field("verified_on", "Effectiveness checked on", "Checked on.", FieldKind.DATE),
        Field("verified_by_id", "Checked by", "Who checked."),
        Field("effective", "Effective", "Yes or No.", FieldKind.YES_NO),
        Field("verification_note", "Verification note", "What was seen.", FieldKind.LONG_TEXT),
        Field(
            "status",
            "Status",
            "Open, in progress, awaiting verification or closed.",
            FieldKind.CHOICE,
            tuple(STATUS_LABELS.values()),
        ),
        Field("closed_on", "Closed on", "When it was closed.", FieldKind.DATE, short="Closed"),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
        Field(
            "no_correction_reason",
            "No correction needed because",
            "Why nothing had to be done at once (instead of a correction).",
            FieldKind.LONG_TEXT,
        ),
        Field(
            "extent",
            "Where else could this happen",
            "Other products, processes or places where the same cause could act, and what a "
            "look there found.",
            FieldKind.LONG_TEXT,
        ),
        Field(
            "risks_updated",
            "Risks and opportunities updated",
            "Yes or No: were the risks and opportunities of planning updated?",
            FieldKind.YES_NO,
        ),
        Field(
            "qms_change",
            "Quality system to change",
            "Yes or No: does the quality system itself need to change?",
            FieldKind.YES_NO,
        ),
    ),
)
FIELD_LABELS = ACTION_VOCAB.labels()


def action_problem(key: str, message: str) -> str:
    """A problem with one of an action's fields, as messages show it ('Due date: cannot ...')."""
    return f"{FIELD_LABELS[key]}: {message}"


class DueState(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


DUE_SOON_DAYS = 14


_E = TypeVar("_E", bound=StrEnum)


def _lookup(text: object, labels: Mapping[_E, str], aliases: Mapping[str, _E]) -> _E | None:
    key = " ".join(fold(clean(text)).replace("_", " ").replace("-", " ").split())
    for member, label in labels.items():
        if key in (member.value.replace("_", " "), " ".join(fold(label).split())):
            return member
    return aliases.get(key)


def parse_status(text: object) -> ActionStatus:
    found = _lookup(
        text,
        STATUS_LABELS,
        {
            "new": ActionStatus.OPEN,
            "started": ActionStatus.IN_PROGRESS,
            "ongoing": ActionStatus.IN_PROGRESS,
            "done": ActionStatus.AWAITING_VERIFICATION,
            "implemented": ActionStatus.AWAITING_VERIFICATION,
            "to verify": ActionStatus.AWAITING_VERIFICATION,
            "verified": ActionStatus.CLOSED,
            "complete": ActionStatus.CLOSED,
        },
    )
    if found is None:
        allowed = ", ".join(STATUS_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not an action status. Use one of: {allowed}.")
    return ActionStatus(found)


def parse_kind(text: object) -> ActionKind:
    found = _lookup(
        text,
        KIND_LABELS,
        {"ca": ActionKind.CORRECTIVE, "car": ActionKind.CORRECTIVE, "ofi": ActionKind.IMPROVEMENT},
    )
    if found is None:
        allowed = ", ".join(KIND_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a kind of action. Use one of: {allowed}.")
    return ActionKind(found)


def parse_source(text: object) -> ActionSource:
    found = _lookup(
        text,
        SOURCE_LABELS,
        {
            "audit": ActionSource.INTERNAL_AUDIT,
            "complaint": ActionSource.CUSTOMER_COMPLAINT,
            "review": ActionSource.MANAGEMENT_REVIEW,
            "ncr": ActionSource.PROCESS_NC,
            "risk": ActionSource.RISK,
            "opportunity": ActionSource.RISK,
            "objective": ActionSource.OBJECTIVE,
        },
    )
    if found is None:
        allowed = ", ".join(SOURCE_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a source of actions. Use one of: {allowed}.")
    return ActionSource(found)


def whys_text(whys: Sequence[str]) -> str:
    """How the whys are stored (a JSON list: an answer may hold line breaks)."""
    kept = [clean(w) for w in whys]
    while kept and not kept[-1]:
        kept.pop()
    return json.dumps(kept, ensure_ascii=False) if kept else ""


def parse_whys(stored: str) -> tuple[str, ...]:
    if not stored:
        return ()
    try:
        value = json.loads(stored)
    except ValueError:
        return (stored,)
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def parse_yes_no(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = fold(clean(value))
    if not text:
        return None
    if text in ("yes", "y", "effective", "true", "1"):
        return True
    if text in ("no", "n", "not effective", "false", "0"):
        return False
    raise ValueError(f"'{shown(value)}': write Yes or No.")


def due_state(
    status: ActionStatus, due_date: dt.date | None, verify_due: dt.date | None, on: dt.date
) -> DueState | None:
    """Overdue: not done by its due date, or carried out but not checked by its check date."""
    if status == ActionStatus.CLOSED:
        return None
    day = verify_due if status == ActionStatus.AWAITING_VERIFICATION else due_date
    if day is None:
        return None
    if day < on:
        return DueState.OVERDUE
    if day <= on + dt.timedelta(days=DUE_SOON_DAYS):
        return DueState.DUE_SOON
    return None
