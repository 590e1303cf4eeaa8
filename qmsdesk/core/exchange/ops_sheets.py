"""The Excel sheets of the operations registers (customer feedback, satisfaction, changes, design
projects and stages): one importer shape for them all, on :class:`KeyedImporter`.

A register's sheet says how a stored row goes out (:meth:`RecordSheet.cells`, one value per
column key), how the cells come back as the values its core parser takes
(:meth:`RecordSheet.values`: people by name, a linked record by its reference), and which core
functions parse and save. Columns a sheet leaves out keep the stored values; a row exactly as
exported is not parsed at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from qmsdesk.core import company
from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.exchange.workbook import (
    Column,
    ColumnKind,
    FieldChange,
    Progress,
    Readme,
    SheetData,
    TableRow,
    write_workbook,
)
from qmsdesk.core.exchange.workbook.keyed import (
    Added,
    Changed,
    Changes,
    KeyedImporter,
    KeyedRun,
    RowKey,
    RowReport,
    new_key,
)
from qmsdesk.core.fields import FieldKind, Vocabulary
from qmsdesk.core.recordkit import person_ids_by_name, shown
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

_KINDS = {
    FieldKind.DATE: ColumnKind.DATE,
    FieldKind.INTEGER: ColumnKind.NUMBER,
    FieldKind.NUMBER: ColumnKind.NUMBER,
    FieldKind.CHOICE: ColumnKind.CHOICE,
}


def columns(
    vocab: Vocabulary,
    widths: Mapping[str, float],
    *,
    keys: Mapping[str, str] | None = None,
    required: Sequence[str] = (),
    computed: Sequence[str] = (),
) -> tuple[Column, ...]:
    """The sheet's columns from the register's vocabulary: header, help, kind and drop-down.
    `keys` renames a field's column (the owner's id goes out as the column "owner": a name)."""
    out = []
    for f in vocab:
        if f.key not in widths:
            continue
        out.append(
            Column(
                (keys or {}).get(f.key, f.key),
                f.label,
                _KINDS.get(f.kind, ColumnKind.TEXT),
                required=f.key in required,
                choices=f.choices,
                computed=f.key in computed,
                width=widths[f.key],
                help=f.help,
            )
        )
    return tuple(out)


def _norm(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


@dataclass
class Held:
    rows: dict[str, Any]  # folded key -> stored row
    people: dict[str, int]  # folded name -> id
    extra: dict[str, Any] = field(default_factory=dict)


class RecordSheet(KeyedImporter[Held, str, Any, Any]):
    """A sheet of records known by their reference (or another key the register builds)."""

    key_column = "reference"
    #: field name of the core -> the column key it comes from (when they differ)
    field_columns: Mapping[str, str] = {}
    labels: Mapping[str, str] = {}

    # --- what a register says --------------------------------------------------------------

    def stored_rows(self, session: Session) -> Sequence[Any]:
        raise NotImplementedError

    def more(self, session: Session) -> dict[str, Any]:
        """Anything else the rows are checked against (the actions by reference...)."""
        return {}

    def cells(self, row: Any) -> dict[str, object]:
        """A stored row as the export writes it, by column key."""
        raise NotImplementedError

    def values(
        self, held: Held, cells: Mapping[str, object], report: Callable[[str, str], None]
    ) -> dict[str, object]:
        """The cells (by column key) as the values the core parser takes (by field name)."""
        return dict(cells)

    def from_values(
        self, held: Held, values: Mapping[str, object], stored: Any
    ) -> tuple[Any, list[FieldProblem]]:
        raise NotImplementedError

    def save(
        self, session: Session, user: str, added: list[Any], changed: list[tuple[Any, Any]]
    ) -> None:
        """`changed`: (stored row, fields)."""
        raise NotImplementedError

    def key_of(self, row: Any) -> str:
        return str(getattr(row, self.key_column))

    def show(self, name: str, value: object) -> str:
        return shown(value)

    # --- the shared part ---------------------------------------------------------------------

    def exported_rows(self, rows: Sequence[Any]) -> list[tuple[object, ...]]:
        keys = [c.key for c in self.spec.columns]
        out = []
        for r in rows:
            cells = self.cells(r)
            out.append(tuple(cells.get(k) for k in keys))
        return out

    def existing(self, session: Session) -> Held:
        return Held(
            {fold(self.key_of(r)): r for r in self.stored_rows(session)},
            person_ids_by_name(session),
            self.more(session),
        )

    def lookup(self, run: KeyedRun[Held]) -> Callable[[str], Any | None]:
        return run.held.rows.get

    def begin(self, run: KeyedRun[Held]) -> None:
        run.state = [c.key for c in self.spec.columns if not c.computed and run.table.has(c.key)]

    def row_key(self, run: KeyedRun[Held], row: TableRow) -> RowKey[str] | None:
        text = clean(row.values.get(self.key_column))
        return new_key((fold(text), text, text)) if text else None

    def as_exported(self, run: KeyedRun[Held], row: TableRow, stored: Any) -> bool:
        cells = self.cells(stored)
        values = row.values
        return all(_norm(values.get(k)) == _norm(cells.get(k)) for k in run.state)

    def parse(
        self, run: KeyedRun[Held], row: TableRow, stored: Any, report: RowReport
    ) -> Any | None:
        given = {k: row.values.get(k) for k in run.state}
        base = self.cells(stored) if stored is not None else {}
        cells = {**base, **given}
        values = self.values(run.held, cells, report)
        fields, problems = self.from_values(run.held, values, stored)
        columns = {c.key for c in self.spec.columns}
        for p in problems:
            column = self.field_columns.get(p.field, p.field)
            report(column if column in columns else self.key_column, p.message)
        return fields

    def changing(
        self,
        run: KeyedRun[Held],
        row: TableRow,
        key: RowKey[str],
        stored: Any,
        fields: Any,
        report: RowReport,
    ) -> tuple[Any, Changes]:
        old = stored.fields()
        changes = []
        for f in dataclasses.fields(fields):
            a, b = getattr(old, f.name), getattr(fields, f.name)
            if a != b and not (f.name == self.key_column and fold(str(a)) == fold(str(b))):
                changes.append(
                    FieldChange(
                        self.labels.get(f.name, f.name), self.show(f.name, a), self.show(f.name, b)
                    )
                )
        return fields, tuple(changes)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, Any]],
        changed: list[Changed[str, Any, Any]],
    ) -> None:
        self.save(session, user, [a.fields for a in added], [(c.stored, c.fields) for c in changed])


def person_value(
    held: Held, name: object, column: str, report: Callable[[str, str], None]
) -> int | None:
    text = clean(name)
    if not text:
        return None
    found = held.people.get(fold(text))
    if found is None:
        report(column, f"There is no one called '{text}' in the register of people.")
    return found


def export_book(
    db: Database,
    path: Path,
    sheets: Sequence[tuple[RecordSheet, Callable[[Session], Sequence[Any]]]],
    title: str,
    what: str,
    *,
    template: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the sheets to `path` (no rows for a template); returns the rows written."""
    on = today()
    data = []
    with db.read() as session:
        name = company.get_info(session).name
        for sheet, read in sheets:
            data.append(
                SheetData(sheet.spec, [] if template else sheet.exported_rows(read(session)))
            )
    total = sum(len(d.rows) for d in data)
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        data,
        Readme(
            title=f"{title}{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {total} {what}.",
                "Change or add rows and import the workbook back (File > Import from Excel): "
                "a row whose reference is in the register changes that record, a new one adds "
                "one; nothing is written until every row is right.",
            ),
        ),
        progress,
    )
    return total
