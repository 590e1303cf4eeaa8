"""Management review PDFs: the minutes (as approved, or a draft), the blank agenda, and the
`qmsdesk report review-minutes / review-agenda` words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.tables import Table as RLTable

from qmsdesk.cli import run
from qmsdesk.core import actions, reviews
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models_audits import ActionStatus
from qmsdesk.core.db.models_reviews import ReviewStatus
from qmsdesk.core.exchange import pdf, reviews_pdf
from qmsdesk.core.reviews.minutes_data import inputs, outputs


def texts(story: Iterable[Flowable]) -> str:
    """Every text of a story, in order: paragraphs and table cells, one per line."""
    out: list[str] = []
    for item in story:
        if isinstance(item, KeepTogether):
            out.append(texts(item._content))
        elif isinstance(item, Paragraph):
            out.append(item.getPlainText())
        elif isinstance(item, RLTable):
            for row in item._cellvalues:
                for cell in row:
                    if isinstance(cell, Flowable):
                        out.append(texts([cell]))
                    elif cell:
                        out.append(str(cell))
    return "\n".join(" ".join(line.split()) for line in out)


def pages(path: Path) -> int:
    return len(re.findall(rb"/Type /Page\n", path.read_bytes()))


def _reviews(db: Database) -> tuple[reviews.ReviewRow, reviews.ReviewRow]:
    with db.read() as s:
        found = reviews.all_reviews(s)
    planned = next(r for r in found if r.status == ReviewStatus.PLANNED)
    approved = next(r for r in found if r.status == ReviewStatus.APPROVED)
    return planned, approved


def test_the_minutes_hold_every_part(demo_db: Database, tmp_path: Path) -> None:
    _planned, approved = _reviews(demo_db)
    with demo_db.read() as s:
        minutes = reviews.printable_minutes(s, approved.id)
    text = texts(reviews_pdf.minutes_story(minutes, 500))
    assert minutes.title in text
    assert "Approved: revision 1 of the minutes, approved by Margaret Hollis" in text
    assert "Present and apologies" in text and "Łukasz Żółć" in text and "Fiona Grant" in text
    for item in inputs():
        assert f"{item.item} {item.title}" in text
    assert "Harbrook Aerospace now asks for first-article inspection" in text  # a narrative
    assert "From the registers" in text
    for out in outputs():
        assert f"{out.item} {out.title}" in text
    for number in ("D1", "D2", "D3", "D4"):
        assert number in text
    for action in minutes.actions:
        assert action.reference in text
    assert "Action list" in text and "Sign-off" in text and "Minutes approved by" in text
    folder = tmp_path / "out"
    folder.mkdir()
    out = reviews_pdf.build_minutes(minutes, folder / "minutes.pdf", "Kestrel Ltd")
    assert out.read_bytes().startswith(b"%PDF") and pages(out) >= 2
    assert list(folder.iterdir()) == [out]  # no partial file left behind


def test_a_draft_says_so_and_approved_minutes_print_as_approved(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned, approved = _reviews(demo_db)
    marks: list[str] = []
    original = reviews_pdf._Report.decorate

    def spy(self, canvas, page, total):  # type: ignore[no-untyped-def]
        marks.append(self.watermark)
        original(self, canvas, page, total)

    monkeypatch.setattr(reviews_pdf._Report, "decorate", spy)
    reviews_pdf.write_minutes(demo_db, tmp_path / "draft.pdf", review=planned.reference)
    assert marks and set(marks) == {"DRAFT"}
    marks.clear()
    # An action of the approved review moves on; its approved minutes still show it as it was.
    with demo_db.read() as s:
        _decision, first = reviews.review_actions(s, approved.id)[0]
    with demo_db.write() as s:
        row = actions.get_row(s, first.id)
        actions.update_action(
            s, first.id, replace(row.fields(), status=ActionStatus.IN_PROGRESS), "lead"
        )
    reviews_pdf.write_minutes(demo_db, tmp_path / "approved.pdf", review=approved.reference)
    assert set(marks) == {""}
    with demo_db.read() as s:
        printed = reviews.printable_minutes(s, approved.id)
    listed = {a.reference: a.status for a in printed.actions}
    assert listed[first.reference] == "Open"
    with demo_db.read() as s:
        draft = texts(reviews_pdf.minutes_story(reviews.printable_minutes(s, planned.id), 500))
    assert "Planned; DRAFT minutes (revision 1), not yet approved" in draft
    assert "Invited" in draft and "Nothing written yet." in draft


def test_the_blank_agenda(demo_db: Database, tmp_path: Path) -> None:
    planned, _approved = _reviews(demo_db)
    with demo_db.read() as s:
        minutes = reviews.minutes(s, planned.id)
    text = texts(reviews_pdf.agenda_story(minutes, 500))
    assert "Invited" in text and "Margaret Hollis" in text
    for item in [*inputs(), *outputs()]:
        assert item.title in text and item.prompt in text
    assert "Any other business" in text and "Date of the next management review" in text
    assert "Earlier reviews raised" not in text  # blank: no drafted figures
    out = reviews_pdf.write_agenda(demo_db, tmp_path / "agenda.pdf", review=planned.reference)
    assert pages(out) >= 2


def test_report_words_on_the_command_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "minutes.pdf"
    with open_database(demo_path) as db:
        planned, approved = _reviews(db)
    assert run(["report", "review-minutes", "--db", str(demo_path), "-o", str(out),
                "--review", approved.reference]) == 0  # fmt: skip
    assert pages(out) >= 2
    agenda = tmp_path / "agenda.pdf"
    assert run(["report", "review-agenda", "--db", str(demo_path), "-o", str(agenda),
                "--param", f"review={planned.reference}"]) == 0  # fmt: skip
    assert agenda.exists()
    capsys.readouterr()
    assert run(["report", "review-minutes", "--db", str(demo_path), "-o", str(out),
                "--review", "MR-1999"]) == 2  # fmt: skip
    assert "no management review 'MR-1999'" in capsys.readouterr().err
    assert run(["report", "review-agenda", "--db", str(demo_path), "-o", str(agenda)]) == 2
    assert "Say which management review" in capsys.readouterr().err
    assert (
        run(["report", "review-minutes", "--db", str(demo_path), "-o", str(out), "--review",
             approved.reference, "--param", "revision=7"]) == 2
    )  # fmt: skip
    assert "no approved revision 7" in capsys.readouterr().err


def test_column_widths_keep_short_cells_whole() -> None:
    from qmsdesk.core.reviews.draft import Table

    table = Table(
        "",
        ("Action", "Decision", "What", "Due"),
        (("IMP-2025-003", "MR-2025 D2", "Review the gauge register " * 4, "23 Apr 2026"),),
    )
    width = 500.0
    shares = reviews_pdf._column_shares(table, width)
    assert sum(shares) == pytest.approx(1.0)
    for i in (0, 1, 3):
        needed = pdf.text_width(table.rows[0][i], pdf.FONT_CONDENSED, 8) + 6
        assert shares[i] * width >= needed
    assert shares[2] == max(shares)


def test_approved_minutes_print_the_history_head(demo_db: Database, tmp_path: Path) -> None:
    """Approved minutes anchor the change history on paper: its length and newest hash, the
    head `qmsdesk check` prints; draft minutes do not."""
    import pypdf

    from qmsdesk.core import history

    planned, approved = _reviews(demo_db)
    with demo_db.read() as s:
        length, newest = history.head(s)
    out = reviews_pdf.write_minutes(demo_db, tmp_path / "approved.pdf", review=approved.reference)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    flat = "".join(text.split())
    assert f"{length:,}entries" in flat and newest in flat
    draft = reviews_pdf.write_minutes(demo_db, tmp_path / "draft.pdf", review=planned.reference)
    draft_text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(draft)).pages)
    assert "Change history when printed" not in draft_text
