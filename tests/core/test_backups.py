"""Backups: consistent copies, the rolling set, restore with a safety copy, and the CLI words."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from qmsdesk.cli import run
from qmsdesk.core import backups, documents
from qmsdesk.core.db import open_database
from qmsdesk.core.errors import NotAQmsDatabaseError, QmsError
from qmsdesk.core.restore import restore


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


def test_backups_of_the_same_second_keep_the_order_they_were_made_in(demo_path: Path) -> None:
    """The copy just made is the newest, even when its name ("... manual 3") sorts before the
    first one of that second ("... manual"), and the policy never prunes it."""
    now = dt.datetime(2026, 3, 2, 8, 15, 30)
    policy = backups.BackupPolicy(2, 0)
    made = [backups.make_backup(demo_path, "manual", policy=policy, now=now) for _ in range(4)]
    listed = [b.path for b in backups.list_backups(demo_path)]
    assert listed == [made[3], made[2]]


def test_restore_backs_up_the_current_file_first(demo_path: Path) -> None:
    saved = backups.make_backup(demo_path, "manual")
    db = open_database(demo_path)
    with db.write() as session:
        documents.delete_document(session, documents.id_for_code(session, "QP-08-09"), "lead")
    db.close()
    before = count_documents(demo_path)
    safety = restore(saved, demo_path)
    assert count_documents(demo_path) == before + 1
    assert count_documents(safety) == before
    assert "before restore" in safety.name


def test_restore_refuses_a_file_that_is_not_a_backup(demo_path: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.qmsdb"
    junk.write_text("not a database")
    before = demo_path.read_bytes()
    with pytest.raises(NotAQmsDatabaseError):
        restore(junk, demo_path)
    assert demo_path.read_bytes() == before


def test_backup_and_restore_commands(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["backup", "--db", str(demo_path)]) == 0
    (made,) = backups.list_backups(demo_path)
    assert str(made.path) in capsys.readouterr().out
    assert run(["backup", "--db", str(demo_path), "--list"]) == 0
    assert "1 backup of" in capsys.readouterr().out
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


# --- issue 19 ----------------------------------------------------------------------------------


def damage(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA ignore_check_constraints=ON")  # as another program would write
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return path


def another_programs_file(path: Path) -> Path:
    """Another program's database that carries our application id and a schema version."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=" + str(int.from_bytes(b"QMSD", "big")))
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.execute("INSERT INTO alembic_version VALUES ('0005_reviews')")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path


BROKEN_BACKUPS = {
    "revisions-dropped": ("DROP TABLE revisions", "The table revisions is missing"),
    "history-dropped": ("DROP TABLE change_history", "The table change_history is missing"),
    "broken-foreign-key": (
        "UPDATE revisions SET document_id=99999 WHERE id=1",
        "refers to a missing row in documents",
    ),
    "unknown-status": (
        "UPDATE documents SET status='Shredded' WHERE id=1",
        "hold a word QMS Desk does not know ('Shredded')",
    ),
    "history-rewritten": (
        "UPDATE change_history SET new_value='Someone else' WHERE id=7",
        "change history has been altered",
    ),
    "date-not-a-date": (
        "UPDATE documents SET next_review='soon' WHERE id=2",
        "hold no valid date ('soon')",
    ),
}


@pytest.mark.parametrize("kind", [*BROKEN_BACKUPS, "another-program"])
def test_restore_refuses_a_damaged_backup_and_leaves_the_file_as_it_was(
    demo_path: Path, tmp_path: Path, kind: str
) -> None:
    """Issue 19, point 3: each of these replaced a good company file (exit 0) before."""
    saved = backups.make_backup(demo_path, "manual")
    if kind == "another-program":
        saved.unlink()
        another_programs_file(saved)
        expected = "The table actions is missing"
    else:
        statement, expected = BROKEN_BACKUPS[kind]
        damage(saved, statement)
    before = demo_path.read_bytes()
    with pytest.raises(QmsError, match="was not restored") as caught:
        restore(saved, demo_path)
    assert expected in str(caught.value)
    assert "was left as it was" in str(caught.value)
    assert demo_path.read_bytes() == before
    assert not (demo_path.parent / (demo_path.name + ".restoring")).exists()
    assert [b.reason for b in backups.list_backups(demo_path)] == ["manual"]  # no safety copy


