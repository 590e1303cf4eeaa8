"""Reading the suppliers register: its rows (with the latest evaluation, the nearest certificate
expiry and the performance drawn from the other registers), filters and sorts, a supplier's
certificates and evaluations, and the approved supplier list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.choices import LIKE_ESCAPE, contains
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_actions import Action, ActionStatus
from qmsdesk.core.db.models_nonconforming import NonconformingOutput
from qmsdesk.core.db.models_suppliers import (
    Criticality,
    EvaluationResult,
    Supplier,
    SupplierAction,
    SupplierCertificate,
    SupplierEvaluation,
    SupplierStatus,
)
from qmsdesk.core.service import missing
from qmsdesk.core.suppliers.checks import EvaluationFields, SupplierFields
from qmsdesk.core.suppliers.vocab import DUE_SOON_DAYS, ENTITY
from qmsdesk.core.text import clean_code


def due_word(day: dt.date | None, on: dt.date, soon: int = DUE_SOON_DAYS) -> str:
    """OVERDUE, DUE SOON or nothing: the word that goes with the colour wherever a date shows."""
    if day is None:
        return ""
    if day < on:
        return "OVERDUE"
    if day <= on + dt.timedelta(days=soon):
        return "DUE SOON"
    return ""


def expiry_word(day: dt.date | None, on: dt.date, soon: int = DUE_SOON_DAYS) -> str:
    if day is None:
        return ""
    if day < on:
        return "EXPIRED"
    if day <= on + dt.timedelta(days=soon):
        return "EXPIRES SOON"
    return ""


@dataclass(frozen=True)
class SupplierRow:
    id: int
    code: str
    name: str
    supplies: str
    criticality: Criticality
    status: SupplierStatus
    approved_since: dt.date | None
    contact: str
    next_evaluation: dt.date | None
    note: str
    last_evaluated: dt.date | None = None
    last_overall: float | None = None
    last_result: EvaluationResult | None = None
    first_expiry: dt.date | None = None  # the certificate that expires first
    nc_count: int = 0
    open_actions: int = 0

    def fields(self) -> SupplierFields:
        return SupplierFields(
            self.code,
            self.name,
            self.supplies,
            self.criticality,
            self.status,
            self.approved_since,
            self.contact,
            self.note,
        )

    def evaluation_word(self, on: dt.date) -> str:
        if self.status == SupplierStatus.NOT_APPROVED:
            return ""
        return due_word(self.next_evaluation, on)


@dataclass(frozen=True)
class SupplierQuery:
    text: str = ""
    statuses: frozenset[SupplierStatus] = frozenset()
    criticalities: frozenset[Criticality] = frozenset()
    overdue_only: bool = False  # re-evaluation overdue


SORT_KEYS: dict[str, Any] = {
    "code": Supplier.code,
    "name": func.lower(Supplier.name),
    "supplies": func.lower(Supplier.supplies),
    "criticality": Supplier.criticality,
    "status": Supplier.status,
    "approved_since": Supplier.approved_since,
    "next_evaluation": Supplier.next_evaluation,
}


def overdue_clause(on: dt.date) -> ColumnElement[bool]:
    return (Supplier.next_evaluation < on) & (Supplier.status != SupplierStatus.NOT_APPROVED)


def _filtered(stmt: Select[Any], query: SupplierQuery, on: dt.date) -> Select[Any]:
    for word in query.text.split():
        pattern = contains(word)
        stmt = stmt.where(
            Supplier.code.ilike(pattern, escape=LIKE_ESCAPE)
            | Supplier.name.ilike(pattern, escape=LIKE_ESCAPE)
            | Supplier.supplies.ilike(pattern, escape=LIKE_ESCAPE)
        )
    if query.statuses:
        stmt = stmt.where(Supplier.status.in_([s.value for s in query.statuses]))
    if query.criticalities:
        stmt = stmt.where(Supplier.criticality.in_([c.value for c in query.criticalities]))
    if query.overdue_only:
        stmt = stmt.where(overdue_clause(on))
    return stmt


def query_ids(
    session: Session,
    query: SupplierQuery = SupplierQuery(),
    sort: str = "code",
    descending: bool = False,
    on: dt.date | None = None,
) -> list[int]:
    order = SORT_KEYS[sort]
    primary = order.desc() if descending else order.asc()
    orders = (primary,) if sort == "code" else (order.is_(None), primary, Supplier.code)
    stmt = select(Supplier.id).order_by(*orders)
    stmt = _filtered(stmt, query, on or today())
    return [r[0] for r in raw_rows(session, stmt)]


_COLUMNS = (
    Supplier.id,
    Supplier.code,
    Supplier.name,
    Supplier.supplies,
    Supplier.criticality,
    Supplier.status,
    Supplier.approved_since,
    Supplier.contact,
    Supplier.next_evaluation,
    Supplier.note,
)


def fetch_rows(session: Session, ids: Sequence[int]) -> list[SupplierRow]:
    """Rows for the given ids, in the order given, with their latest evaluation and performance."""
    found: dict[int, SupplierRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        latest: dict[int, tuple[Any, ...]] = {}
        newest = (
            select(
                SupplierEvaluation.supplier_id,
                func.max(SupplierEvaluation.evaluated_on).label("day"),
            )
            .where(SupplierEvaluation.supplier_id.in_(chunk))
            .group_by(SupplierEvaluation.supplier_id)
            .subquery()
        )
        stmt = select(
            SupplierEvaluation.supplier_id,
            SupplierEvaluation.evaluated_on,
            SupplierEvaluation.overall,
            SupplierEvaluation.result,
        ).join(
            newest,
            (newest.c.supplier_id == SupplierEvaluation.supplier_id)
            & (newest.c.day == SupplierEvaluation.evaluated_on),
        )
        for sid, day, overall, result in session.execute(stmt):
            latest[sid] = (day, overall, result)
        expiry = dict(
            session.execute(
                select(SupplierCertificate.supplier_id, func.min(SupplierCertificate.expires_on))
                .where(SupplierCertificate.supplier_id.in_(chunk))
                .group_by(SupplierCertificate.supplier_id)
            ).all()
        )
        ncs = dict(
            session.execute(
                select(NonconformingOutput.supplier_id, func.count())
                .where(NonconformingOutput.supplier_id.in_(chunk))
                .group_by(NonconformingOutput.supplier_id)
            ).all()
        )
        acts = dict(
            session.execute(
                select(SupplierAction.supplier_id, func.count())
                .join(Action, Action.id == SupplierAction.action_id)
                .where(SupplierAction.supplier_id.in_(chunk), Action.status != ActionStatus.CLOSED)
                .group_by(SupplierAction.supplier_id)
            ).all()
        )
        for values in session.execute(select(*_COLUMNS).where(Supplier.id.in_(chunk))):
            sid = values[0]
            last = latest.get(sid, (None, None, None))
            args: list[Any] = [*values, *last, expiry.get(sid), ncs.get(sid, 0), acts.get(sid, 0)]
            found[sid] = SupplierRow(*args)
    return [found[i] for i in ids if i in found]


def all_rows(session: Session, query: SupplierQuery = SupplierQuery()) -> list[SupplierRow]:
    return fetch_rows(session, query_ids(session, query))


def get_row(session: Session, supplier_id: int) -> SupplierRow:
    rows = fetch_rows(session, [supplier_id])
    if not rows:
        raise missing("Supplier", supplier_id)
    return rows[0]


def id_for_code(session: Session, code: str) -> int | None:
    return session.scalar(select(Supplier.id).where(Supplier.code == clean_code(code)))


def codes(session: Session) -> dict[str, int]:
    """Every supplier's id by its code folded (importers)."""
    return {c.casefold(): i for i, c in raw_rows(session, select(Supplier.id, Supplier.code))}


