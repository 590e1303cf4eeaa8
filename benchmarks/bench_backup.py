"""Time a backup of a 100 MB company file (target: under 2 s), and the window's latency meanwhile.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_backup [--runs 5]
       [--megabytes 100]

- Backup: backups.make_backup (SQLite's online backup API into the backup folder, fsync, atomic
  rename, pruning to the policy) of a generated register of about --megabytes (documents with
  three revisions each, from benchmarks/generate.py; cached in benchmarks/out/). Best and median
  wall time of --runs runs. Target: under 2 s.
- Restore, for information: backups.restore of one of those backups (it backs the file up first,
  so it costs about two copies).
- The window while it backs up: QMS Desk's main window opens the file and makes the backup it
  makes on every open (a worker thread, progress in the status bar). A timer asks to fire every
  10 ms on the GUI thread meanwhile; the longest gap between two of its ticks is how long the
  window could not repaint or answer a key. Target: well under 100 ms (a blocked window would wait
  as long as the whole backup).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
TARGET_S = 2.0
LATENCY_TARGET_MS = 100.0
BYTES_PER_DOCUMENT = 930  # measured: 50,000 documents with 3 revisions each make 46 MB


def company_file(megabytes: int) -> Path:
    """The cached benchmark file of about `megabytes`, written the first time."""
    from benchmarks.generate import generate

    documents = megabytes * 1_000_000 // BYTES_PER_DOCUMENT
    path = OUT / f"backup-{megabytes}mb.qmsdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"Writing {documents:,} documents to {path} (once)…", flush=True)
        start = time.perf_counter()
        generate(path, documents, 3).close()
        print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def time_backups(path: Path, runs: int) -> list[float]:
    from qmsdesk.core import backups

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        backups.make_backup(path, "bench")
        times.append(time.perf_counter() - start)
    return times


def time_restore(path: Path) -> float:
    from qmsdesk.core import backups
    from qmsdesk.core.restore import restore

    backup = backups.list_backups(path)[0].path
    start = time.perf_counter()
    restore(backup, path)
    return time.perf_counter() - start


def window_latency(path: Path) -> tuple[float, float, int]:
    """(backup seconds, longest gap between 10 ms timer ticks in ms, ticks) for the backup the
    main window makes when it opens `path`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from qmsdesk.gui.main_window import MainWindow
    from qmsdesk.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(QSettings(str(Path(scratch) / "bench.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings)
        window.backup_delay_ms = 0
        window.show()
        gaps: list[int] = []
        clock, took = QElapsedTimer(), QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(10)
        ticker.timeout.connect(lambda: gaps.append(clock.restart()))
        finished: list[bool] = []
        window.job_finished.connect(lambda: finished.append(True))
        assert window.open_file(path)
        while not window.backup_progress.isVisible() and not finished:
            app.processEvents()
        clock.start()
        took.start()
        ticker.start()
        while not finished:
            app.processEvents()
            time.sleep(0.001)
        seconds = took.elapsed() / 1000
        ticker.stop()
        window.close()
    return seconds, float(max(gaps, default=0)), len(gaps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()

    source = company_file(args.megabytes)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / source.name
        shutil.copyfile(source, path)
        size_mb = path.stat().st_size / 1_000_000
        print(f"Company file: {size_mb:.0f} MB ({path.name})")

        times = time_backups(path, args.runs)
        best, median = min(times), statistics.median(times)
        verdict = "OK" if best < TARGET_S else "OVER TARGET"
        print(
            f"Backup (make_backup): best {best:.2f} s, median {median:.2f} s "
            f"({size_mb / best:.0f} MB/s) — target {TARGET_S:.1f} s: {verdict}"
        )
        print(f"Restore (backs the file up first, then copies): {time_restore(path):.2f} s")

        seconds, gap_ms, ticks = window_latency(path)
        verdict = "OK" if gap_ms < LATENCY_TARGET_MS else "OVER TARGET"
        print(
            f"Backup made by the window on opening: {seconds:.2f} s on a worker thread; the event "
            f"loop turned {ticks} times meanwhile, longest wait {gap_ms:.0f} ms — target "
            f"{LATENCY_TARGET_MS:.0f} ms: {verdict}"
        )


if __name__ == "__main__":
    main()
