"""Management reviews (ISO 9001:2015 clause 9.3): services take a session, return plain data.

Callers own the transaction (``with db.write() as session:``). A review is planned, then held, then
its minutes are approved, which makes it read-only: every service that changes a review refuses an
approved one with a message saying how to change it (a new revision of the minutes), before it
changes anything. Approval keeps a copy of the minutes as approved (``review_minutes``), so that
the approved minutes print the same for ever.

Each agenda input keeps the lead's narrative apart from the summary drafted from the registers
(:mod:`.draft`): :func:`refresh_drafts` rewrites the summaries only.
Decisions (clause 9.3.3) create actions in the shared actions register, which names the decision
as their source; the next review's section 9.3.2 a reports their status.

The package's parts, each importing only those before it: :mod:`.drafting` (a draft, its tables,
the period) and the drafters of each register (``draft_*``, put together by :mod:`.draft`),
:mod:`.minutes_data` (the minutes as plain data), :mod:`.vocab` (statuses, labels, the rules of
the fields), :mod:`.reading`, :mod:`.meetings` (the meeting, its attendance and inputs) and
:mod:`.outcomes` (decisions, their actions, the approval of the minutes). Every name is found
here, as it always was.
"""

from __future__ import annotations

from qmsdesk.core.reviews.conclusion import (
    CONCLUSION_FIELDS,
    CONCLUSION_HELP,
    CONCLUSION_LABELS,
    Conclusion,
    approval_problems,
    set_conclusion,
    set_nothing_to_report,
)
from qmsdesk.core.reviews.draft import Draft, Period, Table, day_text, drafters
from qmsdesk.core.reviews.meetings import (
    create_review,
    delete_review,
    draft_inputs,
    mark_held,
    refresh_drafts,
    set_attendance,
    set_narrative,
    set_narratives,
    update_review,
)
from qmsdesk.core.reviews.minutes_data import (
    AgendaItem,
    Minutes,
    MinutesAction,
    MinutesDecision,
    MinutesInput,
    agenda_item,
    inputs,
    outputs,
)
from qmsdesk.core.reviews.outcomes import (
    ReviewActionFields,
    add_action,
    add_decision,
    approve,
    delete_decision,
    new_revision,
    remove_action,
    update_action,
    update_decision,
)
from qmsdesk.core.reviews.reading import (
    ApprovedRevision,
    AttendanceRow,
    DecisionRow,
    ReviewActionRow,
    ReviewRow,
    SectionRow,
    all_reviews,
    approved_revisions,
    attendance,
    decisions,
    get_review,
    history_of,
    minutes,
    next_reference,
    printable_minutes,
    resolve,
    review_actions,
    sections,
    suggest_fields,
)
from qmsdesk.core.reviews.vocab import (
    ENTITY,
    FIELD_LABELS,
    FIELD_NAMES,
    MAX_LENGTHS,
    PERIOD_MAX_DAYS,
    STATUS_LABELS,
    ReviewFields,
    check_fields,
)

__all__ = [
    "CONCLUSION_FIELDS",
    "CONCLUSION_HELP",
    "CONCLUSION_LABELS",
    "ENTITY",
    "FIELD_LABELS",
    "FIELD_NAMES",
    "MAX_LENGTHS",
    "PERIOD_MAX_DAYS",
    "STATUS_LABELS",
    "AgendaItem",
    "ApprovedRevision",
    "AttendanceRow",
    "Conclusion",
    "DecisionRow",
    "Draft",
    "Minutes",
    "MinutesAction",
    "MinutesDecision",
    "MinutesInput",
    "Period",
    "ReviewActionFields",
    "ReviewActionRow",
    "ReviewFields",
    "ReviewRow",
    "SectionRow",
    "Table",
    "add_action",
    "add_decision",
    "agenda_item",
    "all_reviews",
    "approval_problems",
    "approve",
    "approved_revisions",
    "attendance",
    "check_fields",
    "create_review",
    "day_text",
    "decisions",
    "delete_decision",
    "delete_review",
    "draft_inputs",
    "drafters",
    "get_review",
    "history_of",
    "inputs",
    "mark_held",
    "minutes",
    "new_revision",
    "next_reference",
    "outputs",
    "printable_minutes",
    "refresh_drafts",
    "remove_action",
    "resolve",
    "review_actions",
    "sections",
    "set_attendance",
    "set_conclusion",
    "set_narrative",
    "set_narratives",
    "set_nothing_to_report",
    "suggest_fields",
    "update_action",
    "update_decision",
    "update_review",
]
