"""A column mapping: which column of a sheet gives which field of a register, the values that
stand for the register's own, defaults and rules for the fields the sheet leaves out, and the
legacy rules switched on. It is saved as JSON (``--save-mapping``, and remembered per shape)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.workbook.spec import os_reason
from qmsdesk.core.text import fold, normalise_header

FORMAT = "qmsdesk-column-mapping"
VERSION = 1


@dataclass
class Mapping:
    register: str  # the register's word ("documents")
    sheet: str = ""  # the sheet's name when the mapping was made
    headers: tuple[str, ...] = ()  # the header row as written (the sheet's shape)
    columns: dict[str, str] = field(default_factory=dict)  # header -> field key
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {written: value}
    defaults: dict[str, str] = field(default_factory=dict)  # field -> one value for all rows
    rules: dict[str, str] = field(default_factory=dict)  # field -> rule name
    legacy: tuple[str, ...] = ()  # legacy rules switched on
    header_row: int | None = None  # as Excel numbers it; None: found
    done_date: str = ""  # the training grid: the date of ticks that carry none

    def shape(self) -> str:
        return shape_key(self.sheet, self.headers)

    def value_for(self, key: str, written: object) -> str | None:
        found = self.values.get(key)
        if not found or not isinstance(written, str):
            return None
        return found.get(value_key(written))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "register": self.register,
            "sheet": self.sheet,
            "headers": list(self.headers),
            "header_row": self.header_row,
            "columns": dict(self.columns),
            "values": {k: dict(v) for k, v in self.values.items()},
            "defaults": dict(self.defaults),
            "rules": dict(self.rules),
            "legacy": list(self.legacy),
            "done_date": self.done_date,
        }

    @classmethod
    def from_json(cls, data: object, name: str = "the mapping") -> Mapping:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise QmsError(f"{name} is not a column mapping saved by QMS Desk.")
        if int(data.get("version", 0)) > VERSION:
            raise QmsError(f"{name} was saved by a newer QMS Desk; update QMS Desk to read it.")
        try:
            return cls(
                register=str(data["register"]),
                sheet=str(data.get("sheet", "")),
                headers=tuple(str(h) for h in data.get("headers", ())),
                columns={str(k): str(v) for k, v in dict(data.get("columns", {})).items()},
                values={
                    str(k): {value_key(str(a)): str(b) for a, b in dict(v).items()}
                    for k, v in dict(data.get("values", {})).items()
                },
                defaults={str(k): str(v) for k, v in dict(data.get("defaults", {})).items()},
                rules={str(k): str(v) for k, v in dict(data.get("rules", {})).items()},
                legacy=tuple(str(x) for x in data.get("legacy", ())),
                header_row=None if data.get("header_row") is None else int(data["header_row"]),
                done_date=str(data.get("done_date", "") or ""),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise QmsError(f"{name} is damaged: {exc}.") from exc

    def save(self, path: Path) -> None:
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False)
        try:
            Path(path).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise QmsError(f"Cannot write {Path(path).name}: {os_reason(exc)}.") from exc

    @classmethod
    def load(cls, path: Path) -> Mapping:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            raise QmsError(f"Cannot read {path.name}: {os_reason(exc)}.") from exc
        except ValueError as exc:
            raise QmsError(f"{path.name} is not a column mapping (not JSON: {exc}).") from exc
        return cls.from_json(data, path.name)


def value_key(written: str) -> str:
    """A cell's value as value mappings compare it (case and spacing forgiven)."""
    return " ".join(fold(written).split())


def shape_key(sheet: str, headers: tuple[str, ...] | list[str]) -> str:
    """What "workbooks of the same shape" share: the sheet's name and its headers."""
    text = "\x1f".join([normalise_header(sheet), *(normalise_header(h) for h in headers)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
