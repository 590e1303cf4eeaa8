"""`qmsdesk due` and its calendar, and the readiness, mock audit, audit programme and
certification audit pack reports."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from qmsdesk.cli import run
from qmsdesk.core import attachments, history
from qmsdesk.core.dates import today
from qmsdesk.core.db import open_database
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.vocab import DocType, RevisionStatus


def texts(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.qmsdb"
    open_database(path, create=True).close()
    return path


# --- qmsdesk due -------------------------------------------------------------------------------


def test_due_prints_the_list_and_writes_a_calendar_with_stable_uids(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "due.ics"
    assert run(["due", "--db", str(demo_path), "--days", "14", "--ics", str(ics)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"Wrote {ics} ({len(out) - 2} events)."
    assert "overdue." in out[-2] and "within 14 days" in out[-2]
    ca = next(line for line in out if line.startswith("CA-2026-004"))
    assert "OVERDUE" in ca and "Actions" in ca and "Action due" in ca
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(out) - 2
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    ca_event = next(e for e in events if "CA-2026-004" in str(e["SUMMARY"]))
    assert str(ca_event["SUMMARY"]).startswith("OVERDUE: Action due: CA-2026-004")
    assert ca_event["UID"] == "actions-action-4-action-due@qmsdesk" or "action-due" in str(
        ca_event["UID"]
    )
    assert ca_event.decoded("DTSTART") < today()
    # Written again: the same UIDs, so a calendar updates its events instead of doubling them.
    again = tmp_path / "again.ics"
    assert run(["due", "--db", str(demo_path), "--days", "14", "--ics", str(again)]) == 0
    assert [str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")] == uids


def test_due_refuses_a_bad_day_count_and_an_unwritable_calendar(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["due", "--db", str(demo_path), "--days", "-1"]) == 2
    assert "--days" in capsys.readouterr().err
    missing = tmp_path / "no such folder" / "due.ics"
    assert run(["due", "--db", str(demo_path), "--ics", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err


# --- readiness, mock audit, audit programme ---------------------------------------------------


def test_readiness_of_an_empty_company_says_what_is_missing(tmp_path: Path) -> None:
    path = _empty_file(tmp_path)
    out = tmp_path / "readiness.pdf"
    assert run(["report", "readiness", "--db", str(path), "-o", str(out)]) == 0
    text = " ".join(texts(out))
    assert "2% ready against ISO 9001:2015" in text
    assert "Missing: no calibration records recorded yet." in text
    assert "Missing: no corrective action recorded yet." in text


def test_mock_audit_and_audit_programme_reports(demo_path: Path, tmp_path: Path) -> None:
    mock = tmp_path / "mock.pdf"
    assert run(["report", "mock-audit", "--db", str(demo_path), "-o", str(mock)]) == 0
    text = " ".join(texts(mock))
    assert "7.2 Training records of people at work" in text
    assert "sampling them comes with their register" in text
    programme = tmp_path / "programme.pdf"
    assert (
        run(
            [
                "report",
                "audit-programme",
                "--db",
                str(demo_path),
                "-o",
                str(programme),
                "--param",
                "cycle=3",
            ]
        )
        == 0
    )
    text = " ".join(texts(programme))
    assert f"The year {today().year} month by month" in text
    assert "(3-year cycle)" in text and "Coverage by process" in text
    assert "IA-2026-03" in text and "LATE" in text
    assert (
        run(
            [
                "report",
                "audit-programme",
                "--db",
                str(demo_path),
                "-o",
                str(programme),
                "--param",
                "cycle=40",
            ]
        )
        == 2
    )


# --- the certification audit pack -------------------------------------------------------------


def _attach_to_policy(path: Path, tmp_path: Path) -> tuple[str, str]:
    source = tmp_path / "Quality policy signed.pdf"
    source.write_bytes(b"%PDF-1.4 the signed policy")
    db = open_database(path)
    try:
        stored = attachments.store(source, db.attachments_dir)
        with db.write() as s:
            doc = s.query(Document).filter(Document.doc_type == DocType.POLICY).first()
            assert doc is not None
            rev = (
                s.query(Revision)
                .filter(Revision.document_id == doc.id, Revision.status == RevisionStatus.EFFECTIVE)
                .one()
            )
            rev.attachment_name, rev.attachment_path = stored.name, stored.relpath
            rev.attachment_sha256 = stored.sha256
        with db.read() as s:
            length, newest = history.head(s)
    finally:
        db.close()
    return stored.relpath, f"{length:,} entries; the newest has the hash {newest}"


def test_the_audit_pack_has_a_cover_contents_bookmarks_and_a_zip(
    demo_path: Path, tmp_path: Path
) -> None:
    relpath, head = _attach_to_policy(demo_path, tmp_path)
    out, archive = tmp_path / "pack.pdf", tmp_path / "pack.zip"
    assert (
        run(["report", "audit-pack", "--db", str(demo_path), "-o", str(out), "--zip", str(archive)])
        == 0
    )
    pages = texts(out)
    assert "Certification audit pack" in pages[0] and head in pages[0].replace(" ", " ")
    assert pages[1].startswith("Contents")
    for line in (
        "4.3 Scope and exclusions",
        "7.5 Master list of documents",
        "9.3 Last management review minutes",
        "10.2 Actions register",
        "Readiness clause by clause",
    ):
        assert line in pages[1]
    reader = PdfReader(out)
    outline = [o for o in reader.outline if not isinstance(o, list)]
    titles = [o.title for o in outline]
    assert titles[:3] == [
        "4.3  Scope and exclusions",
        "5.2  Quality policy",
        "7.5  Master list of documents",
    ]
    minutes = outline[titles.index("9.3  Last management review minutes")]
    page = reader.get_destination_page_number(minutes)
    assert "9.3 Last management review minutes" in pages[page]
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        manifest = z.read("MANIFEST.txt").decode()
        attached = z.read(f"attachments/{relpath}")
    assert "pack.pdf" in names and f"attachments/{relpath}" in names
    digest = hashlib.sha256(attached).hexdigest()
    assert f"{digest}  attachments/{relpath}" in manifest
    assert hashlib.sha256(out.read_bytes()).hexdigest() in manifest


def test_the_audit_pack_refuses_a_zip_that_exists_without_force(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, archive = tmp_path / "pack.pdf", tmp_path / "pack.zip"
    archive.write_bytes(b"keep me")
    args = ["report", "audit-pack", "--db", str(demo_path), "-o", str(out), "--zip", str(archive)]
    assert run(args) == 2
    assert "exists already; give --force" in capsys.readouterr().err
    assert archive.read_bytes() == b"keep me" and not out.exists()
    assert run([*args, "--force"]) == 0
    assert zipfile.is_zipfile(archive)


def test_the_audit_pack_of_an_empty_company_and_an_unwritable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _empty_file(tmp_path)
    out = tmp_path / "pack.pdf"
    assert run(["report", "audit-pack", "--db", str(path), "-o", str(out)]) == 0
    text = " ".join(texts(out))
    assert "No internal audit has been reported yet." in text
    assert "Missing: no calibration records recorded yet." in text
    bad = tmp_path / "no such folder" / "pack.pdf"
    assert run(["report", "audit-pack", "--db", str(path), "-o", str(bad)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_calendar_escapes_and_folds_as_the_rfc_says() -> None:
    import datetime as dt

    from qmsdesk.core.calendar import calendar_bytes
    from qmsdesk.core.due import DueItem

    on = dt.date(2026, 12, 2)
    long_title = "Łukasz Żółć; calibration, gauges\\bore " + "é" * 60
    item = DueItem("actions", "Action due", "CA-9", long_title, on, 9, "Zoë", "action")
    data = calendar_bytes([item, item], on)  # the same UID twice: one event
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert data.count(b"BEGIN:VEVENT") == 1 and not data.replace(b"\r\n", b"").count(b"\n")
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == f"Action due: CA-9 {long_title}"
    assert event.decoded("DTSTART") == on and str(event["UID"]) == item.uid
    assert "Owner: Zoë" in str(event["DESCRIPTION"])


def test_a_long_register_is_cut_in_the_pack_and_says_so(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qmsdesk.core.exchange.audit_pack import sections

    monkeypatch.setattr(sections, "ROWS_MAX", 5)
    monkeypatch.setattr(sections, "PEOPLE_MAX", 3)
    out = tmp_path / "pack.pdf"
    assert run(["report", "audit-pack", "--db", str(demo_path), "-o", str(out)]) == 0
    text = " ".join(texts(out))
    assert "The first 5 of 41 are listed here" not in text  # obsolete ones are left out anyway
    assert "'qmsdesk report documents'" in text and "'qmsdesk report actions'" in text
    assert "The first 3 of" in text and "'qmsdesk report training-matrix'" in text
