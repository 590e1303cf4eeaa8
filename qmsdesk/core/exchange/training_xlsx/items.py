"""Importing the 'Training items' sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from qmsdesk.core import people, training
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_training import PersonRequirement, RoleRequirement, TrainingRecord
from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.documents_xlsx import SHEET_CODES, code_key
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_ITEMS,
    Reporter,
    apply_failed,
    cell_text,
    shown,
    value_message,
    whole,
)
from qmsdesk.core.exchange.training_xlsx.specs import ITEMS
from qmsdesk.core.exchange.workbook import (
    Action,
    FieldChange,
    PlanContext,
    PlanItem,
    SheetPlan,
    SheetTable,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class _HeldItems:
    rows: dict[str, training.ItemRow]
    documents: set[str]  # key(code) of every document
    in_use: dict[int, int]  # item id -> highest level recorded or required


class ItemsImporter:
    spec = ITEMS
    order = 50

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

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, held: _HeldItems
    ) -> tuple[SheetPlan, list[Problem]]:
        present = [n for n in training.ITEM_FIELDS if table.has(n)]
        problems: list[Problem] = []
        items: list[PlanItem] = []
        created: list[training.ItemFields] = []
        updated: list[tuple[int, training.ItemFields]] = []
        seen: dict[str, int] = {}
        on_sheet: dict[str, tuple[str, str, int]] = {}
        context.shared[SHEET_ITEMS] = on_sheet
        sheet_documents = {code_key(c) for c in context.shared.get(SHEET_CODES, set())}
        check_documents = "Documents" not in context.unreadable
        for row in table.rows:
            report = Reporter(table, row)
            code = cell_text(row.values.get("code"))
            if not code:
                report("code", "An item code is required here.")
                problems += report.problems
                continue
            key = people.key(code)
            if key in seen:
                report(
                    "code",
                    f"The item code '{code}' is on row {seen[key]} too; each item goes on one row "
                    f"only (rows {seen[key]} and {row.number}).",
                )
                problems += report.problems
                continue
            seen[key] = row.number
            found = held.rows.get(key)
            raw = {n: whole(row.values[n]) for n in present}
            if found is not None:
                old = found.fields()
                raw = {n: getattr(old, n) for n in training.ITEM_FIELDS if n not in raw} | raw
            fields, field_problems = training.item_fields_from_values(raw)
            for fp in field_problems:
                report(fp.field, value_message(fp.message))
            if fields is not None:
                document = fields.document_code
                if (
                    document
                    and check_documents
                    and people.key(document) not in held.documents
                    and code_key(document) not in sheet_documents
                ):
                    report(
                        "document_code",
                        f"There is no document '{document}', neither in the register nor on the "
                        "'Documents' sheet.",
                    )
                if found is not None and fields.max_level < held.in_use.get(found.id, 0):
                    used = held.in_use[found.id]
                    report(
                        "max_level",
                        f"Level {used} is already recorded or required for {code}, so it needs at "
                        f"least {used} levels.",
                    )
                on_sheet[key] = (fields.code, fields.title, fields.max_level)
            problems += report.problems
            if fields is None or report.problems or row.bad:
                continue
            label = f"{fields.code} {fields.title}"
            if found is None:
                created.append(fields)
                items.append(PlanItem(Action.ADD, label, row.number))
                continue
            old = found.fields()
            changes = tuple(
                FieldChange(
                    training.ITEM_LABELS[n], shown(getattr(old, n)), shown(getattr(fields, n))
                )
                for n in training.ITEM_FIELDS
                if getattr(old, n) != getattr(fields, n)
                and not (
                    n == "document_code" and _same_code(old.document_code, fields.document_code)
                )
            )
            if not changes:
                items.append(PlanItem(Action.UNCHANGED, label, row.number))
                continue
            updated.append((found.id, fields))
            items.append(PlanItem(Action.CHANGE, label, row.number, changes))
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                training.save_items_many(session, created, updated, user)
            except QmsError as exc:
                raise apply_failed(sheet, exc) from exc

        return SheetPlan(table.sheet, "Training items", items, apply), problems


def _same_code(a: str, b: str) -> bool:
    return people.key(a) == people.key(b)
