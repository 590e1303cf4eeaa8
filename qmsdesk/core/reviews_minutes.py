"""The minutes of a review as plain data, now in :mod:`qmsdesk.core.reviews.minutes_data`.

Kept so that callers find its names where they always were.
"""

from __future__ import annotations

from qmsdesk.core.reviews.minutes_data import (
    FORMAT,
    INPUT,
    OUTPUT,
    AgendaItem,
    Minutes,
    MinutesAction,
    MinutesDecision,
    MinutesInput,
    agenda,
    agenda_item,
    inputs,
    outputs,
)

__all__ = [
    "FORMAT",
    "INPUT",
    "OUTPUT",
    "AgendaItem",
    "Minutes",
    "MinutesAction",
    "MinutesDecision",
    "MinutesInput",
    "agenda",
    "agenda_item",
    "inputs",
    "outputs",
]
