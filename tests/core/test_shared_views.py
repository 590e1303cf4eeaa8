"""The pieces every register plugs into: due items, search everywhere, scope exclusions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from qmsdesk.core import due, finder
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_planning import ScopeExclusion
from qmsdesk.core.scope import excluded_clauses, is_excluded

ON = dt.date(2026, 12, 2)


def fake_due(session: Session, on: dt.date, days: int) -> list[due.DueItem]:
    return [
        due.DueItem("documents", "Review due", "QP-02", "Later", on + dt.timedelta(days=5), 2),
        due.DueItem("actions", "Action due", "CA-1", "Late", on - dt.timedelta(days=3), 1),
        due.DueItem("documents", "Review due", "QP-01", "Sooner", on + dt.timedelta(days=1), 3),
    ]


def fake_find(session: Session, text: str, limit: int) -> list[finder.Hit]:
    return [finder.Hit("documents", "QP-010", "Other", 1), finder.Hit("people", "qp-01", "X", 2)]


def test_due_items_list_overdue_first_then_by_date(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(due, "DUE_SOURCES", [f"{__name__}:fake_due"])
    with db.read() as s:
        items = due.due_items(s, ON, 30)
    assert [i.reference for i in items] == ["CA-1", "QP-01", "QP-02"]
    assert items[0].overdue(ON) and not items[1].overdue(ON)
    assert items[0].uid == "actions-record-1-action-due@qmsdesk"


def test_find_puts_the_exact_reference_first(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finder, "FIND_SOURCES", [f"{__name__}:fake_find"])
    with db.read() as s:
        assert [h.reference for h in finder.find(s, " QP-01 ")] == ["qp-01", "QP-010"]
        assert finder.find(s, "  ") == []


def test_a_clause_below_an_excluded_one_is_excluded(db: Database) -> None:
    with db.write() as s:
        s.add(ScopeExclusion(clause="8.3", justification="We build to customers' drawings."))
    with db.read() as s:
        assert excluded_clauses(s) == {"8.3"}
        assert is_excluded(s, "8.3") and is_excluded(s, "8.3.4")
        assert not is_excluded(s, "8.2") and not is_excluded(s, "8")
