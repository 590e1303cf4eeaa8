"""Planned changes (ISO 9001:2015 clauses 6.3 and 8.5.6): what changes and why, its impact on the
quality system and on products, who approved it and when, the actions it needs, and the review
of its results after it was made.

A change goes proposed -> approved -> implemented -> reviewed (or rejected); each step asks for
what it says happened. The parts: :mod:`.rules` (words, fields, checks) and :mod:`.register`
(reading and writing).
"""

from __future__ import annotations

from qmsdesk.core.changes.register import (
    SORT_KEYS,
    ChangeQuery,
    ChangeRow,
    all_rows,
    create_change,
    delete_change,
    due_items,
    fetch_rows,
    find,
    get_row,
    id_for_reference,
    query_ids,
    save_many,
    update_change,
)
from qmsdesk.core.changes.rules import (
    CHANGE_FIELDS,
    CHANGE_VOCAB,
    ENTITY,
    FIELD_LABELS,
    REVIEW_MONTHS,
    SCOPE_LABELS,
    STATUS_LABELS,
    ChangeFields,
    change_from_values,
    check_change,
    parse_scope,
    parse_status,
)
from qmsdesk.core.db.models_changes import ChangeScope, ChangeStatus, PlannedChange

__all__ = [
    "CHANGE_FIELDS",
    "CHANGE_VOCAB",
    "ENTITY",
    "FIELD_LABELS",
    "REVIEW_MONTHS",
    "SCOPE_LABELS",
    "SORT_KEYS",
    "STATUS_LABELS",
    "ChangeFields",
    "ChangeQuery",
    "ChangeRow",
    "ChangeScope",
    "ChangeStatus",
    "PlannedChange",
    "all_rows",
    "change_from_values",
    "check_change",
    "create_change",
    "delete_change",
    "due_items",
    "fetch_rows",
    "find",
    "get_row",
    "id_for_reference",
    "parse_scope",
    "parse_status",
    "query_ids",
    "save_many",
    "update_change",
]
