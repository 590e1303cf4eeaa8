"""Design and development (ISO 9001:2015 clause 8.3): projects and their dated stage records
(planning, inputs, reviews, verification, validation, outputs, changes), each with its outcome, who
took part and the files attached. The register exists only when 8.3 is not excluded."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum


class DesignStatus(enum.StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class StageKind(enum.StrEnum):
    PLANNING = "planning"  # 8.3.2
    INPUTS = "inputs"  # 8.3.3
    REVIEW = "review"  # 8.3.4
    VERIFICATION = "verification"  # 8.3.4
    VALIDATION = "validation"  # 8.3.4
    OUTPUTS = "outputs"  # 8.3.5
    CHANGE = "change"  # 8.3.6


class DesignProject(Base):
    __tablename__ = "design_projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    customer: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    started_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[DesignStatus] = mapped_column(_enum(DesignStatus, "design_status"))
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class DesignStage(Base):
    """One dated record of a project's stage: a design review, a verification, a validation..."""

    __tablename__ = "design_stages"
    __table_args__ = (Index("ix_design_stages_project_id", "project_id", "held_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("design_projects.id", ondelete="CASCADE"))
    kind: Mapped[StageKind] = mapped_column(_enum(StageKind, "design_stage_kind"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    participants: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DesignFile(Base):
    """A file attached to a stage record, stored by :mod:`qmsdesk.core.attachments`."""

    __tablename__ = "design_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stage_id: Mapped[int] = mapped_column(
        ForeignKey("design_stages.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    relpath: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
