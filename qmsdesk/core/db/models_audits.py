"""Internal audits (ISO 9001:2015 clause 9.2).

An audit takes its questions from checklist templates (the ISO 9001 template shipped with the app
lives in the catalogue, not in these tables; templates the lead writes live here). The questions
are copied into the audit, so that later edits of a template never change an audit on record; each
copied question holds its answer (evidence notes and result).

Findings come from nonconformities, opportunities for improvement and observations; each
nonconformity opens a corrective action in the shared actions register, whose model lives in
:mod:`qmsdesk.core.db.models_actions` (found here too, as it always was).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Date,
    DateTime,
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
from qmsdesk.core.db.base import stored_enum as _enum


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
    # Why an auditor who owns an audited document or works in an audited department audits anyway.
    independence_reason: Mapped[str] = mapped_column(Text, default="")
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


# The actions register's model and enums, defined after the audits' tables (so that the metadata
# lists the tables in the order it always did) and found here as they always were.
from qmsdesk.core.db.models_actions import (  # noqa: E402,F401
    Action,
    ActionKind,
    ActionSource,
    ActionStatus,
)
