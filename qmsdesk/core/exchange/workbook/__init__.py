"""Excel workbooks for every register: styled sheets written fast, read back checked, imported.

A register describes its sheets with :class:`SheetSpec` (columns, headers, drop-down lists) and
gives a :class:`SheetImporter` for each sheet it can read. This module does the rest, the same way
for every register:

* **Writing.** openpyxl builds the workbook's frame (styles, header row, frozen panes, autofilter,
  column widths, drop-down lists, print set-up, the read-me sheet); the data rows are then written
  straight into each sheet's XML. openpyxl's own writer costs about 20 µs a cell, which makes a
  10,000-document register take ten seconds; the direct rows cost about 1 µs a cell. Every text goes
  out as an inline string, which Excel never treats as a formula, whatever its first character.
* **Reading.** python-calamine (Rust) reads cell values about twenty times faster than openpyxl's
  read-only mode. It does not say which cells hold formulas or errors, so the sheet's XML is scanned
  for them (a plain byte search; the cells are located only when there is something to find).
  The declared size of a sheet is checked before it is read.
* **Planning.** :func:`plan_import` recognises sheets by name, lets each register's importer check
  its rows through the core's own rules and returns an :class:`ImportPlan` that writes nothing
  until :meth:`ImportPlan.apply` does it all in one transaction.
"""

from __future__ import annotations

from qmsdesk.core.exchange.workbook.plan import (
    Action,
    Apply,
    FieldChange,
    ImportPlan,
    PlanContext,
    PlanItem,
    SheetImporter,
    SheetPlan,
    plan_import,
    sheet_importers,
)
from qmsdesk.core.exchange.workbook.read import (
    MatchedColumn,
    SheetTable,
    TableRow,
    WorkbookReader,
    sheet_parts,
)
from qmsdesk.core.exchange.workbook.spec import (
    DATE_FORMAT,
    INFO_SHEETS,
    MAX_COLUMNS,
    MAX_ROWS,
    SHEET_MODULES,
    Column,
    ColumnKind,
    CustomSheet,
    Progress,
    Readme,
    SheetData,
    SheetSpec,
    gc_paused,
)
from qmsdesk.core.exchange.workbook.write import (
    EXCEL_CELL_LIMIT,
    column_letter,
    escape_text,
    too_long_for_excel,
    write_workbook,
)

__all__ = [
    "DATE_FORMAT",
    "EXCEL_CELL_LIMIT",
    "INFO_SHEETS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "SHEET_MODULES",
    "Action",
    "Apply",
    "Column",
    "ColumnKind",
    "CustomSheet",
    "FieldChange",
    "ImportPlan",
    "MatchedColumn",
    "PlanContext",
    "PlanItem",
    "Progress",
    "Readme",
    "SheetData",
    "SheetImporter",
    "SheetPlan",
    "SheetSpec",
    "SheetTable",
    "TableRow",
    "WorkbookReader",
    "column_letter",
    "escape_text",
    "gc_paused",
    "plan_import",
    "sheet_importers",
    "sheet_parts",
    "too_long_for_excel",
    "write_workbook",
]
