"""The nonconforming outputs register (ISO 9001:2015 clause 8.7): what was found not to conform
(incoming, in process, at final inspection, at the customer), the disposition and who authorised
it, the customer's concession, the check after rework, the cost and the corrective action.

Parts: :mod:`.vocab`, :mod:`.checks`, :mod:`.reading`, :mod:`.writing`, :mod:`.shared_views`.
"""

from __future__ import annotations

from qmsdesk.core.db.models_nonconforming import Disposition, FoundAt, NonconformingOutput
from qmsdesk.core.nonconforming.checks import NC_FIELDS, NcFields, check_nc, nc_from_values
from qmsdesk.core.nonconforming.reading import (
    SORT_KEYS,
    Breakdown,
    NcQuery,
    NcRow,
    action_references,
    all_rows,
    breakdown,
    counts,
    fetch_rows,
    get_row,
    history_of,
    id_for_reference,
    query_ids,
    supplier_codes,
)
from qmsdesk.core.nonconforming.vocab import (
    DISPOSITION_LABELS,
    ENTITY,
    FIELD_LABELS,
    FOUND_LABELS,
    NC_VOCAB,
    REWORKED,
    parse_disposition,
    parse_found_at,
)
from qmsdesk.core.nonconforming.writing import (
    create_nc,
    delete_nc,
    next_reference,
    save_many,
    update_nc,
)

__all__ = [
    "DISPOSITION_LABELS",
    "ENTITY",
    "FIELD_LABELS",
    "FOUND_LABELS",
    "NC_FIELDS",
    "NC_VOCAB",
    "REWORKED",
    "SORT_KEYS",
    "Breakdown",
    "Disposition",
    "FoundAt",
    "NcFields",
    "NcQuery",
    "NcRow",
    "NonconformingOutput",
    "action_references",
    "all_rows",
    "breakdown",
    "check_nc",
    "counts",
    "create_nc",
    "delete_nc",
    "fetch_rows",
    "get_row",
    "history_of",
    "id_for_reference",
    "nc_from_values",
    "next_reference",
    "parse_disposition",
    "parse_found_at",
    "query_ids",
    "save_many",
    "supplier_codes",
    "update_nc",
]
