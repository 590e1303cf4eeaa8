"""Start-up: the register's first screen is shown before the database layer is imported, then the
file is opened and the window goes on from there without a visible change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qmsdesk import cli
from qmsdesk.core import company, documents, lock, quickstart
from qmsdesk.core.db import open_database
from qmsdesk.core.documents import DocumentFields
from qmsdesk.core.vocab import DocType
from qmsdesk.gui.documents_tab import DocumentsTab
from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.settings import Settings
from tests.gui import settings

__all__ = ["settings"]  # fixtures

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "reportlab")
TAB_TITLES = [
    *("Documents", "Training", "Audits", "Actions", "Customers", "Changes", "Design"),
    *("Management reviews", "Context", "Risks", "Objectives"),
]

# Runs the app as `qmsdesk --db FILE --quit-after 0` does, and says what it had loaded and shown
# when the window had been painted and the file was about to be opened, and once it was open.
SPY = """
import json, sys
from qmsdesk.gui import app

HEAVY = {heavy!r}

def state(window):
    tab = window.documents_tab
    model = tab.model
    return {{
        "heavy": sorted({{m.split(".")[0] for m in sys.modules}} & set(HEAVY)),
        "rows": model.rowCount(),
        "first_screen": model.showing_first_screen,
        "codes": [model.data(model.index(r, 0)) for r in range(3)],
        "current": tab.current_id(),
        "title": window.windowTitle(),
        "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
        "registers": len(window.registers),
        "can_add": tab.new_action.isEnabled(),
        "visible": window.isVisible(),
    }}

load_core = app.StartUp._load_core

def spy(self):
    print("painted " + json.dumps(state(self.window)), flush=True)
    load_core(self)

app.StartUp._load_core = spy
from qmsdesk.gui.main_window import MainWindow
close = MainWindow.closeEvent

def closing(self, event):
    print("open " + json.dumps(state(self)), flush=True)
    close(self, event)

