"""The suppliers register's tables (ISO 9001:2015 clause 8.4): external providers, their
certificates, their evaluations, and the actions that name them.

Scores of an evaluation are kept as a JSON object {criterion: score}, because the criteria are the
company's own (quality, delivery, price and service by default) and may change.
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum


class Criticality(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SupplierStatus(enum.StrEnum):
    UNDER_EVALUATION = "under_evaluation"
    APPROVED = "approved"
    CONDITIONAL = "conditional"
    NOT_APPROVED = "not_approved"


class EvaluationResult(enum.StrEnum):
    APPROVED = "approved"
    CONDITIONAL = "conditional"
    NOT_APPROVED = "not_approved"


class Supplier(Base):
    """One external provider of products or services (clause 8.4.1)."""

    __tablename__ = "suppliers"
    __table_args__ = (
        Index("ix_suppliers_status", "status"),
        Index("ix_suppliers_next_evaluation", "next_evaluation"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    supplies: Mapped[str] = mapped_column(String(200), default="")
    criticality: Mapped[Criticality] = mapped_column(_enum(Criticality, "supplier_criticality"))
    status: Mapped[SupplierStatus] = mapped_column(_enum(SupplierStatus, "supplier_status", 30))
    approved_since: Mapped[dt.date | None] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(String(200), default="")
    # The latest evaluation's next due date (kept here so that due lists and filters are one
    # indexed column; written by the services whenever an evaluation changes).
    next_evaluation: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SupplierCertificate(Base):
    """A certificate a supplier holds (ISO 9001, IATF 16949, NADCAP...), with its file."""

    __tablename__ = "supplier_certificates"
    __table_args__ = (
        Index("ix_supplier_certificates_supplier_id", "supplier_id"),
        Index("ix_supplier_certificates_expires_on", "expires_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    number: Mapped[str] = mapped_column(String(80), default="")
    issued_by: Mapped[str] = mapped_column(String(120), default="")
    expires_on: Mapped[dt.date | None] = mapped_column(Date)
    attachment_name: Mapped[str] = mapped_column(String(255), default="")
    attachment_path: Mapped[str] = mapped_column(String(500), default="")
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")


class SupplierEvaluation(Base):
    """One evaluation or re-evaluation of a supplier (clause 8.4.1)."""

    __tablename__ = "supplier_evaluations"
    __table_args__ = (
        Index("ix_supplier_evaluations_supplier_id", "supplier_id", "evaluated_on"),
        CheckConstraint("overall >= 0", name="overall_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    evaluated_on: Mapped[dt.date] = mapped_column(Date)
    evaluated_by: Mapped[str] = mapped_column(String(80), default="")
    scores: Mapped[str] = mapped_column(Text, default="")  # JSON {criterion: score}
    overall: Mapped[float] = mapped_column(Float, default=0.0)
    result: Mapped[EvaluationResult] = mapped_column(
        _enum(EvaluationResult, "evaluation_result", 30)
    )
    next_due: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class SupplierAction(Base):
    """An action of the actions register that names a supplier (its performance, 8.4.1)."""

    __tablename__ = "supplier_actions"
    __table_args__ = (
        UniqueConstraint("supplier_id", "action_id", name="one_link"),
        Index("ix_supplier_actions_action_id", "action_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
