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

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk import paths
from qmsdesk.core import history
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


#: The clause results last worked out, by what they depend on (see _memo_key): looking again at
#: an unchanged file (the home tab after a tab switch) costs a few queries, not the whole work.
_MEMO: dict[tuple[Any, ...], tuple[ClauseResult, ...]] = {}
_MEMO_SIZE = 4


def _memo_key(session: Session, on: dt.date, catalogue: Catalogue) -> tuple[Any, ...]:
    """The file, the day, the rules, the change history's head (every change of a record adds to
    it) and the company settings (thresholds), the figure last seen aside."""
    settings = tuple(
        session.execute(
            select(Setting.key, Setting.value)
            .where(Setting.key != LAST_SEEN_KEY)
            .order_by(Setting.key)
        )
    )
    return (str(session.get_bind().engine.url), on, id(catalogue), history.head(session), settings)


def evaluate(
    session: Session,
    on: dt.date,
    catalogue: Catalogue | None = None,
    *,
    context: Context | None = None,
) -> Readiness:
    """Every clause of the catalogue worked out on `on` (nothing is written)."""
    catalogue = catalogue or load_catalogue()
    key = _memo_key(session, on, catalogue)
    found = _MEMO.get(key)
    if found is not None:
        return Readiness(catalogue.edition, on, found, last_seen(session, on))
    results = _work_out(session, on, catalogue, context or Context(session, on))
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[key] = results
    return Readiness(catalogue.edition, on, results, last_seen(session, on))


def _work_out(
    session: Session, on: dt.date, catalogue: Catalogue, ctx: Context
) -> tuple[ClauseResult, ...]:
    titles = {c.number: (c.title, c.depth) for c in clauses()}
    results = []
    for rule in catalogue.rules:
        title, depth = titles[rule.clause]
        if ctx.is_excluded(rule.clause):
            outcome = Outcome(State.NOT_APPLICABLE, "Not applicable: excluded from the scope.")
            results.append(
                ClauseResult(rule.clause, title, depth, State.NOT_APPLICABLE, (outcome,))
            )
            continue
        outcomes = [run(ctx, rule.clause, name, params) for name, params in rule.checks]
        results.append(ClauseResult(rule.clause, title, depth, combine(outcomes), tuple(outcomes)))
    return tuple(results)


def _stored(session: Session) -> dict[str, Any]:
    row = session.get(Setting, LAST_SEEN_KEY)
    try:
        data = json.loads(row.value or "{}") if row is not None else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _pair(data: dict[str, Any], day: str, percent: str) -> tuple[dt.date, int] | None:
    try:
        return dt.date.fromisoformat(str(data[day])), int(data[percent])
    except (KeyError, TypeError, ValueError):
        return None


def last_seen(session: Session, on: dt.date | None = None) -> tuple[dt.date, int] | None:
    """The figure the lead saw the last time they looked on a day before `on` (its day and
    percent); None the first time."""
    data = _stored(session)
    latest = _pair(data, "on", "percent")
    if latest is not None and (on is None or latest[0] < on):
        return latest
    return _pair(data, "before_on", "before_percent")


def remember_seen(session: Session, readiness: Readiness) -> None:
    """Keep the figure the lead has just seen (a view's mark, not a record: no history row).

    The figure of an earlier day moves to "before", so that the trend says what changed since the
    lead last looked on an earlier day, however often they look today."""
    data = _stored(session)
    latest = _pair(data, "on", "percent")
    out: dict[str, Any] = {"on": readiness.on.isoformat(), "percent": readiness.percent}
    if latest is not None and latest[0] < readiness.on:
        out.update(before_on=latest[0].isoformat(), before_percent=latest[1])
    elif latest is not None and latest[0] > readiness.on:
        return  # a look at an earlier day (a report dated back) changes nothing
    else:
        before = _pair(data, "before_on", "before_percent")
        if before is not None:
            out.update(before_on=before[0].isoformat(), before_percent=before[1])
    value = json.dumps(out)
    row = session.get(Setting, LAST_SEEN_KEY)
    if row is None:
        session.add(Setting(key=LAST_SEEN_KEY, value=value))
    elif row.value != value:
        row.value = value
