"""Time the customer feedback register at size: the Customers tab shown, filter as you type, the
feedback PDF, and the management review's input c 1 drafted.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_feedback [--records 50000]
       [--text "orbis bracket"]

Targets (issue 13): tab shown <= 300 ms, each keystroke of the filter <= 50 ms, PDF <= 5 s,
drafting <= 500 ms. The company file (records spread over three years, the complaints and
returns of the last 20 days still open, 20 satisfaction results) is cached in benchmarks/out/ and
written again only when missing; rows go in with bulk INSERTs, as an import would write them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
_CUSTOMERS = (
    "Orbis Aerospace",
    "Norbeck Pumps",
    "Calder Valves",
    "Pellam Medical",
    "Harbrook Aerospace",
    "Aldridge Hydraulics",
    "Łódź Precyzja",
    "Ørsted Marine",
)
_PARTS = ("bracket", "manifold", "housing", "stem", "spacer", "valve body", "cover", "impeller")


def company_file(records: int) -> Path:
    from sqlalchemy import func, insert, select

    from qmsdesk.core.db import open_database
    from qmsdesk.core.db.models_feedback import (
        Feedback,
        FeedbackKind,
        SatisfactionResult,
        Severity,
        feedback_search_text,
    )

    path = OUT / f"feedback-{records}.qmsdb"
    if path.exists():
        with open_database(path, read_only=True) as db, db.read() as s:
            if s.scalar(select(func.count()).select_from(Feedback)) == records:
                return path
        path.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(13)
    today = dt.date.today()
    kinds = (FeedbackKind.COMPLAINT, FeedbackKind.COMPLIMENT, FeedbackKind.RETURN)
    rows = []
    for n in range(records):
        kind = kinds[n % 3]
        received = today - dt.timedelta(days=rng.randrange(0, 1100))
        # As in a real register: what is still open came in lately.
        still_open = kind != FeedbackKind.COMPLIMENT and (today - received).days < 20
        answered = kind != FeedbackKind.COMPLIMENT and not still_open
        customer, product = (
            rng.choice(_CUSTOMERS),
            f"{rng.choice(_PARTS)} {rng.randrange(1000, 9999)}",
        )
        text = f"{rng.choice(_PARTS)} out of tolerance on batch {n % 97}"
        rows.append(
            {
                "search_text": feedback_search_text(f"FB-{n:06d}", customer, product, text),
                "reference": f"FB-{n:06d}",
                "kind": kind,
                "received_on": received,
                "customer": customer,
                "product": product,
                "description": text,
                "severity": None if kind == FeedbackKind.COMPLIMENT else rng.choice(list(Severity)),
                "respond_by": received + dt.timedelta(days=5),
                "response": "Parts replaced and the cause corrected" if answered else "",
                "responded_on": received + dt.timedelta(days=3) if answered else None,
                "closed_on": received + dt.timedelta(days=10) if answered else None,
                "note": "",
            }
        )
    with open_database(path, create=True) as db, db.write() as s:
        s.execute(insert(Feedback), rows)
        s.execute(
            insert(SatisfactionResult),
            [
                {
                    "reference": f"CS-{n:03d}",
                    "period_start": today - dt.timedelta(days=90 * n + 89),
                    "period_end": today - dt.timedelta(days=90 * n),
                    "method": "Questionnaire",
                    "sent": 40,
                    "responses": 25,
                    "score": 3.5 + (n % 10) / 10,
                    "scale_min": 1,
                    "scale_max": 5,
                    "comments": "",
                }
                for n in range(20)
            ],
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--text", default="orbis bracket")
    args = parser.parse_args()
    path = company_file(args.records)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from qmsdesk.core.db import open_database
    from qmsdesk.core.exchange.operations_pdf import write_feedback
    from qmsdesk.core.reviews.draft import drafters
    from qmsdesk.core.reviews.drafting import Period
    from qmsdesk.gui.customers_tab import CustomersTab
    from qmsdesk.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    db = open_database(path, read_only=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        )
        start = time.perf_counter()
        tab = CustomersTab(settings)
        tab.resize(1366, 768)
        tab.set_database(db, read_only=True)
        tab.show()
        app.processEvents()
        shown = (time.perf_counter() - start) * 1000
        print(f"Customers tab shown on {args.records:,} records: {shown:.0f} ms (target 300)")
        keys = []
        for end in range(1, len(args.text) + 1):
            tab.search.setText(args.text[:end])
            begin = time.perf_counter()
            tab.apply_filters()
            keys.append((time.perf_counter() - begin) * 1000)
        print(
            f"Filter as you type '{args.text}': median {statistics.median(keys):.0f} ms, "
            f"max {max(keys):.0f} ms (target 50); {tab.model.rowCount():,} shown"
        )
        tab.close()
        begin = time.perf_counter()
        write_feedback(db, Path(folder) / "feedback.pdf")
        print(f"Feedback PDF: {time.perf_counter() - begin:.2f} s (target 5)")
        begin = time.perf_counter()
        on = dt.date.today()
        with db.read() as session:
            drafters().draft(session, Period.of(on - dt.timedelta(days=365), on), ["9.3.2 c 1"])
        print(f"Drafting 9.3.2 c 1: {(time.perf_counter() - begin) * 1000:.0f} ms (target 500)")
    db.close()


if __name__ == "__main__":
    main()
