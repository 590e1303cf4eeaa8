"""Writing the context registers: issues, parties, the scope, its exclusions and the policy's
wording, each change recorded in the history. Callers own the transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.context.checks import (
    ISSUE_FIELDS,
    PARTY_FIELDS,
    SCOPE_FIELDS,
    ExclusionFields,
    IssueFields,
    PartyFields,
    ScopeFields,
    check_issue,
    check_party,
    parse_clause,
    raise_problems,
)
from qmsdesk.core.context.reading import issue_id_for_reference, party_id_for_name, statement
from qmsdesk.core.context.vocab import (
    EXCLUSION_LABELS,
    ISSUE_ENTITY,
    ISSUE_LABELS,
    PARTY_ENTITY,
    PARTY_LABELS,
    REVIEW_MONTHS,
    SCOPE_ENTITY,
    SCOPE_LABELS,
    SCOPE_REF,
    SIDE_LABELS,
)
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_planning import (
    ContextIssue,
    InterestedParty,
    IssueSide,
    QualityStatement,
    ScopeExclusion,
)
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, fold


def _text(name: str, value: object) -> str:
    if name == "side" and value:
        return SIDE_LABELS[IssueSide(str(getattr(value, "value", value)))]
    return history.as_text(value)


def _with_next_review(f: Any) -> Any:
    """An empty next review is a year after the last one."""
    if f.next_review is None and f.last_reviewed is not None:
        return replace(f, next_review=add_months(f.last_reviewed, REVIEW_MONTHS))
    return f


def _apply(
    session: Session,
    record: Any,
    f: Any,
    names: Sequence[str],
    labels: dict[str, str],
) -> list[history.Change]:
    changes = []
    for name in names:
        new, old = getattr(f, name), getattr(record, name)
        if old != new:
            changes.append(history.Change(labels[name], _text(name, old), _text(name, new)))
            setattr(record, name, new)
    return changes


def next_issue_reference(session: Session) -> str:
    taken = session.scalars(
        select(ContextIssue.reference).where(ContextIssue.reference.like("CI-%"))
    )
    numbers = [int(r[3:]) for r in taken if r[3:].isdigit()]
    return f"CI-{max(numbers, default=0) + 1:02d}"


# --- context issues --------------------------------------------------------------------------


def create_issue(session: Session, f: IssueFields, user: str) -> int:
    """Add a context issue; an empty reference gets the next free one (CI-09)."""
    f = _with_next_review(replace(f, reference=f.reference or next_issue_reference(session)))
    raise_problems(check_issue(f), ISSUE_LABELS)
    ensure_unique(
        issue_id_for_reference(session, f.reference),
        None,
        f"Reference: another context issue is {f.reference}.",
    )
    issue = ContextIssue(**{n: getattr(f, n) for n in ISSUE_FIELDS})
    session.add(issue)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ISSUE_ENTITY,
        entity_id=issue.id,
        ref=f.reference,
        action="create",
        changes=[history.Change(ISSUE_LABELS["title"], "", f.title)],
    )
    return issue.id


def update_issue(session: Session, issue_id: int, f: IssueFields, user: str) -> list[str]:
    issue = load(session, ContextIssue, issue_id, "Context issue")
    f = _with_next_review(replace(f, reference=f.reference or issue.reference))
    raise_problems(check_issue(f), ISSUE_LABELS)
    if fold(f.reference) != fold(issue.reference):
        ensure_unique(
            issue_id_for_reference(session, f.reference),
            issue.id,
            f"Reference: another context issue is {f.reference}.",
        )
    changes = _apply(session, issue, f, ISSUE_FIELDS, ISSUE_LABELS)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ISSUE_ENTITY,
            entity_id=issue.id,
            ref=issue.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def delete_issue(session: Session, issue_id: int, user: str) -> None:
    issue = load(session, ContextIssue, issue_id, "Context issue")
    delete_with_history(
        session,
        issue,
        user=user,
        entity=ISSUE_ENTITY,
        entity_id=issue.id,
        ref=issue.reference,
        changes=[history.Change(ISSUE_LABELS["title"], issue.title, "")],
    )


# --- interested parties ----------------------------------------------------------------------


def create_party(session: Session, f: PartyFields, user: str) -> int:
    f = _with_next_review(f)
    raise_problems(check_party(f), PARTY_LABELS)
    ensure_unique(
        party_id_for_name(session, f.name),
        None,
        f"Interested party: '{f.name}' is in the list already.",
    )
    party = InterestedParty(**{n: getattr(f, n) for n in PARTY_FIELDS})
    session.add(party)
    session.flush()
    history.record(
        session,
        user=user,
        entity=PARTY_ENTITY,
        entity_id=party.id,
        ref=f.name,
        action="create",
        changes=[history.Change(PARTY_LABELS["needs"], "", f.needs)],
    )
    return party.id


def update_party(session: Session, party_id: int, f: PartyFields, user: str) -> list[str]:
    party = load(session, InterestedParty, party_id, "Interested party")
    f = _with_next_review(f)
    raise_problems(check_party(f), PARTY_LABELS)
    if fold(f.name) != fold(party.name):
        ensure_unique(
            party_id_for_name(session, f.name),
            party.id,
            f"Interested party: '{f.name}' is in the list already.",
        )
    changes = _apply(session, party, f, PARTY_FIELDS, PARTY_LABELS)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=PARTY_ENTITY,
            entity_id=party.id,
            ref=party.name,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def delete_party(session: Session, party_id: int, user: str) -> None:
    party = load(session, InterestedParty, party_id, "Interested party")
    delete_with_history(
        session,
        party,
        user=user,
        entity=PARTY_ENTITY,
        entity_id=party.id,
        ref=party.name,
        changes=[history.Change(PARTY_LABELS["name"], party.name, "")],
    )


# --- the scope, its exclusions, the policy's wording -----------------------------------------


def save_scope(session: Session, f: ScopeFields, user: str) -> list[str]:
    """Keep the scope statement, sites, products and the policy's wording (one record)."""
    f = ScopeFields(*(clean(getattr(f, n)) for n in SCOPE_FIELDS))
    record = statement(session)
    if record is None:
        record = QualityStatement(id=1, scope="", sites="", products="", policy="")
        session.add(record)
    changes = _apply(session, record, f, SCOPE_FIELDS, SCOPE_LABELS)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=SCOPE_ENTITY,
            entity_id=1,
            ref=SCOPE_REF,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def _exclusion_id(session: Session, clause: str) -> int | None:
    return session.scalar(select(ScopeExclusion.id).where(ScopeExclusion.clause == clause))


