"""Typed records: the kinds of documented information a small firm keeps as records in the
document register rather than in a register of their own (requirements review 8.2.3, traceability
8.5.2, customer property 8.5.3, release 8.6), each with its clause, a usual retention, where such
records are usually kept, and what an auditor will ask to see.

A typed record is a document of type Record whose clauses name the kind's clause: the register
needs no column of its own for it, and records entered before this existed count too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import today
from qmsdesk.core.db.models import DocStatus, DocType, Document
from qmsdesk.core.documents.writing import create_document
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.text import clean
from qmsdesk.core.vocab import DocumentFields


@dataclass(frozen=True)
class RecordKind:
    key: str
    title: str
    clause: str
    retention: str  # a usual retention, offered as the default
    location: str  # where such records usually are, offered as an example
    auditor_asks: str  # what the auditor will ask for, in our own words


RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        "requirements_review",
        "Review of customer requirements (contract and order review)",
        "8.2.3",
        "6 years after the order",
        "Order files in the sales office; the quotation and order review form",
        "Pick a few recent orders: show that before accepting each one you checked you could meet "
        "what the customer asked (drawing revision, quantity, dates, special requirements), and "
        "what you did when an order or a drawing changed afterwards.",
    ),
    RecordKind(
        "traceability",
        "Traceability records (job travellers, material certificates, batch numbers)",
        "8.5.2",
        "10 years after delivery",
        "Job travellers filed by works order; material certificates by heat number",
        "Take a part or a delivery note and trace it back: which material batch and certificate, "
        "which machine and operator, which inspection results, and which other parts came from "
        "the same batch if it had to be recalled.",
    ),
    RecordKind(
        "customer_property",
        "Customer property log (free-issue material, tooling, gauges, drawings and data)",
        "8.5.3",
        "As long as the property is held, then 6 years",
        "Goods-in log of free-issue material; the list of customer-owned fixtures and gauges",
        "What belonging to customers do you hold, how is it identified and protected, and show a "
        "case where something was lost, damaged or unfit and the customer was told.",
    ),
    RecordKind(
        "release",
        "Release records (final inspection, certificates of conformity)",
        "8.6",
        "10 years after delivery",
        "Final inspection records by works order; copies of certificates of conformity",
        "For a shipped order: the evidence that the parts met the acceptance criteria, the name "
        "of the person who released them, and any release before all checks were done with the "
        "customer's approval.",
    ),
)
BY_KEY = {k.key: k for k in RECORD_KINDS}


def kind_for(doc_type: DocType, clauses: str | tuple[str, ...]) -> RecordKind | None:
    """The kind of a record by its clauses ('8.5.2, 8.6' gives traceability: the first)."""
    if doc_type != DocType.RECORD:
        return None
    given = clauses if isinstance(clauses, tuple) else tuple(c.strip() for c in clauses.split(","))
    for kind in RECORD_KINDS:
        if kind.clause in given:
            return kind
    return None


def held(session: Session) -> dict[str, list[str]]:
    """For each kind, the codes of the records of that kind in the register (not obsolete)."""
    found: dict[str, list[str]] = {k.key: [] for k in RECORD_KINDS}
    stmt = select(Document.code, Document.clauses).where(
        Document.doc_type == DocType.RECORD, Document.status != DocStatus.OBSOLETE
    )
    for code, clauses in session.execute(stmt.order_by(Document.code)):
        given = {c.strip() for c in (clauses or "").split(",")}
        for kind in RECORD_KINDS:
            if kind.clause in given:
                found[kind.key].append(code)
    return found


def create_typed_record(
    session: Session,
    key: str,
    code: str,
    user: str,
    *,
    location: str,
    retention: str = "",
    owner: str = "",
    process: str = "",
    title: str = "",
    since: dt.date | None = None,
) -> int:
    """Add a record of a kind to the document register: type Record, the kind's clause, its
    retention (the kind's usual one by default), where the records are kept (required), in
    effect `since` (today by default)."""
    kind = BY_KEY.get(key)
    if kind is None:
        allowed = ", ".join(BY_KEY)
        raise ValidationError(f"Kind of record: '{key}' is not one of {allowed}.")
    if not clean(location):
        raise ValidationError(
            "Location: say where these records are kept (a folder, a system, a cabinet)."
        )
    return create_document(
        session,
        DocumentFields(
            code=clean(code),
            title=clean(title) or kind.title,
            doc_type=DocType.RECORD,
            status=DocStatus.EFFECTIVE,
            effective_date=since or today(),
            process=clean(process),
            owner=clean(owner),
            location=clean(location),
            retention=clean(retention) or kind.retention,
            clauses=(kind.clause,),
        ),
        user,
    )


def help_html() -> str:
    """The in-app help's paragraph on the typed records, from :data:`RECORD_KINDS`."""
    items = "".join(
        f"<li><b>{k.title}</b> ({k.clause}; kept usually {k.retention.lower()}): "
        f"{k.auditor_asks}</li>"
        for k in RECORD_KINDS
    )
    return (
        "<h3>Records the auditor asks for (8.2.3, 8.5.2, 8.5.3, 8.6)</h3>"
        "<p>These records live in the document register as documents of type <b>Record</b>, "
        "with the clause they serve, how long they are kept and where. The auditor will "
        f"ask:</p><ul>{items}</ul>"
    )
