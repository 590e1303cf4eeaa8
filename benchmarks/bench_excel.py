"""Time the document register's Excel export and import (targets: 1.5 s each for 10,000 documents).

Usage: .venv/bin/python -m benchmarks.bench_excel [--documents 10000] [--runs 5] [--keep DIR]

It generates a register (three revisions a document) with benchmarks/generate.py, then times:
- export: the whole register (documents and revisions) to a new .xlsx;
- import, same file: plan_import of that workbook into the file it came from (every row is read,
  checked and found unchanged, the usual case when a workbook comes back);
- import, empty file: plan_import into an empty company file (every row is fully checked by the
  core's rules and planned as new).
Both imports include reading, validation and planning; neither writes (that is ImportPlan.apply,
timed once for information). Each figure is the best and the median wall time of --runs runs (the
machine's other load makes single runs vary), and the best CPU time of all threads: the import
reads the next sheet in a background thread, so with a free second core its wall time is less than
its CPU time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate
from qmsdesk.core.db import open_database
from qmsdesk.core.exchange.documents_xlsx import export_documents
from qmsdesk.core.exchange.workbook import plan_import

TARGET_S = 1.5


def _timed(runs: int, job: Callable[[], object]) -> tuple[float, float, float]:
    """Best and median wall time, and the best CPU time (all threads) of `runs` runs."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        job()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="leave the files in this folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        source = generate(folder / "bench.qmsdb", args.documents, 3)
        empty = open_database(folder / "empty.qmsdb", create=True)
        book = folder / "register.xlsx"
        try:
            results = {
                "export": _timed(args.runs, lambda: export_documents(source, book)),
                "import, same file": _timed(args.runs, lambda: plan_import(source, book)),
                "import, empty file": _timed(args.runs, lambda: plan_import(empty, book)),
            }
            plan = plan_import(empty, book)
            assert not plan.problems, plan.problems[:3]
            start = time.perf_counter()
            plan.apply(empty, "benchmark")
            applied = time.perf_counter() - start
        finally:
            source.close()
            empty.close()
        size = book.stat().st_size

    print(
        f"{args.documents:,} documents, {3 * args.documents:,} revisions; workbook "
        f"{size / 1e6:.1f} MB; best / median of {args.runs} runs"
    )
    for name, (best, median, cpu) in results.items():
        verdict = "ok" if best < TARGET_S else "OVER"
        print(
            f"  {name:<20} {best:6.2f} s / {median:6.2f} s  (CPU {cpu:5.2f} s)   "
            f"target {TARGET_S} s: {verdict}"
        )
    print(f"  {'(apply, once)':<20} {applied:6.2f} s")


if __name__ == "__main__":
    main()
