"""Document control (7.5.2, 7.5.3): no effective document without an approved revision, status and
revisions agree, approver and author differ, the master list's approval, external documents,
records' disposal date, the register filtered by clause."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from qmsdesk.core import company
from qmsdesk.core import documents as D
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType, RevisionStatus
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange.workbook import plan_import

from ..exchange import write_book

DAY = dt.date(2025, 3, 1)


def _fields(code: str = "QP-01", **changes: object) -> D.DocumentFields:
    values: dict[str, object] = {
        "code": code,
        "title": "Control of documents",
        "doc_type": DocType.PROCEDURE,
        "status": DocStatus.EFFECTIVE,
        "effective_date": DAY,
        "owner": "Ann Author",
        "revision": "C",
        **changes,
    }
    return D.DocumentFields(**values)  # type: ignore[arg-type]


def test_an_effective_document_cannot_be_created_without_its_approval(db: Database) -> None:
    with pytest.raises(ValidationError, match="needs its approval"), db.write() as session:
        D.create_document(session, _fields(), "lead")
    with db.write() as session:
        doc_id = D.create_document(session, _fields(), "lead", D.Approval("Boss", DAY))
    with db.read() as session:
        row = D.get_row(session, doc_id)
        (rev,) = D.revisions_of(session, doc_id)
    assert (row.approved_by, row.approved_on, row.revision) == ("Boss", DAY, "C")
    assert (rev.label, rev.status, rev.approved_by, rev.approved_on, rev.author) == (
        "C",
        RevisionStatus.EFFECTIVE,
        "Boss",
        DAY,
        "Ann Author",
    )


def test_status_and_revisions_cannot_disagree(db: Database) -> None:
    with db.write() as session:
        draft = D.create_document(session, _fields("QP-02", status=DocStatus.DRAFT), "lead")
        effective = D.create_document(session, _fields(), "lead", D.Approval("Boss", DAY))
    with (
        pytest.raises(ValidationError, match="takes effect when one of its revisions is approved"),
        db.write() as session,
    ):
        fields = D.get_row(session, draft).fields()
        D.update_document(session, draft, replace(fields, status=DocStatus.EFFECTIVE), "x")
    with pytest.raises(ValidationError, match="add the draft revision first"), db.write() as s:
        D.update_document(s, draft, replace(fields, status=DocStatus.IN_REVIEW), "x")
    with pytest.raises(ValidationError, match="has a revision in force"), db.write() as s:
        fields = D.get_row(s, effective).fields()
        D.update_document(s, effective, replace(fields, status=DocStatus.DRAFT), "x")
    # With its draft revision added, the draft document may be put in review.
    with db.write() as session:
        D.add_revision(session, draft, D.RevisionFields("A", today(), "First issue", "Ann"), "x")
        fields = D.get_row(session, draft).fields()
        D.update_document(session, draft, replace(fields, status=DocStatus.IN_REVIEW), "x")
    with db.read() as session:
        assert D.get_row(session, draft).status == DocStatus.IN_REVIEW
    # A new document entered as in review gets its draft: Approve has something to approve.
    with db.write() as session:
        new = D.create_document(session, _fields("QP-03", status=DocStatus.IN_REVIEW), "x")
    with db.read() as session:
        assert [(r.label, r.status) for r in D.revisions_of(session, new)] == [
            ("C", RevisionStatus.DRAFT)
        ]


def test_the_author_cannot_approve_their_own_revision_unless_the_company_allows_it(
    db: Database,
) -> None:
    with db.write() as session:
        doc_id = D.create_document(session, _fields(), "lead", D.Approval("Boss", DAY))
        rev = D.add_revision(session, doc_id, D.RevisionFields("D", today(), "x", "Ann"), "lead")
    with pytest.raises(ValidationError, match="Ann wrote this revision"), db.write() as s:
        D.approve_revision(s, rev, " ann ", today(), "lead")
    with pytest.raises(ValidationError, match="Ann Author wrote this revision"), db.write() as s:
        D.create_document(s, _fields("QP-09"), "lead", D.Approval("Ann Author", DAY))
    with db.write() as session:
        assert not company.allows_self_approval(session)
        company.set_self_approval(session, True)
    with db.write() as session:
        D.approve_revision(session, rev, "Ann", today(), "lead")
    with db.read() as session:
        row = D.get_row(session, doc_id)
    assert (row.revision, row.approved_by, row.approved_on) == ("D", "Ann", today())


def test_an_import_of_approved_documents_records_their_approval(
    db: Database, tmp_path: Path
) -> None:
    path = write_book(
        tmp_path / "old register.xlsx",
        {
            "Documents": [
                ["Code", "Title", "Type", "Status", "Revision", "Effective date", "Approved by"],
                ["QP-01", "One", "Procedure", "Approved", "B", "2024-05-01", None],
                ["QP-02", "Two", "Procedure", "Approved", "A", "2024-06-01", "Margaret Hollis"],
                ["QP-03", "Three", "Procedure", "In review", "A", None, None],
            ]
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, "lead")
    with db.read() as session:
        got = {}
        for code in ("QP-01", "QP-02", "QP-03"):
            doc_id = D.id_for_code(session, code)
            assert doc_id is not None
            got[code] = [
                (r.label, r.status, r.approved_by, r.approved_on)
                for r in D.revisions_of(session, doc_id)
            ]
        one = D.get_row(session, D.id_for_code(session, "QP-01") or 0)
    assert got == {
        "QP-01": [("B", RevisionStatus.EFFECTIVE, D.PRE_QMS_APPROVER, dt.date(2024, 5, 1))],
        "QP-02": [("A", RevisionStatus.EFFECTIVE, "Margaret Hollis", dt.date(2024, 6, 1))],
        "QP-03": [("A", RevisionStatus.DRAFT, "", None)],
    }
    assert (one.approved_by, one.approved_on) == (D.PRE_QMS_APPROVER, dt.date(2024, 5, 1))


def test_records_get_a_disposal_date_and_external_documents_their_issuer(db: Database) -> None:
    record = _fields(
        "REC-01",
        doc_type=DocType.RECORD,
        retention="10 years after delivery",
        status=DocStatus.DRAFT,
    )
    external = _fields(
        "EXT-01",
        doc_type=DocType.EXTERNAL,
        status=DocStatus.DRAFT,
        issuer="ISO",
        edition_checked=dt.date(2025, 6, 1),
    )
    with db.write() as session:
        rec_id = D.create_document(session, record, "x")
        ext_id = D.create_document(session, external, "x")
        D.create_many(session, [replace(record, code="REC-02", retention="6 months")], "x")
    with db.read() as session:
        rec = D.get_row(session, rec_id)
        ext = D.get_row(session, ext_id)
        bulk = D.get_row(session, D.id_for_code(session, "REC-02") or 0)
    assert rec.disposal_date == dt.date(2035, 3, 1)
    assert bulk.disposal_date == dt.date(2025, 9, 1)
    assert (ext.issuer, ext.edition_checked, ext.disposal_date) == (
        "ISO",
        dt.date(2025, 6, 1),
        None,
    )
    with (
        pytest.raises(ValidationError, match="Edition last checked: cannot be in the future"),
        db.write() as session,
    ):
        later = replace(external, edition_checked=today() + dt.timedelta(days=1))
        D.update_document(session, ext_id, later, "x")


def test_the_register_filters_by_clause(db: Database) -> None:
    with db.write() as session:
        ids = {
            code: D.create_document(
                session, _fields(code, status=DocStatus.DRAFT, clauses=clauses), "x"
            )
            for code, clauses in (
                ("A", ("8.4",)),
                ("B", ("7.5", "8.4.2")),
                ("C", ("8.5.1",)),
                ("D", ("9",)),
                ("E", ("9.1.1",)),
            )
        }
    with db.read() as session:
        assert D.query_ids(session, D.DocumentQuery(clause="8.4")) == [ids["A"], ids["B"]]
        assert D.query_ids(session, D.DocumentQuery(clause="8.4.2")) == [ids["B"]]
        assert D.query_ids(session, D.DocumentQuery(clause="9")) == [ids["D"], ids["E"]]
        assert D.query_ids(session, D.DocumentQuery(clause="8")) == [ids["A"], ids["B"], ids["C"]]
