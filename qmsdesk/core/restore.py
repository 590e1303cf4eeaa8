"""Restoring a backup in place of a company file: checked in full first, and no moment of it loses
committed work. Above :mod:`qmsdesk.core.check` (which it runs) and :mod:`qmsdesk.core.backups`
(which it uses): neither imports this module.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from qmsdesk.core import check
from qmsdesk.core.backups import Progress, copy_database, make_backup, refuse_links
from qmsdesk.core.db import migrate
from qmsdesk.core.errors import QmsError


def restore(backup: Path, db_path: Path, progress: Progress | None = None) -> Path:
    """Put a backup in place of the company file (whose write lock the caller holds); returns the
    safety copy of the file as it was before.

    The backup is copied beside the file and checked in full there (integrity, foreign keys, the
    schema of its version, the values the app reads, the history chain) before anything else
    happens: a damaged backup is refused with the reason, and the company file left as it was.
    The file's write-ahead log is checkpointed before it is deleted, so no moment of a restore
    loses committed work.
    """
    migrate.inspect_file(backup)  # refuses anything that is not a QMS Desk file we can open
    refuse_links(db_path)
    temp = db_path.with_name(db_path.name + ".restoring")
    copy_database(backup, temp, progress)
    try:
        report = check.check_file(temp)
        if not report.ok:
            shown = "\n".join(f"  - {p}" for p in report.problems[:10])
            raise QmsError(
                f"{backup.name} was not restored: it is damaged ({len(report.problems)} "
                f"problem(s)):\n{shown}\n{db_path.name} was left as it was."
            )
        safety = db_path
        if db_path.exists():
            safety = make_backup(db_path, "before restore")
            checkpoint(db_path)
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(temp, db_path)
    finally:
        temp.unlink(missing_ok=True)
    return safety


def checkpoint(db_path: Path) -> None:
    """Move everything committed in the file's write-ahead log into the file itself (empty log).

    After this, deleting the log loses nothing. Refused when another connection holds it open in
    the middle of a read (a snapshot the log must keep)."""
    try:
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                return
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise QmsError(f"Could not write {db_path.name} before restoring: {exc}") from exc
    if busy:
        raise QmsError(
            f"{db_path.name} is being read by another program right now, so the backup was not "
            "restored. Close it there and try again."
        )
