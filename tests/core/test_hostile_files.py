"""Hostile and damaged files beside and inside a company file (issue 19): links planted next to
it, text no export can write back, files on read-only media, a history chain cut short."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qmsdesk.cli import run
from qmsdesk.core import backups, lock


def victim_file(tmp_path: Path) -> Path:
    victim = tmp_path / "thesis.docx"
    victim.write_bytes(b"three years of work")
    return victim


@pytest.mark.parametrize("suffix", [".owner", ".lock"])
def test_a_link_beside_the_company_file_is_never_written_through(
    demo_path: Path, tmp_path: Path, suffix: str
) -> None:
    """Issue 19, point 7: with `<file>.owner` a link to another file of the user's, any import or
    restore overwrote that file with JSON."""
    victim = victim_file(tmp_path)
    Path(str(demo_path) + suffix).symlink_to(victim)
    held = lock.acquire(demo_path, "lead")
    try:
        assert victim.read_bytes() == b"three years of work"
        assert not Path(str(demo_path) + suffix).is_symlink()
        assert lock.read_owner(demo_path) is not None
    finally:
        held.release()
    assert victim.read_bytes() == b"three years of work"


def test_a_restore_with_a_linked_owner_file_leaves_the_linked_file(
    demo_path: Path, tmp_path: Path
) -> None:
    victim = victim_file(tmp_path)
    saved = backups.make_backup(demo_path, "manual")
    lock.owner_path(demo_path).symlink_to(victim)
    assert run(["restore", str(saved), "--db", str(demo_path)]) == 0
    assert victim.read_bytes() == b"three years of work"


def test_an_owner_file_that_is_a_link_is_not_read(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text('{"user": "x", "host": "y", "pid": 1, "since": "2026-01-01"}')
    lock.owner_path(demo_path).symlink_to(target)
    assert lock.read_owner(demo_path) is None


def test_the_command_line_does_not_advise_opening_read_only(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 19, point 12: the command line cannot open a file read-only."""
    held = lock.acquire(demo_path, "Ann")
    try:
        assert run(["restore", str(demo_path), "--db", str(demo_path)]) == 3
    finally:
        held.release()
    err = capsys.readouterr().err
    assert "is open for changes by Ann" in err and "read-only" not in err


def test_an_empty_schema_version_is_not_called_newer(demo_path: Path) -> None:
    """Issue 19, point 12: it was 'written by a newer version (database revision )'."""
    from qmsdesk.core.db import migrate
    from qmsdesk.core.errors import DatabaseError

    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num=''")
    conn.close()
    with pytest.raises(DatabaseError) as caught:
        migrate.inspect_file(demo_path)
    assert "newer" not in str(caught.value) and "no schema version" in str(caught.value)
