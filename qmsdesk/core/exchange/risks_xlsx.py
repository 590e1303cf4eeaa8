"""The risks and opportunities register in Excel: the sheet "Risks" (every risk and opportunity
with its ratings before and after treatment; it imports back) and "Risk reviews" (the
effectiveness reviews of the actions taken; new reviews typed on it import too).

The ratings and levels, the actions raised and the last review are written for reading and never
read back: QMS Desk works them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import company, risks
from qmsdesk.core.dates import parse_date, today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.exchange.workbook import (
    Column,
    ColumnKind,
    FieldChange,
    Progress,
    Readme,
    SheetData,
    SheetSpec,
    TableRow,
    write_workbook,
)
from qmsdesk.core.exchange.workbook.keyed import (
    Added,
    Changed,
    Changes,
    KeyedImporter,
    KeyedRun,
    RowKey,
    RowReport,
    new_key,
)
from qmsdesk.core.risks import RiskFields, RiskRow, RiskScale
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_V = risks.RISK_VOCAB
_R = risks.REVIEW_VOCAB


def _col(
    key: str,
    kind: ColumnKind = ColumnKind.TEXT,
    width: float | None = None,
    *,
    field: str = "",
    vocab: Any = _V,
    **extra: Any,
) -> Column:
    f = vocab[field or key]
    return Column(key, f.label, kind, width=width, help=f.help, **extra)


RISKS = SheetSpec(
    name="Risks",
    aliases=("Risk register", "Risks and opportunities"),
    columns=(
        _col("reference", width=11, required=True, aliases=("Ref", "Risk", "Risk ref")),
        _col(
            "kind",
            ColumnKind.CHOICE,
            13,
            choices=tuple(risks.KIND_LABELS.values()),
            aliases=("Kind", "Type"),
        ),
        _col("title", width=40, required=True, aliases=("Risk title",)),
        _col("description", width=50),
        _col(
            "source_kind",
            ColumnKind.CHOICE,
            16,
            choices=tuple(risks.SOURCE_LABELS.values()),
            aliases=("Source",),
        ),
        _col("source_ref", width=18, aliases=("Source ref",)),
        _col("process", width=11, field="process_id", aliases=("Process code",)),
        _col("owner", width=18, field="owner_id", aliases=("Risk owner", "Process owner")),
        _col("likelihood", ColumnKind.NUMBER, 10, aliases=("L",)),
        _col("consequence", ColumnKind.NUMBER, 11, aliases=("C", "Impact", "Severity")),
        _col("rating", ColumnKind.NUMBER, 8, computed=True),
        _col("level", width=8, computed=True),
        _col("treatment", ColumnKind.CHOICE, 10, choices=tuple(risks.TREATMENT_LABELS.values())),
        _col("treatment_plan", width=45, aliases=("Plan", "Controls")),
        _col("residual_likelihood", ColumnKind.NUMBER, 10, aliases=("Residual likelihood",)),
        _col("residual_consequence", ColumnKind.NUMBER, 11, aliases=("Residual consequence",)),
        _col("residual_rating", ColumnKind.NUMBER, 8, computed=True),
        Column(
            "residual_level",
            "Level after treatment",
            width=8,
            computed=True,
            help="Low, medium or high after treatment.",
        ),
        _col("identified_on", ColumnKind.DATE, None),
        _col("next_review", ColumnKind.DATE, None),
        Column(
            "actions",
            "Actions",
            width=22,
            computed=True,
            help="The actions raised on it in the actions register (reference and status).",
        ),
        _col("note", width=30),
    ),
)

REVIEWS = SheetSpec(
    name="Risk reviews",
    aliases=("Effectiveness reviews",),
    columns=(
        Column(
            "reference",
            "Risk",
            required=True,
            width=11,
            aliases=("Reference", "Risk ref"),
            help="The reference of the risk or opportunity whose actions were reviewed.",
        ),
        _col("reviewed_on", ColumnKind.DATE, None, vocab=_R, required=True),
        _col("reviewed_by", width=18, field="reviewed_by_id", vocab=_R, required=True),
        _col(
            "outcome",
            ColumnKind.CHOICE,
            16,
            vocab=_R,
            required=True,
            choices=tuple(risks.OUTCOME_LABELS.values()),
        ),
        _col("note", width=60, vocab=_R),
    ),
)


def _number(value: int | None) -> object:
    return "" if value is None else value


def _risk_cells(r: RiskRow, scale: RiskScale, refs: dict[int, str]) -> tuple[object, ...]:
    level = risks.LEVEL_LABELS[r.level(scale)]
    after = r.residual_level(scale)
    return (
        r.reference,
        risks.KIND_LABELS[r.kind],
        r.title,
        r.description,
        risks.SOURCE_LABELS[r.source_kind],
        r.source_ref,
        r.process_code,
        r.owner_name,
        r.likelihood,
        r.consequence,
        r.rating,
        level,
        risks.TREATMENT_LABELS[r.treatment],
        r.treatment_plan,
        _number(r.residual_likelihood),
        _number(r.residual_consequence),
        _number(r.residual_rating),
        "" if after is None else risks.LEVEL_LABELS[after],
        r.identified_on,
        r.next_review,
        refs.get(r.id, ""),
        r.note,
    )


def export_risks(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the risks register and the effectiveness reviews to `path`; returns rows written."""
    on = today()
    from sqlalchemy import select

    from qmsdesk.core.actions import STATUS_LABELS
    from qmsdesk.core.db.models_actions import Action, ActionSource

    with db.read() as session:
        name = company.get_info(session).name
        scale = risks.get_scale(session)
        rows = [] if template else risks.all_rows(session)
        reviews = [] if template else risks.reviews_of(session)
        refs: dict[int, list[str]] = {}
        if not template:
            stmt = (
                select(Action.source_id, Action.reference, Action.status)
                .where(Action.source_kind == ActionSource.RISK)
                .order_by(Action.reference)
            )
            for sid, ref, status in session.execute(stmt):
                if sid is not None:
                    refs.setdefault(sid, []).append(f"{ref} ({STATUS_LABELS[status].lower()})")
    joined = {k: "\n".join(v) for k, v in refs.items()}
    data = [_risk_cells(r, scale, joined) for r in rows]
    review_data = [
        (v.reference, v.reviewed_on, v.reviewed_by_name, risks.OUTCOME_LABELS[v.outcome], v.note)
        for v in reviews
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(RISKS, data), SheetData(REVIEWS, review_data)],
        Readme(
            title=f"Risks and opportunities{who}",
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(data)} risks and opportunities, "
                f"{len(review_data)} effectiveness reviews.",
                f"Likelihood and consequence are rated from 1 to {scale.steps}; a rating "
                f"(likelihood x consequence) from {scale.medium_from} is medium, from "
                f"{scale.high_from} high.",
                "Change or add rows and import the workbook back: the rating, level and actions "
                "columns are worked out by QMS Desk and not read. A review typed on 'Risk "
                "reviews' is added; the reviews already there are not changed.",
            ),
        ),
        progress,
    )
    return len(data) + len(review_data)


