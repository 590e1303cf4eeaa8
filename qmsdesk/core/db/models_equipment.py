"""The measuring equipment register's tables (ISO 9001:2015 clause 7.1.5): gauges and
instruments, their calibration records, and the actions that name them."""

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


class EquipmentStatus(enum.StrEnum):
    IN_USE = "in_use"
    OUT_OF_SERVICE = "out_of_service"
    QUARANTINED = "quarantined"
    RETIRED = "retired"


class CalibratedBy(enum.StrEnum):
    INTERNAL = "internal"
    LAB = "lab"


class AsFound(enum.StrEnum):
    IN_TOLERANCE = "in_tolerance"
    OUT_OF_TOLERANCE = "out_of_tolerance"


class AsLeft(enum.StrEnum):
    IN_TOLERANCE = "in_tolerance"
    ADJUSTED = "adjusted"
    NOT_USABLE = "not_usable"


class Equipment(Base):
    """One gauge or instrument used to accept product (clause 7.1.5.2)."""

    __tablename__ = "equipment"
    __table_args__ = (
        Index("ix_equipment_status", "status"),
        Index("ix_equipment_next_due", "next_due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    description: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(60), default="")
    location: Mapped[str] = mapped_column(String(80), default="")
    owner: Mapped[str] = mapped_column(String(80), default="")
    range_text: Mapped[str] = mapped_column(String(80), default="")
    accuracy: Mapped[str] = mapped_column(String(80), default="")
    interval_months: Mapped[int] = mapped_column(Integer, default=12)
    status: Mapped[EquipmentStatus] = mapped_column(_enum(EquipmentStatus, "equipment_status", 30))
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    # The latest calibration's next due date (or, before the first, the received date): kept
    # here by the services so that the schedule and the due list read one indexed column.
    next_due: Mapped[dt.date | None] = mapped_column(Date)
    last_calibrated: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Calibration(Base):
    """One calibration or check of a piece of equipment, with its certificate."""

    __tablename__ = "calibrations"
    __table_args__ = (Index("ix_calibrations_equipment_id", "equipment_id", "calibrated_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    equipment_id: Mapped[int] = mapped_column(ForeignKey("equipment.id", ondelete="CASCADE"))
    calibrated_on: Mapped[dt.date] = mapped_column(Date)
    by: Mapped[CalibratedBy] = mapped_column(_enum(CalibratedBy, "calibrated_by"))
    performed_by: Mapped[str] = mapped_column(String(120), default="")  # the lab or the person
    certificate_no: Mapped[str] = mapped_column(String(80), default="")
    as_found: Mapped[AsFound] = mapped_column(_enum(AsFound, "as_found", 30))
    as_left: Mapped[AsLeft] = mapped_column(_enum(AsLeft, "as_left", 30))
    next_due: Mapped[dt.date | None] = mapped_column(Date)
    # The impact review of an as-found out-of-tolerance result (clause 7.1.5.2).
    impact_review: Mapped[str] = mapped_column(Text, default="")  # what was measured since
    impact_decision: Mapped[str] = mapped_column(Text, default="")
    nc_id: Mapped[int | None] = mapped_column(
        ForeignKey("nonconforming_outputs.id", ondelete="SET NULL")
    )
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))
    attachment_name: Mapped[str] = mapped_column(String(255), default="")
    attachment_path: Mapped[str] = mapped_column(String(500), default="")
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class EquipmentAction(Base):
    """An action of the actions register that names a piece of equipment."""

    __tablename__ = "equipment_actions"
    __table_args__ = (
        UniqueConstraint("equipment_id", "action_id", name="one_link"),
        Index("ix_equipment_actions_action_id", "action_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    equipment_id: Mapped[int] = mapped_column(ForeignKey("equipment.id", ondelete="CASCADE"))
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
