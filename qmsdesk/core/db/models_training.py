"""People, job roles and the training matrix (ISO 9001:2015 clauses 7.2 and 7.3).

People and job roles are a shared register: training keeps competence records against them, and the
later registers name them (auditors and auditees, management review attendees, action owners).
A person who has left keeps every record and is only hidden from the matrix.

Competence levels are whole numbers on one scale (see :data:`qmsdesk.core.training.LEVELS`); a
training item says the highest level it uses (1 for a course one attends or a document one reads).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
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

#: The highest competence level any item may use (the scale runs from 1 to this).
LEVEL_MAX = 4


class Person(Base):
    """Someone who works (or worked) for the company, known by an employee number."""

    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_department", "department"),
        Index("ix_people_manager_id", "manager_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_no: Mapped[str] = mapped_column(String(30, collation="NOCASE"), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    department: Mapped[str] = mapped_column(String(80), default="")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    leaving_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    # Clause 7.2 b: competence on the basis of education, training or experience.
    education: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class JobRole(Base):
    """A job role (Quality Inspector, CNC Machinist...): what it needs is in role_requirements."""

    __tablename__ = "job_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80, collation="NOCASE"), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PersonRole(Base):
    """A role a person holds; one person may hold several."""

    __tablename__ = "person_roles"
    __table_args__ = (Index("ix_person_roles_role_id", "role_id"),)

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    role_id: Mapped[int] = mapped_column(
        ForeignKey("job_roles.id", ondelete="CASCADE"), primary_key=True
    )


class TrainingItem(Base):
    """A course or a competence: what people are trained in, and for how long it stays valid."""

    __tablename__ = "training_items"
    __table_args__ = (
        CheckConstraint(f"max_level BETWEEN 1 AND {LEVEL_MAX}", name="max_level_range"),
        Index("ix_training_items_category", "category"),
        Index("ix_training_items_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    category: Mapped[str] = mapped_column(String(60), default="")
    delivery: Mapped[str] = mapped_column(String(60), default="")
    # None: never expires.
    validity_months: Mapped[int | None] = mapped_column(Integer)
    # A "read and understood" item: trained on a revision of this controlled document.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    max_level: Mapped[int] = mapped_column(Integer, default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # A valid record on such an item qualifies someone to lead an internal audit.
    qualifies_auditor: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class RoleRequirement(Base):
    """Everyone holding `role` needs `item` at `required_level` or above."""

    __tablename__ = "role_requirements"
    __table_args__ = (
        UniqueConstraint("role_id", "item_id", name="uq_role_requirements_role_item"),
        CheckConstraint(f"required_level BETWEEN 1 AND {LEVEL_MAX}", name="level_range"),
        Index("ix_role_requirements_item_id", "item_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("job_roles.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("training_items.id", ondelete="CASCADE"))
    required_level: Mapped[int] = mapped_column(Integer, default=1)


class PersonRequirement(Base):
    """An individual extra: one person needs `item` whatever their roles say."""

    __tablename__ = "person_requirements"
    __table_args__ = (
        UniqueConstraint("person_id", "item_id", name="uq_person_requirements_person_item"),
        CheckConstraint(f"required_level BETWEEN 1 AND {LEVEL_MAX}", name="level_range"),
        Index("ix_person_requirements_item_id", "item_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("training_items.id", ondelete="CASCADE"))
    required_level: Mapped[int] = mapped_column(Integer, default=1)
    reason: Mapped[str] = mapped_column(String(200), default="")


class TrainingRecord(Base):
    """One person trained in one item on one day, with its evidence and effectiveness check.

    Records are never deleted with their person or item (RESTRICT): they are the evidence an
    auditor asks for; people leave and items are archived instead.
    """

    __tablename__ = "training_records"
    __table_args__ = (
        CheckConstraint(f"level BETWEEN 1 AND {LEVEL_MAX}", name="level_range"),
        Index("ix_training_records_person_item_date", "person_id", "item_id", "trained_on"),
        Index("ix_training_records_item_id", "item_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    item_id: Mapped[int] = mapped_column(ForeignKey("training_items.id", ondelete="RESTRICT"))
    trained_on: Mapped[dt.date] = mapped_column(Date)
    trainer: Mapped[str] = mapped_column(String(120), default="")
    hours: Mapped[float | None] = mapped_column(Float)
    level: Mapped[int] = mapped_column(Integer, default=1)
    result: Mapped[str] = mapped_column(String(80), default="")
    # The revision of the linked document the person was trained on ("" when not linked).
    document_revision: Mapped[str] = mapped_column(String(20), default="")
    attachment_name: Mapped[str] = mapped_column(String(255), default="")
    attachment_path: Mapped[str] = mapped_column(String(500), default="")
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")
    # Clause 7.2 c): how the lead knows the training worked.
    effectiveness_method: Mapped[str] = mapped_column(String(120), default="")
    effectiveness_date: Mapped[dt.date | None] = mapped_column(Date)
    effectiveness_by: Mapped[str] = mapped_column(String(120), default="")
    effectiveness_outcome: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
