"""The quick start's first screen is what the document services return for the same view, read
without SQLAlchemy; any file that is not plainly fine to open gives None (the normal path)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from qmsdesk.core import company, documents, lock, quickstart
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.migrate import SCHEMA_HEAD
from qmsdesk.core.documents import DocumentFields
from qmsdesk.core.vocab import DocType


def expected(
    db: Database, sort: str, descending: bool, rows: int, on: dt.date
) -> dict[str, object]:
    """What the services say for the register's default view sorted by `sort`."""
    with db.read() as session:
        ids = documents.query_ids(session, sort=sort, descending=descending, on=on)
        first = ids[:rows]
        history = documents.history_of(session, first[0]) if first else []
        return {
            "rows": documents.fetch_rows(session, first),
            "counts": documents.counts(session, on),
            "owners": documents.owners(session),
            "company_name": company.get_info(session).name,
            "revisions": documents.revisions_of(session, first[0]) if first else [],
            "history_count": len(history),
            "last_change": (
                quickstart.LastChange(history[0].at, history[0].user, history[0].action)
                if history
                else None
            ),
        }


def got(screen: quickstart.FirstScreen) -> dict[str, object]:
    return {
        "rows": screen.rows,
        "counts": screen.counts,
        "owners": screen.owners,
        "company_name": screen.company_name,
        "revisions": screen.revisions,
        "history_count": screen.history_count,
        "last_change": screen.last_change,
    }


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(documents.SORT_KEYS))
def test_first_screen_is_what_the_services_return(
    demo_db: Database, sort: str, descending: bool
) -> None:
    on = dt.date.today()
    screen = quickstart.read_first_screen(demo_db.path, sort=sort, descending=descending, rows=15)
    assert screen is not None
    assert (screen.sort, screen.descending, screen.on) == (sort, descending, on)
    assert screen.path == demo_db.path.resolve()
    assert got(screen) == expected(demo_db, sort, descending, 15, on)


@pytest.fixture
def mixed_db(db: Database) -> Database:
    """Documents whose texts differ in case and whose optional values are missing in turn, so
    that each sort's handling of case and of empty values shows."""
    values = [
        ("a-1", "beta", "", "zoe", "", None, None),
        ("B-2", "Alpha", "x", "Adam", "rev 2", dt.date(2024, 5, 1), 12),
        ("c-3", "gamma", "Y", "", "A", dt.date(2023, 1, 10), None),
        ("D-4", "alpha", "y", "adam", "", dt.date(2022, 2, 2), 24),
        ("e-5", "Beta", "X", "Zoe", "b", dt.date(2025, 9, 30), 6),
    ]
    with db.write() as session:
        for code, title, process, owner, revision, effective, months in values:
            documents.create_document(
                session,
                DocumentFields(
                    code=code,
                    title=title,
                    doc_type=DocType.FORM if code < "c" else DocType.MANUAL,
                    process=process,
                    owner=owner,
                    revision=revision,
                    effective_date=effective,
                    review_months=months,
                    location=title.upper() if months else "",
                    note=process,
                ),
                user="Ann",
            )
    return db


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(documents.SORT_KEYS))
def test_case_and_empty_values_sort_as_the_services_sort_them(
    mixed_db: Database, sort: str, descending: bool
) -> None:
    on = dt.date.today()
    screen = quickstart.read_first_screen(mixed_db.path, sort=sort, descending=descending)
    assert screen is not None
    assert got(screen) == expected(mixed_db, sort, descending, 100, on)


def test_the_demo_screen_has_everything_to_compare(demo_db: Database) -> None:
    """The comparison above means something: the demo has each kind of value it compares."""
    screen = quickstart.read_first_screen(demo_db.path, rows=100)
    assert screen is not None
    assert len(screen.rows) == screen.counts.total == 41  # fewer than asked: all of them
    assert screen.counts.overdue > 0 and screen.counts.due_soon > 0
    assert screen.company_name == "Kestrel Precision Components Ltd"
    assert len(screen.owners) > 3
    assert screen.revisions and screen.history_count > 0 and screen.last_change is not None
    assert isinstance(screen.rows[0].doc_type, DocType)
    assert any(isinstance(r.next_review, dt.date) for r in screen.rows)
    assert got(screen) == expected(demo_db, "code", False, 100, dt.date.today())


def test_counts_on_another_day(demo_db: Database) -> None:
    later = dt.date.today() + dt.timedelta(days=400)
    screen = quickstart.read_first_screen(demo_db.path, on=later)
    assert screen is not None
    with demo_db.read() as session:
        assert screen.counts == documents.counts(session, later)


