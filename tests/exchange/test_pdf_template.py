"""The shared PDF report template: pages, header and footer, fonts, tables, atomic writing."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.platypus import Flowable, Paragraph

from qmsdesk import __version__
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange import pdf

PRINTED = dt.datetime(2026, 3, 14, 9, 26)
COLUMNS = (
    pdf.Column("Reference", 0.15),
    pdf.Column("Description", 0.55),
    pdf.Column("Owner", 0.2),
    pdf.Column("Qty", 0.1, "RIGHT"),
)


def _rows(count: int) -> list[list[pdf.Cell]]:
    return [[f"R{n:04d}", f"Item number {n}", "Łukasz Żółć", str(n)] for n in range(1, count + 1)]


def _report(**kw: Any) -> pdf.Report:
    values: dict[str, Any] = {
        "title": "Test register",
        "subtitle": "Everything, as of today",
        "company": "Ørsted Precision A/S",
        "printed": PRINTED,
    }
    values.update(kw)
    return pdf.Report(**values)


def _build(tmp_path: Path, story: list[Flowable], report: pdf.Report | None = None) -> PdfReader:
    report = report or _report()
    out = report.build(story, tmp_path / "report.pdf")
    return PdfReader(out)


def _texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_header_and_footer_on_every_page(tmp_path: Path) -> None:
    report = _report()
    table = pdf.data_table(COLUMNS, _rows(150), report.frame_width)
    reader = _build(tmp_path, [pdf.heading("Items"), table], report)
    texts = _texts(reader)
    pages = len(texts)
    assert pages >= 3
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in text
        assert "Uncontrolled when printed" in text
        assert "Printed 14 Mar 2026 09:26" in text
        assert f"QMS Desk {__version__}" in text
        assert "Ørsted Precision A/S" in text
        assert "Test register" in text
        assert "Everything, as of today" in text
        for column in COLUMNS:  # the header row, repeated on every page
            assert column.header in text


def test_table_rows_each_once_and_in_order(tmp_path: Path) -> None:
    report = _report()
    reader = _build(tmp_path, [pdf.data_table(COLUMNS, _rows(400), report.frame_width)], report)
    found = [word for text in _texts(reader) for word in text.split() if word.startswith("R0")]
    assert found == [f"R{n:04d}" for n in range(1, 401)]


def test_long_text_wraps_inside_its_column(tmp_path: Path) -> None:
    report = _report()
    long = " ".join(f"word{n}" for n in range(60))
    table = pdf.data_table(COLUMNS, [["R0001", long, "Anders Ørsted", "1"]], report.frame_width)
    one_line = pdf.data_table(COLUMNS, [["R0001", "short", "Anders", "1"]], report.frame_width)
    assert table.wrap(report.frame_width, 1000)[1] > 2 * one_line.wrap(report.frame_width, 1000)[1]
    text = _texts(_build(tmp_path, [table], report))[0]
    assert all(f"word{n}" in text for n in range(60))


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (pdf.PageSize.A4_PORTRAIT, (595, 842)),
        (pdf.PageSize.A4_LANDSCAPE, (842, 595)),
        (pdf.PageSize.A3_LANDSCAPE, (1191, 842)),
    ],
)
def test_page_sizes(tmp_path: Path, size: pdf.PageSize, expected: tuple[int, int]) -> None:
    reader = _build(tmp_path, [pdf.paragraph("Hello")], _report(page_size=size))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == expected


def test_unicode_names_print_with_the_bundled_font(tmp_path: Path) -> None:
    report = _report(company="Żółć & Ørsted Sp. z o.o.")
    story: list[Flowable] = [
        pdf.heading("Owners: Łukasz Żółć"),
        pdf.key_values([("Lead", "Anders Ørsted"), ("Deputy", "Łukasz Żółć")], report.frame_width),
        pdf.data_table(COLUMNS, _rows(3), report.frame_width),
    ]
    reader = _build(tmp_path, story, report)
    text = _texts(reader)[0]
    assert "Żółć & Ørsted Sp. z o.o." in text
    assert text.count("Łukasz Żółć") == 1 + 1 + 3
    assert "Anders Ørsted" in text
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSansCondensed"} <= _fonts(reader)
    assert not {"Helvetica", "Helvetica-Bold"} & _fonts(reader)


def test_user_text_is_escaped_and_bold_markup_works(tmp_path: Path) -> None:
    tricky = "Tolerances < 0.01 mm & > 5 µm, see <b>note</b>"
    assert pdf.markup("a<b>&c\nd") == "a&lt;b&gt;&amp;c<br/>d"
    story: list[Flowable] = [
        pdf.paragraph(tricky),
        pdf.rich(f"<b>{pdf.markup('Bold & plain')}</b>"),
    ]
    reader = _build(tmp_path, story)
    text = _texts(reader)[0]
    assert tricky in text
    assert "Bold & plain" in text
    assert "DejaVuSans-Bold" in _fonts(reader)


def test_bold_cells_and_flowable_cells(tmp_path: Path) -> None:
    report = _report()
    rows: list[list[pdf.Cell]] = [
        ["R0001", pdf.Bold("Marked in bold"), None, ""],
        ["R0002", Paragraph("Rich <i>text</i> in a cell", pdf.styles().cell), "x", "2"],
    ]
    reader = _build(tmp_path, [pdf.data_table(COLUMNS, rows, report.frame_width)], report)
    text = _texts(reader)[0]
    assert "Marked in bold" in text
    assert "Rich text in a cell" in text
    assert "DejaVuSansCondensed-Bold" in _fonts(reader)


def test_metadata(tmp_path: Path) -> None:
    meta = _build(tmp_path, [pdf.paragraph("x")]).metadata
    assert meta is not None
    assert meta.title == "Test register"
    assert meta.author == "Ørsted Precision A/S"
    assert meta.creator == "QMS Desk"


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (31, 78, 120)).save(buffer, "PNG")
    return buffer.getvalue()


def test_logo_on_every_page_fitted_to_the_header(tmp_path: Path) -> None:
    report = _report(logo=_png(600, 200))
    table = pdf.data_table(COLUMNS, _rows(120), report.frame_width)
    reader = _build(tmp_path, [table], report)
    assert len(reader.pages) >= 2
    assert all(len(page.images) == 1 for page in reader.pages)
    # Scaled to the header: at most 12 mm high and 45 mm wide, aspect ratio kept.
    width, height = report._header.logo_size
    assert height <= 34.01 and width <= 45 * 72 / 25.4 + 0.01
    assert width / height == pytest.approx(3)
    # The body starts below the logo.
    assert report.body_top < report.page_height - 20 - height


def test_a_damaged_logo_is_left_out(tmp_path: Path) -> None:
    reader = _build(tmp_path, [pdf.paragraph("x")], _report(logo=b"\x89PNG\r\n\x1a\nbroken"))
    assert len(reader.pages[0].images) == 0
    assert "Ørsted Precision A/S" in _texts(reader)[0]


def test_long_title_and_subtitle_are_shortened_not_overprinted(tmp_path: Path) -> None:
    report = _report(title="A very long report title " * 8, subtitle="filter words " * 60)
    header = report._header
    assert header.title.endswith("…")
    assert len(header.subtitle) == 2 and header.subtitle[-1].endswith("…")
    reader = _build(tmp_path, [pdf.paragraph("x")], report)
    assert "Page 1 of 1" in _texts(reader)[0]


class _Boom(Flowable):
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 10, 10

    def draw(self) -> None:
        raise RuntimeError("failed halfway")


def test_atomic_write_leaves_no_stray_file(tmp_path: Path) -> None:
    out = _report().build([pdf.paragraph("x")], tmp_path / "report.pdf")
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_failure_midway_keeps_the_older_file(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"older report")
    report = _report()
    story: list[Flowable] = [pdf.data_table(COLUMNS, _rows(100), report.frame_width), _Boom()]
    with pytest.raises(RuntimeError, match="failed halfway"):
        report.build(story, out)
    assert out.read_bytes() == b"older report"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        _report().build([pdf.paragraph("x"), _Boom()], tmp_path / "report.pdf")
    assert os.listdir(tmp_path) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(QmsError, match="does not exist"):
        _report().build([pdf.paragraph("x")], tmp_path / "nowhere" / "report.pdf")


def test_progress_counts_pages(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = _report()
    table = pdf.data_table(COLUMNS, _rows(150), report.frame_width)
    out = report.build(
        [table], tmp_path / "r.pdf", progress=lambda d, t: calls.append((d, t)), expected_pages=2
    )
    pages = len(PdfReader(out).pages)
    assert calls[0] == (0, 2)
    assert calls[-1] == (pages, pages)
    done = [d for d, _t in calls]
    assert done == sorted(done)
    assert all(d <= t for d, t in calls)


def test_wrap_text() -> None:
    font, size = pdf.FONT_CONDENSED, 8
    text = "Calibration of measuring equipment and the records that prove it"
    lines = pdf.wrap_text(text, font, size, 80)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(pdf.text_width(line, font, size) <= 80 for line in lines)
    assert pdf.wrap_text("short", font, size, 80) == ["short"]
    assert pdf.wrap_text("one\ntwo", font, size, 80) == ["one", "two"]
    path = "Q:\\QMS\\" + "x" * 80 + ".pdf"
    broken = pdf.wrap_text(path, font, size, 80)
    assert "".join(broken) == path and len(broken) > 2
    assert all(pdf.text_width(line, font, size) <= 80 for line in broken)


def test_key_values_and_headings(tmp_path: Path) -> None:
    report = _report()
    story: list[Flowable] = [
        pdf.heading("Audit details"),
        pdf.key_values([("Lead auditor", "Priya Raman"), ("Scope", "Purchasing")], 400),
        pdf.heading("Findings", 2),
        pdf.spacer(),
        pdf.paragraph("None <yet>."),
    ]
    text = _texts(_build(tmp_path, story, report))[0]
    for expected in ("Audit details", "Lead auditor", "Priya Raman", "Findings", "None <yet>."):
        assert expected in text


def test_a_heading_before_a_long_table_stays_on_the_page(tmp_path: Path) -> None:
    """keepWithNext keeps the heading with the table's first rows, not with the whole table
    (which would leave the page blank below the introduction)."""
    report = _report()
    story: list[Flowable] = [
        pdf.paragraph("Introduction"),
        pdf.heading("Items"),
        pdf.data_table(COLUMNS, _rows(200), report.frame_width),
    ]
    first = _texts(_build(tmp_path, story, report))[0]
    assert "Introduction" in first and "Items" in first and "R0001" in first


def test_a_heading_moves_with_the_table_when_no_row_fits_below_it(tmp_path: Path) -> None:
    report = _report()
    filler = pdf.spacer(report.frame_height - 40)
    story: list[Flowable] = [
        filler,
        pdf.heading("Items"),
        pdf.data_table(COLUMNS, _rows(10), report.frame_width),
    ]
    texts = _texts(_build(tmp_path, story, report))
    assert "Items" not in texts[0]
    assert "Items" in texts[1] and "R0001" in texts[1]


def test_a_very_long_cell_goes_on_below_and_loses_no_text(tmp_path: Path) -> None:
    report = _report(page_size=pdf.PageSize.A4_LANDSCAPE)
    words = [f"evidence{n}" for n in range(900)]
    rows: list[list[pdf.Cell]] = [
        ["R0001", "first", "a", "1"],
        ["R0002", " ".join(words), Paragraph("rich <b>cell</b>", pdf.styles().cell), "2"],
        ["R0003", "last", "c", "3"],
    ]
    table = pdf.data_table(COLUMNS, rows, report.frame_width, row_lines=20)
    assert len(table.rows) > 3  # the long row was cut into parts of at most 20 lines
    assert max(r.height for r in table.rows) <= 20 * table.leading + 5
    texts = _texts(_build(tmp_path, [table], report))
    assert len(texts) >= 2
    found = [w for text in texts for w in text.split() if w.startswith(("evidence", "R0"))]
    assert found == ["R0001", "R0002", *words, "R0003"]
    assert "rich cell" in texts[0]


def test_a_part_larger_than_a_page_is_a_clear_error(tmp_path: Path) -> None:
    report = _report()
    huge = Paragraph("word " * 20_000, pdf.styles().cell)
    table = pdf.data_table(COLUMNS, [["R0001", huge, "x", "1"]], report.frame_width)
    with pytest.raises(QmsError, match="larger than a page"):
        report.build([table], tmp_path / "report.pdf")
    assert os.listdir(tmp_path) == []
