"""The customer feedback register's words: kinds, severities, the field vocabularies of feedback
and of satisfaction results, and the parsers of what people type."""

from __future__ import annotations

from qmsdesk.core.db.models_feedback import FeedbackKind, Severity
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.recordkit import choice_parser

ENTITY = "feedback"
SURVEY_ENTITY = "satisfaction"
#: The company's satisfaction scale is kept in the settings as "MIN-MAX".
SCALE_KEY = "satisfaction_scale"
DEFAULT_SCALE = (1, 5)

KIND_LABELS: dict[FeedbackKind, str] = {
    FeedbackKind.COMPLAINT: "Complaint",
    FeedbackKind.COMPLIMENT: "Compliment",
    FeedbackKind.RETURN: "Return",
}
SEVERITY_LABELS: dict[Severity, str] = {
    Severity.MINOR: "Minor",
    Severity.MAJOR: "Major",
    Severity.CRITICAL: "Critical",
}
#: Reference prefixes by kind: CC-2026-004.
PREFIXES: dict[FeedbackKind, str] = {
    FeedbackKind.COMPLAINT: "CC",
    FeedbackKind.COMPLIMENT: "CP",
    FeedbackKind.RETURN: "RT",
}
#: Days to answer a complaint or a return by its severity, when no date is given.
RESPONSE_DAYS: dict[Severity | None, int] = {
    Severity.CRITICAL: 2,
    Severity.MAJOR: 5,
    Severity.MINOR: 10,
    None: 10,
}
MAX_LENGTHS = {"reference": 40, "customer": 120, "product": 120}
SURVEY_MAX_LENGTHS = {"reference": 40, "method": 120}

FEEDBACK_VOCAB = Vocabulary(
    "feedback",
    (
        Field("reference", "Reference", "The record's reference (CC-2026-004).", required=True),
        Field(
            "kind",
            "Kind",
            "Complaint, compliment or return.",
            FieldKind.CHOICE,
            tuple(KIND_LABELS.values()),
            required=True,
        ),
        Field(
            "received_on",
            "Received on",
            "When the customer told us.",
            FieldKind.DATE,
            short="Received",
        ),
        Field("customer", "Customer", "Who it came from.", required=True),
        Field(
            "product", "Product / order", "The part, product or order concerned.", short="Product"
        ),
        Field("description", "Description", "What the customer said.", FieldKind.LONG_TEXT),
        Field(
            "severity",
            "Severity",
            "For a complaint or a return: minor, major or critical.",
            FieldKind.CHOICE,
            tuple(SEVERITY_LABELS.values()),
        ),
        Field("owner_id", "Handled by", "Who answers the customer.", short="Owner"),
        Field(
            "respond_by",
            "Respond by",
            "The date the customer is promised an answer.",
            FieldKind.DATE,
        ),
        Field("response", "Response", "What we answered and did.", FieldKind.LONG_TEXT),
        Field(
            "responded_on", "Responded on", "When we answered.", FieldKind.DATE, short="Answered"
        ),
        Field(
            "closed_on",
            "Closed on",
            "When the matter was closed (a response is needed).",
            FieldKind.DATE,
            short="Closed",
        ),
        Field(
            "action_ref",
            "Corrective action",
            "The action raised in the actions register.",
            short="Action",
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
FIELD_LABELS = FEEDBACK_VOCAB.labels()

SURVEY_VOCAB = Vocabulary(
    "satisfaction",
    (
        Field("reference", "Reference", "The survey's reference (CS-2026-1).", required=True),
        Field("period_start", "From", "The first day the survey covers.", FieldKind.DATE),
        Field("period_end", "To", "The last day the survey covers.", FieldKind.DATE),
        Field("method", "Method", "How it was asked: questionnaire, interviews, portal scores."),
        Field("sent", "Asked", "How many customers were asked.", FieldKind.INTEGER),
        Field("responses", "Responses", "How many answered.", FieldKind.INTEGER),
        Field("score", "Score", "The overall score on the company's scale.", FieldKind.NUMBER),
        Field("comments", "Comments", "What customers said; what stood out.", FieldKind.LONG_TEXT),
    ),
)
SURVEY_LABELS = SURVEY_VOCAB.labels()

parse_kind = choice_parser(
    KIND_LABELS,
    "a kind of feedback",
    {
        "rma": FeedbackKind.RETURN,
        "praise": FeedbackKind.COMPLIMENT,
        "thanks": FeedbackKind.COMPLIMENT,
    },
)
parse_severity = choice_parser(
    SEVERITY_LABELS, "a severity", {"low": Severity.MINOR, "high": Severity.MAJOR}
)


def parse_scale(text: str | None) -> tuple[int, int]:
    """'1-5' -> (1, 5); the default for anything else."""
    if not text:
        return DEFAULT_SCALE
    low, _, high = text.partition("-")
    try:
        a, b = int(low), int(high)
    except ValueError:
        return DEFAULT_SCALE
    return (a, b) if a < b else DEFAULT_SCALE
