"""The document register (ISO 9001:2015 clause 7.5): services take a session, return plain data.

Callers own the transaction (``with db.write() as session:``), so that an import of many documents
is one transaction and a dialog's single change is another. Nothing here opens a dialog or imports
Qt.

The package's parts, each importing only those before it: :mod:`.rules` (the words for types and
statuses, the parsers, the rules a document's fields obey; no database), :mod:`.reading`,
:mod:`.writing` and :mod:`.revisions`. The plain data types and the words the first screen needs
are in :mod:`qmsdesk.core.vocab`. Every name is found here, as it always was.
"""

from __future__ import annotations

from qmsdesk.core.db.models import DocStatus, DocType, Document, Revision, RevisionStatus
from qmsdesk.core.documents.control import (
    PRE_QMS_APPROVER,
    Approval,
    approver_problem,
    status_problem,
)
from qmsdesk.core.documents.reading import (
    ENTITY,
    EVERYTHING,
    SORT_KEYS,
    all_revisions,
    all_rows,
    candidates,
    counts,
    fetch_rows,
    get_row,
    history_of,
    id_for_code,
    owners,
    processes,
    query_ids,
    revisions_of,
    search_texts,
)
from qmsdesk.core.documents.revisions import (
    RecordedRevision,
    RevisionFields,
    add_revision,
    approve_revision,
    insert_revisions,
)
from qmsdesk.core.documents.rules import (
    MAX_LENGTHS,
    REVIEW_MONTHS_MAX,
    check_fields,
    fields_from_values,
    parse_clauses,
    parse_months,
    parse_status,
    parse_type,
)
from qmsdesk.core.documents.writing import (
    FIELD_LABELS,
    create_document,
    create_many,
    delete_document,
    make_obsolete,
    mark_reviewed,
    next_review_date,
    row_fields,
    update_document,
    update_many,
)
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.vocab import (
    DOCUMENT_FIELDS,
    DUE_SOON_DAYS,
    FIELD_NAMES,
    REVISION_STATUS_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    Candidates,
    DocumentFields,
    DocumentQuery,
    DocumentRow,
    RegisterCounts,
    ReviewState,
    RevisionRow,
    review_state,
)

__all__ = [
    "DOCUMENT_FIELDS",
    "DUE_SOON_DAYS",
    "ENTITY",
    "EVERYTHING",
    "FIELD_LABELS",
    "FIELD_NAMES",
    "MAX_LENGTHS",
    "PRE_QMS_APPROVER",
    "REVIEW_MONTHS_MAX",
    "REVISION_STATUS_LABELS",
    "SORT_KEYS",
    "STATUS_LABELS",
    "TYPE_LABELS",
    "Approval",
    "Candidates",
    "DocStatus",
    "DocType",
    "Document",
    "DocumentFields",
    "DocumentQuery",
    "DocumentRow",
    "FieldProblem",
    "RecordedRevision",
    "RegisterCounts",
    "ReviewState",
    "Revision",
    "RevisionFields",
    "RevisionRow",
    "RevisionStatus",
    "add_revision",
    "all_revisions",
    "all_rows",
    "approve_revision",
    "approver_problem",
    "candidates",
    "check_fields",
    "counts",
    "create_document",
    "create_many",
    "delete_document",
    "fetch_rows",
    "fields_from_values",
    "get_row",
    "history_of",
    "id_for_code",
    "insert_revisions",
    "make_obsolete",
    "mark_reviewed",
    "next_review_date",
    "owners",
    "parse_clauses",
    "parse_months",
    "parse_status",
    "parse_type",
    "processes",
    "query_ids",
    "review_state",
    "revisions_of",
    "row_fields",
    "search_texts",
    "status_problem",
    "update_document",
    "update_many",
]
