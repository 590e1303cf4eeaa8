"""Backups: consistent copies, the rolling set, restore with a safety copy, and the CLI words."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from qmsdesk.cli import run
from qmsdesk.core import backups, documents
from qmsdesk.core.db import open_database
from qmsdesk.core.errors import NotAQmsDatabaseError


def count_documents(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_backup_is_a_consistent_copy_even_with_uncommitted_wal(demo_path: Path) -> None:
    db = open_database(demo_path)
    with db.write() as session:  # leaves pages in the write-ahead log, not yet checkpointed
        documents.make_obsolete(session, documents.query_ids(session)[0], "Replaced", "lead")
    steps: list[tuple[int, int]] = []
    target = backups.make_backup(demo_path, "manual", progress=lambda d, t: steps.append((d, t)))
    db.close()
    assert target.parent == demo_path.parent / "demo_files" / "backups"
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert (
            conn.execute("SELECT count(*) FROM documents WHERE status='obsolete'").fetchone()[0]
            == 2
        )
    assert steps and steps[-1][0] == steps[-1][1]
    assert not list(target.parent.glob("*.partial"))
    (info,) = backups.list_backups(demo_path)
    assert (info.path, info.reason, info.size) == (target, "manual", target.stat().st_size)


def test_rolling_set_keeps_the_last_ten_and_one_a_day_for_thirty_days(demo_path: Path) -> None:
    start = dt.datetime(2026, 1, 1, 9, 0)
    # Three a day for 45 days.
    for day in range(45):
        for hour in (9, 12, 15):
            backups.make_backup(
                demo_path, "open", now=start + dt.timedelta(days=day, hours=hour - 9)
            )
    kept = backups.list_backups(demo_path)
    last = start + dt.timedelta(days=44, hours=6)
    newest_ten = [last - dt.timedelta(hours=h) for h in (0, 3, 6)]
    assert {b.created for b in kept[:3]} == set(newest_ten)
    days = {b.created.date() for b in kept}
    # One a day for the 30 days before the newest, plus the ten newest copies.
    assert len(days) == 30
    assert len(kept) == 10 + (30 - 4)  # the 10 newest span 4 days; 26 older days keep one each
    assert min(days) == last.date() - dt.timedelta(days=29)


def test_two_backups_in_the_same_second_do_not_overwrite(demo_path: Path) -> None:
    now = dt.datetime(2026, 3, 1, 10, 0, 0)
    first = backups.make_backup(demo_path, "open", now=now)
    second = backups.make_backup(demo_path, "open", now=now)
    assert first != second and first.exists() and second.exists()


def test_restore_backs_up_the_current_file_first(demo_path: Path) -> None:
    saved = backups.make_backup(demo_path, "manual")
    db = open_database(demo_path)
    with db.write() as session:
        documents.delete_document(session, documents.id_for_code(session, "QP-08-09"), "lead")
    db.close()
    before = count_documents(demo_path)
    safety = backups.restore(saved, demo_path)
    assert count_documents(demo_path) == before + 1
    assert count_documents(safety) == before
    assert "before restore" in safety.name


def test_restore_refuses_a_file_that_is_not_a_backup(demo_path: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.qmsdb"
    junk.write_text("not a database")
    before = demo_path.read_bytes()
    with pytest.raises(NotAQmsDatabaseError):
        backups.restore(junk, demo_path)
    assert demo_path.read_bytes() == before


def test_backup_and_restore_commands(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["backup", "--db", str(demo_path)]) == 0
    (made,) = backups.list_backups(demo_path)
    assert str(made.path) in capsys.readouterr().out
    assert run(["backup", "--db", str(demo_path), "--list"]) == 0
    assert "1 backup(s)" in capsys.readouterr().out
    assert run(["restore", str(made.path), "--db", str(demo_path)]) == 0
    assert "before restore" in capsys.readouterr().out


def test_the_policy_set_in_the_company_file_is_used(demo_path: Path) -> None:
    from qmsdesk.core import company

    db = open_database(demo_path)
    with db.write() as session:
        company.set_backup_policy(session, backups.BackupPolicy(keep_last=2, keep_daily_days=0))
    db.close()
    for minute in range(5):
        backups.make_backup(demo_path, "open", now=dt.datetime(2026, 5, 1, 10, minute))
    assert [b.created.minute for b in backups.list_backups(demo_path)] == [4, 3]
