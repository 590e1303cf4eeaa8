"""Drafting the inputs of a management review (ISO 9001:2015 clause 9.3.2) from the registers.

Each drafter reads one register for the period a review covers and returns a :class:`Draft`: a few
sentences and small tables, plain data that the review stores as JSON and the GUI and the PDF
render. Every figure is counted by SQL (``count ... filter``, ``group by``) and only the few rows a
table shows are read, so that a company with 50,000 documents and 20,000 actions drafts in a
fraction of a second.

The drafts never touch what the quality lead wrote (the narrative): a review keeps the two apart.

This module holds what every drafter shares (the period, a draft, its tables); the drafters
themselves are one module per register (``draft_*``), and :mod:`.draft` says which drafts what.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk.core.dates import format_day, today
from qmsdesk.core.text import plural as plural  # re-exported: drafting texts count with it

#: The most rows a drafted table lists; the rest are counted in a note under it.
TABLE_ROWS = 15


def day_text(day: dt.date | None) -> str:
    """'1 Mar 2026' (or the company's other date format, qmsdesk.core.dates.format_day)."""
    return format_day(day)


def period_text(start: dt.date, end: dt.date) -> str:
    return f"{day_text(start)} to {day_text(end)}"


def stored_day(value: object) -> dt.date | None:
    """A day as a raw SQL row gives it back: a date, or ISO text."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def days_late(on: dt.date, due: object) -> str:
    """How many days before `on` a due date (one the query made sure is there) was: '1,234'."""
    day = stored_day(due)
    if day is None:
        raise ValueError("a due date was expected")
    return f"{(on - day).days:,}"


@dataclass(frozen=True)
class Table:
    """A small table of a draft: every cell is text, already formatted for reading."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # under the table, e.g. "and 12 more"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "columns": list(self.columns),
            "rows": [list(r) for r in self.rows],
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        return cls(
            str(data.get("title", "")),
            tuple(str(c) for c in data.get("columns", ())),
            tuple(tuple(str(v) for v in row) for row in data.get("rows", ())),
            str(data.get("note", "")),
        )


@dataclass(frozen=True)
class Draft:
    """What the registers say about one agenda item: sentences, then tables."""

    text: str = ""
    tables: tuple[Table, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.text and not self.tables

    def tables_json(self) -> str:
        return json.dumps([t.to_dict() for t in self.tables], ensure_ascii=False)

    @staticmethod
    def tables_from_json(text: str | None) -> tuple[Table, ...]:
        if not text:
            return ()
        try:
            data = json.loads(text)
        except ValueError:
            return ()
        if not isinstance(data, list):
            return ()
        return tuple(Table.from_dict(t) for t in data if isinstance(t, dict))


def limited(
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int | None = None,
    what: str = "more",
) -> Table:
    """A table of at most TABLE_ROWS rows, saying how many were left out."""
    total = len(rows) if total is None else total
    shown = tuple(tuple(r) for r in rows[:TABLE_ROWS])
    note = f"… and {total - len(shown):,} {what}." if total > len(shown) else ""
    return Table(title, tuple(columns), shown, note)


@dataclass(frozen=True)
class Period:
    """The span a review covers, and the day its 'now' figures are taken on."""

    start: dt.date
    end: dt.date
    as_at: dt.date  # the period's end, or today when the period has not ended yet
    review_id: int | None = None  # the review being drafted (its earlier reviews come before it)
    meeting_date: dt.date | None = None
    # Figures several drafters share, worked out once per drafting (see _action_stats).
    cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def of(
        cls,
        start: dt.date,
        end: dt.date,
        on: dt.date | None = None,
        *,
        review_id: int | None = None,
        meeting_date: dt.date | None = None,
    ) -> Period:
        return cls(start, end, min(end, on or today()), review_id, meeting_date)

    @property
    def text(self) -> str:
        return period_text(self.start, self.end)

    def contains(self, column: Any) -> Any:
        return column.between(self.start, self.end)


Drafter = Callable[[Session, Period], Draft]


@dataclass
class Drafters:
    """Which drafter writes which agenda item (several may add to one item, in order)."""

    by_item: dict[str, list[Drafter]] = field(default_factory=dict)

    def add(self, item: str, drafter: Drafter) -> None:
        self.by_item.setdefault(item, []).append(drafter)

    def draft(self, session: Session, period: Period, items: Sequence[str]) -> dict[str, Draft]:
        out = {}
        for item in items:
            parts = [d(session, period) for d in self.by_item.get(item, ())]
            parts = [p for p in parts if not p.empty]
            out[item] = Draft(
                "\n\n".join(p.text for p in parts if p.text),
                tuple(t for p in parts for t in p.tables),
            )
        return out
