"""The words of readiness: a clause's state, what a check found, the evidence it points to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class State(StrEnum):
    READY = "ready"
    PARTLY = "partly"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


STATE_LABELS = {
    State.READY: "Ready",
    State.PARTLY: "Partly",
    State.MISSING: "Missing",
    State.NOT_APPLICABLE: "Not applicable",
}

#: What a state is worth in the overall figure (not applicable clauses do not count).
STATE_SCORE = {State.READY: 1.0, State.PARTLY: 0.5, State.MISSING: 0.0}


@dataclass(frozen=True)
class Evidence:
    """A record behind a finding, named as the due list names records (so the window can open
    it): the register's word, the record's id and kind, its reference and title."""

    register: str
    record_id: int
    reference: str
    title: str = ""
    kind: str = ""

    def label(self) -> str:
        return f"{self.reference} {self.title}".strip()


@dataclass(frozen=True)
class Outcome:
    """What one check found: its state, the reason in words, the records behind it."""

    state: State
    reason: str
    evidence: tuple[Evidence, ...] = ()
    check: str = ""


@dataclass(frozen=True)
class ClauseResult:
    clause: str
    title: str
    depth: int
    state: State
    outcomes: tuple[Outcome, ...]

    def reasons(self) -> list[str]:
        return [o.reason for o in self.outcomes]

    def evidence(self) -> list[Evidence]:
        return [e for o in self.outcomes for e in o.evidence]


@dataclass(frozen=True)
class Readiness:
    edition: str
    on: dt.date
    clauses: tuple[ClauseResult, ...]
    previous: tuple[dt.date, int] | None = field(default=None)  # when last looked, its percent

    @property
    def percent(self) -> int:
        scored = [STATE_SCORE[c.state] for c in self.clauses if c.state in STATE_SCORE]
        return round(100 * sum(scored) / len(scored)) if scored else 0

    def count(self, state: State) -> int:
        return sum(1 for c in self.clauses if c.state == state)

    def trend(self) -> int | None:
        """Points gained (or lost) since the lead last looked; None the first time."""
        return None if self.previous is None else self.percent - self.previous[1]

    def trend_text(self) -> str:
        if self.previous is None:
            return "First look: no earlier figure to compare with."
        day, before = self.previous
        change = self.percent - before
        if change == 0:
            return f"Unchanged since you last looked ({day.isoformat()}, {before}%)."
        sign = "+" if change > 0 else "−"
        return f"{sign}{abs(change)} points since you last looked ({day.isoformat()}, {before}%)."

    def to_do(self) -> list[ClauseResult]:
        return [c for c in self.clauses if c.state in (State.MISSING, State.PARTLY)]


def combine(outcomes: list[Outcome]) -> State:
    """A clause is ready when every check is, missing when every check is, else partly."""
    states = {o.state for o in outcomes}
    if not states or states == {State.READY}:
        return State.READY
    if states == {State.MISSING}:
        return State.MISSING
    return State.PARTLY
