"""Typed SQLAlchemy models for every table of a company file.

Derived columns (`search_text`, `next_review`) are kept by mapper events below, so that every writer
(dialogs, imports, the demo generator) gets them right without thinking about them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from qmsdesk.core.dates import add_months, utcnow
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.base import stored_enum as _enum
from qmsdesk.core.text import fold

# The register's enums are defined in the light vocab module (the first screen needs them without
# SQLAlchemy), and found here as they always were.
from qmsdesk.core.vocab import DocStatus, DocType, RevisionStatus


class Setting(Base):
    """Company-wide settings kept in the company file (company name, logo for report headers)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_status", "status"),
        Index("ix_documents_doc_type", "doc_type"),
        Index("ix_documents_owner", "owner"),
        Index("ix_documents_next_review", "next_review"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40, collation="NOCASE"), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    doc_type: Mapped[DocType] = mapped_column(_enum(DocType, "doc_type"))
    process: Mapped[str] = mapped_column(String(80), default="")
    # The process of the register of processes that `process` names (kept by the services).
    process_id: Mapped[int | None] = mapped_column(
        ForeignKey("processes.id", ondelete="SET NULL"), index=True
    )
    owner: Mapped[str] = mapped_column(String(80), default="")
    revision: Mapped[str] = mapped_column(String(20), default="")
    status: Mapped[DocStatus] = mapped_column(_enum(DocStatus, "doc_status"))
    effective_date: Mapped[dt.date | None] = mapped_column(Date)
    review_months: Mapped[int | None] = mapped_column(Integer)
    last_reviewed: Mapped[dt.date | None] = mapped_column(Date)
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(500), default="")
    retention: Mapped[str] = mapped_column(String(80), default="")
    clauses: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    obsolete_reason: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    revisions: Mapped[list[Revision]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="Revision.id",
        passive_deletes=True,
    )


class Revision(Base):
    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("document_id", "label", name="uq_revisions_document_label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(20))
    revision_date: Mapped[dt.date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[RevisionStatus] = mapped_column(_enum(RevisionStatus, "revision_status"))
    approved_by: Mapped[str] = mapped_column(String(80), default="")
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    effective_date: Mapped[dt.date | None] = mapped_column(Date)
    attachment_name: Mapped[str] = mapped_column(String(255), default="")
    attachment_path: Mapped[str] = mapped_column(String(500), default="")
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[Document] = relationship(back_populates="revisions")


class ChangeRecord(Base):
    """One changed field of one record: when, who, what it was and what it became.

    It names the record by table, id and a human reference (a document's code), and has no foreign
    key,
    so that the history of a deleted draft survives it.
    """

    __tablename__ = "change_history"
    __table_args__ = (Index("ix_change_history_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(80))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(40), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    # SHA-256 of this row's content and the previous row's hash: editing or deleting a row in the
    # file breaks the chain from there on (see qmsdesk.core.history.verify_chain).
    hash: Mapped[str] = mapped_column(String(64), default="")


def next_review_for(
    status: DocStatus,
    effective_date: dt.date | None,
    last_reviewed: dt.date | None,
    review_months: int | None,
) -> dt.date | None:
    """A document is due `review_months` after its last review, or after it took effect."""
    base = last_reviewed or effective_date
    if status == DocStatus.OBSOLETE or base is None or not review_months:
        return None
    return add_months(base, review_months)


def search_text_for(code: str, title: str, owner: str, note: str) -> str:
    return fold(" ".join((code or "", title or "", owner or "", note or "")))


def refresh_derived(doc: Document) -> None:
    """Recompute the columns a document derives from its other fields.

    Bulk writes (imports) that bypass the ORM compute the same two values with the same functions.
    """
    doc.search_text = search_text_for(doc.code, doc.title, doc.owner, doc.note)
    doc.next_review = next_review_for(
        doc.status, doc.effective_date, doc.last_reviewed, doc.review_months
    )


@event.listens_for(Document, "before_insert")
@event.listens_for(Document, "before_update")
def _document_before_write(_mapper: object, _connection: object, target: Document) -> None:
    refresh_derived(target)


# The other registers' tables, on the same metadata (imported here, after the models above).
from qmsdesk.core.db import (  # noqa: E402,F401
    models_audits,
    models_changes,
    models_design,
    models_feedback,
    models_objectives,
    models_planning,
    models_reviews,
    models_risks,
    models_training,
)
