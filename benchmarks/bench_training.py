"""Time the training matrix on a large company: 2,000 people x 300 items, 120,000 records.

Usage: .venv/bin/python -m benchmarks.bench_training [--people 2000] [--items 300]
           [--records 120000] [--runs 3] [--keep DIR] [--skip-gui]

Targets (issue 3):
- the matrix model builds in under 1 s (the core's one-pass status of every cell, and the GUI's
  table model built on it);
- the PDF of a 250 x 150 matrix in under 5 s;
- exporting the 2,000 x 300 matrix to Excel in under 10 s.
Each figure is the best and the median wall time of --runs runs.

The generator writes through the core's bulk services (the same rules and change history as an
import): 40 job roles needing 40 to 60 items each, every person in one or two roles, and records
spread over the last six years, so that every status shows up.
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

from qmsdesk.core import people, training
from qmsdesk.core.db import Database, open_database

TARGETS = {"matrix model": 1.0, "PDF 250 x 150": 5.0, "Excel export": 10.0, "GUI model": 1.0}
_DEPARTMENTS = (
    "Production",
    "Quality",
    "Maintenance",
    "Logistics",
    "Engineering",
    "Sales",
    "Purchasing",
    "Administration",
)
_CATEGORIES = ("Skills", "Safety", "Quality", "Read and understood", "Management", "ISO 9001")
_FIRST = (
    "Anna",
    "Ben",
    "Chloé",
    "Dmitri",
    "Ewa",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kofi",
    "Łukasz",
    "Maya",
    "Noah",
    "Olga",
    "Priya",
    "Rui",
    "Søren",
    "Tomás",
    "Yara",
)
_LAST = (
    "Adeyemi",
    "Brown",
    "Costa",
    "Dvořák",
    "Evans",
    "Fischer",
    "García",
    "Hollis",
    "Ivanova",
    "Khan",
    "Lindqvist",
    "Martin",
    "Nowak",
    "Ó Briain",
    "Ørsted",
    "Raman",
    "Smith",
    "Żółć",
)


def generate(
    path: Path, n_people: int = 2000, n_items: int = 300, n_records: int = 120_000
) -> Database:
    rng = random.Random(7)
    on = dt.date.today()
    db = open_database(path, create=True)
    roles = [f"Role {n:02d}" for n in range(40)]
    with db.write() as s:
        created = [
            people.PersonFields(
                employee_no=f"P{n:05d}",
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {n}",
                department=_DEPARTMENTS[n % len(_DEPARTMENTS)],
                roles=tuple(rng.sample(roles, rng.choice((1, 1, 2)))),
                start_date=on - dt.timedelta(days=rng.randint(30, 6000)),
            )
            for n in range(n_people)
        ]
        person_ids = people.save_many(s, created, [], "benchmark", action="create")
        items = [
            training.ItemFields(
                code=f"TR-{n:03d}",
                title=f"Training item number {n} with a longer title",
                category=_CATEGORIES[n % len(_CATEGORIES)],
                validity_months=rng.choice((None, 12, 24, 36)),
                max_level=rng.choice((1, 3, 4)),
            )
            for n in range(n_items)
        ]
        item_ids = training.save_items_many(s, items, [], "benchmark", action="create")
        levels = dict(zip(item_ids, (i.max_level for i in items), strict=True))
        role_ids = people.ids_by_role(s)
        needs = []
        for role in roles:
            for iid in rng.sample(item_ids, rng.randint(40, 60)):
                needs.append((role_ids[people.key(role)], iid, rng.randint(1, levels[iid])))
        training.save_requirements_many(s, needs, [], "benchmark", action="create")
        # Records where they are needed mostly, some elsewhere.
        by_role: dict[int, list[int]] = {}
        for role_id, iid, _level in needs:
            by_role.setdefault(role_id, []).append(iid)
        pairs: set[tuple[int, int]] = set()
        per_person = max(1, n_records // n_people)
        for pid, f in zip(person_ids, created, strict=True):
            wanted = [i for r in f.roles for i in by_role[role_ids[people.key(r)]]]
            chosen = set(rng.sample(wanted, min(len(wanted), per_person)))
            while len(chosen) < per_person:
                chosen.add(rng.choice(item_ids))
            pairs.update((pid, iid) for iid in chosen)
        records = [
            (
                pid,
                iid,
                training.RecordFields(
                    trained_on=on - dt.timedelta(days=rng.randint(1, 2200)),
                    level=rng.randint(1, levels[iid]),
                    trainer="Bench Trainer Ltd",
                    hours=2.0,
                ),
            )
            for pid, iid in sorted(pairs)[:n_records]
        ]
        training.insert_records(s, records, "benchmark", action="create")
    return db


def _timed(runs: int, job: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--records", type=int, default=120_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="leave the files in this folder")
    parser.add_argument("--skip-gui", action="store_true", help="do not time the Qt model")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "training-bench.qmsdb"
        if path.exists():
            db = open_database(path)
        else:
            start = time.perf_counter()
            db = generate(path, args.people, args.items, args.records)
            print(f"generated in {time.perf_counter() - start:.1f} s")
        results = {}
        try:
            with db.read() as s:
                start = time.perf_counter()
                m = training.compute_matrix(s)
                first = time.perf_counter() - start
            records = sum(1 for _ in m.records)
            print(
                f"{m.shape[0]:,} people x {m.shape[1]:,} items, {records:,} person-item pairs "
                f"with records; cells: {m.totals()}"
            )

            def build() -> None:
                with db.read() as s:
                    training.compute_matrix(s)

            results["matrix model"] = _timed(args.runs, build)
            if not args.skip_gui:
                results["GUI model"] = _timed(args.runs, lambda: _gui_model(db))
            from qmsdesk.core.exchange import training_xlsx

            book = folder / "training.xlsx"
            results["Excel export"] = _timed(
                args.runs, lambda: training_xlsx.export_training(db, book)
            )
            size = book.stat().st_size
            try:
                from qmsdesk.core.exchange import training_pdf
            except ImportError:
                training_pdf = None  # type: ignore[assignment]
            if training_pdf is not None:
                with db.read() as s:
                    wanted = training.compute_matrix(s)
                query = training.MatrixQuery(
                    person_ids=frozenset(p.id for p in wanted.people[:250]),
                    item_ids=frozenset(i.id for i in wanted.items[:150]),
                )
                pdf = folder / "matrix.pdf"
                results["PDF 250 x 150"] = _timed(
                    args.runs,
                    lambda: training_pdf.write_matrix(db, pdf, query=query, paper="A3"),
                )
        finally:
            db.close()
    print(f"first build (cold) {first:.3f} s; workbook {size / 1e6:.1f} MB")
    print(f"best / median of {args.runs} runs")
    for name, (best, median) in results.items():
        target = TARGETS[name]
        verdict = "ok" if best < target else "OVER"
        print(f"  {name:<16} {best:6.3f} s / {median:6.3f} s   (target {target:g} s: {verdict})")


def _gui_model(db: Database) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from qmsdesk.gui.models.training_matrix_model import TrainingMatrixModel

    _app = QApplication.instance() or QApplication([])
    with db.read() as s:
        matrix = training.compute_matrix(s)
    model = TrainingMatrixModel()
    model.set_matrix(matrix)
    assert model.rowCount() == matrix.shape[0]


if __name__ == "__main__":
    main()
