"""Alembic, run from inside the app: a Config built in code, no alembic.ini at run time.

A new file is created with ``create_all`` and stamped at head; an older one is backed up, then
upgraded;
a newer one, or one that is not a QMS Desk file, is refused and left untouched.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qmsdesk.core.errors import DatabaseError, NewerDatabaseError, NotAQmsDatabaseError

if TYPE_CHECKING:  # importable without SQLAlchemy, for the quick start (core/quickstart.py)
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# PRAGMA application_id of every QMS Desk file: "QMSD" read as a big-endian integer.
APPLICATION_ID = int.from_bytes(b"QMSD", "big")
_SQLITE_MAGIC = b"SQLite format 3\x00"
# The newest migration. Opening a file at this revision needs no Alembic (it costs start-up time);
# tests/core/test_migrations.py checks that it names the real head.
SCHEMA_HEAD = "0011_feedback_changes_design"


def alembic_config(engine_or_connection: object | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(rev)s")
    config.attributes["connection"] = engine_or_connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def known_revisions() -> list[str]:
    """Every revision, oldest first."""
    return [rev.revision for rev in reversed(list(script_directory().walk_revisions()))]


@dataclass(frozen=True)
class FileState:
    revision: str
    needs_upgrade: bool


def on_read_only_media(path: Path) -> bool:
    """True when neither the file nor its folder can be written (a CD, a read-only mount)."""
    try:
        return os.statvfs(path).f_flag & os.ST_RDONLY != 0
    except (AttributeError, OSError):  # Windows has no statvfs
        return not os.access(path, os.W_OK) and not os.access(path.parent, os.W_OK)


@contextlib.contextmanager
def connect_read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain read-only connection to a company file, closed at the end.

    A file in write-ahead-log mode on read-only media cannot be opened read-only the usual way
    (SQLite needs to write its shared-memory file beside it): there it is opened as immutable.
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            if not on_read_only_media(path):
                raise
            conn.close()
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
        yield conn
    finally:
        conn.close()


def inspect_file(path: Path) -> FileState:
    """Look at an existing file read-only and say whether it can be opened as it is."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a company file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if header != _SQLITE_MAGIC:
        raise NotAQmsDatabaseError(
            f"{path.name} is not a QMS Desk company file: it is not a database at all. "
            "The file was left untouched."
        )
    try:
        with connect_read_only(path) as conn:
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
            if app_id != APPLICATION_ID:
                raise NotAQmsDatabaseError(
                    f"{path.name} is a database, but not a QMS Desk company file. "
                    "The file was left untouched."
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path.name} cannot be read as a database ({exc}). It may be damaged or incomplete; "
            "restore a backup. The file was left untouched."
        ) from exc
    if row is None or not str(row[0] or "").strip():
        raise NotAQmsDatabaseError(
            f"{path.name} has no schema version: it is damaged, or not a QMS Desk company file. "
            "Restore a backup; the file was left untouched."
        )
    revision = str(row[0])
    if revision == SCHEMA_HEAD:
        return FileState(revision=revision, needs_upgrade=False)
    known = known_revisions()
    if revision not in known:
        raise NewerDatabaseError(
            f"{path.name} was written by a newer version of QMS Desk (database revision "
            f"{revision}). Install the newer version to open it; the file was left untouched."
        )
    return FileState(revision=revision, needs_upgrade=revision != known[-1])


class UnsoundFileError(DatabaseError):
    """A company file with problems that would make commands fail on it."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        super().__init__(
            f"{name} is damaged: {len(problems)} problem(s) that QMS Desk cannot work around:\n"
            f"{shown}{more}\nRestore a backup (qmsdesk check --db FILE lists every problem); the "
            "file was left untouched."
        )


def _tables_of(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')} for name in names
    }


@functools.lru_cache(maxsize=8)
def _expected_schema(revision: str) -> dict[str, frozenset[str]]:
    """Table -> columns of a file at `revision`: the models at head, the migrations before it."""
    if revision == SCHEMA_HEAD:
        from qmsdesk.core.db import models  # noqa: F401  (registers every table)
        from qmsdesk.core.db.base import Base

        found = {t.name: frozenset(c.name for c in t.columns) for t in Base.metadata.sorted_tables}
        found["alembic_version"] = frozenset({"version_num"})
        return found
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    try:
        upgrade(engine, revision)
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            return {k: frozenset(v) for k, v in _tables_of(raw).items()}
    finally:
        engine.dispose()


def schema_problems(conn: sqlite3.Connection, revision: str) -> list[str]:
    """Tables and columns the file's schema version has and the file lacks."""
    expected = _expected_schema(revision)
    found = _tables_of(conn)
    problems = []
    for table, columns in sorted(expected.items()):
        if table not in found:
            problems.append(f"The table {table} is missing.")
            continue
        for column in sorted(columns - found[table]):
            problems.append(f"Table {table}: the column {column} is missing.")
    return problems


def known_to_be_ours(path: Path, revision: str) -> None:
    """Refuse a file whose tables are not those of its schema version (another program's file
    that carries our application id): checked read-only, before anything may write to it."""
    try:
        with connect_read_only(path) as conn:
            problems = schema_problems(conn, revision)
    except sqlite3.DatabaseError as exc:
        problems = [f"The database cannot be read ({exc})."]
    if problems:
        raise UnsoundFileError(path.name, problems)


def create_at_head(engine: Engine) -> None:
    from alembic import command

    from qmsdesk.core.db import models  # noqa: F401  (registers every table on the metadata)
    from qmsdesk.core.db.base import Base

    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        Base.metadata.create_all(connection)
        command.stamp(alembic_config(connection), "head")


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
