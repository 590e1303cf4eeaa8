"""The command line: start the GUI, or do a job headless (for scripting and for the tests).

Each register adds its own words to `export`, `import` and `report` through the tables in
:mod:`qmsdesk.core.exchange.registry`; this module only parses and prints.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from qmsdesk import APP_NAME, __version__

# argparse is imported by the functions that use it: starting the GUI does without it (see
# _gui_arguments), which saves the window's first paint the time to import it.
if TYPE_CHECKING:
    import argparse

    from qmsdesk.core.db import Database
    from qmsdesk.core.exchange.registry import Entry
    from qmsdesk.core.lock import CompanyLock

EPILOG = """\
commands:
  qmsdesk                         start the app (the demo company the first time)
  qmsdesk demo FILE               write a demo company database
  qmsdesk export FILE.xlsx --db DB [--what WORD] [--template]
  qmsdesk import FILE.xlsx --db DB [--dry-run] [--take-over]
  qmsdesk import FILE --db DB --as REGISTER [--sheet NAME] [--map "Column=field" ...]
                 [--mapping FILE.json] [--save-mapping FILE.json] [--dry-run]
                 [--done-date DATE]   (with --as training-grid)
  qmsdesk report WORD --db DB -o OUT.pdf [--review REF] [--audit REF] [--person NO]
  qmsdesk backup --db DB [--list]     copy the company file into its backup folder
  qmsdesk restore BACKUP --db DB [--take-over]
                                      put a backup in place (the current file is backed up first)
  qmsdesk check --db DB               check the file, its attachments and its change history
  qmsdesk due --db DB [--days N] [--ics FILE.ics]
                                      what is overdue or due soon, across every register

