"""Time the management review on a large company: drafting its inputs, and its minutes PDF.

Usage: .venv/bin/python -m benchmarks.bench_reviews [--documents 50000] [--people 2000]
           [--items 120] [--audits 500] [--actions 20000] [--runs 5] [--keep DIR]

Targets (issue 5):
- drafting every input of a review from the registers in under 500 ms (documents overdue for
  review, training compliance and what is overdue, audits and findings by classification, actions
  raised, closed and overdue by source, the previous reviews' actions);
- the minutes PDF in under 2 s (every input with a narrative and its drafted tables, 30 decisions
  with 60 actions, the action list and the sign-off).

The company: the document register of benchmarks/generate.py (three revisions a document), people
in 40 job roles needing 20 to 40 training items each, 25 training records a person, audits with
four to eight findings each, actions from every source over three years in every state, and four
earlier reviews with their actions. Each figure is the best and the median wall time of --runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate as generate_documents
from qmsdesk.core import people, reviews, training
from qmsdesk.core.dates import add_months
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.fast import insert_many
from qmsdesk.core.db.models_audits import (
    Action,
    ActionKind,
    ActionSource,
    ActionStatus,
    Audit,
    AuditStatus,
    Finding,
    FindingClass,
)
from qmsdesk.core.exchange import reviews_pdf
from qmsdesk.core.reviews import ReviewActionFields, ReviewFields

TARGETS = {"draft inputs": 0.5, "minutes PDF": 2.0}
USER = "benchmark"
_DEPARTMENTS = ("Production", "Quality", "Maintenance", "Logistics", "Engineering", "Sales")
_WORDS = [
    *("supplier", "delivery", "late", "batch", "inspection", "gauge", "calibration", "drawing"),
    *("revision", "customer", "complaint", "scrap", "rework", "machine", "spindle", "fixture"),
    *("operator", "training", "audit", "finding", "record"),
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def generate(
    path: Path,
    *,
    documents: int,
    n_people: int,
    n_items: int,
    n_audits: int,
    n_actions: int,
) -> Database:
    rng = random.Random(9003)
    on = dt.date.today()
    db = generate_documents(path, documents, 3)
    roles = [f"Role {n:02d}" for n in range(40)]
    with db.write() as s:
        created = [
            people.PersonFields(
                employee_no=f"P{n:05d}",
                name=f"Person {n:05d} Żółć",
                department=_DEPARTMENTS[n % len(_DEPARTMENTS)],
                roles=tuple(rng.sample(roles, rng.choice((1, 1, 2)))),
                start_date=on - dt.timedelta(days=rng.randint(30, 6000)),
                leaving_date=on - dt.timedelta(days=rng.randint(1, 300)) if n % 40 == 0 else None,
            )
            for n in range(n_people)
        ]
        person_ids = people.save_many(s, created, [], USER, action="create")
        items = [
            training.ItemFields(
                code=f"TR-{n:03d}",
                title=f"Training item {n}",
                category="Skills",
                validity_months=rng.choice((None, 12, 24, 36)),
            )
            for n in range(n_items)
        ]
        item_ids = training.save_items_many(s, items, [], USER, action="create")
        role_ids = people.ids_by_role(s)
        needs = [
            (role_ids[people.key(role)], iid, 1)
            for role in roles
            for iid in rng.sample(item_ids, min(len(item_ids), rng.randint(20, 40)))
        ]
        training.save_requirements_many(s, needs, [], USER, action="create")
        records = [
            (
                pid,
                iid,
                training.RecordFields(
                    trained_on=on - dt.timedelta(days=rng.randint(400, 2000)), hours=2.0
                ),
            )
            for pid in person_ids
            for iid in rng.sample(item_ids, min(len(item_ids), 25))
        ]
        training.insert_records(s, records, USER, action="create")

        # Audits over three years, most of them reported with findings.
        audits, findings = [], []
        classes = list(FindingClass)
        for n in range(n_audits):
            planned = on - dt.timedelta(days=rng.randint(0, 1100))
            done = planned < on - dt.timedelta(days=20) and n % 9
            audits.append(
                {
                    "id": n + 1, "reference": f"IA-{n:04d}", "title": f"Audit {n}",
                    "processes": "Production", "departments": "", "clauses": "8.5",
                    "criteria": "", "planned_start": planned, "planned_end": None,
                    "actual_start": planned if done else None,
                    "actual_end": planned + dt.timedelta(days=1) if done else None,
                    "lead_auditor_id": rng.choice(person_ids),
                    "status": AuditStatus.REPORTED if done else AuditStatus.PLANNED,
                    "summary": "", "note": "", "created_at": dt.datetime.now(),
                    "updated_at": dt.datetime.now(),
                }
            )  # fmt: skip
            if done:
                for number in range(1, rng.randint(4, 8) + 1):
                    findings.append(
                        {
                            "audit_id": n + 1, "question_id": None, "number": number,
                            "clause": "8.5.1", "statement": _sentence(rng, 8),
                            "evidence": _sentence(rng, 10),
                            "classification": rng.choice(classes),
                            "created_at": dt.datetime.now(), "updated_at": dt.datetime.now(),
                        }
                    )  # fmt: skip
        insert_many(s, Audit.__table__, audits)  # type: ignore[arg-type]
        insert_many(s, Finding.__table__, findings)  # type: ignore[arg-type]

        # Actions from every source, in every state, raised over three years.
        sources = [a for a in ActionSource if a != ActionSource.MANAGEMENT_REVIEW]
        rows = []
        for n in range(n_actions):
            raised = on - dt.timedelta(days=rng.randint(0, 1100))
            due = raised + dt.timedelta(days=rng.randint(14, 120))
            state = rng.random()
            closed = state < 0.6 and due < on
            done = closed or (state < 0.75 and raised < on - dt.timedelta(days=5))
            completed = min(on, raised + dt.timedelta(days=rng.randint(5, 100))) if done else None
            verified = min(on, completed + dt.timedelta(days=20)) if closed and completed else None
            status = (
                ActionStatus.CLOSED
                if closed
                else ActionStatus.AWAITING_VERIFICATION
                if done
                else rng.choice((ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
            )
            rows.append(
                {
                    "reference": f"CA-{n:06d}", "title": _sentence(rng, 6),
                    "kind": rng.choice((ActionKind.CORRECTIVE, ActionKind.CORRECTIVE,
                                        ActionKind.IMPROVEMENT)),
                    "source_kind": rng.choice(sources), "source_ref": "", "source_id": None,
                    "process": "Production", "problem": _sentence(rng, 10), "correction": "",
                    "correction_on": None, "whys": "[]", "root_cause": "",
                    "corrective_action": _sentence(rng, 6), "owner_id": rng.choice(person_ids),
                    "raised_on": raised, "due_date": due, "completed_on": completed,
                    "verify_due": completed + dt.timedelta(days=30) if completed else None,
                    "verified_on": verified,
                    "verified_by_id": person_ids[0] if verified else None,
                    "effective": True if verified else None, "verification_note": "",
                    "status": status, "closed_on": verified, "note": "",
                    "created_at": dt.datetime.now(), "updated_at": dt.datetime.now(),
                }
            )  # fmt: skip
        insert_many(s, Action.__table__, rows)  # type: ignore[arg-type]

        # Four earlier reviews, approved, each with a handful of actions.
        for year in range(4, 0, -1):
            meeting = add_months(on, -12 * year)
            rid = reviews.create_review(
                s,
                ReviewFields(meeting, add_months(meeting, -12), meeting - dt.timedelta(days=1)),
                USER,
                draft=False,
            )
            reviews.set_attendance(s, rid, person_ids[:8], person_ids[8:10], USER)
            reviews.mark_held(s, rid, USER, on=meeting)
            for d in range(5):
                decision = reviews.add_decision(s, rid, "9.3.3 a", _sentence(rng, 12), USER)
                for _ in range(3):
                    reviews.add_action(
                        s,
                        decision,
                        ReviewActionFields(
                            _sentence(rng, 6),
                            rng.choice(person_ids),
                            add_months(meeting, 2 + d),
                        ),
                        USER,
                        on=meeting,
                    )
            reviews.approve(s, rid, "Managing Director", meeting + dt.timedelta(days=5), USER)
    return db


def prepare_review(db: Database) -> int:
    """This year's review: held, every narrative written, 30 decisions with 60 actions."""
    rng = random.Random(5)
    on = dt.date.today()
    with db.write() as s:
        ids = [p.id for p in people.all_people(s)[:12]]
        rid = reviews.create_review(
            s,
            ReviewFields(on, add_months(on, -12) + dt.timedelta(days=1), on),
            USER,
            draft=False,
        )
        reviews.set_attendance(s, rid, ids[:9], ids[9:], USER)
        reviews.mark_held(s, rid, USER)
        for item in reviews.inputs():
            text = "\n\n".join(_sentence(rng, 60) for _ in range(3))
            reviews.set_narrative(s, rid, item.item, text, USER)
        for n in range(30):
            decision = reviews.add_decision(
                s, rid, ("9.3.3 a", "9.3.3 b", "9.3.3 c")[n % 3], _sentence(rng, 25), USER
            )
            for _ in range(2):
                reviews.add_action(
                    s,
                    decision,
                    ReviewActionFields(
                        _sentence(rng, 8), rng.choice(ids), on + dt.timedelta(days=90)
                    ),
                    USER,
                )
    return rid


