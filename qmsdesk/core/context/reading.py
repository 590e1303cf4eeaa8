"""Reading the context registers: issues, parties, the scope with its exclusions, the policy; what
of them falls due and what search-everywhere finds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.catalogue import clause_numbers
from qmsdesk.core.context.checks import (
    ExclusionFields,
    IssueFields,
    PartyFields,
    ScopeFields,
    exclusion_warnings,
)
from qmsdesk.core.context.vocab import ISSUE_ENTITY, PARTY_ENTITY, SCOPE_ENTITY, lines
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_planning import (
    ContextIssue,
    InterestedParty,
    IssueSide,
    QualityStatement,
    ScopeExclusion,
)
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord
from qmsdesk.core.due import DueItem
from qmsdesk.core.finder import Hit, matching
from qmsdesk.core.service import missing
from qmsdesk.core.text import fold
from qmsdesk.core.vocab import DocStatus, DocType


@dataclass(frozen=True)
class IssueRow:
    id: int
    reference: str
    side: str
    category: str
    title: str
    description: str
    effect: str
    monitoring: str
    last_reviewed: dt.date | None
    next_review: dt.date | None
    updated_at: dt.datetime

    def fields(self) -> IssueFields:
        return IssueFields(
            self.reference,
            self.title,
            IssueSide(self.side),
            self.category,
            self.description,
            self.effect,
            self.monitoring,
            self.last_reviewed,
            self.next_review,
        )


@dataclass(frozen=True)
class PartyRow:
    id: int
    name: str
    side: str
    needs: str
    requirements: str
    monitoring: str
    last_reviewed: dt.date | None
    next_review: dt.date | None
    updated_at: dt.datetime

    def fields(self) -> PartyFields:
        return PartyFields(
            self.name,
            IssueSide(self.side),
            self.needs,
            self.requirements,
            self.monitoring,
            self.last_reviewed,
            self.next_review,
        )


@dataclass(frozen=True)
class ExclusionRow:
    id: int
    clause: str
    justification: str

    @property
    def warnings(self) -> list[str]:
        return exclusion_warnings(self.clause, self.justification)

    def fields(self) -> ExclusionFields:
        return ExclusionFields(self.clause, self.justification)


@dataclass(frozen=True)
class Scope:
    """The scope as the header of the context report prints it (and later the readiness view and
    the audit pack read it)."""

    statement: str
    sites: tuple[str, ...]
    products: tuple[str, ...]
    policy: str
    exclusions: tuple[ExclusionRow, ...]

    def fields(self) -> ScopeFields:
        return ScopeFields(
            self.statement, "\n".join(self.sites), "\n".join(self.products), self.policy
        )

    @property
    def warnings(self) -> list[str]:
        found = [w for e in self.exclusions for w in e.warnings]
        if not self.statement:
            found.insert(0, "The scope statement is not written yet.")
        return found


@dataclass(frozen=True)
class PolicyItem:
    """A "read and understood" training item of the policy: how it was communicated."""

    code: str
    title: str
    people: int  # people (still employed) with a record of it
    of: int  # people still employed


@dataclass(frozen=True)
class Policy:
    """The quality policy: the Policy document of the register and its wording."""

    document_id: int | None
    code: str
    title: str
    revision: str
    status: str
    effective_date: dt.date | None
    text: str
    communicated: tuple[PolicyItem, ...]

    @property
    def found(self) -> bool:
        return self.document_id is not None


_ISSUE_COLUMNS = (
    ContextIssue.id,
    ContextIssue.reference,
    ContextIssue.side,
    ContextIssue.category,
    ContextIssue.title,
    ContextIssue.description,
    ContextIssue.effect,
    ContextIssue.monitoring,
    ContextIssue.last_reviewed,
    ContextIssue.next_review,
    ContextIssue.updated_at,
)
_PARTY_COLUMNS = (
    InterestedParty.id,
    InterestedParty.name,
    InterestedParty.side,
    InterestedParty.needs,
    InterestedParty.requirements,
    InterestedParty.monitoring,
    InterestedParty.last_reviewed,
    InterestedParty.next_review,
    InterestedParty.updated_at,
)


def all_issues(session: Session) -> list[IssueRow]:
    """Every context issue: internal ones first, then by reference."""
    rows = [IssueRow(*r) for r in session.execute(select(*_ISSUE_COLUMNS))]
    return sorted(rows, key=lambda r: (r.side != "internal", fold(r.reference)))


def all_parties(session: Session) -> list[PartyRow]:
    rows = [PartyRow(*r) for r in session.execute(select(*_PARTY_COLUMNS))]
    return sorted(rows, key=lambda r: fold(r.name))


def get_issue(session: Session, issue_id: int) -> IssueRow:
    found = session.execute(select(*_ISSUE_COLUMNS).where(ContextIssue.id == issue_id)).first()
    if found is None:
        raise missing("Context issue", issue_id)
    return IssueRow(*found)


def get_party(session: Session, party_id: int) -> PartyRow:
    found = session.execute(select(*_PARTY_COLUMNS).where(InterestedParty.id == party_id)).first()
    if found is None:
        raise missing("Interested party", party_id)
    return PartyRow(*found)


def issue_id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(
        select(ContextIssue.id).where(func.lower(ContextIssue.reference) == reference.lower())
    )


def party_id_for_name(session: Session, name: str) -> int | None:
    return session.scalar(
        select(InterestedParty.id).where(func.lower(InterestedParty.name) == name.lower())
    )


def exclusions(session: Session) -> list[ExclusionRow]:
    """The scope's exclusions, in the standard's order."""
    order = clause_numbers()
    rows = [
        ExclusionRow(*r)
        for r in session.execute(
            select(ScopeExclusion.id, ScopeExclusion.clause, ScopeExclusion.justification)
        )
    ]
    return sorted(rows, key=lambda r: (order.get(r.clause.split()[0], 999), r.clause))


def statement(session: Session) -> QualityStatement | None:
    return session.scalar(select(QualityStatement).order_by(QualityStatement.id).limit(1))


def get_scope(session: Session) -> Scope:
    found = statement(session)
    return Scope(
        found.scope if found else "",
        lines(found.sites) if found else (),
        lines(found.products) if found else (),
        found.policy if found else "",
        tuple(exclusions(session)),
    )


def policy_document(session: Session) -> Document | None:
    """The register's Policy document: the one in force (else the newest draft)."""
    stmt = (
        select(Document)
        .where(Document.doc_type == DocType.POLICY, Document.status != DocStatus.OBSOLETE)
        .order_by(Document.status != DocStatus.EFFECTIVE, Document.code)
    )
    found = list(session.scalars(stmt))
    quality = [d for d in found if "quality" in fold(d.title)]
    chosen = quality or found
    return chosen[0] if chosen else None