Run 'qmsdesk COMMAND --help' for the words each command takes.
Exit status: 0 done, 1 problems found (nothing written), 2 wrong arguments or unreadable files,
3 the company file is open for changes elsewhere, or was left open on another computer
(import and restore take it over with --take-over).
"""


def _default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME", "unknown")


def _add_gui_options(parser: argparse.ArgumentParser) -> None:
    import argparse

    parser.add_argument("--db", type=Path, help="start the app on this company file (.qmsdb)")
    # For smoke tests and benchmarks: close the app this many milliseconds after the register shows.
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)


_GUI_OPTIONS = {"--db": "db", "--quit-after": "quit_after"}


def _gui_arguments(argv: list[str]) -> SimpleNamespace | None:
    """The GUI's options (`--db FILE`, `--quit-after MS`, each at most once, `--db=FILE` too)
    when `argv` only starts the GUI, else None.

    Read without argparse: importing it and setting up every command's words and help take longer
    than drawing the window. Anything else (a command, --help, an abbreviation, a mistake) is for
    the full parser, which also says what is wrong."""
    values: dict[str, str] = {}
    rest = list(argv)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        key = _GUI_OPTIONS.get(name)
        if key is None or key in values:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        values[key] = value
    quit_after = values.get("quit_after")
    if quit_after is not None and not quit_after.lstrip("-").isdigit():
        return None
    db = values.get("db")
    return SimpleNamespace(
        db=None if db is None else Path(db),
        quit_after=None if quit_after is None else int(quit_after),
        command=None,
    )


def _add_take_over_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--take-over",
        action="store_true",
        help="go ahead when the file was left open on another computer (QMS Desk crashed there, "
        "or that computer lost the network); only when QMS Desk is no longer running there",
    )


def _words_help(table: dict[str, Entry], with_params: bool = False) -> str:
    lines = []
    for word, entry in table.items():
        lines.append(f"  {word:<22}{entry.help}")
        if with_params and entry.params:
            takes = ", ".join(
                p.usage() + (" (required)" if p.required else "") for p in entry.params
            )
            lines.append(f"  {'':<24}takes {takes}")
    return "\n".join(lines)


def _add_param_options(parser: argparse.ArgumentParser, table: dict[str, Entry], lead: str) -> None:
    """--review, --audit, --person...: one option for each parameter some word declares as one."""
    from qmsdesk.core.exchange import registry

    for name, (param, words) in registry.options(table).items():
        parser.add_argument(
            f"--{name}",
            metavar=param.metavar,
            help=f"{lead} {' and '.join(words)}: {param.help}",
        )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from qmsdesk.core.exchange import registry

    parser = argparse.ArgumentParser(
        prog="qmsdesk",
        description=f"{APP_NAME} {__version__}: keep an ISO 9001:2015 quality management system.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _add_gui_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="write a demo company database to FILE")
    demo.add_argument("file", type=Path, metavar="FILE")
    demo.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    export = sub.add_parser(
        "export",
        help="write a register to an Excel workbook",
        description="Write a register to an Excel workbook (.xlsx).",
        epilog="words for --what:\n" + _words_help(registry.EXPORTS),
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
    _add_param_options(export, registry.EXPORTS, "with --what")

    from qmsdesk.cli_import import add_import_parser

    add_import_parser(sub)
    imp = sub.choices["import"]
    imp.add_argument(
        "--user",
        default=_default_user(),
        help="name written in the change history (default: %(default)s)",
    )

    report = sub.add_parser(
        "report",
        help="print a PDF report",
        description="Write a PDF report.",
        epilog="words:\n" + _words_help(registry.REPORTS, with_params=True),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("what", choices=list(registry.REPORTS), metavar="WORD")
    report.add_argument("--db", type=Path, required=True, help="company file to read")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    _add_param_options(report, registry.REPORTS, "for")
    report.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter of the report, as listed with its word below (repeat for more)",
    )
    report.add_argument(
        "--force", action="store_true", help="for audit-pack --zip: replace a ZIP that exists"
    )

    backup = sub.add_parser(
        "backup",
        help="copy the company file into its backup folder",
        description="Make a consistent copy of the company file in its backup folder "
        "(FILE_files/backups), keeping the last 10 and one a day for 30 days.",
    )
    backup.add_argument("--db", type=Path, required=True, help="company file to back up")
    backup.add_argument("--list", action="store_true", help="list the backups instead")

    restore = sub.add_parser(
        "restore",
        help="put a backup in place of the company file",
        description="Replace the company file with a backup. The current file is backed up first.",
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.add_argument("--db", type=Path, required=True, help="company file to replace")
    _add_take_over_option(restore)

    check = sub.add_parser(
        "check",
        help="check the company file, its attachments and its change history",
        description="Run SQLite's integrity and foreign-key checks, verify every attachment "
        "against its recorded SHA-256 and the change history against its hash chain. "
        "Exit status 1 when anything is wrong.",
    )
    check.add_argument("--db", type=Path, required=True, help="company file to check")

    due = sub.add_parser(
        "due",
        help="list what is overdue or falls due soon, across every register",
        description="Print what is overdue and what falls due within --days days, overdue first "
        "(reference, what, due date, overdue or not, register). With --ics, also write it as an "
        "iCalendar file for Outlook, Thunderbird or Google Calendar; importing a newer file "
        "updates the events instead of adding them twice.",
    )
    due.add_argument("--db", type=Path, required=True, help="company file to read")
    due.add_argument("--days", type=int, default=30, help="how far ahead (default %(default)s)")
    due.add_argument("--ics", type=Path, metavar="FILE.ics", help="write an iCalendar file too")
    due.add_argument("--on", metavar="DATE", help="the day to judge against (default today)")
    return parser


def run(argv: list[str]) -> int:
    args = _gui_arguments(argv) or build_parser().parse_args(argv)
    if args.command is None:
        from qmsdesk.gui.app import run_gui

        return run_gui(args.db, quit_after_ms=args.quit_after)
    from qmsdesk.core.errors import QmsError
    from qmsdesk.core.lock import FileInUseError, LeftByAnotherComputerError

    command = cast("argparse.Namespace", args)  # only the full parser's answer has a command
    try:
        return _COMMANDS[command.command](command)
    except LeftByAnotherComputerError as exc:
        host = exc.owner.host if exc.owner else "that computer"
        print(f"qmsdesk: {exc.situation}", file=sys.stderr)
        print(
            f"If QMS Desk is no longer running on {host} (it was closed, or the computer crashed "
            "or lost the network), run the same command again with --take-over. If it is still "
            "open there, wait until it is closed: two computers changing the file at once would "
            "damage it.",
            file=sys.stderr,
        )
        return 3
    except FileInUseError as exc:
        print(f"qmsdesk: {exc.situation} Wait until it is closed there.", file=sys.stderr)
        return 3
    except QmsError as exc:
        print(f"qmsdesk: {exc}", file=sys.stderr)
        return 2


def _open(path: Path) -> Database:
    from qmsdesk.core.check import refuse_unsound
    from qmsdesk.core.db import open_database

    refuse_unsound(path)  # a damaged file is refused with the words `check` prints for it
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


def _given(
    args: argparse.Namespace, table: dict[str, Entry], pairs: list[str]
) -> dict[str, object]:
    """The parameters given: each --NAME option set, then each --param NAME=VALUE. Whether the
    word takes them is for its declaration (registry.Entry.arguments) to say."""
    from qmsdesk.core.exchange import registry

    given: dict[str, object] = {}
    for name in registry.options(table):
        value = getattr(args, name)
        if value:
            given[name] = value
    for item in pairs:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise registry.ParameterError(f"--param takes NAME=VALUE, not '{item}'.")
        given[name.strip()] = value.strip()
    return given


def _export(args: argparse.Namespace) -> int:
    from qmsdesk.core.exchange import registry

    entry = registry.EXPORTS[args.what]
    params = entry.arguments(_given(args, registry.EXPORTS, []))
    with _open(args.db) as db:
        rows = entry.write(db, args.file, template=args.template, **params)
    kind = "template" if args.template else f"{rows} rows"
    print(f"Wrote {args.file} ({kind}).")
    return 0


def _take_lock(args: argparse.Namespace, user: str | None = None) -> CompanyLock:
    """The write lock of `args.db` for import and restore; with --take-over, a file left open on
    another computer is taken over (and said so)."""
    from qmsdesk.core import lock

    held = lock.acquire(args.db, user, take_over=args.take_over)
    if held.stale_owner is not None:
        print(
            f"{args.db.name} was not closed properly by {held.stale_owner.describe()}; "
            "it has been taken over."
        )
    return held


def _import(args: argparse.Namespace) -> int:
    from qmsdesk.cli_import import plan_for, print_problems

    with _take_lock(args, args.user), _open(args.db) as db:
        plan = plan_for(db, args)
        for line in plan.summary_lines():
            print(line)
        if plan.problems:
            print_problems(plan)
            return 1
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        if not plan.has_changes:
            print("Nothing to change: the company file already holds all of it.")
        saved = plan.apply_with_backup(db, args.user)
        print(f"A copy of the file as it was is in {saved}")
    print(f"Imported {args.file} into {args.db}.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from qmsdesk.core.exchange import registry

    entry = registry.REPORTS[args.what]
    given = _given(args, registry.REPORTS, args.param)
    if args.force:
        given["force"] = "yes"
    params = entry.arguments(given)
    with _open(args.db) as db:
        entry.write(db, args.output, **params)
    print(f"Wrote {args.output}.")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from qmsdesk.core import backups
    from qmsdesk.core.db import migrate
    from qmsdesk.core.text import plural

    if args.list:
        found = backups.list_backups(args.db)
        for b in found:
            print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.size / 1e6:8.2f} MB  {b.reason:<30} {b.path}")
        print(f"{plural(len(found), 'backup')} of {args.db.name}.")
        for left in backups.unfinished(args.db):  # removed by the next backup once an hour old
            print(f"Unfinished copy left by an interrupted backup: {left}")
        return 0
    migrate.inspect_file(args.db)
    target = backups.make_backup(args.db, "manual")
    print(f"Wrote {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from qmsdesk.core.restore import restore

    with _take_lock(args):
        safety = restore(args.backup, args.db)
    print(f"Restored {args.backup.name} into {args.db}. The file as it was is in {safety}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from qmsdesk import paths
    from qmsdesk.core.check import check_file

    report = check_file(args.db, paths.attachments_dir(args.db), None, paths.backups_dir(args.db))
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def _due(args: argparse.Namespace) -> int:
    from qmsdesk.core import company, due
    from qmsdesk.core.calendar import register_name, write_calendar
    from qmsdesk.core.dates import parse_date, today
    from qmsdesk.core.errors import QmsError

    try:
        on = parse_date(args.on) if args.on else today()
    except ValueError as exc:
        raise QmsError(f"--on: {exc}") from exc
    on = on or today()
    if args.days < 0:
        raise QmsError("--days: give a number of days from 0 up.")
    with _open(args.db) as db, db.read() as session:
        items = due.due_items(session, on, args.days)
        name = company.get_info(session).name
    width = max([len(i.reference) for i in items] + [9])
    for item in items:
        late = "OVERDUE" if item.overdue(on) else "due"
        print(
            f"{item.reference:<{width}}  {item.due.isoformat()}  {late:<7}  "
            f"{register_name(item.register):<18}  {item.what}: {item.title}"
        )
    overdue = sum(1 for i in items if i.overdue(on))
    print(
        f"{len(items)} item(s) due within {args.days} days of {on.isoformat()}; {overdue} overdue."
    )
    if args.ics is not None:
        write_calendar(args.ics, items, on, name)
        print(f"Wrote {args.ics} ({len(items)} events).")
    return 0


_COMMANDS = {
    "due": _due,
    "demo": _demo,
    "export": _export,
    "import": _import,
    "report": _report,
    "backup": _backup,
    "restore": _restore,
    "check": _check,
}
