"""Time the GUI on a large register: start-up against a bare PySide6 window; filter as you type.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_gui [--runs 5]
       [--documents 50000] [--text "calibration procedure"]

- Start-up, each in a fresh process, median of --runs, from just before the process is started to
  the line "ready" on its stdout:
  (a) a bare PySide6 QMainWindow shown, printed from the first turn of its event loop;
  (b) QMS Desk on the large register (`python -m qmsdesk --db FILE --quit-after 0`), which prints
      "ready" once its window is shown with the register filled. Target: (b) < 2 x (a).
- Filter as you type, in this process: the search text is typed one character at a time on the
  large register; each figure is the time from setting the text until the model has been reset
  (target: under 50 ms each), and, for information, until the visible rows have been painted and
  the details pane (read once the event loop is free, as in the app) filled.
- Scrolling, in this process: jumps to parts of the register not shown yet, each painted.

The register (documents with three revisions each, from benchmarks/generate.py) is cached in
benchmarks/out/ and written again only when missing. Start-ups run with settings and data folders
of their own, so nothing of the user's is read or changed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
START_TARGET_RATIO = 2.0
FILTER_TARGET_MS = 50.0

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 880)
window.show()
def ready():
    print("ready", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""


FLOOR_WINDOW = BARE_WINDOW.replace(
    "import sys\n",
    "import sys\nimport qmsdesk.core.documents, qmsdesk.core.db, qmsdesk.core.company\n",
    1,
)


def register_file(documents: int) -> Path:
    """The cached benchmark register, written the first time."""
    from benchmarks.generate import generate
    from qmsdesk.core import documents as docs
    from qmsdesk.core.db import open_database
    from qmsdesk.core.errors import QmsError

    path = OUT / f"register-{documents}.qmsdb"
    if path.exists():
        try:
            with open_database(path, read_only=True) as db, db.read() as session:
                if docs.counts(session).total == documents:
                    return path
        except QmsError:
            pass
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"Writing {documents:,} documents to {path} (once)…", flush=True)
    start = time.perf_counter()
    generate(path, documents, 3).close()
    print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def time_to_ready(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    _out, err = process.communicate(timeout=120)
    if line.strip() != "ready" or process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-3000:]}")
    return elapsed


def start_up(path: Path, runs: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "XDG_DATA_HOME": str(Path(home) / "data"),
        }
        # Python's compiled-module cache is used as an installed app would use it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = [sys.executable, "-c", BARE_WINDOW]
        floor = [sys.executable, "-c", FLOOR_WINDOW]
        app = [sys.executable, "-m", "qmsdesk", "--db", str(path), "--quit-after", "0"]
        for command in (bare, floor, app):  # warm the disk cache and write .pyc files
            time_to_ready(command, env)
        times: dict[str, list[float]] = {"bare": [], "floor": [], "app": []}
        for _ in range(runs):  # interleaved, so that changes in the machine's load hit all alike
            times["bare"].append(time_to_ready(bare, env))
            times["floor"].append(time_to_ready(floor, env))
            times["app"].append(time_to_ready(app, env))
    return (
        statistics.median(times["bare"]),
        statistics.median(times["floor"]),
        statistics.median(times["app"]),
    )


def filter_as_you_type(
    path: Path, text: str, scroll_ms: list[float]
) -> list[tuple[str, int, float, float]]:
    """(text typed so far, rows shown, ms to reset, ms to reset and paint) per keystroke; the
    times of scrolling steps are added to `scroll_ms`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from qmsdesk.gui.app import make_application
    from qmsdesk.gui.main_window import MainWindow
    from qmsdesk.gui.settings import Settings

    # Offscreen Qt says it cannot pass size hints on, once a window; not worth printing.
    qInstallMessageHandler(lambda *_args: None)
    app = make_application()
    results = []
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(QSettings(str(Path(home) / "bench.ini"), QSettings.Format.IniFormat))
        MainWindow.backup_on_open = False
        window = MainWindow(settings)
        window.resize(1400, 880)
        assert window.open_file(path)
        window.show()
        QApplication.processEvents()
        tab = window.documents_tab
        # The search texts are read on a worker thread after opening; a user takes longer than
        # that to start typing. (Without them, the first letter also reads them: see below.)
        deadline = time.perf_counter() + 30
        while not tab.model.has_search_texts and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
        viewport = tab.table.viewport()

        def keystroke(typed: str) -> tuple[str, int, float, float]:
            start = time.perf_counter()
            tab.search.setText(typed)
            reset = time.perf_counter()
            viewport.repaint()
            # What the event loop does next: the details pane of the selected document.
            QApplication.processEvents()
            done = time.perf_counter()
            return typed, tab.model.rowCount(), (reset - start) * 1e3, (done - start) * 1e3

        for end in range(1, len(text) + 1):
            typed = text[:end]
            results.append(keystroke(typed))
        # And back, as when the text is deleted again.
        for end in range(len(text) - 1, -1, -1):
            typed = text[:end]
            results.append(keystroke(typed))
        # Scrolling: jumps to places not seen yet (each reads a page of rows) and back.
        tab.search.clear()
        QApplication.processEvents()
        bar = tab.table.verticalScrollBar()
        for position in [int(bar.maximum() * k / 20) for k in (*range(20), *range(20, -1, -4))]:
            start = time.perf_counter()
            bar.setValue(position)
            viewport.repaint()
            scroll_ms.append((time.perf_counter() - start) * 1e3)
        # The first letter typed before the texts were read ahead: it reads them itself.
        tab.search.clear()
        tab.model.refresh()
        start = time.perf_counter()
        tab.search.setText(text[:1])
        cold = (time.perf_counter() - start) * 1e3
        results.append((f"{text[:1]} (texts not read yet)", tab.model.rowCount(), cold, cold))
        window.close()
    app.processEvents()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--text", default="calibration procedure")
    args = parser.parse_args()

    path = register_file(args.documents)
    size = path.stat().st_size / 1e6
    print(
        f"Register: {args.documents:,} documents, {3 * args.documents:,} revisions ({size:.0f} MB)"
    )

    bare, floor, app = start_up(path, args.runs)
    ratio = app / bare
    verdict = "ok" if ratio < START_TARGET_RATIO else "OVER"
    print(f"Start-up, median of {args.runs} fresh processes (process start to 'ready'):")
    print(f"  (a) bare PySide6 window              {bare * 1e3:7.0f} ms")
    print(f"      the same after importing the core {floor * 1e3:6.0f} ms  (SQLAlchemy, models)")
    print(f"  (b) QMS Desk, register shown         {app * 1e3:7.0f} ms")
    print(f"  (b) / (a) = {ratio:.2f}   target < {START_TARGET_RATIO}: {verdict}")

    scroll_ms: list[float] = []
    rows = filter_as_you_type(path, args.text, scroll_ms)
    print(f"Filter as you type ({args.text!r}, then deleted again), per keystroke:")
    print(f"  {'text':<24}{'rows':>8}{'reset ms':>10}{'all ms':>9}")
    for typed, count, reset_ms, paint_ms in rows:
        print(f"  {typed!r:<24}{count:>8}{reset_ms:>10.1f}{paint_ms:>9.1f}")
    resets = [r[2] for r in rows[:-1]]
    worst = max(resets)
    verdict = "ok" if worst < FILTER_TARGET_MS else "OVER"
    print(
        f"  reset: median {statistics.median(resets):.1f} ms, worst {worst:.1f} ms   "
        f"target < {FILTER_TARGET_MS:.0f} ms: {verdict}"
    )
    print(f"  the first letter, had the texts not been read ahead yet: {rows[-1][2]:.1f} ms")
    print(
        f"Scrolling to unseen parts of the register and painting: median "
        f"{statistics.median(scroll_ms):.1f} ms, worst {max(scroll_ms):.1f} ms "
        f"({len(scroll_ms)} jumps)"
    )


if __name__ == "__main__":
    main()
