"""A training record's fields and rules, the records as lists show them, and the
revision of a linked document in force on a day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import people
from qmsdesk.core.dates import format_day, parse_date, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import Document, Revision, RevisionStatus
from qmsdesk.core.db.models_training import LEVEL_MAX, Person, TrainingItem, TrainingRecord
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.service import missing
from qmsdesk.core.text import clean, fold
from qmsdesk.core.training.parsing import parse_hours, parse_level, scale_text
from qmsdesk.core.training.vocab import HOURS_MAX, RECORD_MAX_LENGTHS, too_long_message


@dataclass(frozen=True)
class RecordFields:
    """One training given to one person (or, when recording a session, to each attendee)."""

    trained_on: dt.date
    level: int = 1
    trainer: str = ""
    hours: float | None = None
    result: str = ""
    document_revision: str = ""  # "" for a linked item: the revision in force that day
    effectiveness_method: str = ""
    effectiveness_date: dt.date | None = None
    effectiveness_by: str = ""
    effectiveness_outcome: str = ""
    note: str = ""
    # Set by the services when a file is attached (or by an import, which names stored files).
    attachment_name: str = ""
    attachment_sha256: str = ""


RECORD_FIELDS = tuple(f.name for f in fields(RecordFields))
_RECORD_TEXT_FIELDS = tuple(
    n for n in RECORD_FIELDS if n not in ("trained_on", "level", "hours", "effectiveness_date")
)
_SHA256 = re.compile(r"[0-9a-f]{64}")


def record_fields_from_values(
    values: Mapping[str, object],
    max_level: int = LEVEL_MAX,
    on: dt.date | None = None,
    delivery: str = "",
) -> tuple[RecordFields | None, list[FieldProblem]]:
    """Parse raw values into a record's fields (level checked against the item's scale and
    what its delivery can show)."""
    problems: list[FieldProblem] = []
    parsed: dict[str, object] = {}
    for name in RECORD_FIELDS:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name in ("trained_on", "effectiveness_date"):
                parsed[name] = parse_date(raw)
            elif name == "level":
                parsed[name] = parse_level(raw, max_level)
            elif name == "hours":
                parsed[name] = parse_hours(raw)
            elif name in ("note", "effectiveness_outcome"):
                parsed[name] = clean(raw)
            elif name == "attachment_sha256":
                parsed[name] = clean(raw).lower()
            else:
                parsed[name] = " ".join(clean(raw).split())
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    if parsed.get("trained_on") is None and not any(p.field == "trained_on" for p in problems):
        problems.append(FieldProblem("trained_on", "The date of the training is required."))
    if problems:
        return None, problems
    result = RecordFields(**parsed)  # type: ignore[arg-type]
    return _or_none(result, check_record(result, max_level, on, delivery))


def _or_none(
    f: RecordFields, problems: list[FieldProblem]
) -> tuple[RecordFields | None, list[FieldProblem]]:
    return (None if problems else f), problems


#: The highest level a course of this delivery gives on its own, without an assessment.
LEVEL_WITHOUT_ASSESSMENT = {"classroom": 2}


def assessed(f: RecordFields) -> bool:
    """Whether the record names an assessment (a result, or an effectiveness check done)."""
    return bool(clean(f.result)) or bool(
        f.effectiveness_date is not None and clean(f.effectiveness_outcome)
    )


def level_reached(delivery: str, f: RecordFields) -> int:
    """The level a training of this delivery shows: a classroom course gives understanding
    (level 2) at most, unless an assessment says more."""
    cap = LEVEL_WITHOUT_ASSESSMENT.get(fold(clean(delivery)))
    if cap is None or assessed(f):
        return f.level
    return min(f.level, cap)


def check_record(
    f: RecordFields, max_level: int = LEVEL_MAX, on: dt.date | None = None, delivery: str = ""
) -> list[FieldProblem]:
    """Rules a record's fields obey together. `on` is today (a date after it is refused);
    `delivery` is the item's (a classroom course needs an assessment above level 2)."""
    on = on or today()
    problems = []
    if 1 <= f.level <= max_level and level_reached(delivery, f) < f.level:
        cap = level_reached(delivery, f)
        problems.append(
            FieldProblem(
                "level",
                f"A {clean(delivery).lower()} course on its own shows understanding (level "
                f"{cap}), not level {f.level}: give the assessment that showed level {f.level} "
                "in Result (for example 'written test passed'), or record the effectiveness "
                "check and its outcome.",
            )
        )
    if f.trained_on > on:
        problems.append(
            FieldProblem(
                "trained_on",
                f"{format_day(f.trained_on)} is in the future; record training once it has "
                "taken place.",
            )
        )
    if not 1 <= f.level <= max_level:
        problems.append(
            FieldProblem(
                "level",
                f"Level {f.level} is outside the scale of this item (1 to {max_level}: "
                f"{scale_text(max_level)}).",
            )
        )
    if f.hours is not None and not 0 <= f.hours <= HOURS_MAX:
        problems.append(FieldProblem("hours", f"The hours must be between 0 and {HOURS_MAX:g}."))
    for name, limit in RECORD_MAX_LENGTHS.items():
        text = getattr(f, name)
        if len(text) > limit:
            problems.append(FieldProblem(name, too_long_message(text, limit)))
    if f.effectiveness_date is not None:
        if f.effectiveness_date < f.trained_on:
            problems.append(
                FieldProblem(
                    "effectiveness_date",
                    "The effectiveness check cannot come before the training.",
                )
            )
        elif f.effectiveness_date > on:
            problems.append(
                FieldProblem(
                    "effectiveness_date",
                    f"{format_day(f.effectiveness_date)} is in the future; record the check once "
                    "it has been done.",
                )
            )
    if f.attachment_sha256 and not _SHA256.fullmatch(f.attachment_sha256):
        problems.append(
            FieldProblem(
                "attachment_sha256",
                "A SHA-256 checksum is 64 characters, digits 0-9 and letters a-f.",
            )
        )
    if bool(f.attachment_sha256) != bool(f.attachment_name):
        problems.append(
            FieldProblem(
                "attachment_name" if f.attachment_sha256 else "attachment_sha256",
                "Evidence needs both its file name and its SHA-256 checksum.",
            )
        )
    return problems


