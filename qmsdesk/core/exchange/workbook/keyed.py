"""One importer for a sheet whose rows are records known by a key (a document code, an action's
reference): the loop every such register shares, written once.

For each row, in this order:

1. :meth:`KeyedImporter.row_key` reads the row's key (cheaply; it reports nothing) as a
   :class:`RowKey` (key as compared, name shown, key cell as written; build it with
   :data:`new_key`, which is faster). A row whose key is not there gets ``None``.
2. The stored record is looked up by key (:meth:`KeyedImporter.lookup`). When the row is not yet
   seen, has no refused cell and :meth:`KeyedImporter.as_exported` says it is exactly as the
   export wrote it, it is planned unchanged *without being parsed*: the usual case when a workbook
   comes back, and the measured fast path of a 10,000-row import. Keep that method a plain
   comparison of the cells with the stored row as exported.
3. :meth:`KeyedImporter.check_key` reports what is wrong with the key cells (required, unknown,
   not this record's).
4. A key already on an earlier row is refused, at the moment :attr:`KeyedImporter.duplicates`
   says (see :class:`Duplicates`), with :meth:`KeyedImporter.duplicate_message`.
5. :meth:`KeyedImporter.parse` turns the cells into the register's fields by the core's rules
   (the stored record given, to fill in the columns the sheet leaves out), reporting problems.
6. A row with any problem (or a refused cell) stops here. A new key goes to
   :meth:`KeyedImporter.adding`, a stored one to :meth:`KeyedImporter.changing`; each returns the
   fields to write and the :class:`FieldChange` list the preview shows (none: unchanged), or
   ``None`` to refuse the row (after reporting why). The plan names the row by
   :meth:`KeyedImporter.label` (by default the key's name; a row parsed may be named by its
   fields, e.g. "E1 Ann Lee").
7. The plan's one apply calls :meth:`KeyedImporter.write` with every :class:`Added` and
   :class:`Changed` row; a :class:`QmsError` raised there becomes the message of
   :func:`during_apply` (the company file changed since the workbook was checked).

A register subclasses :class:`KeyedImporter` and sets ``spec``, ``order`` and ``title``; it
overrides ``existing``, ``row_key``, ``parse`` and ``write`` at least. Per-sheet state (the columns
present, codes noted for other sheets) goes on the :class:`KeyedRun` in :meth:`KeyedImporter.begin`.
Problems are reported through a :class:`RowReport`, which leaves out cells refused while the sheet
was read (the reader reported them already).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from qmsdesk.core.errors import Problem, QmsError, ValidationError
from qmsdesk.core.exchange.workbook.plan import (
    Action,
    FieldChange,
    PlanContext,
    PlanItem,
    SheetPlan,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.exchange.workbook.read import SheetTable, TableRow
    from qmsdesk.core.exchange.workbook.spec import SheetSpec

K = TypeVar("K", bound=Hashable)  # a record's key, as compared (folded)
S = TypeVar("S")  # a stored record, as `lookup` gives it
F = TypeVar("F")  # a row's fields, as `parse` gives them and `write` takes them
H = TypeVar("H")  # what `existing` reads from the company file

#: ``FieldChange((label, old, new))``, built without the named tuple's Python ``__new__`` (a third
#: of the cost: the changes shown of each of 30,000 new rows).
field_change: Callable[[tuple[str, str, str]], FieldChange] = partial(tuple.__new__, FieldChange)


def during_apply(sheet: str, exc: QmsError) -> QmsError:
    """The error of an apply that found the company file changed since the plan was made."""
    detail = "; ".join(exc.problems[:5]) if isinstance(exc, ValidationError) else str(exc)
    return QmsError(
        f"Nothing was imported. The company file changed after the workbook was checked, and the "
        f"sheet '{sheet}' no longer fits it: {detail} Check the workbook again and import it."
    )


class RowReport:
    """Collects a row's problems, leaving out cells refused while the sheet was read."""

    __slots__ = ("problems", "row", "table")

    def __init__(self, table: SheetTable, row: TableRow) -> None:
        self.table, self.row = table, row
        self.problems: list[Problem] = []

    def __call__(self, key: str, message: str) -> None:
        if key not in self.row.bad:
            self.problems.append(self.table.problem(self.row.number, key, message))

    def always(self, key: str | None, message: str) -> None:
        """Report a problem of this row even if its cell was refused already."""
        self.problems.append(self.table.problem(self.row.number, key, message))


