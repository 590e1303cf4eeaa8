"""The shared actions register (ISO 9001:2015 clause 10.2).

Actions are one register fed by several sources: audit findings, management reviews, customer
complaints, process nonconformities. An action names its source by kind, a human reference and the
id of the record in the source's own table (no foreign key: the sources live in different tables).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum


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
    RISK = "risk"  # a risk or opportunity of the risks register (clause 6.1)
    OBJECTIVE = "objective"  # a step of a quality objective's plan (6.2.2)
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    AWAITING_VERIFICATION = "awaiting_verification"
    CLOSED = "closed"


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
    # The process of the register of processes that `process` names (kept by the services).
    process_id: Mapped[int | None] = mapped_column(
        ForeignKey("processes.id", ondelete="SET NULL"), index=True
    )
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
