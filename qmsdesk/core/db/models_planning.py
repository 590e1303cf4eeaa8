"""The planning registers' tables (ISO 9001:2015 clauses 4.1 to 4.4): processes, context issues,
interested parties and the scope's exclusions.

These are the tables other registers link to (a risk arises from a context issue or an interested
party and touches a process; an objective measures a process; design records exist only when 8.3
is not excluded). The planning register adds its own columns to them.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum


class ProcessKind(enum.StrEnum):
    """The three bands of a process map."""

    MANAGEMENT = "management"
    CORE = "core"
    SUPPORT = "support"


class IssueSide(enum.StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


class Process(Base):
    """One process of the quality system (clause 4.4)."""

    __tablename__ = "processes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20, collation="NOCASE"), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[ProcessKind] = mapped_column(
        _enum(ProcessKind, "process_kind"), default=ProcessKind.CORE
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)  # the order in its band of the map
    purpose: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    responsibilities: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ContextIssue(Base):
    """An internal or external issue of the company's context (clause 4.1)."""

    __tablename__ = "context_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20, collation="NOCASE"), unique=True)
    side: Mapped[IssueSide] = mapped_column(_enum(IssueSide, "issue_side"))
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    effect: Mapped[str] = mapped_column(Text, default="")  # how it bears on the quality system
    monitoring: Mapped[str] = mapped_column(Text, default="")  # how it is watched
    last_reviewed: Mapped[dt.date | None] = mapped_column(Date)
    next_review: Mapped[dt.date | None] = mapped_column(Date, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class InterestedParty(Base):
    """A party whose needs bear on the quality system (clause 4.2)."""

    __tablename__ = "interested_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120, collation="NOCASE"), unique=True)
    side: Mapped[IssueSide] = mapped_column(
        _enum(IssueSide, "issue_side"), default=IssueSide.EXTERNAL
    )
    needs: Mapped[str] = mapped_column(Text, default="")  # needs and expectations
    requirements: Mapped[str] = mapped_column(Text, default="")  # those taken on as requirements
    monitoring: Mapped[str] = mapped_column(Text, default="")
    last_reviewed: Mapped[dt.date | None] = mapped_column(Date)
    next_review: Mapped[dt.date | None] = mapped_column(Date, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ScopeExclusion(Base):
    """A requirement the company says does not apply to it (clause 4.3), with its reason."""

    __tablename__ = "scope_exclusions"

    id: Mapped[int] = mapped_column(primary_key=True)
    clause: Mapped[str] = mapped_column(String(20), unique=True)  # "8.3"
    justification: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class FlowDirection(enum.StrEnum):
    INPUT = "input"
    OUTPUT = "output"


class ProcessFlow(Base):
    """An input of a process (and where it comes from) or an output (and where it goes).

    The other end is another process (a hand-over: an arrow on the process map) or a party
    outside the company, named in words ("Customer", "Heat-treatment supplier").
    """

    __tablename__ = "process_flows"
    __table_args__ = (Index("ix_process_flows_process_id", "process_id", "direction"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    direction: Mapped[FlowDirection] = mapped_column(_enum(FlowDirection, "flow_direction"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    what: Mapped[str] = mapped_column(String(200))
    other_process_id: Mapped[int | None] = mapped_column(
        ForeignKey("processes.id", ondelete="SET NULL"), index=True
    )
    party: Mapped[str] = mapped_column(String(120), default="")  # the other end, outside


class QualityStatement(Base):
    """The company's statements, one row: the scope (clause 4.3: the statement, the sites, the
    products and services) and the wording of the quality policy (5.2) as approved in the
    register's Policy document."""

    __tablename__ = "quality_statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(Text, default="")
    sites: Mapped[str] = mapped_column(Text, default="")  # one per line
    products: Mapped[str] = mapped_column(Text, default="")  # products and services, one a line
    policy: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AuditProcess(Base):
    """A process an internal audit covers (the audit's list of processes, linked)."""

    __tablename__ = "audit_processes"

    audit_id: Mapped[int] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), primary_key=True
    )
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
