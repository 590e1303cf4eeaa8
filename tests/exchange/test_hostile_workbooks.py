"""Hostile and broken workbooks (issue 6): each is refused quickly with a message for the user, or
read for what it holds; none crashes the app, fills its memory or writes anything.

The workbooks are written here as raw XML in a zip, the way a hostile or odd program could write
them: that makes files no spreadsheet program would save (entity bombs, a million rows in a small
file, cells far out) and keeps them small on disk.
"""

from __future__ import annotations

import resource
import time
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

import pytest

from qmsdesk.core import attachments, documents
from qmsdesk.core.db import Database
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange import workbook
from qmsdesk.core.exchange.workbook import (
    MAX_COLUMNS,
    MAX_ROWS,
    ColumnKind,
    WorkbookReader,
    column_letter,
    plan_import,
    sheet_importers,
)

from . import snapshot

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
# Billion laughs: ten entities each worth ten of the one before, 3 GB once expanded.
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + ("" if i == 1 else str(i - 1)) + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
QUICK_S = 5.0  # refused well within this (the files are small; reading them must be too)
MEMORY_MB = 200  # more than the process may grow while refusing one


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row_xml(number: int, cells: Iterable[object]) -> str:
    """A <row> of values: str as inline text, bool, numbers; raw XML for a tuple ('xml', ...)."""
    parts = [f'<row r="{number}">']
    for index, value in enumerate(cells, start=1):
        ref = f"{column_letter(index)}{number}"
        if value is None:
            continue
        if isinstance(value, tuple):
            parts.append(value[1].replace("{ref}", ref))
        elif isinstance(value, bool):
            parts.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            parts.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            parts.append(inline(ref, text))
    parts.append("</row>")
    return "".join(parts)


def sheet_xml(rows: str, dimension: str | None = None, doctype: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'{XML_HEAD}{doctype}<worksheet xmlns="{NS}">{dim}<sheetData>{rows}</sheetData></worksheet>'
    )


def write_raw(
    path: Path,
    sheets: Mapping[str, str | Iterable[bytes]],
    *,
    shared_strings: str | None = None,
    workbook_doctype: str = "",
) -> Path:
    """A minimal .xlsx: one part per sheet (its XML, or pieces of it written one by one)."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    if shared_strings is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    content_types = (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
        f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    book = (
        f'{XML_HEAD}{workbook_doctype}<workbook xmlns="{NS}" xmlns:r="{REL_NS}"><sheets>'
        + "".join(
            f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(names, start=1)
        )
        + "</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    if shared_strings is not None:
        rels += (
            f'<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("xl/workbook.xml", book)
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>',
        )
        if shared_strings is not None:
            zf.writestr("xl/sharedStrings.xml", shared_strings)
        for i, content in enumerate(sheets.values(), start=1):
            if isinstance(content, str):
                zf.writestr(f"xl/worksheets/sheet{i}.xml", content)
            else:
                with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as out:
                    for piece in content:
                        out.write(piece)
    return path


DOC_HEAD = ["Code", "Title", "Type", "Status"]


def documents_sheet(*rows: Iterable[object], dimension: str | None = None) -> str:
    body = row_xml(1, DOC_HEAD) + "".join(row_xml(n, r) for n, r in enumerate(rows, start=2))
    return sheet_xml(body, dimension)


class Budget:
    """Wall time and growth of the process's peak memory while a hostile file is handled."""

    def __enter__(self) -> Budget:
        self.start = time.perf_counter()
        self.peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return self

    def __exit__(self, *_exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
        grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - self.peak
        self.grown_mb = grown_kb / 1024  # Linux reports kilobytes
        assert self.seconds < QUICK_S, f"took {self.seconds:.1f} s"
        assert self.grown_mb < MEMORY_MB, f"memory grew by {self.grown_mb:.0f} MB"


def refused_with(db: Database, path: Path, message: str) -> str:
    """The import is refused (an error, or a plan with problems that writes nothing); returns the
    message the user sees."""
    before = snapshot(db)
    with Budget():
        try:
            plan = plan_import(db, path)
        except QmsError as exc:
            text = str(exc)
        else:
            assert plan.problems, "expected the workbook to be refused"
            text = " ".join(p.message for p in plan.problems)
            with pytest.raises(QmsError, match="nothing was imported"):
                plan.apply(db, "test")
    assert message in text, text
    assert snapshot(db) == before
    return text


# --- not a workbook ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + b"\x00" * 400,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 400,
        bytes(range(256)) * 8,
        b"PK\x03\x04" + b"\xff" * 200,  # a zip's signature and nothing sensible after it
    ],
    ids=["pdf", "png", "noise", "broken-zip"],
)
def test_an_xlsx_that_is_not_a_zip(db: Database, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(content)
    refused_with(db, path, "is not an Excel workbook (.xlsx), or it is damaged")


@pytest.mark.parametrize(
    "members",
    [
        {"word/document.xml": "<w/>", "[Content_Types].xml": "<Types/>"},  # a Word file
        {"xl/styles.xml": "<styleSheet/>"},  # no workbook part at all
        {"xl/workbook.xml": "this is not XML", "_rels/.rels": "<Relationships/>"},
        {"photo.jpg": "\xff\xd8\xff"},
    ],
    ids=["docx", "no-workbook-part", "broken-xml", "photos"],
)
def test_a_zip_that_is_not_a_workbook(
    db: Database, tmp_path: Path, members: dict[str, str]
) -> None:
    path = tmp_path / "register.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    refused_with(db, path, "is not an Excel workbook (.xlsx), or it is damaged")


def test_a_workbook_whose_sheet_part_is_missing(db: Database, tmp_path: Path) -> None:
    path = write_raw(tmp_path / "register.xlsx", {"Documents": documents_sheet()})
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist() if "worksheets" not in n}
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    refused_with(db, path, "is not an Excel workbook (.xlsx), or it is damaged")


