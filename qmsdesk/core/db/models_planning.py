"""The planning registers' tables (ISO 9001:2015 clauses 4.1 to 4.4): processes, context issues,
interested parties and the scope's exclusions.

These are the tables other registers link to (a risk arises from a context issue or an interested
party and touches a process; an objective measures a process; design records exist only when 8.3
is not excluded). The planning register adds its own columns to them.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import DateTime, ForeignKey, String, Text
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
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ContextIssue(Base):
    """An internal or external issue of the company's context (clause 4.1)."""

    __tablename__ = "context_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20, collation="NOCASE"), unique=True)
    side: Mapped[IssueSide] = mapped_column(_enum(IssueSide, "issue_side"))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class InterestedParty(Base):
    """A party whose needs bear on the quality system (clause 4.2)."""

    __tablename__ = "interested_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120, collation="NOCASE"), unique=True)
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
