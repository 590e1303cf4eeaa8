"""The document register in Excel: export (or a blank template) and the importers of its sheets.

Sheets: "Documents" (one row per document, keyed by code) and "Revisions" (one row per revision,
keyed by document code and revision label), then a "Read me" sheet. Every rule a document's fields
obey comes from :mod:`qmsdesk.core.documents` (``fields_from_values`` / ``check_fields``); this
module only maps columns to fields and problems back to the headers the user wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import select

from qmsdesk.core import company, documents, history
from qmsdesk.core.dates import DATE_HELP, parse_date, today
from qmsdesk.core.db.fast import converted_once, raw_rows
from qmsdesk.core.db.models import DocStatus, DocType, Document, Revision, RevisionStatus
from qmsdesk.core.errors import Problem, QmsError, ValidationError
from qmsdesk.core.exchange.workbook import (
    Action,
    Column,
    ColumnKind,
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
from qmsdesk.core.text import clean, clean_code, fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_L = documents.FIELD_LABELS
_TYPES = tuple(documents.TYPE_LABELS.values())
_STATUSES = tuple(documents.STATUS_LABELS.values())
_REVISION_STATUSES = tuple(documents.REVISION_STATUS_LABELS.values())
_DATE = "A date: a date cell, or text such as 2026-03-01 or 01/03/2026 (day first)."

DOCUMENTS = SheetSpec(
    name="Documents",
    aliases=("Document register", "Documents register", "Document list", "Master list"),
    columns=(
        Column(
            "code",
            _L["code"],
            required=True,
            aliases=("Document code", "Doc code", "Doc no", "Document no", "Document number"),
            help="The document's unique code, such as QP-07-01. It says which document a row is.",
        ),
        Column(
            "title",
            _L["title"],
            required=True,
            aliases=("Document title", "Document name"),
            help=f"The document's title (at most {documents.MAX_LENGTHS['title']} characters).",
        ),
        Column(
            "doc_type",
            _L["doc_type"],
            ColumnKind.CHOICE,
            required=True,
            aliases=("Document type", "Doc type"),
            choices=_TYPES,
            help=f"One of: {', '.join(_TYPES)}.",
        ),
        Column(
            "status",
            _L["status"],
            ColumnKind.CHOICE,
            aliases=("Document status",),
            choices=_STATUSES,
            help=f"One of: {', '.join(_STATUSES)}. Empty: Draft for a new document, unchanged "
            "for one already in QMS Desk.",
        ),
        Column(
            "process",
            _L["process"],
            aliases=("Process", "Department"),
            help="The process or department the document belongs to.",
        ),
        Column(
            "owner",
            _L["owner"],
            aliases=("Owner name", "Document owner"),
            help="The person responsible for the document.",
        ),
        Column(
            "revision",
            _L["revision"],
            aliases=("Rev", "Current revision"),
            help="The label of the revision in force, such as C or 03.",
        ),
        Column(
            "effective_date",
            _L["effective_date"],
            ColumnKind.DATE,
            aliases=("Effective", "Effective from"),
            help=f"{_DATE} Needed when the status is {_STATUSES[2]}.",
        ),
        Column(
            "review_months",
            _L["review_months"],
            ColumnKind.NUMBER,
            aliases=("Review interval", "Review months", "Review period"),
            whole_range=(0, documents.REVIEW_MONTHS_MAX),
            width=14,
            help=f"How often the document is reviewed: whole months, 0 to "
            f"{documents.REVIEW_MONTHS_MAX}. Empty or 0: no periodic review.",
        ),
        Column(
            "last_reviewed",
            _L["last_reviewed"],
            ColumnKind.DATE,
            aliases=("Last review", "Last review date"),
            help=f"{_DATE} The last periodic review that confirmed the document.",
        ),
        Column(
            "next_review",
            _L["next_review"],
            ColumnKind.DATE,
            computed=True,
            help="Worked out by QMS Desk from the last review (or the effective date) and the "
            "review interval. Shown for information; an import does not read it.",
        ),
        Column(
            "location",
            _L["location"],
            aliases=("Location", "Controlled copy", "Link"),
            help="Where the controlled copy is: a file path or a web address.",
        ),
        Column(
            "retention",
            _L["retention"],
            aliases=("Retention period",),
            help="For records: how long they are kept, such as '10 years after delivery'.",
        ),
        Column(
            "clauses",
            _L["clauses"],
            aliases=("Clause", "ISO clauses", "ISO 9001 clauses"),
            help="ISO 9001:2015 clause numbers the document serves, separated by commas, "
            "such as 7.5, 8.4.",
        ),
        Column(
            "note",
            _L["note"],
            aliases=("Notes", "Comment", "Comments", "Remarks"),
            help="Anything else worth knowing.",
        ),
        Column(
            "obsolete_reason",
            _L["obsolete_reason"],
            aliases=("Reason obsolete", "Why obsolete"),
            help=f"Needed when the status is {_STATUSES[3]}: why the document was withdrawn.",
        ),
    ),
)

REVISIONS = SheetSpec(
    name="Revisions",
    aliases=("Document revisions", "Revision history"),
    frozen_columns=2,
    columns=(
        Column(
            "code",
            "Document code",
            required=True,
            aliases=("Code", "Doc code", "Doc no", "Document", "Document number"),
            help="The code of the document revised; it must be in QMS Desk already or on the "
            "'Documents' sheet.",
        ),
        Column(
            "label",
            "Revision",
            required=True,
            aliases=("Rev", "Revision label", "Label"),
            help=f"The revision's label, such as B or 03 (at most "
            f"{documents.MAX_LENGTHS['revision']} characters).",
        ),
        Column(
            "revision_date",
            "Revision date",
            ColumnKind.DATE,
            required=True,
            aliases=("Date", "Rev date"),
            help=f"{_DATE} When the revision was written.",
        ),
        Column(
            "status",
            "Status",
            ColumnKind.CHOICE,
            aliases=("Revision status",),
            choices=_REVISION_STATUSES,
            help=f"One of: {', '.join(_REVISION_STATUSES)} (empty: Draft). A document has at "
            "most one effective and one draft revision.",
        ),
        Column(
            "summary",
            "Change summary",
            aliases=("Summary", "Changes", "What changed", "Description of change"),
            help="What changed in this revision.",
        ),
        Column("author", "Author", aliases=("Written by",), help="Who wrote the revision."),
        Column(
            "approved_by",
            "Approved by",
            aliases=("Approver",),
            help="Who approved it (empty for a draft).",
        ),
        Column(
            "approved_on",
            "Approved on",
            ColumnKind.DATE,
            aliases=("Approval date", "Date approved"),
            help=f"{_DATE} When it was approved.",
        ),
        Column(
            "effective_date",
            "Effective date",
            ColumnKind.DATE,
            aliases=("Effective", "Effective from"),
            help=f"{_DATE} When it took effect.",
        ),
        Column(
            "attachment_name",
            "Attachment",
            aliases=("Attached file", "File name"),
            help="The name of the file attached in QMS Desk, if any (the file itself stays in "
            "the company's attachment folder).",
        ),
        Column(
            "attachment_sha256",
            "Attachment SHA-256",
            aliases=("SHA-256", "SHA256", "Checksum"),
            width=20,
            help="The attached file's SHA-256 checksum, which proves it has not changed.",
        ),
    ),
)

# --- export ----------------------------------------------------------------------------------

_TYPE_LABEL = {t.value: label for t, label in documents.TYPE_LABELS.items()}
_STATUS_LABEL = {s.value: label for s, label in documents.STATUS_LABELS.items()}
_REVISION_STATUS_LABEL = {s.value: label for s, label in documents.REVISION_STATUS_LABELS.items()}

_DOCUMENT_COLUMNS = [getattr(Document, c.key) for c in DOCUMENTS.columns]
_REVISION_COLUMNS = [
    Document.code,
    *(getattr(Revision, c.key) for c in REVISIONS.columns[1:]),
]


def _document_rows(session: Session) -> list[tuple[object, ...]]:
    """Every document as the sheet shows it, in code order (the order of documents.all_rows).

    Read straight from the driver: SQLAlchemy's row processing would cost half the time budget of
    an export on 10,000 documents. Dates come back as ISO text, which the writer takes as is.
    """
    stmt = select(*_DOCUMENT_COLUMNS).order_by(Document.code)
    type_at = DOCUMENTS.columns.index(DOCUMENTS.column("doc_type"))
    status_at = DOCUMENTS.columns.index(DOCUMENTS.column("status"))
    rows = []
    for values in raw_rows(session, stmt):
        row = list(values)
        row[type_at] = _TYPE_LABEL[row[type_at]]
        row[status_at] = _STATUS_LABEL[row[status_at]]
        rows.append(tuple(row))
    return rows


def _revision_rows(session: Session) -> list[tuple[object, ...]]:
    """Every revision, by document code then in the order recorded (as documents.all_revisions)."""
    stmt = (
        select(*_REVISION_COLUMNS)
        .join(Document, Document.id == Revision.document_id)
        .order_by(Document.code, Revision.id)
    )
    status_at = REVISIONS.columns.index(REVISIONS.column("status"))
    rows = []
    for values in raw_rows(session, stmt):
        row = list(values)
        row[status_at] = _REVISION_STATUS_LABEL[row[status_at]]
        rows.append(tuple(row))
    return rows


def _readme(company_name: str, template: bool, documents_count: int, revisions: int) -> Readme:
    who = f" of {company_name}" if company_name else ""
    if template:
        first = (
            "A blank template: fill in the sheets 'Documents' and 'Revisions', then import the "
            "workbook into QMS Desk (File > Import)."
        )
    else:
        first = (
            f"Written by QMS Desk on {today():%d %B %Y}: {documents_count} documents and "
            f"{revisions} revisions. Change what you need, then import it back (File > Import)."
        )
    return Readme(
        title=f"Document register{who}",
        lines=(
            first,
            "Keep the sheet names and the header row: QMS Desk finds columns by their header, "
            "in any order, whatever the case and spacing. Columns it does not know are not read.",
        ),
        sections=(
            (
                "How an import works",
                (
                    "Each row of 'Documents' is one document, known by its code. A code already "
                    "in QMS Desk updates that document; a new code adds one. Documents left out "
                    "of the sheet stay as they are: an import never deletes anything.",
                    "Only the columns present are compared and changed: leave a column out to "
                    "leave that field alone. An empty cell in a column that is there empties the "
                    "field (an empty Status keeps the document's status).",
                    "Each row of 'Revisions' is one revision, known by its document code and its "
                    "label. New revisions are added; revisions already recorded are kept as they "
                    "are and cannot be changed by an import.",
                    "QMS Desk first checks the whole workbook and lists every problem by sheet, "
                    "row and column. If there is any, nothing is imported. Otherwise everything "
                    "is written at once and each change goes into the change history.",
                ),
            ),
            (
                "What to write",
                (
                    f"Dates: {DATE_HELP}",
                    f"Document type: one of {', '.join(_TYPES)}.",
                    f"Document status: one of {', '.join(_STATUSES)}. A document that is "
                    f"{_STATUSES[2].lower()} needs an effective date; an obsolete one needs the "
                    "reason.",
                    f"Revision status: one of {', '.join(_REVISION_STATUSES)}.",
                    "Next review (grey header) is worked out by QMS Desk from the last review or "
                    "the effective date and the review interval; an import does not read it.",
                    "Type values, not formulas: a cell holding a formula is refused. Text that "
                    "starts with =, +, - or @ is kept as text.",
                    "Attached files are not in the workbook: they stay in the company's "
                    "attachment folder. The workbook lists their names and SHA-256 checksums.",
                    "At most 100,000 rows per sheet.",
                ),
            ),
        ),
    )


def export_documents(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the document register (or a blank template) to `path`; returns the rows written."""
    with db.read() as session:
        name = company.get_info(session).name
        doc_rows = [] if template else _document_rows(session)
        rev_rows = [] if template else _revision_rows(session)
    write_workbook(
        Path(path),
        [SheetData(DOCUMENTS, doc_rows), SheetData(REVISIONS, rev_rows)],
        _readme(name, template, len(doc_rows), len(rev_rows)),
        progress,
    )
    return len(doc_rows) + len(rev_rows)


