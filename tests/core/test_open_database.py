"""Bad files: each is refused with a clear message and left exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qmsdesk.core.db import open_database
from qmsdesk.core.errors import DatabaseError, DatabaseNotFoundError, NotAQmsDatabaseError


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotFoundError, match="There is no company file"):
        open_database(tmp_path / "nowhere.qmsdb")
    assert not (tmp_path / "nowhere.qmsdb").exists()


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)


@pytest.mark.parametrize(
    "content",
    [b"", b"Quarterly figures\n1,2,3\n", b"PK\x03\x04 a zip file pretending", b"\x00" * 4096],
)
def test_not_a_database_at_all(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.qmsdb"
    path.write_bytes(content)
    with pytest.raises(NotAQmsDatabaseError, match="not a database at all"):
        open_database(path)
    assert path.read_bytes() == content


def test_another_programs_database(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    before = path.read_bytes()
    with pytest.raises(NotAQmsDatabaseError, match="not a QMS Desk company file"):
        open_database(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("fraction", [2, 3, 10])
def test_truncated_database(tmp_path: Path, demo_path: Path, fraction: int) -> None:
    data = demo_path.read_bytes()
    path = tmp_path / "cut.qmsdb"
    path.write_bytes(data[: len(data) // fraction])
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="damaged or incomplete; restore a backup"):
        open_database(path)
    assert path.read_bytes() == before


@pytest.mark.skipif(
    __import__("os").name == "nt" or __import__("os").geteuid() == 0,
    reason="root reads any file; permissions cannot make a file unreadable",
)
def test_unreadable_file(tmp_path: Path) -> None:  # pragma: no cover - not as root
    path = tmp_path / "locked.qmsdb"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(DatabaseError, match="Cannot read"):
        open_database(path)
