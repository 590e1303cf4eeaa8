"""Any sheet into any register through a column mapping (issue 15, point 1): a legacy master
list, CSV files of every encoding, an .ods, the mapping's own mistakes, remembered mappings."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from qmsdesk.core import documents
from qmsdesk.core.db import Database
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange import mapping as m

from . import snapshot, write_book

TITLE_ROWS = [["Kestrel Precision Components Ltd"], ["Master document list (controlled)"]]
HEADER = [
    "Doc No.",
    "Document Title",
    "Rev",
    "Issue Date",
    "Document Owner",
    "Status",
    "Next Review Date",
]
ROWS = [
    [
        "QP-90-01",
        "Legacy procedure",
        "B",
        dt.date(2024, 3, 1),
        "Dave",
        "Current",
        dt.date(2026, 3, 1),
    ],
    ["F-90-02", "Legacy form", "A", dt.date(2023, 5, 10), "Dave", "Live", dt.date(2024, 5, 10)],
    ["WI-90-03", "Old instruction", "C", dt.date(2020, 1, 1), "Dave", "Obsolete", None],
    ["FRM-90-04", "Other form", "1", dt.date(2025, 1, 15), "Dave", "Issued", None],
    ["QM-90-05", "Old manual", "2", dt.date(2019, 1, 15), "Dave", "Withdrawn", None],
]


def legacy_book(path: Path, rows: list[list[object]] | None = None) -> Path:
    return write_book(path, {"Master list": [*TITLE_ROWS, HEADER, *(rows or ROWS)]})


def _raw(path: Path) -> m.RawSheet:
    with m.Source(path) as source:
        return source.sheet(source.sheet_names[0])


def _suggested(path: Path, word: str = "documents") -> m.Mapping:
    raw = _raw(path)
    return m.suggested_mapping(m.target(word), raw.name, raw.values)


def _docs(db: Database) -> dict[str, documents.DocumentRow]:
    with db.read() as session:
        return {r.code: r for r in documents.all_rows(session)}


def test_a_legacy_master_list_is_refused_by_the_plain_import(
    demo_db: Database, tmp_path: Path
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    plan = m.plan_mapped(demo_db, book, m.Mapping(register="documents", columns={}))
    assert plan.problems  # no column mapped: the required fields are named
    assert any("'Code' is required" in p.message for p in plan.problems)


def test_a_legacy_master_list_goes_in_through_the_suggested_mapping(
    demo_db: Database, tmp_path: Path
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = _suggested(book)
    assert mapping.header_row == 3
    assert mapping.columns == {
        "Doc No.": "code",
        "Document Title": "title",
        "Rev": "revision",
        "Issue Date": "effective_date",
        "Document Owner": "owner",
        "Status": "status",
        "Next Review Date": "next_review",
    }
    assert mapping.rules == {"doc_type": "type-from-code"}
    plan = m.plan_mapped(demo_db, book, mapping)
    assert plan.problems == []
    assert plan.summary_lines()[0] == "Documents: 5 to add, 0 to change, 0 unchanged"
    assert any("header is on row 3" in n and "Kestrel Precision" in n for n in plan.notes)
    plan.apply(demo_db, "tester")
    docs = _docs(demo_db)
    assert [
        docs[c].doc_type.value for c in ("QP-90-01", "F-90-02", "WI-90-03", "FRM-90-04", "QM-90-05")
    ] == [
        "procedure",
        "form",
        "work_instruction",
        "form",
        "manual",
    ]
    assert docs["QP-90-01"].status.value == "effective"
    assert docs["QP-90-01"].effective_date == dt.date(2024, 3, 1)
    # The next review date given instead of an interval is kept: 24 months after the issue.
    assert docs["QP-90-01"].review_months == 24
    assert docs["QP-90-01"].next_review == dt.date(2026, 3, 1)
    assert docs["WI-90-03"].status.value == "obsolete"
    assert docs["WI-90-03"].obsolete_reason == m.OBSOLETE_REASON
    assert docs["QM-90-05"].status.value == "obsolete"  # "Withdrawn"
    # Imported again, the same sheet changes nothing.
    again = m.plan_mapped(demo_db, book, mapping)
    assert again.problems == [] and not again.has_changes


def test_without_the_legacy_rule_an_obsolete_document_needs_its_reason(
    demo_db: Database, tmp_path: Path
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = _suggested(book)
    mapping.legacy = ()
    mapping.columns["Next Review Date"] = ""
    plan = m.plan_mapped(demo_db, book, mapping)
    # The two obsolete rows (sheet rows 6 and 8, below the header on row 3).
    assert {(p.row, p.column) for p in plan.problems} == {
        (6, "Obsolete reason"),
        (8, "Obsolete reason"),
    }


def test_one_value_for_all_and_a_mapped_value(demo_db: Database, tmp_path: Path) -> None:
    rows = [["X-1", "One", "A", dt.date(2024, 1, 1), "Dave", "In force", None]]
    book = legacy_book(tmp_path / "legacy.xlsx", rows)
    mapping = _suggested(book)
    mapping.rules = {}
    mapping.defaults = {"doc_type": "Procedure"}
    mapping.values["status"] = {"in force": "Approved / effective"}
    plan = m.plan_mapped(demo_db, book, mapping)
    assert plan.problems == []
    plan.apply(demo_db, "tester")
    doc = _docs(demo_db)["X-1"]
    assert (doc.doc_type.value, doc.status.value) == ("procedure", "effective")


# --- the bad input of the issue: each refused, nothing stored changes -------------------------


def _refused(db: Database, book: Path, mapping: m.Mapping) -> list[str]:
    before = snapshot(db)
    plan = m.plan_mapped(db, book, mapping)
    assert plan.problems
    with pytest.raises(QmsError):
        plan.apply(db, "tester")
    assert snapshot(db) == before
    return [f"{p.where()}: {p.message}" for p in plan.problems]


def test_a_mapping_naming_a_column_the_sheet_does_not_have(
    demo_db: Database, tmp_path: Path
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = _suggested(book)
    mapping.columns["Document Number"] = "code"
    mapping.columns["Doc No."] = ""
    messages = _refused(demo_db, book, mapping)
    assert any("column 'Document Number'" in t and "does not have" in t for t in messages)


def test_two_columns_mapped_to_one_field(demo_db: Database, tmp_path: Path) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = _suggested(book)
    mapping.columns["Rev"] = "title"
    messages = _refused(demo_db, book, mapping)
    assert any("Two columns are mapped to the field 'Title'" in t for t in messages)


def test_a_required_field_left_unmapped_without_a_default(
    demo_db: Database, tmp_path: Path
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = _suggested(book)
    mapping.rules = {}
    messages = _refused(demo_db, book, mapping)
    assert any("'Type' is required" in t and "no default" in t for t in messages)


def test_a_value_that_maps_to_nothing(demo_db: Database, tmp_path: Path) -> None:
    rows = [*ROWS, ["QP-90-09", "Odd one", "A", dt.date(2024, 1, 1), "Dave", "Pending", None]]
    book = legacy_book(tmp_path / "legacy.xlsx", rows)
    messages = _refused(demo_db, book, _suggested(book))
    assert messages == [
        "sheet 'Master list', row 9, column 'Status': 'Pending' is not a status QMS Desk knows, "
        "and the mapping maps it to none: map it to one of Draft, In review, Approved / "
        "effective, Obsolete."
    ]


def test_a_value_mapped_to_something_the_register_does_not_know(
    demo_db: Database, tmp_path: Path
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = _suggested(book)
    mapping.values["status"]["current"] = "Alive"
    messages = _refused(demo_db, book, mapping)
    assert any("'current' is mapped to 'Alive'" in t for t in messages)


# --- CSV and .ods -------------------------------------------------------------------------------

CSV_ROWS = [
    ["Doc No.", "Document Title", "Type", "Issue Date", "Status"],
    ["QP-91-01", "Réception des pièces – contrôle €", "Procedure", "01/03/2024", "Current"],
    ["QP-91-02", "Zweite Prüfung", "Procedure", "2024-04-02", "Draft"],
]


def _csv(path: Path, encoding: str, separator: str) -> Path:
    text = "\r\n".join(separator.join(row) for row in CSV_ROWS) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", ";"), ("utf-8-sig", "\t")],
)
def test_csv_in_every_encoding_and_separator_is_read(
    demo_db: Database, tmp_path: Path, encoding: str, separator: str
) -> None:
    book = _csv(tmp_path / "list.csv", encoding, separator)
    raw = _raw(book)
    assert raw.values == CSV_ROWS
    plan = m.plan_mapped(demo_db, book, _suggested(book))
    assert plan.problems == []
    plan.apply(demo_db, "tester")
    doc = _docs(demo_db)["QP-91-01"]
    assert doc.title == "Réception des pièces – contrôle €"
    assert doc.effective_date == dt.date(2024, 3, 1)  # day first


def test_a_csv_in_no_encoding_qms_desk_reads_is_refused_clearly(tmp_path: Path) -> None:
    book = tmp_path / "odd.csv"
    book.write_bytes(b"Code,Title\r\nQP-1,\x81\x8d\x90 broken\r\n")
    with pytest.raises(QmsError, match="neither UTF-8 nor Windows-1252"):
        m.Source(book)
    binary = tmp_path / "binary.csv"
    binary.write_bytes("Code,Title\r\n".encode("utf-16-le"))
    with pytest.raises(QmsError, match="other than UTF-8 and Windows-1252"):
        m.Source(binary)


def _ods(path: Path, rows: list[list[str]]) -> Path:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Register">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_an_ods_saved_from_libreoffice_is_read(demo_db: Database, tmp_path: Path) -> None:
    book = _ods(tmp_path / "list.ods", [["Our documents"], *CSV_ROWS])
    with m.Source(book) as source:
        assert source.sheet_names == ["Register"]
    mapping = _suggested(book)
    assert mapping.header_row == 2
    plan = m.plan_mapped(demo_db, book, mapping)
    assert plan.problems == []
    assert plan.summary_lines()[0] == "Documents: 2 to add, 0 to change, 0 unchanged"


# --- suggestions, fields by their export heading, remembered mappings ---------------------------


def test_suggestions_from_words_and_content(tmp_path: Path) -> None:
    target = m.target("documents")
    found = m.suggest(
        target,
        ["Ref", "What it is called", "Approval date", "Reviewed every (months)"],
        [["QP-01", "QP-02"], ["A", "B"], [dt.date(2024, 1, 1)], [12, 24]],
    )
    assert found["Ref"].key == "code"
    assert found["Approval date"].key == "effective_date"
    assert found["Reviewed every (months)"].key == "review_months"


def test_a_field_is_named_as_the_export_heads_its_column() -> None:
    target = m.target("Documents")
    assert target.field("effective DATE").key == "effective_date"
    assert target.field("  Effective   date ").key == "effective_date"
    with pytest.raises(QmsError, match="has no field 'Colour'"):
        target.field("Colour")
    with pytest.raises(QmsError, match="no register 'spaceships'"):
        m.target("spaceships")


def test_types_from_the_codes_prefix() -> None:
    assert [
        m.type_from_code(c) for c in ("QM-01", "QP-7.5", "WI-12", "F-3", "FRM-44", "ZZ-1", "")
    ] == [
        "Manual",
        "Procedure",
        "Work instruction",
        "Form",
        "Form",
        "",
        "",
    ]


def test_a_mapping_is_remembered_for_sheets_of_the_same_shape(tmp_path: Path) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = _suggested(book)
    mapping.defaults["process"] = "Quality"
    where = tmp_path / "remembered"
    m.remember(mapping, where)
    again = m.recall("Master list", HEADER, where)
    assert again is not None and again.to_json() == mapping.to_json()
    assert m.recall("Master list", [*HEADER, "Extra"], where) is None
    assert m.recall("Other sheet", HEADER, where) is None
    saved = tmp_path / "mapping.json"
    mapping.save(saved)
    assert m.Mapping.load(saved).to_json() == mapping.to_json()
    (tmp_path / "bad.json").write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(QmsError, match="not a column mapping"):
        m.Mapping.load(tmp_path / "bad.json")


def test_the_default_folder_is_the_users_data_folder() -> None:
    from qmsdesk import paths
    from qmsdesk.core.exchange.mapping import store

    assert store.folder() == paths.user_data_dir() / "import mappings"