# --- a supplier's certificates and evaluations -------------------------------------------------


@dataclass(frozen=True)
class CertificateRow:
    id: int
    supplier_id: int
    supplier_code: str
    name: str
    number: str
    issued_by: str
    expires_on: dt.date | None
    attachment_name: str
    attachment_path: str
    attachment_sha256: str


def certificates(session: Session, supplier_id: int | None = None) -> list[CertificateRow]:
    stmt = (
        select(
            SupplierCertificate.id,
            SupplierCertificate.supplier_id,
            Supplier.code,
            SupplierCertificate.name,
            SupplierCertificate.number,
            SupplierCertificate.issued_by,
            SupplierCertificate.expires_on,
            SupplierCertificate.attachment_name,
            SupplierCertificate.attachment_path,
            SupplierCertificate.attachment_sha256,
        )
        .join(Supplier, Supplier.id == SupplierCertificate.supplier_id)
        .order_by(Supplier.code, SupplierCertificate.name, SupplierCertificate.id)
    )
    if supplier_id is not None:
        stmt = stmt.where(SupplierCertificate.supplier_id == supplier_id)
    return [CertificateRow(*tuple[Any, ...](r)) for r in session.execute(stmt)]


@dataclass(frozen=True)
class EvaluationRow:
    id: int
    supplier_id: int
    supplier_code: str
    evaluated_on: dt.date
    evaluated_by: str
    scores: tuple[tuple[str, float], ...]
    overall: float
    result: EvaluationResult
    next_due: dt.date | None
    note: str

    def fields(self) -> EvaluationFields:
        return EvaluationFields(
            self.evaluated_on,
            self.scores,
            self.evaluated_by,
            self.result,
            self.next_due,
            self.note,
        )


