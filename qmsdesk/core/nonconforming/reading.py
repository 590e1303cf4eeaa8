"""Reading the nonconforming outputs register: rows, filters and sorts, and counts by where the
outputs were found and what was decided about them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.choices import LIKE_ESCAPE, contains
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_nonconforming import Disposition, FoundAt, NonconformingOutput
from qmsdesk.core.db.models_suppliers import Supplier
from qmsdesk.core.nonconforming.checks import NC_FIELDS, NcFields
from qmsdesk.core.nonconforming.vocab import ENTITY
from qmsdesk.core.service import missing
from qmsdesk.core.text import clean_code

N = NonconformingOutput


@dataclass(frozen=True)
class NcRow:
    id: int
    reference: str
    found_on: dt.date
    found_at: FoundAt
    product: str
    quantity: float | None
    description: str
    supplier_id: int | None
    supplier_code: str
    disposition: Disposition | None
    authorised_by: str
    concession_ref: str
    verified_on: dt.date | None
    verification: str
    cost: float | None
    action_id: int | None
    action_ref: str
    closed_on: dt.date | None
    note: str

    def fields(self) -> NcFields:
        return NcFields(**{n: getattr(self, n) for n in NC_FIELDS})

    @property
    def open(self) -> bool:
        return self.closed_on is None


_COLUMNS = (
    N.id,
    N.reference,
    N.found_on,
    N.found_at,
    N.product,
    N.quantity,
    N.description,
    N.supplier_id,
    func.coalesce(Supplier.code, ""),
    N.disposition,
    N.authorised_by,
    N.concession_ref,
    N.verified_on,
    N.verification,
    N.cost,
    N.action_id,
    func.coalesce(Action.reference, ""),
    N.closed_on,
    N.note,
)


def _rows_stmt() -> Select[*tuple[Any, ...]]:
    return (
        select(*_COLUMNS)
        .outerjoin(Supplier, Supplier.id == N.supplier_id)
        .outerjoin(Action, Action.id == N.action_id)
    )


@dataclass(frozen=True)
class NcQuery:
    text: str = ""
    found_at: frozenset[FoundAt] = frozenset()
    dispositions: frozenset[Disposition] = frozenset()
    open_only: bool = False
    undecided_only: bool = False  # no disposition yet
    supplier_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None


SORT_KEYS: dict[str, Any] = {
    "reference": N.reference,
    "found_on": N.found_on,
    "found_at": N.found_at,
    "product": func.lower(N.product),
    "quantity": N.quantity,
    "supplier_code": Supplier.code,
    "disposition": N.disposition,
    "authorised_by": func.lower(N.authorised_by),
    "cost": N.cost,
    "action_ref": Action.reference,
    "closed_on": N.closed_on,
}


def _filtered(stmt: Select[Any], query: NcQuery) -> Select[Any]:
    for word in query.text.split():
        pattern = contains(word)
        stmt = stmt.where(
            N.reference.ilike(pattern, escape=LIKE_ESCAPE)
            | N.product.ilike(pattern, escape=LIKE_ESCAPE)
            | N.description.ilike(pattern, escape=LIKE_ESCAPE)
            | Supplier.code.ilike(pattern, escape=LIKE_ESCAPE)
        )
    if query.found_at:
        stmt = stmt.where(N.found_at.in_([f.value for f in query.found_at]))
    if query.dispositions:
        stmt = stmt.where(N.disposition.in_([d.value for d in query.dispositions]))
    if query.open_only:
        stmt = stmt.where(N.closed_on.is_(None))
    if query.undecided_only:
        stmt = stmt.where(N.disposition.is_(None))
    if query.supplier_id is not None:
        stmt = stmt.where(N.supplier_id == query.supplier_id)
    if query.start is not None:
        stmt = stmt.where(N.found_on >= query.start)
    if query.end is not None:
        stmt = stmt.where(N.found_on <= query.end)
    return stmt


def query_ids(
    session: Session, query: NcQuery = NcQuery(), sort: str = "reference", descending: bool = False
) -> list[int]:
    order = SORT_KEYS[sort]
    primary = order.desc() if descending else order.asc()
    stmt = select(N.id).outerjoin(Supplier, Supplier.id == N.supplier_id)
    if sort == "action_ref":
        stmt = stmt.outerjoin(Action, Action.id == N.action_id)
    # The reference is never empty: ordered by it alone, SQLite walks its index.
    orders = (primary,) if sort == "reference" else (order.is_(None), primary, N.reference)
    stmt = _filtered(stmt.order_by(*orders), query)
    return [r[0] for r in raw_rows(session, stmt)]


def fetch_rows(session: Session, ids: Sequence[int]) -> list[NcRow]:
    found: dict[int, NcRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for values in session.execute(_rows_stmt().where(N.id.in_(chunk))):
            found[values[0]] = NcRow(*tuple[Any, ...](values))
    return [found[i] for i in ids if i in found]


def all_rows(session: Session, query: NcQuery = NcQuery()) -> list[NcRow]:
    """Every matching output in reference order, in one statement (exports and reports)."""
    stmt = _filtered(_rows_stmt(), query).order_by(N.reference)
    return [NcRow(*tuple[Any, ...](values)) for values in session.execute(stmt)]


def get_row(session: Session, nc_id: int) -> NcRow:
    rows = fetch_rows(session, [nc_id])
    if not rows:
        raise missing("Nonconforming output", nc_id)
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(N.id).where(N.reference == clean_code(reference)))


@dataclass(frozen=True)
class Breakdown:
    """Counts of outputs found in a period: by where found, by disposition, and both."""

    total: int
    cost: float
    open: int
    by_found_at: dict[FoundAt, int] = field(default_factory=dict)
    by_disposition: dict[Disposition | None, int] = field(default_factory=dict)
    grid: dict[tuple[FoundAt, Disposition | None], int] = field(default_factory=dict)


def breakdown(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> Breakdown:
    """The outputs found from `start` to `end` (all when not given), counted by SQL."""
    stmt = select(
        N.found_at,
        N.disposition,
        func.count(),
        func.coalesce(func.sum(N.cost), 0.0),
        func.count().filter(N.closed_on.is_(None)),
    )
    if start is not None:
        stmt = stmt.where(N.found_on >= start)
    if end is not None:
        stmt = stmt.where(N.found_on <= end)
    grid: dict[tuple[FoundAt, Disposition | None], int] = {}
    by_found: dict[FoundAt, int] = {}
    by_disp: dict[Disposition | None, int] = {}
    total, cost, still_open = 0, 0.0, 0
    for found_at, disposition, count, spent, open_count in session.execute(
        stmt.group_by(N.found_at, N.disposition)
    ):
        grid[(found_at, disposition)] = count
        by_found[found_at] = by_found.get(found_at, 0) + count
        by_disp[disposition] = by_disp.get(disposition, 0) + count
        total += count
        cost += float(spent or 0)
        still_open += open_count
    return Breakdown(total, cost, still_open, by_found, by_disp, grid)


def counts(session: Session) -> tuple[int, int]:
    """(all outputs, open ones)."""
    total, still_open = session.execute(
        select(func.count(), func.count().filter(N.closed_on.is_(None))).select_from(N)
    ).one()
    return total, still_open


def supplier_codes(session: Session) -> dict[str, int]:
    return {c.casefold(): i for i, c in raw_rows(session, select(Supplier.id, Supplier.code))}


def action_references(session: Session) -> dict[str, int]:
    return {r.casefold(): i for i, r in raw_rows(session, select(Action.id, Action.reference))}


def history_of(session: Session, nc_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, nc_id)