MainWindow.closeEvent = closing
from qmsdesk.__main__ import main
sys.exit(main(["--db", sys.argv[1], "--quit-after", "0"]))
"""


def run_spy(demo_path: Path, tmp_path: Path) -> tuple[list[str], dict[str, Any]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", SPY.format(heavy=HEAVY), str(demo_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    states = {
        word: json.loads(rest)
        for word, _, rest in (line.partition(" ") for line in lines)
        if word in ("painted", "open")
    }
    return lines, states


def test_the_window_is_painted_with_the_register_before_the_database_layer_loads(
    demo_path: Path, tmp_path: Path
) -> None:
    with open_database(demo_path, read_only=True) as db, db.read() as session:
        ids = documents.query_ids(session)
        codes = [r.code for r in documents.fetch_rows(session, ids[:3])]
    lines, states = run_spy(demo_path, tmp_path)
    assert lines[0] == "ready"  # said once the register had been painted, before the file opened
    painted, opened = states["painted"], states["open"]
    assert painted["heavy"] == []
    assert painted["visible"] and painted["first_screen"]
    assert painted["rows"] == len(ids) == 41
    assert painted["codes"] == codes
    assert painted["current"] == ids[0]
    assert painted["title"] == "Kestrel Precision Components Ltd — demo.qmsdb — QMS Desk"
    assert painted["tabs"] == TAB_TITLES
    assert painted["registers"] == 1 and not painted["can_add"]
    # Then the file is opened: the same rows, title, tabs and selection, and every register.
    assert "sqlalchemy" in opened["heavy"]
    assert not opened["first_screen"]
    for key in ("rows", "codes", "current", "title", "tabs"):
        assert opened[key] == painted[key], key
    assert opened["registers"] == len(TAB_TITLES) and opened["can_add"]


def test_the_modules_of_the_first_screen_import_no_database_layer() -> None:
    script = (
        "import sys\n"
        "import qmsdesk.cli, qmsdesk.gui.app, qmsdesk.gui.main_window\n"
        "import qmsdesk.gui.documents_tab, qmsdesk.gui.models.document_table_model\n"
        "import qmsdesk.core.quickstart, qmsdesk.core.vocab\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.fixture
def window(qtbot: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    return window


def test_going_live_changes_nothing_on_screen(
    qtbot: Any, window: MainWindow, demo_path: Path
) -> None:
    assert window.show_first_screen(demo_path)
    window.show()
    qtbot.waitExposed(window)
    tab = window.documents_tab
    model = tab.model
    assert model.showing_first_screen and model.rowCount() == 41
    assert window.windowTitle() == "Kestrel Precision Components Ltd — demo.qmsdb — QMS Desk"
    assert window.counts_label.text().startswith("41 documents · ")
    assert tab.shown_label.text() == "41 shown"
    assert tab.owner_combo.count() > 3
    # Nothing that needs the file open can be done yet.
    for action in (tab.new_action, tab.edit_action, tab.history_action, window.import_action):
        assert not action.isEnabled()
    first_id = tab.current_id()
    assert first_id == model.document_id(0)
    QApplication.processEvents()
    before = [w.grab().toImage() for w in (tab.table, tab.details)]
    counts_text, owners = window.counts_label.text(), tab.owner_combo.count()

    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert window.open_file(demo_path)
    qtbot.waitUntil(lambda: not tab._details_timer.isActive())
    QApplication.processEvents()
    assert not model.showing_first_screen and resets == []
    assert tab.current_id() == first_id and model.rowCount() == 41
    after = [w.grab().toImage() for w in (tab.table, tab.details)]
    assert after == before  # the table and the details pane look exactly as they did
    assert window.counts_label.text() == counts_text and tab.owner_combo.count() == owners
    assert window.windowTitle() == "Kestrel Precision Components Ltd — demo.qmsdb — QMS Desk"
    assert tab.new_action.isEnabled() and tab.history_action.isEnabled()
    assert window.import_action.isEnabled()


def test_the_other_registers_are_built_when_the_file_opens(
    window: MainWindow, demo_path: Path
) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == TAB_TITLES
    assert [type(r).__name__ for r in window.registers] == ["DocumentsTab"]
    window.tabs.setCurrentIndex(2)  # a tab clicked before its register is built
    assert window.current_register() is None
    assert window.open_file(demo_path)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles
    assert len(window.registers) == len(TAB_TITLES)
    for register in window.registers:
        index = window.tabs.indexOf(register)  # type: ignore[arg-type]
        assert window.tabs.tabText(index) == register.tab_title
    assert window.tabs.currentIndex() == 2
    current = window.current_register()
    assert current is not None and current.tab_title == "Audits"
    assert window.counts_label.text() == current.status_text()


def test_a_file_in_use_is_opened_the_normal_way(window: MainWindow, demo_path: Path) -> None:
    held = lock.acquire(demo_path, "Someone Else")
    try:
        assert not window.show_first_screen(demo_path)
    finally:
        held.release()
    assert window.documents_tab.model.rowCount() == 0
    assert window.windowTitle() == "QMS Desk"


@pytest.fixture
def tab(qtbot: Any, settings: Settings) -> DocumentsTab:
    widget = DocumentsTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    return widget


def ids_and_codes(path: Path, sort: str = "code") -> tuple[list[int], list[str]]:
    with open_database(path, read_only=True) as db, db.read() as session:
        ids = documents.query_ids(session, sort=sort)
        return ids, [r.code for r in documents.fetch_rows(session, ids)]


def test_rows_past_the_first_screen_come_with_the_file(tab: DocumentsTab, demo_path: Path) -> None:
    ids, codes = ids_and_codes(demo_path)
    screen = quickstart.read_first_screen(demo_path, rows=10)
    assert screen is not None and tab.show_first_screen(screen)
    model = tab.model
    assert model.rowCount() == 41
    assert model.data(model.index(9, 0)) == codes[9]
    assert model.data(model.index(20, 0)) is None  # not read yet
    assert model.document_id(20) < 0
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with open_database(demo_path) as db:
        tab.set_database(db)
        assert resets == []
        assert [model.data(model.index(r, 0)) for r in range(41)] == codes
        assert model.ids() == ids
        tab.set_database(None)


def test_a_row_chosen_before_the_file_opens_stays_chosen(
    qtbot: Any, tab: DocumentsTab, demo_path: Path
) -> None:
    ids, codes = ids_and_codes(demo_path)
    screen = quickstart.read_first_screen(demo_path, rows=10)
    assert screen is not None and tab.show_first_screen(screen)
    assert tab.current_id() == ids[0]
    assert "Revisions</b> (" in tab.details.revisions_label.text()  # the first one's are known
    assert tab.select_document(ids[5])
    tab.selected_document()  # the details, now
    assert tab.details.heading.text().startswith(codes[5])
    assert tab.details.history_label.text() == "Reading the company file…"
    assert not tab.history_action.isEnabled()
    with open_database(demo_path) as db:
        tab.set_database(db)
        qtbot.waitUntil(lambda: not tab._details_timer.isActive())
        assert tab.current_id() == ids[5]
        with db.read() as session:
            revisions = documents.revisions_of(session, ids[5])
        assert tab.details.revisions_label.text() == f"<b>Revisions</b> ({len(revisions)})"
        assert tab.details.history_label.text() != "Reading the company file…"
        assert tab.history_action.isEnabled()
        tab.set_database(None)


def test_a_sort_chosen_before_the_file_opens_is_applied_then(
    tab: DocumentsTab, demo_path: Path
) -> None:
    screen = quickstart.read_first_screen(demo_path)
    assert screen is not None and tab.show_first_screen(screen)
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by title
    # Nothing to show in that order until the file is open, and no "nothing matches" either.
    assert tab.model.rowCount() == 0 and not tab.model.showing_first_screen
    assert not tab.empty_label.isVisibleTo(tab)
    assert tab.shown_label.text() == ""
    ids, _codes = ids_and_codes(demo_path, sort="title")
    with open_database(demo_path) as db:
        tab.set_database(db)
        assert tab.model.ids() == ids
        assert tab.current_id() == ids[0]
        tab.set_database(None)


def test_a_file_changed_since_its_first_screen_is_read_afresh(
    tab: DocumentsTab, demo_path: Path
) -> None:
    screen = quickstart.read_first_screen(demo_path)
    assert screen is not None and tab.show_first_screen(screen)
    with open_database(demo_path) as db:
        with db.write() as session:
            new_id = documents.create_document(
                session,
                DocumentFields(code="AAA-001", title="Added meanwhile", doc_type=DocType.FORM),
                user="Someone",
            )
            company.set_name(session, "Renamed Ltd")
        tab.set_database(db)
        model = tab.model
        assert model.rowCount() == 42
        assert model.data(model.index(0, 0)) == "AAA-001"
        assert model.document_id(0) == new_id
        assert tab.counts.total == 42
        tab.set_database(None)


def test_the_first_screen_needs_the_view_it_was_read_for(
    tab: DocumentsTab, demo_path: Path
) -> None:
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    by_code = quickstart.read_first_screen(demo_path)
    assert by_code is not None
    assert not tab.show_first_screen(by_code)
    by_title = quickstart.read_first_screen(demo_path, sort="title")
    assert by_title is not None and tab.show_first_screen(by_title)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "company.qmsdb"],
        ["--db=x.qmsdb", "--quit-after", "5"],
        ["--quit-after", "0", "--db", "a b.qmsdb"],
        ["--quit-after=7"],
    ],
)
def test_the_gui_options_are_read_as_the_full_parser_reads_them(argv: list[str]) -> None:
    quick = cli._gui_arguments(argv)
    assert quick is not None
    assert vars(quick) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["--quit-after", "soon"],
        ["--db"],
        ["--colour"],
        ["demo", "x.qmsdb"],
        ["export", "out.xlsx", "--db", "x.qmsdb"],
        ["--qu", "3"],  # argparse's abbreviations are its own business
        ["--db", "a.qmsdb", "--db", "b.qmsdb"],
        ["--db", "-x"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert cli._gui_arguments(argv) is None


def test_starting_the_gui_needs_no_argparse() -> None:
    script = (
        "import sys\n"
        "from qmsdesk import cli\n"
        "assert cli._gui_arguments(['--db', 'x.qmsdb']) is not None\n"
        "print('argparse' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_model_keeps_qts_rules_on_its_first_screen(
    qtmodeltester: Any, tab: DocumentsTab, demo_path: Path
) -> None:
    screen = quickstart.read_first_screen(demo_path, rows=10)
    assert screen is not None and tab.show_first_screen(screen)
    qtmodeltester.check(tab.model)  # watches the model from here on
    with open_database(demo_path) as db:
        tab.set_database(db)
        qtmodeltester.check(tab.model)
        tab.set_database(None)
    # A sort asked for before the file opens, then the file.
    assert tab.show_first_screen(screen)
    tab.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    with open_database(demo_path) as db:
        tab.set_database(db)
        assert tab.model.rowCount() == 41 and tab.model.sort_key == "title"
        tab.set_database(None)


def test_a_file_taken_by_someone_else_after_its_first_screen_opens_read_only(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screen was read while the file was free; by the time it is opened someone else
    has it: the usual question, then read-only, from the first screen on."""
    from qmsdesk.gui import app

    assert window.show_first_screen(demo_path)
    held = lock.acquire(demo_path, "Someone Else")
    asked: list[str] = []
    monkeypatch.setattr(
        "qmsdesk.gui.company_file.ask_read_only",
        lambda _parent, message: asked.append(message) or True,
    )
    try:
        assert app.open_at_start(window, demo_path)
    finally:
        held.release()
    assert asked and "Someone Else" in asked[0]
    assert window.read_only and window.db is not None
    model = window.documents_tab.model
    assert not model.showing_first_screen and model.rowCount() == 41
    assert not window.documents_tab.new_action.isEnabled()
    assert "(READ-ONLY)" in window.windowTitle()
    assert len(window.registers) == len(TAB_TITLES)


def test_the_start_builds_the_other_registers_one_at_a_time(
    window: MainWindow, demo_path: Path
) -> None:
    window.build_on_open = False  # as the start-up opens the file
    assert window.open_file(demo_path)
    assert len(window.registers) == 1
    built = []
    while window.build_next_register():
        built.append(window.registers[-1].tab_title)
    assert built == TAB_TITLES[1:]  # in the order registered
    assert not window.build_next_register()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TAB_TITLES
    for register in window.registers:
        assert register.db is window.db  # type: ignore[attr-defined]  # given the open file