# --- import ----------------------------------------------------------------------------------

SHEET_CODES = "documents.sheet_codes"  # PlanContext.shared: code keys on the Documents sheet
_TICK = 500


def code_key(code: str) -> str:
    """Codes that differ only in case are the same code, as the core's services see them."""
    return fold(clean_code(code))


# Stored enum values to members: a dict look-up costs a tenth of calling the enum.
_TYPE_BY_VALUE = {m.value: m for m in DocType}
_STATUS_BY_VALUE = {m.value: m for m in DocStatus}
_REVISION_STATUS_BY_VALUE = {m.value: m for m in RevisionStatus}


_DATE_FIELDS = frozenset({"effective_date", "last_reviewed"})
_LABEL_OF_VALUE = {
    "doc_type": {m.value: documents.TYPE_LABELS[m] for m in DocType},
    "status": {m.value: documents.STATUS_LABELS[m] for m in DocStatus},
}


class _Stored:
    """A document as stored: its id, its row as the exported sheet reads it back (what a workbook
    that comes back is compared with), and its fields, built only when asked for (a row that
    differs from the sheet's): a workbook of 10,000 unchanged documents needs none."""

    __slots__ = ("_fields", "_values", "doc_id", "form")

    def __init__(self, doc_id: int, values: dict[str, Any], form: dict[str, object]) -> None:
        self.doc_id, self._values, self.form = doc_id, values, form
        self._fields: documents.DocumentFields | None = None

    @property
    def fields(self) -> documents.DocumentFields:
        if self._fields is None:
            values = self._values
            self._fields = documents.DocumentFields(
                **{
                    **values,
                    "doc_type": _TYPE_BY_VALUE[values["doc_type"]],
                    "status": _STATUS_BY_VALUE[values["status"]],
                    "clauses": tuple(c for c in values["clauses"].split(", ") if c),
                }
            )
        return self._fields


