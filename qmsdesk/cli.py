"""The command line: start the GUI, or do a job headless (for scripting and for the tests).

Each register adds its own words to `export`, `import` and `report` through the tables in
:mod:`qmsdesk.core.exchange.registry`; this module only parses and prints.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from qmsdesk import APP_NAME, __version__

EPILOG = """\
commands:
  qmsdesk                         start the app (the demo company the first time)
  qmsdesk demo FILE               write a demo company database
  qmsdesk export FILE.xlsx --db DB [--what WORD] [--template]
  qmsdesk import FILE.xlsx --db DB [--dry-run]
  qmsdesk report WORD --db DB -o OUT.pdf

Run 'qmsdesk COMMAND --help' for the words each command takes.
Exit status: 0 done, 1 problems found (nothing written), 2 wrong arguments or unreadable files.
"""


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME", "unknown")


def build_parser() -> argparse.ArgumentParser:
    from qmsdesk.core.exchange import registry

    parser = argparse.ArgumentParser(
        prog="qmsdesk",
        description=f"{APP_NAME} {__version__}: keep an ISO 9001:2015 quality management system.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", type=Path, help="start the app on this company file (.qmsdb)")
    # For smoke tests and benchmarks: close the app this many milliseconds after the register shows.
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="write a demo company database to FILE")
    demo.add_argument("file", type=Path, metavar="FILE")
    demo.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    export = sub.add_parser(
        "export",
        help="write a register to an Excel workbook",
        description="Write a register to an Excel workbook (.xlsx).",
        epilog="words for --what:\n"
        + "\n".join(f"  {w:<22}{e.help}" for w, e in registry.EXPORTS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("file", type=Path, metavar="FILE.xlsx")
    export.add_argument("--db", type=Path, required=True, help="company file to read")
    export.add_argument(
        "--what", choices=list(registry.EXPORTS), default="documents", help="what to export"
    )
    export.add_argument(
        "--template", action="store_true", help="write a blank template to fill in and import"
    )

    imp = sub.add_parser(
        "import",
        help="read an Excel workbook into the company file",
        description="Read a workbook written by export (or a filled-in template). Its sheets say "
        "what it holds. Every problem is printed with its sheet, row and column; if there is any, "
        "nothing is written and the exit status is 1.",
    )
    imp.add_argument("file", type=Path, metavar="FILE.xlsx")
    imp.add_argument("--db", type=Path, required=True, help="company file to write")
    imp.add_argument(
        "--dry-run", action="store_true", help="check and show the plan, write nothing"
    )
    imp.add_argument(
        "--user",
        default=_default_user(),
        help="name written in the change history (default: %(default)s)",
    )

    report = sub.add_parser(
        "report",
        help="print a PDF report",
        description="Write a PDF report.",
        epilog="words:\n" + "\n".join(f"  {w:<22}{e.help}" for w, e in registry.REPORTS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("what", choices=list(registry.REPORTS), metavar="WORD")
    report.add_argument("--db", type=Path, required=True, help="company file to read")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    report.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra input some reports take",
    )
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from qmsdesk.gui.app import run_gui

        return run_gui(args.db, quit_after_ms=args.quit_after)
    from qmsdesk.core.errors import QmsError

    try:
        return _COMMANDS[args.command](args)
    except QmsError as exc:
        print(f"qmsdesk: {exc}", file=sys.stderr)
        return 2


def _open(path: Path):  # type: ignore[no-untyped-def]
    from qmsdesk.core.db import open_database

    db = open_database(path)
    if db.report.backup is not None:
        print(f"Upgraded {path.name}; a copy of the old file is in {db.report.backup}")
    return db


def _demo(args: argparse.Namespace) -> int:
    from qmsdesk.core.demo import write_demo

    with write_demo(args.file, overwrite=args.force) as db, db.read() as session:
        from qmsdesk.core import documents

        total = documents.counts(session).total
    print(f"Wrote the demo company to {args.file} ({total} documents).")
    return 0


def _export(args: argparse.Namespace) -> int:
    from qmsdesk.core.exchange import registry

    entry = registry.EXPORTS[args.what]
    with _open(args.db) as db:
        rows = entry.write(db, args.file, template=args.template)
    kind = "template" if args.template else f"{rows} rows"
    print(f"Wrote {args.file} ({kind}).")
    return 0


def _import(args: argparse.Namespace) -> int:
    from qmsdesk.core.exchange import registry

    with _open(args.db) as db:
        plan = registry.plan_import(db, args.file)
        for line in plan.summary_lines():
            print(line)
        if plan.problems:
            print(f"\n{len(plan.problems)} problem(s); nothing was written:", file=sys.stderr)
            for problem in plan.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        plan.apply(db, args.user)
    print(f"Imported {args.file} into {args.db}.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from qmsdesk.core.exchange import registry

    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            print(f"qmsdesk: --param takes NAME=VALUE, not '{item}'", file=sys.stderr)
            return 2
        params[name.strip()] = value.strip()
    entry = registry.REPORTS[args.what]
    with _open(args.db) as db:
        entry.write(db, args.output, **params)
    print(f"Wrote {args.output}.")
    return 0


_COMMANDS = {"demo": _demo, "export": _export, "import": _import, "report": _report}
