"""Excel and PDF round trips. Helpers shared by the Excel tests are below."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from qmsdesk.core import documents
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord

# The Documents header a user might type by hand (a subset, in the app's words).
DOC_HEADER = ["Code", "Title", "Type", "Status", "Effective date", "Owner"]


def write_book(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    """A workbook as a user's Excel would save it: one sheet per entry, rows as given.

    Strings that start with '=' become formulas, as when a user types them in Excel.
    """
    book = Workbook()
    first = True
    for name, rows in sheets.items():
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        ws.title = name
        first = False
        for row in rows:
            ws.append(list(row))
    book.save(path)
    return path


def patch_sheet_xml(path: Path, member: str, pattern: str, replacement: str) -> None:
    """Rewrite part of a sheet's XML (to make files Excel writes but openpyxl cannot)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    text = parts[member].decode("utf-8")
    patched, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, f"{pattern!r} not found in {member}"
    parts[member] = patched.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def register(db: Database) -> tuple[list[object], list[object]]:
    """Every document and revision, ids aside, for comparing two company files."""
    with db.read() as session:
        rows = [dataclasses.replace(r, id=0) for r in documents.all_rows(session)]
        revisions = [
            (code, dataclasses.replace(r, id=0, document_id=0))
            for code, r in documents.all_revisions(session)
        ]
    return rows, revisions  # type: ignore[return-value]


def snapshot(db: Database) -> tuple[object, ...]:
    """The register and the size of the change history: equal snapshots, nothing written."""
    with db.read() as session:
        history_rows = session.scalar(select(func.count()).select_from(ChangeRecord))
    return (*register(db), history_rows)
