"""The context registers in Excel: the sheets "Context issues", "Interested parties" and "Scope
and exclusions" (``qmsdesk export FILE --what context``), which import back.

Issues are known by their reference, parties by their name: a row adds or changes one (a record
not on the sheet is left as it is). The scope sheet has one row per part: the scope statement, a
site, a product or service, the quality policy's wording, a requirement that does not apply
(with its clause and reason). A part the sheet has rows for replaces the stored one; a part it
has no row for is left as it is. A clause the standard does not have is a problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import company, context
from qmsdesk.core.dates import today
from qmsdesk.core.errors import Problem
from qmsdesk.core.exchange.workbook import (
    Action,
    Column,
    ColumnKind,
    FieldChange,
    PlanContext,
    PlanItem,
    Progress,
    Readme,
    SheetData,
    SheetPlan,
    SheetSpec,
    SheetTable,
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
    field_change,
    new_key,
)
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, clean_code, fold, normalise_header

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_KINDS = {
    FieldKind.DATE: ColumnKind.DATE,
    FieldKind.CHOICE: ColumnKind.CHOICE,
    FieldKind.INTEGER: ColumnKind.NUMBER,
}


def vocab_columns(
    vocab: Vocabulary, widths: dict[str, float], aliases: dict[str, tuple[str, ...]] | None = None
) -> tuple[Column, ...]:
    """A sheet's columns: one per field of the vocabulary, headed by its label, explained by its
    help; only the widths and the aliases a colleague might type are Excel's own."""
    aliases = aliases or {}

    def column(f: Field) -> Column:
        return Column(
            f.key,
            f.label,
            _KINDS.get(f.kind, ColumnKind.TEXT),
            required=f.required,
            aliases=aliases.get(f.key, ()),
            choices=f.choices,
            width=widths.get(f.key),
            help=f.help,
        )

    return tuple(column(f) for f in vocab)


def value_message(text: str) -> str:
    return f"This value {text}" if text[:1].islower() else text


ISSUES = SheetSpec(
    name="Context issues",
    aliases=("Issues", "Context"),
    columns=vocab_columns(
        context.ISSUE_VOCAB,
        {
            "reference": 10,
            "side": 12,
            "category": 20,
            "title": 40,
            "description": 50,
            "effect": 45,
            "monitoring": 35,
        },
        {
            "reference": ("Ref", "Ref.", "Issue ref"),
            "side": ("Side", "Internal or external"),
            "title": ("Title", "Context issue"),
        },
    ),
)
PARTIES = SheetSpec(
    name="Interested parties",
    aliases=("Parties", "Stakeholders"),
    columns=vocab_columns(
        context.PARTY_VOCAB,
        {"name": 28, "side": 12, "needs": 50, "requirements": 50, "monitoring": 35},
        {
            "name": ("Party", "Name", "Stakeholder"),
            "side": ("Side",),
            "needs": ("Needs", "Expectations"),
            "requirements": ("Requirements",),
        },
    ),
)

#: The parts of the scope sheet: label -> the field it fills ("" for an exclusion).
SCOPE_PARTS = {
    "Scope statement": "scope",
    "Site": "sites",
    "Product or service": "products",
    "Quality policy": "policy",
    "Not applicable": "",
}
_PART_ALIASES = {
    "scope": "Scope statement",
    "statement": "Scope statement",
    "sites": "Site",
    "product": "Product or service",
    "products": "Product or service",
    "service": "Product or service",
    "products and services": "Product or service",
    "policy": "Quality policy",
    "exclusion": "Not applicable",
    "excluded": "Not applicable",
    "not applicable requirement": "Not applicable",
}
SCOPE_SHEET = SheetSpec(
    name="Scope and exclusions",
    aliases=("Scope", "Exclusions"),
    columns=(
        Column(
            "part",
            "Part",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(SCOPE_PARTS),
            width=20,
            help="What the row holds: the scope statement, a site, a product or service (one "
            "row each), the quality policy's wording, or a requirement that does not apply.",
        ),
        Column(
            "clause",
            "Clause",
            aliases=("Requirement", "Clause not applicable"),
            width=10,
            help=context.EXCLUSION_VOCAB["clause"].help + " Only for a 'Not applicable' row.",
        ),
        Column(
            "text",
            "Text",
            aliases=("Justification", "Description", "Value"),
            width=90,
            help="The statement, the site, the product or service, the policy's wording; for a "
            "requirement that does not apply, why it does not.",
        ),
    ),
)


def _issue_cells(r: context.IssueRow) -> tuple[object, ...]:
    return (
        r.reference,
        context.SIDE_LABELS[context.parse_side(r.side)],
        r.category,
        r.title,
        r.description,
        r.effect,
        r.monitoring,
        r.last_reviewed,
        r.next_review,
    )


def _party_cells(r: context.PartyRow) -> tuple[object, ...]:
    return (
        r.name,
        context.SIDE_LABELS[context.parse_side(r.side)],
        r.needs,
        r.requirements,
        r.monitoring,
        r.last_reviewed,
        r.next_review,
    )


