"""The demo company's people, job roles, training items, requirements and training history.

Written by :func:`write_training`, which :func:`qmsdesk.core.demo.fill` calls first after the
documents. Dates are set relative to the day the demo is written, so that the matrix always shows
valid training, some expiring soon, some expired, levels below the required one, a new starter not
yet trained, and retraining caused by a document revision (WI-QC-02 gets a new revision after
people read the one before it).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import documents, people, training
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models import Document
from qmsdesk.core.demo_company import PEOPLE
from qmsdesk.core.training import ItemFields, RecordFields

# Company-specific items besides the starter catalogue: skills, safety, "read and understood".
_ITEMS = (
    ItemFields(
        "SK-HS",
        "Health and safety induction",
        "Health and safety",
        "Classroom",
        36,
        description="Site rules, machine guarding, lifting, hazardous substances, emergencies.",
    ),
    ItemFields("SK-FA", "First aid at work", "Health and safety", "External course", 36),
    ItemFields("SK-FIRE", "Fire warden", "Health and safety", "External course", 24),
    ItemFields("SK-FLT", "Forklift truck licence", "Health and safety", "External course", 36),
    ItemFields(
        "SK-CNC",
        "CNC turning and milling",
        "Production skills",
        "On the job",
        None,
        max_level=4,
        description="Level 2: runs proven programs under supervision; 3: sets up and proves "
        "out alone; 4: trains others.",
    ),
    ItemFields(
        "SK-CMM",
        "CMM programming and measurement",
        "Quality skills",
        "External course",
        None,
        max_level=4,
    ),
    ItemFields(
        "RU-QP-07-01",
        "Read and understood: Control of documented information",
        "Read and understood",
        "Read and understood",
        None,
        "QP-07-01",
    ),
    ItemFields(
        "RU-WI-PRD-01",
        "Read and understood: Setting up the NLX 2500 lathe",
        "Read and understood",
        "Read and understood",
        None,
        "WI-PRD-01",
    ),
    ItemFields(
        "RU-WI-QC-02",
        "Read and understood: Thread gauge checks",
        "Read and understood",
        "Read and understood",
        None,
        "WI-QC-02",
    ),
)

_MANAGERS = (
    "Managing Director",
    "Quality Manager",
    "Production Manager",
    "Purchasing Manager",
    "Sales Manager",
    "Engineering Manager",
    "HR and Office Manager",
)
_PRODUCTION = ("CNC Machinist", "Setter / Operator", "Production Supervisor")

# role -> [(item code, required level)]
_ROLE_NEEDS: dict[str, list[tuple[str, int]]] = {
    **{role: [("TR-MR", 3), ("TR-RISK", 2), ("RU-QP-07-01", 1)] for role in _MANAGERS},
    "Quality Manager": [
        ("TR-MR", 3),
        ("TR-RISK", 3),
        ("RU-QP-07-01", 1),
        ("TR-IA", 4),
        ("TR-DOC", 3),
        ("TR-CAPA", 3),
        ("TR-CERT", 1),
        *((f"TR-ISO-{n:02d}", 3) for n in range(4, 11)),
    ],
    "Quality Inspector": [
        ("SK-CMM", 3),
        ("RU-WI-QC-02", 1),
        ("TR-CAPA", 2),
        ("TR-IA", 3),
    ],
    "CNC Machinist": [("SK-CNC", 3), ("RU-WI-PRD-01", 1), ("RU-WI-QC-02", 1)],
    "Setter / Operator": [("SK-CNC", 2), ("RU-WI-PRD-01", 1)],
    "Production Supervisor": [
        ("SK-CNC", 4),
        ("TR-CAPA", 3),
        ("RU-WI-PRD-01", 1),
        ("RU-WI-QC-02", 1),
    ],
    "Stores and Dispatch Lead": [("SK-FLT", 1)],
    "Storekeeper": [("SK-FLT", 1)],
}
_EVERYONE = [("TR-AWARE", 1), ("SK-HS", 1)]

# name -> [(item code, level, reason)]
_EXTRAS = {
    "Fiona Grant": [("SK-FA", 1, "Appointed first aider for the office")],
    "Ian Fletcher": [("SK-FA", 1, "Appointed first aider for the shop floor")],
    "Ruth Evans": [("SK-FIRE", 1, "Fire warden for the warehouse")],
    "Jonas Lindqvist": [("TR-IA", 3, "Second internal auditor from 2026")],
}

# Who reports to whom (by name); everyone else reports to their department's manager.
_REPORTS_TO = {
    "Łukasz Żółć": "Margaret Hollis",
    "Anders Ørsted": "Margaret Hollis",
    "Sarah Whitfield": "Margaret Hollis",
    "Olivia Bennett": "Margaret Hollis",
    "Aisha Khan": "Margaret Hollis",
    "Fiona Grant": "Margaret Hollis",
    "Ruth Evans": "Anders Ørsted",
    "Ian Fletcher": "Anders Ørsted",
    "Grace Adeyemi": "Anders Ørsted",
}
_DEPARTMENT_HEAD = {
    "Quality": "Łukasz Żółć",
    "Production": "Grace Adeyemi",
    "Maintenance": "Ian Fletcher",
    "Purchasing": "Sarah Whitfield",
    "Sales": "Olivia Bennett",
    "Engineering": "Aisha Khan",
    "Logistics": "Ruth Evans",
}
_NEW_STARTER = "Marek Dvořák"
_QM = "Łukasz Żółć"
_LEAVER = ("Paul Ashby", "CNC Machinist", "Production")


def employee_no(index: int) -> str:
    return f"KPC-{index + 1:03d}"


def write_training(session: Session, on: dt.date, user: str) -> None:
    """The people, roles, training items, requirements and history (needs the documents)."""
    rng = random.Random(7202)
    training.add_catalogue(session, user)
    training.save_items_many(session, list(_ITEMS), [], user, action="create")
    numbers = {p.name: employee_no(i) for i, p in enumerate(PEOPLE)}
    numbers[_LEAVER[0]] = employee_no(len(PEOPLE))
    start: dict[str, dt.date] = {}
    created = []
    for person in PEOPLE:
        years = rng.randint(3, 15) if person.name != _NEW_STARTER else 0
        start[person.name] = (
            on - dt.timedelta(days=20)
            if person.name == _NEW_STARTER
            else add_months(on, -12 * years - rng.randint(0, 11))
        )
        head = _REPORTS_TO.get(person.name) or _DEPARTMENT_HEAD.get(person.department)
        if person.name == "Margaret Hollis" or head == person.name:
            head = "Margaret Hollis" if person.name != "Margaret Hollis" else None
        created.append(
            people.PersonFields(
                employee_no=numbers[person.name],
                name=person.name,
                department=person.department,
                roles=(person.role,),
                manager_no=numbers[head] if head else "",
                start_date=start[person.name],
            )
        )
    start[_LEAVER[0]] = add_months(on, -70)
    created.append(
        people.PersonFields(
            employee_no=numbers[_LEAVER[0]],
            name=_LEAVER[0],
            department=_LEAVER[2],
            roles=(_LEAVER[1],),
            manager_no=numbers["Grace Adeyemi"],
            start_date=start[_LEAVER[0]],
            leaving_date=add_months(on, -8),  # as in _history
            note="Left for a job abroad; his records are kept.",
        )
    )
    ids = dict(
        zip(
            [f.name for f in created],
            people.save_many(session, created, [], user, action="create"),
            strict=True,
        )
    )
    roles = people.ids_by_role(session)
    items = training.ids_by_item_code(session)
    for role, needs in _ROLE_NEEDS.items():
        for code, level in dict([*_EVERYONE, *needs]).items():
            training.set_role_requirement(
                session, roles[people.key(role)], items[people.key(code)], level, user
            )
    for role in {p.role for p in PEOPLE} - set(_ROLE_NEEDS):
        for code, level in _EVERYONE:
            training.set_role_requirement(
                session, roles[people.key(role)], items[people.key(code)], level, user
            )
    for name, extras in _EXTRAS.items():
        for code, level, reason in extras:
            training.set_person_requirement(
                session, ids[name], items[people.key(code)], level, user, reason
            )
    _history(session, rng, on, ids, start, items, user)
    _revise_thread_gauge_instruction(session, on, user)


def _history(
    session: Session,
    rng: random.Random,
    on: dt.date,
    ids: dict[str, int],
    start: dict[str, dt.date],
    items: dict[str, int],
    user: str,
) -> None:
    """Training given over the years, with the states a real matrix shows."""
    role_of = {p.name: p.role for p in PEOPLE}
    role_of[_LEAVER[0]] = _LEAVER[1]
    needs: dict[str, dict[str, int]] = {}
    for name, role in role_of.items():
        wanted = dict([*_EVERYONE, *_ROLE_NEEDS.get(role, [])])
        for code, level, _reason in _EXTRAS.get(name, []):
            wanted[code] = level
        needs[name] = wanted
    records: list[tuple[int, int, RecordFields]] = []
    effective = {}
    validity = {}
    for item in training.all_items(session):
        validity[item.code] = item.validity_months
        if item.document_id is not None:
            row = documents.get_row(session, item.document_id)
            assert row.effective_date is not None
            effective[item.code] = row.effective_date

    # Special cases first: (name, item) -> what happened.
    special: dict[tuple[str, str], tuple[int, int]] = {
        # days ago, level
        ("Kevin Marsh", "TR-AWARE"): (24 * 30 + 40, 1),  # expired
        ("Bartosz Nowak", "TR-AWARE"): (24 * 30 + 90, 1),  # expired
        ("Noah Fischer", "TR-AWARE"): (24 * 30 - 15, 1),  # expiring soon
        ("Emily Tran", "TR-AWARE"): (24 * 30 - 5, 1),  # expiring soon
        ("Łukasz Żółć", "TR-CERT"): (12 * 30 - 12, 1),  # expiring soon
        ("Priya Raman", "TR-IA"): (37 * 30, 3),  # expired
        ("Tomás Ó Briain", "SK-CMM"): (200, 2),  # below the level required
        ("Dmitri Volkov", "SK-CNC"): (300, 2),  # below the level required
        ("Marek Dvořák", "SK-FLT"): (3 * 365 + 60, 1),  # expired (from his last employer)
        ("Ian Fletcher", "SK-FA"): (36 * 30 + 5, 1),  # expiring soon
        ("Margaret Hollis", "TR-RISK"): (400, 1),  # below the level required
    }
    never = {
        ("Marek Dvořák", "TR-AWARE"),  # the new starter: not trained yet
        ("Olivia Bennett", "TR-MR"),
        ("Jonas Lindqvist", "TR-IA"),
    }

    def add(name: str, code: str, day: dt.date, level: int, **extra: Any) -> None:
        if (name, code) not in special:
            day = max(day, start[name])
        if name == _LEAVER[0]:
            # Trained while he was here: records end before his leaving date.
            left = add_months(on, -8)
            day = min(day, left - dt.timedelta(days=14))
            checked = extra.get("effectiveness_date")
            if isinstance(checked, dt.date) and checked >= left:
                extra["effectiveness_date"] = left - dt.timedelta(days=1)
        trainer = extra.pop("trainer", None) or _TRAINERS.get(code, "Łukasz Żółć")
        hours = extra.pop("hours", None) or _HOURS.get(code)
        result = extra.pop("result", "") or ("Pass" if code.startswith(("SK-F", "TR-IA")) else "")
        if not result and code.startswith("TR-ISO") and level >= 3:
            # A classroom course shows understanding; competence on a clause needs a test.
            result = "Written test passed"
        records.append(
            (
                ids[name],
                items[people.key(code)],
                RecordFields(
                    trained_on=day,
                    level=level,
                    trainer=str(trainer),
                    hours=hours,
                    result=str(result),
                    **extra,
                ),
            )
        )

    for name, wanted in needs.items():
        for code, level in wanted.items():
            if (name, code) in never:
                continue
            if (name, code) in special:
                days, reached = special[(name, code)]
                add(name, code, on - dt.timedelta(days=days), reached)
                continue
            if code == "SK-HS":
                add(name, code, start[name] + dt.timedelta(days=rng.randint(0, 3)), 1)
                if (on - start[name]).days > 3 * 365:
                    add(name, code, on - dt.timedelta(days=rng.randint(30, 700)), 1)
                continue
            months = validity[code]
            latest = months * 30 - 60 if months else 1500
            days = rng.randint(20, max(40, latest))
            if code.startswith("RU-"):
                # Read after the revision in force took effect (WI-QC-02 is revised later on).
                in_force = effective[code]
                days = rng.randint(30, max(31, (on - in_force).days - 1))
            day = max(on - dt.timedelta(days=days), start[name])
            extra: dict[str, object] = {}
            checked = day + dt.timedelta(days=rng.randint(30, 90))
            effective_check = code in ("TR-CAPA", "SK-CMM", "SK-CNC", "TR-MR", "TR-IA")
            if effective_check and checked < on and rng.random() < 0.7:
                extra = {
                    "effectiveness_method": rng.choice(_METHODS),
                    "effectiveness_date": checked,
                    "effectiveness_by": "Margaret Hollis" if name == _QM else _QM,
                    "effectiveness_outcome": rng.choice(_OUTCOMES),
                }
            add(name, code, day, level, **extra)
    # A first, lower level reached years ago, so that transcripts show progression.
    for name in ("Kevin Marsh", "Sofia Almeida", "Grace Adeyemi"):
        add(name, "SK-CNC", start[name] + dt.timedelta(days=120), 2)
    # The leaver's records stay on file.
    training.insert_records(session, records, user, action="record")


def _revise_thread_gauge_instruction(session: Session, on: dt.date, user: str) -> None:
    """A new revision of WI-QC-02 took effect after people had read the one before it."""
    doc_id = session.scalar(select(Document.id).where(Document.code == "WI-QC-02"))
    assert doc_id is not None
    row = documents.get_row(session, doc_id)
    label = chr(ord(row.revision or "A") + 1)
    rev_id = documents.add_revision(
        session,
        doc_id,
        documents.RevisionFields(
            label=label,
            revision_date=on - dt.timedelta(days=25),
            summary="New go/no-go gauges for M6 to M12 threads; checks every 50 parts",
            author="Łukasz Żółć",
        ),
        user,
    )
    day = on - dt.timedelta(days=12)
    documents.approve_revision(session, rev_id, "Margaret Hollis", day, user, effective_date=day)


_TRAINERS = {
    "TR-IA": "Midlands Quality Training Ltd",
    "SK-FA": "St John Ambulance",
    "SK-FIRE": "FireSafe Training",
    "SK-FLT": "RTITB-accredited instructor (Lift Right Ltd)",
    "SK-CMM": "Zeiss Academy",
    "SK-CNC": "Grace Adeyemi",
    "SK-HS": "Fiona Grant",
    "TR-MR": "Margaret Hollis",
}
_HOURS = {
    "TR-AWARE": 2.0,
    "SK-HS": 3.0,
    "TR-IA": 16.0,
    "SK-FA": 18.0,
    "SK-FIRE": 6.0,
    "SK-FLT": 21.0,
    "SK-CMM": 24.0,
    "TR-MR": 4.0,
    "TR-RISK": 3.5,
    "TR-CAPA": 7.0,
    "TR-CERT": 1.5,
    "TR-DOC": 3.0,
}
_METHODS = (
    "Observed at work",
    "Review of records made since",
    "Test of knowledge",
    "Audit of the process",
)
_OUTCOMES = (
    "Effective: applies it correctly",
    "Effective: no errors found in the records sampled",
    "Effective",
    "Partly effective: coached again on the record entries",
)