def _timed(runs: int, job: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--audits", type=int, default=500)
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="leave the files in this folder")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: time the company generated before"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "reviews-bench.qmsdb"
        if args.reuse and args.keep and path.exists():
            db = open_database(path)
            with db.read() as s:
                rid = reviews.all_reviews(s)[0].id
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            start = time.perf_counter()
            db = generate(
                path,
                documents=args.documents,
                n_people=args.people,
                n_items=args.items,
                n_audits=args.audits,
                n_actions=args.actions,
            )
            print(
                f"Generated {args.documents:,} documents, {args.people:,} people, {args.items} "
                f"training items, {args.audits} audits, {args.actions:,} actions in "
                f"{time.perf_counter() - start:.1f} s"
            )
            rid = prepare_review(db)
        try:

            def draft() -> None:
                with db.read() as s:
                    reviews.draft_inputs(s, rid)

            def refresh() -> None:
                with db.write() as s:
                    reviews.refresh_drafts(s, rid, USER)

            out = folder / "minutes.pdf"
            results = {
                "draft inputs": _timed(args.runs, draft),
                "draft and store (refresh)": _timed(args.runs, refresh),
                "minutes PDF": _timed(
                    args.runs, lambda: reviews_pdf.write_minutes(db, out, review=str(rid))
                ),
            }
            with db.read() as s:
                drafted = reviews.sections(s, rid)
            tables = sum(len(x.tables) for x in drafted)
            size = out.stat().st_size
            print(f"Drafted {len(drafted)} inputs with {tables} tables; minutes: {size:,} bytes")
        finally:
            db.close()
        for name, (best, median) in results.items():
            target = TARGETS.get(name)
            verdict = "" if target is None else ("  OK" if median < target else "  TOO SLOW")
            goal = f" (target {target:.1f} s)" if target else ""
            times = f"best {best * 1000:7.0f} ms  median {median * 1000:7.0f} ms"
            print(f"{name:<28} {times}{goal}{verdict}")


if __name__ == "__main__":
    main()
