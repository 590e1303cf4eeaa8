"""Dates: month arithmetic for review intervals, and strict parsing of dates typed or imported."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Excel's day zero for the 1900 date system (serial 60 is the phantom 29 Feb 1900, so start one day
# earlier and serials from 61 on come out right; earlier serials are not plausible document dates).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 18264, 73050  # 1950-01-01 .. 2099-12-31

_TEXT_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d/%m/%y",
    "%d.%m.%y",
)

DATE_HELP = (
    "Write dates as 2026-03-01, 01/03/2026 (day first), 1.3.2026, 1 Mar 2026, or use a date cell."
)


def utcnow() -> dt.datetime:
    """Naive UTC timestamp, as stored in the database."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    return dt.date.today()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if day.day <= 28:  # every month has it: the common case, and cheap
        return dt.date(year, month, day.day)
    # The month's last day is the day before the first of the next (no calendar module: the GUI's
    # first paint imports this module).
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def parse_date(value: object) -> dt.date | None:
    """Turn a cell value or typed text into a date; None for empty; ValueError with a clear message.

    Accepts date and datetime objects, Excel serial numbers (1950 to 2099), ISO dates, and day-first
    dates with slashes, dots or dashes, or with a month name.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a date. {DATE_HELP}")
    if isinstance(value, int | float):
        return _from_serial(value)
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.0+)?", text):
        return _from_serial(float(text))
    cleaned = re.sub(r"[,\s]+", " ", text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?", cleaned):
        cleaned = cleaned[:10]
    for fmt in _TEXT_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date. {DATE_HELP}")


def _from_serial(number: float) -> dt.date:
    # Not finite (inf, 1e400, NaN): int() would raise OverflowError or Python's own words.
    if (
        not math.isfinite(number)
        or number != int(number)
        or not _SERIAL_MIN <= number <= _SERIAL_MAX
    ):
        raise ValueError(
            f"'{number:g}' is not a date (as an Excel date number it must be a whole number "
            f"between {_SERIAL_MIN} and {_SERIAL_MAX}). {DATE_HELP}"
        )
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def format_date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


# --- how dates are shown ---------------------------------------------------------------------
# One company-wide setting (qmsdesk.core.company.date_style) picks the style; the window, the PDFs
# and the workbooks' date cells all follow it. Machine-readable dates (file names, CSV, the
# history) stay ISO and do not go through here.

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class DateStyle:
    key: str  # as stored in the company file
    label: str  # as Preferences lists it
    excel: str  # the number format of a workbook's date cells
    qt: str  # the display format of a date field in the window


DATE_STYLES: tuple[DateStyle, ...] = (
    DateStyle("d-mon-yyyy", "22 Dec 2026", "d mmm yyyy", "d MMM yyyy"),
    DateStyle("iso", "2026-12-22", "yyyy-mm-dd", "yyyy-MM-dd"),
    DateStyle("dd/mm/yyyy", "22/12/2026 (day first)", "dd/mm/yyyy", "dd/MM/yyyy"),
    DateStyle("mm/dd/yyyy", "12/22/2026 (month first)", "mm/dd/yyyy", "MM/dd/yyyy"),
)
DEFAULT_STYLE = DATE_STYLES[0].key
_BY_KEY = {s.key: s for s in DATE_STYLES}
_current = DEFAULT_STYLE


def date_style(key: str | None = None) -> DateStyle:
    """The style `key` names (the one in use when None; the default for an unknown key)."""
    return _BY_KEY.get(key or _current) or _BY_KEY[DEFAULT_STYLE]


def current_style() -> str:
    return _current


def use_style(key: str) -> None:
    """Show dates in style `key` from now on (the window calls it when a file opens and when
    Preferences change it; a report through :func:`styled`)."""
    global _current
    _current = date_style(key).key


@contextlib.contextmanager
def styled(key: str) -> Iterator[None]:
    """Dates in style `key` for the length of the block (one report or export)."""
    before = _current
    use_style(key)
    try:
        yield
    finally:
        use_style(before)


def format_day(day: dt.date | None, style: str | None = None) -> str:
    """`day` as the company shows dates ("" for None): 22 Dec 2026, 2026-12-22, 22/12/2026 or
    12/22/2026. Month names are English whatever the machine's language, as in the reports."""
    if day is None:
        return ""
    key = date_style(style).key
    if key == "iso":
        return day.isoformat()
    if key == "dd/mm/yyyy":
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    if key == "mm/dd/yyyy":
        return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year:04d}"


def format_moment(moment: dt.datetime, style: str | None = None) -> str:
    """A date and time to the minute, the date as :func:`format_day` shows it."""
    return f"{format_day(moment.date(), style)} {moment:%H:%M}"
