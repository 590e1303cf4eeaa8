"""Opening a company file: checks, migrations, the engine with its pragmas, and session helpers."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from qmsdesk import paths
from qmsdesk.core.db import migrate
from qmsdesk.core.errors import DatabaseError, DatabaseNotFoundError, ReadOnlyError

Progress = Callable[[int, int], None]


@dataclass
class OpenReport:
    """What happened while a file was opened, for the GUI to tell the user."""

    created: bool = False
    read_only: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None
    notes: list[str] = field(default_factory=list)


class Database:
    """One open company file. Create it with :func:`open_database`."""

    def __init__(self, path: Path, engine: Engine, report: OpenReport) -> None:
        self.path = path
        self.engine = engine
        self.report = report
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def attachments_dir(self) -> Path:
        return paths.attachments_dir(self.path)

    @property
    def backups_dir(self) -> Path:
        return paths.backups_dir(self.path)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; whatever it sees is one consistent snapshot."""
        with self._sessions() as session, session.begin():
            yield session

    @property
    def read_only(self) -> bool:
        return self.report.read_only

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end, or not at all."""
        if self.read_only:
            raise ReadOnlyError(
                f"{self.path.name} is open read-only, so nothing can be changed. Open it for "
                "changes when nobody else has it open."
            )
        with self._sessions() as session, session.begin():
            yield session

    def copy_to(self, target: Path, progress: Progress | None = None) -> None:
        """A consistent copy of the open file (SQLite's online backup), written atomically."""
        from qmsdesk.core.backups import copy_database

        copy_database(self.path, target, progress)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "davfs"}


def is_network_path(path: Path) -> bool:
    """True when `path` is on a network share (SQLite's write-ahead log must not be used there)."""
    resolved = path.resolve()
    if os.name == "nt":
        text = str(resolved)
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive_remote = 4
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        return bool(kernel32.GetDriveTypeW(text[:3]) == drive_remote)
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return False
    best, best_type = "", ""
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ")
            if resolved.is_relative_to(point) and len(point) > len(best):
                best, best_type = point, parts[2]
    return best_type in _NETWORK_FILESYSTEMS


def _make_engine(
    path: Path, *, read_only: bool = False, wal: bool = True, immutable: bool = False
) -> Engine:
    if immutable:  # on read-only media: SQLite cannot write the log's shared memory beside it
        url = f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&immutable=1&uri=true"
    elif read_only:
        url = f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{path}"
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite driver's own transaction
        # handling would otherwise start transactions late and commit DDL behind our back).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only and not immutable:
            # The write-ahead log needs shared memory, which network shares do not provide.
            cursor.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        # Data a user typed must survive a power cut.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        connection.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]

    return engine


def open_database(path: Path | str, *, create: bool = False, read_only: bool = False) -> Database:
    """Open a company file, creating it (with `create`) or upgrading it (after a backup) as needed.

    Raises a :class:`DatabaseError` subclass with a message for the user when the file is missing,
    unreadable, not a QMS Desk file, or written by a newer version; such a file is left untouched.
    A file opened `read_only` is never upgraded: one that needs it is refused.
    """
    path = Path(path).expanduser()
    immutable = path.is_file() and migrate.on_read_only_media(path)
    read_only = read_only or immutable
    report = OpenReport(read_only=read_only)
    if immutable:
        report.notes.append(
            f"{path.name} is on read-only media (a CD, a write-protected stick or a read-only "
            "share), so it is open read-only. Copy it to your disk to make changes."
        )
    network = False
    if not path.exists():
        if not create or read_only:
            raise DatabaseNotFoundError(f"There is no company file at {path}.")
        _create_new(path)
        report.created = True
    else:
        state = migrate.inspect_file(path)
        migrate.known_to_be_ours(path, state.revision)  # read-only: nothing written before
        network = is_network_path(path)
        if state.needs_upgrade:
            if read_only:
                where = (
                    " It is on read-only media: copy it to your disk first." if immutable else ""
                )
                raise DatabaseError(
                    f"{path.name} was written by an older version of QMS Desk and must be upgraded "
                    "before it can be read, which needs write access. Open it for changes "
                    f"once.{where}"
                )
            report.backup = _backup_before_upgrade(path, state.revision)
            report.upgraded_from = state.revision
            engine = _make_engine(path, wal=not network)
            try:
                migrate.upgrade(engine)
            finally:
                engine.dispose()
    if network:
        report.notes.append(
            f"{path.name} is on a network share. QMS Desk works on it with a plain journal, one "
            "person at a time; keeping the file on your own disk is faster and safer."
        )
    engine = _make_engine(path, read_only=read_only, wal=not network, immutable=immutable)
    return Database(path, engine, report)


def _backup_before_upgrade(path: Path, from_revision: str) -> Path:
    from qmsdesk.core.backups import make_backup

    return make_backup(path, f"before upgrade from {from_revision}")


def _create_new(path: Path) -> None:
    """Build a new file at head beside the target, then move it into place in one step."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"Cannot create the folder {path.parent}: {exc.strerror}.") from exc
    temp = path.with_name(path.name + ".new")
    temp.unlink(missing_ok=True)
    engine = _make_engine(temp)
    try:
        migrate.create_at_head(engine)
    finally:
        engine.dispose()
    _drop_wal_files(temp)
    os.replace(temp, path)


def _drop_wal_files(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
