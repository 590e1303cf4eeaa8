"""Checking a company file: SQLite's integrity and foreign-key checks, the tables and columns of its
schema version, the values every other command relies on (status words, dates, numbers, settings),
every attachment against its recorded SHA-256, the hash chain of the change history, and the
controls an auditor checks first (:mod:`qmsdesk.core.check_rules`).

:func:`sound_problems` is the part that other commands need to work at all: export, report,
import and restore refuse a file it finds problems in, with the words ``check`` prints.
"""

from __future__ import annotations

import glob
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qmsdesk import FILE_SUFFIX
from qmsdesk.core.backups import SETTING_RANGES
from qmsdesk.core.check_rules import rule_problems
from qmsdesk.core.db import migrate
from qmsdesk.core.db.migrate import UnsoundFileError, schema_problems
from qmsdesk.core.errors import QmsError

__all__ = ["CheckReport", "UnsoundFileError", "check_database", "check_file", "schema_problems"]

Progress = Callable[[int, int], None]


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    attachments_checked: int = 0
    history_rows: int = 0
    history_head: str = ""  # the hash of the newest history row: write it down to compare later

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        head = [
            f"Attachments checked: {self.attachments_checked}",
            f"Change history rows checked: {self.history_rows}",
        ]
        if self.history_head:
            head.append(f"Change history head: {self.history_head}")
        if self.ok:
            return [*head, "No problems found: the file and its attachments are intact."]
        return [*head, f"{len(self.problems)} problem(s):", *(f"  - {p}" for p in self.problems)]


# --- the values ------------------------------------------------------------------------------


def _column_tests(column: object) -> list[tuple[str, str]]:
    """(SQL condition true for a bad value of this column, what is wrong) for one model column."""
    import sqlalchemy as sa

    assert isinstance(column, sa.Column)
    name = f'"{column.name}"'
    tests = []
    if not column.nullable and not column.primary_key:
        tests.append((f"{name} IS NULL", "are empty, and must not be"))
    kind = column.type
    bad = ""
    if isinstance(kind, sa.Enum):
        words = ", ".join("'" + w.replace("'", "''") + "'" for w in kind.enums)
        bad, wrong = f"{name} NOT IN ({words})", "hold a word QMS Desk does not know"
    elif isinstance(kind, sa.DateTime):
        bad = (
            f"typeof({name}) != 'text' OR datetime({name}, '+0 days') IS NULL "
            f"OR date({name}, '+0 days') != substr({name}, 1, 10)"
        )
        wrong = "hold no valid time"
    elif isinstance(kind, sa.Date):
        bad = f"typeof({name}) != 'text' OR date({name}, '+0 days') IS NOT {name}"
        wrong = "hold no valid date"
    elif isinstance(kind, sa.Boolean):
        bad, wrong = f"{name} NOT IN (0, 1)", "hold a yes/no value that is neither"
    elif isinstance(kind, sa.Integer):
        bad, wrong = f"typeof({name}) != 'integer'", "hold something that is not a whole number"
    elif isinstance(kind, sa.String):
        bad, wrong = f"typeof({name}) != 'text'", "hold something that is not text"
    if bad:
        tests.append((f"{name} IS NOT NULL AND ({bad})", wrong))
    return tests


def value_problems(conn: sqlite3.Connection) -> list[str]:
    """Values of a file at head that the app cannot read back (an unknown status word, a date
    that is not a date...): the export, report or import that meets one would fail."""
    from qmsdesk.core.db import models  # noqa: F401  (registers every table)
    from qmsdesk.core.db.base import Base

    problems = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            for condition, wrong in _column_tests(column):
                count, sample, first = conn.execute(
                    f'SELECT count(*), min(CAST("{column.name}" AS TEXT)), min(rowid) '
                    f'FROM "{table.name}" WHERE {condition}'
                ).fetchone()
                if count:
                    shown = "" if sample is None else f" ('{sample[:40]}')"
                    problems.append(
                        f"Table {table.name}, column {column.name}: {count} row(s) (first: row "
                        f"{first}) {wrong}{shown}."
                    )
    return problems