class RowKey(NamedTuple, Generic[K]):
    """A row's key: as compared, as the plan shows the record, and as written on the sheet."""

    key: K
    name: str  # what the user knows the record by ("QP-07-01", "QP-07-01 rev. C")
    text: str  # the key cell as written (trimmed)


#: ``RowKey((key, name, text))``, built without the named tuple's Python ``__new__`` (a third of
#: the cost; one is built for every row).
new_key: Callable[[tuple[Any, str, str]], RowKey[Any]] = partial(tuple.__new__, RowKey)


class Added(NamedTuple, Generic[K, F]):
    """A row that adds a record: what :meth:`KeyedImporter.write` is given."""

    row: int
    key: RowKey[K]
    fields: F


class Changed(NamedTuple, Generic[K, S, F]):
    """A row that changes a stored record (`stored` as it was when the plan was made)."""

    row: int
    key: RowKey[K]
    stored: S
    fields: F


class Duplicates(Enum):
    """When a key already on an earlier row is refused."""

    BEFORE_PARSE = "before"  # at once: the row is not parsed (its other problems not listed)
    ALONG = "along"  # with the row's other problems: the row is parsed, then refused
    AFTER_PARSE = "after"  # only for a row otherwise right; the first right row keeps the key


class KeyedRun(Generic[H]):
    """One sheet being planned: what the hooks share. `state` is the importer's own."""

    def __init__(self, session: Session, table: SheetTable, context: PlanContext, held: H) -> None:
        self.session, self.table, self.context, self.held = session, table, context, held
        self.state: Any = None


Changes = tuple[FieldChange, ...]


