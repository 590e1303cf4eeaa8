"""Data shipped with the app: the ISO 9001:2015 clause list (numbers and titles)."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Clause:
    number: str
    title: str
    kind: str  # clause, subclause or paragraph

    @property
    def depth(self) -> int:
        return self.number.count(".")

    def label(self) -> str:
        return f"{self.number} {self.title}"


@functools.cache
def clauses() -> tuple[Clause, ...]:
    """Every clause of ISO 9001:2015 from 4 to 10.3, in the standard's order."""
    with (CATALOGUE_DIR / "iso9001-2015-clauses.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return tuple(
            Clause(r["clause"].strip(), r["title"].strip(), r["kind"].strip()) for r in rows
        )


@functools.cache
def clause_numbers() -> dict[str, int]:
    """Clause number -> position in the standard, for validating and sorting clause lists."""
    return {c.number: i for i, c in enumerate(clauses())}


def clause_title(number: str) -> str:
    for clause in clauses():
        if clause.number == number:
            return clause.title
    raise KeyError(number)