def setting_problems(conn: sqlite3.Connection) -> list[str]:
    """Settings stored in the file outside the range the app accepts."""
    problems = []
    for key, (low, high) in SETTING_RANGES.items():
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] is None:
            continue
        try:
            ok = low <= int(str(row[0]).strip()) <= high
        except ValueError:
            ok = False
        if not ok:
            problems.append(
                f"The setting {key} is '{str(row[0])[:40]}'; it must be a whole number from "
                f"{low} to {high}."
            )
    return problems


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    return [
        f"Table {table}, row {rowid}: refers to a missing row in {parent}."
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check")
    ]


def sound_problems(conn: sqlite3.Connection, revision: str) -> list[str]:
    """Everything that would make another command fail on this file (empty: none). A setting out
    of range is not among them: it is read as its default (check reports it all the same)."""
    problems = schema_problems(conn, revision)
    if problems:
        return problems
    problems = foreign_key_problems(conn)
    if revision == migrate.SCHEMA_HEAD:
        problems += value_problems(conn)
    return problems


def refuse_unsound(path: Path) -> None:
    """Raise :class:`UnsoundFileError` when the file has problems other commands would fail on."""
    if not path.is_file():
        return  # opening it says what is wrong
    state = migrate.inspect_file(path)
    try:
        with migrate.connect_read_only(path) as conn:
            problems = sound_problems(conn, state.revision)
    except sqlite3.DatabaseError as exc:
        problems = [f"The database cannot be read ({exc})."]
    if problems:
        raise UnsoundFileError(path.name, problems)


# --- the whole check -------------------------------------------------------------------------


def check_file(
    path: Path,
    attachments_dir: Path | None = None,
    progress: Progress | None = None,
    backups_dir: Path | None = None,
) -> CheckReport:
    """Check a company file at any known schema version (a backup before it is restored, a file
    that would need an upgrade): a file at an older version is upgraded in a scratch copy, and
    that copy checked as well. Attachments are checked when `attachments_dir` is given, and the
    history against the newest backup in `backups_dir` when that is given."""
    state = migrate.inspect_file(path)
    report = CheckReport()
    try:
        with migrate.connect_read_only(path) as conn:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                report.problems += [f"Database structure: {line}" for line in integrity[:20]]
                return report
            schema = schema_problems(conn, state.revision)
            if schema:
                report.problems += schema
                return report  # the tables the rest reads are not all there
            links = foreign_key_problems(conn)
            values = value_problems(conn) if state.revision == migrate.SCHEMA_HEAD else []
            report.problems += links + values + setting_problems(conn)
            if state.revision == migrate.SCHEMA_HEAD and not values:
                report.problems += rule_problems(conn)
            if backups_dir is not None and not values:
                report.problems += anchor_problems(conn, backups_dir, path.stem)
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"The database cannot be read ({exc}).")
        return report
    if values:
        return report  # reading the records would stumble on these values
    if state.revision != migrate.SCHEMA_HEAD:
        return _check_upgraded(path, report)
    from qmsdesk.core.db import open_database

    with open_database(path, read_only=True) as db:
        _check_contents(db, report, attachments_dir, progress)
    return report


def _check_upgraded(path: Path, report: CheckReport) -> CheckReport:
    import tempfile

    from qmsdesk.core.db.engine import _make_engine

    with tempfile.TemporaryDirectory(prefix="qmsdesk-check-") as folder:
        scratch = Path(folder) / "upgraded.qmsdb"
        with migrate.connect_read_only(path) as source:
            target = sqlite3.connect(scratch)
            try:
                source.backup(target)
            finally:
                target.close()
        engine = _make_engine(scratch, wal=False)
        try:
            migrate.upgrade(engine)
        except Exception as exc:  # any failure of an upgrade is a finding here
            report.problems.append(f"The file cannot be upgraded to this version ({exc}).")
            return report
        finally:
            engine.dispose()
        inner = check_file(scratch)
        report.problems += [p for p in inner.problems if p not in report.problems]
        report.history_rows, report.history_head = inner.history_rows, inner.history_head
    return report


def check_database(db: object, progress: Progress | None = None) -> CheckReport:
    """Check an open company file, its attachments and its backups (see :func:`check_file`)."""
    from qmsdesk.core.db import Database

    assert isinstance(db, Database)
    return check_file(db.path, db.attachments_dir, progress, db.backups_dir)


