"""Backups of a company file: consistent copies (SQLite's online backup API) in a rolling set.

A backup is made when the app opens a file and before every upgrade, import or restore. The set kept
is the newest `keep_last` copies plus the newest copy of each of the last `keep_daily_days` days;
the copy a command has just made is never pruned by that same command.

Nothing here follows a symbolic link: the backups folder, a copy being written (`*.partial`) and a
file being restored are refused or replaced as links, never written through.
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
from qmsdesk.core.db.migrate import connect_read_only
from qmsdesk.core.errors import QmsError

Progress = Callable[[int, int], None]
_NAME = re.compile(r"^(?P<stem>.+) (?P<stamp>\d{4}-\d{2}-\d{2} \d{6}) (?P<reason>[a-z0-9_ -]+)$")
_STAMP = "%Y-%m-%d %H%M%S"
_PAGES_PER_STEP = 2048  # 8 MB at a time with 4 KB pages: progress every few hundred milliseconds
_PARTIAL = ".partial"
_PARTIAL_AGE_S = 3600  # an unfinished copy this old was left by a backup that was killed

KEEP_LAST_KEY = "backup_keep_last"
KEEP_DAILY_DAYS_KEY = "backup_keep_daily_days"
#: The whole numbers the settings kept in the company file may hold (Preferences enforces them;
#: a file edited outside the app may hold anything, and is read as the default then).
SETTING_RANGES = {KEEP_LAST_KEY: (1, 1000), KEEP_DAILY_DAYS_KEY: (0, 3650)}


def setting_int(key: str, value: object, default: int) -> int:
    """A whole-number setting read from a file: `default` unless it is one within its range."""
    low, high = SETTING_RANGES[key]
    try:
        number = int(str(value).strip()) if value is not None else default
    except ValueError:
        return default
    return number if low <= number <= high else default


@dataclass(frozen=True)
class BackupPolicy:
    keep_last: int = 10
    keep_daily_days: int = 30

    @classmethod
    def from_settings(cls, keep_last: object, keep_daily_days: object) -> BackupPolicy:
        """The policy from values stored in a file; a value missing or out of range is the
        default."""
        default = cls()
        return cls(
            keep_last=setting_int(KEEP_LAST_KEY, keep_last, default.keep_last),
            keep_daily_days=setting_int(
                KEEP_DAILY_DAYS_KEY, keep_daily_days, default.keep_daily_days
            ),
        )


def refuse_links(db_path: Path) -> None:
    """Backups are not written through a link: it could lead anywhere (another folder of the
    user's, whose files pruning would delete)."""
    for folder in (paths.company_dir(db_path), paths.backups_dir(db_path)):
        if folder.is_symlink():
            raise QmsError(
                f"{folder} is a link to another folder. QMS Desk does not write or delete backups "
                "through links: replace the link with a real folder."
            )


def _unlink_if_link_or_file(path: Path) -> None:
    """Remove what is at `path` (a link is removed itself, never what it points to)."""
    if path.is_symlink() or path.exists():
        path.unlink()


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    reason: str
    size: int


def copy_database(source: Path, target: Path, progress: Progress | None = None) -> None:
    """Copy a SQLite file consistently to `target` (replaced atomically), while others may write."""
    temp = target.with_name(target.name + _PARTIAL)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _unlink_if_link_or_file(temp)
    except OSError as exc:
        raise QmsError(
            f"Could not copy {source.name} to {target}: {exc.strerror or exc}. The folder may be "
            "on read-only media."
        ) from exc

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        with connect_read_only(source) as src:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst, pages=_PAGES_PER_STEP, progress=report)
                # A copy is one self-contained file: no write-ahead log beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
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
    refuse_links(db_path)
    folder = paths.backups_dir(db_path)
    remove_unfinished(db_path)
    clean_reason = re.sub(r"[^a-z0-9_ -]+", "", reason.lower()).strip() or "backup"
    name = f"{db_path.stem} {now.strftime(_STAMP)} {clean_reason}"
    target = folder / f"{name}{FILE_SUFFIX}"
    count = 1
    while target.exists() or target.is_symlink():  # two backups in one second
        count += 1
        target = folder / f"{name} {count}{FILE_SUFFIX}"
    copy_database(db_path, target, progress)
    prune(db_path, policy or stored_policy(db_path), now=now, keep=target)
    return target


def stored_policy(db_path: Path) -> BackupPolicy:
    """The policy set in the company file (Preferences), or the default one (a value outside the
    range Preferences allows is read as the default)."""
    try:
        with connect_read_only(db_path) as conn:
            rows = dict(
                conn.execute(
                    "SELECT key, value FROM settings WHERE key IN (?, ?)",
                    (KEEP_LAST_KEY, KEEP_DAILY_DAYS_KEY),
                ).fetchall()
            )
    except sqlite3.Error:
        return BackupPolicy()
    return BackupPolicy.from_settings(rows.get(KEEP_LAST_KEY), rows.get(KEEP_DAILY_DAYS_KEY))


def unfinished(db_path: Path) -> list[Path]:
    """Copies a backup was writing when it was killed (`*.partial` in the backups folder)."""
    folder = paths.backups_dir(db_path)
    if folder.is_symlink() or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{db_path.stem} *{_PARTIAL}") if not p.is_symlink())


def remove_unfinished(db_path: Path, now: float | None = None) -> list[Path]:
    """Delete the unfinished copies older than an hour (a younger one may still be written)."""
    import time

    now = time.time() if now is None else now
    removed = []
    for path in unfinished(db_path):
        try:
            if now - path.stat().st_mtime > _PARTIAL_AGE_S:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of a company file, newest first."""
    folder = paths.backups_dir(db_path)
    found = []
    written: dict[Path, int] = {}
    if folder.is_dir() and not folder.is_symlink():
        for path in folder.glob(f"*{FILE_SUFFIX}"):
            if path.is_symlink():
                continue
            match = _NAME.match(path.stem)
            if not match or match["stem"] != db_path.stem:
                continue
            try:
                created = dt.datetime.strptime(match["stamp"], _STAMP)
            except ValueError:
                continue
            stat = path.stat()
            found.append(BackupInfo(path, created, match["reason"], stat.st_size))
            written[path] = stat.st_mtime_ns
    # Backups of the same second ("... manual", "... manual 2") by when they were written: their
    # names sort the first one last ('.' after ' '), which made it look the newest and the
    # copy just made be pruned.
    return sorted(found, key=lambda b: (b.created, written[b.path], b.path.name), reverse=True)


def prune(
    db_path: Path, policy: BackupPolicy, now: dt.datetime | None = None, keep: Path | None = None
) -> list[Path]:
    """Delete backups the policy does not keep (never `keep`); returns what was deleted."""
    now = now or dt.datetime.now()
    policy = BackupPolicy.from_settings(policy.keep_last, policy.keep_daily_days)
    backups = list_backups(db_path)
    kept = {b.path for b in backups[: policy.keep_last]}
    if keep is not None:
        kept.add(keep)
    newest_of_day: dict[dt.date, Path] = {}
    for backup in backups:  # newest first, so the first seen of a day is its newest
        newest_of_day.setdefault(backup.created.date(), backup.path)
    horizon = now.date() - dt.timedelta(days=policy.keep_daily_days)
    kept |= {p for day, p in newest_of_day.items() if day > horizon}
    removed = []
    for backup in backups:
        if backup.path not in kept:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed
