"""Planned changes to the quality system and to production (ISO 9001:2015 clauses 6.3 and 8.5.6):
what changes and why, its impact, who approved it, the actions it needs and the review of its
results once it is made."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum


class ChangeStatus(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    IMPLEMENTED = "implemented"
    REVIEWED = "reviewed"
    REJECTED = "rejected"


class ChangeScope(enum.StrEnum):
    """What the change touches: the quality system (6.3), production (8.5.6) or both."""

    SYSTEM = "system"
    PRODUCTION = "production"
    BOTH = "both"


class PlannedChange(Base):
    __tablename__ = "planned_changes"
    __table_args__ = (
        Index("ix_planned_changes_status", "status"),
        Index("ix_planned_changes_review_due", "review_due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    scope: Mapped[ChangeScope] = mapped_column(_enum(ChangeScope, "change_scope"))
    description: Mapped[str] = mapped_column(Text, default="")  # what changes
    reason: Mapped[str] = mapped_column(Text, default="")  # why
    system_impact: Mapped[str] = mapped_column(Text, default="")
    product_impact: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[dt.date] = mapped_column(Date)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    actions: Mapped[str] = mapped_column(Text, default="")  # what must be done, and references
    implemented_on: Mapped[dt.date | None] = mapped_column(Date)
    review_due: Mapped[dt.date | None] = mapped_column(Date)
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    review_result: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ChangeStatus] = mapped_column(_enum(ChangeStatus, "change_status"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
