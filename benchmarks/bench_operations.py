"""Time the operations registers on a large company: 10,000 suppliers, 20,000 gauges with 10
calibrations each, 50,000 nonconforming outputs.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_operations [--runs 3]
           [--suppliers 10000] [--gauges 20000] [--calibrations 10] [--ncs 50000] [--keep FILE]

Targets (issue 13):
- each tab (Suppliers, Equipment, Nonconforming) shown in under 300 ms: from handing it the open
  company file to its first rows and details painted;
- filter as you type under 50 ms a keystroke (the search text typed one character at a time, each
  figure the time until the model has been reset);
- each PDF in under 5 s (approved supplier list, calibration schedule, labels, NC register);
- the management review's drafting of the large company (with these registers) in under 500 ms.

The generator (:func:`generate`) writes the rows with bulk INSERTs in one transaction, with the
derived columns (a supplier's next evaluation, a gauge's last calibration and next due date) as
the services keep them. Each figure is the best and the median wall time of --runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qmsdesk.core import company
from qmsdesk.core.dates import add_months, utcnow
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.fast import insert_many
from qmsdesk.core.db.models_equipment import Calibration, Equipment
from qmsdesk.core.db.models_nonconforming import NonconformingOutput
from qmsdesk.core.db.models_suppliers import Supplier, SupplierCertificate, SupplierEvaluation

TARGETS = {"tab": 0.3, "keystroke": 0.05, "pdf": 5.0, "draft": 0.5}
_WORDS = (
    "bar",
    "plating",
    "heat",
    "treatment",
    "casting",
    "forging",
    "fastener",
    "bearing",
    "seal",
    "packaging",
    "coolant",
    "tooling",
    "calibration",
    "grinding",
    "anodising",
    "steel",
    "aluminium",
    "brass",
    "titanium",
    "spring",
)
_CRIT = ("high", "medium", "low")
_STATUS = ("approved",) * 7 + ("conditional", "under_evaluation", "not_approved")
_KINDS = ("Micrometer", "Caliper", "Thread gauge", "Height gauge", "Pin gauge", "Bore gauge")
_FOUND = ("incoming", "in_process", "final", "customer")
_DISP = ("rework", "repair", "scrap", "use_as_is", "return_to_supplier", "regrade", None)


def generate(
    path: Path, *, n_suppliers: int, n_gauges: int, per_gauge: int, n_ncs: int
) -> Database:
    rng = random.Random(1301)
    on = dt.date.today()
    stamp = utcnow()
    db = open_database(path, create=True)
    scores = json.dumps({"Quality": 4, "Delivery": 3, "Price": 4, "Service": 4})
    with db.write() as s:
        company.set_name(s, "Large Benchmark Machining Ltd")
        suppliers, certs, evals = [], [], []
        for n in range(1, n_suppliers + 1):
            crit = _CRIT[n % 3]
            months = {"high": 12, "medium": 24, "low": 36}[crit]
            last = on - dt.timedelta(days=rng.randint(10, months * 31))
            status = _STATUS[n % len(_STATUS)]
            suppliers.append(
                {
                    "id": n,
                    "code": f"S{n:05d}",
                    "name": f"{rng.choice(_WORDS).capitalize()} {rng.choice(_WORDS)} {n} Ltd",
                    "supplies": f"{rng.choice(_WORDS)} and {rng.choice(_WORDS)}",
                    "criticality": crit,
                    "status": status,
                    "approved_since": None
                    if status == "under_evaluation"
                    else add_months(last, -24),
                    "contact": "",
                    "next_evaluation": None
                    if status == "under_evaluation"
                    else add_months(last, months),
                    "note": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            if status != "under_evaluation":
                for k, day in enumerate((add_months(last, -months), last)):
                    evals.append(
                        {
                            "id": len(evals) + 1,
                            "supplier_id": n,
                            "evaluated_on": day,
                            "evaluated_by": "Buyer",
                            "scores": scores,
                            "overall": 3.75,
                            "result": "not_approved"
                            if status == "not_approved"
                            else ("conditional" if status == "conditional" and k else "approved"),
                            "next_due": add_months(day, months),
                            "note": "",
                        }
                    )
            certs.append(
                {
                    "id": n,
                    "supplier_id": n,
                    "name": "ISO 9001:2015",
                    "number": f"C{n}",
                    "issued_by": "BSI",
                    "expires_on": on + dt.timedelta(days=rng.randint(-60, 1000)),
                    "attachment_name": "",
                    "attachment_path": "",
                    "attachment_sha256": "",
                }
            )
        insert_many(s, Supplier.__table__, suppliers)  # type: ignore[arg-type]
        insert_many(s, SupplierEvaluation.__table__, evals)  # type: ignore[arg-type]
        insert_many(s, SupplierCertificate.__table__, certs)  # type: ignore[arg-type]
        gauges, cals = [], []
        for n in range(1, n_gauges + 1):
            months = (6, 12, 12, 24)[n % 4]
            received = add_months(on, -months * per_gauge - 2)
            latest = on - dt.timedelta(days=rng.randint(0, months * 30 + 20))
            days = [add_months(latest, -months * k) for k in range(per_gauge - 1, -1, -1)]
            status = "retired" if n % 50 == 0 else "in_use"
            kind = _KINDS[n % len(_KINDS)]
            gauges.append(
                {
                    "id": n,
                    "code": f"G{n:06d}",
                    "description": f"{kind} {rng.choice(_WORDS)}",
                    "kind": kind,
                    "location": f"Cell {n % 12}",
                    "owner": f"Inspector {n % 9}",
                    "range_text": "0-25 mm",
                    "accuracy": "±0.002 mm",
                    "interval_months": months,
                    "status": status,
                    "received_on": received,
                    "next_due": add_months(latest, months),
                    "last_calibrated": latest,
                    "note": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            for k, day in enumerate(days):
                oot = n % 97 == 0 and k == len(days) - 1
                cals.append(
                    {
                        "id": len(cals) + 1,
                        "equipment_id": n,
                        "calibrated_on": day,
                        "by": "lab" if n % 3 == 0 else "internal",
                        "performed_by": "Lab Ltd",
                        "certificate_no": f"K{n}-{k}",
                        "as_found": "out_of_tolerance" if oot else "in_tolerance",
                        "as_left": "adjusted" if oot else "in_tolerance",
                        "next_due": add_months(day, months),
                        "impact_review": "Jobs re-checked." if oot and n % 2 else "",
                        "impact_decision": "No product affected." if oot and n % 2 else "",
                        "nc_id": None,
                        "action_id": None,
                        "attachment_name": "",
                        "attachment_path": "",
                        "attachment_sha256": "",
                        "note": "",
                    }
                )
        insert_many(s, Equipment.__table__, gauges)  # type: ignore[arg-type]
        insert_many(s, Calibration.__table__, cals)  # type: ignore[arg-type]
        ncs = []
        for n in range(1, n_ncs + 1):
            found_at = _FOUND[n % 4]
            disp = _DISP[n % len(_DISP)]
            found = on - dt.timedelta(days=rng.randint(0, 1500))
            ncs.append(
                {
                    "id": n,
                    "reference": f"NCR-{n:06d}",
                    "found_on": found,
                    "found_at": found_at,
                    "product": f"Part {rng.randint(1000, 9999)}-{rng.randint(1, 99):02d}",
                    "quantity": float(rng.randint(1, 500)),
                    "description": f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} out of tolerance",
                    "supplier_id": rng.randint(1, n_suppliers) if found_at == "incoming" else None,
                    "disposition": disp,
                    "authorised_by": "QM" if disp else "",
                    "concession_ref": "",
                    "verified_on": found if disp in ("rework", "repair") else None,
                    "verification": "ok" if disp in ("rework", "repair") else "",
                    "cost": float(rng.randint(0, 2000)),
                    "action_id": None,
                    "closed_on": found if disp else None,
                    "note": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
        insert_many(s, NonconformingOutput.__table__, ncs)  # type: ignore[arg-type]
    return db


def _timed(runs: int, work: Callable[[], Any]) -> tuple[float, float]:
    """Best and median of `runs` timed runs, after one run that is not timed (imports, the
    first reads of the file into the page cache)."""
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _line(name: str, best: float, median: float, target: float, second: str = "median") -> None:
    verdict = "ok" if median <= target else "OVER"
    print(
        f"{name:<50} best {best * 1000:8.1f} ms   {second} {median * 1000:8.1f} ms   "
        f"target {target * 1000:6.0f} ms   {verdict}",
        flush=True,
    )


def bench_tabs(db: Database, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from qmsdesk.gui.operations.equipment_tab import EquipmentTab
    from qmsdesk.gui.operations.nonconforming_tab import NonconformingTab
    from qmsdesk.gui.operations.suppliers_tab import SuppliersTab
    from qmsdesk.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings()
    for cls, text in (
        (SuppliersTab, "plating 12"),
        (EquipmentTab, "micrometer cell"),
        (NonconformingTab, "bar steel"),
    ):
        tab = cls(settings)
        tab.resize(1366, 700)
        tab.show()
        app.processEvents()

        def show(tab: Any = tab) -> None:
            tab.set_database(None)
            tab.set_database(db)
            tab.show_details()
            tab.repaint()
            app.processEvents()

        best, median = _timed(runs, show)
        _line(f"{cls.tab_title} tab shown", best, median, TARGETS["tab"])
        keys = []
        for n in range(1, len(text) + 1):
            start = time.perf_counter()
            tab.search.setText(text[:n])
            tab.apply_filters()
            keys.append(time.perf_counter() - start)
        tab.clear_filters()
        _line(
            f"{cls.tab_title}: filter as you type ({len(keys)} keys, worst)",
            min(keys),
            max(keys),
            TARGETS["keystroke"],
            "worst ",
        )
        tab.close()


def bench_pdfs(db: Database, runs: int, folder: Path) -> None:
    from qmsdesk.core.exchange import suppliers_equipment_pdf as operations_pdf

    for name, write in (
        ("approved supplier list PDF", operations_pdf.write_suppliers),
        ("calibration schedule PDF", operations_pdf.write_schedule),
        ("calibration labels PDF (calibrated in 30 days)", operations_pdf.write_labels),
        ("nonconforming outputs PDF", operations_pdf.write_nonconforming),
    ):
        best, median = _timed(runs, lambda w=write, n=name: w(db, folder / f"{n}.pdf"))
        _line(name, best, median, TARGETS["pdf"])


def bench_draft(db: Database, runs: int) -> None:
    from qmsdesk.core.reviews import vocab as review_vocab
    from qmsdesk.core.reviews.draft import drafters
    from qmsdesk.core.reviews.drafting import Period

    on = dt.date.today()
    period = Period.of(add_months(on, -12), on)
    found = drafters()
    mine = ["9.3.2 c 3", "9.3.2 c 5", "9.3.2 c 7"]
    every = list(found.by_item)
    del review_vocab

    def draft(items: list[str]) -> None:
        with db.read() as s:
            found.draft(s, Period.of(period.start, period.end), items)

    best, median = _timed(runs, lambda: draft(mine))
    _line("review drafting: c 3, c 5, c 7", best, median, TARGETS["draft"])
    best, median = _timed(runs, lambda: draft(every))
    _line("review drafting: every input", best, median, TARGETS["draft"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--gauges", type=int, default=20_000)
    parser.add_argument("--calibrations", type=int, default=10)
    parser.add_argument("--ncs", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="write the company file here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "large.qmsdb"
        start = time.perf_counter()
        if path.exists():
            db = open_database(path)
        else:
            db = generate(
                path,
                n_suppliers=args.suppliers,
                n_gauges=args.gauges,
                per_gauge=args.calibrations,
                n_ncs=args.ncs,
            )
        print(
            f"company file ready in {time.perf_counter() - start:.1f} s: {args.suppliers:,} "
            f"suppliers, {args.gauges:,} gauges x {args.calibrations} calibrations, "
            f"{args.ncs:,} nonconforming outputs",
            flush=True,
        )
        try:
            bench_draft(db, args.runs)
            bench_tabs(db, args.runs)
            bench_pdfs(db, max(1, args.runs - 2), Path(folder))
        finally:
            db.close()


if __name__ == "__main__":
    main()
