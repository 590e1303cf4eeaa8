"""The training matrix as a new user reads it: item titles in the headings, the department bands
labelled, the people list and the records on the person of the selected cell (issue 16, point 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter

from qmsdesk.gui.models.training_matrix_model import (
    FIRST_ITEM_COLUMN,
    TITLE_CHARS,
    TITLE_LINES,
    heading_title,
)
from qmsdesk.gui.training.bands import band_starts_at, department
from qmsdesk.gui.training_tab import TrainingTab
from tests.gui import settings
from tests.gui.test_training_tab import tab

__all__ = ["settings", "tab"]  # fixtures


def test_a_long_title_is_wrapped_in_short_lines_and_elided() -> None:
    assert heading_title("First aid at work") == "First aid\nat work"
    title = "Preparing for the certification audit and what follows it"
    lines = heading_title(title).split("\n")
    assert len(lines) == TITLE_LINES and lines[-1].endswith("…")
    # Broken at spaces only: a word longer than a line keeps a line of its own, whole.
    assert lines[:2] == ["Preparing", "for the"]
    assert lines[2] == "certification…"
    assert all(len(line) <= TITLE_CHARS or " " not in line for line in lines)
    assert heading_title("Writing procedures and work instructions").split("\n")[2] == "and work…"


def test_item_headings_give_the_code_the_title_and_the_compliance(tab: TrainingTab) -> None:
    model = tab.matrix_model
    assert tab.shown is not None
    item = tab.shown.items[0]
    heading = model.headerData(FIRST_ITEM_COLUMN, Qt.Orientation.Horizontal).split("\n")
    assert heading[0] == item.code
    assert " ".join(heading[1:-1]).replace("…", "") in item.title
    assert heading[1] == item.title.split()[0] or item.title.startswith(heading[1])
    assert heading[-1].endswith("%") or heading[-1] == "-"
    # The heading is tall enough for every line, the columns wide enough for a line of title.
    header = tab.matrix_view.horizontalHeader()
    metrics = tab.matrix_view.fontMetrics()
    assert header.minimumHeight() >= metrics.height() * (TITLE_LINES + 2)
    widest = max(
        metrics.horizontalAdvance(line)
        for c in range(FIRST_ITEM_COLUMN, model.columnCount())
        for line in model.headerData(c, Qt.Orientation.Horizontal).split("\n")[1:-1]
    )
    assert header.defaultSectionSize() >= widest


def test_the_department_bands_are_labelled(tab: TrainingTab) -> None:
    model = tab.matrix_model
    assert tab.shown is not None
    departments = [p.department for p in tab.shown.people]
    starts = [r for r in range(model.rowCount()) if band_starts_at(model, r)]
    # One band a department, in the order the rows list them.
    assert [departments[r] for r in starts] == list(dict.fromkeys(departments))
    assert len(starts) == len(set(departments)) > 3
    assert department(model, starts[1]) == departments[starts[1]]
    bands = tab.matrix_bands
    bold = bands.font()
    bold.setBold(True)
    assert bands.band_width > 0
    assert bands.sizeHint().width() >= bands.band_width + bands.fontMetrics().horizontalAdvance(
        "Tomás Ó Briain"
    )
    # It paints (the band's label and its line) without complaint.
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    bands.paintSection(painter, image.rect().adjusted(0, 0, 0, -380), starts[1])
    painter.end()


def test_the_people_list_follows_the_selected_cell(tab: TrainingTab) -> None:
    model = tab.matrix_model
    assert tab.shown is not None
    last = model.rowCount() - 1
    person = tab.shown.people[last]
    # A cell chosen without the matrix having the focus (the keyboard, a search) still moves it.
    tab.matrix_view.setCurrentIndex(model.index(last, FIRST_ITEM_COLUMN + 2))
    assert tab._list_person_id() == person.id
    assert tab.records_title.text() == f"Training records of {person.name}"
    # The compliance column too.
    first = tab.shown.people[0]
    tab.matrix_view.setCurrentIndex(model.index(0, 0))
    assert tab._list_person_id() == first.id
    # And the other way round: the matrix follows the list, keeping the column.
    tab.matrix_view.setCurrentIndex(model.index(0, FIRST_ITEM_COLUMN + 1))
    assert tab.select_person(person.id)
    current = tab.matrix_view.currentIndex()
    assert (current.row(), current.column()) == (last, FIRST_ITEM_COLUMN + 1)
    assert tab.records_title.text() == f"Training records of {person.name}"
