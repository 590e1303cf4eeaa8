"""The training register's words: the competence scale, the matrix statuses and the fields of
training items, training records and the due list, each declared once.

The services' error messages, the history's field names, the Excel sheets, the table headers and
the PDF columns all read their labels from here (see :mod:`qmsdesk.core.fields`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum

from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import fold

ITEM_ENTITY = "training_item"
RECORD_ENTITY = "training_record"

#: The competence scale. An item uses levels 1 to its `max_level`.
LEVELS: dict[int, str] = {
    1: "Aware",
    2: "Trained under supervision",
    3: "Competent",
    4: "Can train others",
}
assert len(LEVELS) == LEVEL_MAX

#: How training is delivered: suggestions for the drop-down lists (any text is accepted).
DELIVERY_CHOICES = (
    "Classroom",
    "On the job",
    "Workshop",
    "E-learning",
    "Read and understood",
    "External course",
    "Briefing",
    "Coaching",
)

EXPIRING_DAYS_KEY = "training_expiring_days"
EXPIRING_DAYS_DEFAULT = 30
EXPIRING_DAYS_MAX = 365
VALIDITY_MAX = 240  # months
HOURS_MAX = 1000.0

ITEM_MAX_LENGTHS = {"code": 40, "title": 150, "category": 60, "delivery": 60}
RECORD_MAX_LENGTHS = {
    "trainer": 120,
    "result": 80,
    "document_revision": 20,
    "effectiveness_method": 120,
    "effectiveness_by": 120,
    "attachment_name": 255,
}

# --- the fields ------------------------------------------------------------------------------

#: A training item (a course, a competence, a document to read), in the order of ItemFields.
ITEMS = Vocabulary(
    "Training items",
    (
        Field(
            "code",
            "Item code",
            "The item's unique code, such as TR-DOC.",
            short="Code",
            required=True,
        ),
        Field("title", "Title", required=True),
        Field("category", "Category"),
        Field(
            "delivery",
            "Delivery",
            f"How it is delivered, such as {', '.join(DELIVERY_CHOICES[:4])}.",
            FieldKind.CHOICE,
            DELIVERY_CHOICES,
        ),
        Field(
            "validity_months",
            "Valid for (months)",
            "How many months the training stays valid. Empty or 0: it never expires.",
            FieldKind.INTEGER,
            short="Valid for",
        ),
        Field(
            "document_code",
            "Linked document",
            "For a 'read and understood' item: the code of the controlled document. A new "
            "revision of it calls for retraining.",
            short="Document",
        ),
        Field(
            "max_level",
            "Levels used",
            f"The highest competence level the item uses, 1 to {LEVEL_MAX}. Empty: 1.",
            FieldKind.INTEGER,
            short="Levels",
        ),
        Field("description", "Description", kind=FieldKind.LONG_TEXT),
        Field(
            "archived",
            "Archived",
            "yes: the item leaves the matrix and keeps its records. Empty: no.",
            FieldKind.YES_NO,
            ("no", "yes"),
        ),
    ),
)

#: One training given to one person, in the order of RecordFields.
RECORDS = Vocabulary(
    "Training records",
    (
        Field("trained_on", "Date trained", kind=FieldKind.DATE, short="Date", required=True),
        Field("level", "Level reached", kind=FieldKind.INTEGER, short="Level"),
        Field("trainer", "Trainer or provider", short="Trainer"),
        Field("hours", "Hours", kind=FieldKind.NUMBER),
        Field("result", "Result or score", short="Result"),
        Field(
            "document_revision",
            "Document revision",
            "For an item linked to a document: the revision read. Empty: the one in force on "
            "the training date.",
        ),
        Field("effectiveness_method", "Effectiveness: method"),
        Field(
            "effectiveness_date",
            "Effectiveness: date",
            "When the effectiveness was checked; not before the training.",
            FieldKind.DATE,
        ),
        Field("effectiveness_by", "Effectiveness: evaluated by"),
        Field("effectiveness_outcome", "Effectiveness: outcome", kind=FieldKind.LONG_TEXT),
        Field("note", "Note", kind=FieldKind.LONG_TEXT),
        Field("attachment_name", "Evidence file", short="Evidence"),
        Field("attachment_sha256", "Evidence SHA-256"),
    ),
)

#: A cell of the matrix as the due list and a person's required training show it.
DUE = Vocabulary(
    "Training due",
    (
        Field("due", "Due", "When it fell or falls due.", FieldKind.DATE),
        Field("status", "Status", kind=FieldKind.CHOICE),
        Field("employee_no", "Employee number"),
        Field("name", "Name"),
        Field("department", "Department"),
        Field("item_code", "Item code", short="Item"),
        Field("item_title", "Item title", short="Title"),
        Field("last_trained", "Last trained", kind=FieldKind.DATE),
        Field("level", "Level", "The level of the latest record.", FieldKind.INTEGER),
        Field("required_level", "Required level", kind=FieldKind.INTEGER, short="Required"),
        Field("expires", "Valid until", kind=FieldKind.DATE),
        Field("reason", "Why"),
    ),
)

ITEM_LABELS = ITEMS.labels()
RECORD_LABELS = RECORDS.labels()


def raise_problems(
    problems: Iterable[FieldProblem], labels: Mapping[str, str], prefix: str = ""
) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [f"{prefix}{labels.get(p.field, p.field)}: {p.message}" for p in problems]
        )


def too_long_message(text: str, limit: int) -> str:
    return f"This text is {len(text)} characters long; at most {limit} are allowed."


# --- the matrix's statuses -------------------------------------------------------------------


class CellStatus(IntEnum):
    NOT_REQUIRED = 0
    MISSING = 1  # required, never done
    VALID = 2
    EXPIRING = 3
    EXPIRED = 4
    LEVEL_LOW = 5
    RETRAIN = 6  # the linked document has a newer effective revision


STATUS_LABELS: dict[CellStatus, str] = {
    CellStatus.NOT_REQUIRED: "Not required",
    CellStatus.MISSING: "Required, never done",
    CellStatus.VALID: "Valid",
    CellStatus.EXPIRING: "Expiring soon",
    CellStatus.EXPIRED: "Expired",
    CellStatus.LEVEL_LOW: "Level below the required level",
    CellStatus.RETRAIN: "Retrain: the document has a newer revision",
}
#: Short labels for narrow columns (lists and reports).
STATUS_SHORT: dict[CellStatus, str] = {
    CellStatus.NOT_REQUIRED: "Not required",
    CellStatus.MISSING: "Never done",
    CellStatus.VALID: "Valid",
    CellStatus.EXPIRING: "Expiring soon",
    CellStatus.EXPIRED: "Expired",
    CellStatus.LEVEL_LOW: "Level too low",
    CellStatus.RETRAIN: "New revision",
}
#: Short text shown in every cell with its colour, so that status never depends on colour alone.
STATUS_CODES: dict[CellStatus, str] = {
    CellStatus.NOT_REQUIRED: "",
    CellStatus.MISSING: "TODO",
    CellStatus.VALID: "OK",
    CellStatus.EXPIRING: "DUE",
    CellStatus.EXPIRED: "EXP",
    CellStatus.LEVEL_LOW: "LOW",
    CellStatus.RETRAIN: "REV",
}
#: Cell colours (background, text) as RRGGBB, shared by the screen, Excel and PDF.
STATUS_COLOURS: dict[CellStatus, tuple[str, str]] = {
    CellStatus.NOT_REQUIRED: ("FFFFFF", "808080"),
    CellStatus.MISSING: ("F8CBAD", "843C0C"),
    CellStatus.VALID: ("C6EFCE", "006100"),
    CellStatus.EXPIRING: ("FFEB9C", "7F6000"),
    CellStatus.EXPIRED: ("FFC7CE", "9C0006"),
    CellStatus.LEVEL_LOW: ("BDD7EE", "1F4E78"),
    CellStatus.RETRAIN: ("D9C3E9", "5B2C83"),
}
#: Statuses that count as compliant: the person holds valid training at the required level.
COMPLIANT = frozenset({CellStatus.VALID, CellStatus.EXPIRING})
#: Statuses the due list shows by default.
DUE_STATUSES = frozenset({CellStatus.EXPIRED, CellStatus.EXPIRING, CellStatus.RETRAIN})
_STATUS_BY_WORD = {
    **{fold(label): s for s, label in STATUS_LABELS.items()},
    **{fold(code): s for s, code in STATUS_CODES.items() if code},
    **{s.name.lower(): s for s in CellStatus},
}


def parse_status(text: str) -> CellStatus:
    status = _STATUS_BY_WORD.get(fold(text.strip()).replace("_", " ")) or _STATUS_BY_WORD.get(
        fold(text.strip())
    )
    if status is None:
        allowed = ", ".join(STATUS_CODES[s] or STATUS_LABELS[s] for s in CellStatus)
        raise ValueError(f"'{text}' is not a matrix status. Use one of: {allowed}.")
    return status