# --- XML entity bombs --------------------------------------------------------------------------


def test_billion_laughs_in_a_sheet(db: Database, tmp_path: Path) -> None:
    rows = row_xml(1, DOC_HEAD) + row_xml(2, ["QP-01", ("xml", inline("{ref}", "&lol9;"))])
    path = write_raw(tmp_path / "bomb.xlsx", {"Documents": sheet_xml(rows, doctype=LAUGHS)})
    refused_with(db, path, "The sheet 'Documents' of bomb.xlsx cannot be read")


def test_billion_laughs_in_the_shared_strings(db: Database, tmp_path: Path) -> None:
    shared = (
        f'{XML_HEAD}{LAUGHS}<sst xmlns="{NS}" count="2" uniqueCount="2">'
        "<si><t>A title</t></si><si><t>&lol9;</t></si></sst>"
    )
    cell = ("xml", '<c r="{ref}" t="s"><v>1</v></c>')
    sheet = documents_sheet(["QP-01", cell, "Procedure", "Draft"])
    path = write_raw(tmp_path / "bomb.xlsx", {"Documents": sheet}, shared_strings=shared)
    refused_with(db, path, "cannot be read")


def test_billion_laughs_in_the_workbook_part(db: Database, tmp_path: Path) -> None:
    path = write_raw(
        tmp_path / "bomb.xlsx", {"Documents": documents_sheet()}, workbook_doctype=LAUGHS
    )
    refused_with(db, path, "is not an Excel workbook (.xlsx), or it is damaged")


