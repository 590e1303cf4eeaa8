"""The suppliers tab (ISO 9001:2015 clause 8.4): the approved supplier list with each supplier's
latest evaluation, next re-evaluation (OVERDUE in colour and in words), certificates and the
nonconforming outputs and actions that name them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle

from qmsdesk.core import suppliers
from qmsdesk.core.dates import today
from qmsdesk.core.suppliers import SupplierQuery, SupplierRow, SupplierStatus
from qmsdesk.gui import icons
from qmsdesk.gui.operations.base import OperationsTab
from qmsdesk.gui.operations.form import FieldsDialog
from qmsdesk.gui.operations.table import Column, TableSpec
from qmsdesk.gui.register_tab import ActionSpec, accepted

_SP = QStyle.StandardPixmap
_V = suppliers.SUPPLIER_VOCAB


def _query_ids(s: Any, q: SupplierQuery, key: str, desc: bool, on: dt.date) -> list[int]:
    return suppliers.query_ids(s, q, key, desc, on)


def _cells(r: SupplierRow, on: dt.date) -> tuple[tuple[str, ...], str, int]:
    word = r.evaluation_word(on)
    expiry = suppliers.expiry_word(r.first_expiry, on)
    due = r.next_evaluation.isoformat() if r.next_evaluation else ""
    last = ""
    if r.last_evaluated:
        last = f"{r.last_evaluated.isoformat()} ({r.last_overall:g})"
    expiry_text = r.first_expiry.isoformat() if r.first_expiry else ""
    texts = (
        r.code,
        r.name,
        suppliers.STATUS_LABELS[r.status],
        f"{due}  {word}" if word else due,
        f"{expiry_text}  {expiry}" if expiry else expiry_text,
        last,
        f"{r.nc_count} / {r.open_actions}",
        suppliers.CRITICALITY_LABELS[r.criticality],
        r.supplies,
    )
    if word == "OVERDUE" or expiry != "EXPIRED":
        return texts, word, 3
    return texts, expiry, 4


SPEC: TableSpec[SupplierQuery, SupplierRow] = TableSpec(
    columns=(
        Column("code", _V["code"].short_label, _V["code"].help, "SUP-0001"),
        Column("name", _V["name"].short_label, _V["name"].help, "Hartley Heat Treatment Ltd"),
        Column("status", _V["status"].short_label, _V["status"].help, "Conditionally approved"),
        Column(
            "next_evaluation",
            _V["next_evaluation"].short_label,
            _V["next_evaluation"].help,
            "2026-12-31 OVERDUE",
        ),
        Column("", "Certificate expiry", "The first certificate to expire", "2026-12-31 EXPIRED"),
        Column(
            "",
            "Last evaluation",
            "The latest evaluation and its overall score",
            "2026-12-31 (4.25)",
        ),
        Column(
            "",
            "NCs / open actions",
            "Nonconforming outputs naming the supplier / open actions naming it",
            "NCs / open",
        ),
        Column("criticality", _V["criticality"].short_label, _V["criticality"].help, "Medium"),
        Column("supplies", _V["supplies"].short_label, _V["supplies"].help, "Stainless steel bar"),
    ),
    query_ids=_query_ids,
    fetch_rows=suppliers.fetch_rows,
    row_id=lambda r: r.id,
    cells=_cells,
)


class SuppliersTab(OperationsTab[SupplierQuery, SupplierRow]):
    tab_title = "Suppliers"
    menu_title = "Suppliers (&8.4)"
    report_key = "suppliers"
    report_file_name = "Approved supplier list"
    export_key = "suppliers"
    export_file_name = "Suppliers"
    layout_key = "suppliers"
    toolbar_title = "Supplier tools"
    search_hint = "Search code, name, what they supply"
    overdue_tip = "Only the suppliers whose re-evaluation is past its date"
    empty_text = "No supplier selected."
    FILTERS = (
        ("All statuses", ""),
        *((label, status.value) for status, label in suppliers.STATUS_LABELS.items()),
    )

    ACTIONS = (
        ActionSpec(
            "new_supplier",
            "&New supplier…",
            "new_supplier_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Add a supplier",
            button="New",
        ),
        ActionSpec(
            "edit_supplier",
            "&Edit supplier…",
            "edit_record",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected supplier",
            button="Edit",
        ),
        ActionSpec(
            "delete_supplier",
            "&Delete supplier…",
            "delete_supplier_",
            None,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete a supplier entered by mistake",
            button="Delete",
        ),
        ActionSpec(
            "evaluate_supplier",
            "E&valuate…",
            "evaluate",
            "Ctrl+Shift+E",
            lambda: icons.letter_icon("★", "#1565c0"),
            "Record an evaluation: each criterion scored on the company's scale",
            button="Evaluate",
        ),
        ActionSpec(
            "add_certificate",
            "Add &certificate…",
            "add_certificate_",
            None,
            lambda: icons.letter_icon("C", "#2e7d32"),
            "Add a certificate the supplier holds, with its file",
            button="Certificate",
        ),
        ActionSpec(
            "history_supplier",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected supplier",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_supplier", "edit_supplier", "delete_supplier")
    MENU_ACTIONS = ("evaluate_supplier", "add_certificate", None, "history_supplier")
    TOOLBAR = (
        "new_supplier",
        "edit_supplier",
        "delete_supplier",
        None,
        "evaluate_supplier",
        "add_certificate",
        None,
        "history_supplier",
    )

    new_supplier: QAction
    edit_supplier: QAction
    delete_supplier: QAction
    evaluate_supplier: QAction
    add_certificate: QAction
    history_supplier: QAction

    def table_spec(self) -> TableSpec[SupplierQuery, SupplierRow]:
        return SPEC

    def query(self, text: str = "", choice: str = "", overdue: bool = False) -> SupplierQuery:
        statuses = frozenset({SupplierStatus(choice)}) if choice else frozenset()
        return SupplierQuery(text=text, statuses=statuses, overdue_only=overdue)

    def load_counts(self) -> tuple[int, int]:
        assert self.db is not None
        with self.db.read() as s:
            c = suppliers.counts(s)
        self.approved = c.approved
        return c.total, c.overdue

    def status_text(self) -> str:
        return (
            f"{self.total} suppliers · {getattr(self, 'approved', 0)} approved · "
            f"{self.overdue_count} re-evaluations overdue"
        )

    def get_record(self, record_id: int) -> SupplierRow:
        assert self.db is not None
        with self.db.read() as s:
            return suppliers.get_row(s, record_id)

    def record_for(self, record_id: int, kind: str) -> int | None:
        if kind != "certificate":
            return record_id
        from qmsdesk.core.db.models_suppliers import SupplierCertificate

        assert self.db is not None
        with self.db.read() as s:
            cert = s.get(SupplierCertificate, record_id)
            return None if cert is None else cert.supplier_id

    def details_html(self, r: SupplierRow) -> str:
        assert self.db is not None
        on = today()
        with self.db.read() as s:
            certs = suppliers.certificates(s, r.id)
            evals = suppliers.evaluations(s, r.id)
            perf = suppliers.performance(s, r.id)
        word = r.evaluation_word(on)
        marker = (
            f' <b style="color:#c62828">⚠ {word}</b>'
            if word == "OVERDUE"
            else (f' <b style="color:#b26a00">{word.lower()}</b>' if word else "")
        )
        parts = [
            f"<h3 style='margin-bottom:2px'>{escape(r.code)} {escape(r.name)}</h3>",
            f"<p style='margin-top:0'>{escape(r.supplies)}<br>"
            f"<b>Criticality:</b> {suppliers.CRITICALITY_LABELS[r.criticality]}<br>"
            f"<b>Status:</b> {suppliers.STATUS_LABELS[r.status]}"
            + (f" since {r.approved_since.isoformat()}" if r.approved_since else "")
            + f"<br><b>Next evaluation:</b> "
            f"{r.next_evaluation.isoformat() if r.next_evaluation else '(none yet)'}{marker}"
            + (f"<br><b>Contact:</b> {escape(r.contact)}" if r.contact else "")
            + "</p>",
            "<h4 style='margin-bottom:2px'>Certificates</h4>",
        ]
        if certs:
            items = []
            for c in certs:
                w = suppliers.expiry_word(c.expires_on, on)
                flag = (
                    f' <b style="color:#c62828">{w}</b>'
                    if w == "EXPIRED"
                    else (f" <b>{w.lower()}</b>" if w else "")
                )
                file = f" · file {escape(c.attachment_name)}" if c.attachment_name else ""
                exp = c.expires_on.isoformat() if c.expires_on else "no expiry"
                items.append(f"<li>{escape(c.name)} {escape(c.number)}: {exp}{flag}{file}</li>")
            parts.append(f"<ul style='margin-top:0'>{''.join(items)}</ul>")
        else:
            parts.append("<p style='margin-top:0;color:gray'>None recorded.</p>")
        parts.append("<h4 style='margin-bottom:2px'>Evaluations</h4>")
        if evals:
            parts.append(
                "<ul style='margin-top:0'>"
                + "".join(
                    f"<li>{e.evaluated_on.isoformat()} {escape(e.evaluated_by)}: "
                    f"{escape(suppliers.scores_text(e.scores))} → {e.overall:g}, "
                    f"{suppliers.RESULT_LABELS[e.result]}</li>"
                    for e in reversed(evals)
                )
                + "</ul>"
            )
        else:
            parts.append("<p style='margin-top:0;color:gray'>Not evaluated yet.</p>")
        parts.append(
            "<h4 style='margin-bottom:2px'>Performance</h4><p style='margin-top:0'>"
            f"{len(perf.nonconforming)} nonconforming output(s)"
            + "".join(
                f"<br>{escape(n[0])} {n[1].isoformat()} {escape(n[2])}"
                for n in perf.nonconforming[:10]
            )
            + f"<br>{len(perf.actions)} action(s)"
            + "".join(f"<br>{escape(a[0])} {escape(a[1])}" for a in perf.actions)
            + "</p>"
        )
        if r.note:
            parts.append(f"<p>{escape(r.note)}</p>")
        return "".join(parts)

    def update_actions(self) -> None:
        r = self.record
        self.enable(self.new_supplier)
        for action in (self.edit_supplier, self.evaluate_supplier, self.add_certificate):
            self.enable(action, r is not None)
        self.enable(self.delete_supplier, r is not None and r.nc_count == 0)
        self.enable(self.history_supplier, r is not None)

    # --- dialogs -----------------------------------------------------------------------------

    def _supplier_dialog(self, title: str, r: SupplierRow | None) -> dict[str, str] | None:
        fields = [f for f in _V if f.key != "next_evaluation"]
        initial = {}
        if r is not None:
            initial = {
                "code": r.code,
                "name": r.name,
                "supplies": r.supplies,
                "criticality": suppliers.CRITICALITY_LABELS[r.criticality],
                "status": suppliers.STATUS_LABELS[r.status],
                "approved_since": r.approved_since.isoformat() if r.approved_since else "",
                "contact": r.contact,
                "note": r.note,
            }
        dialog = FieldsDialog(
            self, title, fields, initial, check=lambda v: suppliers.supplier_from_values(v)[1]
        )
        return dialog.values() if accepted(dialog) else None

    def new_supplier_(self) -> None:
        if self.db is None or self.read_only:
            return
        values = self._supplier_dialog("New supplier", None)
        if values is None:
            return
        fields, _ = suppliers.supplier_from_values(values)
        assert fields is not None
        ok, new_id = self.write(
            "Cannot add the supplier", lambda s: suppliers.create_supplier(s, fields, self.user)
        )
        self.written(ok, new_id)

    def edit_record(self) -> None:
        r = self.selected()
        if r is None or self.read_only:
            return
        values = self._supplier_dialog(f"Edit {r.code}", r)
        if values is None:
            return
        fields, _ = suppliers.supplier_from_values(values)
        assert fields is not None
        ok, _ = self.write(
            "Cannot change the supplier",
            lambda s: suppliers.update_supplier(s, r.id, fields, self.user),
        )
        self.written(ok, r.id)

    def delete_supplier_(self) -> None:
        r = self.selected()
        if r is None or self.read_only:
            return
        if not self.confirm(
            "Delete supplier", f"Delete {r.code} ({r.name})? The change history keeps a note of it."
        ):
            return
        ok, _ = self.write(
            "Cannot delete the supplier", lambda s: suppliers.delete_supplier(s, r.id, self.user)
        )
        self.written(ok)

    def evaluate(self) -> None:
        r = self.selected()
        if r is None or self.read_only or self.db is None:
            return
        with self.db.read() as s:
            plan = suppliers.scheme(s)
        ev = suppliers.EVALUATION_VOCAB
        fields = [
            ev[k] for k in ("evaluated_on", "evaluated_by", "scores", "result", "next_due", "note")
        ]
        initial = {
            "evaluated_on": today().isoformat(),
            "scores": "; ".join(f"{c} " for c in plan.criteria),
        }
        intro = (
            f"Score each criterion ({', '.join(plan.criteria)}) from 1 to {plan.scale_max}. "
            f"Re-evaluation of a {suppliers.CRITICALITY_LABELS[r.criticality].lower()} "
            f"criticality supplier every {plan.interval(r.criticality)} months."
        )
        dialog = FieldsDialog(
            self,
            f"Evaluate {r.code}",
            fields,
            initial,
            intro=intro,
            check=lambda v: suppliers.evaluation_from_values(v, plan)[1],
        )
        if not accepted(dialog):
            return
        parsed, _ = suppliers.evaluation_from_values(dialog.values(), plan)
        assert parsed is not None
        ok, _ = self.write(
            "Cannot record the evaluation",
            lambda s: suppliers.add_evaluation(s, r.id, parsed, self.user),
        )
        self.written(ok, r.id)

    def add_certificate_(self) -> None:
        r = self.selected()
        if r is None or self.read_only or self.db is None:
            return
        cv = suppliers.CERTIFICATE_VOCAB
        fields = [cv[k] for k in ("name", "number", "issued_by", "expires_on")]

        def check(v: dict[str, str]) -> list[Any]:
            return _certificate(v)[1]

        dialog = FieldsDialog(
            self, f"Certificate of {r.code}", fields, {"name": "ISO 9001:2015"}, check=check
        )
        if not accepted(dialog):
            return
        cert, _ = _certificate(dialog.values())
        assert cert is not None
        path = self.file_jobs.ask_open_path(
            "Certificate file (optional)", "Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"
        )
        db = self.db
        ok, _ = self.write(
            "Cannot add the certificate",
            lambda s: suppliers.add_certificate(
                s, r.id, cert, self.user, file=path, attachments_dir=db.attachments_dir
            ),
        )
        self.written(ok, r.id)

    def history_subject(self) -> tuple[str, Callable[[Any], Sequence[Any]]] | None:
        r = self.selected()
        if r is None:
            return None
        return r.code, lambda s: suppliers.history_of(s, r.id)


def _certificate(values: dict[str, str]) -> tuple[suppliers.CertificateFields | None, list[Any]]:
    from qmsdesk.core.dates import parse_date
    from qmsdesk.core.errors import FieldProblem

    try:
        expires = parse_date(values.get("expires_on"))
    except ValueError as exc:
        return None, [FieldProblem("expires_on", str(exc))]
    fields = suppliers.CertificateFields(
        values.get("name", ""), values.get("number", ""), values.get("issued_by", ""), expires
    )
    problems = suppliers.check_certificate(fields)
    return (None if problems else fields), list(problems)
