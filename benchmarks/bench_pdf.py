"""Time the PDF master list of documents (target: under 3 s for 10,000 documents).

Usage: .venv/bin/python -m benchmarks.bench_pdf [--documents 10000] [--runs 5] [--keep DIR]
                                                [--profile]

It generates a register with benchmarks/generate.py (one revision a document: the master list
does not read them) and times `write_master_list` end to end: reading the rows, laying out every
page, writing the file. The first run in a process also registers the fonts (parsing the TrueType
files); it is timed apart. Figures are the best and the median wall time of --runs runs, and the
best CPU time. --profile prints the top functions of one more run (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate
from qmsdesk.core.exchange.documents_pdf import write_master_list

TARGET_S = 3.0


def _timed(runs: int, job: Callable[[], object]) -> tuple[float, float, float]:
    """Best and median wall time, and the best CPU time of `runs` runs."""
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
    parser.add_argument("--profile", action="store_true", help="profile one more run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        db = generate(folder / "bench.qmsdb", args.documents, 1)
        out = folder / "master-list.pdf"
        pages: list[int] = []

        def job() -> None:
            write_master_list(db, out, progress=lambda done, total: pages.append(total))

        try:
            start = time.perf_counter()
            job()
            first = time.perf_counter() - start
            best, median, cpu = _timed(args.runs, job)
            if args.profile:
                profiler = cProfile.Profile()
                profiler.runcall(job)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        finally:
            db.close()
        size = out.stat().st_size

    verdict = "ok" if best < TARGET_S else "OVER"
    print(
        f"{args.documents:,} documents; {pages[-1]} pages, {size / 1e6:.1f} MB; "
        f"best / median of {args.runs} runs"
    )
    print(
        f"  master list PDF   {best:6.2f} s / {median:6.2f} s  (CPU {cpu:5.2f} s)   "
        f"target {TARGET_S} s: {verdict}"
    )
    print(f"  (first run, fonts registered) {first:6.2f} s")


if __name__ == "__main__":
    main()
