"""What a user edits about a supplier, a certificate and an evaluation, and the rules they obey."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.choices import collect, date_value, too_long
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_suppliers import Criticality, EvaluationResult, SupplierStatus
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.suppliers.vocab import (
    MAX_LENGTHS,
    STATUS_LABELS,
    Scheme,
    parse_criticality,
    parse_result,
    parse_status,
)
from qmsdesk.core.text import clean, clean_code, finite_number


@dataclass(frozen=True)
class SupplierFields:
    code: str
    name: str
    supplies: str = ""
    criticality: Criticality = Criticality.MEDIUM
    status: SupplierStatus = SupplierStatus.UNDER_EVALUATION
    approved_since: dt.date | None = None
    contact: str = ""
    note: str = ""


SUPPLIER_FIELDS = tuple(f.name for f in fields(SupplierFields))


def check_supplier(f: SupplierFields, on: dt.date | None = None) -> list[FieldProblem]:
    on = on or today()
    problems = too_long({n: getattr(f, n) for n in MAX_LENGTHS}, MAX_LENGTHS)
    if not f.code:
        problems.append(FieldProblem("code", "A supplier code is required."))
    if not f.name:
        problems.append(FieldProblem("name", "The supplier's name is required."))
    if f.approved_since is not None and f.approved_since > on:
        problems.append(FieldProblem("approved_since", "cannot be in the future."))
    if f.status in (SupplierStatus.APPROVED, SupplierStatus.CONDITIONAL) and not f.approved_since:
        problems.append(FieldProblem("approved_since", "Say since when the supplier is approved."))
    return problems


def supplier_from_values(
    values: Mapping[str, object],
) -> tuple[SupplierFields | None, list[FieldProblem]]:
    """Typed text into fields (dialogs, importers), every problem collected."""
    given = {k: v for k, v in values.items() if k in SUPPLIER_FIELDS}
    parsed, problems = collect(
        given,
        {
            "code": clean_code,
            "criticality": lambda v: parse_criticality(v) if clean(v) else None,
            "status": lambda v: parse_status(v) if clean(v) else None,
            "approved_since": date_value,
        },
    )
    parsed = {k: v for k, v in parsed.items() if not (k in ("criticality", "status") and v is None)}
    result = SupplierFields(**{"code": "", "name": "", **parsed})  # type: ignore[arg-type]
    seen = {p.field for p in problems}
    problems += [p for p in check_supplier(result) if p.field not in seen]
    return (None if problems else result), problems


@dataclass(frozen=True)
class CertificateFields:
    name: str
    number: str = ""
    issued_by: str = ""
    expires_on: dt.date | None = None


def check_certificate(f: CertificateFields) -> list[FieldProblem]:
    problems = too_long(
        {"name": f.name, "number": f.number, "issued_by": f.issued_by},
        {"name": 120, "number": 80, "issued_by": 120},
    )
    if not f.name:
        problems.append(FieldProblem("name", "Say which certificate it is (such as ISO 9001)."))
    return problems


# --- evaluations -------------------------------------------------------------------------------

Scores = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class EvaluationFields:
    evaluated_on: dt.date
    scores: Scores
    evaluated_by: str = ""
    result: EvaluationResult | None = None  # None: suggested from the overall score
    next_due: dt.date | None = None  # None: evaluated_on + the criticality's interval
    note: str = ""

    @property
    def overall(self) -> float:
        return round(sum(s for _, s in self.scores) / len(self.scores), 2) if self.scores else 0.0


_SCORE = re.compile(r"^\s*(.+?)\s*[:=]?\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*$")


def parse_scores(text: object) -> Scores:
    """ "Quality 4; Delivery 3" (or "Quality: 4", one per line) as (criterion, score)."""
    raw = clean(text)
    if not raw:
        return ()
    parts = [p for p in re.split(r"[;\n]|,(?!\d)", raw) if p.strip()]
    found: list[tuple[str, float]] = []
    for part in parts:
        match = _SCORE.match(part)
        if match is None:
            raise ValueError(
                f"'{part.strip()}' is not a criterion with its score; write such as "
                "'Quality 4; Delivery 3'."
            )
        found.append((match.group(1), finite_number(match.group(2).replace(",", "."))))
    return tuple(found)


def scores_text(scores: Scores) -> str:
    return "; ".join(f"{name} {score:g}" for name, score in scores)


def check_evaluation(
    f: EvaluationFields, scheme: Scheme, on: dt.date | None = None
) -> list[FieldProblem]:
    on = on or today()
    problems: list[FieldProblem] = []
    if f.evaluated_on > on:
        problems.append(FieldProblem("evaluated_on", "cannot be in the future."))
    if len(f.evaluated_by) > 80:
        problems.append(FieldProblem("evaluated_by", "at most 80 characters are allowed."))
    if not f.scores:
        problems.append(
            FieldProblem("scores", f"Score each criterion: {', '.join(scheme.criteria)}.")
        )
    known = {c.casefold(): c for c in scheme.criteria}
    seen: set[str] = set()
    for name, score in f.scores:
        key = name.casefold()
        if key not in known:
            problems.append(
                FieldProblem(
                    "scores",
                    f"'{name}' is not one of the company's criteria "
                    f"({', '.join(scheme.criteria)}).",
                )
            )
        elif key in seen:
            problems.append(FieldProblem("scores", f"'{known[key]}' is scored twice."))
        seen.add(key)
        if not 1 <= score <= scheme.scale_max:
            problems.append(
                FieldProblem(
                    "scores",
                    f"{name} {score:g} is outside the company's scale: scores go from 1 to "
                    f"{scheme.scale_max}.",
                )
            )
    missing = [c for c in scheme.criteria if c.casefold() not in seen]
    if f.scores and missing:
        problems.append(FieldProblem("scores", f"Score {', '.join(missing)} too."))
    if f.next_due is not None and f.next_due <= f.evaluated_on:
        problems.append(FieldProblem("next_due", "must come after the evaluation."))
    return problems


def evaluation_from_values(
    values: Mapping[str, object], scheme: Scheme
) -> tuple[EvaluationFields | None, list[FieldProblem]]:
    given = {k: v for k, v in values.items() if k in EvaluationFields.__dataclass_fields__}
    parsed, problems = collect(
        given,
        {
            "evaluated_on": date_value,
            "next_due": date_value,
            "scores": parse_scores,
            "result": lambda v: parse_result(v) if clean(v) else None,
        },
    )
    if parsed.get("evaluated_on") is None:
        if "evaluated_on" not in {p.field for p in problems}:
            problems.append(FieldProblem("evaluated_on", "Say when the evaluation was made."))
        return None, problems
    result = EvaluationFields(**{"scores": (), **parsed})  # type: ignore[arg-type]
    seen = {p.field for p in problems}
    problems += [p for p in check_evaluation(result, scheme) if p.field not in seen]
    return (None if problems else result), problems


__all__ = [
    "STATUS_LABELS",
    "SUPPLIER_FIELDS",
    "CertificateFields",
    "EvaluationFields",
    "Scores",
    "SupplierFields",
    "check_certificate",
    "check_evaluation",
    "check_supplier",
    "evaluation_from_values",
    "parse_scores",
    "scores_text",
    "supplier_from_values",
]