def test_an_empty_company(db: Database) -> None:
    screen = quickstart.read_first_screen(db.path)
    assert screen is not None
    assert screen.rows == [] and screen.owners == [] and screen.revisions == []
    assert screen.counts == documents.RegisterCounts(0, 0, 0)
    assert (screen.history_count, screen.last_change, screen.company_name) == (0, None, "")


def test_a_change_is_seen(db: Database) -> None:
    with db.write() as session:
        company.set_name(session, "Łukasz Żółć & Ørsted Ltd")
        documents.create_document(
            session,
            DocumentFields(code="QP-01", title="Quality policy", doc_type=DocType.POLICY),
            user="Ann",
        )
    screen = quickstart.read_first_screen(db.path)
    assert screen is not None
    assert screen.company_name == "Łukasz Żółć & Ørsted Ltd"
    assert [r.code for r in screen.rows] == ["QP-01"]
    assert screen.last_change is not None and screen.last_change.user == "Ann"


def test_reading_changes_nothing(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    assert quickstart.read_first_screen(demo_path) is not None
    assert demo_path.read_bytes() == before


def _older(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004_audits'")
    conn.close()


def _other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE notes (text)")
    conn.close()


def _damaged(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p: p.unlink(), id="missing"),
        pytest.param(lambda p: (p.unlink(), p.mkdir()), id="a folder"),
        pytest.param(lambda p: p.write_bytes(b"meeting notes\n" * 100), id="not a database"),
        pytest.param(lambda p: (p.unlink(), _other_app(p)), id="another app's database"),
        pytest.param(_older, id="older schema"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(200)), id="broken"),
        pytest.param(_damaged, id="cut short"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
    ],
)
def test_anything_unexpected_takes_the_normal_path(demo_path: Path, spoil: object) -> None:
    spoil(demo_path)  # type: ignore[operator]
    before = demo_path.read_bytes() if demo_path.is_file() else None
    assert quickstart.read_first_screen(demo_path) is None
    if before is not None:
        assert demo_path.read_bytes() == before


def test_a_newer_schema_takes_the_normal_path(demo_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    assert quickstart.read_first_screen(demo_path) is None
    conn = sqlite3.connect(demo_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (SCHEMA_HEAD,))
    conn.close()
    assert quickstart.read_first_screen(demo_path) is not None


def test_a_file_open_for_changes_takes_the_normal_path(demo_path: Path) -> None:
    held = lock.acquire(demo_path, "Someone Else")
    try:
        assert quickstart.read_first_screen(demo_path) is None
    finally:
        held.release()
    assert quickstart.read_first_screen(demo_path) is not None


def test_a_file_left_by_a_crash_takes_the_normal_path(demo_path: Path, tmp_path: Path) -> None:
    """The normal path tells the user the file was not closed properly (its .owner is left)."""
    held = lock.acquire(demo_path, "Crashed")
    shutil.copyfile(lock.owner_path(demo_path), tmp_path / "owner")
    held.release()
    shutil.copyfile(tmp_path / "owner", lock.owner_path(demo_path))
    assert quickstart.read_first_screen(demo_path) is None


def test_an_unknown_sort_key_takes_the_normal_path(demo_path: Path) -> None:
    assert quickstart.read_first_screen(demo_path, sort="colour") is None


def test_reading_it_imports_no_sqlalchemy(demo_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qmsdesk.core import quickstart\n"
        "screen = quickstart.read_first_screen(Path(sys.argv[1]))\n"
        "assert screen is not None and screen.rows\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    ('sqlalchemy', 'alembic', 'openpyxl', 'reportlab', 'PySide6'))\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(demo_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_services_and_the_quick_start_share_their_words() -> None:
    """One definition of each: the old homes re-export the vocab module's objects."""
    from qmsdesk.core import vocab
    from qmsdesk.core.db import models

    assert models.DocStatus is vocab.DocStatus and models.DocType is vocab.DocType
    assert models.RevisionStatus is vocab.RevisionStatus
    for name in (
        "DocumentRow",
        "RevisionRow",
        "ReviewState",
        "review_state",
        "TYPE_LABELS",
        "STATUS_LABELS",
        "REVISION_STATUS_LABELS",
        "DocumentQuery",
        "RegisterCounts",
        "Candidates",
        "DUE_SOON_DAYS",
    ):
        assert getattr(documents, name) is getattr(vocab, name), name


def test_open_database_still_opens_what_the_quick_start_read(demo_path: Path) -> None:
    """Reading first leaves nothing in the way of opening for changes."""
    assert quickstart.read_first_screen(demo_path) is not None
    with lock.acquire(demo_path), open_database(demo_path) as db, db.write() as session:
        company.set_name(session, "Renamed")
    screen = quickstart.read_first_screen(demo_path)
    assert screen is not None and screen.company_name == "Renamed"
