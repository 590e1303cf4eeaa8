"""The suppliers register in Excel: three sheets, "Suppliers", "Supplier certificates" and
"Supplier evaluations", each imported back. An evaluation or a certificate names its supplier by
code: one in the register or on the "Suppliers" sheet of the same workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import company, suppliers
from qmsdesk.core.dates import today
from qmsdesk.core.exchange.operations_cells import changes, column, message, present
from qmsdesk.core.exchange.workbook import (
    Column,
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
from qmsdesk.core.text import clean, clean_code

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_S, _C, _E = suppliers.SUPPLIER_VOCAB, suppliers.CERTIFICATE_VOCAB, suppliers.EVALUATION_VOCAB
SHEET_SUPPLIERS = "suppliers.sheet_codes"  # PlanContext.shared: codes on the 'Suppliers' sheet

SUPPLIERS = SheetSpec(
    name="Suppliers",
    aliases=("Approved suppliers", "Approved supplier list", "Supplier list"),
    columns=(
        column(_S, "code", 12, required=True, aliases=("Code", "Supplier", "Supplier ID")),
        column(_S, "name", 32, required=True, aliases=("Supplier name", "Company")),
        column(_S, "supplies", 32, aliases=("Products", "Scope", "What they supply")),
        column(_S, "criticality", 12, aliases=("Risk", "Category")),
        column(_S, "status", 22, aliases=("Status", "Approval")),
        column(_S, "approved_since", 14, aliases=("Approved on", "Approval date")),
        column(_S, "contact", 28),
        column(
            _S,
            "next_evaluation",
            14,
            computed=True,
            help="For reading: from the latest evaluation. An import does not read it.",
        ),
        Column(
            "overdue",
            "Overdue",
            width=10,
            computed=True,
            help="OVERDUE when the re-evaluation is past its date (not read back).",
        ),
        column(_S, "note", 30, aliases=("Notes", "Comments")),
    ),
)
CERTIFICATES = SheetSpec(
    name="Supplier certificates",
    aliases=("Certificates",),
    frozen_columns=2,
    columns=(
        column(_C, "supplier", 12, required=True, aliases=("Supplier", "Code")),
        column(_C, "name", 24, required=True, aliases=("Certificate name", "Standard")),
        column(_C, "number", 18, aliases=("Number", "Certificate no")),
        column(_C, "issued_by", 18, aliases=("Certification body", "Issuer")),
        column(_C, "expires_on", 14, aliases=("Expiry", "Expiry date", "Valid until")),
        Column(
            "expired",
            "Expired",
            width=12,
            computed=True,
            help="EXPIRED or EXPIRES SOON (not read back).",
        ),
        column(
            _C,
            "attachment",
            24,
            computed=True,
            help="The file attached in QMS Desk (not read back: attach files there).",
        ),
    ),
)
EVALUATIONS = SheetSpec(
    name="Supplier evaluations",
    aliases=("Evaluations", "Supplier scores"),
    frozen_columns=2,
    columns=(
        column(_E, "supplier", 12, required=True, aliases=("Supplier", "Code")),
        column(_E, "evaluated_on", 14, required=True, aliases=("Date", "Evaluation date")),
        column(_E, "evaluated_by", 18, aliases=("By", "Evaluator")),
        column(_E, "scores", 44, aliases=("Score", "Criteria")),
        column(_E, "overall", 9, computed=True, help="The mean of the scores (not read back)."),
        column(_E, "result", 22),
        column(_E, "next_due", 14, aliases=("Next evaluation", "Next due")),
        column(_E, "note", 36, aliases=("Notes", "Comments")),
    ),
)


def export_suppliers(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the suppliers, their certificates and their evaluations; returns the rows written."""
    on = today()
    with db.read() as session:
        name = company.get_info(session).name
        plan = suppliers.scheme(session)
        rows = [] if template else suppliers.all_rows(session)
        certs = [] if template else suppliers.certificates(session)
        evals = [] if template else suppliers.evaluations(session)
    data = [
        (
            r.code,
            r.name,
            r.supplies,
            suppliers.CRITICALITY_LABELS[r.criticality],
            suppliers.STATUS_LABELS[r.status],
            r.approved_since,
            r.contact,
            r.next_evaluation,
            r.evaluation_word(on),
            r.note,
        )
        for r in rows
    ]
    cert_data = [
        (
            c.supplier_code,
            c.name,
            c.number,
            c.issued_by,
            c.expires_on,
            suppliers.expiry_word(c.expires_on, on),
            c.attachment_name,
        )
        for c in certs
    ]
    eval_data = [
        (
            e.supplier_code,
            e.evaluated_on,
            e.evaluated_by,
            suppliers.scores_text(e.scores),
            e.overall,
            suppliers.RESULT_LABELS[e.result],
            e.next_due,
            e.note,
        )
        for e in evals
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [
            SheetData(SUPPLIERS, data),
            SheetData(CERTIFICATES, cert_data),
            SheetData(EVALUATIONS, eval_data),
        ],
        Readme(
            title=f"Suppliers{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(data)} suppliers, {len(cert_data)} "
                f"certificates, {len(eval_data)} evaluations.",
                "Edit the rows and import the workbook back (File > Import): a supplier is known "
                "by its code, a certificate by its supplier and name, an evaluation by its "
                "supplier and date.",
                f"Scores: each of the company's criteria ({', '.join(plan.criteria)}) scored "
                f"from 1 to {plan.scale_max}. An empty result is suggested from the mean; an "
                "empty next due date comes from the supplier's criticality.",
            ),
        ),
        progress,
    )
    return len(data) + len(cert_data) + len(eval_data)


