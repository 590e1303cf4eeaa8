"""Internal audits (ISO 9001:2015 clause 9.2) and the shared actions register (clause 10.2).

An audit takes its questions from checklist templates (the ISO 9001 template shipped with the app
lives in the catalogue, not in these tables; templates the lead writes live here). The questions
are copied into the audit, so that later edits of a template never change an audit on record; each
copied question holds its answer (evidence notes and result).

Findings come from nonconformities, opportunities for improvement and observations. Actions are
one register fed by several sources: audit findings, management reviews, customer complaints,
process nonconformities. An action names its source by kind, a human reference and the id of the
record in the source's own table (no foreign key: the sources live in different tables).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base


class AuditStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    CLOSED = "closed"


class AuditRole(enum.StrEnum):
    """What a person is to an audit besides its lead auditor."""

    TEAM = "team"
    AUDITEE = "auditee"


class Result(enum.StrEnum):
    """The result of one checklist question."""

    CONFORMING = "conforming"
    MINOR_NC = "minor_nc"
    MAJOR_NC = "major_nc"
    OFI = "ofi"
    OBSERVATION = "observation"
    NOT_APPLICABLE = "not_applicable"
    NOT_AUDITED = "not_audited"


class FindingClass(enum.StrEnum):
    """How a finding is classified (the results that make a finding)."""

    MAJOR_NC = "major_nc"
    MINOR_NC = "minor_nc"
    OFI = "ofi"
    OBSERVATION = "observation"


class ActionKind(enum.StrEnum):
    CORRECTIVE = "corrective"
    IMPROVEMENT = "improvement"
    OTHER = "other"


class ActionSource(enum.StrEnum):
    """Where an action comes from."""

    INTERNAL_AUDIT = "internal_audit"
    MANAGEMENT_REVIEW = "management_review"
    CUSTOMER_COMPLAINT = "customer_complaint"
    PROCESS_NC = "process_nc"
    SUPPLIER = "supplier"
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    AWAITING_VERIFICATION = "awaiting_verification"
    CLOSED = "closed"


def _enum(cls: type[enum.StrEnum], name: str, length: int = 20) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class ChecklistTemplate(Base):
    """A checklist the lead wrote or copied (e.g. a purchasing or a production process audit)."""

    __tablename__ = "checklist_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80, collation="NOCASE"), unique=True)
    process: Mapped[str] = mapped_column(String(80), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ChecklistQuestion(Base):
    __tablename__ = "checklist_questions"
    __table_args__ = (Index("ix_checklist_questions_template_position", "template_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_templates.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    clause: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text, default="")


class Audit(Base):
    """One internal audit of the programme."""

    __tablename__ = "audits"
    __table_args__ = (
        Index("ix_audits_planned_start", "planned_start"),
        Index("ix_audits_status", "status"),
        Index("ix_audits_lead_auditor_id", "lead_auditor_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    # Scope: lists kept as text, one item per line.
    processes: Mapped[str] = mapped_column(Text, default="")
    departments: Mapped[str] = mapped_column(Text, default="")
    clauses: Mapped[str] = mapped_column(Text, default="")  # "7.5, 8.4" as documents keep them
    criteria: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[dt.date] = mapped_column(Date)
    planned_end: Mapped[dt.date | None] = mapped_column(Date)
    actual_start: Mapped[dt.date | None] = mapped_column(Date)
    actual_end: Mapped[dt.date | None] = mapped_column(Date)
    lead_auditor_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT")
    )
    status: Mapped[AuditStatus] = mapped_column(_enum(AuditStatus, "audit_status"))
    summary: Mapped[str] = mapped_column(Text, default="")  # the report's conclusion
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AuditPerson(Base):
    """A member of the audit team, or an auditee."""

    __tablename__ = "audit_people"
    __table_args__ = (Index("ix_audit_people_person_id", "person_id"),)

    audit_id: Mapped[int] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), primary_key=True
    )
    role: Mapped[AuditRole] = mapped_column(_enum(AuditRole, "audit_role", 10), primary_key=True)


class AuditQuestion(Base):
    """A question of one audit's checklist (copied from a template) and its answer."""

    __tablename__ = "audit_questions"
    __table_args__ = (Index("ix_audit_questions_audit_position", "audit_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    clause: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(80), default="")  # the template it came from
    # None: not answered yet.
    result: Mapped[Result | None] = mapped_column(_enum(Result, "answer_result"))
    evidence: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Finding(Base):
    """A nonconformity, opportunity for improvement or observation of an audit."""

    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("audit_id", "number", name="uq_findings_audit_number"),
        Index("ix_findings_question_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # RESTRICT: an audit with findings is on record for good.
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="RESTRICT"))
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_questions.id", ondelete="SET NULL")
    )
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the audit
    clause: Mapped[str] = mapped_column(String(20))
    statement: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    classification: Mapped[FindingClass] = mapped_column(_enum(FindingClass, "finding_class"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Action(Base):
    """One entry of the actions register: a corrective action (clause 10.2) or another action.

    The check constraint keeps the rule that matters most at the lowest level: an action is closed
    only after someone verified, on a date, that it was effective.
    """

    __tablename__ = "actions"
    __table_args__ = (
        CheckConstraint(
            "status != 'closed' OR (verified_on IS NOT NULL AND verified_by_id IS NOT NULL "
            "AND effective = 1)",
            name="closed_needs_verification",
        ),
        Index("ix_actions_status", "status"),
        Index("ix_actions_due_date", "due_date"),
        Index("ix_actions_owner_id", "owner_id"),
        Index("ix_actions_verified_by_id", "verified_by_id"),
        Index("ix_actions_source", "source_kind", "source_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    kind: Mapped[ActionKind] = mapped_column(_enum(ActionKind, "action_kind"))
    source_kind: Mapped[ActionSource] = mapped_column(_enum(ActionSource, "action_source", 30))
    source_ref: Mapped[str] = mapped_column(String(80), default="")
    source_id: Mapped[int | None] = mapped_column(Integer)
    process: Mapped[str] = mapped_column(String(80), default="")
    problem: Mapped[str] = mapped_column(Text, default="")  # the nonconformity, or why the action
    correction: Mapped[str] = mapped_column(Text, default="")  # what was done at once
    correction_on: Mapped[dt.date | None] = mapped_column(Date)
    whys: Mapped[str] = mapped_column(Text, default="")  # the 5-whys answers: a JSON list
    root_cause: Mapped[str] = mapped_column(Text, default="")
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    raised_on: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    verify_due: Mapped[dt.date | None] = mapped_column(Date)
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    effective: Mapped[bool | None] = mapped_column(Boolean)
    verification_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus, "action_status", 30))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
