from __future__ import annotations

import datetime as dt

import pytest

from qmsdesk.core.dates import add_months, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("01/03/2026", dt.date(2026, 3, 1)),
        ("1.3.2026", dt.date(2026, 3, 1)),
        ("01-03-2026", dt.date(2026, 3, 1)),
        ("1 Mar 2026", dt.date(2026, 3, 1)),
        ("1 March 2026", dt.date(2026, 3, 1)),
        ("March 1, 2026", dt.date(2026, 3, 1)),
        ("2026/03/01", dt.date(2026, 3, 1)),
        ("2026-03-01 00:00:00", dt.date(2026, 3, 1)),
        (46082, dt.date(2026, 3, 1)),
        (46082.0, dt.date(2026, 3, 1)),
        ("46082", dt.date(2026, 3, 1)),
        (dt.datetime(2026, 3, 1, 14, 5), dt.date(2026, 3, 1)),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
        (None, None),
        ("  ", None),
    ],
)
def test_parse_date_accepts_common_forms(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["soon", "31/02/2026", "2026-13-01", "12", 46082.5, True, "1/2"])
def test_parse_date_rejects_nonsense_with_a_message(value: object) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(value)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),
        (dt.date(2026, 3, 1), 24, dt.date(2028, 3, 1)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
    ],
)
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected
