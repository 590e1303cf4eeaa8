"""Management reviews in Excel: one review (details, inputs, decisions, actions), the list of
reviews, and the review actions colleagues update and send back.

Only the sheet "Review actions" is read back, and only its Status, Done on and Completion notes
columns: a colleague who owns an action says how far it got. The review and the action named on a
row must both exist, and the action must be one of that review's; every problem is reported by
sheet, row and column, and nothing is written unless the whole sheet is right. The other sheets are
for reading (grey-headed columns are never read back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from qmsdesk.core import actions, company, reviews
from qmsdesk.core.dates import DATE_HELP, parse_date, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import Action, ActionSource, ActionStatus
from qmsdesk.core.db.models_reviews import (
    AttendanceRole,
    Review,
    ReviewDecision,
    ReviewPerson,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import QmsError
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
    Duplicates,
    KeyedImporter,
    KeyedRun,
    RowKey,
    RowReport,
    new_key,
)
from qmsdesk.core.reviews.drafting import day_text
from qmsdesk.core.text import clean, fold, shown

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_STATUSES = tuple(actions.STATUS_LABELS.values())
_DATE = "A date: a date cell, or text such as 2026-03-01 or 01/03/2026 (day first)."

ACTIONS = SheetSpec(
    name="Review actions",
    aliases=("Management review actions", "Actions from reviews"),
    frozen_columns=2,
    columns=(
        Column(
            "review",
            "Review",
            required=True,
            aliases=("Review reference", "Management review"),
            help="The review's reference, such as MR-2026. With the action, it says which "
            "action a row is.",
        ),
        Column(
            "action",
            "Action",
            required=True,
            aliases=("Action reference", "Action no", "Reference"),
            help="The action's reference in the actions register, such as IMP-2026-004.",
        ),
        Column("decision", "Decision", computed=True, help="The decision that raised the action."),
        Column("title", "What", computed=True, aliases=("Title",), help="What is to be done."),
        Column("owner", "Owner", computed=True, help="Who does it."),
        Column("due", "Due date", ColumnKind.DATE, computed=True, help="By when."),
        Column(
            "status",
            "Status",
            ColumnKind.CHOICE,
            required=True,
            choices=_STATUSES,
            help=f"One of: {', '.join(_STATUSES)}. Choose {_STATUSES[2]} when the action is done; "
            "the quality lead then checks that it worked and closes it.",
        ),
        Column(
            "completed_on",
            "Done on",
            ColumnKind.DATE,
            aliases=("Completed on", "Date done", "Completed"),
            help=f"{_DATE} The day the action was carried out; needed for {_STATUSES[2].lower()}.",
        ),
        Column(
            "note",
            "Completion notes",
            aliases=("Notes", "Note", "Comments", "Progress"),
            width=60,
            help="How far the action got, what was done, what is left.",
        ),
    ),
)

DETAILS = SheetSpec(
    name="Review details",
    columns=tuple(
        Column(key, header, kind, computed=True)
        for key, header, kind in (
            ("reference", "Reference", ColumnKind.TEXT),
            ("title", "Title", ColumnKind.TEXT),
            ("meeting_date", "Meeting date", ColumnKind.DATE),
            ("place", "Place", ColumnKind.TEXT),
            ("chair", "Chair", ColumnKind.TEXT),
            ("attended", "Present", ColumnKind.TEXT),
            ("apologies", "Apologies", ColumnKind.TEXT),
            ("guests", "Also present", ColumnKind.TEXT),
            ("period_start", "Period from", ColumnKind.DATE),
            ("period_end", "Period to", ColumnKind.DATE),
            ("status", "Status", ColumnKind.TEXT),
            ("revision", "Minutes revision", ColumnKind.NUMBER),
            ("approved_by", "Approved by", ColumnKind.TEXT),
            ("approved_on", "Approved on", ColumnKind.DATE),
        )
    ),
)

INPUTS = SheetSpec(
    name="Review inputs",
    columns=(
        Column("item", "Item", computed=True, width=10),
        Column("title", "Input", computed=True, width=40),
        Column("narrative", "Discussion (narrative)", computed=True, width=70),
        Column("summary", "From the registers", computed=True, width=70),
        Column("tables", "Tables from the registers", computed=True, width=70),
    ),
)

DECISIONS = SheetSpec(
    name="Review decisions",
    columns=(
        Column("number", "Decision", computed=True, width=10),
        Column("item", "Output", computed=True, width=12),
        Column("output", "Output title", computed=True, width=36),
        Column("text", "What was decided", computed=True, width=70),
        Column("actions", "Actions", computed=True, width=30),
    ),
)

REVIEWS = SheetSpec(
    name="Management reviews",
    columns=tuple(
        Column(key, header, kind, computed=True)
        for key, header, kind in (
            ("reference", "Reference", ColumnKind.TEXT),
            ("title", "Title", ColumnKind.TEXT),
            ("meeting_date", "Meeting date", ColumnKind.DATE),
            ("place", "Place", ColumnKind.TEXT),
            ("chair", "Chair", ColumnKind.TEXT),
            ("period_start", "Period from", ColumnKind.DATE),
            ("period_end", "Period to", ColumnKind.DATE),
            ("status", "Status", ColumnKind.TEXT),
            ("revision", "Minutes revision", ColumnKind.NUMBER),
            ("approved_by", "Approved by", ColumnKind.TEXT),
            ("approved_on", "Approved on", ColumnKind.DATE),
            ("present", "Present", ColumnKind.NUMBER),
            ("decisions", "Decisions", ColumnKind.NUMBER),
            ("actions", "Actions", ColumnKind.NUMBER),
            ("open", "Actions open", ColumnKind.NUMBER),
        )
    ),
)

#: Sheets written for reading only (listed in workbook.INFO_SHEETS: an import passes over them).
INFO_SHEET_NAMES = (DETAILS.name, INPUTS.name, DECISIONS.name, REVIEWS.name)


# --- export ----------------------------------------------------------------------------------


def _action_rows(session: Session, review_id: int | None) -> list[tuple[object, ...]]:
    """The review actions as the sheet shows them: by review (oldest first), decision, action."""
    stmt = (
        select(
            Review.reference,
            Action.reference,
            ReviewDecision.number,
            ReviewDecision.item,
            ReviewDecision.text,
            Action.title,
            func.coalesce(Person.name, ""),
            Action.due_date,
            Action.status,
            Action.completed_on,
            Action.note,
        )
        .join(ReviewDecision, ReviewDecision.id == Action.source_id)
        .join(Review, Review.id == ReviewDecision.review_id)
        .outerjoin(Person, Person.id == Action.owner_id)
        .where(Action.source_kind == ActionSource.MANAGEMENT_REVIEW)
        .order_by(Review.meeting_date, Review.id, ReviewDecision.number, Action.id)
    )
    if review_id is not None:
        stmt = stmt.where(Review.id == review_id)
    labels = {s.value: label for s, label in actions.STATUS_LABELS.items()}
    rows: list[tuple[object, ...]] = []
    for ref, action, number, item, text, title, owner, due, status, done, note in raw_rows(
        session, stmt
    ):
        decision = f"D{number} ({item}): {text}"
        rows.append((ref, action, decision, title, owner, due, labels[status], done, note))
    return rows


def _readme(title: str, first: str, company: str = "") -> Readme:
    return Readme(
        title=title,
        company=company,
        lines=(
            first,
            "Owners of actions: fill in the Status, Done on and Completion notes of your actions "
            "on the sheet 'Review actions', then send the workbook back to the quality lead, "
            "who imports it (File > Import). Grey columns are for information and are not read.",
        ),
        sections=(
            (
                "How an import works",
                (
                    "Each row of 'Review actions' is one action, known by its review and its "
                    "action reference. Both must exist, and the action must be one the review "
                    "raised. Only Status, Done on and Completion notes are read; an import never "
                    "adds or deletes an action.",
                    "QMS Desk first checks the whole sheet and lists every problem by sheet, row "
                    "and column. If there is any, nothing is imported. Otherwise every change "
                    "is written at once and goes into the change history.",
                    f"An action is closed only after the quality lead checked that it worked: "
                    f"choose {_STATUSES[2]} when it is done.",
                    f"Dates: {DATE_HELP}",
                ),
            ),
        ),
    )


def export_review(
    db: Database,
    path: Path,
    *,
    review: str | int | None = None,
    template: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write one review (details, inputs, decisions, actions) to `path`; returns the rows written.

    Without `review` (or with `template`), writes every review action and the list of reviews.
    """
    if review is None or template:
        return export_reviews(db, path, template=template, progress=progress)
    with db.read() as session:
        review_id = reviews.resolve(session, review)
        name = company.get_info(session).name
        row = reviews.get_review(session, review_id)
        people = reviews.attendance(session, review_id)
        details = [
            (
                row.reference,
                row.title,
                row.meeting_date,
                row.place,
                row.chair,
                ", ".join(p.name for p in people if p.role == AttendanceRole.ATTENDED),
                ", ".join(p.name for p in people if p.role == AttendanceRole.APOLOGIES),
                row.guests,
                row.period_start,
                row.period_end,
                row.status_label,
                row.minutes_revision,
                row.approved_by,
                row.approved_on,
            )
        ]
        input_rows = [
            (s.item, s.title, s.narrative, s.summary, _tables_text(s.tables))
            for s in reviews.sections(session, review_id)
        ]
        decision_rows = [
            (
                d.label,
                d.item,
                d.item_title,
                d.text,
                ", ".join(a.reference for a in d.actions),
            )
            for d in reviews.decisions(session, review_id)
        ]
        action_rows = _action_rows(session, review_id)
    write_workbook(
        Path(path),
        [
            SheetData(DETAILS, details),
            SheetData(INPUTS, input_rows),
            SheetData(DECISIONS, decision_rows),
            SheetData(ACTIONS, action_rows),
        ],
        _readme(
            f"Management review {row.reference}" + (f" of {name}" if name else ""),
            f"Written by QMS Desk on {today():%d %B %Y}: the review of "
            f"{day_text(row.meeting_date)} ({row.status_label.lower()}), its "
            f"{len(input_rows)} inputs, {len(decision_rows)} decisions and "
            f"{len(action_rows)} actions.",
            name,
        ),
        progress,
    )
    return len(details) + len(input_rows) + len(decision_rows) + len(action_rows)


