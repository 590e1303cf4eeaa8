"""The registers a sheet can be imported into, and what the mapping knows about each.

Every importer of :data:`~qmsdesk.core.exchange.workbook.spec.SHEET_MODULES` is a target: its word
is its sheet's name as a word ("Documents" -> ``documents``, "Training records" ->
``training-records``), or the ``words`` the importer declares. A register needs nothing more for
the mapped import; :data:`PROFILES` adds, for the registers whose legacy sheets are common, more
header words, values other firms write (``Current`` for an effective document) and rules for a
field a sheet leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qmsdesk.core.errors import QmsError
from qmsdesk.core.text import normalise_header

if TYPE_CHECKING:
    from qmsdesk.core.exchange.workbook.plan import SheetImporter
    from qmsdesk.core.exchange.workbook.spec import Column, SheetSpec

GRID = "training-grid"

#: A rule fills a field the sheet leaves empty from the row's other (mapped) cells, keyed by field.
Rule = Callable[[dict[str, object]], object]


@dataclass(frozen=True)
class RuleSpec:
    name: str  # as the mapping file names it
    label: str  # as the wizard offers it
    fill: Rule


@dataclass(frozen=True)
class Legacy:
    """A rule for records kept before QMS Desk, switched on or off as a whole."""

    name: str
    label: str


@dataclass(frozen=True)
class Profile:
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> more headers
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {word: value}
    rules: dict[str, tuple[RuleSpec, ...]] = field(default_factory=dict)
    legacy: tuple[Legacy, ...] = ()
    #: Computed columns a legacy rule reads (the next review date given instead of an interval).
    legacy_columns: dict[str, str] = field(default_factory=dict)  # field -> legacy rule


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- documents -------------------------------------------------------------------------------

#: A document code's prefix -> its type (longest prefixes first).
TYPE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("FRM", "Form"),
    ("POL", "Policy"),
    ("REC", "Record"),
    ("EXT", "External document"),
    ("QM", "Manual"),
    ("QP", "Procedure"),
    ("SOP", "Procedure"),
    ("WI", "Work instruction"),
    ("QF", "Form"),
    ("QR", "Record"),
    ("F", "Form"),
    ("R", "Record"),
    ("P", "Procedure"),
)
_PREFIX = re.compile(r"\s*([A-Za-z]+)[\s\-_./]*\d")


_TYPE_OF_PREFIX = dict(TYPE_PREFIXES)


def type_from_code(code: object) -> str:
    """The document type a code's prefix gives (QM- manual, QP- procedure, WI- work instruction,
    F- or FRM- form...), or "" when the prefix says nothing."""
    found = _PREFIX.match(code if isinstance(code, str) else str(code or ""))
    return _TYPE_OF_PREFIX.get(found.group(1).upper(), "") if found else ""


def _type_rule(cells: dict[str, object]) -> object:
    return type_from_code(cells.get("code"))


OBSOLETE_BEFORE = "obsolete-before"
NEXT_REVIEW_KEPT = "next-review-kept"
OBSOLETE_REASON = "Obsolete before QMS Desk"

DOCUMENTS = Profile(
    aliases={
        "code": ("Doc No", "Doc No.", "Doc ref", "Document ref", "Reference", "Ref", "Number"),
        "title": ("Title", "Name", "Description"),
        "doc_type": ("Type", "Category", "Kind"),
        "owner": ("Owner", "Author", "Responsible", "Approved by"),
        "revision": ("Revision", "Issue", "Rev no", "Version", "Issue no"),
        "effective_date": (
            "Issue date",
            "Date issued",
            "Issued",
            "Approved",
            "Approval date",
            "Date",
            "Revision date",
            "Release date",
        ),
        "review_months": ("Review frequency", "Review cycle", "Review (months)"),
        "last_reviewed": ("Reviewed", "Date reviewed", "Last reviewed on"),
        "next_review": ("Next review date", "Review due", "Next review due", "Review date"),
        "status": ("Status", "State"),
    },
    values={
        "status": {
            "current": "Approved / effective",
            "live": "Approved / effective",
            "issued": "Approved / effective",
            "approved": "Approved / effective",
            "active": "Approved / effective",
            "effective": "Approved / effective",
            "in use": "Approved / effective",
            "released": "Approved / effective",
            "superseded": "Obsolete",
            "withdrawn": "Obsolete",
            "archived": "Obsolete",
            "retired": "Obsolete",
            "cancelled": "Obsolete",
            "obsolete": "Obsolete",
            "in draft": "Draft",
            "draft": "Draft",
            "under review": "In review",
            "for review": "In review",
            "pending approval": "In review",
        },
        "doc_type": {
            "sop": "Procedure",
            "procedure": "Procedure",
            "wi": "Work instruction",
            "instruction": "Work instruction",
            "form": "Form",
            "template": "Form",
            "manual": "Manual",
            "policy": "Policy",
            "record": "Record",
            "external": "External document",
        },
    },
    rules={"doc_type": (RuleSpec("type-from-code", "from the code's prefix", _type_rule),)},
    legacy=(
        Legacy(OBSOLETE_BEFORE, "an obsolete document needs no reason (obsolete before QMS Desk)"),
        Legacy(NEXT_REVIEW_KEPT, "a next review date given instead of an interval is kept"),
    ),
    legacy_columns={"next_review": NEXT_REVIEW_KEPT},
)

PEOPLE = Profile(
    aliases={
        "employee_no": ("No", "Number", "Payroll no", "Clock no", "Staff no", "ID"),
        "name": ("Name", "Employee", "Staff member", "Operator"),
        "roles": ("Job", "Title"),
    }
)

ACTIONS = Profile(
    aliases={
        "reference": ("Ref", "Action no", "CAR no", "NCR no", "Number", "ID"),
        "title": ("Action", "Subject", "Summary"),
        "problem": ("Description", "Issue", "Nonconformity", "Finding"),
        "owner": ("Responsible", "Action owner", "Assigned to", "Who"),
        "raised_on": ("Date raised", "Raised", "Opened", "Date opened", "Date"),
        "due_date": ("Due", "Target date", "Target", "Deadline", "When"),
        "closed_on": ("Closed", "Date closed", "Closure date"),
    }
)

#: Profiles by the spec's name (what a register's sheet is called).
PROFILES: dict[str, Profile] = {"Documents": DOCUMENTS, "People": PEOPLE, "Actions": ACTIONS}
_EMPTY = Profile()


@dataclass(frozen=True)
class Target:
    """A register a sheet can go into: its word, its sheet's spec and importer, its profile."""

    word: str
    spec: SheetSpec
    importer: SheetImporter
    profile: Profile

    @property
    def title(self) -> str:
        return self.spec.name

    def fields(self) -> list[Column]:
        """The columns a sheet's column can be mapped to: the readable ones, and the computed
        ones a legacy rule reads."""
        return [
            c for c in self.spec.columns if not c.computed or c.key in self.profile.legacy_columns
        ]

    def field(self, name: str) -> Column:
        """A field named as the export heads its column (or by its key or an alias), case and
        spacing forgiven; QmsError naming the fields otherwise."""
        wanted = normalise_header(name)
        for column in self.fields():
            names = (column.header, column.key, *column.aliases)
            if wanted in {normalise_header(n) for n in names}:
                return column
        known = ", ".join(f"'{c.header}'" for c in self.fields())
        raise QmsError(f"The {self.word} register has no field '{name}'. Its fields: {known}.")

    def rule(self, key: str, name: str) -> RuleSpec:
        for rule in self.profile.rules.get(key, ()):
            if rule.name == name:
                return rule
        raise QmsError(f"There is no rule '{name}' for the field '{self.spec.column(key).header}'.")


def word_for(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_header(name)).strip("-")


def targets() -> dict[str, Target]:
    """Every register a sheet can be imported into, by word."""
    from qmsdesk.core.exchange.workbook.plan import sheet_importers

    found: dict[str, Target] = {}
    for importer in sheet_importers():
        spec = importer.spec
        words = getattr(importer, "words", None) or (word_for(spec.name),)
        for word in words:
            found.setdefault(word, Target(word, spec, importer, PROFILES.get(spec.name, _EMPTY)))
    return found


def target(word: str) -> Target:
    found = targets()
    key = word_for(word)
    if key in found:
        return found[key]
    for t in found.values():  # a sheet's alias ("staff", "master-list") names its register too
        if key in {word_for(a) for a in t.spec.aliases}:
            return t
    known = ", ".join([*found, GRID])
    raise QmsError(f"QMS Desk has no register '{word}' to import into. The registers: {known}.")


def register_word(word: str) -> str:
    """The register's word as the mapping files and the command line give it."""
    key = word_for(word)
    return GRID if key in (GRID, "grid", "training-matrix") else target(key).word
