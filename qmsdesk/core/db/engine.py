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
from qmsdesk.core.errors import DatabaseError, DatabaseNotFoundError

Progress = Callable[[int, int], None]


@dataclass
class OpenReport:
    """What happened while a file was opened, for the GUI to tell the user."""

    created: bool = False
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

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end, or not at all."""
        with self._sessions() as session, session.begin():
            yield session

    def copy_to(self, target: Path) -> None:
        """A consistent copy of the open file (SQLite's online backup), written atomically."""
        backup_sqlite(self.path, target)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite driver's own transaction
        # handling would otherwise start transactions late and commit DDL behind our back).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # Data a user typed must survive a power cut.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        connection.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]

    return engine


def open_database(path: Path | str, *, create: bool = False) -> Database:
    """Open a company file, creating it (with `create`) or upgrading it (after a backup) as needed.

    Raises a :class:`DatabaseError` subclass with a message for the user when the file is missing,
    unreadable, not a QMS Desk file, or written by a newer version; such a file is left untouched.
    """
    path = Path(path).expanduser()
    report = OpenReport()
    if not path.exists():
        if not create:
            raise DatabaseNotFoundError(f"There is no company file at {path}.")
        _create_new(path)
        report.created = True
    else:
        state = migrate.inspect_file(path)
        if state.needs_upgrade:
            report.backup = migrate.backup_before_upgrade(path, state.revision)
            report.upgraded_from = state.revision
            engine = _make_engine(path)
            try:
                migrate.upgrade(engine)
            finally:
                engine.dispose()
    engine = _make_engine(path)
    return Database(path, engine, report)


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


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite file consistently (online backup API) to `target`, replacing it atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".partial")
    temp.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            # A copy is a single self-contained file: no WAL beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(temp, target)