def save_exclusion(
    session: Session, f: ExclusionFields, user: str, exclusion_id: int | None = None
) -> int:
    """Add (or, given its id, change) an exclusion. A clause the standard does not have is
    refused; the auditor's objections (outside clauses 7 and 8, no reason) are warnings the tab
    and the report show, not refusals."""
    try:
        clause = parse_clause(f.clause)
    except ValueError as exc:
        raise_problems([FieldProblem("clause", str(exc))], EXCLUSION_LABELS)
        raise AssertionError from exc  # not reached
    justification = clean(f.justification)
    ensure_unique(
        _exclusion_id(session, clause),
        exclusion_id,
        f"{EXCLUSION_LABELS['clause']}: {clause} is excluded already.",
    )
    if exclusion_id is None:
        record = ScopeExclusion(clause=clause, justification=justification)
        session.add(record)
        session.flush()
        changes = [history.Change(f"Excluded {clause}", "", justification or "(no reason)")]
    else:
        record = load(session, ScopeExclusion, exclusion_id, "Exclusion")
        changes = []
        if record.clause != clause:
            changes.append(history.Change(EXCLUSION_LABELS["clause"], record.clause, clause))
        if record.justification != justification:
            changes.append(
                history.Change(
                    f"{EXCLUSION_LABELS['justification']} ({clause})",
                    record.justification,
                    justification,
                )
            )
        record.clause, record.justification = clause, justification
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=SCOPE_ENTITY,
            entity_id=1,
            ref=SCOPE_REF,
            action="exclusion",
            changes=changes,
        )
    return record.id


def delete_exclusion(session: Session, exclusion_id: int, user: str) -> None:
    record = load(session, ScopeExclusion, exclusion_id, "Exclusion")
    delete_with_history(
        session,
        record,
        user=user,
        entity=SCOPE_ENTITY,
        entity_id=1,
        ref=SCOPE_REF,
        changes=[history.Change(f"Excluded {record.clause}", record.justification, "")],
        action="exclusion",
    )


def save_context_many(
    session: Session,
    issues: Sequence[tuple[int | None, IssueFields]],
    parties: Sequence[tuple[int | None, PartyFields]],
    user: str,
) -> None:
    """An import's issues and parties in one go (None: a new one)."""
    for issue_id, f in issues:
        if issue_id is None:
            create_issue(session, f, user)
        else:
            update_issue(session, issue_id, f, user)
    for party_id, p in parties:
        if party_id is None:
            create_party(session, p, user)
        else:
            update_party(session, party_id, p, user)


def review_date(last: dt.date | None) -> dt.date | None:
    """The default next review after `last`."""
    return None if last is None else add_months(last, REVIEW_MONTHS)
