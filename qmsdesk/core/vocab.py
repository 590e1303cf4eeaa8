"""The document register's words and plain data types, without SQLAlchemy.

What the first screen of the app needs (the statuses and types with their labels, review states,
the rows the table shows, the view the register starts with) lives here, so that the window can be
drawn before the database layer is imported (see :mod:`qmsdesk.core.quickstart`). So do the
register's fields: :data:`DOCUMENT_FIELDS`, whose labels the Excel sheet, the table and the PDF
read, and :class:`DocumentFields`, a document's fields as parsed. Each name is defined here once
and re-exported where it was always found: the enums by :mod:`qmsdesk.core.db.models`, the rest
by :mod:`qmsdesk.core.documents`.

Only the standard library and other light modules of the core may be imported here.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields

from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import fold

DUE_SOON_DAYS = 30


class DocType(enum.StrEnum):
    POLICY = "policy"
    MANUAL = "manual"
    PROCEDURE = "procedure"
    WORK_INSTRUCTION = "work_instruction"
    FORM = "form"
    RECORD = "record"
    EXTERNAL = "external"


class DocStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    EFFECTIVE = "effective"
    OBSOLETE = "obsolete"


class RevisionStatus(enum.StrEnum):
    DRAFT = "draft"
    EFFECTIVE = "effective"
    SUPERSEDED = "superseded"


TYPE_LABELS: dict[DocType, str] = {
    DocType.POLICY: "Policy",
    DocType.MANUAL: "Manual",
    DocType.PROCEDURE: "Procedure",
    DocType.WORK_INSTRUCTION: "Work instruction",
    DocType.FORM: "Form",
    DocType.RECORD: "Record",
    DocType.EXTERNAL: "External document",
}
STATUS_LABELS: dict[DocStatus, str] = {
    DocStatus.DRAFT: "Draft",
    DocStatus.IN_REVIEW: "In review",
    DocStatus.EFFECTIVE: "Approved / effective",
    DocStatus.OBSOLETE: "Obsolete",
}
REVISION_STATUS_LABELS: dict[RevisionStatus, str] = {
    RevisionStatus.DRAFT: "Draft",
    RevisionStatus.EFFECTIVE: "Effective",
    RevisionStatus.SUPERSEDED: "Superseded",
}


#: The document register's fields: `label` heads the Excel column and names the field in messages
#: and the history; `short` heads the table's and the PDF's narrower columns; `help` is the
#: table header's tooltip.
DOCUMENT_FIELDS = Vocabulary(
    "Documents",
    (
        Field("code", "Code", "The document's unique code"),
        Field("title", "Title", "What the document is called"),
        Field(
            "doc_type",
            "Type",
            "Policy, manual, procedure, work instruction, form, record…",
            FieldKind.CHOICE,
            tuple(TYPE_LABELS.values()),
        ),
        Field(
            "status",
            "Status",
            "Draft, in review, approved / effective or obsolete",
            FieldKind.CHOICE,
            tuple(STATUS_LABELS.values()),
        ),
        Field(
            "process",
            "Process / department",
            "The process or department it belongs to",
            short="Process",
        ),
        Field("owner", "Owner", "Who keeps the document up to date"),
        Field("revision", "Revision", "The revision in force", short="Rev"),
        Field(
            "effective_date",
            "Effective date",
            "When the revision in force took effect",
            FieldKind.DATE,
            short="Effective",
        ),
        Field(
            "review_months",
            "Review interval (months)",
            "How often the document is reviewed, in months",
            FieldKind.INTEGER,
            short="Review (months)",
        ),
        Field(
            "last_reviewed",
            "Last reviewed",
            "When a periodic review last confirmed the document",
            FieldKind.DATE,
        ),
        Field("next_review", "Next review", "When the next review is due", FieldKind.DATE),
        Field(
            "location",
            "Location of controlled copy",
            "Where the controlled copy is kept (a file path or web link)",
            short="Location",
        ),
        Field("retention", "Retention", "For records: how long they are kept (e.g. 10 years)"),
        Field(
            "disposal_date",
            "Disposal date",
            "For records: when they may be disposed of (the effective date plus the retention)",
            FieldKind.DATE,
            short="Dispose after",
        ),
        Field("issuer", "Issuer", "For external documents: who issues them (ISO, a customer…)"),
        Field(
            "edition_checked",
            "Edition last checked",
            "For external documents: when someone last looked for a newer edition",
            FieldKind.DATE,
            short="Edition checked",
        ),
        Field(
            "approved_by",
            "Approved by",
            "Who approved the revision in force",
        ),
        Field(
            "approved_on",
            "Approved on",
            "When the revision in force was approved",
            FieldKind.DATE,
        ),
        Field(
            "clauses",
            "Clauses",
            "The ISO 9001:2015 clauses the document serves",
            FieldKind.LIST,
        ),
        Field("note", "Note", "Anything else worth knowing", FieldKind.LONG_TEXT),
        Field(
            "obsolete_reason",
            "Obsolete reason",
            "Why the document was withdrawn",
            FieldKind.LONG_TEXT,
        ),
    ),
)


_RETENTION = re.compile(r"\s*(\d{1,3})\s*(years?|yrs?|y|months?|mths?|mo)\b", re.IGNORECASE)


def retention_months(retention: str) -> int | None:
    """'10 years', '6 months', '7 yrs after delivery' -> months; None when no period is named at
    the start ('Until superseded', 'Permanent')."""
    found = _RETENTION.match(retention or "")
    if found is None:
        return None
    number = int(found.group(1))
    return number if found.group(2).lower().startswith("m") else number * 12


class ReviewState(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


def review_state(next_review: dt.date | None, on: dt.date) -> ReviewState | None:
    if next_review is None:
        return None
    if next_review < on:
        return ReviewState.OVERDUE
    if next_review <= on + dt.timedelta(days=DUE_SOON_DAYS):
        return ReviewState.DUE_SOON
    return None


@dataclass(frozen=True)
class DocumentFields:
    """Everything a user edits about a document, already parsed."""

    code: str
    title: str
    doc_type: DocType
    status: DocStatus = DocStatus.DRAFT
    process: str = ""
    owner: str = ""
    revision: str = ""
    effective_date: dt.date | None = None
    review_months: int | None = None
    last_reviewed: dt.date | None = None
    location: str = ""
    retention: str = ""
    clauses: tuple[str, ...] = ()
    note: str = ""
    obsolete_reason: str = ""
    issuer: str = ""
    edition_checked: dt.date | None = None


FIELD_NAMES = tuple(f.name for f in dataclass_fields(DocumentFields))


@dataclass(frozen=True)
class DocumentRow:
    """One line of the register, as the table, the Excel sheet and the PDF show it."""

    id: int
    code: str
    title: str
    doc_type: DocType
    process: str
    owner: str
    revision: str
    status: DocStatus
    effective_date: dt.date | None
    review_months: int | None
    last_reviewed: dt.date | None
    next_review: dt.date | None
    location: str
    retention: str
    clauses: str
    note: str
    obsolete_reason: str
    issuer: str = ""
    edition_checked: dt.date | None = None
    approved_by: str = ""
    approved_on: dt.date | None = None
    disposal_date: dt.date | None = None

    def fields(self) -> DocumentFields:
        return DocumentFields(
            **{n: getattr(self, n) for n in FIELD_NAMES if n != "clauses"},
            clauses=tuple(c for c in self.clauses.split(", ") if c),
        )


@dataclass(frozen=True)
class RevisionRow:
    id: int
    document_id: int
    label: str
    revision_date: dt.date
    summary: str
    author: str
    status: RevisionStatus
    approved_by: str
    approved_on: dt.date | None
    effective_date: dt.date | None
    attachment_name: str
    attachment_path: str
    attachment_sha256: str


@dataclass(frozen=True)
class DocumentQuery:
    """What the register shows: a search text and filters. Empty means everything."""

    text: str = ""
    statuses: frozenset[DocStatus] = frozenset()
    types: frozenset[DocType] = frozenset()
    owner: str = ""
    due: ReviewState | None = None  # overdue only, or overdue and due within DUE_SOON_DAYS
    clause: str = ""  # documents serving this clause or one below it ("8.4" finds 8.4.2)


@dataclass(frozen=True)
class RegisterCounts:
    total: int
    overdue: int
    due_soon: int  # due within DUE_SOON_DAYS, not yet overdue


class Candidates:
    """The documents a register view can show, in display order, narrowed in memory as one types.

    Filters and the sort run in SQL once, when they change. The search box then narrows this list
    with the same rule as :func:`qmsdesk.core.documents.query_ids` (every word of the search text
    is in the folded code, title, owner or note): a SQL scan per keystroke costs 30 to 150 ms on
    50,000 documents, depending on the sort; narrowing in memory costs under 10 ms. Search texts
    are read on the first search, not before, so that opening the register stays quick.
    """

    def __init__(self, ids: list[int], texts: dict[int, str] | None = None) -> None:
        self.ids = ids
        self._aligned: list[str] | None = None
        if texts is not None:
            self.set_texts(texts)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def needs_texts(self) -> bool:
        return self._aligned is None

    def set_texts(self, texts: dict[int, str]) -> None:
        self._aligned = [texts.get(i, "") for i in self.ids]

    def matching(self, text: str) -> list[int]:
        """Ids whose search text contains every word of `text`, in display order."""
        words = fold(text).split()
        if not words:
            return list(self.ids)
        if self._aligned is None:
            raise RuntimeError("call set_texts(search_texts(session)) before searching")
        # Longest word first: it usually narrows most, and each next word scans fewer rows.
        words.sort(key=len, reverse=True)
        texts = self._aligned
        first = words[0]
        hits = [k for k, t in enumerate(texts) if first in t]
        for word in words[1:]:
            hits = [k for k in hits if word in texts[k]]
        ids = self.ids
        return [ids[k] for k in hits]
