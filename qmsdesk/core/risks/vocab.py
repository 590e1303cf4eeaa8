"""The risks register's words: kinds, sources, treatments and outcomes with their labels, the
field vocabulary, and the parsers of what people type."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from qmsdesk.core.db.models_risks import ReviewOutcome, RiskKind, RiskSourceKind, Treatment
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, fold

ENTITY = "risk"
KIND_LABELS = {RiskKind.RISK: "Risk", RiskKind.OPPORTUNITY: "Opportunity"}
SOURCE_LABELS = {
    RiskSourceKind.CONTEXT_ISSUE: "Context issue",
    RiskSourceKind.INTERESTED_PARTY: "Interested party",
    RiskSourceKind.PROCESS: "Process",
    RiskSourceKind.OTHER: "Other",
}
TREATMENT_LABELS = {
    Treatment.ACCEPT: "Accept",
    Treatment.REDUCE: "Reduce",
    Treatment.AVOID: "Avoid",
    Treatment.SHARE: "Share",
    Treatment.PURSUE: "Pursue",
}
OUTCOME_LABELS = {
    ReviewOutcome.EFFECTIVE: "Effective",
    ReviewOutcome.PARTLY: "Partly effective",
    ReviewOutcome.NOT_EFFECTIVE: "Not effective",
}
#: Reference prefixes: R-001 for risks, OPP-001 for opportunities.
PREFIXES = {RiskKind.RISK: "R", RiskKind.OPPORTUNITY: "OPP"}
MAX_LENGTHS = {"reference": 20, "title": 200}

RISK_VOCAB = Vocabulary(
    "risks",
    (
        Field("reference", "Reference", "The risk's reference (R-001, OPP-001).", required=True),
        Field(
            "kind",
            "Risk or opportunity",
            "Risk (something that may go wrong) or opportunity (something to gain).",
            FieldKind.CHOICE,
            tuple(KIND_LABELS.values()),
            short="Kind",
        ),
        Field("title", "Title", "The risk or opportunity in a line.", required=True),
        Field("description", "Description", "Cause, event and effect.", FieldKind.LONG_TEXT),
        Field(
            "source_kind",
            "Arises from",
            "What it arises from: a context issue, an interested party, a process, or other.",
            FieldKind.CHOICE,
            tuple(SOURCE_LABELS.values()),
            short="Source",
        ),
        Field(
            "source_ref",
            "Source reference",
            "The context issue's reference, the interested party's name or the process's code.",
            short="Source ref.",
        ),
        Field("process_id", "Process", "The process it touches (its code).", short="Process"),
        Field("owner_id", "Owner", "Who looks after it (a person of the register of people)."),
        Field(
            "likelihood",
            "Likelihood",
            "How likely it is, on the company's scale (1 = rare).",
            FieldKind.INTEGER,
            short="L",
        ),
        Field(
            "consequence",
            "Consequence",
            "How much it would matter, on the company's scale (1 = slight).",
            FieldKind.INTEGER,
            short="C",
        ),
        Field("rating", "Rating", "Likelihood x consequence.", FieldKind.INTEGER),
        Field("level", "Level", "Low, medium or high, from the company's thresholds."),
        Field(
            "treatment",
            "Treatment",
            "Accept, reduce, avoid or share a risk; pursue an opportunity.",
            FieldKind.CHOICE,
            tuple(TREATMENT_LABELS.values()),
        ),
        Field("treatment_plan", "Treatment plan", "What is done about it.", FieldKind.LONG_TEXT),
        Field(
            "residual_likelihood",
            "Likelihood after treatment",
            "The likelihood once the treatment is in place (empty: not rated yet).",
            FieldKind.INTEGER,
            short="L after",
        ),
        Field(
            "residual_consequence",
            "Consequence after treatment",
            "The consequence once the treatment is in place.",
            FieldKind.INTEGER,
            short="C after",
        ),
        Field("residual_rating", "Rating after treatment", "", FieldKind.INTEGER, short="After"),
        Field("identified_on", "Identified on", "When it was identified.", FieldKind.DATE),
        Field("next_review", "Next review", "When it is looked at again.", FieldKind.DATE),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
FIELD_LABELS = RISK_VOCAB.labels()

REVIEW_VOCAB = Vocabulary(
    "risk reviews",
    (
        Field(
            "reviewed_on",
            "Reviewed on",
            "When the actions' effectiveness was reviewed.",
            FieldKind.DATE,
        ),
        Field("reviewed_by_id", "Reviewed by", "Who reviewed it."),
        Field(
            "outcome",
            "Outcome",
            "Whether the actions taken worked.",
            FieldKind.CHOICE,
            tuple(OUTCOME_LABELS.values()),
        ),
        Field("note", "What was seen", "The evidence looked at.", FieldKind.LONG_TEXT),
    ),
)
REVIEW_LABELS = REVIEW_VOCAB.labels()

_E = TypeVar("_E", bound=StrEnum)


def _lookup(text: object, labels: Mapping[_E, str], aliases: Mapping[str, _E]) -> _E | None:
    key = " ".join(fold(clean(text)).replace("_", " ").replace("-", " ").split())
    for member, label in labels.items():
        if key in (member.value.replace("_", " "), " ".join(fold(label).split())):
            return member
    return aliases.get(key)


def parse_kind(text: object) -> RiskKind:
    found = _lookup(
        text,
        KIND_LABELS,
        {"r": RiskKind.RISK, "opp": RiskKind.OPPORTUNITY, "o": RiskKind.OPPORTUNITY},
    )
    if found is None:
        raise ValueError(f"'{clean(text)}': write Risk or Opportunity.")
    return RiskKind(found)


def parse_source(text: object) -> RiskSourceKind:
    found = _lookup(
        text,
        SOURCE_LABELS,
        {
            "issue": RiskSourceKind.CONTEXT_ISSUE,
            "context": RiskSourceKind.CONTEXT_ISSUE,
            "party": RiskSourceKind.INTERESTED_PARTY,
            "interested parties": RiskSourceKind.INTERESTED_PARTY,
        },
    )
    if found is None:
        allowed = ", ".join(SOURCE_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a source of risks. Use one of: {allowed}.")
    return RiskSourceKind(found)


def parse_treatment(text: object) -> Treatment:
    found = _lookup(
        text,
        TREATMENT_LABELS,
        {
            "transfer": Treatment.SHARE,
            "mitigate": Treatment.REDUCE,
            "exploit": Treatment.PURSUE,
            "retain": Treatment.ACCEPT,
        },
    )
    if found is None:
        allowed = ", ".join(TREATMENT_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a treatment. Use one of: {allowed}.")
    return Treatment(found)


def parse_outcome(text: object) -> ReviewOutcome:
    found = _lookup(
        text,
        OUTCOME_LABELS,
        {
            "yes": ReviewOutcome.EFFECTIVE,
            "no": ReviewOutcome.NOT_EFFECTIVE,
            "partly": ReviewOutcome.PARTLY,
            "partial": ReviewOutcome.PARTLY,
        },
    )
    if found is None:
        allowed = ", ".join(OUTCOME_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not an outcome. Use one of: {allowed}.")
    return ReviewOutcome(found)
