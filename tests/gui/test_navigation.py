"""The register list down the window's side: grouped as the standard is, pages by index."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.navigation import CHECK, HOME, PLAN, SUPPORT, RegisterNav
from tests.gui import main_window, settings

__all__ = ["main_window", "settings"]  # fixtures


def lines(nav: RegisterNav) -> list[str]:
    return [nav.list.item(r).text().strip() for r in range(nav.list.count())]


def test_pages_are_listed_under_their_headings_in_the_standards_order(qtbot: QtBot) -> None:
    nav = RegisterNav()
    qtbot.addWidget(nav)
    pages = [QLabel(t) for t in "abcd"]
    assert nav.addTab(pages[0], "Audits", CHECK) == 0
    assert nav.addTab(pages[1], "Documents", SUPPORT) == 1
    assert nav.addTab(pages[2], "Home", HOME) == 2
    assert nav.addTab(pages[3], "Risks", PLAN) == 3
    assert lines(nav) == [
        "Home",
        "PLAN · CLAUSES 4–6",
        "Risks",
        "SUPPORT · CLAUSE 7",
        "Documents",
        "CHECK · CLAUSE 9",
        "Audits",
    ]
    # Headings cannot be chosen; pages keep the index they were added with.
    assert nav.list.item(1).flags() == Qt.ItemFlag.NoItemFlags
    assert nav.shown_order() == [2, 3, 1, 0]
    assert nav.currentIndex() == 0 and nav.currentWidget() is pages[0]
    assert [nav.tabText(i) for i in range(nav.count())] == ["Audits", "Documents", "Home", "Risks"]


def test_choosing_a_line_shows_its_page_and_says_so(qtbot: QtBot) -> None:
    nav = RegisterNav()
    qtbot.addWidget(nav)
    first, second = QWidget(), QWidget()
    nav.addTab(first, "Documents", SUPPORT)
    nav.addTab(second, "Training", SUPPORT)
    with qtbot.waitSignal(nav.currentChanged) as signal:
        nav.list.setCurrentRow(2)  # heading, Documents, Training
    assert signal.args == [1]
    assert nav.currentWidget() is second and nav.stack.currentWidget() is second
    nav.step(1)  # wraps round
    assert nav.currentWidget() is first
    nav.step(-1)
    assert nav.currentWidget() is second


def test_a_placeholder_is_replaced_in_its_place(qtbot: QtBot) -> None:
    nav = RegisterNav()
    qtbot.addWidget(nav)
    shown, placeholder, real = QWidget(), QLabel("Reading…"), QWidget()
    nav.addTab(shown, "Documents", SUPPORT)
    nav.addTab(placeholder, "Audits", CHECK)
    nav.replaceTab(1, real, "Audits")
    assert nav.indexOf(real) == 1 and nav.indexOf(placeholder) == -1
    assert nav.tabGroup(1) == CHECK and nav.currentWidget() is shown
    assert lines(nav)[-1] == "Audits"


def test_the_window_lists_its_registers_and_steps_through_them(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    nav = main_window.tabs
    titles = [nav.tabText(i) for i in nav.shown_order()]
    # Plan (clauses 4 to 6) comes first, then Support (clause 7).
    assert titles[:5] == ["Context", "Risks", "Objectives", "Documents", "Training"]
    assert titles.index("Audits") < titles.index("Actions")
    main_window.tabs.setCurrentIndex(0)
    main_window.next_register_action.trigger()
    assert nav.tabText(nav.currentIndex()) == "Training"
    assert main_window.next_register_action.shortcut().toString() == "Ctrl+PgDown"


def test_every_register_fits_a_laptop_screen_beside_the_list(main_window: MainWindow) -> None:
    """1366 x 768 is the commonest laptop screen: no register may make the window wider."""
    main_window.build_registers()
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        hint = main_window.minimumSizeHint()
        assert hint.width() <= 1366 - 16, (main_window.tabs.tabText(index), hint.width())
        assert hint.height() <= 768 - 60, (main_window.tabs.tabText(index), hint.height())


def test_the_document_filters_wrap_rather_than_widen_the_window(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    filters = main_window.documents_tab.filters
    assert filters.minimumSizeHint().width() < 500
    narrow = filters.layout().heightForWidth(600)
    wide = filters.layout().heightForWidth(2000)
    assert narrow > wide > 0  # two lines when narrow, one when wide
