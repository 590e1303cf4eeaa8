"""The check command: integrity, foreign keys, attachments against their SHA-256, history chain."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qmsdesk.cli import run
from qmsdesk.core import attachments, documents
from qmsdesk.core.check import check_database
from qmsdesk.core.dates import today
from qmsdesk.core.db import open_database


def attach(demo_path: Path, tmp_path: Path) -> Path:
    source = tmp_path / "QP-08-03 rev D.pdf"
    source.write_bytes(b"%PDF-1.4 purchasing procedure, revision D")
    db = open_database(demo_path)
    with db.write() as session:
        doc_id = documents.id_for_code(session, "QP-08-07")
        assert doc_id is not None
        documents.add_revision(
            session,
            doc_id,
            documents.RevisionFields("Z", today(), "Adds a check", "Ann", source),
            "lead",
            db.attachments_dir,
        )
        (rev,) = [r for r in documents.revisions_of(session, doc_id) if r.label == "Z"]
    db.close()
    return attachments.resolve(demo_path.parent / "demo_files" / "attachments", rev.attachment_path)


def test_a_healthy_file_passes(demo_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    attach(demo_path, tmp_path)
    assert run(["check", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "Attachments checked: 1" in out and "No problems found" in out


def test_altered_and_missing_attachments_are_reported(demo_path: Path, tmp_path: Path) -> None:
    stored = attach(demo_path, tmp_path)
    stored.write_bytes(b"changed behind our back")
    with open_database(demo_path, read_only=True) as db:
        report = check_database(db)
    assert report.problems == [
        "Attachment of QP-08-07 revision Z has been altered: its SHA-256 no longer matches."
    ]
    stored.unlink()
    with open_database(demo_path, read_only=True) as db:
        (problem,) = check_database(db).problems
    assert "is missing" in problem


def test_an_attachment_path_leaving_the_folder_is_reported(demo_path: Path, tmp_path: Path) -> None:
    attach(demo_path, tmp_path)
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE revisions SET attachment_path='../../../etc/passwd' WHERE label='Z'")
    with open_database(demo_path, read_only=True) as db:
        (problem,) = check_database(db).problems
    assert "outside the attachment folder" in problem


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE change_history SET new_value='Someone else' WHERE id=7",
        "DELETE FROM change_history WHERE id=3",
    ],
)
def test_a_tampered_history_is_reported(demo_path: Path, capsys, tamper: str) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(demo_path) as conn:
        conn.execute(tamper)
    assert run(["check", "--db", str(demo_path)]) == 1
    assert "change history has been altered" in capsys.readouterr().out


def test_foreign_key_damage_is_reported(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as conn:  # foreign keys are off in a plain connection
        conn.execute("UPDATE revisions SET document_id=99999 WHERE id=1")
    with open_database(demo_path, read_only=True) as db:
        problems = check_database(db).problems
    assert problems == ["Table revisions, row 1: refers to a missing row in documents."]


# --- issue 19, point 6 ---------------------------------------------------------------------------


def damage(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints=ON")  # as another program would write
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


DAMAGE = {
    "missing-table": ("DROP TABLE revisions", "The table revisions is missing."),
    "missing-column": (
        "ALTER TABLE documents DROP COLUMN retention",
        "Table documents: the column retention is missing.",
    ),
    "unknown-status": (
        "UPDATE documents SET status='Shredded' WHERE id=3",
        "Table documents, column status: 1 row(s) (first: row 3) hold a word QMS Desk does not "
        "know ('Shredded').",
    ),
    "not-a-date": (
        "UPDATE documents SET next_review='next spring' WHERE id=4",
        "Table documents, column next_review: 1 row(s) (first: row 4) hold no valid date "
        "('next spring').",
    ),
    "impossible-date": (
        "UPDATE revisions SET revision_date='2026-02-30' WHERE id=2",
        "hold no valid date ('2026-02-30')",
    ),
    "not-a-time": ("UPDATE change_history SET at='yesterday' WHERE id=5", "hold no valid time"),
    "impossible-time": (
        "UPDATE documents SET updated_at='2026-02-30 10:00:00.000000' WHERE id=5",
        "hold no valid time",
    ),
    "text-in-a-number": (
        "UPDATE documents SET review_months='often' WHERE id=7",
        "hold something that is not a whole number ('often')",
    ),
    "broken-foreign-key": (
        "UPDATE revisions SET document_id=99999 WHERE id=1",
        "Table revisions, row 1: refers to a missing row in documents.",
    ),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_check_finds_what_other_commands_would_fail_on_and_they_refuse_with_its_words(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """check said 'No problems found' (or crashed) on each of these; export, report and import
    then crashed on them (a KeyError on a broken foreign key)."""
    statement, words = DAMAGE[kind]
    damage(demo_path, statement)
    assert run(["check", "--db", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert words in out and "Traceback" not in out
    commands = [
        ["export", str(tmp_path / "out.xlsx"), "--db", str(demo_path)],
        ["report", "documents", "--db", str(demo_path), "-o", str(tmp_path / "out.pdf")],
        ["import", str(tmp_path / "in.xlsx"), "--db", str(demo_path)],
    ]
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Code", "Title"])  # type: ignore[union-attr]
    book.save(tmp_path / "in.xlsx")
    for argv in commands:
        assert run(argv) == 2, argv
        err = capsys.readouterr().err
        assert words in err, (argv, err)
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "out.pdf").exists()


def test_another_programs_file_is_refused_before_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Export and report opened it read-write (its journal mode changed) before refusing it."""
    other = tmp_path / "other.qmsdb"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA application_id=" + str(int.from_bytes(b"QMSD", "big")))
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.execute("INSERT INTO alembic_version VALUES ('0005_reviews')")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    for argv in (
        ["export", str(tmp_path / "out.xlsx"), "--db", str(other)],
        ["report", "documents", "--db", str(other), "-o", str(tmp_path / "out.pdf")],
        ["check", "--db", str(other)],
    ):
        assert run(argv) in (1, 2)
        captured = capsys.readouterr()
        assert "The table actions is missing" in captured.err + captured.out
    assert other.read_bytes() == before
    with pytest.raises(Exception, match="The table actions is missing"):
        open_database(other)
    assert other.read_bytes() == before
    assert not (tmp_path / "other.qmsdb-wal").exists()


