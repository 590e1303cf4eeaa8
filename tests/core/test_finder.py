"""Search everywhere over the demo: every register's codes, titles and names."""

from __future__ import annotations

from qmsdesk.core import finder
from qmsdesk.core.db import Database


def places(db: Database, text: str) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [(h.register, h.kind, h.reference) for h in finder.find(session, text)]


def test_every_register_answers(demo_db: Database) -> None:
    assert places(demo_db, "qp-07-01")[:2] == [
        ("documents", "", "QP-07-01"),  # the exact reference first
        ("training", "item", "RU-QP-07-01"),  # its read-and-understood item
    ]
    assert ("training", "person", "KPC-002") in places(demo_db, "żółć")  # not ASCII: folded
    assert ("training", "person", "KPC-005") in places(demo_db, "ØRSTED")
    assert [r for r in places(demo_db, "MR-20") if r[0] == "reviews"] == [
        ("reviews", "", "MR-2025"),
        ("reviews", "", "MR-2026"),
    ]
    assert ("actions", "", "CA-2026-002") in places(demo_db, "ca-2026-00")
    assert {r[0] for r in places(demo_db, "IA-2026")} >= {"audits", "actions"}
    assert ("training", "item", "TR-IA") in places(demo_db, "internal auditor")


def test_nothing_found_and_wildcards_are_literal(demo_db: Database) -> None:
    assert places(demo_db, "no such thing anywhere") == []
    # Literal: only the objectives whose titles hold a per cent sign ("below 2% of machining
    # hours"), never everything.
    with demo_db.read() as session:
        percent = finder.find(session, "%")
    assert percent and all("%" in h.title for h in percent)
    assert places(demo_db, "_") == []
    assert places(demo_db, "   ") == []
