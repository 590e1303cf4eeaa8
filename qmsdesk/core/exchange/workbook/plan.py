"""Planning an import: sheets recognised by name, rows checked by each register's importer, one
:class:`ImportPlan` that writes nothing until :meth:`ImportPlan.apply` does it all in one
transaction.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.workbook.read import SheetTable, WorkbookReader
from qmsdesk.core.exchange.workbook.spec import (
    INFO_SHEETS,
    SHEET_MODULES,
    Progress,
    SheetSpec,
    gc_paused,
)
from qmsdesk.core.text import normalise_header, plural

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database


class Action(StrEnum):
    ADD = "add"
    CHANGE = "change"
    UNCHANGED = "unchanged"


# Named tuples rather than dataclasses: an import of 40,000 rows builds one or more of each per row,
# and a tuple is built five times faster.
class FieldChange(NamedTuple):
    """A field an import sets: its label, the value before ("" for a new record) and after."""

    field: str
    old: str
    new: str


class PlanItem(NamedTuple):
    """One row of a sheet and what importing it does."""

    action: Action
    key: str  # what the user knows the record by (a document code, "QP-07-01 rev. C")
    row: int  # the sheet row
    changes: tuple[FieldChange, ...] = ()


Apply = Callable[["Session", str], None]


@dataclass
class SheetPlan:
    """What importing one sheet does; `apply` writes it in the session it is given."""

    sheet: str  # the sheet's name in the workbook
    title: str  # what it holds, e.g. "Documents"
    items: list[PlanItem] = field(default_factory=list)
    apply: Apply | None = None

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action == action)

    def summary_line(self) -> str:
        add, change = self.count(Action.ADD), self.count(Action.CHANGE)
        same = self.count(Action.UNCHANGED)
        return f"{self.title}: {add} to add, {change} to change, {same} unchanged"


class PlanContext:
    """What the sheets of one import share while they are planned (e.g. the codes on a sheet)."""

    def __init__(self, tick: Callable[[int], None]) -> None:
        self.shared: dict[str, Any] = {}
        self.tick = tick
        # Sheets (by spec name) that are in the workbook but could not be read: other sheets that
        # refer to them leave those references unchecked rather than report each one.
        self.unreadable: set[str] = set()


class SheetImporter(Protocol):
    """A register's reader for one kind of sheet. Importers run in `order`, lowest first."""

    spec: SheetSpec
    order: int

    def existing(self, session: Session) -> Any:
        """What the company file holds that the rows will be compared with.

        It is read while the workbook is still being read in the background.
        """

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, existing: Any
    ) -> tuple[SheetPlan, list[Problem]]:
        """Check every row and say what importing it does; write nothing."""


def sheet_importers() -> list[SheetImporter]:
    found: list[SheetImporter] = []
    for module_name in SHEET_MODULES:
        found.extend(importlib.import_module(module_name).SHEET_IMPORTERS)
    return sorted(found, key=lambda imp: imp.order)


@dataclass
class ImportPlan:
    """What importing a workbook would do. Nothing is written until :meth:`apply`."""

    path: Path
    db_path: Path
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetPlan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _applied: bool = False

    def summary_lines(self) -> list[str]:
        lines = [sheet.summary_line() for sheet in self.sheets]
        return lines + self.notes

    @property
    def has_changes(self) -> bool:
        return any(item.action != Action.UNCHANGED for sheet in self.sheets for item in sheet.items)

    def apply_with_backup(self, db: Database, user: str, progress: Progress | None = None) -> Path:
        """What an import from the window or the command line does: back the company file up
        first (reason "before import"; `progress` follows the copy), then :meth:`apply`.

        A plan that cannot be applied is refused before any copy is made. Returns the backup's
        path, to tell the user where the file as it was is kept.
        """
        from qmsdesk.core import backups

        self._check(db)
        saved = backups.make_backup(Path(db.path), "before import", progress)
        self.apply(db, user)
        return saved

    def apply(self, db: Database, user: str) -> None:
        """Write every sheet in one transaction; refuse a plan that has problems.

        It makes no backup: see :meth:`apply_with_backup`."""
        self._check(db)
        # The plan's rows are still alive while the writes build as many again: the collector
        # would walk them all, over and over (measured: a third of the time of writing 10,000 new
        # documents).
        with gc_paused(), db.write() as session:
            for sheet in self.sheets:
                if sheet.apply is not None:
                    sheet.apply(session, user)
        self._applied = True

    def _check(self, db: Database) -> None:
        """Refuse a plan with problems, one applied already, or one made for another file."""
        if self.problems:
            raise QmsError(
                f"{self.path.name} has {plural(len(self.problems), 'problem')}; nothing was "
                "imported. "
                "Correct them in the workbook and import it again."
            )
        if self._applied:
            raise QmsError(f"{self.path.name} has been imported already.")
        if Path(db.path).resolve() != self.db_path.resolve():
            raise QmsError("This import was checked against another company file; check it again.")


