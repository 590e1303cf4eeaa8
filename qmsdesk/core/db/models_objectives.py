"""The quality objectives' tables (ISO 9001:2015 clauses 6.2 and 9.1): each objective with its
measure, target and warning threshold, the plan to reach it (6.2.2) and its measurements.

A plan step may be carried out as an action of the shared actions register (``action_id``).
A measurement is for one period of the objective's frequency, stored as the first day of that
period (a month, a quarter, a half-year, a year): one measurement per objective and period.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Date,
    DateTime,
    Float,
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


class Direction(enum.StrEnum):
    """Whether a higher or a lower value of the measure is better."""

    HIGHER = "higher"
    LOWER = "lower"


class Frequency(enum.StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


class Objective(Base):
    """One quality objective: what is aimed at, how it is measured, and the target."""

    __tablename__ = "objectives"
    __table_args__ = (
        Index("ix_objectives_process_id", "process_id"),
        Index("ix_objectives_owner_id", "owner_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    commitment: Mapped[str] = mapped_column(Text, default="")  # the policy commitment it serves
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    measure: Mapped[str] = mapped_column(String(120), default="")
    unit: Mapped[str] = mapped_column(String(20), default="")
    direction: Mapped[Direction] = mapped_column(_enum(Direction, "objective_direction"))
    target: Mapped[float | None] = mapped_column(Float)
    warning: Mapped[float | None] = mapped_column(Float)
    frequency: Mapped[Frequency] = mapped_column(_enum(Frequency, "objective_frequency"))
    measured_from: Mapped[dt.date] = mapped_column(Date)  # the first period measured
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ObjectiveStep(Base):
    """One step of an objective's plan (6.2.2): what, with what, who, by when, how judged."""

    __tablename__ = "objective_steps"
    __table_args__ = (
        UniqueConstraint("objective_id", "position"),
        Index("ix_objective_steps_who_id", "who_id"),
        Index("ix_objective_steps_action_id", "action_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    what: Mapped[str] = mapped_column(Text)
    resources: Mapped[str] = mapped_column(Text, default="")
    who_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    due: Mapped[dt.date | None] = mapped_column(Date)
    evaluation: Mapped[str] = mapped_column(Text, default="")
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))
    done_on: Mapped[dt.date | None] = mapped_column(Date)


class Measurement(Base):
    """The value an objective's measure had over one period."""

    __tablename__ = "measurements"
    __table_args__ = (
        UniqueConstraint("objective_id", "period"),
        Index("ix_measurements_period", "period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"))
    period: Mapped[dt.date] = mapped_column(Date)  # the first day of the period
    value: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(120), default="")
    entered_on: Mapped[dt.date | None] = mapped_column(Date)
