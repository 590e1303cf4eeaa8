"""Generate a large company file for benchmarks: N documents with three revisions each.

Usage: python -m benchmarks.generate OUT.qmsdb [--documents 50000] [--revisions-per-document 3]
Rows go in with bulk INSERTs in one transaction; derived columns are computed as the app does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path

from sqlalchemy import insert

from qmsdesk.core import company
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models import (
    DocStatus,
    DocType,
    Document,
    Revision,
    RevisionStatus,
    next_review_for,
)
from qmsdesk.core.text import fold

_WORDS = [
    "control",
    "calibration",
    "inspection",
    "purchasing",
    "supplier",
    "production",
    "planning",
    "maintenance",
    "design",
    "training",
    "audit",
    "review",
    "corrective",
    "action",
    "nonconforming",
    "release",
    "packing",
    "labelling",
    "traceability",
    "customer",
    "property",
    "welding",
    "machining",
    "assembly",
    "painting",
    "cleaning",
    "storage",
    "dispatch",
    "measurement",
]
_OWNERS = (
    "Łukasz Żółć",
    "Anders Ørsted",
    "Margaret Hollis",
    "Priya Raman",
    "Sarah Whitfield",
    "Aisha Khan",
    "Ian Fletcher",
    "Ruth Evans",
    "Olivia Bennett",
    "Fiona Grant",
)
_PROCESSES = (
    "Quality",
    "Production",
    "Purchasing",
    "Engineering",
    "Sales",
    "Maintenance",
    "Logistics",
)
_PREFIX = {
    DocType.POLICY: "POL",
    DocType.MANUAL: "QM",
    DocType.PROCEDURE: "QP",
    DocType.WORK_INSTRUCTION: "WI",
    DocType.FORM: "F",
    DocType.RECORD: "R",
    DocType.EXTERNAL: "EXT",
}


def generate(path: Path, documents: int = 50_000, revisions_per_document: int = 3) -> Database:
    path.unlink(missing_ok=True)
    db = open_database(path, create=True)
    rng = random.Random(42)
    today = dt.date.today()
    types = list(DocType)
    doc_rows = []
    rev_rows = []
    for i in range(1, documents + 1):
        doc_type = types[i % len(types)]
        status = DocStatus.EFFECTIVE if i % 20 else rng.choice(list(DocStatus))
        effective = today - dt.timedelta(days=rng.randint(0, 1500))
        months = rng.choice((12, 24, 36, None))
        title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 7))).capitalize()
        owner = rng.choice(_OWNERS)
        code = f"{_PREFIX[doc_type]}-{i:06d}"
        note = "" if i % 3 else f"Linked to {rng.choice(_WORDS)} records"
        labels = [chr(65 + k) for k in range(revisions_per_document)]
        doc_rows.append(
            {
                "id": i,
                "code": code,
                "title": title,
                "doc_type": doc_type,
                "process": rng.choice(_PROCESSES),
                "owner": owner,
                "revision": labels[-1],
                "status": status,
                "effective_date": effective,
                "review_months": months,
                "last_reviewed": None,
                "next_review": next_review_for(status, effective, None, months),
                "location": f"Q:\\QMS\\{code}.pdf",
                "retention": "",
                "clauses": "7.5, 8.5.1",
                "note": note,
                "obsolete_reason": "Replaced" if status == DocStatus.OBSOLETE else "",
                "search_text": fold(f"{code} {title} {owner} {note}"),
            }
        )
        for k, label in enumerate(labels):
            day = effective - dt.timedelta(days=400 * (len(labels) - 1 - k))
            last = k == len(labels) - 1
            rev_rows.append(
                {
                    "document_id": i,
                    "label": label,
                    "revision_date": day,
                    "summary": "First issue" if k == 0 else "Updated " + rng.choice(_WORDS),
                    "author": owner,
                    "status": RevisionStatus.EFFECTIVE if last else RevisionStatus.SUPERSEDED,
                    "approved_by": "Margaret Hollis",
                    "approved_on": day,
                    "effective_date": day,
                    "attachment_name": "",
                    "attachment_path": "",
                    "attachment_sha256": "",
                }
            )
    with db.write() as session:
        company.set_name(session, "Benchmark Manufacturing Ltd")
        session.execute(insert(Document), doc_rows)
        session.execute(insert(Revision), rev_rows)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--revisions-per-document", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    generate(args.out, args.documents, args.revisions_per_document).close()
    print(f"wrote {args.out} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
