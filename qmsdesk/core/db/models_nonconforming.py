"""The nonconforming outputs register's table (ISO 9001:2015 clause 8.7): what was found not to
conform, where, what was decided about it and by whom."""

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
)
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum


class FoundAt(enum.StrEnum):
    INCOMING = "incoming"
    IN_PROCESS = "in_process"
    FINAL = "final"
    CUSTOMER = "customer"


class Disposition(enum.StrEnum):
    REWORK = "rework"
    REPAIR = "repair"
    SCRAP = "scrap"
    USE_AS_IS = "use_as_is"
    RETURN_TO_SUPPLIER = "return_to_supplier"
    REGRADE = "regrade"


class NonconformingOutput(Base):
    """One nonconforming output: a product or service found not to conform (clause 8.7.2).

    The check constraint keeps the rule that matters most at the lowest level: nothing is used as
    it is without someone who authorised it.
    """

    __tablename__ = "nonconforming_outputs"
    __table_args__ = (
        CheckConstraint(
            "disposition IS NULL OR disposition != 'use_as_is' OR authorised_by != ''",
            name="use_as_is_needs_authoriser",
        ),
        Index("ix_nonconforming_outputs_found_on", "found_on"),
        Index("ix_nonconforming_outputs_supplier_id", "supplier_id"),
        Index("ix_nonconforming_outputs_action_id", "action_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    found_on: Mapped[dt.date] = mapped_column(Date)
    found_at: Mapped[FoundAt] = mapped_column(_enum(FoundAt, "nc_found_at"))
    product: Mapped[str] = mapped_column(String(150), default="")
    quantity: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id", ondelete="RESTRICT"))
    disposition: Mapped[Disposition | None] = mapped_column(
        _enum(Disposition, "nc_disposition", 30)
    )
    authorised_by: Mapped[str] = mapped_column(String(80), default="")
    concession_ref: Mapped[str] = mapped_column(String(80), default="")
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    verification: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[float | None] = mapped_column(Float)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