def test_quadratic_blowup_and_external_entities_are_not_expanded(
    db: Database, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the payroll password", encoding="utf-8")
    big = "A" * 50_000
    doctype = f'<!DOCTYPE x [<!ENTITY a "{big}"><!ENTITY s SYSTEM "{secret.as_uri()}">]>'
    rows = row_xml(1, DOC_HEAD) + row_xml(
        2, ["QP-01", ("xml", inline("{ref}", "&a;" * 20_000)), ("xml", inline("{ref}", "&s;"))]
    )
    path = write_raw(tmp_path / "bomb.xlsx", {"Documents": sheet_xml(rows, doctype=doctype)})
    text = refused_with(db, path, "cannot be read")
    assert "payroll" not in text


def test_openpyxl_reads_through_defusedxml_and_refuses_the_bomb(tmp_path: Path) -> None:
    """QMS Desk falls back on openpyxl for formula cells written without their position; with
    defusedxml installed, openpyxl refuses entity declarations too."""
    from openpyxl import load_workbook
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    rows = row_xml(1, DOC_HEAD) + row_xml(2, ["QP-01", ("xml", inline("{ref}", "&lol9;"))])
    path = write_raw(tmp_path / "bomb.xlsx", {"Documents": sheet_xml(rows, doctype=LAUGHS)})
    with Budget(), pytest.raises(Exception, match=r"(?i)entit|invalid xml"):
        book = load_workbook(path, read_only=True)
        list(book["Documents"].iter_rows(values_only=True))


# --- too large ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def million_row_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A Documents sheet of 1,000,000 rows (45 MB of XML), as it declares its size, without a
    declared size, and declaring only two rows."""
    body = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 1_000_002)
    ).encode()
    folder = tmp_path_factory.mktemp("huge")
    books = {}
    for name, declared in [
        ("declared", "A1:B1000001"),
        ("undeclared", None),
        ("understated", "A1:B2"),
    ]:
        head = sheet_xml(row_xml(1, DOC_HEAD), declared).split("</sheetData>")[0]
        pieces = [head.encode(), body, b"</sheetData></worksheet>"]
        books[name] = write_raw(folder / f"{name}.xlsx", {"Documents": pieces})
    return books


@pytest.mark.parametrize("kind", ["declared", "undeclared", "understated"])
def test_a_million_rows_are_refused_without_being_read(
    db: Database,
    million_row_books: dict[str, Path],
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = million_row_books[kind]
    assert path.stat().st_size < 10_000_000  # small on disk, 45 MB of XML inside

    def no_reading(*_args: object) -> None:
        raise AssertionError("the sheet's cells were read")

    monkeypatch.setattr(WorkbookReader, "_values", no_reading)
    text = refused_with(db, path, "This sheet is too large to import")
    assert f"at most {MAX_ROWS:,} rows" in text


@pytest.mark.parametrize(
    ("rows", "declared"),
    [
        # 16,384 columns: Excel's last column is XFD.
        (row_xml(1, DOC_HEAD) + '<row r="2"><c r="XFD2"><v>1</v></c></row>', "A1:XFD2"),
        (row_xml(1, DOC_HEAD) + '<row r="2"><c r="XFD2"><v>1</v></c></row>', None),
        (row_xml(1, DOC_HEAD) + '<row r="2"><c r="XFD2"><v>1</v></c></row>', "A1:D2"),
        (row_xml(1, DOC_HEAD) + '<row r="2"><c r="xfd2"><v>1</v></c></row>', None),
        # One cell at the very end of a sheet: python-calamine would ask for 500 GB for it, and
        # abort the whole app when it cannot have them.
        (row_xml(1, DOC_HEAD) + '<row r="3"><c r="XFD1048576"><v>1</v></c></row>', None),
        (row_xml(1, DOC_HEAD) + '<row r="3"><c r="A1048576"><v>1</v></c></row>', "A1:D3"),
        # Cells without a position follow each other: 16,384 of them make as many columns.
        (row_xml(1, DOC_HEAD) + "<row>" + "<c><v>1</v></c>" * 16_384 + "</row>", None),
        (row_xml(1, DOC_HEAD) + '<row r="2">' + "<c><v>1</v></c>" * 300 + "</row>", "A1:D2"),
        # A prefixed namespace, as some programs write it.
        (row_xml(1, DOC_HEAD) + '<x:row r="2"><x:c r="ZZZ2"><x:v>1</x:v></x:c></x:row>', None),
    ],
    ids=[
        "xfd-declared",
        "xfd-undeclared",
        "xfd-understated",
        "xfd-lower-case",
        "last-cell",
        "last-row-understated",
        "16384-cells-without-positions",
        "300-cells-without-positions",
        "prefixed",
    ],
)
def test_cells_far_out_are_refused_before_they_are_read(
    db: Database,
    tmp_path: Path,
    rows: str,
    declared: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    xml = sheet_xml(rows, declared)
    if "<x:" in rows:
        xml = xml.replace(f'<worksheet xmlns="{NS}">', f'<worksheet xmlns:x="{NS}">')
    path = write_raw(tmp_path / "far.xlsx", {"Documents": xml})
    assert path.stat().st_size < 100_000

    def no_reading(*_args: object) -> None:
        raise AssertionError("the sheet's cells were read")

    monkeypatch.setattr(WorkbookReader, "_values", no_reading)
    text = refused_with(db, path, "This sheet is too large to import")
    assert f"{MAX_COLUMNS} columns are read" in text


def test_a_sheet_within_the_limits_is_read_whatever_its_writer_did(
    db: Database, tmp_path: Path
) -> None:
    """Positions left out, lower case, two-letter columns, a namespace prefix: all read."""
    rows = (
        row_xml(1, [*DOC_HEAD, *([None] * 22), "Owner"])  # "Owner" in column AA
        + '<row r="2"><c r="a2" t="inlineStr"><is><t>QP-01</t></is></c>'
        + '<c t="inlineStr"><is><t>Written without positions</t></is></c>'
        + '<c t="inlineStr"><is><t>Procedure</t></is></c><c t="inlineStr"><is><t>Draft</t></is>'
        + '</c><c r="AA2" t="inlineStr"><is><t>Ruth</t></is></c></row>'
    )
    path = write_raw(tmp_path / "odd.xlsx", {"Documents": sheet_xml(rows)})
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, "test")
    with db.read() as session:
        row = documents.get_row(session, documents.query_ids(session)[0])
    assert (row.code, row.title, row.owner) == ("QP-01", "Written without positions", "Ruth")


# --- cells of the wrong kind, in every importer ------------------------------------------------


def _text_column(spec: workbook.SheetSpec) -> workbook.Column:
    return next(c for c in spec.columns if c.kind == ColumnKind.TEXT and not c.computed)


IMPORTERS = sheet_importers()


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (("xml", '<c r="{ref}"><f>1+1</f><v>2</v></c>'), "holds a formula"),
        (("xml", '<c r="{ref}" t="str"><f>"QP-"&amp;"01"</f><v>QP-01</v></c>'), "holds a formula"),
        (("xml", '<c r="{ref}" t="e"><v>#REF!</v></c>'), "shows an error"),
        (("xml", '<c r="{ref}" t="e"><v>#N/A</v></c>'), "shows an error"),
        (True, "yes/no value"),
    ],
    ids=["formula", "text-formula", "ref-error", "na-error", "boolean"],
)
@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda imp: imp.spec.name)
def test_formulas_errors_and_booleans_where_text_is_expected(
    db: Database, tmp_path: Path, importer: object, cell: object, message: str
) -> None:
    spec = importer.spec  # type: ignore[attr-defined]
    columns = [c for c in spec.columns if not c.computed]
    target = _text_column(spec)
    values: list[object] = ["x"] * len(columns)
    values[columns.index(target)] = cell
    rows = row_xml(1, [c.header for c in columns]) + row_xml(2, values)
    path = write_raw(tmp_path / "kinds.xlsx", {spec.name: sheet_xml(rows)})
    before = snapshot(db)
    plan = plan_import(db, path)
    located = [
        p for p in plan.problems if (p.sheet, p.row, p.column) == (spec.name, 2, target.header)
    ]
    assert located and message in located[0].message, plan.problems
    assert snapshot(db) == before


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda imp: imp.spec.name)
def test_rich_text_is_read_as_its_plain_text(tmp_path: Path, importer: object) -> None:
    spec = importer.spec  # type: ignore[attr-defined]
    target = _text_column(spec)
    rich_inline = (
        '<c r="{ref}" t="inlineStr"><is><r><rPr><b/></rPr><t>Bold</t></r>'
        '<r><t xml:space="preserve"> and plain</t></r></is></c>'
    )
    shared = (
        f'{XML_HEAD}<sst xmlns="{NS}" count="1" uniqueCount="1"><si><r><rPr><i/></rPr>'
        '<t>Italic</t></r><r><t xml:space="preserve"> too</t></r></si></sst>'
    )
    rows = (
        row_xml(1, [target.header])
        + row_xml(2, [("xml", rich_inline)])
        + row_xml(3, [("xml", '<c r="{ref}" t="s"><v>0</v></c>')])
    )
    path = write_raw(tmp_path / "rich.xlsx", {spec.name: sheet_xml(rows)}, shared_strings=shared)
    with WorkbookReader(path) as reader:
        values = reader._values(spec.name)
    assert values == [[target.header], ["Bold and plain"], ["Italic too"]]


def test_rich_text_titles_import_as_text(db: Database, tmp_path: Path) -> None:
    rich = (
        '<c r="{ref}" t="inlineStr"><is><r><rPr><b/><color rgb="FFFF0000"/></rPr><t>Control</t>'
        '</r><r><t xml:space="preserve"> of records</t></r></is></c>'
    )
    path = write_raw(
        tmp_path / "rich.xlsx",
        {"Documents": documents_sheet(["QP-01", ("xml", rich), "Procedure", "Draft"])},
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, "test")
    with db.read() as session:
        assert documents.get_row(session, documents.query_ids(session)[0]).title == (
            "Control of records"
        )


# --- attachments: paths and names ----------------------------------------------------------------

WINDOWS_ILLEGAL = '<>:"/\\|?*'


def _legal_everywhere(relpath: str) -> bool:
    parts = PurePosixPath(relpath).parts
    return all(
        part
        and not any(ch in WINDOWS_ILLEGAL or ord(ch) < 32 for ch in part)
        and not part.endswith((" ", "."))
        for part in parts
    )


@pytest.mark.parametrize(
    "name", ["a:b?.pdf", 'quote"d|piped*.docx', "CON.pdf", "trailing dot.", "tab\there.txt"]
)
def test_an_attached_file_is_stored_under_a_name_legal_everywhere(
    tmp_path: Path, name: str
) -> None:
    source = tmp_path / "incoming" / name
    source.parent.mkdir()
    source.write_bytes(b"scanned procedure")
    stored = attachments.store(source, tmp_path / "attachments")
    assert stored.name == name  # shown as it was called
    assert _legal_everywhere(stored.relpath), stored.relpath
    assert PurePosixPath(stored.relpath).stem in {stored.sha256}
    assert (tmp_path / "attachments" / stored.relpath).read_bytes() == b"scanned procedure"


@pytest.mark.parametrize(
    "name", ["../../../etc/passwd", "..\\..\\boot.ini", "/etc/shadow", "a:b?.pdf", "C:\\x.pdf"]
)
def test_an_imported_attachment_name_never_leads_outside_the_folder(
    db: Database, tmp_path: Path, name: str
) -> None:
    sha = "ab" * 32
    with db.write() as session:
        documents.create_document(
            session,
            documents.DocumentFields(
                code="QP-01", title="Records", doc_type=documents.DocType.PROCEDURE
            ),
            "test",
        )
    rows = row_xml(
        1, ["Document code", "Revision", "Revision date", "Attachment", "Attachment SHA-256"]
    ) + row_xml(2, ["QP-01", "A", "2025-01-01", name, sha])
    path = write_raw(tmp_path / "revisions.xlsx", {"Revisions": sheet_xml(rows)})
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, "test")
    with db.read() as session:
        (_code, revision), *_ = documents.all_revisions(session)
    assert revision.attachment_name == name
    assert _legal_everywhere(revision.attachment_path), revision.attachment_path
    resolved = attachments.resolve(db.attachments_dir, revision.attachment_path)
    assert resolved.is_relative_to(db.attachments_dir.resolve())


def test_an_export_to_a_name_with_unusual_characters(demo_db: Database, tmp_path: Path) -> None:
    """Where the system allows such a name (not Windows), the workbook is written under it, and
    nothing is left beside it."""
    from qmsdesk.core.exchange import documents_xlsx

    target = tmp_path / 'register: "draft" #1?.xlsx'
    rows = documents_xlsx.export_documents(demo_db, target)
    assert rows > 0 and zipfile.is_zipfile(target)
    written = [p.name for p in tmp_path.iterdir() if not p.name.startswith("demo.qmsdb")]
    assert written == [target.name]


# --- issue 19 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="2"><c r="GR0001048576"><v>1</v></c></row>',
        '<row r="0001048576"><c r="A0001048576"><v>1</v></c></row>',
        '<row r="2"><c r="B' + "0" * 5000 + '1048576"><v>1</v></c></row>',
    ],
    ids=["leading-zeros", "row-and-cell", "five-thousand-zeros"],
)
def test_a_row_number_with_leading_zeros_is_refused_before_it_is_read(
    db: Database, tmp_path: Path, rows: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19, point 1: calamine reads 'GR0001048576' as row 1,048,576 and builds the grid."""
    path = write_raw(tmp_path / "zeros.xlsx", {"Documents": sheet_xml(row_xml(1, DOC_HEAD) + rows)})
    assert path.stat().st_size < 20_000

    def no_reading(*_args: object) -> None:
        raise AssertionError("the sheet's cells were read")

    monkeypatch.setattr(WorkbookReader, "_values", no_reading)
    refused_with(db, path, "This sheet is too large to import")


def test_a_declared_size_of_many_digits_is_refused(db: Database, tmp_path: Path) -> None:
    xml = sheet_xml(row_xml(1, DOC_HEAD), "A1:D" + "9" * 5000)
    path = write_raw(tmp_path / "digits.xlsx", {"Documents": xml})
    refused_with(db, path, "This sheet is too large to import")


def understate(path: Path, member: str, size: int) -> Path:
    """Make a zip member declare `size` unpacked bytes (in its local header and the directory),
    as a hostile file can: zipfile then stops at that size and never sees the rest."""
    import struct

    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    struct.pack_into("<L", data, info.header_offset + 22, size)
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]) == name:
            struct.pack_into("<L", data, at + 24, size)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits of 1 MB a part, 2 MB a workbook: bombs of a few MB show what 1.5 GB would do."""
    from qmsdesk.core.exchange.workbook import unpack

    monkeypatch.setattr(unpack, "MAX_PART_BYTES", 1 << 20)
    monkeypatch.setattr(unpack, "MAX_WORKBOOK_BYTES", 2 << 20)


BLANKS = " " * (3 << 20)


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "understated"])
@pytest.mark.parametrize("where", ["shared-strings", "sheet", "after-the-cells"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    db: Database,
    tmp_path: Path,
    small_caps: None,
    where: str,
    lie: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 19, point 2: 1.5 MB of shared strings that expand to 1.5 GB passed 3.4 GB of memory;
    3 GB of whitespace in a sheet was even accepted, after 49 s."""
    shared = None
    sheet = documents_sheet(["QP-1", "Title", "Procedure", "Draft"])
    member = "xl/worksheets/sheet1.xml"
    if where == "shared-strings":
        shared = (
            f'{XML_HEAD}<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>{BLANKS}</t></si></sst>'
        )
        member = "xl/sharedStrings.xml"
    elif where == "sheet":
        sheet = sheet.replace("<sheetData>", f"<sheetData>{BLANKS}")
    else:
        sheet = sheet.replace("</sheetData>", f"</sheetData>{BLANKS}")
    path = write_raw(tmp_path / "bomb.xlsx", {"Documents": sheet}, shared_strings=shared)
    assert path.stat().st_size < 50_000
    if lie:
        understate(path, member, 4000)

    def no_reading(*_args: object) -> None:
        raise AssertionError("the sheet's cells were read")

    monkeypatch.setattr(WorkbookReader, "_values", no_reading)
    text = refused_with(db, path, "bomb.xlsx")
    assert "too large once unpacked" in text, text