# --- import: suppliers -------------------------------------------------------------------------

_Held = dict[str, suppliers.SupplierRow]


class SuppliersImporter(KeyedImporter[_Held, str, suppliers.SupplierRow, suppliers.SupplierFields]):
    spec = SUPPLIERS
    order = 110
    title = "Suppliers"

    def existing(self, session: Session) -> _Held:
        return {r.code.casefold(): r for r in suppliers.all_rows(session)}

    def begin(self, run: KeyedRun[_Held]) -> None:
        run.state = run.context.shared.setdefault(SHEET_SUPPLIERS, set())

    def row_key(self, run: KeyedRun[_Held], row: TableRow) -> RowKey[str] | None:
        code = clean_code(row.values.get("code"))
        return new_key((code.casefold(), code, code)) if code else None

    def parse(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        stored: suppliers.SupplierRow | None,
        report: RowReport,
    ) -> suppliers.SupplierFields | None:
        raw: dict[str, Any] = present(row, suppliers.SUPPLIER_FIELDS)
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in suppliers.SUPPLIER_FIELDS if n not in raw} | raw
        fields, problems = suppliers.supplier_from_values(raw)
        for p in problems:
            report(p.field, message(p.message))
        if fields is not None:
            run.state.add(fields.code.casefold())
        return fields

    def changing(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        stored: suppliers.SupplierRow,
        fields: suppliers.SupplierFields,
        report: RowReport,
    ) -> tuple[suppliers.SupplierFields, Changes]:
        return fields, changes(
            stored.fields(), fields, suppliers.SUPPLIER_FIELDS, suppliers.FIELD_LABELS
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, suppliers.SupplierFields]],
        changed: list[Changed[str, suppliers.SupplierRow, suppliers.SupplierFields]],
    ) -> None:
        suppliers.save_suppliers_many(
            session, [a.fields for a in added], [(c.stored.id, c.fields) for c in changed], user
        )


def _supplier_known(run: KeyedRun[Any], code: str) -> bool:
    key = code.casefold()
    return key in run.held[0] or key in run.context.shared.get(SHEET_SUPPLIERS, set())


