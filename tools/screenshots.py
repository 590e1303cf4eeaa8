"""Take a picture of every register of the demo company, as a new user first sees it.

Usage: .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--size 1366x768]

Runs offscreen (no screen needed): writes a fresh demo company to a temporary folder, opens it in
the main window at the given size (the commonest laptop screen by default), and saves one PNG per
register, named after it (``documents.png``, ``management-reviews.png``...). The README shows the
main ones; run this again after changing what a tab looks like.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def slug(title: str) -> str:
    """'Management reviews' -> 'management-reviews' (a file name legal everywhere)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, _, height = args.size.partition("x")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory() as folder:
        # Keep the user's own settings and recent files out of it.
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(Path(folder) / name.lower())
        from PySide6.QtWidgets import QApplication

        from qmsdesk.core.demo import write_demo
        from qmsdesk.gui.app import make_application
        from qmsdesk.gui.main_window import MainWindow
        from qmsdesk.gui.settings import Settings

        app = QApplication.instance() or make_application()
        demo = Path(folder) / "demo.qmsdb"
        write_demo(demo).close()
        MainWindow.backup_on_open = False
        window = MainWindow(Settings())
        window.resize(int(width), int(height))
        window.show()
        if not window.open_file(demo):
            print(f"Could not open the demo: {window.last_open_error}", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        written = []
        for index in window.tabs.shown_order():
            window.tabs.setCurrentIndex(index)
            for _ in range(5):
                app.processEvents()
            target = args.out / f"{slug(window.tabs.tabText(index))}.png"
            if not window.grab().save(str(target)):
                print(f"Could not write {target}", file=sys.stderr)
                return 1
            written.append(target.name)
        window.close()
        print(f"Wrote {len(written)} pictures to {args.out}: {', '.join(written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