def _tables_text(tables: Any) -> str:
    parts = []
    for table in tables:
        lines = [table.title, " | ".join(table.columns)]
        lines += [" | ".join(r) for r in table.rows]
        if table.note:
            lines.append(table.note)
        parts.append("\n".join(line for line in lines if line))
    return "\n\n".join(parts)


def export_reviews(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the list of reviews and every review action (or a blank template) to `path`."""
    with db.read() as session:
        name = company.get_info(session).name
        review_rows = [] if template else _review_list(session)
        action_rows = [] if template else _action_rows(session, None)
    if template:
        first = (
            "A blank template of the review actions sheet: fill it in with actions already in "
            "QMS Desk and import it (File > Import)."
        )
    else:
        first = (
            f"Written by QMS Desk on {today():%d %B %Y}: {len(review_rows)} management reviews "
            f"and the {len(action_rows)} actions they raised."
        )
    write_workbook(
        Path(path),
        [SheetData(ACTIONS, action_rows), SheetData(REVIEWS, review_rows)],
        _readme("Management reviews" + (f" of {name}" if name else ""), first, name),
        progress,
    )
    return len(review_rows) + len(action_rows)


def _review_list(session: Session) -> list[tuple[object, ...]]:
    present = dict(
        raw_rows(
            session,
            select(ReviewPerson.review_id, func.count())
            .where(ReviewPerson.role == AttendanceRole.ATTENDED)
            .group_by(ReviewPerson.review_id),
        )
    )
    counts = {
        rid: (n_decisions, n_actions, n_open)
        for rid, n_decisions, n_actions, n_open in raw_rows(
            session,
            select(
                ReviewDecision.review_id,
                func.count(func.distinct(ReviewDecision.id)),
                func.count(Action.id),
                func.count(Action.id).filter(Action.status != ActionStatus.CLOSED),
            )
            .outerjoin(
                Action,
                (Action.source_id == ReviewDecision.id)
                & (Action.source_kind == ActionSource.MANAGEMENT_REVIEW),
            )
            .group_by(ReviewDecision.review_id),
        )
    }
    rows: list[tuple[object, ...]] = []
    for r in reversed(reviews.all_reviews(session)):
        n_decisions, n_actions, n_open = counts.get(r.id, (0, 0, 0))
        rows.append(
            (
                r.reference,
                r.title,
                r.meeting_date,
                r.place,
                r.chair,
                r.period_start,
                r.period_end,
                r.status_label,
                r.minutes_revision,
                r.approved_by,
                r.approved_on,
                present.get(r.id, 0),
                n_decisions,
                n_actions,
                n_open,
            )
        )
    return rows


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Existing:
    reviews: dict[str, tuple[int, str]]  # folded reference -> (id, reference)
    # folded action reference -> (action id, review id or None, reference)
    actions: dict[str, tuple[int, int | None, str]]


def _existing(session: Session) -> _Existing:
    found_reviews = {
        fold(ref): (rid, ref) for rid, ref in raw_rows(session, select(Review.id, Review.reference))
    }
    stmt = select(Action.id, ReviewDecision.review_id, Action.reference).outerjoin(
        ReviewDecision,
        (ReviewDecision.id == Action.source_id)
        & (Action.source_kind == ActionSource.MANAGEMENT_REVIEW),
    )
    found_actions = {fold(ref): (aid, rid, ref) for aid, rid, ref in raw_rows(session, stmt)}
    return _Existing(found_reviews, found_actions)


_STATUS_WORDS = {
    **{fold(label): s for s, label in actions.STATUS_LABELS.items()},
    **{fold(s.value.replace("_", " ")): s for s in ActionStatus},
    "done": ActionStatus.AWAITING_VERIFICATION,
    "completed": ActionStatus.AWAITING_VERIFICATION,
    "complete": ActionStatus.AWAITING_VERIFICATION,
    "not started": ActionStatus.OPEN,
    "started": ActionStatus.IN_PROGRESS,
    "ongoing": ActionStatus.IN_PROGRESS,
}


def parse_status(value: object) -> ActionStatus:
    text = " ".join(fold(clean(value)).replace("_", " ").split())
    found = _STATUS_WORDS.get(text)
    if found is None:
        raise ValueError(f"'{shown(value)}' is not a status of an action. Use one of: "
                         f"{', '.join(_STATUSES)}.")  # fmt: skip
    return found


_FIELD_KEYS = {"status": "status", "completed_on": "completed_on", "note": "note"}

_Run = KeyedRun[_Existing]


class ReviewActionsImporter(KeyedImporter[_Existing, str, actions.ActionRow, actions.ActionFields]):
    spec = ACTIONS
    order = 80
    title = "Review actions"
    duplicates = Duplicates.ALONG
    parse_keyless = True  # a row naming no known action still has its status and date checked

    def existing(self, session: Session) -> _Existing:
        return _existing(session)

    def begin(self, run: _Run) -> None:
        # The actions the sheet names, as they are now (folded reference -> row).
        known = run.held.actions
        wanted = {}
        for row in run.table.rows:
            found = known.get(fold(clean(row.values.get("action"))))
            if found is not None and found[1] is not None:
                wanted[found[0]] = fold(found[2])
        run.state = {wanted[r.id]: r for r in actions.fetch_rows(run.session, list(wanted))}

    def lookup(self, run: _Run) -> Callable[[str], actions.ActionRow | None]:
        found: dict[str, actions.ActionRow] = run.state
        return found.get

    def row_key(self, run: _Run, row: TableRow) -> RowKey[str] | None:
        text = clean(row.values.get("action"))
        found = run.held.actions.get(fold(text)) if text else None
        return None if found is None else new_key((fold(found[2]), found[2], text))

    def check_key(
        self, run: _Run, row: TableRow, key: RowKey[str] | None, report: RowReport
    ) -> None:
        existing, values = run.held, row.values
        review_text = clean(values.get("review"))
        review = existing.reviews.get(fold(review_text)) if review_text else None
        if not review_text:
            report("review", "Give the review's reference here.")
        elif review is None:
            known = ", ".join(ref for _i, ref in existing.reviews.values()) or "none yet"
            report.always(
                "review",
                f"There is no management review '{review_text}' in this company file "
                f"(reviews on file: {known}).",
            )
        action_text = clean(values.get("action"))
        if not action_text:
            report("action", "Give the action's reference here.")
        elif key is None:
            report.always(
                "action",
                f"There is no action '{action_text}' in the actions register. An import "
                "updates actions a review raised; it does not add new ones.",
            )
        elif review is not None:
            action = existing.actions[key.key]
            if action[1] != review[0]:
                whose = (
                    "was not raised by a management review"
                    if action[1] is None
                    else "was raised by another review"
                )
                report.always(
                    "action",
                    f"The action '{action[2]}' {whose}, not by {review[1]}; check the "
                    "Review and Action columns of this row.",
                )

    def duplicate_message(
        self, run: _Run, row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return "action", f"The action '{key.name}' is on row {first} too; give each action one row."

    def parse(
        self, run: _Run, row: TableRow, stored: actions.ActionRow | None, report: RowReport
    ) -> actions.ActionFields | None:
        table, values = run.table, row.values
        status = None
        if table.has("status"):
            raw = values.get("status")
            if not clean(raw):
                report("status", f"Give the action's status: one of {', '.join(_STATUSES)}.")
            else:
                try:
                    status = parse_status(raw)
                except ValueError as exc:
                    report.always("status", str(exc))
        done: dt.date | None = None
        if table.has("completed_on") and "completed_on" not in row.bad:
            try:
                done = parse_date(values.get("completed_on"))
            except ValueError as exc:
                report.always("completed_on", str(exc))
        if stored is None:
            return None
        return replace(
            stored.fields(),
            status=status if status is not None else stored.status,
            completed_on=done if table.has("completed_on") else stored.completed_on,
            note=clean(values.get("note")) if table.has("note") else stored.note,
        )

    def changing(
        self,
        run: _Run,
        row: TableRow,
        key: RowKey[str],
        stored: actions.ActionRow,
        fields: actions.ActionFields,
        report: RowReport,
    ) -> tuple[actions.ActionFields, Changes] | None:
        table = run.table
        problems = actions.check_action(fields)
        for p in problems:
            column = _FIELD_KEYS.get(p.field)
            if column is not None and table.has(column):
                # The problem is in this column: say it of the cell.
                message = p.message
                if message[:1].islower():
                    what = "date" if column == "completed_on" else "value"
                    message = f"This {what} {message}"
            else:
                # A rule on a field the sheet does not hold: the status asked for it.
                column = "status" if table.has("status") else "action"
                label = actions.FIELD_LABELS.get(p.field, p.field)
                message = p.message
                if p.field != "status":
                    message = f"{label}: {message[:1].lower()}{message[1:]}"
            report.always(column, message)
        if problems:
            return None
        diffs = []
        if fields.status != stored.status:
            diffs.append(
                FieldChange(
                    "Status",
                    actions.STATUS_LABELS[stored.status],
                    actions.STATUS_LABELS[fields.status],
                )
            )
        if fields.completed_on != stored.completed_on:
            diffs.append(
                FieldChange(
                    "Done on",
                    stored.completed_on.isoformat() if stored.completed_on else "",
                    fields.completed_on.isoformat() if fields.completed_on else "",
                )
            )
        if fields.note != stored.note:
            diffs.append(FieldChange("Completion notes", stored.note, fields.note))
        return fields, tuple(diffs)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, actions.ActionFields]],
        changed: list[Changed[str, actions.ActionRow, actions.ActionFields]],
    ) -> None:
        rows = {r.id: r for r in actions.fetch_rows(session, [c.stored.id for c in changed])}
        for change in changed:
            now = rows.get(change.stored.id)
            if now is None:
                raise QmsError("An action was deleted since the workbook was checked.")
            f = change.fields
            actions.update_action(
                session,
                now.id,
                replace(now.fields(), status=f.status, completed_on=f.completed_on, note=f.note),
                user,
                verb="import",
            )


SHEET_IMPORTERS = [ReviewActionsImporter()]
