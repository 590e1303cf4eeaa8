"""Files attached to records, copied into the company's attachment folder with their SHA-256.

Stored names are content addresses (`ab/abcdef....pdf`), so they are legal on every system whatever
the original name was, and attaching the same file twice stores it once. The original name is kept
in the database for display.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from qmsdesk.core.errors import QmsError

_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredFile:
    name: str  # the original file name, for display
    relpath: str  # POSIX path inside the attachment folder
    sha256: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def store(source: Path, attachments_dir: Path) -> StoredFile:
    """Copy `source` into the attachment folder; raise QmsError if it cannot be read."""
    if not source.is_file():
        raise QmsError(f"The file to attach does not exist or is not a file: {source}")
    try:
        digest = sha256_of(source)
    except OSError as exc:
        raise QmsError(f"Cannot read the file to attach {source}: {exc.strerror or exc}") from exc
    suffix = source.suffix.lower() if _SAFE_SUFFIX.match(source.suffix) else ""
    relpath = PurePosixPath(digest[:2]) / f"{digest}{suffix}"
    target = attachments_dir / relpath
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(target.name + ".partial")
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    return StoredFile(name=source.name, relpath=str(relpath), sha256=digest)


def resolve(attachments_dir: Path, relpath: str) -> Path:
    """The full path of a stored attachment; refuses any path that leaves the attachment folder."""
    base = attachments_dir.resolve()
    candidate = (base / relpath).resolve()
    if not candidate.is_relative_to(base):
        raise QmsError(f"The attachment path '{relpath}' points outside the attachment folder.")
    return candidate
