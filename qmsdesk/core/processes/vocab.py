"""The register of processes' words (ISO 9001:2015 clause 4.4): the kinds (the bands of the
process map), the field vocabularies of a process and of its inputs and outputs, the parsers."""

from __future__ import annotations

from qmsdesk.core.db.models_planning import FlowDirection, ProcessKind
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, fold

ENTITY = "process"

KIND_LABELS: dict[ProcessKind, str] = {
    ProcessKind.MANAGEMENT: "Management",
    ProcessKind.CORE: "Core",
    ProcessKind.SUPPORT: "Support",
}
#: The bands of the process map, top to bottom.
BANDS = (ProcessKind.MANAGEMENT, ProcessKind.CORE, ProcessKind.SUPPORT)
DIRECTION_LABELS: dict[FlowDirection, str] = {
    FlowDirection.INPUT: "Input",
    FlowDirection.OUTPUT: "Output",
}
MAX_LENGTHS = {"code": 20, "name": 120}
FLOW_MAX = {"what": 200, "other": 120}

PROCESS_VOCAB = Vocabulary(
    "processes",
    (
        Field("code", "Code", "A short code for the process, such as SALES.", required=True),
        Field(
            "name",
            "Process",
            "The process's name, such as Sales and contract review.",
            required=True,
        ),
        Field(
            "kind",
            "Kind",
            "Management (steers the system), core (makes what the customer buys) or support "
            "(keeps the others running).",
            FieldKind.CHOICE,
            tuple(KIND_LABELS.values()),
        ),
        Field("owner_id", "Owner", "Who answers for the process and its results."),
        Field("purpose", "Purpose", "What the process is there to achieve.", FieldKind.LONG_TEXT),
        Field(
            "resources",
            "Resources",
            "What it needs: people, machines, software, premises.",
            FieldKind.LONG_TEXT,
        ),
        Field(
            "responsibilities",
            "Responsibilities",
            "Who does what in it (roles rather than names).",
            FieldKind.LONG_TEXT,
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
        Field(
            "position",
            "Order on the map",
            "Where the process stands in its band of the process map (1 comes first).",
            FieldKind.INTEGER,
            short="Order",
        ),
    ),
)
FIELD_LABELS = PROCESS_VOCAB.labels()

FLOW_VOCAB = Vocabulary(
    "process inputs and outputs",
    (
        Field("process", "Process", "The code of the process.", required=True),
        Field(
            "direction",
            "Input / output",
            "Input: what the process receives; output: what it gives.",
            FieldKind.CHOICE,
            tuple(DIRECTION_LABELS.values()),
            short="In / out",
        ),
        Field("what", "What", "The input or output, such as Confirmed order.", required=True),
        Field(
            "other",
            "From / to",
            "Where an input comes from or an output goes: another process (its code or name: a "
            "hand-over, drawn as an arrow on the map) or someone outside, such as Customer.",
        ),
    ),
)
FLOW_LABELS = FLOW_VOCAB.labels()


def parse_kind(text: object) -> ProcessKind:
    key = fold(clean(text))
    for kind, label in KIND_LABELS.items():
        if key in (kind.value, fold(label), f"{fold(label)} process"):
            return kind
    aliases = {"main": ProcessKind.CORE, "operational": ProcessKind.CORE,
               "supporting": ProcessKind.SUPPORT, "leadership": ProcessKind.MANAGEMENT}  # fmt: skip
    if key in aliases:
        return aliases[key]
    raise ValueError(f"'{clean(text)}': write Management, Core or Support.")


def parse_direction(text: object) -> FlowDirection:
    key = fold(clean(text))
    if key in ("input", "in", "inputs"):
        return FlowDirection.INPUT
    if key in ("output", "out", "outputs"):
        return FlowDirection.OUTPUT
    raise ValueError(f"'{clean(text)}': write Input or Output.")
