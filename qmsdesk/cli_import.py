"""The command line's `import`: a workbook of QMS Desk's own (sheets recognised by name), or with
``--as REGISTER`` any sheet of any spreadsheet through a column mapping."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from qmsdesk.core.db import Database
    from qmsdesk.core.exchange.mapping import Mapping
    from qmsdesk.core.exchange.workbook import ImportPlan

DESCRIPTION = (
    "Read a workbook written by export (or a filled-in template): its sheets say what it holds. "
    "With --as REGISTER, read one sheet of any spreadsheet (.xlsx, .xlsm, .ods, .csv) into that "
    "register: its header row is found below any title rows, and each column goes to the field "
    "its header suggests, or to the one --map names. Every problem is printed with its sheet, "
    "row and column; if there is any, nothing is written and the exit status is 1."
)

EPILOG = """\
examples:
  qmsdesk import "Master list.xlsx" --db acme.qmsdb --as documents \\
      --map "Doc No.=Document code" --map "Issue Date=Effective date" --dry-run
  qmsdesk import matrix.xlsx --db acme.qmsdb --as training-grid --done-date 2025-01-01

A field is named as the register's own export heads its column ("Effective date"), case and
spacing forgiven; --map "Column=" leaves a column out. --mapping reads a mapping saved with
--save-mapping (or by the window), where values, defaults and rules can be given as well.
"""


def add_import_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    import argparse

    imp = sub.add_parser(
        "import",
        help="read a workbook, or any sheet with --as, into the company file",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--db", type=Path, required=True, help="company file to write")
    imp.add_argument(
        "--dry-run", action="store_true", help="check and show the plan, write nothing"
    )
    imp.add_argument(
        "--as",
        dest="register",
        metavar="REGISTER",
        help="the register to read one sheet into (documents, people, training-records, "
        "training-grid, actions, audits...)",
    )
    imp.add_argument("--sheet", metavar="NAME", help="with --as: the sheet (default the first)")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="with --as: the field a column gives (repeat for more)",
    )
    imp.add_argument("--mapping", type=Path, metavar="FILE.json", help="with --as: a saved mapping")
    imp.add_argument(
        "--save-mapping", type=Path, metavar="FILE.json", help="with --as: save the mapping used"
    )
    imp.add_argument(
        "--done-date",
        metavar="DATE",
        help="with --as training-grid: the date of the ticks that carry none",
    )
    imp.add_argument(
        "--take-over",
        action="store_true",
        help="go ahead when the file was left open on another computer (QMS Desk crashed there, "
        "or that computer lost the network); only when QMS Desk is no longer running there",
    )


def cli_mapping(args: argparse.Namespace) -> Mapping:
    """The mapping the options give: --mapping or the suggestions, then each --map."""
    from qmsdesk.core.errors import QmsError
    from qmsdesk.core.exchange import mapping as m

    word = m.register_word(args.register)
    base: Mapping | None = m.Mapping.load(args.mapping) if args.mapping else None
    if base is not None and m.register_word(base.register) != word:
        raise QmsError(
            f"{args.mapping.name} maps columns to the {base.register} register, not to "
            f"{args.register}."
        )
    if word == m.GRID:
        mapping = base or m.Mapping(register=m.GRID)
        if args.sheet:
            mapping.sheet = args.sheet
        if args.done_date:
            mapping.done_date = args.done_date
        if args.map:
            raise QmsError("--map is for a register's columns; a training grid has none to map.")
        return mapping
    if args.done_date:
        raise QmsError("--done-date is for --as training-grid only.")
    target = m.target(word)
    with m.Source(args.file) as source:
        name = m.pick_sheet(source, args.sheet or (base.sheet if base else None))
        raw = source.sheet(name)
    if base is None:
        mapping = m.suggested_mapping(target, name, raw.values)
    else:
        mapping = base
        mapping.sheet = name
    explicit: dict[str, str] = {}
    for item in args.map:
        column, sep, field_name = item.partition("=")
        if not sep or not column.strip():
            raise QmsError(f"--map takes COLUMN=FIELD, not '{item}'.")
        if column.strip() in explicit:
            raise QmsError(f"--map names the column '{column.strip()}' twice.")
        name = field_name.strip()
        explicit[column.strip()] = target.field(name).key if name else ""
    for other, given in list(mapping.columns.items()):
        if other not in explicit and given and given in explicit.values():
            mapping.columns[other] = ""  # the column --map names takes the field
    mapping.columns.update(explicit)
    for key in explicit.values():
        mapping.rules.pop(key, None)
    return mapping


def describe(mapping: Mapping) -> list[str]:
    from qmsdesk.core.exchange import mapping as m

    if mapping.register == m.GRID:
        return []
    target = m.target(mapping.register)
    lines = [f"Into the {target.word} register, sheet '{mapping.sheet}':"]
    for header, key in mapping.columns.items():
        if key:
            lines.append(f"  {header!r} -> {target.spec.column(key).header}")
    for key, rule in mapping.rules.items():
        lines.append(f"  {target.spec.column(key).header}: {target.rule(key, rule).label}")
    for key, value in mapping.defaults.items():
        lines.append(f"  {target.spec.column(key).header}: '{value}' for every row")
    return lines


def plan_for(db: Database, args: argparse.Namespace) -> ImportPlan:
    from qmsdesk.core.exchange import mapping as m
    from qmsdesk.core.exchange import registry

    if not args.register:
        for option in ("sheet", "mapping", "save_mapping", "done_date"):
            if getattr(args, option):
                flag = "--" + option.replace("_", "-")
                raise registry.ParameterError(f"{flag} goes with --as REGISTER.")
        if args.map:
            raise registry.ParameterError("--map goes with --as REGISTER.")
        return registry.plan_import(db, args.file)
    mapping = cli_mapping(args)
    for line in describe(mapping):
        print(line)
    if args.save_mapping:
        mapping.save(args.save_mapping)
        print(f"Saved the mapping to {args.save_mapping}.")
    return m.plan_mapped(db, args.file, mapping, mapping.sheet or None)


def print_problems(plan: ImportPlan) -> None:
    from qmsdesk.core.text import plural

    print(f"\n{plural(len(plan.problems), 'problem')}; nothing was written:", file=sys.stderr)
    for problem in plan.problems:
        print(f"  {problem}", file=sys.stderr)
