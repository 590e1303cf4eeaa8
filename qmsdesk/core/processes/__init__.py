"""The register of processes (ISO 9001:2015 clause 4.4): the process map the quality lead draws.

Each process has an owner, a purpose, a kind (management, core or support: the bands of the
map), its inputs and where they come from, its outputs and where they go (another process: a
hand-over, an arrow of the map; or someone outside), its resources and responsibilities, and the
documents of the register that describe it. Documents, actions and audits name their process by
code or name and are kept linked to it (:mod:`.links`).

The parts, each importing only those before it: :mod:`.vocab`, :mod:`.checks`, :mod:`.links`,
:mod:`.reading`, :mod:`.writing`.
"""

from __future__ import annotations

from qmsdesk.core.db.models_planning import FlowDirection, ProcessKind
from qmsdesk.core.processes.checks import (
    FIELD_NAMES,
    FlowFields,
    ProcessFields,
    check_flow,
    check_process,
    fields_from_values,
    flow_from_values,
)
from qmsdesk.core.processes.links import (
    link_id,
    name_index,
    name_key,
    process_link,
    relink,
    set_audit_processes,
    unknown_message,
    unknown_names,
)
from qmsdesk.core.processes.reading import (
    FlowRow,
    Handover,
    LinkedRecord,
    ProcessLinks,
    ProcessMap,
    ProcessRow,
    Turtle,
    all_flows,
    all_processes,
    choices,
    counts_by_process,
    documents_of,
    find,
    flows_of,
    get_process,
    handovers,
    history_of,
    id_for_code,
    objectives_and_risks,
    process_id_for_name,
    process_map,
    turtle,
)
from qmsdesk.core.processes.vocab import (
    BANDS,
    DIRECTION_LABELS,
    ENTITY,
    FIELD_LABELS,
    FLOW_LABELS,
    FLOW_VOCAB,
    KIND_LABELS,
    PROCESS_VOCAB,
    parse_direction,
    parse_kind,
)
from qmsdesk.core.processes.writing import (
    create_process,
    delete_process,
    save_many,
    set_flows,
    update_process,
)

__all__ = [
    "BANDS",
    "DIRECTION_LABELS",
    "ENTITY",
    "FIELD_LABELS",
    "FIELD_NAMES",
    "FLOW_LABELS",
    "FLOW_VOCAB",
    "KIND_LABELS",
    "PROCESS_VOCAB",
    "FlowDirection",
    "FlowFields",
    "FlowRow",
    "Handover",
    "LinkedRecord",
    "ProcessFields",
    "ProcessKind",
    "ProcessLinks",
    "ProcessMap",
    "ProcessRow",
    "Turtle",
    "all_flows",
    "all_processes",
    "check_flow",
    "check_process",
    "choices",
    "counts_by_process",
    "create_process",
    "delete_process",
    "documents_of",
    "fields_from_values",
    "find",
    "flow_from_values",
    "flows_of",
    "get_process",
    "handovers",
    "history_of",
    "id_for_code",
    "link_id",
    "name_index",
    "name_key",
    "objectives_and_risks",
    "parse_direction",
    "parse_kind",
    "process_id_for_name",
    "process_link",
    "process_map",
    "relink",
    "save_many",
    "set_audit_processes",
    "set_flows",
    "turtle",
    "unknown_message",
    "unknown_names",
    "update_process",
]