def _scope_rows(scope: context.Scope) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    if scope.statement:
        rows.append(("Scope statement", "", scope.statement))
    rows += [("Site", "", s) for s in scope.sites]
    rows += [("Product or service", "", p) for p in scope.products]
    rows += [("Not applicable", e.clause, e.justification) for e in scope.exclusions]
    if scope.policy:
        rows.append(("Quality policy", "", scope.policy))
    return rows


def export_context(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the context issues, interested parties and the scope to `path`; returns the rows."""
    on = today()
    with db.read() as session:
        name = company.get_info(session).name
        issues = [] if template else context.all_issues(session)
        parties = [] if template else context.all_parties(session)
        scope = None if template else context.get_scope(session)
    sheets = [
        SheetData(ISSUES, [_issue_cells(r) for r in issues]),
        SheetData(PARTIES, [_party_cells(r) for r in parties]),
        SheetData(SCOPE_SHEET, _scope_rows(scope) if scope else []),
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        sheets,
        Readme(
            title=f"Context, interested parties and scope{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(issues)} context issues, "
                f"{len(parties)} interested parties.",
                "Fill in or change rows and import the workbook back: issues are known by their "
                "reference, parties by their name. On the scope sheet, the parts with rows "
                "replace those kept in QMS Desk (all the sites, all the products and services); "
                "a part with no row is left as it is. An exclusion removed from the sheet stays "
                "until it is removed in QMS Desk.",
            ),
        ),
        progress,
    )
    return sum(len(s.rows) for s in sheets)


# --- importing -------------------------------------------------------------------------------


def _changes(old: Any, new: Any, names: Sequence[str], labels: dict[str, str]) -> Changes:
    return tuple(
        field_change((labels[n], _text(getattr(old, n)), _text(getattr(new, n))))
        for n in names
        if getattr(old, n) != getattr(new, n)
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    side = getattr(value, "value", None)
    if side in ("internal", "external"):
        return context.SIDE_LABELS[context.parse_side(side)]
    return str(value)


class IssuesImporter(KeyedImporter[dict[str, Any], str, Any, Any]):
    """A row is a context issue, known by its reference."""

    spec = ISSUES
    order = 110
    title = "Context issues"

    def existing(self, session: Session) -> dict[str, Any]:
        return {fold(r.reference): r for r in context.all_issues(session)}

    def begin(self, run: KeyedRun[dict[str, Any]]) -> None:
        run.state = [n for n in context.ISSUE_FIELDS if run.table.has(n)]

    def row_key(self, run: KeyedRun[dict[str, Any]], row: TableRow) -> RowKey[str] | None:
        ref = clean_code(row.values.get("reference"))
        return new_key((fold(ref), ref, ref)) if ref else None

    def check_key(self, run: Any, row: TableRow, key: Any, report: RowReport) -> None:
        if key is None:
            report("reference", "A reference is required here (such as CI-09).")

    def parse(
        self, run: KeyedRun[dict[str, Any]], row: TableRow, stored: Any, report: RowReport
    ) -> Any:
        raw: dict[str, object] = {n: row.values[n] for n in run.state}
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in context.ISSUE_FIELDS if n not in raw} | raw
        fields, problems = context.issue_from_values(raw)
        for p in problems:
            report(p.field, value_message(p.message))
        return fields

    def adding(self, run: Any, row: TableRow, key: Any, fields: Any, report: RowReport) -> Any:
        return fields, (field_change((context.ISSUE_LABELS["title"], "", fields.title)),)

    def changing(
        self, run: Any, row: TableRow, key: Any, stored: Any, fields: Any, report: RowReport
    ) -> Any:
        return fields, _changes(stored.fields(), fields, context.ISSUE_FIELDS, context.ISSUE_LABELS)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, Any]],
        changed: list[Changed[str, Any, Any]],
    ) -> None:
        context.save_context_many(
            session,
            [(None, a.fields) for a in added] + [(c.stored.id, c.fields) for c in changed],
            [],
            user,
        )


class PartiesImporter(KeyedImporter[dict[str, Any], str, Any, Any]):
    """A row is an interested party, known by its name."""

    spec = PARTIES
    order = 111
    title = "Interested parties"

    def existing(self, session: Session) -> dict[str, Any]:
        return {fold(r.name): r for r in context.all_parties(session)}

    def begin(self, run: KeyedRun[dict[str, Any]]) -> None:
        run.state = [n for n in context.PARTY_FIELDS if run.table.has(n)]

    def row_key(self, run: KeyedRun[dict[str, Any]], row: TableRow) -> RowKey[str] | None:
        name = clean_code(row.values.get("name"))
        return new_key((fold(name), name, name)) if name else None

    def check_key(self, run: Any, row: TableRow, key: Any, report: RowReport) -> None:
        if key is None:
            report("name", "Name the interested party here (such as Customers).")

    def parse(
        self, run: KeyedRun[dict[str, Any]], row: TableRow, stored: Any, report: RowReport
    ) -> Any:
        raw: dict[str, object] = {n: row.values[n] for n in run.state}
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in context.PARTY_FIELDS if n not in raw} | raw
        fields, problems = context.party_from_values(raw)
        for p in problems:
            report(p.field, value_message(p.message))
        return fields

    def adding(self, run: Any, row: TableRow, key: Any, fields: Any, report: RowReport) -> Any:
        return fields, (field_change((context.PARTY_LABELS["needs"], "", fields.needs)),)

    def changing(
        self, run: Any, row: TableRow, key: Any, stored: Any, fields: Any, report: RowReport
    ) -> Any:
        return fields, _changes(stored.fields(), fields, context.PARTY_FIELDS, context.PARTY_LABELS)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, Any]],
        changed: list[Changed[str, Any, Any]],
    ) -> None:
        context.save_context_many(
            session,
            [],
            [(None, a.fields) for a in added] + [(c.stored.id, c.fields) for c in changed],
            user,
        )


def _part(value: object) -> str | None:
    key = normalise_header(value)
    for label in SCOPE_PARTS:
        if key == normalise_header(label):
            return label
    return _PART_ALIASES.get(key)


class ScopeImporter:
    """The scope sheet: the parts with rows replace the stored ones; exclusions by clause."""

    spec = SCOPE_SHEET
    order = 112

    def existing(self, session: Session) -> context.Scope:
        return context.get_scope(session)

    def plan(
        self, session: Session, table: SheetTable, plan_context: PlanContext, held: context.Scope
    ) -> tuple[SheetPlan, list[Problem]]:
        problems: list[Problem] = []
        texts: dict[str, list[str]] = {}
        first_row: dict[str, int] = {}
        wanted: dict[str, tuple[int, str]] = {}  # clause -> (row, justification)
        for row in table.rows:
            values = row.values
            text = clean(values.get("text"))
            part = _part(values.get("part"))
            if part is None:
                if "part" not in row.bad:
                    problems.append(
                        table.problem(
                            row.number,
                            "part",
                            f"'{clean(values.get('part'))}' is not a part of the scope: write one "
                            f"of {', '.join(SCOPE_PARTS)}.",
                        )
                    )
                continue
            if SCOPE_PARTS[part]:
                if text:
                    texts.setdefault(SCOPE_PARTS[part], []).append(text)
                    first_row.setdefault(SCOPE_PARTS[part], row.number)
                continue
            try:
                clause = context.parse_clause(values.get("clause"))
            except ValueError as exc:
                problems.append(table.problem(row.number, "clause", str(exc)))
                continue
            if clause in wanted:
                problems.append(
                    table.problem(
                        row.number,
                        "clause",
                        f"{clause} is on row {wanted[clause][0]} too; each requirement goes on "
                        "one row only.",
                    )
                )
                continue
            wanted[clause] = (row.number, text)
        for name in ("scope", "policy"):
            if len(texts.get(name, [])) > 1:
                problems.append(
                    table.problem(
                        first_row[name],
                        "part",
                        f"The {context.SCOPE_LABELS[name].lower()} goes on one row only.",
                    )
                )
        old = held.fields()
        new = context.ScopeFields(
            *("\n".join(texts[n]) if n in texts else getattr(old, n) for n in context.SCOPE_FIELDS)
        )
        items: list[PlanItem] = []
        for name in context.SCOPE_FIELDS:
            if name not in texts:
                continue
            label = context.SCOPE_LABELS[name]
            before, after = getattr(old, name), getattr(new, name)
            if before == after:
                items.append(PlanItem(Action.UNCHANGED, label, first_row[name]))
            else:
                items.append(
                    PlanItem(
                        Action.CHANGE,
                        label,
                        first_row[name],
                        (FieldChange(label, before, after),),
                    )
                )
        stored = {e.clause: e for e in held.exclusions}
        writes: list[tuple[int | None, context.ExclusionFields]] = []
        for clause, (number, justification) in wanted.items():
            key = f"Not applicable: {clause}"
            found = stored.get(clause)
            label = context.EXCLUSION_LABELS["justification"]
            if found is None:
                items.append(
                    PlanItem(Action.ADD, key, number, (FieldChange(label, "", justification),))
                )
                writes.append((None, context.ExclusionFields(clause, justification)))
            elif found.justification != justification:
                items.append(
                    PlanItem(
                        Action.CHANGE,
                        key,
                        number,
                        (FieldChange(label, found.justification, justification),),
                    )
                )
                writes.append((found.id, context.ExclusionFields(clause, justification)))
            else:
                items.append(PlanItem(Action.UNCHANGED, key, number))
        changes_scope = any(i.action == Action.CHANGE for i in items[: len(texts)])

        def apply(session: Session, user: str) -> None:
            if changes_scope:
                context.save_scope(session, new, user)
            for exclusion_id, f in writes:
                context.save_exclusion(session, f, user, exclusion_id)

        return SheetPlan(table.sheet, "Scope and exclusions", items, apply), problems


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [IssuesImporter(), PartiesImporter(), ScopeImporter()]