def get_policy(session: Session, on: dt.date) -> Policy:
    """The quality policy and how it was communicated (its "read and understood" items)."""
    text = get_scope(session).policy
    document = policy_document(session)
    if document is None:
        return Policy(None, "", "", "", "", None, text, ())
    employed = (Person.leaving_date.is_(None)) | (Person.leaving_date > on)
    staff = session.scalar(select(func.count()).select_from(Person).where(employed)) or 0
    items = []
    for item_id, code, title in session.execute(
        select(TrainingItem.id, TrainingItem.code, TrainingItem.title)
        .where(TrainingItem.document_id == document.id)
        .order_by(TrainingItem.code)
    ):
        read = session.scalar(
            select(func.count(func.distinct(TrainingRecord.person_id)))
            .join(Person, Person.id == TrainingRecord.person_id)
            .where(TrainingRecord.item_id == item_id, employed)
        )
        items.append(PolicyItem(code, title, read or 0, staff))
    return Policy(
        document.id,
        document.code,
        document.title,
        document.revision,
        document.status.value,
        document.effective_date,
        text,
        tuple(items),
    )


def issue_history(session: Session, issue_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ISSUE_ENTITY, issue_id)


def party_history(session: Session, party_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, PARTY_ENTITY, party_id)


def scope_history(session: Session) -> list[history.ChangeRow]:
    return history.for_entity(session, SCOPE_ENTITY, 1)


# --- the shared views ------------------------------------------------------------------------


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Context issues and interested parties whose next review is past or within `days`."""
    until = on + dt.timedelta(days=days)
    found = [
        DueItem("context", "Review of context issue due", ref, title, due, id_, kind="issue")
        for id_, ref, title, due in session.execute(
            select(
                ContextIssue.id,
                ContextIssue.reference,
                ContextIssue.title,
                ContextIssue.next_review,
            ).where(ContextIssue.next_review <= until)
        )
        if due is not None
    ]
    found += [
        DueItem("context", "Review of interested party due", name, name, due, id_, kind="party")
        for id_, name, due in session.execute(
            select(InterestedParty.id, InterestedParty.name, InterestedParty.next_review).where(
                InterestedParty.next_review <= until
            )
        )
        if due is not None
    ]
    return found


def find(session: Session, text: str, limit: int) -> list[Hit]:
    """Issues by reference or title, parties by name (case-insensitive, any letters)."""
    hits = matching(
        session,
        text,
        limit,
        register="context",
        reference=ContextIssue.reference,
        title=ContextIssue.title,
        kind="issue",
    )
    hits += matching(
        session,
        text,
        limit,
        register="context",
        reference=InterestedParty.name,
        title=InterestedParty.needs,
        kind="party",
    )
    return hits[:limit]
