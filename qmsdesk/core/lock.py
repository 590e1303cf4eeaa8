"""One writer at a time: an operating-system lock on `<file>.lock` beside the company file.

The operating system releases the lock when the process ends, even when it is killed, so a crash
never leaves a file locked for good. Who holds it (user, computer, since when) is written to
`<file>.owner`: a second QMS Desk reads it to tell its user who has the file. An `.owner` file found
while the lock is free was left by a process that crashed; when it names this computer, it is
reported and taken over.

When it names another computer, it is not taken over silently: on a network share that does not
honour file locks (NFS without its lock service, some NAS boxes), a file open right now on another
computer looks exactly like one left by a crash there, and two writers would corrupt it.
:class:`LeftByAnotherComputerError` says so, and the user decides (``take_over=True``).
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
    def __init__(self, path: Path, owner: LockOwner | None, message: str | None = None) -> None:
        self.path = path
        self.owner = owner
        who = owner.describe() if owner else "another QMS Desk"
        #: What happened, without the advice (the command line cannot open a file read-only).
        self.situation = f"{path.name} is open for changes by {who}."
        super().__init__(
            message
            or f"{self.situation} You can open it read-only, or wait until it is closed there."
        )


class LeftByAnotherComputerError(FileInUseError):
    """The lock is free, but the `.owner` file names another computer: QMS Desk may have crashed
    there, or the file may still be open there on a share that does not honour file locks. Only the
    user can tell; :func:`acquire` with ``take_over=True`` takes the file over."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        host = owner.host
        situation = (
            f"{path.name} was last opened for changes by {owner.describe()} and was not closed "
            f"there. QMS Desk cannot tell from here whether it is still open on {host}."
        )
        super().__init__(
            path,
            owner,
            f"{situation}\n\n"
            f"If QMS Desk is no longer running on {host} (it was closed, or the computer crashed "
            "or lost the network), you can take the file over. If it is still open there, open "
            "it read-only: two computers changing the file at once would damage it.",
        )
        #: What happened, without the advice (which differs between the window and the commands).
        self.situation = situation


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME", "unknown")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def owner_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".owner")


_OWNER_MAX_BYTES = 4096


def _write_here(path: Path, text: str) -> None:
    """Write a small file beside the company file without following a link there: a link
    planted as `<file>.owner` would otherwise have another file of the user's overwritten."""
    if path.is_symlink():
        path.unlink()  # the link itself, not what it points to
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags, 0o644)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)


def read_owner(db_path: Path) -> LockOwner | None:
    path = owner_path(db_path)
    try:
        if path.is_symlink():
            return None  # not written by QMS Desk
        with path.open("rb") as handle:
            data = json.loads(handle.read(_OWNER_MAX_BYTES).decode("utf-8"))
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


def _this_host() -> str:
    return platform.node() or "this computer"


def _same_host(host: str) -> bool:
    # Windows computer names are case-insensitive, and DNS names are too.
    return host.strip().casefold() == _this_host().strip().casefold()


def acquire(
    db_path: Path, user: str | None = None, *, take_over: bool | LockOwner = False
) -> CompanyLock:
    """Take the write lock of a company file, or raise FileInUseError saying who has it.

    The lock free but the `.owner` file naming another computer raises
    :class:`LeftByAnotherComputerError` (nothing is taken, the `.owner` file is left as it is),
    unless `take_over`: then the file is taken over, and the owner reported as `stale_owner`.
    `take_over` given as the owner the user was asked about takes over only from that owner: if
    another computer has opened the file since (on a share that does not honour locks, only its
    `.owner` file shows it), the error is raised again, naming it."""
    db_path = Path(db_path).resolve()
    if db_path in _HELD:
        raise FileInUseError(db_path, read_owner(db_path))
    if lock_path(db_path).is_symlink():  # opening it would truncate what it points to
        lock_path(db_path).unlink()
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
    if (
        stale is not None
        and not _same_host(stale.host)
        and take_over is not True
        and take_over != stale
    ):
        file_lock.release()
        raise LeftByAnotherComputerError(db_path, stale)
    owner = LockOwner(
        user=user or _current_user(),
        host=_this_host(),
        pid=os.getpid(),
        since=dt.datetime.now().isoformat(timespec="seconds"),
    )
    try:
        _write_here(owner_path(db_path), json.dumps(asdict(owner)))
    except OSError as exc:
        file_lock.release()
        raise QmsError(
            f"Cannot write {owner_path(db_path).name} beside {db_path.name} "
            f"({exc.strerror or exc})."
        ) from exc
    held = CompanyLock(db_path, file_lock, stale)
    _HELD[db_path] = held
    return held
