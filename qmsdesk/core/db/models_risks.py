"""The risks and opportunities register's tables (ISO 9001:2015 clause 6.1).

A risk or an opportunity arises from a context issue, an interested party or a process (the
planning tables of :mod:`qmsdesk.core.db.models_planning`), is rated on the company's scale before
and after its treatment, and is treated by actions of the shared actions register (source kind
"risk", the risk's id as source id). Whether those actions worked is recorded in its effectiveness
reviews, which management review input 9.3.2 e reports.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
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


class RiskKind(enum.StrEnum):
    RISK = "risk"
    OPPORTUNITY = "opportunity"


class RiskSourceKind(enum.StrEnum):
    """What a risk or an opportunity arises from."""

    CONTEXT_ISSUE = "context_issue"
    INTERESTED_PARTY = "interested_party"
    PROCESS = "process"
    OTHER = "other"


class Treatment(enum.StrEnum):
    ACCEPT = "accept"
    REDUCE = "reduce"
    AVOID = "avoid"
    SHARE = "share"
    PURSUE = "pursue"  # opportunities


class ReviewOutcome(enum.StrEnum):
    """What an effectiveness review found of the actions taken on a risk."""

    EFFECTIVE = "effective"
    PARTLY = "partly"
    NOT_EFFECTIVE = "not_effective"


class Risk(Base):
    """One risk or opportunity, rated before (likelihood x consequence) and after treatment."""

    __tablename__ = "risks"
    __table_args__ = (
        CheckConstraint("likelihood >= 1 AND consequence >= 1", name="rating_positive"),
        Index("ix_risks_next_review", "next_review"),
        Index("ix_risks_process_id", "process_id"),
        Index("ix_risks_owner_id", "owner_id"),
        Index("ix_risks_issue_id", "issue_id"),
        Index("ix_risks_party_id", "party_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20, collation="NOCASE"), unique=True)
    kind: Mapped[RiskKind] = mapped_column(_enum(RiskKind, "risk_kind"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    source_kind: Mapped[RiskSourceKind] = mapped_column(
        _enum(RiskSourceKind, "risk_source_kind", 30)
    )
    issue_id: Mapped[int | None] = mapped_column(
        ForeignKey("context_issues.id", ondelete="SET NULL")
    )
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("interested_parties.id", ondelete="SET NULL")
    )
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    likelihood: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[int] = mapped_column(Integer)
    treatment: Mapped[Treatment] = mapped_column(_enum(Treatment, "risk_treatment"))
    treatment_plan: Mapped[str] = mapped_column(Text, default="")
    residual_likelihood: Mapped[int | None] = mapped_column(Integer)
    residual_consequence: Mapped[int | None] = mapped_column(Integer)
    identified_on: Mapped[dt.date] = mapped_column(Date)
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class RiskReview(Base):
    """A review of whether the actions taken on a risk worked (date, by whom, outcome)."""

    __tablename__ = "risk_reviews"
    __table_args__ = (
        Index("ix_risk_reviews_risk_id", "risk_id"),
        Index("ix_risk_reviews_reviewed_on", "reviewed_on"),
        Index("ix_risk_reviews_reviewed_by_id", "reviewed_by_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"))
    reviewed_on: Mapped[dt.date] = mapped_column(Date)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    outcome: Mapped[ReviewOutcome] = mapped_column(_enum(ReviewOutcome, "risk_review_outcome"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