def test_a_workbook_within_the_caps_is_read(db: Database, tmp_path: Path, small_caps: None) -> None:
    sheet = documents_sheet(["QP-1", "Title", "Procedure", "Draft"])
    path = write_raw(tmp_path / "fine.xlsx", {"Documents": sheet})
    plan = plan_import(db, path)
    assert not plan.problems


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("Review interval (months)", "inf"),
        ("Review interval (months)", "1e400"),
        ("Review interval (months)", "NaN"),
        ("Review interval (months)", ("xml", '<c r="{ref}"><v>1e400</v></c>')),
        ("Review interval (months)", ("xml", '<c r="{ref}"><v>NaN</v></c>')),
        ("Effective date", ("xml", '<c r="{ref}"><v>1e400</v></c>')),
        ("Effective date", ("xml", '<c r="{ref}"><v>-1e400</v></c>')),
        ("Effective date", ("xml", '<c r="{ref}"><v>NaN</v></c>')),
        ("Effective date", float("nan")),
        ("Effective date", "1" + "0" * 400),
    ],
)
def test_numbers_that_are_not_finite_get_a_message_of_their_own_cell(
    db: Database, tmp_path: Path, column: str, cell: object
) -> None:
    """Issue 19, point 4: 'inf' or 1e400 gave a traceback (int(float('inf'))), NaN Python's own
    'cannot convert float NaN to integer'."""
    rows = row_xml(1, [*DOC_HEAD, column]) + row_xml(
        2, ["QP-01", "Control of documents", "Procedure", "Draft", cell]
    )
    path = write_raw(tmp_path / "numbers.xlsx", {"Documents": sheet_xml(rows)})
    plan = plan_import(db, path)
    (problem,) = plan.problems
    assert (problem.row, problem.column) == (2, column)
    assert "cannot convert" not in problem.message and "float" not in problem.message
    assert "number of months" in problem.message or "is not a date" in problem.message