def _unknown(code: str) -> str:
    return f"There is no supplier '{code}', neither in the register nor on the 'Suppliers' sheet."


# --- import: certificates ------------------------------------------------------------------

_CertKey = tuple[str, str]
_CertHeld = tuple[dict[str, int], dict[_CertKey, suppliers.CertificateRow]]


class CertificatesImporter(
    KeyedImporter[_CertHeld, _CertKey, suppliers.CertificateRow, tuple[str, Any]]
):
    spec = CERTIFICATES
    order = 111
    title = "Supplier certificates"

    def existing(self, session: Session) -> _CertHeld:
        held = {
            (c.supplier_code.casefold(), c.name.casefold()): c
            for c in suppliers.certificates(session)
        }
        return suppliers.codes(session), held

    def lookup(self, run: KeyedRun[_CertHeld]) -> Any:
        return run.held[1].get

    def row_key(self, run: KeyedRun[_CertHeld], row: TableRow) -> RowKey[_CertKey] | None:
        code, name = clean_code(row.values.get("supplier")), clean(row.values.get("name"))
        if not code or not name:
            return None
        return new_key(((code.casefold(), name.casefold()), f"{code} {name}", code))

    def check_key(
        self,
        run: KeyedRun[_CertHeld],
        row: TableRow,
        key: RowKey[_CertKey] | None,
        report: RowReport,
    ) -> None:
        if not clean(row.values.get("supplier")):
            report("supplier", "Say which supplier holds the certificate (its code).")
        if not clean(row.values.get("name")):
            report("name", "Say which certificate it is (such as ISO 9001).")

    def parse(
        self,
        run: KeyedRun[_CertHeld],
        row: TableRow,
        stored: suppliers.CertificateRow | None,
        report: RowReport,
    ) -> tuple[str, Any] | None:
        from qmsdesk.core.dates import parse_date

        code = clean_code(row.values.get("supplier"))
        if not _supplier_known(run, code):
            report("supplier", _unknown(code))
            return None
        try:
            expires = (
                parse_date(row.values.get("expires_on"))
                if "expires_on" in row.values
                else (stored.expires_on if stored else None)
            )
        except ValueError as exc:
            report("expires_on", str(exc))
            return None
        fields = suppliers.CertificateFields(
            clean(row.values.get("name")),
            clean(row.values.get("number", stored.number if stored else "")),
            clean(row.values.get("issued_by", stored.issued_by if stored else "")),
            expires,
        )
        for p in suppliers.check_certificate(fields):
            report(p.field, message(p.message))
        return code, fields

    def changing(
        self,
        run: KeyedRun[_CertHeld],
        row: TableRow,
        key: RowKey[_CertKey],
        stored: suppliers.CertificateRow,
        fields: tuple[str, Any],
        report: RowReport,
    ) -> tuple[tuple[str, Any], Changes]:
        return fields, changes(
            stored,
            fields[1],
            ("number", "issued_by", "expires_on"),
            suppliers.CERTIFICATE_VOCAB.labels(),
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_CertKey, tuple[str, Any]]],
        changed: list[Changed[_CertKey, suppliers.CertificateRow, tuple[str, Any]]],
    ) -> None:
        for a in added:
            sid = suppliers.id_for_code(session, a.fields[0])
            assert sid is not None
            suppliers.add_certificate(session, sid, a.fields[1], user)
        for c in changed:
            suppliers.update_certificate(session, c.stored.id, c.fields[1], user)


# --- import: evaluations ---------------------------------------------------------------------

_EvalKey = tuple[str, dt.date]
_EvalHeld = tuple[dict[str, int], dict[_EvalKey, suppliers.EvaluationRow], suppliers.Scheme]


