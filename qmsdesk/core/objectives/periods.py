"""The periods objectives are measured over: a month, a quarter, a half-year or a year, each
known by its first day, written as people write them ("2026-03", "2026 Q1", "2026 H2", "2026")."""

from __future__ import annotations

import datetime as dt
import re

from qmsdesk.core.dates import add_months, parse_date
from qmsdesk.core.db.models_objectives import Frequency
from qmsdesk.core.text import clean

MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}
#: A period's value is due this many days after the period ends.
GRACE_DAYS = 30
_MONTH_NAMES = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def period_start(day: dt.date, frequency: Frequency) -> dt.date:
    """The first day of the period `day` falls in."""
    step = MONTHS[frequency]
    month = (day.month - 1) // step * step + 1
    return dt.date(day.year, month, 1)


def next_period(start: dt.date, frequency: Frequency) -> dt.date:
    return add_months(start, MONTHS[frequency])


def period_end(start: dt.date, frequency: Frequency) -> dt.date:
    return next_period(start, frequency) - dt.timedelta(days=1)


def period_label(start: dt.date, frequency: Frequency) -> str:
    if frequency == Frequency.MONTHLY:
        return f"{start.year}-{start.month:02d}"
    if frequency == Frequency.QUARTERLY:
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    if frequency == Frequency.HALF_YEARLY:
        return f"{start.year} H{(start.month - 1) // 6 + 1}"
    return str(start.year)


def parse_period(value: object, frequency: Frequency) -> dt.date:
    """A period as typed or as a cell gives it, as its first day; ValueError saying how to write
    one. A date anywhere in a period names that period."""
    if isinstance(value, dt.date):
        return period_start(
            value if not isinstance(value, dt.datetime) else value.date(), frequency
        )
    text = clean(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text:
        raise ValueError("A period is required (such as 2026-03, 2026 Q1 or 2026).")
    folded = re.sub(r"\s+", " ", text.lower()).strip()
    found = re.fullmatch(r"(\d{4})[-/ ]?(\d{1,2})", folded)
    if found and 1 <= int(found[2]) <= 12:
        return period_start(dt.date(int(found[1]), int(found[2]), 1), frequency)
    found = re.fullmatch(r"(\d{4}) ?-? ?([qh])([1-4])|([qh])([1-4]) ?-? ?(\d{4})", folded)
    if found:
        year = int(found[1] or found[6])
        letter, number = (found[2] or found[4]), int(found[3] or found[5])
        if letter == "q":
            return period_start(dt.date(year, 3 * number - 2, 1), frequency)
        if number <= 2:
            return period_start(dt.date(year, 6 * number - 5, 1), frequency)
    found = re.fullmatch(r"([a-z]{3})[a-z]* ?-? ?(\d{4})", folded)
    if found and found[1] in _MONTH_NAMES:
        return period_start(dt.date(int(found[2]), _MONTH_NAMES[found[1]], 1), frequency)
    if re.fullmatch(r"\d{4}", folded) and 1900 < int(folded) < 2200:
        if frequency != Frequency.YEARLY:
            raise ValueError(
                f"'{text}' is a whole year; this objective is measured "
                f"{frequency.value.replace('_', '-')}: write the period, such as "
                f"{period_label(period_start(dt.date(int(folded), 1, 1), frequency), frequency)}."
            )
        return dt.date(int(folded), 1, 1)
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is not None:
        return period_start(day, frequency)
    raise ValueError(
        f"'{text}' is not a period. Write a month (2026-03 or Mar 2026), a quarter (2026 Q1), "
        "a half-year (2026 H2) or a year (2026)."
    )