# --- issue 19, point 11 --------------------------------------------------------------------------


def rehash_from(path: Path, first_id: int) -> None:
    """Recompute every hash from a row on, as someone who knows the formula would."""
    import datetime as dt

    from qmsdesk.core import history

    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT id, at, user, entity, entity_id, ref, action, field, old_value, new_value, hash "
        "FROM change_history ORDER BY id"
    ).fetchall()
    previous = history.GENESIS
    for row in rows:
        if row[0] >= first_id:
            at = dt.datetime.fromisoformat(row[1])
            digest = history.chain_hash(previous, at, *row[2:10])
            conn.execute("UPDATE change_history SET hash=? WHERE id=?", (digest, row[0]))
            previous = digest
        else:
            previous = row[10]
    conn.commit()
    conn.close()


@pytest.mark.parametrize("tamper", ["cut-short", "rewritten"])
def test_a_history_cut_short_or_rewritten_shows_against_the_newest_backup(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tamper: str
) -> None:
    """Deleting the newest history rows passed check, and so did rewriting a row and recomputing
    every hash after it: the chain is now anchored in the backups; the report prints its head."""
    from qmsdesk.core import backups

    assert run(["check", "--db", str(demo_path)]) == 0
    head = [line for line in capsys.readouterr().out.splitlines() if "history head" in line]
    assert len(head) == 1 and len(head[0].split()[-1]) == 64
    backups.make_backup(demo_path, "manual")
    with sqlite3.connect(demo_path) as conn:
        (last,) = conn.execute("SELECT max(id) FROM change_history").fetchone()
        if tamper == "cut-short":
            conn.execute("DELETE FROM change_history WHERE id > ?", (last - 3,))
        else:
            conn.execute("UPDATE change_history SET new_value='Someone else' WHERE id=7")
    conn.close()
    if tamper == "rewritten":
        rehash_from(demo_path, 7)
    with open_database(demo_path, read_only=True) as db, db.read() as session:
        from qmsdesk.core import history

        assert history.verify_chain(session) == []  # the chain alone cannot tell
    assert run(["check", "--db", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "does not continue the one in the newest backup" in out


def test_a_restored_file_and_a_grown_history_pass(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from qmsdesk.core import backups
    from qmsdesk.core.restore import restore

    old = backups.make_backup(demo_path, "manual")
    db = open_database(demo_path)
    with db.write() as session:
        documents.make_obsolete(session, documents.query_ids(session)[0], "Replaced", "lead")
    db.close()
    assert run(["check", "--db", str(demo_path)]) == 0  # the history grew past the backup's
    backups.make_backup(demo_path, "manual")
    restore(old, demo_path)  # the newest backup now holds the longer history
    assert run(["check", "--db", str(demo_path)]) == 0, capsys.readouterr().out


def test_a_setting_out_of_range_is_reported_and_read_as_its_default(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(
        demo_path,
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('backup_keep_daily_days', "
        "'-100000000')",
    )
    assert run(["check", "--db", str(demo_path)]) == 1
    assert "The setting backup_keep_daily_days is '-100000000'" in capsys.readouterr().out
    assert run(["export", str(tmp_path / "out.xlsx"), "--db", str(demo_path)]) == 0
    assert run(["backup", "--db", str(demo_path)]) == 0  # crashed with OverflowError
