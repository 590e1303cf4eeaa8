"""Importing any sheet into any register through a column mapping.

A sheet of any spreadsheet (.xlsx, .xlsm, .ods, .csv; :mod:`.source`) is read as written; its
header row is found below any title rows (:mod:`.suggest`); a :class:`Mapping` (:mod:`.model`)
says which column gives which field of the register, which written values stand for the
register's own, and how the fields the sheet leaves out are filled. :mod:`.apply` turns the sheet
into the register's own sheet shape (its ``SheetSpec`` columns) and hands the rows to the
register's importer (:mod:`.plan`): every register of ``SHEET_MODULES`` gets the mapped import by
declaring its sheet. The training grid (people down, courses across) has its own reader
(:mod:`.grid`), which feeds the training register's importers. Mappings are remembered per
shape of sheet in the user's data folder (:mod:`.store`).
"""

from __future__ import annotations

from qmsdesk.core.exchange.mapping.apply import Mapped, check_mapping, mapped_table
from qmsdesk.core.exchange.mapping.model import Mapping, shape_key, value_key
from qmsdesk.core.exchange.mapping.plan import pick_sheet, plan_mapped, run_tables
from qmsdesk.core.exchange.mapping.source import SUFFIXES, RawSheet, Source
from qmsdesk.core.exchange.mapping.store import recall, remember
from qmsdesk.core.exchange.mapping.suggest import (
    find_header,
    headers_of,
    suggest,
    suggested_mapping,
    unknown_values,
)
from qmsdesk.core.exchange.mapping.targets import (
    GRID,
    NEXT_REVIEW_KEPT,
    OBSOLETE_BEFORE,
    OBSOLETE_REASON,
    Target,
    register_word,
    target,
    targets,
    type_from_code,
)

__all__ = [
    "GRID",
    "NEXT_REVIEW_KEPT",
    "OBSOLETE_BEFORE",
    "OBSOLETE_REASON",
    "SUFFIXES",
    "Mapped",
    "Mapping",
    "RawSheet",
    "Source",
    "Target",
    "check_mapping",
    "find_header",
    "headers_of",
    "mapped_table",
    "pick_sheet",
    "plan_mapped",
    "recall",
    "register_word",
    "remember",
    "run_tables",
    "shape_key",
    "suggest",
    "suggested_mapping",
    "target",
    "targets",
    "type_from_code",
    "unknown_values",
    "value_key",
]