# --- importing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Held:
    rows: dict[str, RiskRow]
    links: risks.Links
    scale: RiskScale
    taken: set[str]  # references in the file


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else clean(value)


def _whole(value: object, report: RowReport, key: str) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        report(key, f"'{text}' is not a whole number.")
        return None
    if not number.is_integer():
        report(key, f"'{text}' is not a whole number.")
        return None
    return int(number)


def person_id(
    people: dict[str, list[int]], name: str, report: RowReport, key: str, what: str
) -> int | None:
    """The person a cell names, or a problem (unknown, or two people of that name)."""
    if not name:
        return None
    found = people.get(fold(name), [])
    if not found:
        report(key, f"'{name}' is not in the register of people: {what}.")
        return None
    if len(found) > 1:
        report(key, f"Two people are called '{name}'; rename one of them in the register.")
        return None
    return found[0]


_Run = KeyedRun[_Held]


class RisksImporter(KeyedImporter[_Held, str, RiskRow, RiskFields]):
    """A row is a risk or opportunity, known by its reference."""

    spec = RISKS
    order = 120
    title = "Risks and opportunities"

    def existing(self, session: Session) -> _Held:
        rows = risks.all_rows(session)
        return _Held(
            {fold(r.reference): r for r in rows},
            risks.links(session),
            risks.get_scale(session),
            {r.reference for r in rows},
        )

    def lookup(self, run: _Run) -> Callable[[str], RiskRow | None]:
        return run.held.rows.get

    def row_key(self, run: _Run, row: TableRow) -> RowKey[str] | None:
        ref = _text(row.values.get("reference"))
        return new_key((fold(ref), ref, ref)) if ref else None

    def check_key(
        self, run: _Run, row: TableRow, key: RowKey[str] | None, report: RowReport
    ) -> None:
        if key is None:
            report("reference", "A reference is required here (such as R-001).")

    def parse(
        self, run: _Run, row: TableRow, stored: RiskRow | None, report: RowReport
    ) -> RiskFields | None:
        v, held, table = row.values, run.held, run.table
        old = stored.fields() if stored is not None else None

        def given(key: str) -> bool:
            return table.has(key)

        def text(key: str, default: str = "") -> str:
            return _text(v.get(key)) if given(key) else default

        def choice(key: str, parser: Callable[[object], Any], default: Any) -> Any:
            raw = text(key)
            if not raw:
                return default
            try:
                return parser(raw)
            except ValueError as exc:
                report(key, str(exc))
                return default

        kind = choice("kind", risks.parse_kind, old.kind if old else risks.RiskKind.RISK)
        default_treatment = (
            risks.Treatment.PURSUE if kind == risks.RiskKind.OPPORTUNITY else risks.Treatment.REDUCE
        )
        source_kind = choice(
            "source_kind",
            risks.parse_source,
            old.source_kind if old else risks.RiskSourceKind.OTHER,
        )
        treatment = choice(
            "treatment", risks.parse_treatment, old.treatment if old else default_treatment
        )
        values: dict[str, Any] = {"kind": kind, "source_kind": source_kind, "treatment": treatment}
        for key in ("title", "description", "treatment_plan", "note"):
            values[key] = text(key, getattr(old, key) if old else "")
        for key in ("likelihood", "consequence", "residual_likelihood", "residual_consequence"):
            values[key] = (
                _whole(v.get(key), report, key)
                if given(key)
                else (getattr(old, key) if old else None)
            )
        for key in ("likelihood", "consequence"):
            if (
                values[key] is None
                and key not in row.bad
                and not any(p.column == table.header(key) for p in report.problems)
            ):
                report(key, f"Rate the {key} from 1 to {held.scale.steps}.")
        for key in ("identified_on", "next_review"):
            if given(key):
                try:
                    values[key] = parse_date(v.get(key))
                except ValueError as exc:
                    report(key, str(exc))
            else:
                values[key] = getattr(old, key) if old else None
        # Links, by the names the sheet uses.
        links = held.links
        values["issue_id"] = values["party_id"] = None
        if given("source_ref"):
            ref = text("source_ref")
            if ref and source_kind == risks.RiskSourceKind.CONTEXT_ISSUE:
                values["issue_id"] = links.issues.get(fold(ref))
                if values["issue_id"] is None:
                    report("source_ref", f"There is no context issue '{ref}'.")
            elif ref and source_kind == risks.RiskSourceKind.INTERESTED_PARTY:
                values["party_id"] = links.parties.get(fold(ref))
                if values["party_id"] is None:
                    report("source_ref", f"There is no interested party '{ref}'.")
            elif (
                ref
                and source_kind == risks.RiskSourceKind.PROCESS
                and links.processes.get(fold(ref)) is None
            ):
                report("source_ref", f"There is no process '{ref}'.")
        elif old is not None:
            values["issue_id"], values["party_id"] = old.issue_id, old.party_id
        process = text("process") if given("process") else (stored.process_code if stored else "")
        values["process_id"] = links.processes.get(fold(process)) if process else None
        if process and values["process_id"] is None:
            report("process", f"There is no process '{process}' (give its code, such as P-PUR).")
        if source_kind == risks.RiskSourceKind.PROCESS and given("source_ref"):
            ref = text("source_ref")
            source_process = links.processes.get(fold(ref)) if ref else None
            if values["process_id"] is None:
                values["process_id"] = source_process
        if given("owner"):
            values["owner_id"] = person_id(
                links.people, text("owner"), report, "owner", "add the person first"
            )
        else:
            values["owner_id"] = old.owner_id if old else None
        if report.problems:
            return None
        fields = RiskFields(reference=key_text(row), **values)
        for problem in risks.check_risk(fields, held.scale):
            _place(report, problem)
        return None if report.problems else fields

    def changing(
        self,
        run: _Run,
        row: TableRow,
        key: RowKey[str],
        stored: RiskRow,
        fields: RiskFields,
        report: RowReport,
    ) -> tuple[RiskFields, Changes]:
        old = stored.fields()
        changes = tuple(
            FieldChange(
                risks.FIELD_LABELS.get(n, n), _shown(getattr(old, n)), _shown(getattr(fields, n))
            )
            for n in risks.FIELD_NAMES
            if n != "reference" and getattr(old, n) != getattr(fields, n)
        )
        return fields, changes

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, RiskFields]],
        changed: list[Changed[str, RiskRow, RiskFields]],
    ) -> None:
        risks.save_many(
            session, [a.fields for a in added], [(c.stored.id, c.fields) for c in changed], user
        )


