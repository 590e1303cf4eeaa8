"""The training matrix in Excel: the coloured grid and its legend, and sheets that import back.

A workbook holds, in order: "Training matrix" (people down, items across, each cell coloured and
carrying a short code, with compliance per person and per item), "Legend", then the sheets that
import back: "People", "Job roles", "Training items", "Requirements", "Training records", and the
"Read me". The grid and the legend are for reading; an import passes over them.

Rules come from the core (:mod:`qmsdesk.core.people`, :mod:`qmsdesk.core.training`); this package
maps columns to fields and problems back to the sheet, row and column the user wrote. Its parts,
in the one order they import each other: ``specs`` (the sheets' columns), ``matrix`` (the grid and
legend), ``export`` (the workbook), ``due`` (the due list), ``shared`` (what the importers share),
then one module per importer: ``people_roles``, ``items``, ``requirements``, ``records``.
"""

from __future__ import annotations

from qmsdesk.core.exchange.training_xlsx.due import DUE, export_due
from qmsdesk.core.exchange.training_xlsx.export import export_people, export_training
from qmsdesk.core.exchange.training_xlsx.items import ItemsImporter
from qmsdesk.core.exchange.training_xlsx.matrix import (
    LEGEND_SHEET,
    MATRIX_SHEET,
    LegendSheet,
    MatrixSheet,
)
from qmsdesk.core.exchange.training_xlsx.people_roles import JobRolesImporter, PeopleImporter
from qmsdesk.core.exchange.training_xlsx.records import RecordsImporter
from qmsdesk.core.exchange.training_xlsx.requirements import RequirementsImporter
from qmsdesk.core.exchange.training_xlsx.shared import SHEET_ITEMS, SHEET_PEOPLE, SHEET_ROLES
from qmsdesk.core.exchange.training_xlsx.specs import (
    DATA_SPECS,
    ITEMS,
    JOB_ROLES,
    PEOPLE,
    RECORDS,
    REQUIREMENTS,
)

#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [
    JobRolesImporter(),
    PeopleImporter(),
    ItemsImporter(),
    RequirementsImporter(),
    RecordsImporter(),
]

__all__ = [
    "DATA_SPECS",
    "DUE",
    "ITEMS",
    "JOB_ROLES",
    "LEGEND_SHEET",
    "MATRIX_SHEET",
    "PEOPLE",
    "RECORDS",
    "REQUIREMENTS",
    "SHEET_IMPORTERS",
    "SHEET_ITEMS",
    "SHEET_PEOPLE",
    "SHEET_ROLES",
    "ItemsImporter",
    "JobRolesImporter",
    "LegendSheet",
    "MatrixSheet",
    "PeopleImporter",
    "RecordsImporter",
    "RequirementsImporter",
    "export_due",
    "export_people",
    "export_training",
]
