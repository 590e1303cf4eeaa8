"""The nonconforming outputs register's words: where an output was found, the dispositions,
the field vocabulary and the parsers."""

from __future__ import annotations

from qmsdesk.core.choices import parse_choice
from qmsdesk.core.db.models_nonconforming import Disposition, FoundAt
from qmsdesk.core.fields import Field, FieldKind, Vocabulary

ENTITY = "nonconforming"
PREFIX = "NCR-"
MAX_LENGTHS = {"reference": 40, "product": 150, "authorised_by": 80, "concession_ref": 80}

FOUND_LABELS: dict[FoundAt, str] = {
    FoundAt.INCOMING: "Incoming",
    FoundAt.IN_PROCESS: "In process",
    FoundAt.FINAL: "Final inspection",
    FoundAt.CUSTOMER: "At the customer",
}
DISPOSITION_LABELS: dict[Disposition, str] = {
    Disposition.REWORK: "Rework",
    Disposition.REPAIR: "Repair",
    Disposition.SCRAP: "Scrap",
    Disposition.USE_AS_IS: "Use as is (concession)",
    Disposition.RETURN_TO_SUPPLIER: "Return to supplier",
    Disposition.REGRADE: "Regrade",
}
#: Dispositions after which the output is checked again before it goes on (clause 8.7.1).
REWORKED = frozenset({Disposition.REWORK, Disposition.REPAIR})

NC_VOCAB = Vocabulary(
    "nonconforming outputs",
    (
        Field(
            "reference",
            "Reference",
            "The NCR number, such as NCR-0118.",
            required=True,
            short="Ref.",
        ),
        Field(
            "found_on",
            "Found on",
            "The day it was found.",
            FieldKind.DATE,
            required=True,
            short="Found",
        ),
        Field(
            "found_at",
            "Where found",
            "Incoming, in process, final inspection or at the customer.",
            FieldKind.CHOICE,
            tuple(FOUND_LABELS.values()),
            short="Where",
        ),
        Field("product", "Product or part", "The part number, job or service.", short="Product"),
        Field("quantity", "Quantity", "How many are affected.", FieldKind.NUMBER, short="Qty"),
        Field(
            "description",
            "Description",
            "What does not conform, to what requirement.",
            FieldKind.LONG_TEXT,
        ),
        Field("supplier_id", "Supplier", "The supplier who delivered it (when found incoming)."),
        Field(
            "disposition",
            "Disposition",
            "What was decided: rework, repair, scrap, use as is under concession, return to "
            "supplier or regrade.",
            FieldKind.CHOICE,
            tuple(DISPOSITION_LABELS.values()),
        ),
        Field("authorised_by", "Authorised by", "Who decided the disposition.", short="Authorised"),
        Field(
            "concession_ref",
            "Customer concession",
            "The customer's concession reference.",
            short="Concession",
        ),
        Field(
            "verified_on",
            "Verified on",
            "When the reworked output was checked again.",
            FieldKind.DATE,
        ),
        Field(
            "verification",
            "Verification",
            "What the check after rework or repair found.",
            FieldKind.LONG_TEXT,
        ),
        Field(
            "cost",
            "Cost",
            "What the nonconformity cost (scrap, rework hours...).",
            FieldKind.NUMBER,
        ),
        Field("action_id", "Action", "The corrective action in the actions register, if any."),
        Field(
            "closed_on",
            "Closed on",
            "When the output was dealt with.",
            FieldKind.DATE,
            short="Closed",
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
FIELD_LABELS = NC_VOCAB.labels()


def parse_found_at(text: object) -> FoundAt:
    return parse_choice(
        text,
        FOUND_LABELS,
        "a place where outputs are found",
        {
            "goods in": FoundAt.INCOMING,
            "receiving": FoundAt.INCOMING,
            "in-process": FoundAt.IN_PROCESS,
            "process": FoundAt.IN_PROCESS,
            "production": FoundAt.IN_PROCESS,
            "final": FoundAt.FINAL,
            "customer": FoundAt.CUSTOMER,
            "customer return": FoundAt.CUSTOMER,
        },
    )


def parse_disposition(text: object) -> Disposition:
    return parse_choice(
        text,
        DISPOSITION_LABELS,
        "a disposition",
        {
            "use as is": Disposition.USE_AS_IS,
            "concession": Disposition.USE_AS_IS,
            "uai": Disposition.USE_AS_IS,
            "return": Disposition.RETURN_TO_SUPPLIER,
            "rts": Disposition.RETURN_TO_SUPPLIER,
            "scrapped": Disposition.SCRAP,
            "reworked": Disposition.REWORK,
        },
    )
