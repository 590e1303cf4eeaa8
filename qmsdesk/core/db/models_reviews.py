"""Management reviews (ISO 9001:2015 clause 9.3): the meetings, their agenda, decisions, minutes.

A review has one input section per item of clause 9.3.2 (and one for the document register). Each
section keeps what the quality lead wrote (``narrative``) apart from what QMS Desk drafted from the
registers (``summary`` and ``tables``), so that drafting again never touches the lead's words.

Decisions are the outputs of clause 9.3.3; the actions they create live in the shared actions
register, which names a decision as their source (source kind "management_review", source id the
decision's id). Approving a review freezes its minutes: a copy of them as approved is
kept in ``review_minutes``; a change afterwards starts the next revision of the minutes.

People are named by reference to the register of people, with their name copied beside it, so that
minutes keep the name of someone whose record is later deleted.
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum


class ReviewStatus(enum.StrEnum):
    PLANNED = "planned"
    HELD = "held"
    APPROVED = "approved"  # minutes approved: read-only


class AttendanceRole(enum.StrEnum):
    ATTENDED = "attended"
    APOLOGIES = "apologies"


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period_order"),
        CheckConstraint("minutes_revision >= 1", name="minutes_revision_positive"),
        Index("ix_reviews_meeting_date", "meeting_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(30, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(150), default="")
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(120), default="")
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    chair_name: Mapped[str] = mapped_column(String(120), default="")
    # Attendees from outside the register of people (a consultant, the owner's accountant).
    guests: Mapped[str] = mapped_column(String(300), default="")
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[ReviewStatus] = mapped_column(_enum(ReviewStatus, "review_status"))
    approved_by: Mapped[str] = mapped_column(String(120), default="")
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    # The revision of the minutes being written, or the one approved (1, 2...).
    minutes_revision: Mapped[int] = mapped_column(Integer, default=1)
    # Why this revision of the minutes was started ("" for the first).
    revision_reason: Mapped[str] = mapped_column(Text, default="")
    drafted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The conclusion of clause 9.3.1: is the system suitable, adequate, effective and aligned
    # with the strategic direction (each in the review's own words).
    suitability: Mapped[str] = mapped_column(Text, default="")
    adequacy: Mapped[str] = mapped_column(Text, default="")
    effectiveness: Mapped[str] = mapped_column(Text, default="")
    alignment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ReviewPerson(Base):
    """Someone who attended a review, or sent apologies."""

    __tablename__ = "review_people"
    __table_args__ = (
        UniqueConstraint("review_id", "person_id", name="uq_review_people_review_person"),
        Index("ix_review_people_person_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[AttendanceRole] = mapped_column(_enum(AttendanceRole, "attendance_role"))


class ReviewInput(Base):
    """One agenda item of a review: the lead's narrative and the summary drafted from the data."""

    __tablename__ = "review_inputs"
    __table_args__ = (UniqueConstraint("review_id", "item", name="uq_review_inputs_review_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(12))  # "9.3.2 c 4", as in the catalogue
    narrative: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    tables: Mapped[str] = mapped_column(Text, default="")  # JSON: [{title, columns, rows, note}]
    drafted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The lead's word that the item had nothing to report (instead of a narrative).
    nothing_to_report: Mapped[bool] = mapped_column(Boolean, default=False)


class ReviewDecision(Base):
    """An output of the review (clause 9.3.3 a, b or c): what top management decided."""

    __tablename__ = "review_decisions"
    __table_args__ = (
        UniqueConstraint("review_id", "number", name="uq_review_decisions_review_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(12))  # "9.3.3 a"
    number: Mapped[int] = mapped_column(Integer)  # D1, D2... within the review
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ReviewMinutes(Base):
    """The minutes of a review as approved, one row per approved revision, never changed."""

    __tablename__ = "review_minutes"
    __table_args__ = (
        UniqueConstraint("review_id", "revision", name="uq_review_minutes_review_revision"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="RESTRICT"))
    revision: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str] = mapped_column(String(120))
    approved_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text)  # JSON of qmsdesk.core.reviews.Minutes
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
