"""The measuring equipment register's words: statuses, who calibrated, as-found and as-left
labels, the field vocabularies and the parsers."""

from __future__ import annotations

from qmsdesk.core.choices import parse_choice
from qmsdesk.core.db.models_equipment import AsFound, AsLeft, CalibratedBy, EquipmentStatus
from qmsdesk.core.fields import Field, FieldKind, Vocabulary

ENTITY = "equipment"
DUE_SOON_DAYS = 30
MAX_LENGTHS = {
    "code": 40,
    "description": 150,
    "kind": 60,
    "location": 80,
    "owner": 80,
    "range_text": 80,
    "accuracy": 80,
}
#: Equipment that is calibrated on schedule (retired and out-of-service gauges are not used).
SCHEDULED = frozenset({EquipmentStatus.IN_USE, EquipmentStatus.QUARANTINED})

STATUS_LABELS: dict[EquipmentStatus, str] = {
    EquipmentStatus.IN_USE: "In use",
    EquipmentStatus.OUT_OF_SERVICE: "Out of service",
    EquipmentStatus.QUARANTINED: "Quarantined",
    EquipmentStatus.RETIRED: "Retired",
}
BY_LABELS: dict[CalibratedBy, str] = {
    CalibratedBy.INTERNAL: "Internal",
    CalibratedBy.LAB: "External lab",
}
AS_FOUND_LABELS: dict[AsFound, str] = {
    AsFound.IN_TOLERANCE: "In tolerance",
    AsFound.OUT_OF_TOLERANCE: "Out of tolerance",
}
AS_LEFT_LABELS: dict[AsLeft, str] = {
    AsLeft.IN_TOLERANCE: "In tolerance",
    AsLeft.ADJUSTED: "Adjusted, in tolerance",
    AsLeft.NOT_USABLE: "Not usable",
}

EQUIPMENT_VOCAB = Vocabulary(
    "equipment",
    (
        Field(
            "code",
            "Equipment ID",
            "The ID on the gauge, unique (such as MIC-014).",
            required=True,
            short="ID",
        ),
        Field("description", "Description", "What it is.", required=True),
        Field("kind", "Kind", "Micrometer, caliper, thread gauge, CMM..."),
        Field("location", "Location", "Where it is kept."),
        Field("owner", "Owner", "Who looks after it."),
        Field("range_text", "Range", "Its measuring range, such as 0-25 mm."),
        Field("accuracy", "Accuracy", "Its accuracy or tolerance, such as ±0.002 mm."),
        Field(
            "interval_months",
            "Interval (months)",
            "Months between calibrations.",
            FieldKind.INTEGER,
            short="Interval",
        ),
        Field(
            "status",
            "Status",
            "In use, out of service, quarantined or retired.",
            FieldKind.CHOICE,
            tuple(STATUS_LABELS.values()),
        ),
        Field(
            "received_on",
            "Received on",
            "When it came into the company.",
            FieldKind.DATE,
            short="Received",
        ),
        Field(
            "last_calibrated",
            "Last calibrated",
            "The latest calibration.",
            FieldKind.DATE,
            short="Calibrated",
        ),
        Field(
            "next_due",
            "Calibration due",
            "When the next calibration is due.",
            FieldKind.DATE,
            short="Due",
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
CALIBRATION_VOCAB = Vocabulary(
    "calibrations",
    (
        Field("equipment", "Equipment ID", "The gauge calibrated.", required=True, short="ID"),
        Field(
            "calibrated_on",
            "Calibrated on",
            "The day of the calibration.",
            FieldKind.DATE,
            required=True,
            short="Calibrated",
        ),
        Field(
            "by",
            "Calibrated by",
            "Internal or an external lab.",
            FieldKind.CHOICE,
            tuple(BY_LABELS.values()),
            short="By",
        ),
        Field(
            "performed_by",
            "Lab or person",
            "The lab's name, or who calibrated it.",
            short="Lab / person",
        ),
        Field(
            "certificate_no",
            "Certificate number",
            "The calibration certificate.",
            short="Certificate",
        ),
        Field(
            "as_found",
            "As found",
            "In or out of tolerance when it arrived for calibration.",
            FieldKind.CHOICE,
            tuple(AS_FOUND_LABELS.values()),
        ),
        Field(
            "as_left",
            "As left",
            "In tolerance, adjusted, or not usable after it.",
            FieldKind.CHOICE,
            tuple(AS_LEFT_LABELS.values()),
        ),
        Field(
            "next_due", "Next due", "Empty: the calibration date plus the interval.", FieldKind.DATE
        ),
        Field(
            "impact_review",
            "Impact review",
            "For an as-found out-of-tolerance result: what was measured with it since its last "
            "good calibration, and what was found when it was checked again.",
            FieldKind.LONG_TEXT,
        ),
        Field(
            "impact_decision",
            "Decision",
            "What was decided about the product measured.",
            FieldKind.LONG_TEXT,
        ),
        Field("attachment", "Certificate file", "A scan or PDF of the certificate."),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
FIELD_LABELS = EQUIPMENT_VOCAB.labels()
CALIBRATION_LABELS = CALIBRATION_VOCAB.labels()


def parse_status(text: object) -> EquipmentStatus:
    return parse_choice(
        text,
        STATUS_LABELS,
        "an equipment status",
        {
            "active": EquipmentStatus.IN_USE,
            "in service": EquipmentStatus.IN_USE,
            "quarantine": EquipmentStatus.QUARANTINED,
            "withdrawn": EquipmentStatus.OUT_OF_SERVICE,
            "scrapped": EquipmentStatus.RETIRED,
        },
    )


def parse_by(text: object) -> CalibratedBy:
    return parse_choice(
        text,
        BY_LABELS,
        "internal or an external lab",
        {"lab": CalibratedBy.LAB, "external": CalibratedBy.LAB, "in house": CalibratedBy.INTERNAL},
    )


def parse_as_found(text: object) -> AsFound:
    return parse_choice(
        text,
        AS_FOUND_LABELS,
        "an as-found result",
        {
            "in": AsFound.IN_TOLERANCE,
            "ok": AsFound.IN_TOLERANCE,
            "pass": AsFound.IN_TOLERANCE,
            "out": AsFound.OUT_OF_TOLERANCE,
            "oot": AsFound.OUT_OF_TOLERANCE,
            "fail": AsFound.OUT_OF_TOLERANCE,
        },
    )


def parse_as_left(text: object) -> AsLeft:
    return parse_choice(
        text,
        AS_LEFT_LABELS,
        "an as-left result",
        {
            "in": AsLeft.IN_TOLERANCE,
            "ok": AsLeft.IN_TOLERANCE,
            "adjusted": AsLeft.ADJUSTED,
            "failed": AsLeft.NOT_USABLE,
            "scrap": AsLeft.NOT_USABLE,
        },
    )
