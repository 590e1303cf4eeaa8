"""The context registers' words (ISO 9001:2015 clauses 4.1 to 4.3 and 5.2): the labels, the field
vocabularies of context issues, interested parties, the scope and its exclusions, and the
parsers of what people type."""

from __future__ import annotations

from qmsdesk.core.db.models_planning import IssueSide
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, fold

ISSUE_ENTITY = "context_issue"
PARTY_ENTITY = "interested_party"
SCOPE_ENTITY = "scope"
SCOPE_REF = "Scope"
POLICY_REF = "Quality policy"

SIDE_LABELS: dict[IssueSide, str] = {IssueSide.INTERNAL: "Internal", IssueSide.EXTERNAL: "External"}
#: How often an issue or a party is looked at again, when the user gives no next review date.
REVIEW_MONTHS = 12
DUE_SOON_DAYS = 30

ISSUE_MAX = {"reference": 20, "title": 200, "category": 60}
PARTY_MAX = {"name": 120}

#: Categories offered for issues (any text is accepted): the usual headings of a context review.
ISSUE_CATEGORIES = (
    "Market and customers",
    "Technology",
    "Legal and regulatory",
    "Economic",
    "Supply chain",
    "People and skills",
    "Infrastructure",
    "Culture and knowledge",
)

ISSUE_VOCAB = Vocabulary(
    "context issues",
    (
        Field("reference", "Reference", "The issue's reference, such as CI-01.", required=True),
        Field(
            "side",
            "Internal / external",
            "Whether the issue arises inside the company or outside it.",
            FieldKind.CHOICE,
            tuple(SIDE_LABELS.values()),
            short="Side",
        ),
        Field("category", "Category", "A heading to group issues, such as Market or People."),
        Field("title", "Issue", "The issue in a few words.", required=True),
        Field("description", "Description", "What the issue is.", FieldKind.LONG_TEXT),
        Field(
            "effect",
            "Effect on the quality system",
            "How the issue bears on what the quality system must achieve.",
            FieldKind.LONG_TEXT,
            short="Effect",
        ),
        Field(
            "monitoring",
            "How it is watched",
            "Who looks at it and where (meetings, reports, figures).",
            FieldKind.LONG_TEXT,
            short="Watched by",
        ),
        Field("last_reviewed", "Last reviewed", "When it was last looked at.", FieldKind.DATE),
        Field(
            "next_review",
            "Next review",
            "When it is to be looked at again (empty: a year after the last review).",
            FieldKind.DATE,
        ),
    ),
)
ISSUE_LABELS = ISSUE_VOCAB.labels()

PARTY_VOCAB = Vocabulary(
    "interested parties",
    (
        Field("name", "Interested party", "Who they are, such as Customers.", required=True),
        Field(
            "side",
            "Internal / external",
            "Whether the party is inside the company (staff, owners) or outside it.",
            FieldKind.CHOICE,
            tuple(SIDE_LABELS.values()),
            short="Side",
        ),
        Field(
            "needs",
            "Needs and expectations",
            "What they need or expect of the company that bears on quality.",
            FieldKind.LONG_TEXT,
            short="Needs",
        ),
        Field(
            "requirements",
            "Taken on as requirements",
            "Which of those needs the company commits itself to meet.",
            FieldKind.LONG_TEXT,
            short="Requirements",
        ),
        Field(
            "monitoring",
            "How they are watched",
            "How the company keeps up with what they need.",
            FieldKind.LONG_TEXT,
            short="Watched by",
        ),
        Field("last_reviewed", "Last reviewed", "When it was last looked at.", FieldKind.DATE),
        Field(
            "next_review",
            "Next review",
            "When it is to be looked at again (empty: a year after the last review).",
            FieldKind.DATE,
        ),
    ),
)
PARTY_LABELS = PARTY_VOCAB.labels()

SCOPE_VOCAB = Vocabulary(
    "scope",
    (
        Field(
            "scope",
            "Scope statement",
            "What the quality system covers, in one or two sentences, as the certificate says.",
            FieldKind.LONG_TEXT,
            short="Scope",
        ),
        Field("sites", "Sites", "The sites the system covers, one per line.", FieldKind.LONG_TEXT),
        Field(
            "products",
            "Products and services",
            "What the company supplies within the scope, one per line.",
            FieldKind.LONG_TEXT,
            short="Products",
        ),
        Field(
            "policy",
            "Quality policy text",
            "The wording of the quality policy, as approved in the Policy document.",
            FieldKind.LONG_TEXT,
            short="Policy",
        ),
    ),
)
SCOPE_LABELS = SCOPE_VOCAB.labels()

EXCLUSION_VOCAB = Vocabulary(
    "scope exclusions",
    (
        Field(
            "clause",
            "Requirement not applicable",
            "The clause of ISO 9001 that does not apply, such as 8.3 or 8.5.1 f.",
            required=True,
            short="Clause",
        ),
        Field(
            "justification",
            "Justification",
            "Why the requirement does not apply and why that takes nothing away from the "
            "conformity of the products and services.",
            FieldKind.LONG_TEXT,
        ),
    ),
)
EXCLUSION_LABELS = EXCLUSION_VOCAB.labels()


def parse_side(text: object) -> IssueSide:
    key = fold(clean(text))
    for side, label in SIDE_LABELS.items():
        if key in (side.value, fold(label), fold(label)[:3]):
            return side
    raise ValueError(f"'{clean(text)}': write Internal or External.")


def lines(text: str) -> tuple[str, ...]:
    """The non-empty lines of a multi-line field (sites, products)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())