@pytest.mark.parametrize(
    "title",
    [
        "Control\ufffe of documents",
        "Control of documents\uffff",
        ("xml", '<c r="{ref}" t="inlineStr"><is><t>Control&#xFFFE; of documents</t></is></c>'),
        ("xml", '<c r="{ref}" t="inlineStr"><is><t>Control&#65535; of documents</t></is></c>'),
        ("xml", '<c r="{ref}" t="s"><v>0</v></c>'),  # from the shared strings
    ],
    ids=["fffe", "ffff", "hex-reference", "decimal-reference", "shared-string"],
)
def test_a_non_character_is_refused_on_the_way_in(
    db: Database, tmp_path: Path, title: object
) -> None:
    """Issue 19, point 9: U+FFFE in a title imported, export wrote U+FFFD, and the app's own
    export no longer re-imported as it was."""
    rows = row_xml(1, DOC_HEAD) + row_xml(2, ["QP-01", title, "Procedure", "Draft"])
    shared = f'{XML_HEAD}<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>A\ufffeB</t></si></sst>'
    path = write_raw(tmp_path / "odd.xlsx", {"Documents": sheet_xml(rows)}, shared_strings=shared)
    plan = plan_import(db, path)
    (problem,) = plan.problems
    assert (problem.row, problem.column) == (2, "Title")
    assert "not a character" in problem.message


def test_text_with_character_references_still_imports(db: Database, tmp_path: Path) -> None:
    title = ("xml", '<c r="{ref}" t="inlineStr"><is><t>Line&#10;break &#x263A;</t></is></c>')
    rows = row_xml(1, DOC_HEAD) + row_xml(2, ["QP-01", title, "Procedure", "Draft"])
    path = write_raw(tmp_path / "fine.xlsx", {"Documents": sheet_xml(rows)})
    assert not plan_import(db, path).problems
