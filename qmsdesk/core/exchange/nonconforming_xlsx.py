"""The nonconforming outputs register in Excel: one sheet, "Nonconforming outputs", known by
reference and imported back. The supplier is named by its code (in the register or on the
"Suppliers" sheet of the same workbook), the action by its reference in the actions register."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import company, nonconforming, suppliers
from qmsdesk.core.dates import today
from qmsdesk.core.exchange.operations_cells import changes, column, message, present, shown
from qmsdesk.core.exchange.suppliers_xlsx import SHEET_SUPPLIERS
from qmsdesk.core.exchange.workbook import (
    FieldChange,
    Progress,
    Readme,
    SheetData,
    SheetImporter,
    SheetSpec,
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
from qmsdesk.core.text import clean_code

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_V = nonconforming.NC_VOCAB
_PLAIN = (
    "reference",
    "found_on",
    "found_at",
    "product",
    "quantity",
    "description",
    "disposition",
    "authorised_by",
    "concession_ref",
    "verified_on",
    "verification",
    "cost",
    "closed_on",
    "note",
)

NONCONFORMING = SheetSpec(
    name="Nonconforming outputs",
    aliases=("NCR log", "Nonconformities", "Nonconforming products", "NCRs"),
    columns=(
        column(_V, "reference", 11, required=True, aliases=("NCR", "NCR no", "Ref")),
        column(_V, "found_on", 12, required=True, aliases=("Date", "Date found")),
        column(_V, "found_at", 16, aliases=("Found at", "Where", "Stage")),
        column(_V, "product", 24, aliases=("Part", "Part number", "Product")),
        column(_V, "quantity", 8, aliases=("Qty",)),
        column(_V, "description", 40, aliases=("Nonconformity", "Problem")),
        column(
            _V,
            "supplier_id",
            12,
            aliases=("Supplier code",),
            help="The supplier's code, when the output came from a supplier.",
        ),
        column(_V, "disposition", 20),
        column(_V, "authorised_by", 18, aliases=("Authorised", "Approved by")),
        column(_V, "concession_ref", 16, aliases=("Concession", "Concession ref")),
        column(_V, "verified_on", 12),
        column(_V, "verification", 30),
        column(_V, "cost", 9),
        column(
            _V,
            "action_id",
            13,
            aliases=("Corrective action", "CA"),
            help="The reference of the action in the actions register, such as CA-2026-006.",
        ),
        column(_V, "closed_on", 12, aliases=("Closed",)),
        column(_V, "note", 24, aliases=("Notes",)),
    ),
)


def export_nonconforming(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    on = today()
    with db.read() as session:
        name = company.get_info(session).name
        rows = [] if template else nonconforming.all_rows(session)
    data = [
        (
            r.reference,
            r.found_on,
            nonconforming.FOUND_LABELS[r.found_at],
            r.product,
            r.quantity,
            r.description,
            r.supplier_code,
            nonconforming.DISPOSITION_LABELS[r.disposition] if r.disposition else "",
            r.authorised_by,
            r.concession_ref,
            r.verified_on,
            r.verification,
            r.cost,
            r.action_ref,
            r.closed_on,
            r.note,
        )
        for r in rows
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(NONCONFORMING, data)],
        Readme(
            title=f"Nonconforming outputs{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(data)} nonconforming outputs.",
                "Edit the rows and import the workbook back (File > Import): an output is known "
                "by its reference.",
                "Every disposition needs who authorised it; an output used as is needs it most. "
                "A reworked or repaired output is checked again before it is closed.",
            ),
        ),
        progress,
    )
    return len(data)


_Held = tuple[dict[str, nonconforming.NcRow], dict[str, int], dict[str, int]]
#: A parsed row: the supplier's code as written (its id may only be known at write time, when it
#: is on the workbook's 'Suppliers' sheet) and the fields.
_Parsed = tuple[str, nonconforming.NcFields]
_ON_SHEET = -1  # a supplier_id standing for a supplier on the workbook's 'Suppliers' sheet


class NonconformingImporter(KeyedImporter[_Held, str, nonconforming.NcRow, _Parsed]):
    spec = NONCONFORMING
    order = 130
    title = "Nonconforming outputs"

    def existing(self, session: Session) -> _Held:
        rows = {r.reference.casefold(): r for r in nonconforming.all_rows(session)}
        return rows, nonconforming.supplier_codes(session), nonconforming.action_references(session)

    def lookup(self, run: KeyedRun[_Held]) -> Any:
        return run.held[0].get

    def row_key(self, run: KeyedRun[_Held], row: TableRow) -> RowKey[str] | None:
        ref = clean_code(row.values.get("reference"))
        return new_key((ref.casefold(), ref, ref)) if ref else None

    def parse(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        stored: nonconforming.NcRow | None,
        report: RowReport,
    ) -> _Parsed | None:
        values = row.values
        raw: dict[str, Any] = present(row, _PLAIN)
        supplier = stored.supplier_code if stored else ""
        action = stored.action_ref if stored else ""
        if "supplier_id" in values:
            supplier = clean_code(values.get("supplier_id"))
        if "action_id" in values:
            action = clean_code(values.get("action_id"))
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in _PLAIN if n not in raw} | raw
        raw["supplier_id"] = raw["action_id"] = None
        ok = True
        if supplier:
            key = supplier.casefold()
            if key in run.held[1]:
                raw["supplier_id"] = run.held[1][key]
            elif key in run.context.shared.get(SHEET_SUPPLIERS, set()):
                raw["supplier_id"] = _ON_SHEET
            else:
                report(
                    "supplier_id",
                    f"There is no supplier '{supplier}', neither in the register nor on the "
                    "'Suppliers' sheet.",
                )
                ok = False
        if action:
            if action.casefold() in run.held[2]:
                raw["action_id"] = run.held[2][action.casefold()]
            else:
                report("action_id", f"There is no action '{action}' in the actions register.")
                ok = False
        fields, problems = nonconforming.nc_from_values(raw)
        for p in problems:
            report(p.field, message(p.message))
        return (supplier, fields) if fields is not None and ok else None

    def changing(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        stored: nonconforming.NcRow,
        fields: _Parsed,
        report: RowReport,
    ) -> tuple[_Parsed, Changes]:
        names = [n for n in nonconforming.NC_FIELDS if n != "supplier_id"]
        found = changes(
            stored.fields(),
            fields[1],
            names,
            nonconforming.FIELD_LABELS,
            lambda n, v: _show(run, n, v),
        )
        if fields[0].casefold() != stored.supplier_code.casefold():
            label = nonconforming.FIELD_LABELS["supplier_id"]
            found += (FieldChange(label, stored.supplier_code, fields[0]),)
        return fields, found

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, _Parsed]],
        changed: list[Changed[str, nonconforming.NcRow, _Parsed]],
    ) -> None:
        def resolved(parsed: _Parsed) -> nonconforming.NcFields:
            code, f = parsed
            if f.supplier_id == _ON_SHEET:
                return replace(f, supplier_id=suppliers.id_for_code(session, code))
            return f

        nonconforming.save_many(
            session,
            [resolved(a.fields) for a in added],
            [(c.stored.id, resolved(c.fields)) for c in changed],
            user,
        )


def _show(run: KeyedRun[_Held], name: str, value: object) -> str:
    if name == "action_id" and value is not None:
        return next((ref for ref, i in run.held[2].items() if i == value), str(value)).upper()
    labels: dict[Any, str] = {}
    if name == "found_at":
        labels = dict(nonconforming.FOUND_LABELS)
    elif name == "disposition":
        labels = dict(nonconforming.DISPOSITION_LABELS)
    return shown(value, labels)


SHEET_IMPORTERS: list[SheetImporter] = [NonconformingImporter()]
