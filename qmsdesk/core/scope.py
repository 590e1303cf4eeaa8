"""Which requirements of ISO 9001 the company's scope excludes (clause 4.3).

Read by the registers that exist only for an applicable requirement (design and development, 8.3)
and by the readiness view ("not applicable").
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models_planning import ScopeExclusion


def excluded_clauses(session: Session) -> frozenset[str]:
    """The clause numbers marked not applicable ("8.3", "7.1.5.2")."""
    return frozenset(c.strip() for c in session.scalars(select(ScopeExclusion.clause)))


def is_excluded(session: Session, clause: str, excluded: frozenset[str] | None = None) -> bool:
    """True when `clause` or a clause above it ("8.3" for "8.3.4") is excluded."""
    found = excluded_clauses(session) if excluded is None else excluded
    parts = clause.strip().split(".")
    return any(".".join(parts[:n]) in found for n in range(1, len(parts) + 1))