# --- the history against the newest backup ---------------------------------------------------

_STAMP = re.compile(r" (\d{4}-\d{2}-\d{2} \d{6}) ")


def _newest_backup(folder: Path, stem: str) -> Path | None:
    """The newest backup of the file (by the time in its name), or None."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    found = []
    for candidate in folder.glob(f"{glob.escape(stem)} *{FILE_SUFFIX}"):
        stamp = _STAMP.search(candidate.name[len(stem) :])
        if stamp is not None and not candidate.is_symlink():
            # Two in one second: the one written last.
            written = candidate.stat().st_mtime_ns
            found.append((stamp.group(1), written, candidate.name, candidate))
    return max(found)[3] if found else None


def anchor_problems(conn: sqlite3.Connection, backups_dir: Path, stem: str) -> list[str]:
    """The change history must continue the one in the newest backup: that backup's chain (its
    length and its head, the hash of its last row) is a prefix of the file's. Rows deleted from
    the end, or rewritten with every hash after them recomputed, pass the chain check but not
    this one. Right after a restore the newest backup is the copy of the file as it was before
    ("before restore"), whose history the file no longer continues: nothing to compare then."""
    newest = _newest_backup(backups_dir, stem)
    if newest is None or re.search(r" before restore( \d+)?$", newest.stem):
        return []
    try:
        with migrate.connect_read_only(newest) as backup:
            (length,) = backup.execute("SELECT count(*) FROM change_history").fetchone()
            last = backup.execute(
                "SELECT hash FROM change_history ORDER BY id DESC LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return []  # a backup that cannot be read says nothing about the file
    if not length or last is None:
        return []
    (total,) = conn.execute("SELECT count(*) FROM change_history").fetchone()
    row = conn.execute(
        "SELECT hash FROM change_history ORDER BY id LIMIT 1 OFFSET ?", (length - 1,)
    ).fetchone()
    if row is not None and row[0] == last[0]:
        return []
    found = (
        f"the file has only {total} row(s)"
        if total < length
        else f"the file's row {length} has another hash"
    )
    return [
        f"The change history does not continue the one in the newest backup ({newest.name}): "
        f"its {length} row(s) end with the hash {last[0]}, and {found}. History rows have been "
        "deleted or rewritten outside QMS Desk."
    ]


def _check_contents(
    db: object, report: CheckReport, attachments_dir: Path | None, progress: Progress | None
) -> None:
    """Attachments against their SHA-256, and the history chain (the schema is known sound)."""
    from sqlalchemy import select, text

    from qmsdesk.core import attachments, history
    from qmsdesk.core.db import Database
    from qmsdesk.core.db.models import Document, Revision

    assert isinstance(db, Database)
    with db.read() as session:
        stmt = (
            select(
                Document.code, Revision.label, Revision.attachment_path, Revision.attachment_sha256
            )
            .join(Document, Document.id == Revision.document_id)
            .where(Revision.attachment_path != "")
            .order_by(Document.code, Revision.id)
        )
        stored = session.execute(stmt).all() if attachments_dir is not None else []
        report.history_rows = session.scalar(text("SELECT count(*) FROM change_history")) or 0
        broken = history.verify_chain(session)
        report.history_head = history.head(session)[1]
    for index, (code, label, relpath, sha) in enumerate(stored, start=1):
        assert attachments_dir is not None
        where = f"Attachment of {code} revision {label}"
        try:
            path = attachments.resolve(attachments_dir, relpath)
        except QmsError as exc:
            report.problems.append(f"{where}: {exc}")
            continue
        if not path.is_file():
            report.problems.append(f"{where} is missing ({path}).")
        elif attachments.sha256_of(path) != sha:
            report.problems.append(f"{where} has been altered: its SHA-256 no longer matches.")
        report.attachments_checked += 1
        if progress is not None:
            progress(index, len(stored))
    if broken:
        report.problems.append(
            f"The change history has been altered outside QMS Desk: {len(broken)} row(s) do not "
            f"match their recorded hash (first: row {broken[0]})."
        )
