"""What the nonconforming outputs register tells search everywhere."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models_nonconforming import NonconformingOutput as N
from qmsdesk.core.finder import Hit

REGISTER = "nonconforming"


def find(session: Session, text: str, limit: int) -> list[Hit]:
    pattern = f"%{text}%"
    stmt = (
        select(N.id, N.reference, N.product)
        .where(N.reference.ilike(pattern) | N.product.ilike(pattern))
        .order_by(N.reference)
        .limit(limit)
    )
    return [Hit(REGISTER, ref, product, nid) for nid, ref, product in session.execute(stmt)]
