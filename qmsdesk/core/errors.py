"""Exceptions the core raises; the GUI and the command line decide how to show them."""

from __future__ import annotations

from dataclasses import dataclass


class QmsError(Exception):
    """Base class: its message is written for the quality lead, not for a programmer."""


class DatabaseError(QmsError):
    """A company file cannot be opened as it is."""


class DatabaseNotFoundError(DatabaseError):
    pass


class NotAQmsDatabaseError(DatabaseError):
    pass


class NewerDatabaseError(DatabaseError):
    pass


class ReadOnlyError(QmsError):
    """A change was asked of a file opened read-only."""


class ValidationError(QmsError):
    """One or more values a user gave are not acceptable; nothing was written."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class NotFoundError(QmsError):
    pass


@dataclass(frozen=True)
class Problem:
    """One problem in an imported file, located by sheet, row and column as the user sees them."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def where(self) -> str:
        parts = [f"sheet '{self.sheet}'"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


@dataclass(frozen=True)
class FieldProblem:
    """One value of a record that a register's rules refuse: the field's key and what is wrong.

    Every register checks its fields into a list of these; the Excel importers place them by
    sheet, row and column, the dialogs beside the field.
    """

    field: str
    message: str
