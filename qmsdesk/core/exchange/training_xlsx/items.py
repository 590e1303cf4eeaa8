"""Importing the 'Training items' sheet: rows known by item code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, select

from qmsdesk.core import people, training
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_training import PersonRequirement, RoleRequirement, TrainingRecord
from qmsdesk.core.exchange.documents_xlsx import SHEET_CODES, code_key
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_ITEMS,
    ItemInfo,
    cell_text,
    shown,
    value_message,
    whole,
)
from qmsdesk.core.exchange.training_xlsx.specs import ITEMS
from qmsdesk.core.exchange.workbook import FieldChange, TableRow
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

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class _HeldItems:
    rows: dict[str, training.ItemRow]
    documents: set[str]  # key(code) of every document
    in_use: dict[int, int]  # item id -> highest level recorded or required


class _ItemsRun(NamedTuple):
    present: list[str]  # the item fields the sheet has columns for
    on_sheet: dict[str, ItemInfo]  # shared as SHEET_ITEMS
    sheet_documents: set[str]  # code keys on the 'Documents' sheet
    check_documents: bool  # False when the 'Documents' sheet could not be read


_Items = KeyedRun[_HeldItems]


class ItemsImporter(KeyedImporter[_HeldItems, str, training.ItemRow, training.ItemFields]):
    """A row is a training item, known by its code; it may name a document on the same book."""

    spec = ITEMS
    order = 50
    title = "Training items"

    def existing(self, session: Session) -> _HeldItems:
        in_use: dict[int, int] = {}
        for table, column in (
            (TrainingRecord, TrainingRecord.level),
            (RoleRequirement, RoleRequirement.required_level),
            (PersonRequirement, PersonRequirement.required_level),
        ):
            stmt = select(table.item_id, func.max(column)).group_by(table.item_id)
            for item_id, level in raw_rows(session, stmt):
                in_use[item_id] = max(level, in_use.get(item_id, 0))
        return _HeldItems(
            {people.key(i.code): i for i in training.all_items(session)},
            {people.key(c) for (c,) in raw_rows(session, select(Document.code))},
            in_use,
        )

    def begin(self, run: _Items) -> None:
        context = run.context
        run.state = _ItemsRun(
            [n for n in training.ITEM_FIELDS if run.table.has(n)],
            {},
            {code_key(c) for c in context.shared.get(SHEET_CODES, set())},
            "Documents" not in context.unreadable,
        )
        context.shared[SHEET_ITEMS] = run.state.on_sheet

    def lookup(self, run: _Items) -> Callable[[str], training.ItemRow | None]:
        return run.held.rows.get

    def row_key(self, run: _Items, row: TableRow) -> RowKey[str] | None:
        code = cell_text(row.values.get("code"))
        return new_key((people.key(code), code, code)) if code else None

    def check_key(
        self, run: _Items, row: TableRow, key: RowKey[str] | None, report: RowReport
    ) -> None:
        if key is None:
            report("code", "An item code is required here.")

    def duplicate_message(
        self, run: _Items, row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return (
            "code",
            f"The item code '{key.text}' is on row {first} too; each item goes on one row "
            f"only (rows {first} and {row.number}).",
        )

    def parse(
        self, run: _Items, row: TableRow, stored: training.ItemRow | None, report: RowReport
    ) -> training.ItemFields | None:
        state: _ItemsRun = run.state
        held = run.held
        values = row.values
        raw = {n: whole(values[n]) for n in state.present}
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in training.ITEM_FIELDS if n not in raw} | raw
        fields, field_problems = training.item_fields_from_values(raw)
        for fp in field_problems:
            report(fp.field, value_message(fp.message))
        if fields is None:
            return None
        code = cell_text(values.get("code"))
        document = fields.document_code
        if (
            document
            and state.check_documents
            and people.key(document) not in held.documents
            and code_key(document) not in state.sheet_documents
        ):
            report(
                "document_code",
                f"There is no document '{document}', neither in the register nor on the "
                "'Documents' sheet.",
            )
        if stored is not None and fields.max_level < held.in_use.get(stored.id, 0):
            used = held.in_use[stored.id]
            report(
                "max_level",
                f"Level {used} is already recorded or required for {code}, so it needs at "
                f"least {used} levels.",
            )
        state.on_sheet[people.key(code)] = (
            fields.code,
            fields.title,
            fields.max_level,
            fields.delivery,
        )
        return fields

    def label(self, run: _Items, key: RowKey[str], fields: training.ItemFields) -> str:
        return f"{fields.code} {fields.title}"

    def changing(
        self,
        run: _Items,
        row: TableRow,
        key: RowKey[str],
        stored: training.ItemRow,
        fields: training.ItemFields,
        report: RowReport,
    ) -> tuple[training.ItemFields, Changes]:
        old = stored.fields()
        return fields, tuple(
            FieldChange(training.ITEM_LABELS[n], shown(getattr(old, n)), shown(getattr(fields, n)))
            for n in training.ITEM_FIELDS
            if getattr(old, n) != getattr(fields, n)
            and not (n == "document_code" and _same_code(old.document_code, fields.document_code))
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, training.ItemFields]],
        changed: list[Changed[str, training.ItemRow, training.ItemFields]],
    ) -> None:
        training.save_items_many(
            session, [a.fields for a in added], [(c.stored.id, c.fields) for c in changed], user
        )


def _same_code(a: str, b: str) -> bool:
    return people.key(a) == people.key(b)
