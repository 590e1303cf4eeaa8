"""What the nonconforming outputs register tells search everywhere."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qmsdesk.core.db.models_nonconforming import NonconformingOutput as N
from qmsdesk.core.finder import Hit, matching

REGISTER = "nonconforming"


def find(session: Session, text: str, limit: int) -> list[Hit]:
    return matching(
        session,
        text,
        limit,
        register=REGISTER,
        reference=N.reference,
        title=N.product,
        also=(N.description,),
    )
