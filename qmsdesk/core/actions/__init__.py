"""The actions register (ISO 9001:2015 clause 10.2): one list of corrective and other actions.

Internal audits feed it with their nonconformities; management reviews, customer complaints and
process nonconformities feed it too. Each action says where it comes from (a source kind, a
reference people know it by, and the id of the record in the source's own table).

The life of an action: open -> in progress (someone is working on it) -> awaiting verification (the
action was carried out) -> closed, and closed only after someone checked, on a date, that it worked.
A check that finds it did not work sends it back to in progress. Services take a session and return
plain data; callers own the transaction.

The parts, each importing only those before it: :mod:`.vocab` (labels, the field vocabulary,
parsers), :mod:`.checks` (the fields a user edits and their rules), :mod:`.rows` (reading the
register) and :mod:`.writing` (changing it). Every name is found here, as it always was.
"""

from __future__ import annotations

from qmsdesk.core.actions.checks import FIELD_NAMES, ActionFields, check_action, fields_from_values
from qmsdesk.core.actions.rows import (
    SORT_KEYS,
    ActionQuery,
    ActionRow,
    PeriodReport,
    RegisterCounts,
    all_rows,
    counts,
    fetch_rows,
    for_source,
    get_row,
    history_of,
    id_for_reference,
    people_choices,
    period_report,
    query_ids,
    search_texts,
)
from qmsdesk.core.actions.vocab import (
    ACTION_VOCAB,
    DUE_SOON_DAYS,
    ENTITY,
    FIELD_LABELS,
    KIND_LABELS,
    MAX_LENGTHS,
    PREFIXES,
    SOURCE_LABELS,
    STATUS_LABELS,
    WHYS_MAX,
    DueState,
    due_state,
    parse_kind,
    parse_source,
    parse_status,
    parse_whys,
    whys_text,
)
from qmsdesk.core.actions.writing import (
    close_action,
    create_action,
    delete_action,
    next_reference,
    update_action,
    verify,
)
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionSource, ActionStatus

__all__ = [
    "ACTION_VOCAB",
    "DUE_SOON_DAYS",
    "ENTITY",
    "FIELD_LABELS",
    "FIELD_NAMES",
    "KIND_LABELS",
    "MAX_LENGTHS",
    "PREFIXES",
    "SORT_KEYS",
    "SOURCE_LABELS",
    "STATUS_LABELS",
    "WHYS_MAX",
    "Action",
    "ActionFields",
    "ActionKind",
    "ActionQuery",
    "ActionRow",
    "ActionSource",
    "ActionStatus",
    "DueState",
    "PeriodReport",
    "RegisterCounts",
    "all_rows",
    "check_action",
    "close_action",
    "counts",
    "create_action",
    "delete_action",
    "due_state",
    "fetch_rows",
    "fields_from_values",
    "for_source",
    "get_row",
    "history_of",
    "id_for_reference",
    "next_reference",
    "parse_kind",
    "parse_source",
    "parse_status",
    "parse_whys",
    "people_choices",
    "period_report",
    "query_ids",
    "search_texts",
    "update_action",
    "verify",
    "whys_text",
]
