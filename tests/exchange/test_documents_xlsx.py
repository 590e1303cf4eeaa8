"""The document register in Excel: what the export looks like, round trips, what an import does."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from qmsdesk.core import documents
from qmsdesk.core.dates import DATE_HELP
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord, DocStatus, DocType, Revision, RevisionStatus
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange import documents_xlsx, revisions_xlsx, workbook
from qmsdesk.core.exchange.registry import plan_import as registry_plan_import
from qmsdesk.core.exchange.workbook import Action, FieldChange, plan_import

from . import register, snapshot, write_book

DOC_LABELS = [c.header for c in documents_xlsx.DOCUMENTS.columns]


def _add(db: Database, code: str, **changes: object) -> int:
    values: dict[str, object] = {
        "code": code,
        "title": "A title",
        "doc_type": DocType.PROCEDURE,
        "status": DocStatus.EFFECTIVE,
        "effective_date": dt.date(2025, 3, 1),
        **changes,
    }
    fields = documents.DocumentFields(**values)  # type: ignore[arg-type]
    approval = (
        documents.Approval("Margaret Hollis", fields.effective_date or dt.date(2025, 3, 1))
        if fields.status == DocStatus.EFFECTIVE
        else None
    )
    with db.write() as session:
        return documents.create_document(session, fields, "test", approval)


# --- what the export looks like ---------------------------------------------------------------


def test_export_writes_styled_sheets_with_real_dates_and_drop_downs(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "register.xlsx"
    written = documents_xlsx.export_documents(demo_db, path)
    rows, revisions = register(demo_db)
    assert written == len(rows) + len(revisions)

    book = load_workbook(path)
    assert book.sheetnames == ["Documents", "Revisions", "Read me"]
    ws = book["Documents"]
    header = [c.value for c in ws[1]]
    assert header == [documents.FIELD_LABELS[c.key] for c in documents_xlsx.DOCUMENTS.columns]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:U{len(rows) + 1}"
    assert ws.max_row == len(rows) + 1
    widths = [ws.column_dimensions[chr(65 + i)].width for i in range(len(header))]
    assert all(8 <= w <= 60 for w in widths)
    assert widths[header.index("Title")] > widths[header.index("Code")]

    # Rows are in code order, with labels for type and status and real dates.
    first = rows[0]
    row2 = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert row2["Code"].value == first.code  # type: ignore[attr-defined]
    assert row2["Type"].value == documents.TYPE_LABELS[first.doc_type]  # type: ignore[attr-defined]
    assert row2["Status"].value == documents.STATUS_LABELS[first.status]  # type: ignore[attr-defined]
    effective = row2["Effective date"]
    assert effective.is_date
    assert effective.value.date() == first.effective_date  # type: ignore[attr-defined]
    assert effective.number_format == "d mmm yyyy"  # the company's date format: the default

    lists = {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}
    type_col = chr(65 + header.index("Type"))
    status_col = chr(65 + header.index("Status"))
    assert lists[type_col].type == "list"
    assert lists[type_col].formula1 == '"' + ",".join(documents.TYPE_LABELS.values()) + '"'
    assert lists[status_col].formula1 == '"' + ",".join(documents.STATUS_LABELS.values()) + '"'

    revs = book["Revisions"]
    assert [c.value for c in revs[1]][:3] == ["Document code", "Revision", "Revision date"]
    assert revs.max_row == len(revisions) + 1
    assert revs["C2"].is_date

    computed = ws.cell(1, header.index("Next review") + 1)
    assert computed.comment is not None and "does not read it" in computed.comment.text
    assert computed.fill.fgColor.rgb != ws["A1"].fill.fgColor.rgb  # greyed: not to be filled in

    readme = "\n".join(str(c.value) for row in book["Read me"].iter_rows() for c in row if c.value)
    assert DATE_HELP in readme
    for label in (*documents.TYPE_LABELS.values(), *documents.STATUS_LABELS.values()):
        assert label in readme
    assert "Next review" in readme and "does not read it" in readme


def test_template_has_the_frame_and_no_rows(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert documents_xlsx.export_documents(demo_db, path, template=True) == 0
    book = load_workbook(path)
    assert book.sheetnames == ["Documents", "Revisions", "Read me"]
    for name in ("Documents", "Revisions"):
        ws = book[name]
        assert ws.max_row == 1
        assert ws.freeze_panes is not None
    assert [c.value for c in book["Documents"][1]] == DOC_LABELS
    assert len(book["Documents"].data_validations.dataValidation) == 3  # type, status, months


def test_text_that_looks_like_a_formula_stays_text(db: Database, tmp_path: Path) -> None:
    tricky = {
        "title": "=SUM(A1:A3)",
        "owner": "+44 20 7946 0000",
        "process": "-5 degrees store",
        "note": "@channel line one\r\nline two\ttab _x0041_ kept \x01 and <b>&amp;</b>",
        "location": '=HYPERLINK("http://example.invalid")',
    }
    _add(db, "=QP-01", **tricky)
    path = tmp_path / "tricky.xlsx"
    documents_xlsx.export_documents(db, path)

    book = load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
    ws = book["Documents"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Title") + 1).value == "=SUM(A1:A3)"
    assert ws.cell(2, header.index("Code") + 1).value == "=QP-01"

    fresh = _fresh(tmp_path)
    plan = plan_import(fresh, path)
    assert plan.problems == []
    plan.apply(fresh, "test")
    assert register(fresh) == register(db)


# --- round trips ------------------------------------------------------------------------------


def _fresh(tmp_path: Path, name: str = "fresh.qmsdb") -> Database:
    from qmsdesk.core.db import open_database

    return open_database(tmp_path / name, create=True)


def test_export_then_import_into_an_empty_file_gives_the_same_register(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "register.xlsx"
    documents_xlsx.export_documents(demo_db, path)
    fresh = _fresh(tmp_path)
    try:
        plan = plan_import(fresh, path)
        assert plan.problems == []
        rows, revisions = register(demo_db)
        assert plan.summary_lines()[:2] == [
            f"Documents: {len(rows)} to add, 0 to change, 0 unchanged",
            f"Revisions: {len(revisions)} to add, 0 to change, 0 unchanged",
        ]
        plan.apply(fresh, "Importer")
        got_rows, got_revisions = register(fresh)
        for want, got in zip(rows, got_rows, strict=True):
            assert got == want
        for want, got in zip(revisions, got_revisions, strict=True):
            assert got == want
        # The import is in the change history, under the user's name.
        with fresh.read() as session:
            users = set(session.scalars(select(ChangeRecord.user)))
            actions = set(session.scalars(select(ChangeRecord.action)))
        assert users == {"Importer"}
        assert "import" in actions
    finally:
        fresh.close()


def test_export_then_import_into_the_same_file_changes_nothing(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "register.xlsx"
    documents_xlsx.export_documents(demo_db, path)
    before = snapshot(demo_db)
    plan = registry_plan_import(demo_db, path)
    rows, revisions = register(demo_db)
    assert plan.problems == []
    assert plan.summary_lines() == [
        f"Documents: 0 to add, 0 to change, {len(rows)} unchanged",
        f"Revisions: 0 to add, 0 to change, {len(revisions)} unchanged",
    ]
    assert not plan.has_changes
    plan.apply(demo_db, "test")
    assert snapshot(demo_db) == before


def test_rows_that_come_back_as_exported_are_matched_without_being_parsed(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The quick comparison with the stored rows must hold for every field of every document and
    # revision (dates, empty values, labels, clauses, numbers), or 10,000 rows take the slow path.
    _add(
        demo_db,
        "ZZ-01",
        last_reviewed=dt.date(2026, 1, 31),
        review_months=24,
        clauses=("7.5.2", "7.5.3"),
        note="Ørsted's note",
        retention="10 years",
    )
    path = tmp_path / "register.xlsx"
    documents_xlsx.export_documents(demo_db, path)

    def parsed(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an unchanged row was parsed")

    monkeypatch.setattr(documents, "fields_from_values", parsed)
    monkeypatch.setattr(revisions_xlsx, "_parse_revision", parsed)
    monkeypatch.setattr(documents_xlsx._Stored, "fields", property(parsed))
    plan = registry_plan_import(demo_db, path)
    assert plan.problems == [] and not plan.has_changes
    rows, revisions = register(demo_db)
    assert sum(len(sheet.items) for sheet in plan.sheets) == len(rows) + len(revisions)


def test_a_filled_in_template_imports(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    documents_xlsx.export_documents(demo_db, path, template=True)
    book = load_workbook(path)
    docs, revs = book["Documents"], book["Revisions"]
    header = [c.value for c in docs[1]]

    def doc_row(**values: object) -> list[object]:
        return [values.get(h) for h in header]

    docs.append(
        doc_row(
            Code="WI-NEW-01",
            Title="Deburring of turned parts",
            Type="Work instruction",
            Status="Approved / effective",
            **{"Effective date": dt.date(2026, 1, 15), "Review interval (months)": 24},
            Clauses="8.5.1",
        )
    )
    docs.append(doc_row(Code="F-NEW-02", Title="Deburring check sheet", Type="Form"))
    revs.append(["WI-NEW-01", "A", dt.date(2026, 1, 10), "Effective", "First issue", "Kevin Marsh"])
    book.save(path)

    before = register(demo_db)
    plan = plan_import(demo_db, path)
    assert plan.problems == []
    assert plan.summary_lines() == [
        "Documents: 2 to add, 0 to change, 0 unchanged",
        "Revisions: 1 to add, 0 to change, 0 unchanged",
    ]
    # The preview says what each new record is.
    assert plan.sheets[0].items[0].changes == (
        FieldChange("Title", "", "Deburring of turned parts"),
        FieldChange("Type", "", "Work instruction"),
        FieldChange("Status", "", "Approved / effective"),
    )
    assert FieldChange("Change summary", "", "First issue") in plan.sheets[1].items[0].changes
    plan.apply(demo_db, "test")
    with demo_db.read() as session:
        wi = documents.get_row(session, documents.id_for_code(session, "WI-NEW-01"))  # type: ignore[arg-type]
        form = documents.get_row(session, documents.id_for_code(session, "F-NEW-02"))  # type: ignore[arg-type]
        revisions = documents.revisions_of(session, wi.id)
    assert wi.doc_type == DocType.WORK_INSTRUCTION
    assert wi.next_review == dt.date(2028, 1, 15)
    assert wi.clauses == "8.5.1"
    assert form.status == DocStatus.DRAFT  # an empty status is a draft for a new document
    assert [(r.label, r.status, r.author) for r in revisions] == [
        ("A", RevisionStatus.EFFECTIVE, "Kevin Marsh")
    ]
    assert len(register(demo_db)[0]) == len(before[0]) + 2


# --- what an import changes -------------------------------------------------------------------


def test_changed_cells_show_in_the_plan_and_are_written_with_history(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "register.xlsx"
    documents_xlsx.export_documents(demo_db, path)
    book = load_workbook(path)
    ws = book["Documents"]
    header = [c.value for c in ws[1]]
    code = ws.cell(3, 1).value
    old_title = ws.cell(3, header.index("Title") + 1).value
    ws.cell(3, header.index("Title") + 1).value = "A better title"
    ws.cell(3, header.index("Owner") + 1).value = "Priya Raman"
    ws.cell(3, header.index("Next review") + 1).value = dt.datetime(2099, 1, 1)  # ignored
    book.save(path)

    plan = plan_import(demo_db, path)
    assert plan.problems == []
    changed = [i for s in plan.sheets for i in s.items if i.action == Action.CHANGE]
    assert len(changed) == 1
    item = changed[0]
    assert (item.key, item.row) == (code, 3)
    with demo_db.read() as session:
        old_owner = documents.get_row(session, documents.id_for_code(session, code)).owner  # type: ignore[arg-type]
    assert set(item.changes) == {
        FieldChange("Title", old_title, "A better title"),
        FieldChange("Owner", old_owner, "Priya Raman"),
    }
    plan.apply(demo_db, "Quality lead")
    with demo_db.read() as session:
        doc_id = documents.id_for_code(session, code)
        row = documents.get_row(session, doc_id)  # type: ignore[arg-type]
        changes = documents.history_of(session, doc_id)  # type: ignore[arg-type]
    assert (row.title, row.owner) == ("A better title", "Priya Raman")
    assert row.next_review != dt.date(2099, 1, 1)
    latest = {(c.field, c.old_value, c.new_value) for c in changes if c.action == "import"}
    assert ("Title", old_title, "A better title") in latest
    assert {c.user for c in changes if c.action == "import"} == {"Quality lead"}


def test_only_the_columns_present_are_changed(db: Database, tmp_path: Path) -> None:
    _add(db, "QP-01", owner="Anders Ørsted", note="Keep me", review_months=12)
    path = write_book(
        tmp_path / "short.xlsx",
        {"Documents": [["title", "CODE", " Type "], ["New title", "QP-01", "Procedure"]]},
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    [item] = plan.sheets[0].items
    assert item.changes == (FieldChange("Title", "A title", "New title"),)
    plan.apply(db, "test")
    with db.read() as session:
        row = documents.get_row(session, documents.id_for_code(session, "QP-01"))  # type: ignore[arg-type]
    assert (row.title, row.owner, row.note, row.review_months) == (
        "New title",
        "Anders Ørsted",
        "Keep me",
        12,
    )
    assert row.status == DocStatus.EFFECTIVE


def test_an_empty_status_keeps_the_documents_status(db: Database, tmp_path: Path) -> None:
    _add(db, "QP-01")
    path = write_book(
        tmp_path / "status.xlsx",
        {
            "Documents": [
                ["Code", "Title", "Type", "Status"],
                ["QP-01", "A title", "Procedure", None],
            ]
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    assert [i.action for i in plan.sheets[0].items] == [Action.UNCHANGED]


def test_headers_are_matched_by_name_in_any_order_and_spelling(
    db: Database, tmp_path: Path
) -> None:
    path = write_book(
        tmp_path / "own.xlsx",
        {
            "documents": [
                ["owner_name", "DOC NO", "Document Type", "  title ", "Rev", "Process/Department"],
                ["Ruth Evans", "WI-LOG-01", "wi", "Packing", "b", "Logistics"],
            ],
            "Notes": [["anything"]],
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    assert plan.summary_lines() == [
        "Documents: 1 to add, 0 to change, 0 unchanged",
        "Sheet 'Notes' was not read: QMS Desk does not know it.",
    ]
    plan.apply(db, "test")
    with db.read() as session:
        row = documents.get_row(session, documents.id_for_code(session, "WI-LOG-01"))  # type: ignore[arg-type]
    assert (row.owner, row.doc_type, row.title, row.revision, row.process) == (
        "Ruth Evans",
        DocType.WORK_INSTRUCTION,
        "Packing",
        "b",
        "Logistics",
    )


def test_a_column_the_app_does_not_know_is_noted(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "extra.xlsx",
        {"Documents": [["Code", "Title", "Type", "Colour"], ["F-01", "Form", "Form", "red"]]},
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    assert "Sheet 'Documents': column(s) 'Colour' not read (QMS Desk has no such field)." in (
        plan.summary_lines()
    )


def test_a_plan_is_written_in_one_transaction(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "register.xlsx"
    documents_xlsx.export_documents(demo_db, path)
    fresh = _fresh(tmp_path)
    plan = plan_import(fresh, path)
    before = snapshot(fresh)

    def broken(*_args: object, **_kwargs: object) -> int:
        raise OSError("disk full")

    # The documents are written, then the revisions fail: nothing at all may remain.
    monkeypatch.setattr(documents, "insert_revisions", broken)
    with pytest.raises(OSError):
        plan.apply(fresh, "test")
    assert snapshot(fresh) == before
    fresh.close()


def test_a_plan_is_checked_against_the_file_it_is_applied_to(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "register.xlsx"
    documents_xlsx.export_documents(demo_db, path, template=True)
    plan = plan_import(demo_db, path)
    other = _fresh(tmp_path)
    with pytest.raises(QmsError, match="another company file"):
        plan.apply(other, "test")
    other.close()


def test_a_change_made_after_checking_refuses_the_whole_import(
    db: Database, tmp_path: Path
) -> None:
    path = write_book(
        tmp_path / "new.xlsx",
        {"Documents": [["Code", "Title", "Type"], ["QP-01", "One", "Procedure"]]},
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    _add(db, "QP-01")  # someone adds the same code meanwhile
    before = snapshot(db)
    with pytest.raises(QmsError, match="changed after the workbook was checked"):
        plan.apply(db, "test")
    assert snapshot(db) == before


def test_new_revisions_are_added_and_recorded_ones_left_alone(db: Database, tmp_path: Path) -> None:
    doc_id = _add(db, "QP-01", revision="A")
    with db.write() as session:
        # Entered as approved, its revision A is on record; give it the sheet's summary and date.
        (recorded,) = session.scalars(select(Revision).where(Revision.document_id == doc_id))
        recorded.revision_date, recorded.summary = dt.date(2025, 2, 1), "First issue"
    sha = "ab" * 32
    path = write_book(
        tmp_path / "revs.xlsx",
        {
            "Revisions": [
                [
                    *("Document code", "Revision", "Revision date", "Status", "Change summary"),
                    *("Attachment", "Attachment SHA-256"),
                ],
                ["QP-01", "a", dt.date(2025, 2, 1), "Effective", "First issue", None, None],
                ["qp-01", "B", "2026-01-05", None, "Adds a step", "QP-01 rev B.PDF", sha],
            ]
        },
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    assert [(i.action, i.key, i.row) for i in plan.sheets[0].items] == [
        (Action.UNCHANGED, "QP-01 rev. a", 2),
        (Action.ADD, "qp-01 rev. B", 3),
    ]
    plan.apply(db, "test")
    with db.read() as session:
        revisions = documents.revisions_of(session, doc_id)
    newest = revisions[0]
    assert (newest.label, newest.status, newest.summary) == (
        "B",
        RevisionStatus.DRAFT,
        "Adds a step",
    )
    assert newest.attachment_sha256 == sha
    assert newest.attachment_path == f"ab/{sha}.pdf"  # where attachments.store keeps it
    assert len(revisions) == 2


def test_progress_is_reported_to_the_end(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    calls: list[tuple[int, int]] = []
    written = documents_xlsx.export_documents(
        demo_db, path, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[0] == (0, written)
    assert calls[-1] == (written, written)
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(calls))

    seen: list[tuple[int, int]] = []
    plan_import(demo_db, path, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, written)
    assert seen[-1] == (written, written)


def test_the_workbook_module_knows_the_documents_sheets() -> None:
    names = [imp.spec.name for imp in workbook.sheet_importers()]
    assert names[:2] == ["Documents", "Revisions"]  # later registers add theirs after
    assert replace(documents_xlsx.DOCUMENTS, aliases=()).matches(" documents ")


def test_export_replaces_a_file_and_gets_the_usual_permissions(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"old content")
    documents_xlsx.export_documents(demo_db, path)
    assert load_workbook(path, read_only=True).sheetnames[0] == "Documents"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_export_into_a_missing_folder_says_so(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(QmsError, match="Cannot write in the folder"):
        documents_xlsx.export_documents(demo_db, tmp_path / "nowhere" / "register.xlsx")


def test_a_title_above_the_header_row_is_passed_over(db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "own.xlsx",
        {
            "Documents": [
                ["Document register, kept by hand until 2026"],
                [],
                ["Code", "Title", "Type", "Status"],
                ["F-01", "Form", "Form", "Draft"],
                ["F-02", "Form two", "Form", "Sideways"],
            ]
        },
    )
    plan = plan_import(db, path)
    assert [(p.row, p.column) for p in plan.problems] == [(5, "Status")]
    assert [(i.key, i.row) for i in plan.sheets[0].items] == [("F-01", 4)]


def test_a_text_too_long_for_an_excel_cell_is_named_and_nothing_is_written(
    db: Database, tmp_path: Path
) -> None:
    _add(db, "QP-01")
    _add(db, "QP-02", note="x" * (workbook.EXCEL_CELL_LIMIT + 1))
    book = tmp_path / "register.xlsx"
    book.write_bytes(b"the previous export")
    with pytest.raises(QmsError) as caught:
        documents_xlsx.export_documents(db, book)
    message = str(caught.value)
    assert "QP-02" in message and "'Documents', row 3, column Note" in message
    assert "32,768 characters" in message
    assert book.read_bytes() == b"the previous export"
    assert not list(tmp_path.glob("*.partial"))  # no partial file left behind
    with db.write() as session:
        doc = documents.id_for_code(session, "QP-02")
        assert doc is not None
        fields = documents.get_row(session, doc).fields()
        documents.update_document(
            session, doc, replace(fields, note="x" * workbook.EXCEL_CELL_LIMIT), "lead"
        )
    documents_xlsx.export_documents(db, book)
    cells = load_workbook(book, read_only=True)["Documents"]
    notes = [row[19].value for row in cells.iter_rows(min_row=2)]
    assert notes[1] == "x" * workbook.EXCEL_CELL_LIMIT


def test_excel_counts_characters_beyond_the_basic_plane_twice(db: Database, tmp_path: Path) -> None:
    # 16,384 emoji are 16,384 characters to Python but 32,768 to Excel (UTF-16): one too many.
    assert not workbook.too_long_for_excel("x" * workbook.EXCEL_CELL_LIMIT)
    assert not workbook.too_long_for_excel("\U0001f600" * (workbook.EXCEL_CELL_LIMIT // 2))
    assert workbook.too_long_for_excel("\U0001f600" * (workbook.EXCEL_CELL_LIMIT // 2 + 1))
    _add(db, "QP-01", note="\U0001f600" * (workbook.EXCEL_CELL_LIMIT // 2 + 1))
    with pytest.raises(QmsError, match="32,768 characters long as Excel counts them"):
        documents_xlsx.export_documents(db, tmp_path / "register.xlsx")
    assert not (tmp_path / "register.xlsx").exists()
