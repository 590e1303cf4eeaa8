"""The measuring equipment register in Excel: "Equipment" (one row a gauge, known by its ID) and
"Calibrations" (one row a calibration, known by the gauge and the date), both imported back. A
calibration names a gauge in the register or on the "Equipment" sheet of the same workbook, and
is checked against the day that gauge was received."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import company, equipment
from qmsdesk.core.dates import parse_date, today
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

_Q, _K = equipment.EQUIPMENT_VOCAB, equipment.CALIBRATION_VOCAB
SHEET_EQUIPMENT = "equipment.sheet_received"  # shared: code folded -> received on (the sheet's)

EQUIPMENT = SheetSpec(
    name="Equipment",
    aliases=("Gauges", "Gauge register", "Measuring equipment"),
    columns=(
        column(_Q, "code", 12, required=True, aliases=("ID", "Gauge ID", "Asset no")),
        column(_Q, "description", 30, required=True, aliases=("Gauge", "Instrument")),
        column(_Q, "kind", 16, aliases=("Type",)),
        column(_Q, "location", 16),
        column(_Q, "owner", 16, aliases=("Responsible",)),
        column(_Q, "range_text", 14, aliases=("Range",)),
        column(_Q, "accuracy", 14, aliases=("Tolerance",)),
        column(_Q, "interval_months", 10, aliases=("Interval", "Frequency (months)")),
        column(_Q, "status", 14),
        column(_Q, "received_on", 13, aliases=("Received", "Date received")),
        column(
            _Q,
            "last_calibrated",
            13,
            computed=True,
            help="For reading: the latest calibration (not read back).",
        ),
        column(
            _Q,
            "next_due",
            13,
            computed=True,
            help="For reading: from the latest calibration (not read back).",
        ),
        Column(
            "overdue",
            "Overdue",
            width=10,
            computed=True,
            help="OVERDUE or DUE SOON (not read back).",
        ),
        column(_Q, "note", 30, aliases=("Notes",)),
    ),
)
CALIBRATIONS = SheetSpec(
    name="Calibrations",
    aliases=("Calibration records",),
    frozen_columns=2,
    columns=(
        column(_K, "equipment", 12, required=True, aliases=("ID", "Gauge ID", "Gauge")),
        column(_K, "calibrated_on", 13, required=True, aliases=("Date", "Calibration date")),
        column(_K, "by", 13, aliases=("Internal or lab",)),
        column(_K, "performed_by", 24, aliases=("Lab", "Calibrated by (name)")),
        column(_K, "certificate_no", 16, aliases=("Certificate", "Cert no")),
        column(_K, "as_found", 16),
        column(_K, "as_left", 18),
        column(_K, "next_due", 13, aliases=("Due", "Next calibration")),
        column(_K, "impact_review", 40),
        column(_K, "impact_decision", 30, aliases=("Impact decision",)),
        column(
            _K,
            "attachment",
            20,
            computed=True,
            help="The certificate file attached in QMS Desk (not read back).",
        ),
        column(_K, "note", 24, aliases=("Notes",)),
    ),
)


def export_equipment(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the equipment and its calibrations to `path`; returns the rows written."""
    on = today()
    with db.read() as session:
        name = company.get_info(session).name
        rows = [] if template else equipment.all_rows(session, on=on)
        cals = [] if template else equipment.calibrations(session)
    data = [
        (
            r.code,
            r.description,
            r.kind,
            r.location,
            r.owner,
            r.range_text,
            r.accuracy,
            r.interval_months,
            equipment.STATUS_LABELS[r.status],
            r.received_on,
            r.last_calibrated,
            r.next_due,
            r.due_word(on),
            r.note,
        )
        for r in rows
    ]
    cal_data = [
        (
            c.equipment_code,
            c.calibrated_on,
            equipment.BY_LABELS[c.by],
            c.performed_by,
            c.certificate_no,
            equipment.AS_FOUND_LABELS[c.as_found],
            equipment.AS_LEFT_LABELS[c.as_left],
            c.next_due,
            c.impact_review,
            c.impact_decision,
            c.attachment_name,
            c.note,
        )
        for c in cals
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(EQUIPMENT, data), SheetData(CALIBRATIONS, cal_data)],
        Readme(
            title=f"Measuring equipment{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(data)} pieces of equipment, "
                f"{len(cal_data)} calibrations.",
                "Edit the rows and import the workbook back (File > Import): a gauge is known by "
                "its ID, a calibration by the gauge and the date.",
                "A calibration found out of tolerance needs its impact review: what was measured "
                "with the gauge since its last good calibration, and the decision.",
            ),
        ),
        progress,
    )
    return len(data) + len(cal_data)


_Held = dict[str, equipment.EquipmentRow]


