"""Checking a company file: SQLite's integrity and foreign-key checks, every attachment against its
recorded SHA-256, and the hash chain of the change history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, text

from qmsdesk.core import attachments, history
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.errors import QmsError

Progress = Callable[[int, int], None]


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    attachments_checked: int = 0
    history_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        head = [
            f"Attachments checked: {self.attachments_checked}",
            f"Change history rows checked: {self.history_rows}",
        ]
        if self.ok:
            return [*head, "No problems found: the file and its attachments are intact."]
        return [*head, f"{len(self.problems)} problem(s):", *(f"  - {p}" for p in self.problems)]


def check_database(db: Database, progress: Progress | None = None) -> CheckReport:
    report = CheckReport()
    with db.read() as session:
        integrity = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
        if integrity != ["ok"]:
            report.problems += [f"Database structure: {line}" for line in integrity[:20]]
        for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")):
            report.problems.append(
                f"Table {table}, row {rowid}: refers to a missing row in {parent}."
            )
        stmt = (
            select(
                Document.code, Revision.label, Revision.attachment_path, Revision.attachment_sha256
            )
            .join(Document, Document.id == Revision.document_id)
            .where(Revision.attachment_path != "")
            .order_by(Document.code, Revision.id)
        )
        stored = session.execute(stmt).all()
        report.history_rows = session.scalar(text("SELECT count(*) FROM change_history")) or 0
        broken = history.verify_chain(session)
    for index, (code, label, relpath, sha) in enumerate(stored, start=1):
        where = f"Attachment of {code} revision {label}"
        try:
            path = attachments.resolve(db.attachments_dir, relpath)
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
    return report
