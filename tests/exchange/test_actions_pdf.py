"""The actions register as PDF: open actions, the overdue ones, those closed in a period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from qmsdesk.core import actions, people
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_actions import ActionSource, ActionStatus
from qmsdesk.core.exchange import actions_pdf, audits_pdf, registry

USER = "lead"
ON = dt.date(2026, 6, 15)


def pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def test_actions_register_lists_open_overdue_and_closed_in_the_period(
    db: Database, tmp_path: Path
) -> None:
    with db.write() as s:
        qm = people.create_person(s, people.PersonFields("E1", "Łukasz Żółć"), USER)
        pm = people.create_person(s, people.PersonFields("E2", "Anders Ørsted"), USER)

        def make(title: str, **values: object) -> int:
            values = {"source_kind": ActionSource.PROCESS_NC, "problem": "p",
                      "raised_on": dt.date(2026, 1, 10), **values}  # fmt: skip
            return actions.create_action(
                s,
                actions.ActionFields(title=title, **values),
                USER,
                on=ON,  # type: ignore[arg-type]
            )

        make("Overdue one", due_date=dt.date(2026, 5, 1))
        make("Still in time", due_date=dt.date(2026, 9, 1))
        for title, verified in (("Closed in May", dt.date(2026, 5, 20)),
                                ("Closed last year", dt.date(2025, 12, 1))):  # fmt: skip
            done = make(
                title,
                raised_on=dt.date(2025, 11, 1),
                root_cause="r",
                corrective_action="a",
                correction="c",
                owner_id=pm,
                completed_on=dt.date(2025, 11, 20),
                status=ActionStatus.AWAITING_VERIFICATION,
            )
            actions.verify(s, done, verified_on=verified, verified_by_id=qm, effective=True,
                           note="ok", user=USER, on=ON)  # fmt: skip
    out = actions_pdf.write_actions(
        db, tmp_path / "a.pdf", start="2026-01-01", end="2026-06-30", on=ON
    )
    reader = PdfReader(out)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape
    everything = " ".join(pages(out))
    assert "2 open · 1 overdue · 1 closed in the period" in everything
    assert "Overdue one" in everything and "OVERDUE" in everything
    assert "Closed in May" in everything and "Closed last year" not in everything
    assert everything.index("Overdue actions (1)") < everything.index("Other open actions (1)")


def test_the_report_lives_in_actions_pdf_and_is_still_found_in_audits_pdf() -> None:
    assert registry.REPORTS["actions"].target == "qmsdesk.core.exchange.actions_pdf:write_actions"
    assert audits_pdf.write_actions is actions_pdf.write_actions
    assert [c.header for c in actions_pdf.ACTION_COLUMNS] == [
        "Reference",
        "Title",
        "Source",
        "Owner",
        "Raised",
        "Due",
        "Status",
        "Root cause",
        "Action / verification",
    ]
