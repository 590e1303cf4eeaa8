"""One writer at a time: an operating-system lock on `<file>.lock` beside the company file.

The operating system releases the lock when the process ends, even when it is killed, so a crash
never leaves a file locked for good. Who holds it (user, computer, since when) is written to
`<file>.owner`: a second QMS Desk reads it to tell its user who has the file. An `.owner` file found
while the lock is free was left by a process that crashed; it is reported and taken over.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import platform
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from qmsdesk.core.errors import QmsError

_HELD: dict[Path, CompanyLock] = {}


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str  # ISO time, local

    def describe(self) -> str:
        try:
            since = dt.datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            since = self.since
        return f"{self.user} on {self.host} (since {since})"


class FileInUseError(QmsError):
    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        who = owner.describe() if owner else "another QMS Desk"
        super().__init__(
            f"{path.name} is open for changes by {who}. You can open it read-only, or wait until "
            "it is closed there."
        )


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME", "unknown")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def owner_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".owner")


def read_owner(db_path: Path) -> LockOwner | None:
    try:
        data = json.loads(owner_path(db_path).read_text(encoding="utf-8"))
        return LockOwner(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class CompanyLock:
    """The write lock of one company file, held from :func:`acquire` until :meth:`release`."""

    def __init__(self, db_path: Path, file_lock: FileLock, stale_owner: LockOwner | None) -> None:
        self.db_path = db_path
        self._file_lock = file_lock
        #: Who held the file when a QMS Desk ended without closing it (crash, power cut), if anyone.
        self.stale_owner = stale_owner

    def release(self) -> None:
        _HELD.pop(self.db_path, None)
        owner_path(self.db_path).unlink(missing_ok=True)
        self._file_lock.release()

    def __enter__(self) -> CompanyLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire(db_path: Path, user: str | None = None) -> CompanyLock:
    """Take the write lock of a company file, or raise FileInUseError saying who has it."""
    db_path = Path(db_path).resolve()
    if db_path in _HELD:
        raise FileInUseError(db_path, read_owner(db_path))
    file_lock = FileLock(str(lock_path(db_path)), timeout=0)
    try:
        file_lock.acquire()
    except Timeout:
        raise FileInUseError(db_path, read_owner(db_path)) from None
    except OSError as exc:
        raise QmsError(
            f"Cannot create the lock file beside {db_path.name} ({exc.strerror or exc}); "
            "the folder may be read-only. Open the file read-only instead."
        ) from exc
    stale = read_owner(db_path)
    owner = LockOwner(
        user=user or _current_user(),
        host=platform.node() or "this computer",
        pid=os.getpid(),
        since=dt.datetime.now().isoformat(timespec="seconds"),
    )
    owner_path(db_path).write_text(json.dumps(asdict(owner)), encoding="utf-8")
    held = CompanyLock(db_path, file_lock, stale)
    _HELD[db_path] = held
    return held
