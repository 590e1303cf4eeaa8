"""Time the mapped import to the preview (issue 15's targets: a 10,000-row master list through a
saved mapping in 1.5 s; a 500-person x 150-course training grid in 2 s).

Usage: .venv/bin/python -m benchmarks.bench_import [--documents 10000] [--people 500]
       [--courses 150] [--runs 3] [--keep DIR]

It writes (untimed) a legacy master list as a firm keeps it (two title rows, "Doc No.", "Issue
Date", "Status" Current / Obsolete, no type column, a next review date) and saves its mapping
(the suggested one) to JSON, then times, from the files to the preview (:class:`ImportPlan`):
- master list, empty file: the mapping read from JSON, the sheet read, mapped and every row
  checked by the documents' rules and planned as new;
- master list, same file: the same into a company file that already holds those documents
  (every row found unchanged, the usual case when the list comes back);
- training grid: a grid of people down and courses across (dates, ticks, R, n/a, blanks) into
  an empty company file: every person and course planned as new, with their requirements and
  records.
Figures are the best and the median wall time of --runs runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from qmsdesk.core.dates import add_months
from qmsdesk.core.db import open_database
from qmsdesk.core.exchange import mapping as m

MASTER_TARGET_S = 1.5
GRID_TARGET_S = 2.0
_STATUS = ("Current", "Current", "Current", "Live", "Issued", "Obsolete")
_PREFIX = ("QM", "QP", "WI", "F", "FRM")


def _timed(runs: int, job: Callable[[], object]) -> tuple[float, float, float]:
    """Best and median wall time, and the best CPU time (all threads) of `runs` runs: on a
    machine shared with other work the CPU time says what an idle one would take."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        job()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu)


def write_master_list(path: Path, count: int) -> None:
    rng = random.Random(15)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Master list")
    sheet.append(["Benchmark Manufacturing Ltd"])
    sheet.append(["Master document list (controlled copy)"])
    sheet.append(["Doc No.", "Document Title", "Rev", "Issue Date", "Document Owner", "Status",
                  "Next Review Date"])  # fmt: skip
    today = dt.date.today()
    for i in range(1, count + 1):
        issued = today - dt.timedelta(days=rng.randint(30, 1500))
        status = _STATUS[i % len(_STATUS)]
        review = None if status == "Obsolete" else add_months(issued, 24)
        sheet.append([f"{_PREFIX[i % len(_PREFIX)]}-{i:06d}", f"Document number {i}",
                      chr(65 + i % 5), issued, f"Owner {i % 40}", status, review])  # fmt: skip
    book.save(path)


def write_grid(path: Path, people: int, courses: int) -> None:
    rng = random.Random(3)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Training matrix")
    sheet.append(["Training matrix"])
    sheet.append(["Name", "Department", *(f"Course {c:03d}" for c in range(courses))])
    today = dt.date.today()
    for p in range(people):
        cells: list[object] = []
        for _c in range(courses):
            roll = rng.random()
            if roll < 0.35:
                cells.append(today - dt.timedelta(days=rng.randint(10, 900)))
            elif roll < 0.45:
                cells.append("x")
            elif roll < 0.55:
                cells.append("R")
            elif roll < 0.65:
                cells.append("n/a")
            else:
                cells.append(None)
        sheet.append([f"Person {p:04d}", f"Dept {p % 12}", *cells])
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--courses", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="leave the files in this folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        master = folder / "master list.xlsx"
        grid = folder / "training grid.xlsx"
        write_master_list(master, args.documents)
        write_grid(grid, args.people, args.courses)
        saved = folder / "master list mapping.json"
        with m.Source(master) as source:
            raw = source.sheet("Master list")
            m.suggested_mapping(m.target("documents"), raw.name, raw.values).save(saved)
        for name in ("empty.qmsdb", "held.qmsdb", "grid.qmsdb"):
            (folder / name).unlink(missing_ok=True)
        empty = open_database(folder / "empty.qmsdb", create=True)
        held = open_database(folder / "held.qmsdb", create=True)
        grid_db = open_database(folder / "grid.qmsdb", create=True)
        try:
            first = m.plan_mapped(held, master, m.Mapping.load(saved))
            assert not first.problems, first.problems[:3]
            first.apply(held, "benchmark")

            def master_plan(db: object) -> None:
                plan = m.plan_mapped(db, master, m.Mapping.load(saved))  # type: ignore[arg-type]
                assert not plan.problems, plan.problems[:3]

            def grid_plan() -> None:
                done = m.Mapping(register=m.GRID, done_date=dt.date.today().isoformat())
                plan = m.plan_mapped(grid_db, grid, done)
                assert not plan.problems, plan.problems[:3]

            results = {
                "master list, empty file": (
                    _timed(args.runs, lambda: master_plan(empty)),
                    MASTER_TARGET_S,
                ),
                "master list, same file": (
                    _timed(args.runs, lambda: master_plan(held)),
                    MASTER_TARGET_S,
                ),
                "training grid, empty file": (_timed(args.runs, grid_plan), GRID_TARGET_S),
            }
            cells = m.plan_mapped(grid_db, grid, m.Mapping(register=m.GRID, done_date="2025-01-01"))
            counts = "; ".join(cells.summary_lines()[:4])
        finally:
            empty.close()
            held.close()
            grid_db.close()

    print(f"{args.documents:,}-row master list; {args.people} x {args.courses} grid ({counts})")
    print(f"best / median wall time and best CPU time of {args.runs} runs, to the preview:")
    for name, ((best, median, cpu), target) in results.items():
        verdict = "ok" if best <= target else "OVER"
        print(
            f"  {name:<28} {best:6.2f} s / {median:6.2f} s, CPU {cpu:5.2f} s  "
            f"(target {target} s: {verdict})"
        )


if __name__ == "__main__":
    main()
