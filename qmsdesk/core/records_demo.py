"""The demo's typed records in the document register: the order reviews, the traceability
records, the customer property log (release records are the inspection records R-08-01)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from qmsdesk.core.dates import add_months
from qmsdesk.core.documents import record_kinds

# kind, code, where kept, owner, process
_RECORDS = (
    ("requirements_review", "R-08-02", "Sales office: order files, form F-08-04 on each order",
     "Olivia Bennett", "Sales"),
    ("traceability", "R-08-03", "Job travellers by works order; material certificates by heat "
     "number (quality office)", "Łukasz Żółć", "Production"),
    ("customer_property", "R-08-04", "Stores: free-issue log and the list of customer-owned "
     "fixtures (including Harbrook's test rig adaptor)", "Ruth Evans", "Logistics"),
)  # fmt: skip


def write_records(session: Session, on: dt.date, user: str) -> None:
    for key, code, where, owner, process in _RECORDS:
        record_kinds.create_typed_record(
            session,
            key,
            code,
            user,
            location=where,
            owner=owner,
            process=process,
            since=add_months(on, -30),
        )