def parse_stored_scores(text: str) -> tuple[tuple[str, float], ...]:
    if not text:
        return ()
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    return tuple((str(k), float(v)) for k, v in data.items()) if isinstance(data, dict) else ()


def stored_scores(scores: Sequence[tuple[str, float]]) -> str:
    return json.dumps(dict(scores), ensure_ascii=False)


def evaluations(
    session: Session,
    supplier_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[EvaluationRow]:
    stmt = (
        select(
            SupplierEvaluation.id,
            SupplierEvaluation.supplier_id,
            Supplier.code,
            SupplierEvaluation.evaluated_on,
            SupplierEvaluation.evaluated_by,
            SupplierEvaluation.scores,
            SupplierEvaluation.overall,
            SupplierEvaluation.result,
            SupplierEvaluation.next_due,
            SupplierEvaluation.note,
        )
        .join(Supplier, Supplier.id == SupplierEvaluation.supplier_id)
        .order_by(Supplier.code, SupplierEvaluation.evaluated_on, SupplierEvaluation.id)
    )
    if supplier_id is not None:
        stmt = stmt.where(SupplierEvaluation.supplier_id == supplier_id)
    if start is not None:
        stmt = stmt.where(SupplierEvaluation.evaluated_on >= start)
    if end is not None:
        stmt = stmt.where(SupplierEvaluation.evaluated_on <= end)
    out = []
    for r in session.execute(stmt):
        values = list(r)
        values[5] = parse_stored_scores(values[5])
        out.append(EvaluationRow(*values))
    return out


@dataclass(frozen=True)
class Performance:
    """What the other registers say of a supplier: its nonconforming outputs and its actions."""

    nonconforming: list[tuple[str, dt.date, str, str]]  # reference, found on, product, disposition
    actions: list[tuple[str, str, str]]  # reference, title, status


def performance(session: Session, supplier_id: int) -> Performance:
    ncs = [
        (ref, day, product, str(disp.value) if disp else "")
        for ref, day, product, disp in session.execute(
            select(
                NonconformingOutput.reference,
                NonconformingOutput.found_on,
                NonconformingOutput.product,
                NonconformingOutput.disposition,
            )
            .where(NonconformingOutput.supplier_id == supplier_id)
            .order_by(NonconformingOutput.found_on.desc())
        )
    ]
    acts = [
        (ref, title, str(status.value))
        for ref, title, status in session.execute(
            select(Action.reference, Action.title, Action.status)
            .join(SupplierAction, SupplierAction.action_id == Action.id)
            .where(SupplierAction.supplier_id == supplier_id)
            .order_by(Action.reference)
        )
    ]
    return Performance(ncs, acts)


def approved_list(session: Session) -> list[SupplierRow]:
    """The approved supplier list: approved and conditionally approved suppliers, by code."""
    return all_rows(
        session,
        SupplierQuery(statuses=frozenset({SupplierStatus.APPROVED, SupplierStatus.CONDITIONAL})),
    )


@dataclass(frozen=True)
class Counts:
    total: int
    approved: int
    overdue: int


def counts(session: Session, on: dt.date | None = None) -> Counts:
    on = on or today()
    total, approved, overdue = session.execute(
        select(
            func.count(),
            func.count().filter(
                Supplier.status.in_([SupplierStatus.APPROVED, SupplierStatus.CONDITIONAL])
            ),
            func.count().filter(overdue_clause(on)),
        ).select_from(Supplier)
    ).one()
    return Counts(total, approved, overdue)


def history_of(session: Session, supplier_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, supplier_id)
