"""The suppliers register's words: criticality, approval status and evaluation result labels, the
field vocabularies, the parsers, and the company's evaluation scheme (its criteria, its scale and
the re-evaluation interval of each criticality), kept in the company file's settings."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.choices import parse_choice
from qmsdesk.core.db.models import Setting
from qmsdesk.core.db.models_suppliers import Criticality, EvaluationResult, SupplierStatus
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean

ENTITY = "supplier"
DUE_SOON_DAYS = 30
MAX_LENGTHS = {"code": 40, "name": 150, "supplies": 200, "contact": 200}

CRITICALITY_LABELS: dict[Criticality, str] = {
    Criticality.HIGH: "High",
    Criticality.MEDIUM: "Medium",
    Criticality.LOW: "Low",
}
STATUS_LABELS: dict[SupplierStatus, str] = {
    SupplierStatus.UNDER_EVALUATION: "Under evaluation",
    SupplierStatus.APPROVED: "Approved",
    SupplierStatus.CONDITIONAL: "Conditionally approved",
    SupplierStatus.NOT_APPROVED: "Not approved",
}
RESULT_LABELS: dict[EvaluationResult, str] = {
    EvaluationResult.APPROVED: "Approved",
    EvaluationResult.CONDITIONAL: "Conditionally approved",
    EvaluationResult.NOT_APPROVED: "Not approved",
}

SUPPLIER_VOCAB = Vocabulary(
    "suppliers",
    (
        Field(
            "code",
            "Supplier code",
            "The supplier's short code, unique.",
            required=True,
            short="Code",
        ),
        Field("name", "Name", "The supplier's name.", required=True),
        Field("supplies", "Supplies", "What they supply (bar stock, plating, calibration...)."),
        Field(
            "criticality",
            "Criticality",
            "How much the product depends on them: high, medium or low. It sets how often they "
            "are re-evaluated.",
            FieldKind.CHOICE,
            tuple(CRITICALITY_LABELS.values()),
        ),
        Field(
            "status",
            "Approval status",
            "Under evaluation, approved, conditionally approved or not approved.",
            FieldKind.CHOICE,
            tuple(STATUS_LABELS.values()),
            short="Status",
        ),
        Field("approved_since", "Approved since", "When they were first approved.", FieldKind.DATE),
        Field("contact", "Contact", "Who to call, and how."),
        Field(
            "next_evaluation",
            "Next evaluation",
            "When the next re-evaluation is due (from the latest evaluation).",
            FieldKind.DATE,
            short="Next eval.",
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
CERTIFICATE_VOCAB = Vocabulary(
    "supplier certificates",
    (
        Field("supplier", "Supplier code", "The supplier holding the certificate.", required=True),
        Field("name", "Certificate", "Such as ISO 9001:2015 or NADCAP.", required=True),
        Field("number", "Certificate number", "As printed on it.", short="Number"),
        Field("issued_by", "Issued by", "The certification body."),
        Field(
            "expires_on",
            "Expires on",
            "The expiry date on the certificate.",
            FieldKind.DATE,
            short="Expires",
        ),
        Field("attachment", "File", "A scan or PDF of the certificate."),
    ),
)
EVALUATION_VOCAB = Vocabulary(
    "supplier evaluations",
    (
        Field("supplier", "Supplier code", "The supplier evaluated.", required=True),
        Field(
            "evaluated_on",
            "Evaluated on",
            "The day of the evaluation.",
            FieldKind.DATE,
            required=True,
            short="Date",
        ),
        Field("evaluated_by", "Evaluated by", "Who evaluated.", short="By"),
        Field(
            "scores",
            "Scores",
            "Each criterion with its score on the company's scale, such as "
            "'Quality 4; Delivery 3; Price 5; Service 4'.",
        ),
        Field("overall", "Overall", "The mean of the scores.", FieldKind.NUMBER),
        Field(
            "result",
            "Result",
            "Approved, conditionally approved or not approved (empty: suggested from the scores).",
            FieldKind.CHOICE,
            tuple(RESULT_LABELS.values()),
        ),
        Field(
            "next_due",
            "Next evaluation due",
            "Empty: the evaluation date plus the interval for the supplier's criticality.",
            FieldKind.DATE,
            short="Next due",
        ),
        Field("note", "Note", "What was seen.", FieldKind.LONG_TEXT),
    ),
)
FIELD_LABELS = SUPPLIER_VOCAB.labels()
EVALUATION_LABELS = EVALUATION_VOCAB.labels()
CERTIFICATE_LABELS = CERTIFICATE_VOCAB.labels()


def parse_criticality(text: object) -> Criticality:
    return parse_choice(
        text,
        CRITICALITY_LABELS,
        "a criticality",
        {
            "critical": Criticality.HIGH,
            "h": Criticality.HIGH,
            "m": Criticality.MEDIUM,
            "l": Criticality.LOW,
            "med": Criticality.MEDIUM,
        },
    )


def parse_status(text: object) -> SupplierStatus:
    return parse_choice(
        text,
        STATUS_LABELS,
        "an approval status",
        {
            "conditional": SupplierStatus.CONDITIONAL,
            "conditionally": SupplierStatus.CONDITIONAL,
            "new": SupplierStatus.UNDER_EVALUATION,
            "evaluation": SupplierStatus.UNDER_EVALUATION,
            "rejected": SupplierStatus.NOT_APPROVED,
            "disapproved": SupplierStatus.NOT_APPROVED,
        },
    )


def parse_result(text: object) -> EvaluationResult:
    return parse_choice(
        text,
        RESULT_LABELS,
        "an evaluation result",
        {
            "conditional": EvaluationResult.CONDITIONAL,
            "pass": EvaluationResult.APPROVED,
            "fail": EvaluationResult.NOT_APPROVED,
            "rejected": EvaluationResult.NOT_APPROVED,
        },
    )


# --- the company's evaluation scheme ---------------------------------------------------------

SCHEME_KEY = "supplier_evaluation_scheme"
DEFAULT_CRITERIA = ("Quality", "Delivery", "Price", "Service")
DEFAULT_INTERVALS = {Criticality.HIGH: 12, Criticality.MEDIUM: 24, Criticality.LOW: 36}


@dataclass(frozen=True)
class Scheme:
    """How the company scores its suppliers: criteria scored from 1 to `scale_max`; an overall
    of at least `approve_at` suggests approval, of at least `conditional_at` a conditional one."""

    criteria: tuple[str, ...] = DEFAULT_CRITERIA
    scale_max: int = 5
    approve_at: float = 3.5
    conditional_at: float = 2.5
    interval_high: int = DEFAULT_INTERVALS[Criticality.HIGH]
    interval_medium: int = DEFAULT_INTERVALS[Criticality.MEDIUM]
    interval_low: int = DEFAULT_INTERVALS[Criticality.LOW]

    def interval(self, criticality: Criticality) -> int:
        """Months between evaluations of a supplier of this criticality."""
        return {
            Criticality.HIGH: self.interval_high,
            Criticality.MEDIUM: self.interval_medium,
            Criticality.LOW: self.interval_low,
        }[criticality]

    def suggested(self, overall: float) -> EvaluationResult:
        if overall >= self.approve_at:
            return EvaluationResult.APPROVED
        if overall >= self.conditional_at:
            return EvaluationResult.CONDITIONAL
        return EvaluationResult.NOT_APPROVED

    def problems(self) -> list[str]:
        found = []
        if not self.criteria or any(not clean(c) for c in self.criteria):
            found.append("Criteria: name at least one criterion, none empty.")
        if len({c.casefold() for c in self.criteria}) != len(self.criteria):
            found.append("Criteria: each criterion is named once.")
        if not 2 <= self.scale_max <= 100:
            found.append("Scale: the top score is a whole number from 2 to 100.")
        if not 1 <= self.conditional_at <= self.approve_at <= self.scale_max:
            found.append(
                "Thresholds: 1 <= conditional approval <= approval <= the top of the scale."
            )
        for name in ("interval_high", "interval_medium", "interval_low"):
            if not 1 <= getattr(self, name) <= 120:
                found.append(f"Interval ({name[9:]}): from 1 to 120 months.")
        return found


def scheme(session: Session) -> Scheme:
    row = session.get(Setting, SCHEME_KEY)
    if row is None or not row.value:
        return Scheme()
    try:
        data = json.loads(row.value)
        data["criteria"] = tuple(data.get("criteria", DEFAULT_CRITERIA))
        return Scheme(**data)
    except (ValueError, TypeError):
        return Scheme()


def set_scheme(session: Session, value: Scheme, user: str) -> None:
    """Store the company's scheme (recorded in the change history); refused when it is not
    sound. Evaluations already made keep their scores."""
    problems = value.problems()
    if problems:
        raise ValidationError(problems)
    old = scheme(session)
    data = {**value.__dict__, "criteria": list(value.criteria)}
    session.merge(Setting(key=SCHEME_KEY, value=json.dumps(data, ensure_ascii=False)))
    changes = [
        history.Change(name, str(getattr(old, name)), str(getattr(value, name)))
        for name in value.__dict__
        if getattr(old, name) != getattr(value, name)
    ]
    if changes:
        history.record(
            session,
            user=user,
            entity="supplier_scheme",
            entity_id=0,
            ref="Supplier evaluation scheme",
            action="edit",
            changes=changes,
        )
