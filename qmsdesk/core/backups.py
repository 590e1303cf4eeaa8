"""Backups of a company file: consistent copies (SQLite's online backup API) in a rolling set.

A backup is made when the app opens a file and before every upgrade, import or restore. The set kept
is the newest `keep_last` copies plus the newest copy of each of the last `keep_daily_days` days.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qmsdesk import FILE_SUFFIX, paths
from qmsdesk.core.errors import QmsError

Progress = Callable[[int, int], None]
_NAME = re.compile(r"^(?P<stem>.+) (?P<stamp>\d{4}-\d{2}-\d{2} \d{6}) (?P<reason>[a-z0-9_ -]+)$")
_STAMP = "%Y-%m-%d %H%M%S"
_PAGES_PER_STEP = 2048  # 8 MB at a time with 4 KB pages: progress every few hundred milliseconds


@dataclass(frozen=True)
class BackupPolicy:
    keep_last: int = 10
    keep_daily_days: int = 30


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    reason: str
    size: int


def copy_database(source: Path, target: Path, progress: Progress | None = None) -> None:
    """Copy a SQLite file consistently to `target` (replaced atomically), while others may write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".partial")
    temp.unlink(missing_ok=True)

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst, pages=_PAGES_PER_STEP, progress=report)
                # A copy is one self-contained file: no write-ahead log beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except (sqlite3.Error, OSError) as exc:
        temp.unlink(missing_ok=True)
        raise QmsError(f"Could not copy {source.name} to {target}: {exc}") from exc


def make_backup(
    db_path: Path,
    reason: str,
    progress: Progress | None = None,
    policy: BackupPolicy | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Copy the company file into its backup folder, then prune the set to the policy."""
    now = now or dt.datetime.now()
    folder = paths.backups_dir(db_path)
    clean_reason = re.sub(r"[^a-z0-9_ -]+", "", reason.lower()).strip() or "backup"
    name = f"{db_path.stem} {now.strftime(_STAMP)} {clean_reason}"
    target = folder / f"{name}{FILE_SUFFIX}"
    count = 1
    while target.exists():  # two backups in one second
        count += 1
        target = folder / f"{name} {count}{FILE_SUFFIX}"
    copy_database(db_path, target, progress)
    prune(db_path, policy or stored_policy(db_path), now=now)
    return target


def stored_policy(db_path: Path) -> BackupPolicy:
    """The policy set in the company file (Preferences), or the default one."""
    default = BackupPolicy()
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = dict(
                conn.execute(
                    "SELECT key, value FROM settings WHERE key IN "
                    "('backup_keep_last', 'backup_keep_daily_days')"
                ).fetchall()
            )
        finally:
            conn.close()
        return BackupPolicy(
            keep_last=int(rows.get("backup_keep_last", default.keep_last)),
            keep_daily_days=int(rows.get("backup_keep_daily_days", default.keep_daily_days)),
        )
    except (sqlite3.Error, ValueError):
        return default


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of a company file, newest first."""
    folder = paths.backups_dir(db_path)
    found = []
    if folder.is_dir():
        for path in folder.glob(f"*{FILE_SUFFIX}"):
            match = _NAME.match(path.stem)
            if not match or match["stem"] != db_path.stem:
                continue
            try:
                created = dt.datetime.strptime(match["stamp"], _STAMP)
            except ValueError:
                continue
            found.append(BackupInfo(path, created, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def prune(db_path: Path, policy: BackupPolicy, now: dt.datetime | None = None) -> list[Path]:
    """Delete backups the policy does not keep; returns what was deleted."""
    now = now or dt.datetime.now()
    backups = list_backups(db_path)
    keep = {b.path for b in backups[: policy.keep_last]}
    newest_of_day: dict[dt.date, Path] = {}
    for backup in backups:  # newest first, so the first seen of a day is its newest
        newest_of_day.setdefault(backup.created.date(), backup.path)
    horizon = now.date() - dt.timedelta(days=policy.keep_daily_days)
    keep |= {p for day, p in newest_of_day.items() if day > horizon}
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def restore(backup: Path, db_path: Path, progress: Progress | None = None) -> Path:
    """Put a backup in place of the company file (which must be closed); returns the safety copy
    of the file as it was before."""
    from qmsdesk.core.db import migrate

    migrate.inspect_file(backup)  # refuses anything that is not a QMS Desk file we can open
    safety = make_backup(db_path, "before restore") if db_path.exists() else db_path
    temp = db_path.with_name(db_path.name + ".restoring")
    copy_database(backup, temp, progress)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(temp, db_path)
    return safety
