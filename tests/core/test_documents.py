"""Document register services: rules, revisions, obsolescence, history, search and counts."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from qmsdesk.core import attachments, documents, history
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType, Revision, RevisionStatus
from qmsdesk.core.errors import QmsError, ValidationError

D = documents


def make(db: Database, code: str = "QP-07-01", **changes: object) -> int:
    values: dict[str, object] = {
        "code": code,
        "title": "Control of documented information",
        "doc_type": "Procedure",
        "status": "Approved / effective",
        "effective_date": "2025-03-01",
        "review_months": 12,
        "owner": "Łukasz Żółć",
        "clauses": "7.5.3, 7.5",
    }
    values.update(changes)
    fields, problems = D.fields_from_values(values)
    assert problems == [] and fields is not None
    with db.write() as session:
        return D.create_document(session, fields, "lead")


def test_fields_are_parsed_from_words_people_write() -> None:
    fields, problems = D.fields_from_values(
        {
            "code": " WI-01 ",
            "title": "Setting up the lathe",
            "doc_type": "work instruction",
            "status": "Approved",
            "effective_date": "01/03/2026",
            "review_months": "24",
            "clauses": "8.5.1; 7.1.5.1",
        }
    )
    assert problems == []
    assert fields is not None
    assert fields.code == "WI-01"
    assert fields.doc_type == DocType.WORK_INSTRUCTION
    assert fields.status == DocStatus.EFFECTIVE
    assert fields.effective_date == dt.date(2026, 3, 1)
    assert fields.review_months == 24
    assert fields.clauses == ("7.1.5.1", "8.5.1")  # the standard's order


def test_every_problem_of_a_row_is_reported_at_once() -> None:
    fields, problems = D.fields_from_values(
        {
            "code": "",
            "title": "x" * 200,
            "doc_type": "Memo",
            "status": "Finished",
            "effective_date": "next week",
            "clauses": "7.9",
        }
    )
    assert fields is None
    by_field = {p.field: p.message for p in problems}
    assert set(by_field) == {"code", "title", "doc_type", "status", "effective_date", "clauses"}
    assert "200 characters" in by_field["title"] and "150" in by_field["title"]
    assert "Work instruction" in by_field["doc_type"]
    assert "Obsolete" in by_field["status"]
    assert "'7.9' is not a clause" in by_field["clauses"]


def test_effective_needs_a_date_and_obsolete_needs_a_reason() -> None:
    base = D.DocumentFields(code="A", title="B", doc_type=DocType.FORM)
    assert [p.field for p in D.check_fields(replace(base, status=DocStatus.EFFECTIVE))] == [
        "effective_date"
    ]
    assert [p.field for p in D.check_fields(replace(base, status=DocStatus.OBSOLETE))] == [
        "obsolete_reason"
    ]


def test_create_computes_next_review_and_refuses_a_duplicate_code(db: Database) -> None:
    doc_id = make(db)
    with db.read() as session:
        row = D.get_row(session, doc_id)
    assert row.next_review == dt.date(2026, 3, 1)
    assert row.clauses == "7.5, 7.5.3"
    with pytest.raises(ValidationError, match="already has the code 'qp-07-01'"):
        make(db, code="qp-07-01")


def test_edit_records_each_changed_field_in_the_history(db: Database) -> None:
    doc_id = make(db)
    with db.read() as session:
        fields = D.get_row(session, doc_id).fields()
    with db.write() as session:
        changed = D.update_document(
            session, doc_id, replace(fields, title="Document control", owner="Anders Ørsted"), "ann"
        )
    assert changed == ["Title", "Owner"]
    with db.read() as session:
        rows = D.history_of(session, doc_id)
    edits = [(r.user, r.action, r.field, r.old_value, r.new_value) for r in rows[:2]]
    assert ("ann", "edit", "Owner", "Łukasz Żółć", "Anders Ørsted") in edits
    assert (
        "ann",
        "edit",
        "Title",
        "Control of documented information",
        "Document control",
    ) in edits
    # Saving without changes writes nothing.
    with db.write() as session:
        fields = D.get_row(session, doc_id).fields()
        assert D.update_document(session, doc_id, fields, "ann") == []
    with db.read() as session:
        assert len(D.history_of(session, doc_id)) == len(rows)


def test_revision_workflow_keeps_superseded_revisions(db: Database, tmp_path: Path) -> None:
    doc_id = make(db)
    attachment = tmp_path / "QP 07 01 rev B?.pdf"
    attachment.write_bytes(b"%PDF-1.4 the new procedure")
    day = today()
    with db.write() as session:
        rev_b = D.add_revision(
            session,
            doc_id,
            D.RevisionFields("B", day, "New layout", "Ann", attachment),
            "lead",
            db.attachments_dir,
        )
    with db.read() as session:
        assert D.get_row(session, doc_id).revision == ""  # still the old one until approved
        (draft,) = D.revisions_of(session, doc_id)
    assert draft.status == RevisionStatus.DRAFT
    assert draft.attachment_sha256 == hashlib.sha256(attachment.read_bytes()).hexdigest()
    stored = attachments.resolve(db.attachments_dir, draft.attachment_path)
    assert stored.read_bytes() == attachment.read_bytes()
    assert "?" not in stored.name  # stored under a name legal on every system

    with db.write() as session:
        D.approve_revision(session, rev_b, "Margaret Hollis", day, "lead")
        rev_c = D.add_revision(session, doc_id, D.RevisionFields("C", day, "Typo", "Ann"), "lead")
        D.approve_revision(session, rev_c, "Margaret Hollis", day, "lead", day + dt.timedelta(3))
    with db.read() as session:
        row = D.get_row(session, doc_id)
        revs = D.revisions_of(session, doc_id)
    assert (row.revision, row.status, row.effective_date) == (
        "C",
        DocStatus.EFFECTIVE,
        day + dt.timedelta(3),
    )
    assert [(r.label, r.status) for r in revs] == [
        ("C", RevisionStatus.EFFECTIVE),
        ("B", RevisionStatus.SUPERSEDED),
    ]
    assert revs[1].approved_by == "Margaret Hollis"


def test_revision_rules(db: Database) -> None:
    doc_id = make(db, revision="A")
    day = today()
    with db.write() as session:
        rev = D.add_revision(session, doc_id, D.RevisionFields("B", day, "x", "Ann"), "lead")
    with pytest.raises(ValidationError, match="already has a draft revision"), db.write() as s:
        D.add_revision(s, doc_id, D.RevisionFields("C", day, "y", "Ann"), "lead")
    with pytest.raises(ValidationError, match="already has a revision 'a'"), db.write() as s:
        D.approve_revision(s, rev, "Boss", day, "lead")
        D.add_revision(s, doc_id, D.RevisionFields("a", day, "y", "Ann"), "lead")
    with pytest.raises(ValidationError, match="cannot be in the future"), db.write() as s:
        D.approve_revision(s, rev, "Boss", day + dt.timedelta(days=1), "lead")
    with pytest.raises(ValidationError, match="say what changed"), db.write() as s:
        D.add_revision(s, doc_id, D.RevisionFields("D", day, " ", "Ann"), "lead")
    # The failed block above rolled back the approval too: B is still a draft.
    with db.read() as session:
        assert [r.status for r in D.revisions_of(session, doc_id)] == [RevisionStatus.DRAFT]
    # Approving B keeps A, which was entered without a revision record, on record as superseded.
    with db.write() as session:
        D.approve_revision(session, rev, "Boss", day, "lead")
    with db.read() as session:
        revs = [(r.label, r.status) for r in D.revisions_of(session, doc_id)]
    assert sorted(revs) == [("A", RevisionStatus.SUPERSEDED), ("B", RevisionStatus.EFFECTIVE)]


def test_attaching_a_missing_file_is_refused(db: Database, tmp_path: Path) -> None:
    doc_id = make(db)
    with pytest.raises(QmsError, match="does not exist"), db.write() as session:
        D.add_revision(
            session,
            doc_id,
            D.RevisionFields("B", today(), "x", "Ann", tmp_path / "gone.pdf"),
            "lead",
            db.attachments_dir,
        )
    with db.read() as session:
        assert D.revisions_of(session, doc_id) == []


def test_attachment_paths_cannot_leave_the_attachment_folder(tmp_path: Path) -> None:
    with pytest.raises(QmsError, match="outside the attachment folder"):
        attachments.resolve(tmp_path / "attachments", "../../etc/passwd")


def test_obsolete_needs_a_reason_and_supersedes_the_current_revision(db: Database) -> None:
    doc_id = make(db)
    day = today()
    with db.write() as session:
        rev = D.add_revision(session, doc_id, D.RevisionFields("B", day, "x", "Ann"), "lead")
        D.approve_revision(session, rev, "Boss", day, "lead")
    with pytest.raises(ValidationError, match="Say why"), db.write() as session:
        D.make_obsolete(session, doc_id, "  ", "lead")
    with db.write() as session:
        D.make_obsolete(session, doc_id, "Replaced by QP-07-05", "lead", on=day)
    with db.read() as session:
        row = D.get_row(session, doc_id)
        revs = D.revisions_of(session, doc_id)
        hist = D.history_of(session, doc_id)
    assert row.status == DocStatus.OBSOLETE and row.next_review is None
    assert row.obsolete_reason.startswith("Replaced by QP-07-05")
    assert [r.status for r in revs] == [RevisionStatus.SUPERSEDED]
    assert any(h.action == "obsolete" and h.field == "Status" for h in hist)


def test_only_documents_that_never_took_effect_can_be_deleted(db: Database) -> None:
    effective = make(db, code="A-1")
    draft = make(db, code="A-2", status="Draft", effective_date="", review_months="")
    with pytest.raises(ValidationError, match="make it obsolete instead"), db.write() as s:
        D.delete_document(s, effective, "lead")
    with db.write() as session:
        D.add_revision(session, draft, D.RevisionFields("01", today(), "first", "Ann"), "lead")
        D.delete_document(session, draft, "lead")
    with db.read() as session:
        assert D.query_ids(session) == [effective]
        assert session.scalars(select(Revision)).all() == []
        # The history of the deleted draft is kept.
        assert D.history_of(session, draft)[0].action == "delete"


def test_mark_reviewed_moves_the_next_review(db: Database) -> None:
    doc_id = make(db, effective_date="2020-01-15", review_months=12)
    day = today()
    with db.write() as session:
        D.mark_reviewed(session, doc_id, day, "lead")
    with db.read() as session:
        row = D.get_row(session, doc_id)
    assert row.last_reviewed == day
    assert row.next_review == D.next_review_date(row.fields())
    assert row.next_review is not None and row.next_review > day


def test_search_filters_sort_and_counts(db: Database) -> None:
    on = today()
    make(db, code="QP-01", title="Purchasing", owner="Sarah", effective_date=on - dt.timedelta(400))
    make(db, code="QP-02", title="Calibration", owner="Łukasz Żółć",
         effective_date=on - dt.timedelta(350))  # fmt: skip
    make(db, code="WI-01", title="Lathe set-up", doc_type="Work instruction", owner="Sarah",
         note="see drawing 12", effective_date=on - dt.timedelta(10))  # fmt: skip
    make(db, code="F-01", title="Old form", doc_type="Form", status="Obsolete",
         obsolete_reason="Merged", review_months="", owner="Ruth")  # fmt: skip
    with db.read() as session:
        q = D.query_ids

        def codes(ids: list[int]) -> list[str]:
            return [r.code for r in D.fetch_rows(session, ids)]

        assert codes(q(session)) == ["F-01", "QP-01", "QP-02", "WI-01"]
        assert codes(q(session, D.DocumentQuery(text="ŁUKASZ"))) == ["QP-02"]
        assert codes(q(session, D.DocumentQuery(text="drawing lathe"))) == ["WI-01"]
        assert codes(q(session, D.DocumentQuery(owner="Sarah"))) == ["QP-01", "WI-01"]
        assert codes(q(session, D.DocumentQuery(types=frozenset({DocType.FORM})))) == ["F-01"]
        statuses = frozenset({DocStatus.EFFECTIVE})
        assert len(q(session, D.DocumentQuery(statuses=statuses))) == 3
        assert codes(q(session, D.DocumentQuery(due=D.ReviewState.OVERDUE))) == ["QP-01"]
        # Due soon is what the counts say: not yet overdue (issue 16: the chip and the status
        # bar agree).
        assert codes(q(session, D.DocumentQuery(due=D.ReviewState.DUE_SOON))) == ["QP-02"]
        assert codes(q(session, sort="title")) == ["QP-02", "WI-01", "F-01", "QP-01"]
        # Empty next-review dates sort last in both directions.
        assert codes(q(session, sort="next_review")) == ["QP-01", "QP-02", "WI-01", "F-01"]
        assert codes(q(session, sort="next_review", descending=True))[-1] == "F-01"
        assert D.counts(session, on) == D.RegisterCounts(total=4, overdue=1, due_soon=1)
        # In-memory narrowing gives the same answer as the SQL search.
        cands = D.candidates(session, sort="title")
        for text in ["", "q", "sarah", "lathe drawing", "nothing"]:
            assert cands.matching(text) == q(session, D.DocumentQuery(text=text), sort="title")


def test_review_state() -> None:
    on = dt.date(2026, 6, 1)
    assert D.review_state(None, on) is None
    assert D.review_state(dt.date(2026, 5, 31), on) == D.ReviewState.OVERDUE
    assert D.review_state(dt.date(2026, 6, 1), on) == D.ReviewState.DUE_SOON
    assert D.review_state(dt.date(2026, 7, 1), on) == D.ReviewState.DUE_SOON
    assert D.review_state(dt.date(2026, 7, 2), on) is None


def test_demo_company(demo_db: Database) -> None:
    with demo_db.read() as session:
        counts = D.counts(session)
        rows = D.all_rows(session)
        revisions = D.all_revisions(session)
    assert 38 <= counts.total <= 45
    assert counts.overdue >= 2 and counts.due_soon >= 2
    statuses = {r.status for r in rows}
    assert statuses == set(DocStatus)
    assert len(revisions) > counts.total
    assert any(r.status == RevisionStatus.DRAFT for _, r in revisions)
    assert any("Żółć" in r.owner for r in rows)


def test_recorded_revisions_keep_every_field_and_their_history_chains(db: Database) -> None:
    doc = make(db, "QP-01")
    recorded = [
        D.RecordedRevision(
            label="B",
            revision_date=dt.date(2025, 3, 4),
            status=RevisionStatus.EFFECTIVE,
            summary="Żółć added the weld limits",
            author="Łukasz Żółć",
            approved_by="Anders Ørsted",
            approved_on=dt.date(2025, 3, 10),
            effective_date=dt.date(2025, 4, 1),
            attachment_name="qp-01 b.pdf",
            attachment_path="ab/abcd.pdf",
            attachment_sha256="ab" * 32,
        ),
        D.RecordedRevision("A", dt.date(2024, 1, 2), RevisionStatus.SUPERSEDED),
    ]
    with db.write() as session:
        assert D.insert_revisions(session, [(doc, "QP-01", r) for r in recorded], "Ørsted") == 2
        history.record(
            session, user="lead", entity="document", entity_id=doc, ref="QP-01", action="edit"
        )
    with db.read() as session:
        stored = {r.label: r for r in D.revisions_of(session, doc)}
        for r in recorded:
            row = stored[r.label]
            assert {n: getattr(row, n) for n in vars(r)} == vars(r)
        assert history.verify_chain(session) == []
        entries = D.history_of(session, doc)
        assert [(h.user, h.new_value) for h in entries[1:3]] == [
            ("Ørsted", "A (superseded)"),
            ("Ørsted", "B (effective)"),
        ]


def test_bulk_create_update_and_revisions_match_the_single_services(db: Database) -> None:
    items = [
        D.DocumentFields(
            code=f"F-{n:03d}",
            title=f"Form {n}",
            doc_type=DocType.FORM,
            status=DocStatus.EFFECTIVE,
            effective_date=dt.date(2025, 1, 1),
            review_months=12,
            owner="Ørsted",
            note="=SUM(A1)",
        )
        for n in range(5)
    ]
    with db.write() as session:
        ids = D.create_many(session, items, "import")
        D.insert_revisions(
            session,
            [
                (
                    ids[0],
                    "F-000",
                    D.RecordedRevision("A", dt.date(2024, 5, 1), RevisionStatus.SUPERSEDED),
                )
            ],
            "import",
        )
    with db.read() as session:
        rows = D.fetch_rows(session, ids)
        assert [r.fields() for r in rows] == items
        assert rows[0].next_review == dt.date(2026, 1, 1)
        assert D.query_ids(session, D.DocumentQuery(text="ørsted form 3")) == [ids[3]]
        assert [r.label for r in D.revisions_of(session, ids[0])] == ["A"]
        assert history.verify_chain(session) == []
        assert [h.field for h in D.history_of(session, ids[0])] == ["Revision recorded", "Title"]
    with db.write() as session:
        changed = D.update_many(
            session, [(ids[1], replace(items[1], title="Renamed")), (ids[2], items[2])], "lead"
        )
    assert changed == 1
    with db.read() as session:
        (last,) = D.history_of(session, ids[1])[:1]
        assert (last.field, last.old_value, last.new_value) == ("Title", "Form 1", "Renamed")
        assert D.query_ids(session, D.DocumentQuery(text="renamed")) == [ids[1]]
    with pytest.raises(ValidationError, match="already has the code 'F-001'"), db.write() as s:
        D.create_many(s, [items[1]], "import")


def test_the_fields_are_declared_once() -> None:
    """The Excel headers, the messages' labels and the history read the one vocabulary; the
    vocabulary's short labels are the narrower headers, as they always were."""
    from qmsdesk.core.exchange.documents_xlsx import DOCUMENTS
    from qmsdesk.core.vocab import DOCUMENT_FIELDS

    assert DOCUMENT_FIELDS.labels() == D.FIELD_LABELS
    assert [c.header for c in DOCUMENTS.columns] == [f.label for f in DOCUMENT_FIELDS]
    assert [c.key for c in DOCUMENTS.columns] == [f.key for f in DOCUMENT_FIELDS]
    assert DOCUMENT_FIELDS["doc_type"].choices == tuple(D.TYPE_LABELS.values())
    assert DOCUMENT_FIELDS["status"].choices == tuple(D.STATUS_LABELS.values())
    assert [DOCUMENT_FIELDS[k].short_label for k in ("process", "revision", "effective_date")] == [
        "Process",
        "Rev",
        "Effective",
    ]
    assert set(D.FIELD_NAMES) <= {f.key for f in DOCUMENT_FIELDS}


def test_the_vocab_module_imports_nothing_of_the_services() -> None:
    """Not even for type checking: the services import the vocabulary, never the other way."""
    import ast
    import inspect

    from qmsdesk.core import vocab

    imported = {
        node.module
        for node in ast.walk(ast.parse(inspect.getsource(vocab)))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"__future__", "dataclasses", "qmsdesk.core.fields", "qmsdesk.core.text"}