def _existing_documents(session: Session) -> dict[str, _Stored]:
    names = documents.FIELD_NAMES
    stmt = select(Document.id, *(getattr(Document, n) for n in names))
    day = converted_once(dt.date.fromisoformat)  # a register repeats its dates
    labels = [_LABEL_OF_VALUE.get(n) for n in names]
    found = {}
    for doc_id, *row in raw_rows(session, stmt):
        values = dict(zip(names, row, strict=True))
        for name in _DATE_FIELDS:
            values[name] = day(values[name])
        # As the exported sheet reads back: labels for the two enums, "" for nothing, real
        # dates; the clauses are stored joined as the sheet shows them.
        form = {
            name: "" if value is None else value if label is None else label[value]
            for name, value, label in zip(names, values.values(), labels, strict=True)
        }
        found[code_key(values["code"])] = _Stored(doc_id, values, form)
    return found


def _as_exported(
    values: dict[str, object], recorded: _RevisionValues, columns: Sequence[tuple[str, int]]
) -> bool:
    """Whether a sheet row's values (the columns given, with their places in the recorded
    revision) are those of the recorded revision as its exported row reads back."""
    for name, index in columns:
        stored = recorded[index]
        if stored is None:
            stored = ""
        elif index == _STATUS_AT:
            stored = documents.REVISION_STATUS_LABELS[stored]  # type: ignore[index]
        if values[name] != stored:
            return False
    return True


