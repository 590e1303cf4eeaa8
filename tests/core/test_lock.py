"""One writer at a time: a second program is told who has the file; a crash leaves no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from qmsdesk.cli import run
from qmsdesk.core import documents, lock
from qmsdesk.core.db import open_database
from qmsdesk.core.errors import ReadOnlyError

HOLDER = """
import sys, time
from qmsdesk.core import lock
held = lock.acquire(sys.argv[1], user="Priya Raman")
print("locked", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(demo_path: Path):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


def test_second_writer_is_told_who_has_the_file(demo_path: Path, holder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(lock.FileInUseError) as caught:
        lock.acquire(demo_path)
    owner = caught.value.owner
    assert owner is not None and owner.user == "Priya Raman" and owner.pid == holder.pid
    assert "open for changes by Priya Raman on" in str(caught.value)
    assert "read-only" in str(caught.value)


def test_read_only_open_reads_but_refuses_changes(demo_path: Path, holder) -> None:  # type: ignore[no-untyped-def]
    db = open_database(demo_path, read_only=True)
    with db.read() as session:
        assert documents.counts(session).total == 41
    with pytest.raises(ReadOnlyError, match="read-only"), db.write():
        pass
    db.close()


def test_a_killed_holder_leaves_a_stale_lock_that_is_taken_over(demo_path: Path, holder) -> None:  # type: ignore[no-untyped-def]
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    held = lock.acquire(demo_path, user="Łukasz Żółć")
    try:
        assert held.stale_owner is not None and held.stale_owner.user == "Priya Raman"
        assert lock.read_owner(demo_path).user == "Łukasz Żółć"  # type: ignore[union-attr]
    finally:
        held.release()
    assert lock.read_owner(demo_path) is None


def test_the_same_process_cannot_take_the_lock_twice(demo_path: Path) -> None:
    with lock.acquire(demo_path), pytest.raises(lock.FileInUseError):
        lock.acquire(demo_path)
    with lock.acquire(demo_path) as again:
        assert again.stale_owner is None


def test_import_command_refuses_a_file_in_use(
    demo_path: Path, tmp_path: Path, holder, capsys
) -> None:  # type: ignore[no-untyped-def]
    code = run(["import", str(tmp_path / "x.xlsx"), "--db", str(demo_path)])
    assert code == 3
    assert "Priya Raman" in capsys.readouterr().err