class EquipmentImporter(
    KeyedImporter[_Held, str, equipment.EquipmentRow, equipment.EquipmentFields]
):
    spec = EQUIPMENT
    order = 120
    title = "Equipment"

    def existing(self, session: Session) -> _Held:
        return {r.code.casefold(): r for r in equipment.all_rows(session)}

    def begin(self, run: KeyedRun[_Held]) -> None:
        run.state = run.context.shared.setdefault(SHEET_EQUIPMENT, {})

    def row_key(self, run: KeyedRun[_Held], row: TableRow) -> RowKey[str] | None:
        code = clean_code(row.values.get("code"))
        return new_key((code.casefold(), code, code)) if code else None

    def parse(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        stored: equipment.EquipmentRow | None,
        report: RowReport,
    ) -> equipment.EquipmentFields | None:
        raw: dict[str, Any] = present(row, equipment.EQUIPMENT_FIELDS)
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in equipment.EQUIPMENT_FIELDS if n not in raw} | raw
        fields, problems = equipment.equipment_from_values(raw)
        for p in problems:
            report(p.field, message(p.message))
        if fields is not None:
            run.state[fields.code.casefold()] = fields.received_on
        return fields

    def changing(
        self,
        run: KeyedRun[_Held],
        row: TableRow,
        key: RowKey[str],
        stored: equipment.EquipmentRow,
        fields: equipment.EquipmentFields,
        report: RowReport,
    ) -> tuple[equipment.EquipmentFields, Changes]:
        return fields, changes(
            stored.fields(), fields, equipment.EQUIPMENT_FIELDS, equipment.FIELD_LABELS
        )

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, equipment.EquipmentFields]],
        changed: list[Changed[str, equipment.EquipmentRow, equipment.EquipmentFields]],
    ) -> None:
        equipment.save_equipment_many(
            session, [a.fields for a in added], [(c.stored.id, c.fields) for c in changed], user
        )


_CalKey = tuple[str, dt.date]
_CalHeld = tuple[dict[str, tuple[int, dt.date | None]], dict[_CalKey, equipment.CalibrationRow]]
_CalFields = tuple[str, equipment.CalibrationFields]


class CalibrationsImporter(KeyedImporter[_CalHeld, _CalKey, equipment.CalibrationRow, _CalFields]):
    spec = CALIBRATIONS
    order = 121
    title = "Calibrations"

    def existing(self, session: Session) -> _CalHeld:
        held = {
            (c.equipment_code.casefold(), c.calibrated_on): c
            for c in equipment.calibrations(session)
        }
        return equipment.codes(session), held

    def lookup(self, run: KeyedRun[_CalHeld]) -> Any:
        return run.held[1].get

    def row_key(self, run: KeyedRun[_CalHeld], row: TableRow) -> RowKey[_CalKey] | None:
        code = clean_code(row.values.get("equipment"))
        try:
            day = parse_date(row.values.get("calibrated_on"))
        except ValueError:
            day = None
        if not code or day is None:
            return None
        return new_key(((code.casefold(), day), f"{code} {day.isoformat()}", code))

    def check_key(
        self,
        run: KeyedRun[_CalHeld],
        row: TableRow,
        key: RowKey[_CalKey] | None,
        report: RowReport,
    ) -> None:
        if not clean(row.values.get("equipment")):
            report("equipment", "Say which gauge was calibrated (its ID).")
        try:
            if parse_date(row.values.get("calibrated_on")) is None:
                report("calibrated_on", "Say when it was calibrated.")
        except ValueError as exc:
            report("calibrated_on", str(exc))

    def parse(
        self,
        run: KeyedRun[_CalHeld],
        row: TableRow,
        stored: equipment.CalibrationRow | None,
        report: RowReport,
    ) -> _CalFields | None:
        code = clean_code(row.values.get("equipment"))
        key = code.casefold()
        on_sheet = run.context.shared.get(SHEET_EQUIPMENT, {})
        if key in on_sheet:
            received = on_sheet[key]
        elif key in run.held[0]:
            received = run.held[0][key][1]
        else:
            report(
                "equipment",
                f"There is no equipment '{code}', neither in the register nor on the "
                "'Equipment' sheet.",
            )
            return None
        raw: dict[str, Any] = present(row, equipment.CALIBRATION_FIELDS)
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in equipment.CALIBRATION_FIELDS if n not in raw} | raw
        fields, problems = equipment.calibration_from_values(raw, received)
        for p in problems:
            report(p.field, message(p.message))
        return (code, fields) if fields is not None else None

    def changing(
        self,
        run: KeyedRun[_CalHeld],
        row: TableRow,
        key: RowKey[_CalKey],
        stored: equipment.CalibrationRow,
        fields: _CalFields,
        report: RowReport,
    ) -> tuple[_CalFields, Changes]:
        new = fields[1]
        if new.next_due is None:
            from dataclasses import replace

            new = replace(new, next_due=stored.next_due)
        names = [n for n in equipment.CALIBRATION_FIELDS]
        return (fields[0], new), changes(stored.fields(), new, names, _K.labels())

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_CalKey, _CalFields]],
        changed: list[Changed[_CalKey, equipment.CalibrationRow, _CalFields]],
    ) -> None:
        for a in added:
            eid = equipment.id_for_code(session, a.fields[0])
            assert eid is not None
            equipment.add_calibration(session, eid, a.fields[1], user)
        for c in changed:
            equipment.update_calibration(session, c.stored.id, c.fields[1], user)


SHEET_IMPORTERS: list[SheetImporter] = [EquipmentImporter(), CalibrationsImporter()]
