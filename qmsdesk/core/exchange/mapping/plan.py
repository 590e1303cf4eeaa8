"""Planning a mapped import: one sheet of any spreadsheet, read through a mapping into a
register's sheet, checked by that register's own importer; the usual :class:`ImportPlan`
(added / changed / unchanged, every problem by sheet, row and column, one apply)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.mapping.apply import mapped_table
from qmsdesk.core.exchange.mapping.model import Mapping
from qmsdesk.core.exchange.mapping.source import Source
from qmsdesk.core.exchange.mapping.targets import GRID, target
from qmsdesk.core.exchange.workbook.plan import ImportPlan, PlanContext, SheetImporter
from qmsdesk.core.exchange.workbook.read import SheetTable
from qmsdesk.core.exchange.workbook.spec import Progress, gc_paused

if TYPE_CHECKING:
    from qmsdesk.core.db import Database


def pick_sheet(source: Source, sheet: str | None) -> str:
    """The sheet named (case forgiven), or the only / first sheet holding anything."""
    if sheet:
        for name in source.sheet_names:
            if name == sheet or name.casefold() == sheet.casefold():
                return name
        known = ", ".join(f"'{n}'" for n in source.sheet_names)
        raise QmsError(f"{source.path.name} has no sheet '{sheet}' (its sheets: {known}).")
    if not source.sheet_names:
        raise QmsError(f"{source.path.name} has no sheet.")
    return source.sheet_names[0]


def plan_mapped(
    db: Database,
    path: Path,
    mapping: Mapping,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read one sheet of `path` through `mapping` into the register it names and say what
    importing it would do (writes nothing)."""
    with gc_paused(), Source(Path(path)) as source:
        name = pick_sheet(source, sheet or mapping.sheet or None)
        source.prefetch([name])
        plan = ImportPlan(path=Path(path), db_path=Path(db.path))
        if mapping.register == GRID:
            raw = source.sheet(name)
            from qmsdesk.core.exchange.mapping.grid import grid_tables

            with db.read() as session:
                tables, problems, notes = grid_tables(session, raw, mapping)
            plan.problems.extend(problems)
            plan.notes.extend(notes)
            if problems:
                return plan
            return run_tables(db, plan, tables, progress)
        chosen = target(mapping.register)
        # What the company file holds is read while the sheet is read in the background.
        with db.read() as session:
            held = chosen.importer.existing(session)
        raw = source.sheet(name)
        mapped = mapped_table(chosen, raw, mapping)
        plan.notes.extend(mapped.notes)
        plan.problems.extend(mapped.problems)
        if mapped.table is None:
            return plan
        if mapped.table.hidden:
            plan.notes.append(
                f"Sheet '{name}' is hidden in the workbook; it was read all the same."
            )
        return run_tables(db, plan, [(chosen.importer, mapped.table)], progress, [held])


def run_tables(
    db: Database,
    plan: ImportPlan,
    tables: list[tuple[SheetImporter, SheetTable]],
    progress: Progress | None = None,
    held: list[Any] | None = None,
) -> ImportPlan:
    """Have each importer plan its table, in the importers' order, sharing one context
    (`held`: what each importer's ``existing`` gave already, in the order of `tables`)."""
    total = sum(len(t.rows) for _i, t in tables)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(min(done, total), total)

    if progress is not None:
        progress(0, total)
    context = PlanContext(tick)
    given = held or [None] * len(tables)
    ordered = sorted(zip(tables, given, strict=True), key=lambda pair: pair[0][0].order)
    with db.read() as session:
        for (importer, table), existing in ordered:
            if existing is None:
                existing = importer.existing(session)
            sheet_plan, problems = importer.plan(session, table, context, existing)
            plan.sheets.append(sheet_plan)
            plan.problems.extend(problems)
    plan.problems.sort(key=_problem_order)
    return plan


def _problem_order(p: Problem) -> tuple[int, str]:
    return (p.row or 0, p.column or "")
