"""Time the risks and objectives registers on a large company.

Usage: .venv/bin/python -m benchmarks.bench_planning [--risks 2000] [--objectives 200]
           [--years 10] [--company] [--runs 5] [--keep DIR] [--reuse]

Targets (issue 12):
- the Risks tab and the Objectives tab shown with the register filled in under 300 ms each;
- the objectives PDF, one block and trend chart per objective, in under 3 s;
- drafting every input of a management review of the large company (benchmarks/bench_reviews.py's
  company with --company, plus these registers) still under 500 ms.

The planning data (:func:`generate_planning`): 20 processes, 60 context issues, 30 interested
parties, 2,000 risks and opportunities at every level with two actions each in the actions
register and an effectiveness review for half of them, 200 monthly objectives with three plan
steps and 10 years of monthly measurements each (24,000 values). Each figure is the best and the
median wall time of --runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from qmsdesk.core import people, reviews
from qmsdesk.core.dates import add_months
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.fast import insert_many
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionSource, ActionStatus
from qmsdesk.core.db.models_objectives import (
    Direction,
    Frequency,
    Measurement,
    Objective,
    ObjectiveStep,
)
from qmsdesk.core.db.models_planning import (
    ContextIssue,
    InterestedParty,
    IssueSide,
    Process,
    ProcessKind,
)
from qmsdesk.core.db.models_risks import (
    ReviewOutcome,
    Risk,
    RiskKind,
    RiskReview,
    RiskSourceKind,
    Treatment,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.reviews import ReviewFields

TARGETS = {
    "Risks tab shown": 0.3,
    "Objectives tab shown": 0.3,
    "objectives PDF": 3.0,
    "draft review inputs": 0.5,
}
USER = "benchmark"


def _insert(session: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    insert_many(session, model.__table__, rows)


def _now() -> dt.datetime:
    return dt.datetime.now()


def generate_planning(
    db: Database, *, n_risks: int = 2_000, n_objectives: int = 200, years: int = 10
) -> None:
    """Add the planning registers' data to `db` (people are made if it has none)."""
    rng = random.Random(6100)
    on = dt.date.today()
    with db.write() as s:
        person_ids = list(s.scalars(select(Person.id)))
        if not person_ids:
            for n in range(200):
                people.create_person(
                    s,
                    people.PersonFields(f"B{n:04d}", f"Person {n:04d} Ørsted", "Production"),
                    USER,
                )
            person_ids = list(s.scalars(select(Person.id)))
        stamp = {"created_at": _now(), "updated_at": _now()}
        _insert(
            s,
            Process,
            [
                {
                    "code": f"P-{n:02d}",
                    "name": f"Process {n:02d}",
                    "kind": list(ProcessKind)[n % 3],
                    "owner_id": rng.choice(person_ids),
                    **stamp,
                }
                for n in range(20)
            ],
        )
        _insert(
            s,
            ContextIssue,
            [
                {
                    "reference": f"CI-{n:03d}",
                    "side": list(IssueSide)[n % 2],
                    "title": f"Context issue {n}",
                    **stamp,
                }
                for n in range(60)
            ],
        )
        _insert(
            s,
            InterestedParty,
            [{"name": f"Party {n:02d}", **stamp} for n in range(30)],
        )
        processes = list(s.scalars(select(Process.id)))
        issues = list(s.scalars(select(ContextIssue.id)))
        parties = list(s.scalars(select(InterestedParty.id)))
        rows = []
        for n in range(n_risks):
            kind = RiskKind.OPPORTUNITY if n % 5 == 0 else RiskKind.RISK
            source = list(RiskSourceKind)[n % 3]
            lik, con = rng.randint(1, 5), rng.randint(1, 5)
            rated = n % 3 != 0
            rows.append(
                {
                    "reference": f"{'OPP' if kind == RiskKind.OPPORTUNITY else 'R'}-{n:05d}",
                    "kind": kind,
                    "title": f"Risk number {n} of the big company",
                    "description": "Cause, event and effect of the risk, in a sentence or two.",
                    "source_kind": source,
                    "issue_id": rng.choice(issues)
                    if source == RiskSourceKind.CONTEXT_ISSUE
                    else None,
                    "party_id": rng.choice(parties)
                    if source == RiskSourceKind.INTERESTED_PARTY
                    else None,
                    "process_id": rng.choice(processes),
                    "owner_id": rng.choice(person_ids),
                    "likelihood": lik,
                    "consequence": con,
                    "treatment": Treatment.PURSUE
                    if kind == RiskKind.OPPORTUNITY
                    else Treatment.REDUCE,
                    "treatment_plan": "What is done about it.",
                    "residual_likelihood": max(1, lik - 1) if rated else None,
                    "residual_consequence": con if rated else None,
                    "identified_on": on - dt.timedelta(days=rng.randint(30, 2000)),
                    "next_review": on + dt.timedelta(days=rng.randint(-60, 365)),
                    "note": "",
                    **stamp,
                }
            )
        _insert(s, Risk, rows)
        risk_ids = list(s.scalars(select(Risk.id)))
        actions = []
        for n, rid in enumerate(risk_ids):
            for k in range(2):
                raised = on - dt.timedelta(days=rng.randint(10, 700))
                closed = (n + k) % 3 == 0
                done = min(on, raised + dt.timedelta(days=30))
                actions.append(
                    {
                        "reference": f"RA-{n:05d}-{k}",
                        "title": "Action on a risk",
                        "kind": ActionKind.OTHER,
                        "source_kind": ActionSource.RISK,
                        "source_ref": f"R-{n:05d}",
                        "source_id": rid,
                        "process": "",
                        "problem": "",
                        "correction": "",
                        "correction_on": None,
                        "whys": "",
                        "root_cause": "",
                        "corrective_action": "Do it",
                        "owner_id": rng.choice(person_ids),
                        "raised_on": raised,
                        "due_date": raised + dt.timedelta(days=60),
                        "completed_on": done if closed else None,
                        "verify_due": None,
                        "verified_on": done if closed else None,
                        "verified_by_id": person_ids[0] if closed else None,
                        "effective": True if closed else None,
                        "verification_note": "",
                        "status": ActionStatus.CLOSED if closed else ActionStatus.OPEN,
                        "closed_on": done if closed else None,
                        "note": "",
                        **stamp,
                    }
                )
        _insert(s, Action, actions)
        _insert(
            s,
            RiskReview,
            [
                {
                    "risk_id": rid,
                    "reviewed_on": on - dt.timedelta(days=rng.randint(1, 400)),
                    "reviewed_by_id": rng.choice(person_ids),
                    "outcome": list(ReviewOutcome)[n % 3],
                    "note": "What was seen.",
                    "created_at": _now(),
                }
                for n, rid in enumerate(risk_ids[::2])
            ],
        )
        first = add_months(dt.date(on.year, on.month, 1), -12 * years)
        _insert(
            s,
            Objective,
            [
                {
                    "code": f"OBJ-{n:03d}",
                    "title": f"Objective {n} of the big company",
                    "commitment": "Policy: right first time",
                    "process_id": rng.choice(processes),
                    "owner_id": rng.choice(person_ids),
                    "measure": f"Measure {n}",
                    "unit": "%",
                    "direction": Direction.HIGHER if n % 2 else Direction.LOWER,
                    "target": 95.0 if n % 2 else 2.0,
                    "warning": 92.0 if n % 2 else 2.5,
                    "frequency": Frequency.MONTHLY,
                    "measured_from": first,
                    "note": "",
                    **stamp,
                }
                for n in range(n_objectives)
            ],
        )
        objective_ids = list(s.scalars(select(Objective.id).order_by(Objective.id)))
        steps, values = [], []
        for n, oid in enumerate(objective_ids):
            for k in range(3):
                steps.append(
                    {
                        "objective_id": oid,
                        "position": k + 1,
                        "what": f"Step {k + 1} of the plan",
                        "resources": "Time",
                        "who_id": rng.choice(person_ids),
                        "due": on + dt.timedelta(days=30 * k),
                        "evaluation": "The measure",
                        "action_id": None,
                        "done_on": None,
                    }
                )
            base = 94.0 if n % 2 else 2.2
            for m in range(12 * years - (4 if n % 10 == 0 else 0)):
                period = add_months(first, m)
                values.append(
                    {
                        "objective_id": oid,
                        "period": period,
                        "value": round(base + rng.uniform(-3, 3) * (1 if n % 2 else 0.2), 2),
                        "comment": "",
                        "entered_by": "Benchmark",
                        "entered_on": add_months(period, 1),
                    }
                )
        _insert(s, ObjectiveStep, steps)
        _insert(s, Measurement, values)


