"""Which register drafts which input of a management review (clause 9.3.2).

Each drafter reads one register for the period a review covers (see :mod:`.drafting`); they live
one module per register (``draft_*``). Their names are all found here, as they were in the one
module they came from.
"""

from __future__ import annotations

from qmsdesk.core.db.models_audits import ActionSource
from qmsdesk.core.reviews.draft_actions import (
    ACTION_STATUS_LABELS,
    SOURCE_LABELS,
    ActionStats,
    draft_corrective,
    draft_previous_actions,
    draft_source,
)
from qmsdesk.core.reviews.draft_audits import CLASS_LABELS, draft_audits, draft_improvements
from qmsdesk.core.reviews.draft_context import draft_context
from qmsdesk.core.reviews.draft_documents import DUE_SOON_DAYS, draft_documents
from qmsdesk.core.reviews.draft_feedback import draft_feedback
from qmsdesk.core.reviews.draft_planning import (
    draft_measurements,
    draft_objectives,
    draft_risk_actions,
)
from qmsdesk.core.reviews.draft_training import draft_training
from qmsdesk.core.reviews.drafting import (
    TABLE_ROWS,
    Draft,
    Drafter,
    Drafters,
    Period,
    Table,
    day_text,
    days_late,
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
    "days_late",
    "draft_audits",
    "draft_context",
    "draft_corrective",
    "draft_documents",
    "draft_feedback",
    "draft_improvements",
    "draft_measurements",
    "draft_objectives",
    "draft_previous_actions",
    "draft_risk_actions",
    "draft_source",
    "draft_training",
    "drafters",
    "limited",
    "period_text",
    "plural",
    "stored_day",
]


def drafters() -> Drafters:
    """Which register drafts which agenda item."""
    found = Drafters()
    found.add("9.3.2 a", draft_previous_actions)
    found.add("9.3.2 b", draft_context)
    found.add("9.3.2 c 1", draft_feedback)  # the feedback itself, then the actions it raised
    found.add(
        "9.3.2 c 1",
        draft_source(ActionSource.CUSTOMER_COMPLAINT, "customer complaint", "customer complaints"),
    )
    found.add(
        "9.3.2 c 3",
        draft_source(ActionSource.PROCESS_NC, "process nonconformity", "process nonconformities"),
    )
    found.add("9.3.2 c 2", draft_objectives)
    found.add("9.3.2 c 4", draft_corrective)
    found.add("9.3.2 c 5", draft_measurements)
    found.add("9.3.2 c 6", draft_audits)
    found.add(
        "9.3.2 c 7", draft_source(ActionSource.SUPPLIER, "supplier action", "supplier actions")
    )
    found.add("9.3.2 d", draft_training)
    found.add("9.3.2 e", draft_risk_actions)
    found.add("9.3.2 f", draft_improvements)
    found.add("7.5", draft_documents)
    return found
