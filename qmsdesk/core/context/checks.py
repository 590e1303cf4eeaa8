"""What a user edits about the context (issues, parties, the scope and its exclusions) and the
rules those fields obey."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.catalogue import clause_numbers
from qmsdesk.core.context.vocab import ISSUE_MAX, PARTY_MAX, parse_side
from qmsdesk.core.dates import parse_date
from qmsdesk.core.db.models_planning import IssueSide
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.text import clean, clean_code


@dataclass(frozen=True)
class IssueFields:
    """A context issue (clause 4.1), already parsed."""

    reference: str
    title: str
    side: IssueSide = IssueSide.EXTERNAL
    category: str = ""
    description: str = ""
    effect: str = ""
    monitoring: str = ""
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = None


@dataclass(frozen=True)
class PartyFields:
    """An interested party (clause 4.2), already parsed."""

    name: str
    side: IssueSide = IssueSide.EXTERNAL
    needs: str = ""
    requirements: str = ""
    monitoring: str = ""
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = None


@dataclass(frozen=True)
class ScopeFields:
    """The scope statement, its sites and products (4.3) and the policy's wording (5.2)."""

    scope: str = ""
    sites: str = ""
    products: str = ""
    policy: str = ""


@dataclass(frozen=True)
class ExclusionFields:
    """A requirement the company says does not apply to it, with the reason."""

    clause: str
    justification: str = ""


ISSUE_FIELDS = tuple(f.name for f in fields(IssueFields))
PARTY_FIELDS = tuple(f.name for f in fields(PartyFields))
SCOPE_FIELDS = tuple(f.name for f in fields(ScopeFields))
_DATES = ("last_reviewed", "next_review")

_CLAUSE = re.compile(r"^(\d+(?:\.\d+)*)(?:\s*([a-z]))?$")


def parse_clause(text: object) -> str:
    """A clause of ISO 9001 as typed ('8.3', '8.5.1 f', '8.5.1f', 'clause 8.3'), in the way it
    is stored ('8.5.1 f'); ValueError for a clause the standard does not have."""
    raw = clean(text).lower().removeprefix("clause").strip().rstrip(".")
    found = _CLAUSE.match(raw.replace(")", ""))
    if not found:
        raise ValueError(
            f"'{clean(text)}' is not a clause number: write it as in the standard, such as 8.3 "
            "or 8.5.1 f."
        )
    number, item = found.groups()
    if number not in clause_numbers():
        raise ValueError(f"ISO 9001:2015 has no clause {number}.")
    return f"{number} {item}" if item else number


def exclusion_warnings(clause: str, justification: str) -> list[str]:
    """What a certification auditor would question about an exclusion (it is kept anyway)."""
    found = []
    if clause.split(".")[0].split()[0] not in ("7", "8"):
        found.append(
            f"{clause}: only requirements of clauses 7 and 8 can be said not to apply; an "
            "auditor will not accept this one."
        )
    if not clean(justification):
        found.append(f"{clause}: give the reason the requirement does not apply.")
    return found


def _lengths(f: object, limits: Mapping[str, int]) -> list[FieldProblem]:
    problems = []
    for name, limit in limits.items():
        value = getattr(f, name)
        if len(value) > limit:
            problems.append(
                FieldProblem(name, f"is {len(value)} characters long; at most {limit} are allowed.")
            )
    return problems


def _dates(f: IssueFields | PartyFields) -> list[FieldProblem]:
    if f.last_reviewed and f.next_review and f.next_review < f.last_reviewed:
        return [FieldProblem("next_review", "cannot be before the last review.")]
    return []


def check_issue(f: IssueFields) -> list[FieldProblem]:
    problems = _lengths(f, ISSUE_MAX)
    if not f.reference:
        problems.append(FieldProblem("reference", "A reference is required (such as CI-01)."))
    if not f.title:
        problems.append(FieldProblem("title", "Say what the issue is in a few words."))
    return problems + _dates(f)


def check_party(f: PartyFields) -> list[FieldProblem]:
    problems = _lengths(f, PARTY_MAX)
    if not f.name:
        problems.append(FieldProblem("name", "Name the party (such as Customers)."))
    return problems + _dates(f)


def raise_problems(problems: Iterable[FieldProblem], labels: Mapping[str, str]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError([f"{labels.get(p.field, p.field)}: {p.message}" for p in problems])


def _parse(
    values: Mapping[str, object], names: tuple[str, ...]
) -> tuple[dict[str, object], list[FieldProblem]]:
    parsed: dict[str, object] = {}
    problems: list[FieldProblem] = []
    for name in names:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name == "side":
                if clean(raw):
                    parsed[name] = parse_side(raw)
            elif name in _DATES:
                parsed[name] = parse_date(raw)
            elif name in ("reference", "name"):
                parsed[name] = clean_code(raw)
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    return parsed, problems


def issue_from_values(
    values: Mapping[str, object],
) -> tuple[IssueFields | None, list[FieldProblem]]:
    """Typed text (a dialog, a sheet's row) parsed into an issue, with every problem."""
    parsed, problems = _parse(values, ISSUE_FIELDS)
    result = IssueFields(**{"reference": "", "title": "", **parsed})  # type: ignore[arg-type]
    problems += [p for p in check_issue(result) if p.field not in {q.field for q in problems}]
    return (None if problems else result), problems


def party_from_values(
    values: Mapping[str, object],
) -> tuple[PartyFields | None, list[FieldProblem]]:
    parsed, problems = _parse(values, PARTY_FIELDS)
    result = PartyFields(**{"name": "", **parsed})  # type: ignore[arg-type]
    problems += [p for p in check_party(result) if p.field not in {q.field for q in problems}]
    return (None if problems else result), problems


def exclusion_from_values(
    values: Mapping[str, object],
) -> tuple[ExclusionFields | None, list[FieldProblem]]:
    try:
        clause = parse_clause(values.get("clause"))
    except ValueError as exc:
        return None, [FieldProblem("clause", str(exc))]
    return ExclusionFields(clause, clean(values.get("justification"))), []
