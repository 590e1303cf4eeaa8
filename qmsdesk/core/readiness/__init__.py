"""Readiness for the certification audit, clause by clause, from the records themselves; the
getting-started checklist of a new company file; the mock certification audit."""

from qmsdesk.core.readiness.engine import (
    LAST_SEEN_KEY,
    Catalogue,
    Rule,
    catalogue_path,
    evaluate,
    last_seen,
    load_catalogue,
    remember_seen,
)
from qmsdesk.core.readiness.model import (
    STATE_LABELS,
    ClauseResult,
    Evidence,
    Outcome,
    Readiness,
    State,
)

__all__ = [
    "LAST_SEEN_KEY",
    "STATE_LABELS",
    "Catalogue",
    "ClauseResult",
    "Evidence",
    "Outcome",
    "Readiness",
    "Rule",
    "State",
    "catalogue_path",
    "evaluate",
    "last_seen",
    "load_catalogue",
    "remember_seen",
]
