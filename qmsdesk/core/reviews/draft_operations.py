"""A management review's inputs drafted from the operations registers: the nonconforming outputs
(9.3.2 c 3), the measuring equipment (c 5) and the suppliers (c 7). Every figure is counted by
SQL; only the rows a table shows are read."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models_equipment import AsFound, Calibration, Equipment
from qmsdesk.core.db.models_nonconforming import NonconformingOutput as N
from qmsdesk.core.db.models_suppliers import (
    Supplier,
    SupplierCertificate,
    SupplierEvaluation,
    SupplierStatus,
)
from qmsdesk.core.reviews.drafting import (
    TABLE_ROWS,
    Draft,
    Period,
    Table,
    day_text,
    days_late,
    limited,
    plural,
)


def draft_nonconforming(session: Session, period: Period) -> Draft:
    """Nonconforming outputs found in the period, by where found and by disposition."""
    from qmsdesk.core import nonconforming as nc

    b = nc.breakdown(session, period.start, period.end)
    still_open = session.scalar(
        select(func.count()).where(N.found_on <= period.as_at, N.closed_on.is_(None))
    )
    if not b.total and not still_open:
        return Draft("No nonconforming output was recorded in the period.")
    places = [p for p in nc.FOUND_LABELS if b.by_found_at.get(p)]
    where = ", ".join(f"{b.by_found_at[p]:,} {nc.FOUND_LABELS[p].lower()}" for p in places)
    lines = [
        f"{plural(b.total, 'nonconforming output')} found in the period"
        + (f" ({where})" if where else "")
        + (f", costing {b.cost:,.2f} in all." if b.cost else "."),
        f"{plural(still_open or 0, 'output')} still open on {day_text(period.as_at)}.",
    ]
    customer = b.by_found_at.get(nc.FoundAt.CUSTOMER, 0)
    if customer:
        lines.append(f"{plural(customer, 'output')} reached the customer.")
    tables = []
    if b.total:
        disps = [d for d in (*nc.DISPOSITION_LABELS, None) if b.by_disposition.get(d)]
        rows = [
            (
                nc.DISPOSITION_LABELS[d] if d else "Not decided yet",
                *(f"{b.grid.get((p, d), 0):,}" for p in places),
                f"{b.by_disposition[d]:,}",
            )
            for d in disps
        ]
        columns = ("Disposition", *(nc.FOUND_LABELS[p] for p in places), "Total")
        tables.append(
            Table("Nonconforming outputs by where found and disposition", columns, tuple(rows))
        )
    return Draft("\n".join(lines), tuple(tables))


def draft_equipment(session: Session, period: Period) -> Draft:
    """Equipment out of calibration on the review's day, calibrations in the period, and the
    results found out of tolerance with their impact reviews."""
    from qmsdesk.core.equipment import SCHEDULED

    on = period.as_at
    scheduled = [s.value for s in SCHEDULED]
    total, late = session.execute(
        select(
            func.count().filter(Equipment.status.in_(scheduled)),
            func.count().filter(Equipment.status.in_(scheduled), Equipment.next_due < on),
        ).select_from(Equipment)
    ).one()
    if not total:
        return Draft("The register of measuring equipment is empty.")
    done, oot = session.execute(
        select(
            func.count(),
            func.count().filter(Calibration.as_found == AsFound.OUT_OF_TOLERANCE),
        ).where(period.contains(Calibration.calibrated_on))
    ).one()
    lines = [
        f"{plural(late, 'gauge')} of {total:,} on the calibration schedule "
        f"{'was' if late == 1 else 'were'} out of calibration on {day_text(on)}.",
        f"{plural(done, 'calibration')} in the period; {plural(oot, 'result')} found out of "
        "tolerance.",
    ]
    tables = []
    if late:
        stmt = (
            select(Equipment.code, Equipment.description, Equipment.location, Equipment.next_due)
            .where(Equipment.status.in_(scheduled), Equipment.next_due < on)
            .order_by(Equipment.next_due, Equipment.code)
            .limit(TABLE_ROWS)
        )
        rows = [
            (c, d, loc, day_text(due), days_late(on, due))
            for c, d, loc, due in session.execute(stmt)
        ]
        tables.append(
            limited(
                "Equipment out of calibration",
                ("ID", "Equipment", "Location", "Due", "Days late"),
                rows,
                late,
            )
        )
    if oot:
        oot_stmt = (
            select(
                Equipment.code,
                Calibration.calibrated_on,
                Calibration.impact_review,
                Calibration.impact_decision,
            )
            .join(Equipment, Equipment.id == Calibration.equipment_id)
            .where(
                period.contains(Calibration.calibrated_on),
                Calibration.as_found == AsFound.OUT_OF_TOLERANCE,
            )
            .order_by(Calibration.calibrated_on)
            .limit(TABLE_ROWS)
        )
        found = [
            (code, day_text(day), decision or ("Impact review not written" if not review else ""))
            for code, day, review, decision in session.execute(oot_stmt)
        ]
        tables.append(
            limited("Found out of tolerance", ("ID", "Calibrated", "Impact decision"), found, oot)
        )
    return Draft("\n".join(lines), tuple(tables))


def draft_suppliers(session: Session, period: Period) -> Draft:
    """Supplier evaluations in the period and their results, re-evaluations overdue, expired
    certificates, and the suppliers with the most nonconforming outputs."""
    from qmsdesk.core.suppliers import RESULT_LABELS

    on = period.as_at
    approved = [SupplierStatus.APPROVED.value, SupplierStatus.CONDITIONAL.value]
    total, on_list, overdue = session.execute(
        select(
            func.count(),
            func.count().filter(Supplier.status.in_(approved)),
            func.count().filter(Supplier.status.in_(approved), Supplier.next_evaluation < on),
        ).select_from(Supplier)
    ).one()
    if not total:
        return Draft("The suppliers register is empty.")
    results = dict(
        session.execute(
            select(SupplierEvaluation.result, func.count())
            .where(period.contains(SupplierEvaluation.evaluated_on))
            .group_by(SupplierEvaluation.result)
        ).all()
    )
    mean = session.scalar(
        select(func.avg(SupplierEvaluation.overall)).where(
            period.contains(SupplierEvaluation.evaluated_on)
        )
    )
    expired = session.scalar(
        select(func.count())
        .select_from(SupplierCertificate)
        .join(Supplier, Supplier.id == SupplierCertificate.supplier_id)
        .where(Supplier.status.in_(approved), SupplierCertificate.expires_on < on)
    )
    evaluated = sum(results.values())
    parts = ", ".join(f"{n:,} {RESULT_LABELS[r].lower()}" for r, n in results.items() if n)
    lines = [
        f"{plural(on_list, 'supplier')} on the approved list on {day_text(on)}.",
        f"{plural(evaluated, 'evaluation')} in the period"
        + (f" ({parts}; mean score {mean:.2f})." if evaluated else "."),
        f"{plural(overdue, 're-evaluation')} overdue and {plural(expired or 0, 'certificate')} "
        f"expired on {day_text(on)}.",
    ]
    tables = []
    worst = session.execute(
        select(Supplier.code, Supplier.name, func.count())
        .join(N, N.supplier_id == Supplier.id)
        .where(period.contains(N.found_on))
        .group_by(Supplier.id, Supplier.code, Supplier.name)
        .order_by(func.count().desc(), Supplier.code)
        .limit(5)
    ).all()
    if worst:
        tables.append(
            Table(
                "Suppliers with the most nonconforming outputs",
                ("Code", "Supplier", "Outputs"),
                tuple((c, n, f"{k:,}") for c, n, k in worst),
            )
        )
    if overdue:
        stmt = (
            select(Supplier.code, Supplier.name, Supplier.next_evaluation)
            .where(Supplier.status.in_(approved), Supplier.next_evaluation < on)
            .order_by(Supplier.next_evaluation, Supplier.code)
            .limit(TABLE_ROWS)
        )
        rows = [(c, n, day_text(d), days_late(on, d)) for c, n, d in session.execute(stmt)]
        tables.append(
            limited(
                "Re-evaluations overdue", ("Code", "Supplier", "Due", "Days late"), rows, overdue
            )
        )
    return Draft("\n".join(lines), tuple(tables))