def _as_raw(f: documents.DocumentFields, name: str) -> object:
    """A stored field as fields_from_values takes it back."""
    value = getattr(f, name)
    return ", ".join(value) if name == "clauses" else value


def _display(name: str, value: object) -> str:
    if isinstance(value, DocType):
        return documents.TYPE_LABELS[value]
    if isinstance(value, DocStatus):
        return documents.STATUS_LABELS[value]
    if isinstance(value, RevisionStatus):
        return documents.REVISION_STATUS_LABELS[value]
    if isinstance(value, tuple):
        return ", ".join(value)
    return history.as_text(value)


def _added(f: documents.DocumentFields) -> tuple[FieldChange, ...]:
    """What the preview shows of a new document."""
    return (
        FieldChange(_L["title"], "", f.title),
        FieldChange(_L["doc_type"], "", documents.TYPE_LABELS[f.doc_type]),
        FieldChange(_L["status"], "", documents.STATUS_LABELS[f.status]),
    )


def _message(text: str) -> str:
    # Some core messages read after a field name ("is 200 characters long; ..."): give them one.
    return f"This value {text}" if text[:1].islower() else text


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Create(NamedTuple):
    row: int
    fields: documents.DocumentFields


class _Update(NamedTuple):
    row: int
    doc_id: int
    changed: dict[str, object]


