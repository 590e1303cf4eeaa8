"""Small helpers the dialogs share: dates shown in the company's format, problem lists, a path
elided in the middle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from qmsdesk.core.dates import date_style, format_day

# The dates a user can pick (the same span the importer accepts).
DATE_MIN = dt.date(1950, 1, 1)
DATE_MAX = dt.date(2099, 12, 31)
NO_DATE_TEXT = "No date"


def date_format() -> str:
    """The display format of a date field: the company's date format (Preferences)."""
    return date_style().qt


def format_date(day: dt.date | None) -> str:
    """A date as the company shows dates (qmsdesk.core.dates.format_day)."""
    return format_day(day)


def format_datetime(moment: dt.datetime) -> str:
    time_fmt = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
    date_text = format_date(moment.date())
    time = QTime(moment.hour, moment.minute, moment.second, moment.microsecond // 1000)
    return f"{date_text} {QLocale().toString(time, time_fmt)}"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def setup_date_edit(edit: QDateEdit) -> None:
    edit.setDisplayFormat(date_format())
    edit.setDateRange(to_qdate(DATE_MIN), to_qdate(DATE_MAX))
    edit.setCalendarPopup(True)


class OptionalDate:
    """A check box and a date edit that together hold a date or no date.

    Unticked, the edit shows "No date" (its minimum, with a special text); ticking it offers the
    last date shown, or today.
    """

    def __init__(self, check: QCheckBox, edit: QDateEdit) -> None:
        self.check = check
        self.edit = edit
        self._remembered: dt.date | None = None
        setup_date_edit(edit)
        # One day before the range stands for "no date", so every real date stays selectable.
        edit.setMinimumDate(to_qdate(DATE_MIN).addDays(-1))
        edit.setSpecialValueText(NO_DATE_TEXT)
        check.toggled.connect(self._toggled)

    def value(self) -> dt.date | None:
        if not self.check.isChecked() or self.edit.date() == self.edit.minimumDate():
            return None
        return from_qdate(self.edit.date())

    def set_value(self, day: dt.date | None) -> None:
        if day is None:
            self.check.setChecked(False)
            self.edit.setDate(self.edit.minimumDate())
        else:
            self._remembered = day
            self.check.setChecked(True)
            self.edit.setDate(to_qdate(day))
        self.edit.setEnabled(self.check.isChecked() and self.check.isEnabled())

    def set_locked(self, locked: bool) -> None:
        self.check.setEnabled(not locked)
        self.edit.setEnabled(not locked and self.check.isChecked())

    def _toggled(self, checked: bool) -> None:
        if checked:
            if self.edit.date() == self.edit.minimumDate():
                self.edit.setDate(to_qdate(self._remembered or dt.date.today()))
        else:
            if self.edit.date() != self.edit.minimumDate():
                self._remembered = from_qdate(self.edit.date())
            self.edit.setDate(self.edit.minimumDate())
        self.edit.setEnabled(checked and self.check.isEnabled())


def show_problems(label: QLabel, problems: Iterable[str]) -> None:
    """List problems in a dialog's red problem label (hidden when there are none)."""
    lines = [p for p in problems if p]
    label.setTextFormat(Qt.TextFormat.PlainText)
    if not lines:
        label.clear()
        label.hide()
        return
    if len(lines) == 1:
        label.setText(f"Please correct this: {lines[0]}")
    else:
        label.setText("Please correct these:\n" + "\n".join(f"• {line}" for line in lines))
    label.show()


def ok_button(box: QDialogButtonBox) -> QPushButton:
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def fit_height(dialog: QDialog) -> None:
    """Shrink a dialog to the height its contents need at its current width (no empty band)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(dialog.width())
    else:
        height = layout.totalSizeHint().height()
    dialog.resize(dialog.width(), max(height, dialog.minimumSizeHint().height()))


class ElidedLabel(QLabel):
    """One line of text (a path) shortened in the middle when it does not fit ("/home/…/x.db"),
    never wrapped mid-path; the whole text in its tooltip and in :meth:`full_text`."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width() - 2 * self.margin(), 40)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width))
