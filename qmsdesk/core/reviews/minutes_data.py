"""The minutes of a management review as plain data: what the PDF prints and approval freezes.

:class:`Minutes` is built from the company file by :func:`qmsdesk.core.reviews.minutes`, or read
back from the JSON kept when a revision of the minutes was approved, so that the approved minutes
print exactly as they were approved, whatever happened in the registers since.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from qmsdesk.core.catalogue import CATALOGUE_DIR
from qmsdesk.core.reviews.drafting import Table

#: Bumped when the JSON layout changes; older layouts stay readable.
FORMAT = 1
INPUT = "input"
OUTPUT = "output"


@dataclass(frozen=True)
class AgendaItem:
    """An input (clause 9.3.2) or output (9.3.3) of a review, from the shipped catalogue."""

    item: str  # "9.3.2 c 4"; "7.5" for the document register section
    part: str  # INPUT or OUTPUT
    title: str
    prompt: str  # what the quality lead might say under it (our own words)
    drafted: str  # what QMS Desk drafts from the registers ("" for nothing)

    def label(self) -> str:
        return f"{self.item} {self.title}"

    @property
    def letter(self) -> str:
        """The output's letter ("a" for 9.3.3 a)."""
        return self.item.rsplit(" ", 1)[-1]


@functools.cache
def agenda() -> tuple[AgendaItem, ...]:
    """Every input then every output, in the order of the agenda."""
    path = CATALOGUE_DIR / "management_review.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return tuple(
        AgendaItem(
            r["item"].strip(),
            r["part"].strip(),
            r["title"].strip(),
            (r.get("prompt") or "").strip(),
            (r.get("drafted") or "").strip(),
        )
        for r in rows
    )


def inputs() -> tuple[AgendaItem, ...]:
    return tuple(a for a in agenda() if a.part == INPUT)


def outputs() -> tuple[AgendaItem, ...]:
    return tuple(a for a in agenda() if a.part == OUTPUT)


def agenda_item(item: str) -> AgendaItem:
    for a in agenda():
        if a.item == item:
            return a
    raise KeyError(item)


@dataclass(frozen=True)
class MinutesInput:
    item: str  # "9.3.2 c 4"
    title: str
    narrative: str  # the quality lead's words
    summary: str  # drafted from the registers
    tables: tuple[Table, ...] = ()
    drafted_at: dt.datetime | None = None
    nothing_to_report: bool = False  # the lead's word, instead of a narrative


@dataclass(frozen=True)
class MinutesAction:
    reference: str  # the action's reference in the actions register
    text: str
    owner: str
    due: dt.date | None
    status: str  # as the actions register words it
    decision: str = ""  # "D2"
    completed_on: dt.date | None = None
    completion_note: str = ""


@dataclass(frozen=True)
class MinutesDecision:
    number: str  # "D2"
    item: str  # "9.3.3 b"
    item_title: str
    text: str
    actions: tuple[MinutesAction, ...] = ()


@dataclass(frozen=True)
class Minutes:
    reference: str
    title: str
    meeting_date: dt.date
    place: str
    chair: str
    guests: str
    period_start: dt.date
    period_end: dt.date
    status: str  # "planned", "held", "approved"
    status_label: str
    minutes_revision: int
    approved_by: str = ""
    approved_on: dt.date | None = None
    revision_reason: str = ""
    attendees: tuple[str, ...] = ()
    apologies: tuple[str, ...] = ()
    inputs: tuple[MinutesInput, ...] = ()
    decisions: tuple[MinutesDecision, ...] = ()
    # The conclusion of clause 9.3.1 ("" in minutes approved before it was asked for).
    suitability: str = ""
    adequacy: str = ""
    effectiveness: str = ""
    alignment: str = ""
    drafted_at: dt.datetime | None = None
    # Earlier approved revisions: (revision, approved by, approved on, reason).
    revisions: tuple[tuple[int, str, dt.date, str], ...] = field(default=())

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    @property
    def actions(self) -> tuple[MinutesAction, ...]:
        return tuple(a for d in self.decisions for a in d.actions)

    # --- JSON --------------------------------------------------------------------------------

    def to_json(self) -> str:
        data = asdict(self)
        data["format"] = FORMAT
        return json.dumps(data, default=_encode, ensure_ascii=False, sort_keys=True)

    def sha256(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    @classmethod
    def from_json(cls, text: str) -> Minutes:
        data = json.loads(text)
        data.pop("format", None)
        data["meeting_date"] = _date(data["meeting_date"])
        data["period_start"] = _date(data["period_start"])
        data["period_end"] = _date(data["period_end"])
        data["approved_on"] = _date(data.get("approved_on"))
        data["drafted_at"] = _datetime(data.get("drafted_at"))
        data["attendees"] = tuple(data.get("attendees", ()))
        data["apologies"] = tuple(data.get("apologies", ()))
        data["revisions"] = tuple(
            (int(r[0]), str(r[1]), _date(r[2]), str(r[3])) for r in data.get("revisions", ())
        )
        data["inputs"] = tuple(
            MinutesInput(
                i["item"],
                i["title"],
                i["narrative"],
                i["summary"],
                tuple(Table.from_dict(t) for t in i.get("tables", ())),
                _datetime(i.get("drafted_at")),
                bool(i.get("nothing_to_report", False)),
            )
            for i in data.get("inputs", ())
        )
        data["decisions"] = tuple(
            MinutesDecision(
                d["number"],
                d["item"],
                d["item_title"],
                d["text"],
                tuple(
                    MinutesAction(
                        a["reference"],
                        a["text"],
                        a["owner"],
                        _date(a.get("due")),
                        a["status"],
                        a.get("decision", ""),
                        _date(a.get("completed_on")),
                        a.get("completion_note", ""),
                    )
                    for a in d.get("actions", ())
                ),
            )
            for d in data.get("decisions", ())
        )
        return cls(**data)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} in minutes")


def _date(value: Any) -> dt.date | None:
    return None if not value else dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> dt.datetime | None:
    return None if not value else dt.datetime.fromisoformat(str(value))
