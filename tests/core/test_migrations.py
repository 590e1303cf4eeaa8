"""Migrations: new files at head, older ones backed up then upgraded, newer or foreign ones refused.

Every earlier revision is built for real, filled, upgraded, and its rows found again.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select, text

from qmsdesk.core import documents, history
from qmsdesk.core.db import migrate, open_database
from qmsdesk.core.db.base import Base
from qmsdesk.core.db.engine import _make_engine
from qmsdesk.core.db.models import Document
from qmsdesk.core.errors import NewerDatabaseError


def build_at(path: Path, revision: str) -> None:
    """A QMS Desk file as an older version of the app would have written it."""
    engine = _make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={migrate.APPLICATION_ID}")
        command.upgrade(migrate.alembic_config(connection), revision)
    engine.dispose()


def fill_revision_0001(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO documents (id, code, title, doc_type, process, owner, revision,"
                " status, effective_date, review_months, last_reviewed, next_review, location,"
                " retention, clauses, note, obsolete_reason, search_text, created_at, updated_at)"
                " VALUES"
                " (1, 'QP-07-01', 'Control of documents', 'procedure', 'Quality', 'Łukasz Żółć',"
                " 'C', 'effective', '2025-02-01', 24, NULL, '2027-02-01', 'Q:\\QP-07-01.pdf', '',"
                " '7.5', '', '', 'qp-07-01 control of documents łukasz żółć ',"
                " '2025-01-01 09:00:00.000000', '2025-01-01 09:00:00.000000')"
            )
        )
        c.execute(
            text(
                "INSERT INTO revisions (id, document_id, label, revision_date, summary, author,"
                " status, approved_by, approved_on, effective_date, attachment_name,"
                " attachment_path, attachment_sha256, created_at) VALUES (1, 1, 'C', '2025-01-20',"
                " 'Reworded', 'Ann', 'effective', 'Bob', '2025-02-01', '2025-02-01', '', '', '',"
                " '2025-01-20 10:00:00.000000')"
            )
        )
        for n in range(3):
            c.execute(
                text(
                    "INSERT INTO change_history (at, user, entity, entity_id, ref, action, field,"
                    " old_value, new_value) VALUES (:at, 'Ann', 'document', 1, 'QP-07-01', 'edit',"
                    " 'Title', :old, :new)"
                ),
                {"at": f"2025-01-0{n + 1} 10:00:00.000000", "old": f"t{n}", "new": f"t{n + 1}"},
            )
    engine.dispose()


def fill_revision_0002(path: Path) -> None:
    """Revision 0002 has the same tables as 0001, with the history hash-chained."""
    fill_revision_0001(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        rows = c.execute(
            text(
                "SELECT id, at, user, entity, entity_id, ref, action, field, old_value, new_value"
                " FROM change_history ORDER BY id"
            )
        ).all()
        previous = history.GENESIS
        for row in rows:
            previous = history.chain_hash(previous, dt.datetime.fromisoformat(row.at), *row[2:])
            c.execute(
                text("UPDATE change_history SET hash = :h WHERE id = :id"),
                {"h": previous, "id": row.id},
            )
    engine.dispose()


def fill_revision_0003(path: Path) -> None:
    """Revision 0003 adds people and training: the same rows, and a person with a role."""
    fill_revision_0002(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO people (id, employee_no, name, department, manager_id, start_date,"
                " leaving_date, note, created_at, updated_at) VALUES (1, 'E001', 'Ørsted',"
                " 'Quality', NULL, '2020-01-01', NULL, '', '2025-01-01 09:00:00.000000',"
                " '2025-01-01 09:00:00.000000')"
            )
        )
        c.execute(
            text(
                "INSERT INTO job_roles (id, name, description, created_at) VALUES"
                " (1, 'Auditor', '', '2025-01-01 09:00:00.000000')"
            )
        )
        c.execute(text("INSERT INTO person_roles (person_id, role_id) VALUES (1, 1)"))
    engine.dispose()


def fill_revision_0004(path: Path) -> None:
    """Revision 0004 adds audits and the actions register: an audit and an open action."""
    fill_revision_0003(path)
    engine = create_engine(f"sqlite:///{path}")
    stamp = "'2025-01-01 09:00:00.000000'"
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO audits (id, reference, title, processes, departments, clauses,"
                " criteria, planned_start, lead_auditor_id, status, summary, note, created_at,"
                " updated_at) VALUES (1, 'IA-2025-01', 'Purchasing', 'Purchasing', '', '8.4', '',"
                f" '2025-03-01', 1, 'planned', '', '', {stamp}, {stamp})"
            )
        )
        c.execute(
            text(
                "INSERT INTO actions (id, reference, title, kind, source_kind, source_ref,"
                " process, problem, correction, whys, root_cause, corrective_action, owner_id,"
                " raised_on, due_date, verification_note, status, note, created_at, updated_at)"
                " VALUES (1, 'CA-2025-001', 'Re-evaluate suppliers', 'corrective',"
                " 'internal_audit', 'IA-2025-01', 'Purchasing', 'Overdue evaluations', '', '[]',"
                f" '', '', 1, '2025-03-02', '2025-06-30', '', 'open', '', {stamp}, {stamp})"
            )
        )
    engine.dispose()


def fill_revision_0005(path: Path) -> None:
    """Revision 0005 adds management reviews: one planned review."""
    fill_revision_0004(path)
    engine = create_engine(f"sqlite:///{path}")
    stamp = "'2025-01-01 09:00:00.000000'"
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO reviews (id, reference, title, meeting_date, place, chair_id,"
                " chair_name, guests, period_start, period_end, status, approved_by,"
                " minutes_revision, revision_reason, created_at, updated_at) VALUES (1,"
                " 'MR-2025', 'Management review 2025', '2025-12-01', 'Board room', 1, '', '',"
                f" '2025-01-01', '2025-11-30', 'planned', '', 1, '', {stamp}, {stamp})"
            )
        )
    engine.dispose()


def fill_revision_0006(path: Path) -> None:
    """Revision 0006 adds the planning base: two processes and a hand-over, a context issue, a
    party, the scope and policy statements, an exclusion."""
    fill_revision_0005(path)
    engine = create_engine(f"sqlite:///{path}")
    stamp = "'2025-01-01 09:00:00.000000'"
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO processes (id, code, name, kind, owner_id, position, purpose,"
                " resources, responsibilities, note, created_at, updated_at) VALUES"
                f" (1, 'P-PUR', 'Purchasing', 'support', 1, 0, 'Buy right', '', '', '', {stamp},"
                f" {stamp}), (2, 'QUALITY', 'Quality control', 'core', NULL, 1, '', '', '', '',"
                f" {stamp}, {stamp})"
            )
        )
        c.execute(
            text(
                "INSERT INTO process_flows (id, process_id, direction, position, what,"
                " other_process_id, party) VALUES (1, 1, 'output', 0, 'Goods received', 2, ''),"
                " (2, 1, 'input', 0, 'Quotes', NULL, 'Suppliers')"
            )
        )
        c.execute(
            text(
                "INSERT INTO context_issues (id, reference, side, title, category, description,"
                " effect, monitoring, last_reviewed, next_review, created_at, updated_at)"
                " VALUES (1, 'CI-01', 'external', 'Aerospace demand', 'Market', '', '', '',"
                f" '2025-01-01', '2026-01-01', {stamp}, {stamp})"
            )
        )
        c.execute(
            text(
                "INSERT INTO interested_parties (id, name, side, needs, requirements,"
                " monitoring, last_reviewed, next_review, created_at, updated_at)"
                f" VALUES (1, 'Customers', 'external', 'On time', '', '', NULL, NULL, {stamp},"
                f" {stamp})"
            )
        )
        c.execute(
            text(
                "INSERT INTO quality_statements (id, scope, sites, products, policy, updated_at)"
                f" VALUES (1, 'Machining', 'Unit 4', 'Parts', 'We keep our word', {stamp})"
            )
        )
        c.execute(
            text(
                "INSERT INTO scope_exclusions (id, clause, justification, created_at, updated_at)"
                f" VALUES (1, '8.5.1 f', 'Outsourced', {stamp}, {stamp})"
            )
        )
    engine.dispose()


def fill_revision_0009(path: Path) -> None:
    """Revision 0009 adds risks and objectives (empty here): the rows of 0006 carried through."""
    fill_revision_0006(path)


def fill_revision_0008(path: Path) -> None:
    """Revision 0008 links documents, actions and audits to processes: the rows carried through."""
    fill_revision_0009(path)


FILLERS = {
    "0001_documents": fill_revision_0001,
    "0002_history_chain": fill_revision_0002,
    "0003_training": fill_revision_0003,
    "0004_audits": fill_revision_0004,
    "0005_reviews": fill_revision_0005,
    "0006_planning_base": fill_revision_0006,
    "0009_risks_objectives": fill_revision_0009,
    "0008_process_links": fill_revision_0008,
}
# 0008_process_links is the head (0007 is another branch's, fixed at merge time).


def test_schema_head_constant_names_the_real_head() -> None:
    assert migrate.head_revision() == migrate.SCHEMA_HEAD


def test_every_earlier_revision_has_a_filler() -> None:
    # The head may have one too (ready for the next migration); it is not upgraded from.
    known = migrate.known_revisions()
    assert set(known[:-1]) <= set(FILLERS) <= set(known)


@pytest.mark.parametrize("revision", [r for r in FILLERS if r != migrate.SCHEMA_HEAD])
def test_older_file_is_backed_up_then_upgraded_and_keeps_its_rows(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "old.qmsdb"
    build_at(path, revision)
    FILLERS[revision](path)

    db = open_database(path)
    try:
        assert db.report.upgraded_from == revision
        assert db.report.backup is not None and db.report.backup.exists()
        # The backup is the file as it was, still at the old revision, with the same content.
        with sqlite3.connect(db.report.backup) as old:
            assert old.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
            assert old.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        with db.read() as session:
            row = documents.get_row(session, 1)
            assert (row.code, row.title, row.owner, row.revision) == (
                "QP-07-01",
                "Control of documents",
                "Łukasz Żółć",
                "C",
            )
            assert row.effective_date == dt.date(2025, 2, 1)
            assert [r.label for r in documents.revisions_of(session, 1)] == ["C"]
            assert len(documents.history_of(session, 1)) == 3
            assert history.verify_chain(session) == []
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == migrate.head_revision()
    finally:
        db.close()
    # Opening again does nothing more: no second backup.
    again = open_database(path)
    assert again.report.upgraded_from is None and again.report.backup is None
    again.close()


def test_new_file_is_created_at_head_and_marked_as_ours(tmp_path: Path) -> None:
    path = tmp_path / "new.qmsdb"
    open_database(path, create=True).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (migrate.APPLICATION_ID,)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrate.head_revision(),
        )
    assert not Path(str(path) + ".new").exists()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """A file built by running every migration has exactly the tables the models describe."""
    path = tmp_path / "migrated.qmsdb"
    build_at(path, "head")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        # A link added to an existing table by ALTER TABLE ... ADD COLUMN ... REFERENCES (0008:
        # a copy of `documents` would cascade into its revisions) is a column constraint, whose
        # name and ON DELETE SQLAlchemy does not read back on SQLite. SQLite's own list of
        # foreign keys shows them, and each such pair must be one of those.
        raw = connection.connection.dbapi_connection
        assert raw is not None
        unnamed = {
            (item[1].table.name, tuple(e.parent.name for e in item[1].elements))
            for item in diff
            if item[0] == "remove_fk" and item[1].name is None
        }
        for table, columns in unnamed:
            found = [r for r in raw.execute(f"PRAGMA foreign_key_list({table})")]
            assert any(r[3] == columns[0] and r[6] == "SET NULL" for r in found), (table, columns)
        diff = [
            item
            for item in diff
            if not (
                item[0] in ("remove_fk", "add_fk")
                and (item[1].table.name, tuple(e.parent.name for e in item[1].elements)) in unnamed
            )
        ]
    engine.dispose()
    assert diff == []


def test_file_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.qmsdb"
    open_database(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of QMS Desk"):
        open_database(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "future_files").exists()


def test_pragmas_are_set_on_every_connection(db) -> None:  # type: ignore[no-untyped-def]
    with db.read() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_failed_write_leaves_nothing_behind(db) -> None:  # type: ignore[no-untyped-def]
    fields = documents.DocumentFields(code="A-1", title="One", doc_type=documents.DocType.FORM)
    with pytest.raises(RuntimeError), db.write() as session:
        documents.create_document(session, fields, "lead")
        raise RuntimeError("power cut")
    with db.read() as session:
        assert session.scalars(select(Document)).all() == []


def test_the_history_migration_carries_its_own_frozen_hash() -> None:
    """Issue 10: a migration must not run the app's code of today; its frozen copy of the hash
    gives what history.chain_hash gives (the formula is part of the file format)."""
    import ast
    import datetime as dt
    import importlib.util

    from qmsdesk.core import history
    from qmsdesk.core.db import migrate

    path = migrate.MIGRATIONS_DIR / "versions" / "0002_history_chain.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not any(name.startswith("qmsdesk") for name in imported), imported
    spec = importlib.util.spec_from_file_location("frozen_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    at = dt.datetime(2026, 3, 1, 10, 5, 7, 123)
    parts = ("Łukasz", "document", 12, "QP-01", "updated", "title", "Old: ;1", "New")
    assert module.GENESIS == history.GENESIS
    assert module.chain_hash(history.GENESIS, at, *parts) == history.chain_hash(
        history.GENESIS, at, *parts
    )


def test_the_process_links_migration_maps_todays_names(tmp_path: Path) -> None:
    """0008: the free-text process of documents, actions and audits becomes a link; a name no
    process has gets a process of its own."""
    path = tmp_path / "old.qmsdb"
    build_at(path, "0006_planning_base")
    fill_revision_0006(path)
    engine = create_engine(f"sqlite:///{path}")
    stamp = "'2025-01-01 09:00:00.000000'"
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO actions (id, reference, title, kind, source_kind, source_ref,"
                " process, problem, correction, whys, root_cause, corrective_action, owner_id,"
                " raised_on, due_date, verification_note, status, note, created_at, updated_at)"
                " VALUES (2, 'CA-2025-002', 'Burrs', 'corrective', 'other', '', 'Heat  treatment',"
                f" '', '', '[]', '', '', 1, '2025-03-02', NULL, '', 'open', '', {stamp}, {stamp}),"
                " (3, 'CA-2025-003', 'No process', 'corrective', 'other', '', '', '', '', '[]',"
                f" '', '', 1, '2025-03-02', NULL, '', 'open', '', {stamp}, {stamp})"
            )
        )
        c.execute(text("UPDATE audits SET processes = 'purchasing\nQuality\nheat treatment'"))
    engine.dispose()
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        processes = {
            code: (id_, name, kind)
            for id_, code, name, kind in conn.execute("SELECT id, code, name, kind FROM processes")
        }
        assert processes["P-PUR"][0] == 1 and processes["QUALITY"][0] == 2
        assert processes["HEAT-TREATMENT"][1:] == ("Heat  treatment", "core")
        made = processes["HEAT-TREATMENT"][0]
        assert conn.execute("SELECT process_id FROM documents").fetchall() == [(2,)]
        assert conn.execute("SELECT id, process_id FROM actions ORDER BY id").fetchall() == [
            (1, 1),
            (2, made),
            (3, None),
        ]
        assert sorted(conn.execute("SELECT process_id FROM audit_processes")) == sorted(
            [(1,), (2,), (made,)]
        )
        # The link behaves as the models say: a process deleted leaves the record, unlinked.
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM processes WHERE id = ?", (made,))
        assert conn.execute("SELECT process_id FROM actions WHERE id = 2").fetchone() == (None,)
