"""Hostile and damaged files beside and inside a company file (issue 19): links planted next to
it, text no export can write back, files on read-only media, a history chain cut short."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
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


def test_a_file_on_read_only_media_is_opened_read_only_and_said_so(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19, point 10 (the decision; the real media below where the machine allows it)."""
    from qmsdesk.core.db import migrate, open_database

    monkeypatch.setattr(migrate, "on_read_only_media", lambda _path: True)
    with open_database(demo_path) as db:
        assert db.read_only
        assert any("read-only media" in note for note in db.report.notes)
        with db.read() as session:
            from qmsdesk.core import documents

            assert documents.counts(session).total == 41


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A real read-only file system (a tmpfs remounted read-only), where the machine allows it."""
    import os
    import shutil
    import subprocess

    point = tmp_path / "media"
    point.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a file system needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "none", str(point)], check=False)
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=False)


def test_a_wal_file_on_a_read_only_mount_is_read(
    read_only_mount: Path, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 19, point 10: check, export, report and backup said 'may be damaged or incomplete;
    restore a backup' of an intact file on read-only media."""
    import subprocess

    target = read_only_mount / "company.qmsdb"
    target.write_bytes(demo_path.read_bytes())
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
    conn.close()
    assert not Path(str(target) + "-wal").exists()
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    assert run(["check", "--db", str(target)]) == 0
    assert run(["export", str(tmp_path / "out.xlsx"), "--db", str(target)]) == 0
    out = tmp_path / "out.pdf"
    assert run(["report", "documents", "--db", str(target), "-o", str(out)]) == 0
    assert run(["backup", "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "read-only media" in err and "damaged" not in err


def test_a_code_with_a_zero_width_space_is_the_same_code(demo_path: Path) -> None:
    """Issue 19, point 12: 'QP-08-07' with a zero-width space in it counted as another code."""
    from qmsdesk.core import documents
    from qmsdesk.core.text import clean_code

    assert clean_code("QP-\u200b08-07\ufeff") == "QP-08-07"
    assert clean_code("\u00adQP-08-07 ") == "QP-08-07"
    assert clean_code("Łódź 👨\u200d👩") == "Łódź 👨👩"  # a code, not a title: joiners go too
    fields, problems = documents.fields_from_values(
        {"code": "QP-08-07\u200b", "title": "Purchasing", "doc_type": "Procedure"}
    )
    assert not problems and fields is not None and fields.code == "QP-08-07"


def test_an_import_names_a_hidden_sheet_and_matches_a_code_with_a_zero_width_space(
    demo_path: Path, tmp_path: Path
) -> None:
    """Issue 19, point 12: a hidden sheet was imported without saying it was hidden."""
    from openpyxl import Workbook

    from qmsdesk.core.db import open_database
    from qmsdesk.core.exchange.workbook import plan_import

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Documents"
    sheet.append(["Code", "Title", "Type", "Status"])
    sheet.append(["QP-08-07\u200b", "Purchasing, retitled", "Procedure", "Draft"])
    sheet.sheet_state = "hidden"
    book.create_sheet("Notes")
    book.save(tmp_path / "hidden.xlsx")
    with open_database(demo_path) as db:
        plan = plan_import(db, tmp_path / "hidden.xlsx")
    assert not plan.problems
    assert any("Sheet 'Documents' is hidden" in note for note in plan.notes)
    assert plan.summary_lines()[0] == "Documents: 0 to add, 1 to change, 0 unchanged"


def test_the_backup_list_shows_unfinished_copies(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = backups.paths.backups_dir(demo_path)
    folder.mkdir(parents=True)
    left = folder / f"{demo_path.stem} 2026-01-01 100000 manual.qmsdb.partial"
    left.write_bytes(b"half")
    assert run(["backup", "--db", str(demo_path), "--list"]) == 0
    assert f"Unfinished copy left by an interrupted backup: {left}" in capsys.readouterr().out