class DocumentsImporter:
    spec = DOCUMENTS
    order = 10

    def existing(self, session: Session) -> dict[str, _Stored]:
        return _existing_documents(session)

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        existing: dict[str, _Stored],
    ) -> tuple[SheetPlan, list[Problem]]:
        present = [n for n in documents.FIELD_NAMES if table.has(n)]
        problems: list[Problem] = []
        items: list[PlanItem] = []
        ops: list[_Create | _Update] = []
        seen: dict[str, int] = {}
        context.shared[SHEET_CODES] = sheet_codes = set()
        for count, row in enumerate(table.rows, 1):
            if count % _TICK == 0:
                context.tick(_TICK)
            values = row.values
            code = clean_code(values.get("code"))
            if not code:
                if "code" not in row.bad:
                    problems.append(
                        table.problem(row.number, "code", "A document code is required here.")
                    )
                continue
            key = code_key(code)
            sheet_codes.add(key)
            if key in seen:
                problems.append(
                    table.problem(
                        row.number,
                        "code",
                        f"The code '{code}' is on row {seen[key]} too; each document goes on "
                        f"one row only (rows {seen[key]} and {row.number}).",
                    )
                )
                continue
            seen[key] = row.number
            found = existing.get(key)
            if found is not None and not row.bad:
                # The usual case when a workbook comes back: the row is exactly as exported.
                form = found.form
                if all(values[n] == form[n] for n in present):
                    items.append(PlanItem(Action.UNCHANGED, code, row.number))
                    continue
            raw = {n: values[n] for n in present}
            if found is not None:
                old = found.fields
                if "status" in raw and _blank(raw["status"]):
                    raw["status"] = old.status  # an empty status keeps the document's status
                raw = {n: _as_raw(old, n) for n in documents.FIELD_NAMES if n not in raw} | raw
            fields, field_problems = documents.fields_from_values(raw)
            reported = False
            for fp in field_problems:
                if fp.field not in row.bad:
                    problems.append(table.problem(row.number, fp.field, _message(fp.message)))
                    reported = True
            if fields is None or reported or row.bad:
                continue
            if found is None:
                ops.append(_Create(row.number, fields))
                items.append(PlanItem(Action.ADD, code, row.number, _added(fields)))
                continue
            doc_id, old = found.doc_id, found.fields
            changed = [n for n in documents.FIELD_NAMES if getattr(fields, n) != getattr(old, n)]
            if not changed:
                items.append(PlanItem(Action.UNCHANGED, code, row.number))
                continue
            ops.append(_Update(row.number, doc_id, {n: getattr(fields, n) for n in changed}))
            items.append(
                PlanItem(
                    Action.CHANGE,
                    code,
                    row.number,
                    tuple(
                        FieldChange(
                            _L[n], _display(n, getattr(old, n)), _display(n, getattr(fields, n))
                        )
                        for n in changed
                    ),
                )
            )
        context.tick(len(table.rows) % _TICK)
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            updates = [op for op in ops if isinstance(op, _Update)]
            created = [op.fields for op in ops if isinstance(op, _Create)]
            try:
                if updates:
                    ids = [op.doc_id for op in updates]
                    now = {r.id: r.fields() for r in documents.fetch_rows(session, ids)}
                    if len(now) != len(ids):
                        raise QmsError("A document was deleted since the workbook was checked.")
                    documents.update_many(
                        session,
                        [(op.doc_id, replace(now[op.doc_id], **op.changed)) for op in updates],  # type: ignore[arg-type]
                        user,
                    )
                documents.create_many(session, created, user)
            except QmsError as exc:
                raise _during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "Documents", items, apply), problems


