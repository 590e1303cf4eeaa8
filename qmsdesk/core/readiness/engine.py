"""Readiness clause by clause, worked out from the records with the rules of a catalogue file
shipped with the app (``resources/readiness/iso9001-2015.json``): a new edition of the standard is
a new file, not new code.

The file names, for each clause, checks of :data:`qmsdesk.core.readiness.checks.CHECKS` with their
parameters::

    {"edition": "ISO 9001:2015",
     "clauses": [{"clause": "7.5", "checks": [{"check": "documents_reviewed"}]}, ...]}

A clause the scope excludes is not applicable; the overall figure counts ready as 1 and partly as
a half over the applicable clauses. The figure the lead last saw is kept in the company file's
settings, so that the home page says what changed since.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk import paths
from qmsdesk.core.catalogue import clause_numbers, clauses
from qmsdesk.core.db.models import Setting
from qmsdesk.core.errors import QmsError
from qmsdesk.core.readiness.checks import CHECKS, run
from qmsdesk.core.readiness.context import Context
from qmsdesk.core.readiness.model import ClauseResult, Outcome, Readiness, State, combine

DEFAULT_CATALOGUE = "iso9001-2015.json"
LAST_SEEN_KEY = "readiness/last_seen"


@dataclass(frozen=True)
class Rule:
    clause: str
    checks: tuple[tuple[str, dict[str, Any]], ...]


@dataclass(frozen=True)
class Catalogue:
    edition: str
    rules: tuple[Rule, ...]


def catalogue_path(name: str = DEFAULT_CATALOGUE) -> Path:
    return paths.resource("readiness", name)


@functools.cache
def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and check a catalogue file: every clause known, every check named in CHECKS."""
    path = path or catalogue_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QmsError(f"Cannot read the readiness rules {path.name}: {exc}") from exc
    known = clause_numbers()
    rules = []
    problems = []
    for entry in data.get("clauses", []):
        clause = str(entry.get("clause", ""))
        if clause not in known:
            problems.append(f"unknown clause '{clause}'")
        checks = []
        for spec in entry.get("checks", []):
            params = dict(spec)
            name = str(params.pop("check", ""))
            if name not in CHECKS:
                problems.append(f"{clause}: unknown check '{name}'")
            checks.append((name, params))
        rules.append(Rule(clause, tuple(checks)))
    if problems:
        raise QmsError(f"The readiness rules {path.name} are wrong: {'; '.join(problems)}.")
    rules.sort(key=lambda r: known[r.clause])
    return Catalogue(str(data.get("edition", "")), tuple(rules))


def evaluate(
    session: Session, on: dt.date, catalogue: Catalogue | None = None, *, context: Context | None = None
) -> Readiness:
    """Every clause of the catalogue worked out on `on` (nothing is written)."""
    catalogue = catalogue or load_catalogue()
    ctx = context or Context(session, on)
    titles = {c.number: (c.title, c.depth) for c in clauses()}
    results = []
    for rule in catalogue.rules:
        title, depth = titles[rule.clause]
        if ctx.is_excluded(rule.clause):
            outcome = Outcome(State.NOT_APPLICABLE, "Not applicable: excluded from the scope.")
            results.append(ClauseResult(rule.clause, title, depth, State.NOT_APPLICABLE, (outcome,)))
            continue
        outcomes = [run(ctx, rule.clause, name, params) for name, params in rule.checks]
        results.append(ClauseResult(rule.clause, title, depth, combine(outcomes), tuple(outcomes)))
    return Readiness(catalogue.edition, on, tuple(results), last_seen(session))


def last_seen(session: Session) -> tuple[dt.date, int] | None:
    row = session.get(Setting, LAST_SEEN_KEY)
    if row is None or not row.value:
        return None
    try:
        data = json.loads(row.value)
        return dt.date.fromisoformat(data["on"]), int(data["percent"])
    except (ValueError, KeyError, TypeError):
        return None


def remember_seen(session: Session, readiness: Readiness) -> None:
    """Keep the figure the lead has just seen (a view's mark, not a record: no history row).

    A figure seen the same day replaces the one before only when the day changed, so that the
    trend says what changed since an earlier day."""
    before = last_seen(session)
    if before is not None and before[0] >= readiness.on:
        return
    value = json.dumps({"on": readiness.on.isoformat(), "percent": readiness.percent})
    session.merge(Setting(key=LAST_SEEN_KEY, value=value))
