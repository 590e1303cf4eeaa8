"""The nonconforming outputs tab (ISO 9001:2015 clause 8.7): where each output was found, the
disposition and who authorised it, the concession, the check after rework, the cost, the
supplier and the action. Outputs still waiting for a disposition stand out (NOT DECIDED)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle

from qmsdesk.core import nonconforming
from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.nonconforming import Disposition, FoundAt, NcQuery, NcRow
from qmsdesk.gui import icons
from qmsdesk.gui.operations.base import OperationsTab
from qmsdesk.gui.operations.form import FieldsDialog
from qmsdesk.gui.operations.table import Column, TableSpec
from qmsdesk.gui.register_tab import ActionSpec, accepted

_SP = QStyle.StandardPixmap
_V = nonconforming.NC_VOCAB
UNDECIDED = "NOT DECIDED"


def _query_ids(s: Any, q: NcQuery, key: str, desc: bool, on: dt.date) -> list[int]:
    return nonconforming.query_ids(s, q, key, desc)


def _cells(r: NcRow, on: dt.date) -> tuple[tuple[str, ...], str, int]:
    disposition = nonconforming.DISPOSITION_LABELS[r.disposition] if r.disposition else UNDECIDED
    texts = (
        r.reference,
        r.found_on.isoformat(),
        nonconforming.FOUND_LABELS[r.found_at],
        r.product,
        "" if r.quantity is None else f"{r.quantity:g}",
        r.supplier_code,
        disposition,
        r.authorised_by,
        "" if r.cost is None else f"{r.cost:,.2f}",
        r.action_ref,
        r.closed_on.isoformat() if r.closed_on else "open",
    )
    return texts, "" if r.disposition else UNDECIDED, 6


SPEC: TableSpec[NcQuery, NcRow] = TableSpec(
    columns=(
        Column("reference", _V["reference"].short_label, _V["reference"].help, "NCR-0118"),
        Column("found_on", _V["found_on"].short_label, _V["found_on"].help, "2026-12-31"),
        Column("found_at", _V["found_at"].short_label, _V["found_at"].help, "Final inspection"),
        Column("product", _V["product"].short_label, _V["product"].help, "Part 4410-07, job"),
        Column("quantity", _V["quantity"].short_label, _V["quantity"].help, "500"),
        Column("supplier_code", _V["supplier_id"].short_label, _V["supplier_id"].help, "SUP-001"),
        Column(
            "disposition",
            _V["disposition"].short_label,
            _V["disposition"].help,
            "Use as is (concession)",
        ),
        Column(
            "authorised_by",
            _V["authorised_by"].short_label,
            _V["authorised_by"].help,
            "Anders Ørsted",
        ),
        Column("cost", _V["cost"].short_label, _V["cost"].help, "1,450.00"),
        Column("action_ref", _V["action_id"].short_label, _V["action_id"].help, "CA-2026-006"),
        Column("closed_on", _V["closed_on"].short_label, _V["closed_on"].help, "2026-12-31"),
    ),
    query_ids=_query_ids,
    fetch_rows=nonconforming.fetch_rows,
    row_id=lambda r: r.id,
    cells=_cells,
)

_FILTERS_FOUND = tuple(
    (f"Found {label.lower()}", f"at:{p.value}") for p, label in nonconforming.FOUND_LABELS.items()
)


class NonconformingTab(OperationsTab[NcQuery, NcRow]):
    tab_title = "Nonconforming"
    menu_title = "Nonconforming (8.&7)"
    report_key = "nonconforming"
    report_file_name = "Nonconforming outputs"
    export_key = "nonconforming"
    export_file_name = "Nonconforming outputs"
    layout_key = "nonconforming"
    toolbar_title = "Nonconforming output tools"
    search_hint = "Search reference, product, description, supplier"
    empty_text = "No nonconforming output selected."
    FILTERS = (
        ("All outputs", ""),
        ("Open", "open"),
        ("Waiting for a disposition", "undecided"),
        *_FILTERS_FOUND,
    )

    ACTIONS = (
        ActionSpec(
            "new_nc",
            "&New nonconforming output…",
            "new_nc_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Record a nonconforming output",
            button="New",
        ),
        ActionSpec(
            "edit_nc",
            "&Edit…",
            "edit_record",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Disposition, authoriser, concession, verification, cost, action",
            button="Edit",
        ),
        ActionSpec(
            "delete_nc",
            "&Delete…",
            "delete_nc_",
            None,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete an output recorded by mistake (no disposition yet)",
            button="Delete",
        ),
        ActionSpec(
            "history_nc",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected output",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_nc", "edit_nc", "delete_nc")
    MENU_ACTIONS = ("history_nc",)
    TOOLBAR = ("new_nc", "edit_nc", "delete_nc", None, "history_nc")

    new_nc: QAction
    edit_nc: QAction
    delete_nc: QAction
    history_nc: QAction

    def table_spec(self) -> TableSpec[NcQuery, NcRow]:
        return SPEC

    def query(self, text: str = "", choice: str = "", overdue: bool = False) -> NcQuery:
        if choice.startswith("at:"):
            return NcQuery(text=text, found_at=frozenset({FoundAt(choice[3:])}))
        return NcQuery(text=text, open_only=choice == "open", undecided_only=choice == "undecided")

    def load_counts(self) -> tuple[int, int]:
        assert self.db is not None
        with self.db.read() as s:
            total, still_open = nonconforming.counts(s)
        self.still_open = still_open
        return total, 0

    def status_text(self) -> str:
        return f"{self.total} nonconforming outputs · {getattr(self, 'still_open', 0)} open"

    def get_record(self, record_id: int) -> NcRow:
        assert self.db is not None
        with self.db.read() as s:
            return nonconforming.get_row(s, record_id)

    def details_html(self, r: NcRow) -> str:
        disp = (
            nonconforming.DISPOSITION_LABELS[r.disposition]
            if r.disposition
            else (f'<b style="color:#c62828">⚠ {UNDECIDED}</b>')
        )

        def line(label: str, value: str) -> str:
            return f"<br><b>{label}:</b> {escape(value)}" if value else ""

        return (
            f"<h3 style='margin-bottom:2px'>{escape(r.reference)}</h3><p style='margin-top:0'>"
            f"<b>Found</b> {r.found_on.isoformat()}, {nonconforming.FOUND_LABELS[r.found_at]}"
            + line("Product", r.product)
            + line("Quantity", "" if r.quantity is None else f"{r.quantity:g}")
            + line("Supplier", r.supplier_code)
            + f"<br><b>Disposition:</b> {disp}"
            + line("Authorised by", r.authorised_by)
            + line("Customer concession", r.concession_ref)
            + line("Verified on", r.verified_on.isoformat() if r.verified_on else "")
            + line("Verification", r.verification)
            + line("Cost", "" if r.cost is None else f"{r.cost:,.2f}")
            + line("Action", r.action_ref)
            + line("Closed on", r.closed_on.isoformat() if r.closed_on else "")
            + f"</p><p>{escape(r.description)}</p>"
            + (f"<p>{escape(r.note)}</p>" if r.note else "")
        )

    def update_actions(self) -> None:
        r = self.record
        self.enable(self.new_nc)
        self.enable(self.edit_nc, r is not None)
        self.enable(self.delete_nc, r is not None and r.disposition is None)
        self.enable(self.history_nc, r is not None)

    # --- dialogs -----------------------------------------------------------------------------

    def _lookups(self) -> tuple[dict[str, int], dict[str, int]]:
        assert self.db is not None
        with self.db.read() as s:
            return nonconforming.supplier_codes(s), nonconforming.action_references(s)

    def _parse(
        self, values: dict[str, str], codes: dict[str, int], refs: dict[str, int]
    ) -> tuple[nonconforming.NcFields | None, list[FieldProblem]]:
        raw: dict[str, object] = dict(values)
        problems = []
        supplier, action = values.get("supplier_id", ""), values.get("action_id", "")
        raw["supplier_id"] = codes.get(supplier.casefold()) if supplier else None
        raw["action_id"] = refs.get(action.casefold()) if action else None
        if supplier and raw["supplier_id"] is None:
            problems.append(FieldProblem("supplier_id", f"There is no supplier '{supplier}'."))
        if action and raw["action_id"] is None:
            problems.append(FieldProblem("action_id", f"There is no action '{action}'."))
        fields, more = nonconforming.nc_from_values(raw)
        problems += more
        return (None if problems else fields), problems

    def _dialog(self, title: str, r: NcRow | None) -> nonconforming.NcFields | None:
        codes, refs = self._lookups()
        initial = {
            "found_on": today().isoformat(),
            "found_at": nonconforming.FOUND_LABELS[FoundAt.IN_PROCESS],
        }
        if r is not None:
            initial = {
                "reference": r.reference,
                "found_on": r.found_on.isoformat(),
                "found_at": nonconforming.FOUND_LABELS[r.found_at],
                "product": r.product,
                "quantity": "" if r.quantity is None else f"{r.quantity:g}",
                "description": r.description,
                "supplier_id": r.supplier_code,
                "disposition": nonconforming.DISPOSITION_LABELS[r.disposition]
                if r.disposition
                else "",
                "authorised_by": r.authorised_by,
                "concession_ref": r.concession_ref,
                "verified_on": r.verified_on.isoformat() if r.verified_on else "",
                "verification": r.verification,
                "cost": "" if r.cost is None else f"{r.cost:g}",
                "action_id": r.action_ref,
                "closed_on": r.closed_on.isoformat() if r.closed_on else "",
                "note": r.note,
            }
        upper = {v: k.upper() for k, v in refs.items()}
        dialog = FieldsDialog(
            self,
            title,
            list(_V),
            initial,
            check=lambda v: self._parse(v, codes, refs)[1],
            choices={
                "supplier_id": sorted(c.upper() for c in codes),
                "action_id": sorted(upper.values()),
            },
            intro="An empty reference gets the next free NCR number. Every disposition needs "
            "who authorised it; a reworked or repaired output is checked again before it is "
            "closed.",
        )
        if not accepted(dialog):
            return None
        fields, _ = self._parse(dialog.values(), codes, refs)
        return fields

    def new_nc_(self) -> None:
        if self.db is None or self.read_only:
            return
        fields = self._dialog("New nonconforming output", None)
        if fields is None:
            return
        ok, new_id = self.write(
            "Cannot record the output", lambda s: nonconforming.create_nc(s, fields, self.user)
        )
        self.written(ok, new_id)

    def edit_record(self) -> None:
        r = self.selected()
        if r is None or self.read_only:
            return
        fields = self._dialog(f"Edit {r.reference}", r)
        if fields is None:
            return
        ok, _ = self.write(
            "Cannot change the output",
            lambda s: nonconforming.update_nc(s, r.id, fields, self.user),
        )
        self.written(ok, r.id)

    def delete_nc_(self) -> None:
        r = self.selected()
        if r is None or self.read_only:
            return
        if not self.confirm("Delete nonconforming output", f"Delete {r.reference}?"):
            return
        ok, _ = self.write(
            "Cannot delete the output", lambda s: nonconforming.delete_nc(s, r.id, self.user)
        )
        self.written(ok)

    def history_subject(self) -> tuple[str, Callable[[Any], Sequence[Any]]] | None:
        r = self.selected()
        if r is None:
            return None
        return r.reference, lambda s: nonconforming.history_of(s, r.id)


__all__ = ["Disposition", "NonconformingTab"]