def _during_apply(sheet: str, exc: QmsError) -> QmsError:
    detail = "; ".join(exc.problems[:5]) if isinstance(exc, ValidationError) else str(exc)
    return QmsError(
        f"Nothing was imported. The company file changed after the workbook was checked, and the "
        f"sheet '{sheet}' no longer fits it: {detail} Check the workbook again and import it."
    )


_REVISION_STATUS = {
    **{label: s for s, label in documents.REVISION_STATUS_LABELS.items()},  # as exported
    **{fold(s.value): s for s in RevisionStatus},
    **{fold(label): s for s, label in documents.REVISION_STATUS_LABELS.items()},
    "approved": RevisionStatus.EFFECTIVE,
    "current": RevisionStatus.EFFECTIVE,
    "old": RevisionStatus.SUPERSEDED,
    "replaced": RevisionStatus.SUPERSEDED,
}
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")  # attachments.store keeps such a suffix
_TEXT_LIMITS = {
    "label": documents.MAX_LENGTHS["revision"],
    "author": 80,
    "approved_by": 80,
    "attachment_name": 255,
}


class _RevisionValues(NamedTuple):  # a tuple: 30,000 are built and compared per import
    label: str
    revision_date: dt.date | None
    status: RevisionStatus | None
    summary: str
    author: str
    approved_by: str
    approved_on: dt.date | None
    effective_date: dt.date | None
    attachment_name: str
    attachment_sha256: str


_STATUS_AT = _RevisionValues._fields.index("status")


class _NewRevision(NamedTuple):
    row: int
    code: str
    values: _RevisionValues


def _stored_path(name: str, sha256: str) -> str:
    """Where attachments.store keeps a file: named by its checksum, with its suffix if safe."""
    if not sha256:
        return ""
    suffix = Path(name).suffix
    suffix = suffix.lower() if _SAFE_SUFFIX.match(suffix) else ""
    return str(PurePosixPath(sha256[:2]) / f"{sha256}{suffix}")


_ExistingRevisions = tuple[dict[str, int], dict[tuple[str, str], _RevisionValues]]


def _existing_revisions(session: Session) -> _ExistingRevisions:
    doc_ids: dict[str, int] = {}
    key_of: dict[int, str] = {}
    for doc_id, code in raw_rows(session, select(Document.id, Document.code)):
        doc_ids[key_of.setdefault(doc_id, code_key(code))] = doc_id
    stmt = select(
        Revision.document_id,
        Revision.label,
        Revision.revision_date,
        Revision.status,
        Revision.summary,
        Revision.author,
        Revision.approved_by,
        Revision.approved_on,
        Revision.effective_date,
        Revision.attachment_name,
        Revision.attachment_sha256,
    )
    day = converted_once(dt.date.fromisoformat)  # a register repeats its dates
    labels: dict[str, str] = {}  # label -> its folded key: a register has few distinct labels
    found = {}
    for doc_id, label, on, status, *texts, approved_on, effective, name, sha in raw_rows(
        session, stmt
    ):
        summary, author, approved_by = texts
        folded = labels.get(label)
        if folded is None:
            folded = labels[label] = fold(label)
        found[(key_of[doc_id], folded)] = _RevisionValues(
            label,
            day(on),
            _REVISION_STATUS_BY_VALUE[status],
            summary,
            author,
            approved_by,
            day(approved_on),
            day(effective),
            name,
            sha,
        )
    return doc_ids, found