def test_restore_command_refuses_a_damaged_backup(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = damage(backups.make_backup(demo_path, "manual"), "DROP TABLE revisions")
    assert run(["restore", str(saved), "--db", str(demo_path)]) != 0
    assert "The table revisions is missing" in capsys.readouterr().err


def test_an_older_backup_is_checked_at_its_own_version(demo_path: Path, tmp_path: Path) -> None:
    """A backup at an older schema version is checked against that version's tables, then in an
    upgraded scratch copy; a sound one is restored."""
    from qmsdesk.core.db import migrate

    old = tmp_path / "old.qmsdb"
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={migrate.APPLICATION_ID}")
    migrate.upgrade(engine, "0002_history_chain")
    engine.dispose()
    target = backups.paths.backups_dir(demo_path) / f"{demo_path.stem} 2026-01-01 100000 old.qmsdb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(old.read_bytes())
    safety = restore(target, demo_path)
    assert safety.exists() and migrate.inspect_file(demo_path).revision == "0002_history_chain"
    damage(target, "DROP TABLE change_history")
    with pytest.raises(QmsError, match="The table change_history is missing"):
        restore(target, demo_path)


def wal_left_by_a_crash(path: Path) -> None:
    """Commit a change that stays in the write-ahead log, as a crash leaves it (no checkpoint)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE documents SET title='Committed in the log' WHERE id=1")
    conn.commit()
    kept = {s: Path(str(path) + s).read_bytes() for s in ("", "-wal")}
    conn.close()  # this would checkpoint: put the files back as the crash left them
    for suffix, data in kept.items():
        Path(str(path) + suffix).write_bytes(data)
    Path(str(path) + "-shm").unlink(missing_ok=True)


def test_a_restore_killed_before_the_file_is_replaced_loses_no_committed_work(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19, point 5: killed after the log was deleted, the file lost what the log held."""
    saved = backups.make_backup(demo_path, "manual")
    wal_left_by_a_crash(demo_path)
    assert Path(str(demo_path) + "-wal").stat().st_size > 0

    replace = os.replace

    def killed(source: Path, target: Path) -> None:
        if Path(target) == demo_path:
            raise KeyboardInterrupt("killed")
        replace(source, target)

    monkeypatch.setattr("qmsdesk.core.restore.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        restore(saved, demo_path)
    assert not Path(str(demo_path) + "-wal").exists()
    with sqlite3.connect(demo_path) as conn:
        (title,) = conn.execute("SELECT title FROM documents WHERE id=1").fetchone()
    assert title == "Committed in the log"


@pytest.mark.parametrize(
    ("keep_last", "keep_daily", "policy"),
    [
        ("0", "0", backups.BackupPolicy(10, 0)),
        ("10", "-100000000", backups.BackupPolicy(10, 30)),
        ("-5", "1e9", backups.BackupPolicy(10, 30)),
        ("x", "", backups.BackupPolicy(10, 30)),
        ("99999999999999999999", "4000", backups.BackupPolicy(10, 30)),
    ],
)
def test_settings_out_of_range_are_read_as_the_default(
    demo_path: Path, keep_last: str, keep_daily: str, policy: backups.BackupPolicy
) -> None:
    """Issue 19, point 8: -100000000 days crashed every backup (OverflowError); keep 0 and 0
    pruned the 'before import' backup at once while its path was printed."""
    damage(
        demo_path,
        f"INSERT OR REPLACE INTO settings (key, value) VALUES ('backup_keep_last', '{keep_last}')",
        "INSERT OR REPLACE INTO settings (key, value) "
        f"VALUES ('backup_keep_daily_days', '{keep_daily}')",
    )
    assert backups.stored_policy(demo_path) == policy
    made = backups.make_backup(demo_path, "before import")
    assert made.exists()
    with open_database(demo_path) as db, db.read() as session:
        from qmsdesk.core import company

        assert company.backup_policy(session) == policy


def test_the_backup_a_command_makes_is_never_pruned_by_it(demo_path: Path) -> None:
    """Even with a clock put back, the copy just made stays."""
    for hour in (10, 11, 12):
        backups.make_backup(demo_path, "open", now=dt.datetime(2026, 5, 1, hour))
    policy = backups.BackupPolicy(keep_last=1, keep_daily_days=0)
    made = backups.make_backup(
        demo_path, "before import", policy=policy, now=dt.datetime(2026, 4, 1, 9)
    )
    assert made.exists()


def test_unfinished_copies_are_listed_and_removed(demo_path: Path) -> None:
    """Issue 19, point 12: a *.partial left by a killed backup stayed for good."""
    import os

    folder = backups.paths.backups_dir(demo_path)
    folder.mkdir(parents=True)
    partial = folder / f"{demo_path.stem} 2026-01-01 100000 manual.qmsdb.partial"
    partial.write_bytes(b"half a copy")
    assert backups.unfinished(demo_path) == [partial]
    fresh = folder / f"{demo_path.stem} 2026-01-01 100001 manual.qmsdb.partial"
    fresh.write_bytes(b"being written")
    os.utime(partial, (1, 1))
    backups.make_backup(demo_path, "manual")
    assert not partial.exists() and fresh.exists()  # a young one may still be written


def test_a_backups_folder_that_is_a_link_is_refused(demo_path: Path, tmp_path: Path) -> None:
    """Issue 19, points 7 and 12: backups followed a linked folder and pruned files there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / f"{demo_path.stem} 2020-01-01 100000 open.qmsdb"
    victim.write_bytes(b"the user's file")
    folder = backups.paths.backups_dir(demo_path)
    folder.parent.mkdir(parents=True)
    folder.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(QmsError, match="is a link"):
        backups.make_backup(demo_path, "manual", policy=backups.BackupPolicy(1, 0))
    assert victim.read_bytes() == b"the user's file"
    assert backups.list_backups(demo_path) == []


def test_a_partial_file_that_is_a_link_is_not_written_through(
    demo_path: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = tmp_path / "copy.qmsdb"
    (tmp_path / "copy.qmsdb.partial").symlink_to(victim)
    backups.copy_database(demo_path, target)
    assert victim.read_text() == "keep me"
    assert count_documents(target) == count_documents(demo_path)
