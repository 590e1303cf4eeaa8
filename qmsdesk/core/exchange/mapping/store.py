"""Mappings remembered for workbooks of the same shape (the sheet's name and its headers), so the
import window offers the mapping used last time.

They live in the user's data folder (``<user data>/import mappings/<shape>.json``, through
platformdirs), not in the company file: a mapping describes the shape of the spreadsheets a
person keeps, which they bring to any company file (a new, empty one first of all); it is not a
quality record, so it needs no change history, and remembering one must not need the company
file's write lock (the window may have the file open read-only).
"""

from __future__ import annotations

from pathlib import Path

from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.mapping.model import Mapping, shape_key

FOLDER = "import mappings"


def folder() -> Path:
    from qmsdesk import paths

    return paths.user_data_dir() / FOLDER


def remember(mapping: Mapping, where: Path | None = None) -> Path:
    """Keep `mapping` for sheets of its shape (it replaces the one kept before)."""
    base = where or folder()
    base.mkdir(parents=True, exist_ok=True)
    target = base / f"{mapping.shape()}.json"
    mapping.save(target)
    return target


def recall(
    sheet: str, headers: list[str] | tuple[str, ...], where: Path | None = None
) -> Mapping | None:
    """The mapping remembered for a sheet of this name and headers, if any (a damaged file is
    passed over: it is only a suggestion)."""
    target = (where or folder()) / f"{shape_key(sheet, tuple(headers))}.json"
    if not target.is_file():
        return None
    try:
        return Mapping.load(target)
    except QmsError:
        return None