class RevisionsImporter:
    spec = REVISIONS
    order = 20

    def existing(self, session: Session) -> _ExistingRevisions:
        return _existing_revisions(session)

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        held: _ExistingRevisions,
    ) -> tuple[SheetPlan, list[Problem]]:
        doc_ids, existing = held
        on_sheet: set[str] = context.shared.get(SHEET_CODES, set())
        check_codes = DOCUMENTS.name not in context.unreadable
        in_force: Counter[tuple[str, RevisionStatus]] = Counter(
            (key[0], v.status) for key, v in existing.items()
        )
        problems: list[Problem] = []
        items: list[PlanItem] = []
        ops: list[_NewRevision] = []
        seen: dict[tuple[str, str], int] = {}
        present = [c.key for c in REVISIONS.columns if c.key != "code" and table.has(c.key)]
        compared = [(n, _RevisionValues._fields.index(n)) for n in present]
        for count, row in enumerate(table.rows, 1):
            if count % _TICK == 0:
                context.tick(_TICK)
            # Text cells come as str ("" when empty): the sheet reader made them so.
            code, label = row.values["code"].strip(), row.values["label"].strip()  # type: ignore[attr-defined]
            ck = code_key(code)
            key = (ck, fold(label))
            if code and label and not row.bad:
                # The usual case when a workbook comes back: a recorded revision, as exported.
                recorded = existing.get(key)
                if (
                    recorded is not None
                    and key not in seen
                    and _as_exported(row.values, recorded, compared)
                ):
                    seen[key] = row.number
                    items.append(PlanItem(Action.UNCHANGED, f"{code} rev. {label}", row.number))
                    continue
            report = _Reporter(table, row)
            if not code:
                report("code", "A document code is required here.")
            elif check_codes and ck not in doc_ids and ck not in on_sheet:
                report(
                    "code",
                    f"There is no document '{code}', neither in QMS Desk nor on the "
                    "'Documents' sheet. Add the document first, or correct the code.",
                )
            if not label:
                report("label", "A revision label is required here (for example B or 03).")
            values = _parse_revision(row, report)
            problems.extend(report.problems)
            if report.problems or row.bad or not code or not label:
                continue
            if key in seen:
                problems.append(
                    table.problem(
                        row.number,
                        "label",
                        f"Revision {label} of {code} is on row {seen[key]} too; each revision "
                        f"goes on one row only (rows {seen[key]} and {row.number}).",
                    )
                )
                continue
            seen[key] = row.number
            name = f"{code} rev. {label}"
            recorded = existing.get(key)
            if recorded is not None:
                differs = [] if recorded == values else _differences(table, recorded, values)
                for column_key, old in differs:
                    problems.append(
                        table.problem(
                            row.number,
                            column_key,
                            f"Revision {recorded.label} of {code} is recorded with "
                            f"{repr(old) if old else 'nothing'} here. An import adds new "
                            "revisions but does not change recorded ones: put back the recorded "
                            "value, or leave the row out.",
                        )
                    )
                if not differs:
                    items.append(PlanItem(Action.UNCHANGED, name, row.number))
                continue
            if values.status is None:
                values = values._replace(status=RevisionStatus.DRAFT)
            if values.status in (RevisionStatus.DRAFT, RevisionStatus.EFFECTIVE):
                slot = (key[0], values.status)
                if in_force[slot]:
                    word = documents.REVISION_STATUS_LABELS[values.status].lower()
                    problems.append(
                        table.problem(
                            row.number,
                            "status",
                            f"{code} would have two {word} revisions; a document has at most "
                            "one. Mark the older one Superseded.",
                        )
                    )
                    continue
                in_force[slot] += 1
            ops.append(_NewRevision(row.number, code, values))
            items.append(
                PlanItem(
                    Action.ADD,
                    name,
                    row.number,
                    (
                        FieldChange("Status", "", _REVISION_STATUS_LABEL[values.status]),
                        FieldChange("Revision date", "", values.revision_date.isoformat()),  # type: ignore[union-attr]
                        FieldChange("Change summary", "", values.summary),
                    ),
                )
            )
        context.tick(len(table.rows) % _TICK)
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            ids = {
                code_key(code): doc_id
                for doc_id, code in raw_rows(session, select(Document.id, Document.code))
            }
            new = []
            for op in ops:
                doc_id = ids.get(code_key(op.code))
                if doc_id is None:
                    missing = QmsError(f"there is no document {op.code} (row {op.row}).")
                    raise _during_apply(sheet, missing)
                new.append((doc_id, op.code, _recorded(op.values)))
            documents.insert_revisions(session, new, user)

        return SheetPlan(table.sheet, "Revisions", items, apply), problems


