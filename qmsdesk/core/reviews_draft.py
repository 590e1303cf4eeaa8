"""The drafting of a review's inputs, now in :mod:`qmsdesk.core.reviews.draft`.

Kept so that callers find its names where they always were.
"""

from __future__ import annotations

from qmsdesk.core.reviews.draft import (
    ACTION_STATUS_LABELS,
    CLASS_LABELS,
    DUE_SOON_DAYS,
    SOURCE_LABELS,
    TABLE_ROWS,
    ActionStats,
    Draft,
    Drafter,
    Drafters,
    Period,
    Table,
    day_text,
    draft_audits,
    draft_corrective,
    draft_documents,
    draft_improvements,
    draft_previous_actions,
    draft_source,
    draft_training,
    drafters,
    limited,
    period_text,
    plural,
    stored_day,
)

__all__ = [
    "ACTION_STATUS_LABELS",
    "CLASS_LABELS",
    "DUE_SOON_DAYS",
    "SOURCE_LABELS",
    "TABLE_ROWS",
    "ActionStats",
    "Draft",
    "Drafter",
    "Drafters",
    "Period",
    "Table",
    "day_text",
    "draft_audits",
    "draft_corrective",
    "draft_documents",
    "draft_improvements",
    "draft_previous_actions",
    "draft_source",
    "draft_training",
    "drafters",
    "limited",
    "period_text",
    "plural",
    "stored_day",
]
