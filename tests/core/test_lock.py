"""One writer at a time: a second program is told who has the file; a crash leaves no lock."""

from __future__ import annotations

import json
import os
import platform
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


def leave_owner(db_path: Path, host: str) -> str:
    """Write the `.owner` file a QMS Desk on `host` left behind (its lock is gone); its text."""
    text = json.dumps(
        {"user": "Ann Wood", "host": host, "pid": 4242, "since": "2026-03-02T08:15:00"}
    )
    lock.owner_path(db_path).write_text(text, encoding="utf-8")
    return text


def test_a_file_left_by_another_computer_is_not_taken_over_silently(demo_path: Path) -> None:
    # On a share that does not honour locks, a file open on shop-pc right now looks just like this.
    text = leave_owner(demo_path, "shop-pc")
    with pytest.raises(lock.LeftByAnotherComputerError) as caught:
        lock.acquire(demo_path, user="Łukasz Żółć")
    error = caught.value
    assert isinstance(error, lock.FileInUseError)  # everything that handles a file in use sees it
    assert error.owner is not None and (error.owner.user, error.owner.host) == (
        "Ann Wood",
        "shop-pc",
    )
    message = str(error)
    assert message.startswith(
        f"{demo_path.name} was last opened for changes by Ann Wood on shop-pc "
        "(since 2026-03-02 08:15) and was not closed there."
    )
    assert "no longer running on shop-pc" in message and "take the file over" in message
    assert "open it read-only" in message
    # Nothing is held after the refusal, and the owner file is as it was.
    assert lock.owner_path(demo_path).read_text(encoding="utf-8") == text
    again = lock.acquire(demo_path, take_over=True)  # the lock itself is free: taken at once
    again.release()


def test_a_file_left_by_another_computer_can_be_taken_over(demo_path: Path) -> None:
    leave_owner(demo_path, "shop-pc")
    held = lock.acquire(demo_path, user="Łukasz Żółć", take_over=True)
    try:
        assert held.stale_owner is not None
        assert (held.stale_owner.user, held.stale_owner.host) == ("Ann Wood", "shop-pc")
        owner = lock.read_owner(demo_path)
        assert owner is not None and owner.user == "Łukasz Żółć" and owner.pid == os.getpid()
        with pytest.raises(lock.FileInUseError) as caught:  # held now: in use, nothing to take
            lock.acquire(demo_path, take_over=True)
        assert type(caught.value) is lock.FileInUseError
    finally:
        held.release()
    assert lock.read_owner(demo_path) is None


def test_a_take_over_answers_only_for_the_owner_asked_about(demo_path: Path) -> None:
    leave_owner(demo_path, "shop-pc")
    with pytest.raises(lock.LeftByAnotherComputerError) as caught:
        lock.acquire(demo_path)
    asked_about = caught.value.owner
    assert asked_about is not None
    # Meanwhile office-pc opens the file on a share that does not honour locks (the lock is free).
    text = leave_owner(demo_path, "office-pc")
    with pytest.raises(lock.LeftByAnotherComputerError) as caught:
        lock.acquire(demo_path, take_over=asked_about)
    assert caught.value.owner is not None and caught.value.owner.host == "office-pc"
    assert lock.owner_path(demo_path).read_text(encoding="utf-8") == text
    # Still the one asked about: taken over.
    with lock.acquire(demo_path, take_over=caught.value.owner) as held:
        assert held.stale_owner == caught.value.owner


def test_a_file_left_on_this_computer_is_taken_over_as_before(demo_path: Path) -> None:
    # The same computer's name, written in other capitals (Windows names ignore case).
    leave_owner(demo_path, platform.node().swapcase())
    with lock.acquire(demo_path) as held:
        assert held.stale_owner is not None and held.stale_owner.user == "Ann Wood"


def test_a_file_locked_right_now_is_in_use_whatever_take_over_says(demo_path: Path, holder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(lock.FileInUseError) as caught:
        lock.acquire(demo_path, take_over=True)
    assert type(caught.value) is lock.FileInUseError
    assert caught.value.owner is not None and caught.value.owner.user == "Priya Raman"


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


def test_import_and_restore_commands_refuse_a_file_left_by_another_computer(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from qmsdesk.core import backups

    book = tmp_path / "register.xlsx"
    assert run(["export", str(book), "--db", str(demo_path)]) == 0  # reads: works as before
    backup = backups.make_backup(demo_path, "manual")
    text = leave_owner(demo_path, "shop-pc")
    before = demo_path.read_bytes()
    capsys.readouterr()
    for command in (
        ["import", str(book), "--db", str(demo_path)],
        ["restore", str(backup), "--db", str(demo_path)],
    ):
        assert run(command) == 3, command
        printed = capsys.readouterr()
        assert "was last opened for changes by Ann Wood on shop-pc" in printed.err
        assert "--take-over" in printed.err and printed.out == ""
        assert "read-only" not in printed.err  # a command cannot open anything read-only
        # Nothing written, nothing backed up, and the owner file left as it was.
        assert demo_path.read_bytes() == before
        assert lock.owner_path(demo_path).read_text(encoding="utf-8") == text
        assert len(backups.list_backups(demo_path)) == 1


def test_import_and_restore_commands_take_over_with_take_over(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from qmsdesk.core import backups

    book = tmp_path / "register.xlsx"
    assert run(["export", str(book), "--db", str(demo_path)]) == 0
    backup = backups.make_backup(demo_path, "manual")
    capsys.readouterr()

    leave_owner(demo_path, "shop-pc")
    assert run(["import", str(book), "--db", str(demo_path), "--take-over"]) == 0
    printed = capsys.readouterr()
    assert (
        "not closed properly by Ann Wood on shop-pc" in printed.out and "taken over" in printed.out
    )
    assert f"Imported {book}" in printed.out
    assert not lock.owner_path(demo_path).exists()  # released when done

    leave_owner(demo_path, "shop-pc")
    assert run(["restore", str(backup), "--db", str(demo_path), "--take-over"]) == 0
    printed = capsys.readouterr()
    assert "taken over" in printed.out and f"Restored {backup.name}" in printed.out
    assert not lock.owner_path(demo_path).exists()
    assert [b.reason for b in backups.list_backups(demo_path)].count("before restore") == 1