@dataclass(frozen=True)
class RecordRow:
    """A training record as lists and reports show it."""

    id: int
    person_id: int
    employee_no: str
    person_name: str
    item_id: int
    item_code: str
    item_title: str
    trained_on: dt.date
    level: int
    trainer: str
    hours: float | None
    result: str
    document_revision: str
    effectiveness_method: str
    effectiveness_date: dt.date | None
    effectiveness_by: str
    effectiveness_outcome: str
    note: str
    attachment_name: str
    attachment_path: str
    attachment_sha256: str

    def fields(self) -> RecordFields:
        return RecordFields(**{n: getattr(self, n) for n in RECORD_FIELDS})


_RECORD_COLUMNS = (
    TrainingRecord.id,
    TrainingRecord.person_id,
    Person.employee_no,
    Person.name,
    TrainingRecord.item_id,
    TrainingItem.code,
    TrainingItem.title,
    TrainingRecord.trained_on,
    TrainingRecord.level,
    TrainingRecord.trainer,
    TrainingRecord.hours,
    TrainingRecord.result,
    TrainingRecord.document_revision,
    TrainingRecord.effectiveness_method,
    TrainingRecord.effectiveness_date,
    TrainingRecord.effectiveness_by,
    TrainingRecord.effectiveness_outcome,
    TrainingRecord.note,
    TrainingRecord.attachment_name,
    TrainingRecord.attachment_path,
    TrainingRecord.attachment_sha256,
)


def record_rows(
    session: Session,
    *,
    person_id: int | None = None,
    item_id: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[RecordRow]:
    """Records, newest first (then by name and item code)."""
    stmt = (
        select(*_RECORD_COLUMNS)
        .join(Person, Person.id == TrainingRecord.person_id)
        .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
        .order_by(TrainingRecord.trained_on.desc(), Person.name, TrainingItem.code)
    )
    if person_id is not None:
        stmt = stmt.where(TrainingRecord.person_id == person_id)
    if item_id is not None:
        stmt = stmt.where(TrainingRecord.item_id == item_id)
    if ids is not None:
        stmt = stmt.where(TrainingRecord.id.in_(list(ids)))
    out = []
    for r in raw_rows(session, stmt):
        values = list(r)
        values[7] = dt.date.fromisoformat(values[7])
        values[14] = None if values[14] is None else dt.date.fromisoformat(values[14])
        out.append(RecordRow(*values))
    return out


def get_record(session: Session, record_id: int) -> RecordRow:
    found = record_rows(session, ids=[record_id])
    if not found:
        raise missing("Training record", record_id, note="")
    return found[0]


class RevisionLookup:
    """Which revision of a linked document was in force on a day, for many records at once."""

    def __init__(self, session: Session, document_ids: Iterable[int]) -> None:
        wanted = sorted({d for d in document_ids if d is not None})
        self._by_doc: dict[int, list[tuple[str, str]]] = {}
        self._current: dict[int, str] = {}
        if not wanted:
            return
        stmt = (
            select(Revision.document_id, Revision.effective_date, Revision.label)
            .where(
                Revision.document_id.in_(wanted),
                Revision.status != RevisionStatus.DRAFT,
                Revision.effective_date.is_not(None),
            )
            .order_by(Revision.document_id, Revision.effective_date, Revision.id)
        )
        for doc_id, day, label in raw_rows(session, stmt):
            self._by_doc.setdefault(doc_id, []).append((day, label))
        stmt2 = select(Document.id, Document.revision, Document.effective_date).where(
            Document.id.in_(wanted)
        )
        for doc_id, label, day in raw_rows(session, stmt2):
            self._current[doc_id] = label
            if label and day and all(lbl != label for _, lbl in self._by_doc.get(doc_id, [])):
                # A revision entered in the register without a revision record.
                self._by_doc.setdefault(doc_id, []).append((day, label))
                self._by_doc[doc_id].sort()

    def on(self, document_id: int | None, day: dt.date) -> str:
        if document_id is None:
            return ""
        iso = day.isoformat()
        label = ""
        for effective, rev in self._by_doc.get(document_id, []):
            if effective <= iso:
                label = rev
        return label


def person_problems(session: Session, person_ids: Sequence[int], day: dt.date) -> list[str]:
    rows = {p.id: p for p in people.all_people(session, ids=person_ids)}
    problems = []
    for pid in person_ids:
        person = rows.get(pid)
        if person is None:
            problems.append(f"Person {pid} does not exist.")
        elif person.leaving_date is not None and person.leaving_date < day:
            problems.append(
                f"{person.name} left on {format_day(person.leaving_date)}, before this training."
            )
    return problems


def stored_path(name: str, sha256: str) -> str:
    """Where attachments.store keeps a file: named by its checksum, with its suffix if safe."""
    if not sha256:
        return ""
    suffix = Path(name).suffix
    suffix = suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix) else ""
    return f"{sha256[:2]}/{sha256}{suffix}"


def record_ref(number: str, code: str, day: dt.date) -> str:
    return f"{number} {code} {day.isoformat()}"[:80]
