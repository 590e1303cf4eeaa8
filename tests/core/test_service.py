"""The kit every register's services share: load by id, unique key, delete with history."""

from __future__ import annotations

import pytest

from qmsdesk.core import history, service
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType, Document
from qmsdesk.core.errors import NotFoundError, ValidationError


def make_document(db: Database, code: str = "QP-01") -> int:
    with db.write() as session:
        doc = Document(
            code=code,
            title="Control of records",
            doc_type=DocType.PROCEDURE,
            status=DocStatus.DRAFT,
        )
        session.add(doc)
        session.flush()
        return doc.id


def test_load_returns_the_record(db: Database) -> None:
    doc_id = make_document(db)
    with db.read() as session:
        doc = service.load(session, Document, doc_id, "Document")
        assert doc.code == "QP-01"


def test_load_of_a_missing_id_says_which_record_is_gone(db: Database) -> None:
    with db.read() as session, pytest.raises(NotFoundError) as caught:
        service.load(session, Document, 42, "Document")
    assert str(caught.value) == "Document 42 does not exist (it may have been deleted)."


def test_load_keeps_the_registers_own_words(db: Database) -> None:
    with db.read() as session:
        with pytest.raises(NotFoundError, match=r"^Finding 7 does not exist\.$"):
            service.load(session, Document, 7, "Finding", note="")
        with pytest.raises(NotFoundError, match=r"^Question 7 does not exist in any audit\.$"):
            service.load(session, Document, 7, "Question", note=" in any audit")


def test_missing_is_the_same_message_as_load() -> None:
    error = service.missing("Action", 12)
    assert isinstance(error, NotFoundError)
    assert str(error) == "Action 12 does not exist (it may have been deleted)."
    assert str(service.missing("Revision", 3, note="")) == "Revision 3 does not exist."


def test_ensure_unique_refuses_a_key_another_record_has() -> None:
    with pytest.raises(ValidationError) as caught:
        service.ensure_unique(5, None, "Code: another document already has the code 'QP-01'.")
    assert caught.value.problems == ["Code: another document already has the code 'QP-01'."]
    with pytest.raises(ValidationError):
        service.ensure_unique(5, 6, "taken")


def test_ensure_unique_accepts_a_free_key_or_the_records_own() -> None:
    service.ensure_unique(None, None, "never shown")
    service.ensure_unique(None, 6, "never shown")
    service.ensure_unique(6, 6, "never shown")


def test_delete_with_history_removes_the_record_and_keeps_a_delete_row(db: Database) -> None:
    doc_id = make_document(db)
    with db.write() as session:
        doc = service.load(session, Document, doc_id, "Document")
        service.delete_with_history(
            session,
            doc,
            user="lead",
            entity="document",
            entity_id=doc.id,
            ref=doc.code,
            changes=[history.Change("Title", doc.title, "")],
        )
    with db.read() as session:
        assert session.get(Document, doc_id) is None
        rows = history.for_entity(session, "document", doc_id)
    assert [(r.action, r.user, r.ref, r.field, r.old_value, r.new_value) for r in rows] == [
        ("delete", "lead", "QP-01", "Title", "Control of records", "")
    ]


def test_delete_with_history_can_write_into_the_parents_history(db: Database) -> None:
    doc_id = make_document(db)
    with db.write() as session:
        doc = service.load(session, Document, doc_id, "Document")
        service.delete_with_history(
            session,
            doc,
            user="lead",
            entity="binder",
            entity_id=1,
            ref="B-1",
            action="contents",
            changes=[history.Change("Document removed", "QP-01", "")],
        )
    with db.read() as session:
        assert session.get(Document, doc_id) is None
        rows = history.for_entity(session, "binder", 1)
    assert [(r.action, r.field, r.old_value) for r in rows] == [
        ("contents", "Document removed", "QP-01")
    ]
