"""What the checks share while one readiness view is worked out: the session, the day, and the
costly readings (the training matrix, the audit coverage, the documents by clause) done once."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import column, table

from qmsdesk.core.db.models import Document
from qmsdesk.core.readiness.model import Evidence
from qmsdesk.core.scope import excluded_clauses, is_excluded
from qmsdesk.core.vocab import DocStatus

if TYPE_CHECKING:
    from qmsdesk.core.audits.programme import ClauseCoverage
    from qmsdesk.core.training.matrix import Matrix


class Context:
    def __init__(self, session: Session, on: dt.date) -> None:
        self.session = session
        self.on = on
        self._coverage: dict[int, dict[str, ClauseCoverage]] = {}

    @functools.cached_property
    def excluded(self) -> frozenset[str]:
        return excluded_clauses(self.session)

    def is_excluded(self, clause: str) -> bool:
        return is_excluded(self.session, clause, self.excluded)

    @functools.cached_property
    def tables(self) -> frozenset[str]:
        return frozenset(inspect(self.session.connection()).get_table_names())

    def count_rows(self, name: str, not_empty: str = "") -> int | None:
        """Rows of table `name` (with `not_empty`: rows where that column holds text); None when
        the company file has no such table (its register is not in this version)."""
        if name not in self.tables:
            return None
        target = table(name)
        stmt = select(func.count()).select_from(target)
        if not_empty:
            columns = {c["name"] for c in inspect(self.session.connection()).get_columns(name)}
            if not_empty not in columns:
                return None
            col: Any = column(not_empty)
            stmt = stmt.where(col.is_not(None), func.trim(col) != "")
        return int(self.session.scalar(stmt) or 0)

    @functools.cached_property
    def matrix(self) -> Matrix:
        from qmsdesk.core.training.reminders import matrix_for

        return matrix_for(self.session, self.on)

    def coverage(self, months: int) -> dict[str, ClauseCoverage]:
        if months not in self._coverage:
            from qmsdesk.core.audits.programme import coverage

            found = coverage(self.session, self.on, months)
            self._coverage[months] = {c.clause: c for c in found}
        return self._coverage[months]

    @functools.cached_property
    def audit_ids(self) -> dict[str, tuple[int, str]]:
        """Audit reference -> (id, title)."""
        from qmsdesk.core.db.models_audits import Audit

        rows = self.session.execute(select(Audit.reference, Audit.id, Audit.title))
        return {ref: (audit_id, title) for ref, audit_id, title in rows}

    def audit_evidence(self, references: tuple[str, ...]) -> tuple[Evidence, ...]:
        found = []
        for ref in references:
            audit_id, title = self.audit_ids.get(ref, (0, ""))
            found.append(Evidence("audits", audit_id, ref, title, "audit"))
        return tuple(found)

    @functools.cached_property
    def clause_counts(self) -> dict[str, int]:
        """Effective documents by each clause they name ("7.5, 8.4"), counted over the distinct
        clause lists (a large register repeats a few of them many times)."""
        found: dict[str, int] = defaultdict(int)
        rows = self.session.execute(
            select(Document.clauses, func.count())
            .where(Document.status == DocStatus.EFFECTIVE, Document.clauses != "")
            .group_by(Document.clauses)
        )
        for clauses, count in rows:
            for clause in _split(clauses):
                found[clause] += count
        return found

    def documents_naming(self, clause: str, limit: int) -> list[Evidence]:
        """Up to `limit` effective documents naming `clause` or a clause below it."""
        out: list[Evidence] = []
        rows = self.session.execute(
            select(Document.id, Document.code, Document.title, Document.clauses)
            .where(Document.status == DocStatus.EFFECTIVE, Document.clauses.contains(clause))
            .limit(limit * 5)  # "8.5" also finds "8.5.1" and, in a longer list, "18.5"
        )
        for doc_id, code, title, clauses in rows:
            if any(c == clause or c.startswith(clause + ".") for c in _split(clauses)):
                out.append(Evidence("documents", doc_id, code, title, "document"))
                if len(out) >= limit:
                    break
        return out


def _split(clauses: str) -> list[str]:
    return [c.strip() for c in clauses.replace(";", ",").split(",") if c.strip()]