class KeyedImporter(Generic[H, K, S, F]):
    """A :class:`~qmsdesk.core.exchange.workbook.plan.SheetImporter` for keyed rows; see the
    module's documentation for the order of the hooks."""

    spec: SheetSpec
    order: int
    title: str  # what the plan calls the sheet's records, e.g. "Documents"
    duplicates = Duplicates.BEFORE_PARSE
    parse_keyless = False  # parse a row without a key anyway, to list its other problems
    tick_every = 500

    # --- hooks -------------------------------------------------------------------------------

    def existing(self, session: Session) -> H:
        """What the company file holds, read while the workbook is read in the background."""
        raise NotImplementedError

    def begin(self, run: KeyedRun[H]) -> None:
        """Set up what the sheet's rows share (``run.state``) before the first row."""

    def lookup(self, run: KeyedRun[H]) -> Callable[[K], S | None]:
        """The function that finds a stored record by key (by default ``run.held.get``)."""
        return run.held.get  # type: ignore[attr-defined]

    def row_key(self, run: KeyedRun[H], row: TableRow) -> RowKey[K] | None:
        """The row's key, or None when its key cells are empty. Reports nothing."""
        raise NotImplementedError

    def as_exported(self, run: KeyedRun[H], row: TableRow, stored: S) -> bool:
        """Whether the row holds the stored record exactly as exported (then it is not parsed)."""
        return False

    def check_key(
        self, run: KeyedRun[H], row: TableRow, key: RowKey[K] | None, report: RowReport
    ) -> None:
        """Report what is wrong with the key cells (by default: a missing key)."""
        if key is None:
            column = self.spec.columns[0].key
            report(column, f"A {self.spec.columns[0].header.lower()} is required here.")

    def duplicate_message(
        self, run: KeyedRun[H], row: TableRow, key: RowKey[K], first: int
    ) -> tuple[str, str]:
        """(column key, message) of a key already on row `first`."""
        return (
            self.spec.columns[0].key,
            f"'{key.text}' is on row {first} too; each goes on one row only.",
        )

    def parse(
        self, run: KeyedRun[H], row: TableRow, stored: S | None, report: RowReport
    ) -> F | None:
        """The row's fields by the core's rules (None when they cannot be had)."""
        raise NotImplementedError

    def adding(
        self, run: KeyedRun[H], row: TableRow, key: RowKey[K], fields: F, report: RowReport
    ) -> tuple[F, Changes] | None:
        """A new record: the fields to write and what the preview shows; None refuses the row."""
        return fields, ()

    def changing(
        self,
        run: KeyedRun[H],
        row: TableRow,
        key: RowKey[K],
        stored: S,
        fields: F,
        report: RowReport,
    ) -> tuple[F, Changes] | None:
        """A stored record: the fields to write and the changes (none: unchanged), or None."""
        return fields, ()

    def label(self, run: KeyedRun[H], key: RowKey[K], fields: F) -> str:
        """What the plan calls a parsed row (by default the key's name)."""
        return key.name

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[K, F]],
        changed: list[Changed[K, S, F]],
    ) -> None:
        """Write the plan's rows, in the import's one transaction."""
        raise NotImplementedError

    # --- the loop ----------------------------------------------------------------------------

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, held: H
    ) -> tuple[SheetPlan, list[Problem]]:
        run = KeyedRun(session, table, context, held)
        self.begin(run)
        problems: list[Problem] = []
        items: list[PlanItem] = []
        added: list[Added[K, F]] = []
        changed: list[Changed[K, S, F]] = []
        seen: dict[K, int] = {}
        # Bound once: 40,000 rows call them.
        row_key, as_exported, lookup = self.row_key, self.as_exported, self.lookup(run)
        check_key, parse, adding, changing = self.check_key, self.parse, self.adding, self.changing
        mode, every, parse_keyless = self.duplicates, self.tick_every, self.parse_keyless
        before, after = mode is Duplicates.BEFORE_PARSE, mode is Duplicates.AFTER_PARSE
        unchanged, add, change = Action.UNCHANGED, Action.ADD, Action.CHANGE
        # Named tuples built without their (Python) __new__: a third of the time of a row.
        fast_item = partial(tuple.__new__, PlanItem)
        new_added, new_changed = partial(tuple.__new__, Added), partial(tuple.__new__, Changed)
        named = type(self).label is not KeyedImporter.label
        label = self.label if named else None
        for count, row in enumerate(table.rows, 1):
            if count % every == 0:
                context.tick(every)
            rk = row_key(run, row)
            stored = None
            if rk is not None:
                key = rk.key
                stored = lookup(key)
                if (
                    stored is not None
                    and not row.bad
                    and key not in seen
                    and as_exported(run, row, stored)
                ):
                    seen[key] = row.number
                    items.append(fast_item((unchanged, rk.name, row.number, ())))
                    continue
            report = RowReport(table, row)
            check_key(run, row, rk, report)
            refused = False
            if rk is None:
                if not parse_keyless:
                    problems.extend(report.problems)
                    continue
            elif not after:
                first = seen.get(rk.key)
                if first is None:
                    seen[rk.key] = row.number
                else:
                    report.always(*self.duplicate_message(run, row, rk, first))
                    if before:
                        problems.extend(report.problems)
                        continue
                    refused = True
            fields = parse(run, row, stored, report)
            if report.problems:
                problems.extend(report.problems)
                continue
            if fields is None or row.bad or rk is None or refused:
                continue
            if after:
                first = seen.get(rk.key)
                if first is not None:
                    column, message = self.duplicate_message(run, row, rk, first)
                    problems.append(table.problem(row.number, column, message))
                    continue
                seen[rk.key] = row.number
            # `report` has no problem yet: it takes those of adding or changing.
            if stored is None:
                out = adding(run, row, rk, fields, report)
                if report.problems:
                    problems.extend(report.problems)
                if out is None:
                    continue
                added.append(new_added((row.number, rk, out[0])))
                name = rk.name if label is None else label(run, rk, out[0])
                items.append(fast_item((add, name, row.number, out[1])))
                continue
            result = changing(run, row, rk, stored, fields, report)
            if report.problems:
                problems.extend(report.problems)
            if result is None:
                continue
            name = rk.name if label is None else label(run, rk, result[0])
            if not result[1]:
                items.append(fast_item((unchanged, name, row.number, ())))
                continue
            changed.append(new_changed((row.number, rk, stored, result[0])))
            items.append(fast_item((change, name, row.number, result[1])))
        context.tick(len(table.rows) % every)
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                self.write(session, user, added, changed)
            except QmsError as exc:
                raise during_apply(sheet, exc) from exc

        return SheetPlan(sheet, self.title, items, apply), problems
