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
