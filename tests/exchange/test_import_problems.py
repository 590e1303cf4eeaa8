"""Bad input (issue 2): each problem names its sheet, row and column, and nothing is written."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from qmsdesk.core import documents
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange import documents_xlsx
from qmsdesk.core.exchange.workbook import ImportPlan, WorkbookReader, plan_import

from . import DOC_HEADER, patch_sheet_xml, snapshot, write_book

SHEET1 = "xl/worksheets/sheet1.xml"


def _doc(
    code: str, title: str = "A title", status: object = "Draft", **more: object
) -> list[object]:
    values = {"Code": code, "Title": title, "Type": "Procedure", "Status": status, **more}
    return [values.get(h) for h in DOC_HEADER]


def _existing(db: Database) -> None:
    """A document already in the file, so that 'nothing written' has something to keep."""
    with db.write() as session:
        documents.create_document(
            session,
            documents.DocumentFields(
                code="QP-00", title="Already here", doc_type=DocType.POLICY, status=DocStatus.DRAFT
            ),
            "test",
        )


def _refused(db: Database, path: Path) -> ImportPlan:
    """Plan the import; it must have problems, refuse to apply, and leave the file as it was."""
    before = snapshot(db)
    plan = plan_import(db, path)
    assert plan.problems, "expected problems"
    with pytest.raises(QmsError, match="nothing was imported"):
        plan.apply(db, "test")
    assert snapshot(db) == before
    return plan


def _only(plan: ImportPlan) -> Problem:
    assert len(plan.problems) == 1, plan.problems
    return plan.problems[0]


def test_missing_required_column(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(
        tmp_path / "book.xlsx",
        {"Documents": [["Code", "Type", "Status"], ["QP-01", "Procedure", "Draft"]]},
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", 1, "Title")
    assert "missing" in problem.message and "required" in problem.message


def test_missing_required_column_of_the_revisions_sheet(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Documents": [DOC_HEADER, _doc("QP-01")],
            "Revisions": [["Document code", "Revision"], ["QP-01", "A"]],
        },
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Revisions", 1, "Revision date")


def test_duplicate_code_names_both_rows(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(
        tmp_path / "book.xlsx",
        {"Documents": [DOC_HEADER, _doc("QP-01"), _doc("QP-02"), _doc("qp-01", "Other")]},
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", 4, "Code")
    assert "row 2" in problem.message and "4" in problem.message


@pytest.mark.parametrize(
    "written",
    [
        dt.date(2026, 3, 1),  # a date cell
        dt.datetime(2026, 3, 1, 0, 0),  # a date-and-time cell
        "2026-03-01",
        "01/03/2026",
        "1.3.2026",
        "1 Mar 2026",
        46082,  # Excel's serial number, as a number
        "46082",  # ... and as text
    ],
    ids=repr,
)
def test_each_common_date_form_is_accepted(db: Database, tmp_path: Path, written: object) -> None:
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Documents": [
                DOC_HEADER,
                _doc("QP-01", status="Approved / effective", **{"Effective date": written}),
            ]
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, "test")
    with db.read() as session:
        row = documents.get_row(session, documents.id_for_code(session, "QP-01"))  # type: ignore[arg-type]
    assert row.effective_date == dt.date(2026, 3, 1)


@pytest.mark.parametrize("written", ["next spring", "31/02/2026", "2026-13-01", 3.5, 12], ids=repr)
def test_a_nonsense_date_is_refused(db: Database, tmp_path: Path, written: object) -> None:
    _existing(db)
    header = [*DOC_HEADER[:4], "effective  DATE"]  # reported as the user wrote it
    path = write_book(
        tmp_path / "book.xlsx",
        {"Documents": [header, ["QP-01", "A title", "Procedure", "Draft", written]]},
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", 2, "effective  DATE")
    assert "is not a date" in problem.message
    assert "2026-03-01" in problem.message  # says which forms are accepted


def test_unknown_status_lists_the_allowed_words(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(
        tmp_path / "book.xlsx",
        {"Documents": [DOC_HEADER, _doc("QP-01"), _doc("QP-02", status="Pending")]},
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", 3, "Status")
    assert "'Pending' is not a status" in problem.message
    for word in documents.STATUS_LABELS.values():
        assert word in problem.message


def test_unknown_revision_status(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Documents": [DOC_HEADER, _doc("QP-01")],
            "Revisions": [
                ["Document code", "Revision", "Revision date", "Status"],
                ["QP-01", "A", dt.date(2026, 1, 1), "Signed off"],
            ],
        },
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Revisions", 2, "Status")
    assert "Draft, Effective, Superseded" in problem.message


def test_a_200_character_title_is_refused(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01", "x" * 200)]})
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", 2, "Title")
    assert "200 characters" in problem.message and "150" in problem.message


def test_an_empty_row_in_the_middle_does_not_stop_reading(db: Database, tmp_path: Path) -> None:
    rows = [DOC_HEADER, _doc("QP-01"), [None] * 6, ["  ", None, "", None, None, " "], _doc("QP-02")]
    path = write_book(tmp_path / "book.xlsx", {"Documents": rows})
    plan = plan_import(db, path)
    assert plan.problems == []
    assert [(i.key, i.row) for i in plan.sheets[0].items] == [("QP-01", 2), ("QP-02", 5)]
    plan.apply(db, "test")
    with db.read() as session:
        assert documents.id_for_code(session, "QP-02") is not None

    # A problem after the gap is reported at its real row.
    rows.append(_doc("QP-03", status="Maybe"))
    path = write_book(tmp_path / "book2.xlsx", {"Documents": rows})
    problem = _only(_refused(db, path))
    assert (problem.row, problem.column) == (6, "Status")


def test_a_formula_cell_is_refused(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(
        tmp_path / "book.xlsx",
        {"Documents": [DOC_HEADER, _doc("QP-01"), _doc("QP-02", '=UPPER("title")')]},
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", 3, "Title")
    assert "formula" in problem.message and "type the value" in problem.message


def test_a_formula_with_a_cached_value_is_refused_too(db: Database, tmp_path: Path) -> None:
    # Excel saves a formula's last value beside it; a reader of values alone would take it.
    path = write_book(
        tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01", "=B1"), _doc("QP-02")]}
    )
    patch_sheet_xml(
        path,
        SHEET1,
        r'<c r="B2"><f>B1</f><v\s*/?>(</v>)?',
        '<c r="B2" t="str"><f>B1</f><v>Title</v>',
    )
    problem = _only(_refused(db, path))
    assert (problem.row, problem.column) == (2, "Title")
    assert "formula" in problem.message


def test_a_formula_in_a_cell_written_without_its_position(db: Database, tmp_path: Path) -> None:
    # Some writers leave out the r="B2" of each cell; the formula is then found by counting.
    path = write_book(
        tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01"), _doc("QP-02", "=A1")]}
    )
    patch_sheet_xml(path, SHEET1, r'<c r="B3">', "<c>")
    problem = _only(_refused(db, path))
    assert (problem.row, problem.column) == (3, "Title")
    assert "formula" in problem.message


def test_text_starting_with_equals_typed_as_text_is_accepted(db: Database, tmp_path: Path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01")]})
    patch_sheet_xml(
        path,
        SHEET1,
        r'<c r="B2" t="inlineStr"><is><t>A title</t></is></c>',
        '<c r="B2" t="inlineStr"><is><t>=not a formula</t></is></c>',
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, "test")
    with db.read() as session:
        row = documents.get_row(session, documents.id_for_code(session, "QP-01"))  # type: ignore[arg-type]
    assert row.title == "=not a formula"


def test_an_error_cell_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01", "#REF!")]})
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", 2, "Title")
    assert "error" in problem.message


def test_yes_no_and_date_cells_where_text_is_expected(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Documents": [
                [*DOC_HEADER, "Revision"],
                [*_doc("QP-01", True), None],
                [*_doc("QP-02"), dt.date(2026, 1, 2)],  # Excel made "1-2" a date
            ]
        },
    )
    plan = _refused(db, path)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Title"), (3, "Revision")]
    assert "TRUE" in plan.problems[0].message
    assert "date" in plan.problems[1].message


def test_numbers_where_text_is_expected_are_taken_as_text(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "book.xlsx",
        {"Documents": [[*DOC_HEADER, "Revision"], [*_doc("QP-01"), 3]]},
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    plan.apply(db, "test")
    with db.read() as session:
        assert documents.get_row(session, 1).revision == "3"


def test_every_problem_of_a_workbook_is_listed_at_once(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Documents": [
                DOC_HEADER,
                _doc("QP-01", "x" * 151),
                _doc("QP-02", status="Approved / effective"),  # needs an effective date
                _doc("QP-03", status="Nope", **{"Effective date": "someday"}),
            ],
            "Revisions": [
                ["Document code", "Revision", "Revision date"],
                ["QP-99", "A", dt.date(2026, 1, 1)],
            ],
        },
    )
    plan = _refused(db, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [
        ("Documents", 2, "Title"),
        ("Documents", 3, "Effective date"),
        ("Documents", 4, "Status"),
        ("Documents", 4, "Effective date"),
        ("Revisions", 2, "Document code"),
    ]
    assert "QP-99" in plan.problems[-1].message


def test_a_revision_of_an_unknown_document(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Revisions": [
                ["Document code", "Revision", "Revision date"],
                ["QP-00", "A", dt.date(2026, 1, 1)],  # in the file: fine
                ["QP-42", "A", dt.date(2026, 1, 1)],
            ]
        },
    )
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Revisions", 3, "Document code")
    assert "no document 'QP-42'" in problem.message


def test_revision_rules(db: Database, tmp_path: Path) -> None:
    _existing(db)
    header = ["Document code", "Revision", "Revision date", "Status", "Attachment SHA-256"]
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Revisions": [
                header,
                ["QP-00", "A", dt.date(2025, 1, 1), "Effective", None],
                ["QP-00", "B", dt.date(2026, 1, 1), "Effective", None],  # a second one in force
                ["QP-00", "a", dt.date(2026, 1, 1), "Superseded", None],  # label twice
                ["QP-00", "C", None, "Draft", None],  # no date
                ["QP-00", "D", dt.date(2026, 1, 1), "Draft", "not a checksum"],
            ]
        },
    )
    plan = _refused(db, path)
    got = [(p.row, p.column) for p in plan.problems]
    assert got == [
        (3, "Status"),
        (4, "Revision"),
        (5, "Revision date"),
        (6, "Attachment SHA-256"),
    ]
    assert "two effective revisions" in plan.problems[0].message
    assert "row 2" in plan.problems[1].message
    assert "64 characters" in plan.problems[3].message


def test_an_attachment_needs_its_name_and_checksum(db: Database, tmp_path: Path) -> None:
    _existing(db)
    path = write_book(
        tmp_path / "book.xlsx",
        {
            "Revisions": [
                ["Document code", "Revision", "Revision date", "Attachment"],
                ["QP-00", "A", dt.date(2025, 1, 1), "scan.pdf"],
            ]
        },
    )
    problem = _only(_refused(db, path))
    assert (problem.row, problem.column) == (2, "Attachment SHA-256")
    assert "both its name and its SHA-256" in problem.message


def test_a_recorded_revision_cannot_be_changed_by_an_import(
    demo_db: Database, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "register.xlsx"
    documents_xlsx.export_documents(demo_db, path)
    book = load_workbook(path)
    ws = book["Revisions"]
    header = [c.value for c in ws[1]]
    ws.cell(5, header.index("Change summary") + 1).value = "Rewritten history"
    book.save(path)
    problem = _only(_refused(demo_db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Revisions", 5, "Change summary")
    assert "does not change recorded ones" in problem.message


def test_a_workbook_without_a_known_sheet(db: Database, tmp_path: Path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Sheet1": [DOC_HEADER, _doc("QP-01")]})
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Sheet1", None, None)
    assert "'Documents'" in problem.message and "'Sheet1'" in problem.message


def test_an_empty_sheet(db: Database, tmp_path: Path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Documents": []})
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row) == ("Documents", None)
    assert "empty" in problem.message


def test_two_columns_for_one_field(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "book.xlsx",
        {"Documents": [[*DOC_HEADER, "Owner name"], [*_doc("QP-01"), "Ruth"]]},
    )
    problem = _only(_refused(db, path))
    assert (problem.row, problem.column) == (1, "Owner name")
    assert "'Owner' (column F)" in problem.message


@pytest.mark.parametrize("ref", ["A1:B100002", "A1:GZ3"])
def test_a_sheet_declared_too_large_is_refused_unread(
    db: Database, tmp_path: Path, ref: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01")]})
    patch_sheet_xml(path, SHEET1, r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>')

    def no_reading(*_args: object) -> None:
        raise AssertionError("the sheet's cells were read")

    monkeypatch.setattr(WorkbookReader, "_values", no_reading)
    problem = _only(_refused(db, path))
    assert (problem.sheet, problem.row, problem.column) == ("Documents", None, None)
    assert "too large" in problem.message


def test_a_missing_file(db: Database, tmp_path: Path) -> None:
    with pytest.raises(QmsError, match="There is no file"):
        plan_import(db, tmp_path / "nowhere.xlsx")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Code,Title\nQP-01,Something\n", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "older Excel file"),
        (b"", "not an Excel workbook"),
    ],
    ids=["csv", "xls", "empty"],
)
def test_a_file_that_is_not_a_workbook(
    db: Database, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(content)
    with pytest.raises(QmsError, match=message):
        plan_import(db, path)


def test_a_zip_that_is_not_a_workbook(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(QmsError, match="not an Excel workbook"):
        plan_import(db, path)


def test_a_damaged_workbook(db: Database, tmp_path: Path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01")]})
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(QmsError, match="not an Excel workbook"):
        plan_import(db, path)


def test_a_folder_is_not_a_workbook(db: Database, tmp_path: Path) -> None:
    with pytest.raises(QmsError, match="folder"):
        plan_import(db, tmp_path)


def test_a_sheet_whose_xml_is_broken(db: Database, tmp_path: Path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01")]})
    patch_sheet_xml(path, SHEET1, r"</sheetData>.*", "<row")
    with pytest.raises(QmsError, match="cannot be read"):
        plan_import(db, path)


def test_a_sheet_too_long_without_a_declared_size_is_refused(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Documents": [DOC_HEADER, _doc("QP-01")]})
    patch_sheet_xml(path, SHEET1, r'<dimension ref="[^"]*"\s*/>', "")
    many = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(3, 100_010))
    patch_sheet_xml(path, SHEET1, r"</sheetData>", many + "</sheetData>")

    def no_reading(*_args: object) -> None:
        raise AssertionError("the sheet's cells were read")

    monkeypatch.setattr(WorkbookReader, "_values", no_reading)
    problem = _only(_refused(db, path))
    assert "too large" in problem.message


def test_every_sheet_name_leads_to_one_importer_only() -> None:
    # A sheet name two importers answered to would go to whichever comes first, silently.
    from qmsdesk.core.exchange.workbook import INFO_SHEETS, sheet_importers
    from qmsdesk.core.text import normalise_header

    seen: dict[str, str] = {}
    for importer in sheet_importers():
        for name in (importer.spec.name, *importer.spec.aliases):
            key = normalise_header(name)
            assert key not in INFO_SHEETS, name
            assert key not in seen or seen[key] == importer.spec.name, (name, seen.get(key))
            seen[key] = importer.spec.name
    assert "audit questions" in seen and seen["audit questions"] == "Audit checklist"