def plan_import(db: Database, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read a workbook, recognise its sheets and say what importing it would do (writes nothing).

    Raises QmsError when the file cannot be read as a workbook at all; everything wrong inside it
    is a :class:`Problem` of the plan, located by sheet, row and column.
    """
    with gc_paused():
        return _plan_import(db, Path(path), progress)


def _plan_import(db: Database, path: Path, progress: Progress | None) -> ImportPlan:
    plan = ImportPlan(path=path, db_path=Path(db.path))
    importers = sheet_importers()
    with WorkbookReader(path) as reader:
        chosen: list[tuple[SheetImporter, str]] = []
        for sheet in reader.sheet_names:
            importer = next((imp for imp in importers if imp.spec.matches(sheet)), None)
            if importer is None:
                if normalise_header(sheet) not in INFO_SHEETS:
                    plan.notes.append(f"Sheet '{sheet}' was not read: QMS Desk does not know it.")
                continue
            if any(imp is importer for imp, _ in chosen):
                other = next(s for imp, s in chosen if imp is importer)
                plan.problems.append(
                    Problem(
                        sheet,
                        None,
                        None,
                        f"This sheet and the sheet '{other}' both hold "
                        f"{importer.spec.name.lower()}; keep one of them.",
                    )
                )
                continue
            chosen.append((importer, sheet))
        if not chosen:
            names = ", ".join(f"'{n}'" for n in reader.sheet_names) or "none"
            known = ", ".join(f"'{imp.spec.name}'" for imp in importers)
            plan.problems.append(
                Problem(
                    reader.sheet_names[0] if reader.sheet_names else path.name,
                    None,
                    None,
                    f"No sheet of this workbook holds anything QMS Desk can import (its sheets: "
                    f"{names}). Sheets are recognised by name: {known}. Rename your sheet, or "
                    "start from a template exported by QMS Desk.",
                )
            )
            return plan
        chosen.sort(key=lambda pair: pair[0].order)
        reader.prefetch(sheet for _, sheet in chosen)
        total = sum(max(0, reader.declared_rows(sheet) - 1) for _, sheet in chosen)
        done = 0

        def tick(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(min(done, total), total)

        if progress is not None:
            progress(0, total)
        context = PlanContext(tick)
        with db.read() as session:
            existing = [importer.existing(session) for importer, _ in chosen]
            for (importer, sheet), held in zip(chosen, existing, strict=True):
                table, problems = reader.read(sheet, importer.spec)
                plan.problems.extend(problems)
                if table is None:
                    context.unreadable.add(importer.spec.name)
                    continue
                plan.notes.extend(_unread_notes(sheet, table))
                sheet_plan, problems = importer.plan(session, table, context, held)
                plan.sheets.append(sheet_plan)
                plan.problems.extend(problems)
    order = {name: i for i, name in enumerate(reader.sheet_names)}
    plan.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
    return plan


def _unread_notes(sheet: str, table: SheetTable) -> list[str]:
    notes = []
    if table.hidden:
        notes.append(f"Sheet '{sheet}' is hidden in the workbook; it was read all the same.")
    if table.unknown:
        notes.append(
            f"Sheet '{sheet}': column(s) {', '.join(repr(c) for c in table.unknown)} not read "
            "(QMS Desk has no such field)."
        )
    return notes