_COLUMN_OF = {
    "issue_id": "source_ref",
    "party_id": "source_ref",
    "process_id": "process",
    "owner_id": "owner",
}


def _place(report: RowReport, problem: FieldProblem) -> None:
    report(_COLUMN_OF.get(problem.field, problem.field), problem.message)


def key_text(row: TableRow) -> str:
    return _text(row.values.get("reference"))


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))


@dataclass(frozen=True)
class _HeldReviews:
    risks: dict[str, int]
    people: dict[str, list[int]]
    stored: set[tuple[int, dt.date, int | None]]


_ReviewKey = tuple[str, dt.date, str]


class ReviewsImporter(KeyedImporter[_HeldReviews, _ReviewKey, int, tuple[int, risks.ReviewFields]]):
    """A row is an effectiveness review: a new one is added; one already stored is unchanged."""

    spec = REVIEWS
    order = 125
    title = "Risk reviews"

    def existing(self, session: Session) -> _HeldReviews:
        rows = risks.reviews_of(session)
        return _HeldReviews(
            {fold(r.reference): r.id for r in risks.all_rows(session)},
            risks.links(session).people,
            {(v.risk_id, v.reviewed_on, v.reviewed_by_id) for v in rows},
        )

    def lookup(self, run: KeyedRun[_HeldReviews]) -> Callable[[_ReviewKey], int | None]:
        return lambda _key: None

    def row_key(self, run: KeyedRun[_HeldReviews], row: TableRow) -> RowKey[_ReviewKey] | None:
        ref = _text(row.values.get("reference"))
        if not ref:
            return None
        try:
            day = parse_date(row.values.get("reviewed_on")) or dt.date.min
        except ValueError:
            day = dt.date.min
        who = _text(row.values.get("reviewed_by"))
        return new_key(((fold(ref), day, fold(who)), f"{ref} {day.isoformat()}", ref))

    def parse(
        self, run: KeyedRun[_HeldReviews], row: TableRow, stored: int | None, report: RowReport
    ) -> tuple[int, risks.ReviewFields] | None:
        held, v = run.held, row.values
        ref = _text(v.get("reference"))
        risk_id = held.risks.get(fold(ref))
        if risk_id is None:
            report("reference", f"There is no risk or opportunity '{ref}' in the register.")
        try:
            day = parse_date(v.get("reviewed_on"))
        except ValueError as exc:
            report("reviewed_on", str(exc))
            day = None
        if day is None and not report.problems:
            report("reviewed_on", "Say when the actions were reviewed.")
        who = person_id(
            held.people, _text(v.get("reviewed_by")), report, "reviewed_by", "add the person first"
        )
        try:
            outcome = risks.parse_outcome(v.get("outcome"))
        except ValueError as exc:
            report("outcome", str(exc))
            return None
        if report.problems or risk_id is None or day is None:
            return None
        fields = risks.ReviewFields(day, who, outcome, _text(v.get("note")))
        for problem in risks.check_review(fields, today()):
            report(
                "reviewed_by" if problem.field == "reviewed_by_id" else problem.field,
                problem.message,
            )
        return None if report.problems else (risk_id, fields)

    def adding(
        self,
        run: KeyedRun[_HeldReviews],
        row: TableRow,
        key: RowKey[_ReviewKey],
        fields: tuple[int, risks.ReviewFields],
        report: RowReport,
    ) -> tuple[tuple[int, risks.ReviewFields], Changes] | None:
        risk_id, f = fields
        if (risk_id, f.reviewed_on, f.reviewed_by_id) in run.held.stored:
            return None  # the review is there already: nothing to do
        return fields, (FieldChange("Outcome", "", risks.OUTCOME_LABELS[f.outcome]),)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_ReviewKey, tuple[int, risks.ReviewFields]]],
        changed: list[Changed[_ReviewKey, int, tuple[int, risks.ReviewFields]]],
    ) -> None:
        for a in added:
            risk_id, f = a.fields
            risks.add_review(session, risk_id, f, user)


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [RisksImporter(), ReviewsImporter()]
