"""The measuring equipment tab (ISO 9001:2015 clause 7.1.5): gauges with their calibration
status (OVERDUE in colour and in words), calibrations with their certificates, and for a result
found out of tolerance the impact review, which can raise a nonconforming output or an action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QStyle

from qmsdesk.core import equipment
from qmsdesk.core.dates import today
from qmsdesk.core.equipment import AsFound, EquipmentQuery, EquipmentRow, EquipmentStatus
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field, FieldKind
from qmsdesk.gui import icons
from qmsdesk.gui.operations.base import OperationsTab
from qmsdesk.gui.operations.form import FieldsDialog
from qmsdesk.gui.operations.table import Column, TableSpec
from qmsdesk.gui.register_tab import ActionSpec, accepted

_SP = QStyle.StandardPixmap
_V = equipment.EQUIPMENT_VOCAB
_C = equipment.CALIBRATION_VOCAB
REVIEW_WAITING = "REVIEW DUE"


def _query_ids(s: Any, q: EquipmentQuery, key: str, desc: bool, on: dt.date) -> list[int]:
    return equipment.query_ids(s, q, key, desc, on)


def _cells(r: EquipmentRow, on: dt.date) -> tuple[tuple[str, ...], str, int]:
    word = r.due_word(on)
    due = r.next_due.isoformat() if r.next_due else ""
    texts = (
        r.code,
        r.description,
        equipment.STATUS_LABELS[r.status],
        r.last_calibrated.isoformat() if r.last_calibrated else "never",
        f"{due}  {word}" if word else due,
        "impact review due" if r.reviews_open else "",
        r.kind,
        r.location,
        r.owner,
    )
    if not word and r.reviews_open:
        return texts, REVIEW_WAITING, 5
    return texts, word, 4


SPEC: TableSpec[EquipmentQuery, EquipmentRow] = TableSpec(
    columns=(
        Column("code", _V["code"].short_label, _V["code"].help, "MIC-0014"),
        Column(
            "description",
            _V["description"].short_label,
            _V["description"].help,
            "Outside micrometer 25-50 mm",
        ),
        Column("status", _V["status"].short_label, _V["status"].help, "Out of service"),
        Column(
            "last_calibrated",
            _V["last_calibrated"].short_label,
            _V["last_calibrated"].help,
            "2026-12-31",
        ),
        Column("next_due", _V["next_due"].short_label, _V["next_due"].help, "2026-12-31 OVERDUE"),
        Column(
            "",
            "Impact review",
            "An out-of-tolerance result waiting for its impact review",
            "impact review due",
        ),
        Column("kind", _V["kind"].short_label, _V["kind"].help, "Thread gauge"),
        Column("location", _V["location"].short_label, _V["location"].help, "Inspection room"),
        Column("owner", _V["owner"].short_label, _V["owner"].help, "Grace Adeyemi"),
    ),
    query_ids=_query_ids,
    fetch_rows=equipment.fetch_rows,
    row_id=lambda r: r.id,
    cells=_cells,
)

_NC_FIELDS = (
    Field("product", "Product or part", "What was measured with the gauge", required=True),
    Field("quantity", "Quantity", "How many are affected", FieldKind.NUMBER),
)


class EquipmentTab(OperationsTab[EquipmentQuery, EquipmentRow]):
    tab_title = "Equipment"
    menu_title = "Equipment (7.1.&5)"
    report_key = "equipment"
    report_file_name = "Calibration schedule"
    export_key = "equipment"
    export_file_name = "Measuring equipment"
    layout_key = "equipment"
    toolbar_title = "Equipment tools"
    search_hint = "Search ID, description, kind, location, owner"
    overdue_tip = "Only the gauges past their calibration date"
    empty_text = "No equipment selected."
    FILTERS = (
        ("All statuses", ""),
        *((label, status.value) for status, label in equipment.STATUS_LABELS.items()),
        ("Impact review due", "review"),
    )

    ACTIONS = (
        ActionSpec(
            "new_equipment",
            "&New equipment…",
            "new_equipment_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Add a gauge or instrument",
            button="New",
        ),
        ActionSpec(
            "edit_equipment",
            "&Edit equipment…",
            "edit_record",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected equipment",
            button="Edit",
        ),
        ActionSpec(
            "delete_equipment",
            "&Delete equipment…",
            "delete_equipment_",
            None,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete equipment entered by mistake (never calibrated)",
            button="Delete",
        ),
        ActionSpec(
            "calibrate",
            "Record &calibration…",
            "calibrate_",
            "Ctrl+Shift+K",
            lambda: icons.letter_icon("✓", "#2e7d32"),
            "Record a calibration: date, lab, certificate, as found and as left",
            button="Calibration",
        ),
        ActionSpec(
            "impact_review",
            "&Impact review…",
            "impact_review_",
            None,
            lambda: icons.letter_icon("!", "#c62828"),
            "What was measured since the last good calibration, and the decision",
            button="Impact review",
        ),
        ActionSpec(
            "raise_nc",
            "Raise &nonconforming output…",
            "raise_nc_",
            None,
            lambda: icons.letter_icon("N", "#b26a00"),
            "Open a nonconforming output for the product measured with this gauge",
        ),
        ActionSpec(
            "raise_action",
            "Raise &action",
            "raise_action_",
            None,
            lambda: icons.letter_icon("A", "#1565c0"),
            "Open a corrective action for the out-of-tolerance result",
        ),
        ActionSpec(
            "history_equipment",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected equipment",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_equipment", "edit_equipment", "delete_equipment")
    MENU_ACTIONS = (
        "calibrate",
        "impact_review",
        "raise_nc",
        "raise_action",
        None,
        "history_equipment",
    )
    TOOLBAR = (
        "new_equipment",
        "edit_equipment",
        "delete_equipment",
        None,
        "calibrate",
        "impact_review",
        None,
        "history_equipment",
    )

    new_equipment: QAction
    edit_equipment: QAction
    delete_equipment: QAction
    calibrate: QAction
    impact_review: QAction
    raise_nc: QAction
    raise_action: QAction
    history_equipment: QAction

    def table_spec(self) -> TableSpec[EquipmentQuery, EquipmentRow]:
        return SPEC

    def query(self, text: str = "", choice: str = "", overdue: bool = False) -> EquipmentQuery:
        if choice == "review":
            return EquipmentQuery(text=text, overdue_only=overdue, review_only=True)
        statuses = frozenset({EquipmentStatus(choice)}) if choice else frozenset()
        return EquipmentQuery(text=text, statuses=statuses, overdue_only=overdue)

    def load_counts(self) -> tuple[int, int]:
        assert self.db is not None
        with self.db.read() as s:
            c = equipment.counts(s)
        return c.total, c.overdue

    def status_text(self) -> str:
        return f"{self.total} pieces of equipment · {self.overdue_count} calibrations overdue"

    def get_record(self, record_id: int) -> EquipmentRow:
        assert self.db is not None
        with self.db.read() as s:
            return equipment.get_row(s, record_id)

    def record_for(self, record_id: int, kind: str) -> int | None:
        if kind != "calibration":
            return record_id
        assert self.db is not None
        with self.db.read() as s:
            cal = s.get(equipment.Calibration, record_id)
            return None if cal is None else cal.equipment_id

    def _latest(self, r: EquipmentRow) -> equipment.CalibrationRow | None:
        assert self.db is not None
        with self.db.read() as s:
            cals = equipment.calibrations(s, r.id)
        return cals[-1] if cals else None

    def details_html(self, r: EquipmentRow) -> str:
        assert self.db is not None
        on = today()
        with self.db.read() as s:
            cals = equipment.calibrations(s, r.id)
            acts = equipment.actions_of(s, r.id)
        word = r.due_word(on)
        marker = (
            f' <b style="color:#c62828">⚠ {word}</b>'
            if word == "OVERDUE"
            else (f' <b style="color:#b26a00">{word.lower()}</b>' if word else "")
        )
        parts = [
            f"<h3 style='margin-bottom:2px'>{escape(r.code)}</h3>"
            f"<p style='margin-top:0'><b>{escape(r.description)}</b><br>"
            f"{escape(r.kind)} · {escape(r.range_text)} · {escape(r.accuracy)}<br>"
            f"<b>Status:</b> {equipment.STATUS_LABELS[r.status]}<br>"
            f"<b>Location:</b> {escape(r.location)} · <b>Owner:</b> {escape(r.owner)}<br>"
            f"<b>Every</b> {r.interval_months} months · <b>due</b> "
            f"{r.next_due.isoformat() if r.next_due else '-'}{marker}</p>",
            "<h4 style='margin-bottom:2px'>Calibrations</h4><ul style='margin-top:0'>",
        ]
        for c in reversed(cals):
            found = equipment.AS_FOUND_LABELS[c.as_found]
            if c.as_found == AsFound.OUT_OF_TOLERANCE:
                found = f'<b style="color:#c62828">{found}</b>'
            line = (
                f"<li>{c.calibrated_on.isoformat()} {escape(c.performed_by)} "
                f"{escape(c.certificate_no)}: as found {found}, as left "
                f"{equipment.AS_LEFT_LABELS[c.as_left].lower()}"
            )
            if c.as_found == AsFound.OUT_OF_TOLERANCE:
                if c.needs_impact_review:
                    line += '<br><b style="color:#c62828">Impact review due</b>'
                else:
                    line += (
                        f"<br><i>Impact review:</i> {escape(c.impact_review)}"
                        f"<br><i>Decision:</i> {escape(c.impact_decision)}"
                    )
                if c.nc_ref:
                    line += f"<br>Nonconforming output {escape(c.nc_ref)}"
                if c.action_ref:
                    line += f"<br>Action {escape(c.action_ref)}"
            parts.append(line + "</li>")
        parts.append("</ul>" if cals else "<li>Never calibrated.</li></ul>")
        if acts:
            parts.append(
                "<h4 style='margin-bottom:2px'>Actions</h4><p style='margin-top:0'>"
                + "<br>".join(f"{escape(a[0])} {escape(a[1])}" for a in acts)
                + "</p>"
            )
        return "".join(parts)

    def update_actions(self) -> None:
        r = self.record
        self.enable(self.new_equipment)
        for action in (self.edit_equipment, self.calibrate):
            self.enable(action, r is not None)
        self.enable(self.delete_equipment, r is not None and r.last_calibrated is None)
        oot = r is not None and r.reviews_open > 0
        self.enable(self.impact_review, oot)
        latest = self._latest(r) if r is not None and self.db is not None else None
        bad = latest is not None and latest.as_found == AsFound.OUT_OF_TOLERANCE
        self.enable(self.raise_nc, bad and latest is not None and latest.nc_id is None)
        self.enable(self.raise_action, bad and latest is not None and latest.action_id is None)
        self.enable(self.history_equipment, r is not None)

    # --- dialogs -----------------------------------------------------------------------------

    def _equipment_dialog(self, title: str, r: EquipmentRow | None) -> dict[str, str] | None:
        fields = [f for f in _V if f.key not in ("last_calibrated", "next_due")]
        initial = {
            "interval_months": "12",
            "status": equipment.STATUS_LABELS[EquipmentStatus.IN_USE],
        }
        if r is not None:
            initial = {
                "code": r.code,
                "description": r.description,
                "kind": r.kind,
                "location": r.location,
                "owner": r.owner,
                "range_text": r.range_text,
                "accuracy": r.accuracy,
                "interval_months": str(r.interval_months),
                "status": equipment.STATUS_LABELS[r.status],
                "received_on": r.received_on.isoformat() if r.received_on else "",
                "note": r.note,
            }
        dialog = FieldsDialog(
            self, title, fields, initial, check=lambda v: equipment.equipment_from_values(v)[1]
        )
        return dialog.values() if accepted(dialog) else None

    def new_equipment_(self) -> None:
        if self.db is None or self.read_only:
            return
        values = self._equipment_dialog("New equipment", None)
        if values is None:
            return
        fields, _ = equipment.equipment_from_values(values)
        assert fields is not None
        ok, new_id = self.write(
            "Cannot add the equipment", lambda s: equipment.create_equipment(s, fields, self.user)
        )
        self.written(ok, new_id)

    def edit_record(self) -> None:
        r = self.selected()
        if r is None or self.read_only:
            return
        values = self._equipment_dialog(f"Edit {r.code}", r)
        if values is None:
            return
        fields, _ = equipment.equipment_from_values(values)
        assert fields is not None
        ok, _ = self.write(
            "Cannot change the equipment",
            lambda s: equipment.update_equipment(s, r.id, fields, self.user),
        )
        self.written(ok, r.id)

    def delete_equipment_(self) -> None:
        r = self.selected()
        if r is None or self.read_only:
            return
        if not self.confirm("Delete equipment", f"Delete {r.code} ({r.description})?"):
            return
        ok, _ = self.write(
            "Cannot delete the equipment", lambda s: equipment.delete_equipment(s, r.id, self.user)
        )
        self.written(ok)

    def calibrate_(self) -> None:
        r = self.selected()
        if r is None or self.read_only or self.db is None:
            return
        keys = (
            "calibrated_on",
            "by",
            "performed_by",
            "certificate_no",
            "as_found",
            "as_left",
            "next_due",
            "note",
        )
        initial = {
            "calibrated_on": today().isoformat(),
            "by": equipment.BY_LABELS[equipment.CalibratedBy.INTERNAL],
            "as_found": equipment.AS_FOUND_LABELS[AsFound.IN_TOLERANCE],
            "as_left": equipment.AS_LEFT_LABELS[equipment.AsLeft.IN_TOLERANCE],
        }
        received = r.received_on
        dialog = FieldsDialog(
            self,
            f"Calibration of {r.code}",
            [_C[k] for k in keys],
            initial,
            check=lambda v: equipment.calibration_from_values(v, received)[1],
            intro=f"Empty next due: the calibration date plus {r.interval_months} months.",
        )
        if not accepted(dialog):
            return
        parsed, _ = equipment.calibration_from_values(dialog.values(), received)
        assert parsed is not None
        path = self.file_jobs.ask_open_path(
            "Calibration certificate (optional)",
            "Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)",
        )
        db = self.db
        ok, _ = self.write(
            "Cannot record the calibration",
            lambda s: equipment.add_calibration(
                s, r.id, parsed, self.user, file=path, attachments_dir=db.attachments_dir
            ),
        )
        self.written(ok, r.id)
        if ok and parsed.as_found == AsFound.OUT_OF_TOLERANCE:
            QMessageBox.information(
                self,
                "Found out of tolerance",
                f"{r.code} was found out of tolerance. Review what was measured with it since "
                "its last good calibration (Impact review), and raise a nonconforming output or "
                "an action if product may be affected.",
            )

    def impact_review_(self) -> None:
        r = self.selected()
        if r is None or self.read_only or self.db is None:
            return
        with self.db.read() as s:
            waiting = [c for c in equipment.calibrations(s, r.id) if c.needs_impact_review]
        if not waiting:
            return
        cal = waiting[-1]

        def check(v: dict[str, str]) -> list[FieldProblem]:
            found = []
            if not v.get("impact_review"):
                found.append(FieldProblem("impact_review", "Say what was measured with it."))
            if not v.get("impact_decision"):
                found.append(FieldProblem("impact_decision", "Say what was decided."))
            return found

        dialog = FieldsDialog(
            self,
            f"Impact review: {r.code} {cal.calibrated_on.isoformat()}",
            [_C["impact_review"], _C["impact_decision"]],
            {"impact_review": cal.impact_review, "impact_decision": cal.impact_decision},
            check=check,
            intro="The gauge was found out of tolerance. List what was measured with it since "
            "its last good calibration, what re-checking found, and what was decided.",
        )
        if not accepted(dialog):
            return
        v = dialog.values()
        ok, _ = self.write(
            "Cannot record the impact review",
            lambda s: equipment.record_impact_review(
                s, cal.id, v["impact_review"], v["impact_decision"], self.user
            ),
        )
        self.written(ok, r.id)

    def raise_nc_(self) -> None:
        r = self.selected()
        latest = self._latest(r) if r is not None else None
        if r is None or latest is None or self.read_only:
            return
        dialog = FieldsDialog(
            self, f"Nonconforming output from {r.code}", _NC_FIELDS, check=_nc_problems
        )
        if not accepted(dialog):
            return
        v = dialog.values()
        qty = float(v["quantity"]) if v.get("quantity") else None
        ok, _ = self.write(
            "Cannot raise the nonconforming output",
            lambda s: equipment.raise_nonconforming(
                s, latest.id, self.user, product=v["product"], quantity=qty
            ),
        )
        self.written(ok, r.id)
        if ok:
            self.file_jobs.show_message("Nonconforming output raised: see the Nonconforming tab.")

    def raise_action_(self) -> None:
        r = self.selected()
        latest = self._latest(r) if r is not None else None
        if r is None or latest is None or self.read_only:
            return
        ok, _ = self.write(
            "Cannot raise the action", lambda s: equipment.raise_action(s, latest.id, self.user)
        )
        self.written(ok, r.id)
        if ok:
            self.file_jobs.show_message("Corrective action raised: see the Actions tab.")

    def history_subject(self) -> tuple[str, Callable[[Any], Sequence[Any]]] | None:
        r = self.selected()
        if r is None:
            return None
        return r.code, lambda s: equipment.history_of(s, r.id)


def _nc_problems(values: dict[str, str]) -> list[FieldProblem]:
    found = []
    if not values.get("product"):
        found.append(FieldProblem("product", "Say what was measured with the gauge."))
    if values.get("quantity"):
        try:
            if float(values["quantity"]) <= 0:
                found.append(FieldProblem("quantity", "must be more than 0."))
        except ValueError:
            found.append(FieldProblem("quantity", "is not a number."))
    return found
