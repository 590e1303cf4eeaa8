"""The risks and opportunities register (ISO 9001:2015 clause 6.1).

Each risk or opportunity arises from a context issue, an interested party or a process, is rated
on the company's scale (likelihood x consequence, default 1-5 each; levels from the company's
thresholds), treated (accept, reduce, avoid, share; pursue for opportunities) by actions in the
shared actions register (source kind "risk"), rated again after treatment, reviewed on a date, and
the effectiveness of its actions reviewed (date, by whom, outcome) for management review input e.

The parts, each importing only those before it: :mod:`.scale` (the company's scale and levels),
:mod:`.vocab` (labels, the field vocabulary, parsers), :mod:`.rules` (the fields and their rules),
:mod:`.reading` (rows, heat map, due items, search) and :mod:`.writing` (changes).
"""

from __future__ import annotations

from qmsdesk.core.db.models_risks import ReviewOutcome, Risk, RiskKind, RiskSourceKind, Treatment
from qmsdesk.core.risks.reading import (
    REGISTER,
    SORT_KEYS,
    HeatMap,
    Links,
    ReviewRow,
    RiskCounts,
    RiskQuery,
    RiskRow,
    action_refs,
    all_rows,
    counts,
    due_items,
    fetch_rows,
    find,
    get_row,
    heat_map,
    history_of,
    id_for_reference,
    links,
    query_ids,
    reviews_of,
)
from qmsdesk.core.risks.rules import FIELD_NAMES, ReviewFields, RiskFields, check_review, check_risk
from qmsdesk.core.risks.scale import (
    LEVEL_LABELS,
    Level,
    RiskScale,
    get_scale,
    scale_range,
    set_scale,
)
from qmsdesk.core.risks.vocab import (
    ENTITY,
    FIELD_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    PREFIXES,
    REVIEW_VOCAB,
    RISK_VOCAB,
    SOURCE_LABELS,
    TREATMENT_LABELS,
    parse_kind,
    parse_outcome,
    parse_source,
    parse_treatment,
)
from qmsdesk.core.risks.writing import (
    add_review,
    create_risk,
    delete_risk,
    link_problems,
    next_reference,
    raise_action,
    save_many,
    update_risk,
)

__all__ = [
    "ENTITY",
    "FIELD_LABELS",
    "FIELD_NAMES",
    "KIND_LABELS",
    "LEVEL_LABELS",
    "OUTCOME_LABELS",
    "PREFIXES",
    "REGISTER",
    "REVIEW_VOCAB",
    "RISK_VOCAB",
    "SORT_KEYS",
    "SOURCE_LABELS",
    "TREATMENT_LABELS",
    "HeatMap",
    "Level",
    "Links",
    "ReviewFields",
    "ReviewOutcome",
    "ReviewRow",
    "Risk",
    "RiskCounts",
    "RiskFields",
    "RiskKind",
    "RiskQuery",
    "RiskRow",
    "RiskScale",
    "RiskSourceKind",
    "Treatment",
    "action_refs",
    "add_review",
    "all_rows",
    "check_review",
    "check_risk",
    "counts",
    "create_risk",
    "delete_risk",
    "due_items",
    "fetch_rows",
    "find",
    "get_row",
    "get_scale",
    "heat_map",
    "history_of",
    "id_for_reference",
    "link_problems",
    "links",
    "next_reference",
    "parse_kind",
    "parse_outcome",
    "parse_source",
    "parse_treatment",
    "query_ids",
    "raise_action",
    "reviews_of",
    "save_many",
    "scale_range",
    "set_scale",
    "update_risk",
]
