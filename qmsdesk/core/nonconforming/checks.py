"""What a user edits about a nonconforming output and the rules it obeys (clause 8.7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.choices import collect, date_value, optional_number, too_long
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_nonconforming import Disposition, FoundAt
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.nonconforming.vocab import (
    MAX_LENGTHS,
    REWORKED,
    parse_disposition,
    parse_found_at,
)
from qmsdesk.core.text import clean, clean_code


@dataclass(frozen=True)
class NcFields:
    """Everything a user edits about a nonconforming output; supplier and action by id."""

    found_on: dt.date
    found_at: FoundAt = FoundAt.IN_PROCESS
    reference: str = ""  # empty: the next free NCR number
    product: str = ""
    quantity: float | None = None
    description: str = ""
    supplier_id: int | None = None
    disposition: Disposition | None = None
    authorised_by: str = ""
    concession_ref: str = ""
    verified_on: dt.date | None = None
    verification: str = ""
    cost: float | None = None
    action_id: int | None = None
    closed_on: dt.date | None = None
    note: str = ""


NC_FIELDS = tuple(f.name for f in fields(NcFields))


def check_nc(f: NcFields, on: dt.date | None = None) -> list[FieldProblem]:
    on = on or today()
    problems = too_long({n: getattr(f, n) for n in MAX_LENGTHS}, MAX_LENGTHS)
    if f.found_on > on:
        problems.append(FieldProblem("found_on", "cannot be in the future."))
    if not f.description:
        problems.append(FieldProblem("description", "Describe what does not conform."))
    if f.quantity is not None and f.quantity <= 0:
        problems.append(FieldProblem("quantity", "must be more than 0."))
    if f.cost is not None and f.cost < 0:
        problems.append(FieldProblem("cost", "cannot be negative."))
    if f.found_at == FoundAt.INCOMING and f.supplier_id is None:
        problems.append(FieldProblem("supplier_id", "Say which supplier delivered it."))
    if f.disposition is not None and not f.authorised_by:
        if f.disposition == Disposition.USE_AS_IS:
            message = (
                "An output is used as is only under a concession someone with the authority "
                "granted: say who authorised it."
            )
        else:
            message = "Say who authorised the disposition."
        problems.append(FieldProblem("authorised_by", message))
    for name in ("verified_on", "closed_on"):
        day = getattr(f, name)
        if day is not None and day > on:
            problems.append(FieldProblem(name, "cannot be in the future."))
        if day is not None and day < f.found_on:
            problems.append(FieldProblem(name, "cannot be before the output was found."))
    if (f.verified_on is None) != (not f.verification):
        if f.verified_on is None:
            problems.append(FieldProblem("verified_on", "Say when the check was made."))
        else:
            problems.append(FieldProblem("verification", "Say what the check found."))
    if f.closed_on is not None:
        if f.disposition is None:
            problems.append(
                FieldProblem("disposition", "Decide what happens to the output before closing.")
            )
        elif f.disposition in REWORKED and f.verified_on is None:
            problems.append(
                FieldProblem(
                    "verified_on",
                    "A reworked or repaired output is checked again before it is closed: record "
                    "when and what was found.",
                )
            )
    return problems


def nc_from_values(
    values: Mapping[str, object],
) -> tuple[NcFields | None, list[FieldProblem]]:
    """Typed text into fields (dialogs, importers; supplier and action already as ids)."""
    given = {k: v for k, v in values.items() if k in NC_FIELDS}
    parsed, problems = collect(
        given,
        {
            "reference": clean_code,
            "found_on": date_value,
            "verified_on": date_value,
            "closed_on": date_value,
            "found_at": lambda v: parse_found_at(v) if clean(v) else None,
            "disposition": lambda v: parse_disposition(v) if clean(v) else None,
            "quantity": optional_number,
            "cost": optional_number,
            "supplier_id": lambda v: v,
            "action_id": lambda v: v,
        },
    )
    if "found_at" in parsed and parsed["found_at"] is None:
        del parsed["found_at"]
    if parsed.get("found_on") is None:
        if "found_on" not in {p.field for p in problems}:
            problems.append(FieldProblem("found_on", "Say when it was found."))
        return None, problems
    result = NcFields(**parsed)  # type: ignore[arg-type]
    seen = {p.field for p in problems}
    problems += [p for p in check_nc(result) if p.field not in seen]
    return (None if problems else result), problems
