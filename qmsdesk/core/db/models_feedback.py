"""Customer feedback (ISO 9001:2015 clauses 8.2.1 and 9.1.2): complaints, compliments and returns,
and the results of customer satisfaction surveys.

A complaint may be linked to the corrective action it raised in the actions register (whose source
kind is then "customer complaint"): a foreign key, so that the link cannot point at nothing.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum
from qmsdesk.core.text import fold


class FeedbackKind(enum.StrEnum):
    COMPLAINT = "complaint"
    COMPLIMENT = "compliment"
    RETURN = "return"


class Severity(enum.StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class Feedback(Base):
    """One complaint, compliment or return. Closed (a `closed_on` date) only with a response."""

    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("closed_on IS NULL OR response != ''", name="closed_needs_response"),
        Index("ix_feedback_received_on", "received_on"),
        Index("ix_feedback_kind", "kind"),
        Index("ix_feedback_action_id", "action_id"),
        Index("ix_feedback_owner_id", "owner_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    kind: Mapped[FeedbackKind] = mapped_column(_enum(FeedbackKind, "feedback_kind"))
    received_on: Mapped[dt.date] = mapped_column(Date)
    customer: Mapped[str] = mapped_column(String(120), default="")
    product: Mapped[str] = mapped_column(String(120), default="")  # product, part or order
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[Severity | None] = mapped_column(_enum(Severity, "feedback_severity"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    respond_by: Mapped[dt.date | None] = mapped_column(Date)
    response: Mapped[str] = mapped_column(Text, default="")
    responded_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    # Reference, customer, product and description folded, for the search as you type (kept by
    # the mapper events below; bulk writers call feedback_search_text).
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


def feedback_search_text(reference: str, customer: str, product: str, description: str) -> str:
    return fold(" ".join((reference or "", customer or "", product or "", description or "")))


@event.listens_for(Feedback, "before_insert")
@event.listens_for(Feedback, "before_update")
def _feedback_before_write(_mapper: object, _connection: object, target: Feedback) -> None:
    target.search_text = feedback_search_text(
        target.reference, target.customer, target.product, target.description
    )


class SatisfactionResult(Base):
    """The result of one customer satisfaction survey (9.1.2), on the company's scale."""

    __tablename__ = "satisfaction_results"
    __table_args__ = (
        CheckConstraint("score >= scale_min AND score <= scale_max", name="score_on_scale"),
        Index("ix_satisfaction_results_period_end", "period_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(120), default="")
    sent: Mapped[int | None] = mapped_column(Integer)
    responses: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[float] = mapped_column(Float)
    scale_min: Mapped[int] = mapped_column(Integer, default=1)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    comments: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