class EvaluationsImporter(
    KeyedImporter[_EvalHeld, _EvalKey, suppliers.EvaluationRow, tuple[str, Any]]
):
    spec = EVALUATIONS
    order = 112
    title = "Supplier evaluations"

    def existing(self, session: Session) -> _EvalHeld:
        held = {
            (e.supplier_code.casefold(), e.evaluated_on): e for e in suppliers.evaluations(session)
        }
        return suppliers.codes(session), held, suppliers.scheme(session)

    def lookup(self, run: KeyedRun[_EvalHeld]) -> Any:
        return run.held[1].get

    def row_key(self, run: KeyedRun[_EvalHeld], row: TableRow) -> RowKey[_EvalKey] | None:
        from qmsdesk.core.dates import parse_date

        code = clean_code(row.values.get("supplier"))
        try:
            day = parse_date(row.values.get("evaluated_on"))
        except ValueError:
            day = None
        if not code or day is None:
            return None
        return new_key(((code.casefold(), day), f"{code} {day.isoformat()}", code))

    def check_key(
        self,
        run: KeyedRun[_EvalHeld],
        row: TableRow,
        key: RowKey[_EvalKey] | None,
        report: RowReport,
    ) -> None:
        from qmsdesk.core.dates import parse_date

        if not clean(row.values.get("supplier")):
            report("supplier", "Say which supplier was evaluated (its code).")
        try:
            if parse_date(row.values.get("evaluated_on")) is None:
                report("evaluated_on", "Say when the evaluation was made.")
        except ValueError as exc:
            report("evaluated_on", str(exc))

    def parse(
        self,
        run: KeyedRun[_EvalHeld],
        row: TableRow,
        stored: suppliers.EvaluationRow | None,
        report: RowReport,
    ) -> tuple[str, Any] | None:
        code = clean_code(row.values.get("supplier"))
        known = _supplier_known(run, code)
        if not known:
            report("supplier", _unknown(code))
        raw: dict[str, Any] = present(
            row, ("evaluated_on", "evaluated_by", "scores", "result", "next_due", "note")
        )
        if stored is not None:
            old = {
                "evaluated_by": stored.evaluated_by,
                "note": stored.note,
                "scores": suppliers.scores_text(stored.scores),
                "next_due": stored.next_due,
                "result": stored.result.value,
            }
            raw = {k: v for k, v in old.items() if k not in raw} | raw
        fields, problems = suppliers.evaluation_from_values(raw, run.held[2])
        for p in problems:
            report(p.field, message(p.message))
        return (code, fields) if fields is not None and known else None

    def changing(
        self,
        run: KeyedRun[_EvalHeld],
        row: TableRow,
        key: RowKey[_EvalKey],
        stored: suppliers.EvaluationRow,
        fields: tuple[str, Any],
        report: RowReport,
    ) -> tuple[tuple[str, Any], Changes]:
        new = fields[1]
        old = stored.fields()
        if new.result is None:
            new = replace(new, result=old.result)
        if new.next_due is None:
            new = replace(new, next_due=old.next_due)
        found = changes(
            old,
            new,
            ("evaluated_by", "result", "next_due", "note"),
            suppliers.EVALUATION_VOCAB.labels(),
        )
        if suppliers.scores_text(old.scores) != suppliers.scores_text(new.scores):
            found += changes(
                old,
                new,
                ("scores",),
                suppliers.EVALUATION_VOCAB.labels(),
                lambda _n, v: suppliers.scores_text(v),  # type: ignore[arg-type]
            )
        return (fields[0], new), found

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_EvalKey, tuple[str, Any]]],
        changed: list[Changed[_EvalKey, suppliers.EvaluationRow, tuple[str, Any]]],
    ) -> None:
        for a in added:
            sid = suppliers.id_for_code(session, a.fields[0])
            assert sid is not None
            suppliers.add_evaluation(session, sid, a.fields[1], user)
        for c in changed:
            suppliers.update_evaluation(session, c.stored.id, c.fields[1], user)


SHEET_IMPORTERS: list[SheetImporter] = [
    SuppliersImporter(),
    CertificatesImporter(),
    EvaluationsImporter(),
]
