"""Corrective action (10.2): an independent verification after completion, closing with an owner and
a correction (or the reason none was needed), extent and the questions of 10.2.1 e and f."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from qmsdesk.core import actions, company, people
from qmsdesk.core.actions import ActionFields
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import ActionSource, ActionStatus
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import actions_pdf, actions_xlsx


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


ON = dt.date(2026, 6, 15)
USER = "lead"


def _done(owner: int | None, **values: object) -> ActionFields:
    base: dict[str, object] = {
        "title": "Gauge out of calibration",
        "source_kind": ActionSource.PROCESS_NC,
        "problem": "MIC-014 used after its calibration date",
        "raised_on": dt.date(2026, 5, 2),
        "root_cause": "First-off form has no gauge check",
        "corrective_action": "Gauge check added to F-08-02",
        "completed_on": dt.date(2026, 6, 1),
        "owner_id": owner,
        "correction": "MIC-014 quarantined",
        "status": ActionStatus.AWAITING_VERIFICATION,
        **values,
    }
    return ActionFields(**base)  # type: ignore[arg-type]


@pytest.fixture
def staff(db: Database) -> tuple[int, int]:
    with db.write() as s:
        owner = people.create_person(s, people.PersonFields("E1", "Anders Ørsted"), USER)
        other = people.create_person(s, people.PersonFields("E2", "Łukasz Żółć"), USER)
    return owner, other


def _verify(db: Database, action_id: int, by: int, on: dt.date) -> None:
    with db.write() as s:
        actions.verify(
            s, action_id, verified_on=on, verified_by_id=by, effective=True, note="ok", user=USER,
            on=ON,
        )  # fmt: skip


def test_the_owner_does_not_verify_their_own_action(db: Database, staff: tuple[int, int]) -> None:
    owner, _other = staff
    with db.write() as s:
        action_id = actions.create_action(s, _done(owner), USER, on=ON)
    with pytest.raises(ValidationError, match="someone other than the action's owner"):
        _verify(db, action_id, owner, dt.date(2026, 6, 10))
    with db.write() as s:
        company.set_self_approval(s, True)
    _verify(db, action_id, owner, dt.date(2026, 6, 10))
    with db.read() as s:
        assert actions.get_row(s, action_id).status == ActionStatus.CLOSED


def test_the_verification_comes_after_completion(db: Database, staff: tuple[int, int]) -> None:
    owner, other = staff
    with db.write() as s:
        action_id = actions.create_action(s, _done(owner), USER, on=ON)
    with pytest.raises(ValidationError, match="comes after the action was carried out"):
        _verify(db, action_id, other, dt.date(2026, 6, 1))  # the day it was done
    _verify(db, action_id, other, dt.date(2026, 6, 2))


def test_closing_needs_an_owner_and_a_correction_or_its_reason(
    db: Database, staff: tuple[int, int]
) -> None:
    owner, other = staff
    closed = {
        "status": ActionStatus.CLOSED,
        "verified_on": dt.date(2026, 6, 10),
        "verified_by_id": other,
        "effective": True,
    }
    with pytest.raises(ValidationError, match="closed only with its owner"), db.write() as s:
        actions.create_action(s, _done(None, **closed), USER, on=ON)
    with pytest.raises(ValidationError, match="or why nothing was needed"), db.write() as s:
        actions.create_action(s, _done(owner, correction="", **closed), USER, on=ON)
    with db.write() as s:
        action_id = actions.create_action(
            s,
            _done(
                owner,
                correction="",
                no_correction_reason="The gauge read true when checked against the master",
                extent="The other 11 micrometers of cell 2: all in date",
                risks_updated=True,
                qms_change=False,
                **closed,
            ),
            USER,
            on=ON,
        )
    with db.read() as s:
        row = actions.get_row(s, action_id)
    assert (row.no_correction_reason[:9], row.extent[:9], row.risks_updated, row.qms_change) == (
        "The gauge",
        "The other",
        True,
        False,
    )
    assert replace(row.fields(), extent="") != row.fields()  # the extent is one of its fields


def test_extent_and_the_two_questions_are_in_the_export_and_the_report(
    db: Database, staff: tuple[int, int], tmp_path: Path
) -> None:
    owner, _other = staff
    with db.write() as s:
        actions.create_action(
            s,
            _done(
                owner,
                extent="Cell 2 micrometers checked",
                risks_updated=True,
                qms_change=False,
                raised_on=dt.date(2026, 2, 1),
            ),
            USER,
            on=ON,
        )
    book = tmp_path / "actions.xlsx"
    actions_xlsx.export_actions(db, book)
    workbook = load_workbook(book, read_only=True)
    try:
        rows = workbook["Actions"].iter_rows(max_row=2)
        header, first = [[c.value for c in row] for row in rows]
    finally:
        workbook.close()
    got = dict(zip(header, first, strict=True))
    assert got["Where else could this happen"] == "Cell 2 micrometers checked"
    assert got["Risks and opportunities updated"] == "Yes"
    assert got["Quality system to change"] == "No"
    out = actions_pdf.write_actions(
        db, tmp_path / "a.pdf", start="2026-01-01", end="2026-06-30", on=ON
    )
    text = " ".join(pdf_text(out).split())
    assert "Where else: Cell 2 micrometers checked" in text
    assert "Risks and opportunities updated: yes" in text
    assert "Quality system to change: no" in text
