"""A document register's revisions in Excel: the sheet "Revisions" (one row per revision, keyed by
document code and revision label), its rows for the export, and its importer.

It is part of the document register (see :mod:`qmsdesk.core.exchange.documents_xlsx`, which
writes it beside the "Documents" sheet); an import adds new revisions and refuses changes to
recorded ones. Every rule comes from :mod:`qmsdesk.core.documents`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import select

from qmsdesk.core import documents, history
from qmsdesk.core.dates import parse_date
from qmsdesk.core.db.fast import converted_once, raw_rows
from qmsdesk.core.db.models import DocStatus, DocType, Document, Revision, RevisionStatus
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.workbook import (
    Column,
    ColumnKind,
    SheetSpec,
    SheetTable,
    TableRow,
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
    field_change,
    new_key,
)
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_REVISION_STATUSES = tuple(documents.REVISION_STATUS_LABELS.values())
_DATE = "A date: a date cell, or text such as 2026-03-01 or 01/03/2026 (day first)."
#: The name of the register's other sheet (documents_xlsx.DOCUMENTS), which revisions refer to.
DOCUMENTS_SHEET = "Documents"

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

_REVISION_STATUS_LABEL = {s.value: label for s, label in documents.REVISION_STATUS_LABELS.items()}

_REVISION_COLUMNS = [
    Document.code,
    *(getattr(Revision, c.key) for c in REVISIONS.columns[1:]),
]


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


# --- import ----------------------------------------------------------------------------------

SHEET_CODES = "documents.sheet_codes"  # PlanContext.shared: code keys on the Documents sheet
_TICK = 500


def code_key(code: str) -> str:
    """Codes that differ only in case are the same code, as the core's services see them."""
    return fold(code)


_REVISION_STATUS_BY_VALUE = {m.value: m for m in RevisionStatus}


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


class _RevisionsRun(NamedTuple):
    doc_ids: dict[str, int]
    codes: set[str]  # code keys on the Documents sheet
    check_codes: bool  # False when the Documents sheet could not be read
    in_force: Counter[tuple[str, RevisionStatus]]  # (code key, draft or effective) -> revisions
    compared: list[tuple[str, int]]  # the columns present and their places in _RevisionValues


_RevisionKey = tuple[str, str]  # (code key, folded label)
_Revisions = KeyedRun[_ExistingRevisions]