class _Reporter:
    """Collects a row's problems, leaving out cells refused while the sheet was read."""

    def __init__(self, table: SheetTable, row: TableRow) -> None:
        self.table, self.row = table, row
        self.problems: list[Problem] = []

    def __call__(self, key: str, message: str) -> None:
        if key not in self.row.bad:
            self.problems.append(self.table.problem(self.row.number, key, message))


def _cell_date(value: object) -> dt.date | None:
    """parse_date, with the common cases (a date cell, an empty cell) first: 90,000 a sheet."""
    if value.__class__ is dt.date:
        return value  # type: ignore[return-value]
    if value is None or value == "":
        return None
    return parse_date(value)


def _parse_revision(row: TableRow, report: Callable[[str, str], None]) -> _RevisionValues:
    values = row.values
    get = values.get
    texts = {}
    for key in ("label", "summary", "author", "approved_by", "attachment_name"):
        text = get(key)
        text = text.strip() if text else ""  # type: ignore[attr-defined]
        limit = _TEXT_LIMITS.get(key)
        if limit is not None and len(text) > limit:
            report(key, f"This value is {len(text)} characters long; at most {limit} are allowed.")
        texts[key] = text
    dates: dict[str, dt.date | None] = {}
    for key in ("revision_date", "approved_on", "effective_date"):
        try:
            dates[key] = _cell_date(get(key))
        except ValueError as exc:
            report(key, str(exc))
            dates[key] = None
        else:
            if key == "revision_date" and dates[key] is None:
                report(key, "A revision date is required here.")
    status_text = clean(get("status"))
    status = None  # empty: a new revision is a draft, a recorded one keeps its status
    if status_text:
        status = _REVISION_STATUS.get(status_text) or _REVISION_STATUS.get(
            " ".join(fold(status_text).split())
        )
        if status is None:
            report(
                "status",
                f"'{status_text}' is not a revision status. Use one of: "
                f"{', '.join(_REVISION_STATUSES)}.",
            )
    sha = clean(get("attachment_sha256")).lower()
    if sha and not _SHA256.fullmatch(sha):
        report(
            "attachment_sha256",
            "A SHA-256 checksum is 64 characters, digits 0-9 and letters a-f.",
        )
    elif bool(sha) != bool(texts["attachment_name"]):
        report(
            "attachment_sha256" if not sha else "attachment_name",
            "An attachment needs both its name and its SHA-256 checksum.",
        )
    return _RevisionValues(
        texts["label"],
        dates["revision_date"],
        status,
        texts["summary"],
        texts["author"],
        texts["approved_by"],
        dates["approved_on"],
        dates["effective_date"],
        texts["attachment_name"],
        sha,
    )


def _differences(
    table: SheetTable, recorded: _RevisionValues, values: _RevisionValues
) -> list[tuple[str, str]]:
    """(column key, recorded value) for every column present whose value differs."""
    out = []
    for name in _RevisionValues._fields:
        key = name
        if not table.has(key):
            continue
        old, new = getattr(recorded, name), getattr(values, name)
        if name == "label" or (name == "status" and new is None):
            continue  # labels match case-insensitively, as in the app; no status keeps it
        if old != new:
            out.append((key, _display(name, old)))
    return out


def _recorded(v: _RevisionValues) -> documents.RecordedRevision:
    assert v.revision_date is not None and v.status is not None
    return documents.RecordedRevision(
        label=v.label,
        revision_date=v.revision_date,
        status=v.status,
        summary=v.summary,
        author=v.author,
        approved_by=v.approved_by,
        approved_on=v.approved_on,
        effective_date=v.effective_date,
        attachment_name=v.attachment_name,
        attachment_path=_stored_path(v.attachment_name, v.attachment_sha256),
        attachment_sha256=v.attachment_sha256,
    )


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [DocumentsImporter(), RevisionsImporter()]