def _timed(runs: int, job: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _tab_shown(db: Database, class_name: str) -> Callable[[], object]:
    """Build the tab, open the file in it, show it and paint it (heat maps and chart too)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from qmsdesk.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    module = {
        "RisksTab": "qmsdesk.gui.risks_tab",
        "ObjectivesTab": "qmsdesk.gui.objectives_tab",
        "ActionsTab": "qmsdesk.gui.actions_tab",
    }[class_name]
    cls = getattr(__import__(module, fromlist=[class_name]), class_name)
    settings = Settings()

    def show() -> None:
        tab = cls(settings)
        tab.resize(1366, 700)
        tab.set_database(db)
        tab.show()
        app.processEvents()
        tab.repaint()
        tab.close()
        tab.deleteLater()
        app.processEvents()

    return show


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--risks", type=int, default=2_000)
    parser.add_argument("--objectives", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--company",
        action="store_true",
        help="on bench_reviews' large company (50,000 documents, 2,000 people...)",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="leave the files in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: reuse the company")
    args = parser.parse_args()
    from qmsdesk.core.exchange import objectives_pdf, risks_pdf

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / ("planning-company.qmsdb" if args.company else "planning-bench.qmsdb")
        if args.reuse and args.keep and path.exists():
            db = open_database(path)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            start = time.perf_counter()
            if args.company:
                from benchmarks import bench_reviews

                db = bench_reviews.generate(
                    path,
                    documents=50_000,
                    n_people=2_000,
                    n_items=120,
                    n_audits=500,
                    n_actions=20_000,
                )
            else:
                db = open_database(path, create=True)
            generate_planning(
                db, n_risks=args.risks, n_objectives=args.objectives, years=args.years
            )
            print(f"Generated the company in {time.perf_counter() - start:.1f} s")
        with db.write() as s:
            on = dt.date.today()
            found = reviews.all_reviews(s)
            rid = (
                found[0].id
                if found
                else reviews.create_review(
                    s,
                    ReviewFields(on, add_months(on, -12) + dt.timedelta(days=1), on),
                    USER,
                    draft=False,
                )
            )
        try:

            def draft() -> None:
                with db.read() as s:
                    reviews.draft_inputs(s, rid)

            results = {
                "Risks tab shown": _timed(args.runs, _tab_shown(db, "RisksTab")),
                "Objectives tab shown": _timed(args.runs, _tab_shown(db, "ObjectivesTab")),
                # For comparison on the same machine and load: the Actions tab (4,000 actions).
                "Actions tab shown": _timed(args.runs, _tab_shown(db, "ActionsTab")),
                "objectives PDF": _timed(
                    args.runs,
                    lambda: objectives_pdf.write_objectives(db, folder / "objectives.pdf"),
                ),
                "risks PDF": _timed(
                    args.runs, lambda: risks_pdf.write_risks(db, folder / "risks.pdf")
                ),
                "draft review inputs": _timed(args.runs, draft),
            }
            size = (folder / "objectives.pdf").stat().st_size
            print(f"objectives PDF: {size:,} bytes")
        finally:
            db.close()
        for name, (best, median) in results.items():
            target = TARGETS.get(name)
            verdict = "" if target is None else ("  OK" if median < target else "  TOO SLOW")
            goal = f" (target {target:.1f} s)" if target else ""
            times = f"best {best * 1000:7.0f} ms  median {median * 1000:7.0f} ms"
            print(f"{name:<24} {times}{goal}{verdict}")


if __name__ == "__main__":
    main()
