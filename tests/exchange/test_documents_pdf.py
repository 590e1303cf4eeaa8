"""The master list of documents as a PDF: content, markers, options, and the command line."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from qmsdesk.cli import run
from qmsdesk.core import company, documents
from qmsdesk.core.dates import add_months, format_day, today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.documents import DocumentFields
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.documents_pdf import COLUMNS, write_master_list

HEADERS = [c.header for c in COLUMNS]


def _effective(
    code: str, title: str, owner: str, effective: dt.date, months: int
) -> DocumentFields:
    return DocumentFields(
        code=code,
        title=title,
        doc_type=DocType.PROCEDURE,
        status=DocStatus.EFFECTIVE,
        owner=owner,
        process="Quality",
        revision="B",
        effective_date=effective,
        review_months=months,
        clauses=("7.5", "8.5.1"),
    )


@pytest.fixture
def register(db: Database) -> Database:
    """A company with one overdue review, one due soon, one fine, one draft and one obsolete."""
    day = today()
    items = [
        _effective("QP-01", "Overdue procedure", "Łukasz Żółć", day - dt.timedelta(days=400), 12),
        _effective(
            "QP-02",
            "Due soon procedure",
            "Anders Ørsted",
            add_months(day, -12) + dt.timedelta(days=10),
            12,
        ),
        _effective("QP-03", "Fine procedure", "Margaret Hollis", day - dt.timedelta(days=10), 24),
        DocumentFields(code="QP-04", title="Draft procedure", doc_type=DocType.FORM),
        DocumentFields(
            code="QP-05",
            title="Obsolete instruction",
            doc_type=DocType.WORK_INSTRUCTION,
            status=DocStatus.OBSOLETE,
            obsolete_reason="Merged into QP-03",
        ),
    ]
    with db.write() as session:
        company.set_name(session, "Kestrel Żółć Components Ltd")
        documents.create_many(session, items, "test")
    return db


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_headers_are_the_fields_short_labels() -> None:
    from qmsdesk.core.vocab import DOCUMENT_FIELDS

    assert HEADERS == [
        "Code",
        "Title",
        "Type",
        "Rev",
        "Status",
        "Effective",
        "Owner",
        "Process",
        "Next review",
        "Clauses",
    ]
    assert set(HEADERS) <= {f.short_label for f in DOCUMENT_FIELDS}
    assert [c.align for c in COLUMNS].count("CENTER") == 1 and COLUMNS[3].align == "CENTER"


def test_master_list(register: Database, tmp_path: Path) -> None:
    out = write_master_list(register, tmp_path / "master.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    assert reader.metadata is not None and reader.metadata.title == "Master list of documents"
    text = reader.pages[0].extract_text()
    assert "Kestrel Żółć Components Ltd" in text
    assert "Master list of documents" in text
    assert "Page 1 of 1" in text
    assert "Uncontrolled when printed" in text
    assert all(h in text for h in HEADERS)
    assert "Łukasz Żółć" in text and "Anders Ørsted" in text
    assert "4 documents · 1 review overdue · 1 due within 30 days" in text
    assert "Current documents: 4 listed (1 obsolete document left out)" in text
    for code in ("QP-01", "QP-02", "QP-03", "QP-04"):
        assert code in text
    assert "QP-05" not in text and "Obsolete instruction" not in text
    assert "Approved / effective" not in text and "Effective" in text
    assert "Draft" in text and "Procedure" in text and "Form" in text
    assert "7.5, 8.5.1" in text


def test_review_markers_are_words_next_to_the_date(register: Database, tmp_path: Path) -> None:
    with register.read() as session:
        rows = {r.code: r for r in documents.all_rows(session)}
    text = _texts(write_master_list(register, tmp_path / "master.pdf"))[0]
    overdue, soon = rows["QP-01"].next_review, rows["QP-02"].next_review
    assert overdue is not None and soon is not None
    # Below each date in its cell: the marker (in bold; the row is tinted as well).
    assert re.search(rf"{format_day(overdue)}\s*(\S+\s+){{0,2}}OVERDUE", text)
    assert re.search(rf"{format_day(soon)}\s*(\S+\s+){{0,2}}DUE SOON", text)
    # One marker for the overdue document, one in the legend of the summary line.
    assert text.count("OVERDUE") == 2
    assert text.count("DUE SOON") == 2
    fine = rows["QP-03"].next_review
    assert fine is not None and re.search(rf"{format_day(fine)}\s+7\.5", text)


def test_row_tints_come_with_markers(register: Database, tmp_path: Path) -> None:
    out = write_master_list(register, tmp_path / "master.pdf")
    stream = PdfReader(out).pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]

    def rg(color: object) -> str:
        r, g, b = color.rgb()  # type: ignore[attr-defined]
        return f"{r:.2f} {g:.2f} {b:.2f}"

    fills = {
        " ".join(f"{float(v):.2f}" for v in m.groups())
        for m in re.finditer(r"([\d.]+) ([\d.]+) ([\d.]+) rg", stream)
    }
    assert rg(pdf.ALERT_FILL) in fills and rg(pdf.WARN_FILL) in fills
    # Judged a year later, every review is overdue: no "due soon" tint is left.
    later = write_master_list(register, tmp_path / "later.pdf", on=today() + dt.timedelta(days=800))
    text = _texts(later)[0]
    assert "3 reviews overdue · 0 due within 30 days" in text


def test_obsolete_documents_on_request(register: Database, tmp_path: Path) -> None:
    out = write_master_list(register, tmp_path / "all.pdf", include_obsolete="yes")
    text = _texts(out)[0]
    assert "QP-05" in text and "Obsolete instruction" in text and "Obsolete" in text
    assert "All documents, obsolete ones included: 5 listed (1 obsolete)" in text
    assert "5 documents" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"include_obsolete": "maybe"}, "include_obsolete: write yes or no"),
        ({"colour": "red"}, "does not take colour"),
        ({"on": "next week"}, "on:"),
    ],
)
def test_bad_params(
    register: Database, tmp_path: Path, params: dict[str, str], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        write_master_list(register, tmp_path / "master.pdf", **params)
    assert not list(tmp_path.glob("*.pdf"))


def test_empty_register(db: Database, tmp_path: Path) -> None:
    text = _texts(write_master_list(db, tmp_path / "empty.pdf"))[0]
    assert "There are no documents to list." in text
    assert "0 documents · 0 reviews overdue · 0 due within 30 days" in text
    assert "Page 1 of 1" in text


def test_header_row_on_every_page(db: Database, tmp_path: Path) -> None:
    day = today()
    items = [
        _effective(
            f"WI-{n:04d}",
            f"Work instruction number {n}",
            "Łukasz Żółć",
            day - dt.timedelta(days=n),
            36,
        )
        for n in range(1, 181)
    ]
    with db.write() as session:
        company.set_name(session, "Ørsted Machining")
        documents.create_many(session, items, "test")
    progress: list[tuple[int, int]] = []
    out = write_master_list(
        db, tmp_path / "master.pdf", progress=lambda d, t: progress.append((d, t))
    )
    texts = _texts(out)
    pages = len(texts)
    assert pages >= 3
    for number, text in enumerate(texts, 1):
        assert all(h in text for h in HEADERS)
        assert f"Page {number} of {pages}" in text
        assert "Uncontrolled when printed" in text
        assert "Ørsted Machining" in text
    codes = re.findall(r"WI-\d{4}", "\n".join(texts))
    assert codes == [f"WI-{n:04d}" for n in range(1, 181)]
    assert progress[-1] == (pages, pages)


def test_demo_company(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.read() as session:
        name = company.get_info(session).name
        count = sum(1 for r in documents.all_rows(session) if r.status != DocStatus.OBSOLETE)
    texts = _texts(write_master_list(demo_db, tmp_path / "demo.pdf"))
    assert name and name in texts[0]
    assert f"{count} documents" in texts[0]
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]


def test_cli_report(register: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = register.path
    register.close()
    out = tmp_path / "master list.pdf"
    assert run(["report", "documents", "--db", str(path), "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    assert "QP-01" in _texts(out)[0] and "QP-05" not in _texts(out)[0]
    args = [
        "report",
        "documents",
        "--db",
        str(path),
        "-o",
        str(out),
        "--param",
        "include_obsolete=yes",
    ]
    assert run(args) == 0
    assert "QP-05" in _texts(out)[0]
    bad = [
        "report",
        "documents",
        "--db",
        str(path),
        "-o",
        str(tmp_path / "x.pdf"),
        "--param",
        "include_obsolete=perhaps",
    ]
    assert run(bad) == 2
    assert "include_obsolete: write yes or no" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_report_in_a_real_process(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "master.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "qmsdesk",
            "report",
            "documents",
            "--db",
            str(demo_path),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Master list of documents" in _texts(out)[0]