class RevisionsImporter(
    KeyedImporter[_ExistingRevisions, _RevisionKey, _RevisionValues, _RevisionValues]
):
    spec = REVISIONS
    order = 20
    title = "Revisions"
    tick_every = _TICK
    duplicates = Duplicates.AFTER_PARSE
    parse_keyless = True

    def existing(self, session: Session) -> _ExistingRevisions:
        return _existing_revisions(session)

    def begin(self, run: _Revisions) -> None:
        doc_ids, existing = run.held
        present = [c.key for c in REVISIONS.columns if c.key != "code" and run.table.has(c.key)]
        run.state = _RevisionsRun(
            doc_ids,
            run.context.shared.get(SHEET_CODES, set()),
            DOCUMENTS_SHEET not in run.context.unreadable,
            Counter((key[0], v.status) for key, v in existing.items() if v.status is not None),
            [(n, _RevisionValues._fields.index(n)) for n in present],
        )

    def lookup(self, run: _Revisions) -> Callable[[_RevisionKey], _RevisionValues | None]:
        return run.held[1].get

    def row_key(self, run: _Revisions, row: TableRow) -> RowKey[_RevisionKey] | None:
        # Text cells come as str ("" when empty): the sheet reader made them so.
        values: dict[str, Any] = row.values
        code, label = values["code"].strip(), values["label"].strip()
        if not code or not label:
            return None
        return new_key(((code_key(code), fold(label)), f"{code} rev. {label}", code))

    def as_exported(self, run: _Revisions, row: TableRow, stored: _RevisionValues) -> bool:
        """Whether the row's cells (the columns present) are those of the recorded revision as
        its exported row reads back: the usual case when a workbook comes back."""
        values = row.values
        for name, index in run.state.compared:
            recorded = stored[index]
            if recorded is None:
                recorded = ""
            elif index == _STATUS_AT:
                recorded = documents.REVISION_STATUS_LABELS[recorded]  # type: ignore[index]
            if values[name] != recorded:
                return False
        return True

    def check_key(
        self,
        run: _Revisions,
        row: TableRow,
        key: RowKey[_RevisionKey] | None,
        report: RowReport,
    ) -> None:
        state: _RevisionsRun = run.state
        if key is not None:  # code and label are there
            code, ck, label = key.text, key.key[0], True
        else:
            values: dict[str, Any] = row.values
            code, label = values["code"].strip(), bool(values["label"].strip())
            ck = code_key(code)
        if not code:
            report("code", "A document code is required here.")
        elif state.check_codes and ck not in state.doc_ids and ck not in state.codes:
            report(
                "code",
                f"There is no document '{code}', neither in QMS Desk nor on the "
                "'Documents' sheet. Add the document first, or correct the code.",
            )
        if not label:
            report("label", "A revision label is required here (for example B or 03).")

    def duplicate_message(
        self, run: _Revisions, row: TableRow, key: RowKey[_RevisionKey], first: int
    ) -> tuple[str, str]:
        label = str(row.values["label"]).strip()
        return (
            "label",
            f"Revision {label} of {key.text} is on row {first} too; each revision "
            f"goes on one row only (rows {first} and {row.number}).",
        )

    def parse(
        self,
        run: _Revisions,
        row: TableRow,
        stored: _RevisionValues | None,
        report: RowReport,
    ) -> _RevisionValues:
        return _parse_revision(row, report)

    def changing(
        self,
        run: _Revisions,
        row: TableRow,
        key: RowKey[_RevisionKey],
        stored: _RevisionValues,
        fields: _RevisionValues,
        report: RowReport,
    ) -> tuple[_RevisionValues, Changes] | None:
        differs = [] if stored == fields else _differences(run.table, stored, fields)
        for column_key, old in differs:
            report.always(
                column_key,
                f"Revision {stored.label} of {key.text} is recorded with "
                f"{repr(old) if old else 'nothing'} here. An import adds new "
                "revisions but does not change recorded ones: put back the recorded "
                "value, or leave the row out.",
            )
        return None if differs else (fields, ())

    def adding(
        self,
        run: _Revisions,
        row: TableRow,
        key: RowKey[_RevisionKey],
        fields: _RevisionValues,
        report: RowReport,
    ) -> tuple[_RevisionValues, Changes] | None:
        status = fields.status or RevisionStatus.DRAFT
        if status in (RevisionStatus.DRAFT, RevisionStatus.EFFECTIVE):
            in_force = run.state.in_force
            slot = (key.key[0], status)
            if in_force[slot]:
                word = documents.REVISION_STATUS_LABELS[status].lower()
                report.always(
                    "status",
                    f"{key.text} would have two {word} revisions; a document has at most "
                    "one. Mark the older one Superseded.",
                )
                return None
            in_force[slot] += 1
        on = fields.revision_date
        assert on is not None  # _parse_revision reports a missing one
        if fields.status is None:
            fields = fields._replace(status=status)
        return fields, (
            field_change(("Status", "", _REVISION_STATUS_LABEL[status])),
            field_change(("Revision date", "", on.isoformat())),
            field_change(("Change summary", "", fields.summary)),
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_RevisionKey, _RevisionValues]],
        changed: list[Changed[_RevisionKey, _RevisionValues, _RevisionValues]],
    ) -> None:
        ids = {
            code_key(code): doc_id
            for doc_id, code in raw_rows(session, select(Document.id, Document.code))
        }
        new = []
        for op in added:
            doc_id = ids.get(op.key.key[0])
            if doc_id is None:
                raise QmsError(f"there is no document {op.key.text} (row {op.row}).")
            new.append((doc_id, op.key.text, _recorded(op.fields)))
        documents.insert_revisions(session, new, user)


def _cell_date(value: object) -> dt.date | None:
    """parse_date, with the common cases (a date cell, an empty cell) first: 90,000 a sheet."""
    if value.__class__ is dt.date:
        return value
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
