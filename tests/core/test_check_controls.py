"""``qmsdesk check`` on files written by older versions: the controls of document approval and of
corrective action are reported where they are broken."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from qmsdesk.cli import run
from qmsdesk.core.check import check_file

from .test_migrations import build_at, fill_revision_0006

STAMP = "'2025-01-01 09:00:00.000000'"


def _action(ref: str, owner: int, verifier: int | None, verified: str | None, done: str) -> str:
    effective = "1" if verifier is not None else "NULL"
    verified_sql = f"'{verified}'" if verified else "NULL"
    verifier_sql = str(verifier) if verifier is not None else "NULL"
    return (
        "INSERT INTO actions (reference, title, kind, source_kind, source_ref, process, problem,"
        " correction, whys, root_cause, corrective_action, owner_id, raised_on, due_date,"
        " completed_on, verified_on, verified_by_id, effective, verification_note, status,"
        f" closed_on, note, created_at, updated_at) VALUES ('{ref}', 'Gauges', 'corrective',"
        " 'process_nc', '', 'Quality', 'Out of calibration', 'Quarantined', '[]', 'No recall',"
        f" 'Recall list', {owner}, '2025-02-01', '2025-03-01', '{done}', {verified_sql},"
        f" {verifier_sql}, {effective}, '', 'closed', '2025-04-01', '', {STAMP}, {STAMP})"
    )


def _old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.qmsdb"
    build_at(path, "0006_planning_base")
    fill_revision_0006(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        # An older version let a document be created straight as approved / effective.
        c.execute(
            text(
                "INSERT INTO documents (id, code, title, doc_type, process, owner, revision,"
                " status, effective_date, location, retention, clauses, note, obsolete_reason,"
                " search_text, created_at, updated_at) VALUES (2, 'QP-09-01', 'Audits',"
                " 'procedure', 'Quality', 'Ann', 'A', 'effective', '2025-02-01', '', '', '', '',"
                f" '', '', {STAMP}, {STAMP})"
            )
        )
        c.execute(
            text(
                "INSERT INTO people (id, employee_no, name, department, note, created_at,"
                f" updated_at) VALUES (2, 'E-2', 'Bea', 'Quality', '', {STAMP}, {STAMP})"
            )
        )
        # Verified by its own owner on the day it was done.
        c.execute(text(_action("CA-2025-002", 1, 1, "2025-03-01", "2025-03-01")))
        # Correctly verified by someone else, later.
        c.execute(text(_action("CA-2025-004", 1, 2, "2025-05-01", "2025-03-01")))
    # A closed action with no verification at all: only outside the app's own checks.
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
        c.execute(text(_action("CA-2025-003", 1, None, None, "2025-03-01")))
    engine.dispose()
    return path


def test_check_reports_broken_controls_in_a_file_written_by_an_older_version(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    path = _old_file(tmp_path)
    problems = check_file(path).problems
    unapproved = [p for p in problems if "without an approved revision" in p]
    assert len(unapproved) == 1 and "QP-09-01" in unapproved[0]
    assert "QP-07-01" not in unapproved[0]  # its revision C was approved (recorded in 0001)
    unverified = [p for p in problems if "without a verification" in p]
    assert len(unverified) == 1 and "CA-2025-003" in unverified[0]
    own = [p for p in problems if "verified by their own owner" in p]
    assert len(own) == 1 and "CA-2025-002" in own[0] and "CA-2025-004" not in own[0]
    early = [p for p in problems if "on or before the day" in p]
    assert len(early) == 1 and "CA-2025-002" in early[0]
    assert not any("CA-2025-004" in p for p in problems)

    assert run(["check", "--db", str(path)]) != 0
    out = capsys.readouterr().out
    assert "QP-09-01" in out and "CA-2025-003" in out
