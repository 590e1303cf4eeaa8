"""The document register in Excel: export (or a blank template) and the importers of its sheets.

Sheets: "Documents" (one row per document, keyed by code) and "Revisions" (one row per revision,
keyed by document code and revision label), then a "Read me" sheet. Every rule a document's fields
obey comes from :mod:`qmsdesk.core.documents` (``fields_from_values`` / ``check_fields``); this
module only maps columns to fields and problems back to the headers the user wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import select

from qmsdesk.core import company, documents, processes
from qmsdesk.core.dates import DATE_HELP, today
from qmsdesk.core.db.fast import converted_once, raw_rows
from qmsdesk.core.db.models import DocStatus, DocType, Document
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.revisions_xlsx import (
    _TICK,
    REVISIONS,
    SHEET_CODES,
    RevisionsImporter,
    _display,
    _revision_rows,
    code_key,
)
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
    field_change,
    new_key,
)
from qmsdesk.core.text import clean_code

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

# --- export ----------------------------------------------------------------------------------

_TYPE_LABEL = {t.value: label for t, label in documents.TYPE_LABELS.items()}
_STATUS_LABEL = {s.value: label for s, label in documents.STATUS_LABELS.items()}

_DOCUMENT_COLUMNS = [getattr(Document, c.key) for c in DOCUMENTS.columns]


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
        company=company_name,
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

# Stored enum values to members: a dict look-up costs a tenth of calling the enum.
_TYPE_BY_VALUE = {m.value: m for m in DocType}
_STATUS_BY_VALUE = {m.value: m for m in DocStatus}


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


def _as_raw(f: documents.DocumentFields, name: str) -> object:
    """A stored field as fields_from_values takes it back."""
    value = getattr(f, name)
    return ", ".join(value) if name == "clauses" else value


def _added(f: documents.DocumentFields) -> tuple[FieldChange, ...]:
    """What the preview shows of a new document."""
    return (
        field_change((_L["title"], "", f.title)),
        field_change((_L["doc_type"], "", documents.TYPE_LABELS[f.doc_type])),
        field_change((_L["status"], "", documents.STATUS_LABELS[f.status])),
    )


def _message(text: str) -> str:
    # Some core messages read after a field name ("is 200 characters long; ..."): give them one.
    return f"This value {text}" if text[:1].islower() else text


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _DocumentsRun(NamedTuple):
    present: list[str]  # the document fields the sheet has columns for
    codes: set[str]  # code keys on the sheet (for the Revisions sheet)
    cells: Callable[[dict[str, Any]], object]  # the present fields' values, to compare at once
    processes: dict[str, int]  # the register of processes, by code and name


class DocumentsImporter(KeyedImporter[dict[str, _Stored], str, _Stored, documents.DocumentFields]):
    spec = DOCUMENTS
    order = 10
    title = "Documents"
    tick_every = _TICK

    def existing(self, session: Session) -> dict[str, _Stored]:
        return _existing_documents(session)

    def begin(self, run: KeyedRun[dict[str, _Stored]]) -> None:
        present = [n for n in documents.FIELD_NAMES if run.table.has(n)]  # "code" at least
        run.state = _DocumentsRun(
            present, set(), itemgetter(*present), processes.name_index(run.session)
        )
        run.context.shared[SHEET_CODES] = run.state.codes

    def row_key(self, run: KeyedRun[dict[str, _Stored]], row: TableRow) -> RowKey[str] | None:
        code = clean_code(row.values.get("code"))
        if not code:
            return None
        key = code_key(code)
        run.state.codes.add(key)
        return new_key((key, code, code))

    def as_exported(
        self, run: KeyedRun[dict[str, _Stored]], row: TableRow, stored: _Stored
    ) -> bool:
        cells = run.state.cells  # one comparison of two tuples: 10,000 rows take this path
        return cells(row.values) == cells(stored.form)

    def check_key(
        self,
        run: KeyedRun[dict[str, _Stored]],
        row: TableRow,
        key: RowKey[str] | None,
        report: RowReport,
    ) -> None:
        if key is None:
            report("code", "A document code is required here.")

    def duplicate_message(
        self, run: KeyedRun[dict[str, _Stored]], row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return (
            "code",
            f"The code '{key.text}' is on row {first} too; each document goes on "
            f"one row only (rows {first} and {row.number}).",
        )

    def parse(
        self,
        run: KeyedRun[dict[str, _Stored]],
        row: TableRow,
        stored: _Stored | None,
        report: RowReport,
    ) -> documents.DocumentFields | None:
        values = row.values
        raw = {n: values[n] for n in run.state.present}
        if stored is not None:
            old = stored.fields
            if "status" in raw and _blank(raw["status"]):
                raw["status"] = old.status  # an empty status keeps the document's status
            raw = {n: _as_raw(old, n) for n in documents.FIELD_NAMES if n not in raw} | raw
        fields, field_problems = documents.fields_from_values(raw)
        for fp in field_problems:
            report(fp.field, _message(fp.message))
        if fields is not None and processes.unknown_names(run.state.processes, [fields.process]):
            report("process", processes.unknown_message(fields.process))
            return None
        return fields

    def adding(
        self,
        run: KeyedRun[dict[str, _Stored]],
        row: TableRow,
        key: RowKey[str],
        fields: documents.DocumentFields,
        report: RowReport,
    ) -> tuple[documents.DocumentFields, Changes]:
        return fields, _added(fields)

    def changing(
        self,
        run: KeyedRun[dict[str, _Stored]],
        row: TableRow,
        key: RowKey[str],
        stored: _Stored,
        fields: documents.DocumentFields,
        report: RowReport,
    ) -> tuple[documents.DocumentFields, Changes]:
        old = stored.fields
        return fields, tuple(
            FieldChange(_L[n], _display(n, getattr(old, n)), _display(n, getattr(fields, n)))
            for n in _changed(old, fields)
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, documents.DocumentFields]],
        changed: list[Changed[str, _Stored, documents.DocumentFields]],
    ) -> None:
        if changed:
            ids = [c.stored.doc_id for c in changed]
            now = {r.id: r.fields() for r in documents.fetch_rows(session, ids)}
            if len(now) != len(ids):
                raise QmsError("A document was deleted since the workbook was checked.")
            # Only the fields the row changes are written over the document as it is now.
            documents.update_many(
                session,
                [
                    (
                        c.stored.doc_id,
                        replace(
                            now[c.stored.doc_id],
                            **{
                                n: getattr(c.fields, n) for n in _changed(c.stored.fields, c.fields)
                            },
                        ),
                    )
                    for c in changed
                ],
                user,
            )
        documents.create_many(session, [a.fields for a in added], user)


def _changed(old: documents.DocumentFields, new: documents.DocumentFields) -> list[str]:
    return [n for n in documents.FIELD_NAMES if getattr(new, n) != getattr(old, n)]


__all__ = [
    "DOCUMENTS",
    "REVISIONS",
    "SHEET_CODES",
    "SHEET_IMPORTERS",
    "code_key",
    "export_documents",
]

#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [DocumentsImporter(), RevisionsImporter()]
