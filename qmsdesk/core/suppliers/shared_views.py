"""What the suppliers register tells the shared views: re-evaluations and certificates that fall
due (:mod:`qmsdesk.core.due`), and suppliers found by code or name (:mod:`qmsdesk.core.finder`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models_suppliers import Supplier, SupplierCertificate, SupplierStatus
from qmsdesk.core.due import DueItem
from qmsdesk.core.finder import Hit, matching

REGISTER = "suppliers"


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Re-evaluations overdue or due within `days`, and certificates expired or expiring."""
    until = on + dt.timedelta(days=days)
    found = [
        DueItem(REGISTER, "Re-evaluation due", code, name, day, sid, kind="supplier")
        for sid, code, name, day in session.execute(
            select(Supplier.id, Supplier.code, Supplier.name, Supplier.next_evaluation).where(
                Supplier.next_evaluation <= until,
                Supplier.status != SupplierStatus.NOT_APPROVED,
            )
        )
        if day is not None
    ]
    found += [
        DueItem(
            REGISTER, "Certificate expires", code, f"{name}: {cert}", day, cid, kind="certificate"
        )
        for cid, code, name, cert, day in session.execute(
            select(
                SupplierCertificate.id,
                Supplier.code,
                Supplier.name,
                SupplierCertificate.name,
                SupplierCertificate.expires_on,
            )
            .join(Supplier, Supplier.id == SupplierCertificate.supplier_id)
            .where(
                SupplierCertificate.expires_on <= until,
                Supplier.status != SupplierStatus.NOT_APPROVED,
            )
        )
        if day is not None
    ]
    return found


def find(session: Session, text: str, limit: int) -> list[Hit]:
    return matching(
        session,
        text,
        limit,
        register=REGISTER,
        reference=Supplier.code,
        title=Supplier.name,
        kind="supplier",
        also=(Supplier.supplies,),
    )
