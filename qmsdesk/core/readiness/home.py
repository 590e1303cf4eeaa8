"""What the home page shows, read in one session: the due list across every register, readiness
and the getting-started checklist (the costly readings, such as the training matrix, done once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from qmsdesk.core import due
from qmsdesk.core.readiness.context import Context
from qmsdesk.core.readiness.engine import evaluate
from qmsdesk.core.readiness.model import Readiness
from qmsdesk.core.readiness.start import Step, getting_started


@dataclass(frozen=True)
class HomeView:
    on: dt.date
    days: int
    due: list[due.DueItem]
    readiness: Readiness
    steps: list[Step]

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.due if i.overdue(self.on))

    @property
    def new_file(self) -> bool:
        """Not every first step done yet: the checklist is worth showing."""
        return not all(s.done for s in self.steps)


def home_view(session: Session, on: dt.date, days: int = 30) -> HomeView:
    ctx = Context(session, on)
    items = due.due_items(session, on, days)
    return HomeView(
        on, days, items, evaluate(session, on, context=ctx), getting_started(session, on, ctx)
    )
