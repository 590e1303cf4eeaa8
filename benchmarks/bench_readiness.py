"""Time the home tab, readiness, the due list as a calendar and the certification audit pack on
the large company.

Usage: .venv/bin/python -m benchmarks.bench_readiness [--documents 50000] [--people 2000]
           [--items 120] [--audits 500] [--actions 20000] [--runs 3] [--keep DIR] [--reuse]

Targets (issue 14): the home tab filled in 300 ms (the due list across every register, readiness
and the getting-started checklist read, and the tab's lists filled, offscreen); readiness computed
in 500 ms; `qmsdesk due --db DB --ics FILE` in 1.5 s as a whole process; the audit pack PDF in
15 s. The company is the one of benchmarks/bench_reviews.py (the document register of
benchmarks/generate.py, 2,000 people, 500 audits, 20,000 actions, earlier reviews). Also: the
calendar written by qmsdesk.core.calendar against the icalendar library (--skip-pack leaves the
pack out: it takes minutes on this company).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_reviews import generate
from qmsdesk.core import due, readiness
from qmsdesk.core.calendar import calendar_bytes
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.due import DueItem
from qmsdesk.core.readiness import engine
from qmsdesk.core.readiness.home import home_view

HOME_TARGET_S = 0.300
READINESS_TARGET_S = 0.500
DUE_ICS_TARGET_S = 1.5
PACK_TARGET_S = 15.0


def _timed(runs: int, job: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _line(label: str, best: float, median: float, target: float) -> None:
    mark = "ok" if best <= target else "OVER"
    print(
        f"{label:<44} best {best * 1000:8.0f} ms  median {median * 1000:8.0f} ms  "
        f"(target {target * 1000:.0f} ms) {mark}"
    )


def with_library(items: list[DueItem], on: dt.date) -> bytes:
    """The same calendar written with the icalendar library (for the comparison only)."""
    from icalendar import Calendar, Event

    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//QMS Desk//bench//EN")
    cal.add("version", "2.0")
    for i in items:
        event = Event()
        event.add("uid", i.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", i.due)
        event.add("dtend", i.due + dt.timedelta(days=1))
        late = "OVERDUE: " if i.overdue(on) else ""
        event.add("summary", f"{late}{i.what}: {i.reference} {i.title}")
        event.add("description", f"Register: {i.register}\nDue: {i.due.isoformat()}")
        event.add("categories", [i.register])
        cal.add_component(event)
    return bytes(cal.to_ical())


def _home_tab(db: Database, runs: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from qmsdesk.gui.home_tab import HomeTab

    app = QApplication.instance() or QApplication([])
    tab = HomeTab()
    tab.resize(1366, 700)
    tab.show()
    tab.set_database(db, read_only=True)  # read-only: the figure seen is not written each run
    best, median = _timed(runs, lambda: (tab.reload(), app.processEvents()))
    _line("home tab filled (offscreen)", best, median, HOME_TARGET_S)
    tab.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--audits", type=int, default=500)
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="leave the files in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: reuse the company")
    parser.add_argument("--skip-pack", action="store_true", help="do not time the audit pack")
    args = parser.parse_args()
    # How busy the machine is: this loop takes about 0.05 s on an idle laptop core; the figures
    # below scale with it when other work shares the cores.
    start = time.perf_counter()
    total = 0
    for n in range(1_000_000):
        total += n
    took = time.perf_counter() - start
    print(f"reference loop (1M additions): {took:.2f} s; load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "readiness-bench.qmsdb"
        if not (args.reuse and path.exists()):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            start = time.perf_counter()
            generate(
                path,
                documents=args.documents,
                n_people=args.people,
                n_items=args.items,
                n_audits=args.audits,
                n_actions=args.actions,
            ).close()
            print(f"Generated the company in {time.perf_counter() - start:.1f} s")
        db = open_database(path)
        try:
            on = dt.date.today()

            def read_home() -> object:
                with db.read() as s:
                    return home_view(s, on, 30)

            def read_readiness() -> object:
                with db.read() as s:
                    return readiness.evaluate(s, on)

            def first_readiness() -> object:
                engine._MEMO.clear()  # as the first look after a change to the file
                return read_readiness()

            with db.read() as s:
                items = due.due_items(s, on, 30)
                result = readiness.evaluate(s, on)
            print(f"{len(items):,} items due within 30 days; readiness {result.percent}%")
            _line("home view read (core)", *_timed(args.runs, read_home), HOME_TARGET_S)
            _line("readiness, first look", *_timed(args.runs, first_readiness), READINESS_TARGET_S)
            _line(
                "readiness, file unchanged", *_timed(args.runs, read_readiness), READINESS_TARGET_S
            )
            _home_tab(db, args.runs)
            ours = _timed(1, lambda: calendar_bytes(items, on))
            lib = _timed(1, lambda: with_library(items, on))
            print(
                f"calendar of {len(items):,} events: qmsdesk.core.calendar "
                f"{ours[0] * 1000:.0f} ms, the icalendar library {lib[0] * 1000:.0f} ms"
            )
        finally:
            db.close()
        ics = folder / "due.ics"
        command = [sys.executable, "-m", "qmsdesk", "due", "--db", str(path), "--ics", str(ics)]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        _line(
            "qmsdesk due --ics (whole process)",
            min(times),
            statistics.median(times),
            DUE_ICS_TARGET_S,
        )
        if args.skip_pack:
            return
        pack = folder / "pack.pdf"
        command = [
            sys.executable,
            "-m",
            "qmsdesk",
            "report",
            "audit-pack",
            "--db",
            str(path),
            "-o",
            str(pack),
        ]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        took = time.perf_counter() - start
        _line("audit pack PDF (whole process)", took, took, PACK_TARGET_S)
        from pypdf import PdfReader

        print(
            f"  the pack: {len(PdfReader(pack).pages):,} pages, {pack.stat().st_size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
