"""People and the training matrix: rules, records, statuses of every kind, due list, transcript."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qmsdesk.core import documents, history, people, training
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocType
from qmsdesk.core.db.models_training import TrainingRecord
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.training import CellStatus, ItemFields, RecordFields

ON = dt.date(2026, 6, 15)
USER = "lead"


def person(db: Database, number: str, name: str, *roles: str, **extra: object) -> int:
    with db.write() as s:
        return people.create_person(
            s,
            people.PersonFields(number, name, roles=tuple(roles), **extra),
            USER,  # type: ignore[arg-type]
        )


def item(db: Database, code: str, **extra: object) -> int:
    values = {"title": f"Course {code}", **extra}
    with db.write() as s:
        return training.create_item(s, ItemFields(code, **values), USER)  # type: ignore[arg-type]


def record(
    db: Database, pid: int | list[int], iid: int, day: dt.date, level: int = 1, **kw: object
) -> list[int]:
    pids = pid if isinstance(pid, list) else [pid]
    with db.write() as s:
        return training.record_training(
            s,
            pids,
            iid,
            RecordFields(day, level, **kw),
            USER,
            on=ON,  # type: ignore[arg-type]
        )


def role_needs(db: Database, role: str, iid: int, level: int = 1) -> None:
    with db.write() as s:
        training.set_role_requirement(s, people.ids_by_role(s)[people.key(role)], iid, level, USER)


def matrix(db: Database, **query: object) -> training.Matrix:
    with db.read() as s:
        return training.compute_matrix(s, training.MatrixQuery(**query), on=ON)  # type: ignore[arg-type]


def status_of(m: training.Matrix, pid: int, iid: int) -> CellStatus:
    row, col = m.row_of(pid), m.col_of(iid)
    assert row is not None and col is not None
    return CellStatus(m.status[row][col])


# --- parsing ---------------------------------------------------------------------------------


def test_levels_validity_and_hours_are_read_from_what_people_write() -> None:
    assert training.parse_level("3") == 3
    assert training.parse_level(2.0) == 2
    assert training.parse_level("3 Competent") == 3
    assert training.parse_level("can train others") == 4
    assert training.parse_validity("") is None
    assert training.parse_validity("never") is None
    assert training.parse_validity("24") == 24
    assert training.parse_validity("2 years") == 24
    assert training.parse_hours("7,5") == 7.5
    with pytest.raises(ValueError, match="outside the scale of this item"):
        training.parse_level("5", 3)
    with pytest.raises(ValueError, match=r"1 to 3"):
        training.parse_level(4, 3)
    with pytest.raises(ValueError, match="not a level"):
        training.parse_level("expert")
    with pytest.raises(ValueError, match="whole number of months"):
        training.parse_validity("1.5")
    with pytest.raises(ValueError, match="not a number of months"):
        training.parse_validity("soon")
    with pytest.raises(ValueError, match="between 0 and"):
        training.parse_hours("-2")


def test_person_fields_collect_every_problem() -> None:
    f, problems = people.person_fields_from_values(
        {
            "employee_no": "",
            "name": "x" * 130,
            "start_date": "2026-05-01",
            "leaving_date": "2026-04-01",
        }
    )
    assert f is None
    assert {p.field for p in problems} == {"employee_no", "name", "leaving_date"}
    f, problems = people.person_fields_from_values(
        {"employee_no": " E-7 ", "name": "Ann  Lee", "roles": "Inspector; Buyer;inspector"}
    )
    assert problems == [] and f is not None
    assert (f.employee_no, f.name, f.roles) == ("E-7", "Ann Lee", ("Inspector", "Buyer"))


def test_record_fields_refuse_a_future_date_and_a_level_outside_the_scale() -> None:
    f, problems = training.record_fields_from_values(
        {"trained_on": "2026-06-16", "level": "4"}, max_level=3, on=ON
    )
    assert f is None
    by_field = {p.field: p.message for p in problems}
    assert "level" in by_field and "1 to 3" in by_field["level"]
    f, problems = training.record_fields_from_values(
        {"trained_on": "2026-06-16", "level": "1"}, max_level=3, on=ON
    )
    assert f is None and [p.field for p in problems] == ["trained_on"]
    assert "in the future" in problems[0].message
    f, problems = training.record_fields_from_values(
        {"trained_on": "2026-06-01", "effectiveness_date": "2026-05-01"}, on=ON
    )
    assert f is None and [p.field for p in problems] == ["effectiveness_date"]


# --- people ----------------------------------------------------------------------------------


def test_people_with_roles_and_managers(db: Database) -> None:
    boss = person(db, "E1", "Margaret Hollis", "Managing Director", department="Management")
    pid = person(db, "E2", "Łukasz Żółć", "Quality Manager", "Internal auditor", manager_no="e1")
    with db.read() as s:
        row = people.get_person(s, pid)
        assert row.roles == ("Internal auditor", "Quality Manager")
        assert (row.manager_id, row.manager_name) == (boss, "Margaret Hollis")
        assert people.role_names(s) == ["Internal auditor", "Managing Director", "Quality Manager"]
    with pytest.raises(ValidationError, match="somebody else already has the number"):
        person(db, "e2", "Someone")
    with pytest.raises(ValidationError, match="nobody with the employee number 'E9'"):
        person(db, "E3", "Someone", manager_no="E9")
    with db.write() as s, pytest.raises(ValidationError, match="own manager"):
        f = people.get_person(s, boss).fields()
        people.update_person(
            s, boss, people.PersonFields(**{**f.__dict__, "manager_no": "E2"}), USER
        )


def test_editing_a_person_records_each_changed_field(db: Database) -> None:
    pid = person(db, "E1", "Ann", "Inspector")
    with db.write() as s:
        f = people.get_person(s, pid).fields()
        changed = people.update_person(
            s,
            pid,
            people.PersonFields(f.employee_no, "Ann Lee", "Quality", ("Inspector", "Buyer")),
            USER,
        )
    assert changed == ["Name", "Department", "Job roles"]
    with db.read() as s:
        rows = people.history_of(s, pid)
        assert [r.field for r in rows[:3]] == ["Job roles", "Department", "Name"]  # newest first
        assert (rows[2].old_value, rows[2].new_value) == ("Ann", "Ann Lee")
        assert history.verify_chain(s) == []


def test_a_person_with_records_cannot_be_deleted_only_marked_as_left(db: Database) -> None:
    pid = person(db, "E1", "Ann", "Inspector")
    other = person(db, "E2", "Bob")
    iid = item(db, "C1")
    record(db, pid, iid, dt.date(2026, 1, 5))
    with db.write() as s, pytest.raises(ValidationError, match="leaving date instead"):
        people.delete_person(s, pid, USER)
    with db.write() as s:
        people.delete_person(s, other, USER)  # nothing refers to Bob
        people.mark_left(s, pid, dt.date(2026, 3, 1), USER)
    with db.read() as s:
        assert [p.name for p in people.all_people(s)] == ["Ann"]
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == 1
    assert matrix(db).people == []  # left: hidden from the matrix by default
    assert [p.name for p in matrix(db, include_left=True).people] == ["Ann"]


def test_a_role_someone_holds_cannot_be_deleted(db: Database) -> None:
    person(db, "E1", "Ann", "Inspector")
    with db.write() as s:
        role_id = people.ids_by_role(s)["inspector"]
        empty = people.create_role(s, "Buyer", USER)
        people.delete_role(s, empty, USER)
        with pytest.raises(ValidationError, match="1 person holds the role 'Inspector'"):
            people.delete_role(s, role_id, USER)


# --- items -----------------------------------------------------------------------------------


def test_the_starter_catalogue_is_added_with_one_call_and_only_once(db: Database) -> None:
    with db.write() as s:
        added = training.add_catalogue(s, USER)
    assert "TR-AWARE" in added and "TR-IA" in added and "TR-CERT" in added
    assert {f"TR-ISO-{n:02d}" for n in range(4, 11)} <= set(added)
    with db.write() as s:
        assert training.add_catalogue(s, USER) == []
        items = training.all_items(s)
    assert len(items) == len(added) == len(training.catalogue())
    principles = next(i for i in items if i.code == "TR-PRINC")
    for word in (
        "customer focus",
        "leadership",
        "engagement of people",
        "process approach",
        "improvement",
        "evidence-based decision making",
        "relationship management",
    ):
        assert word in principles.description
    titles = " ".join(i.title.lower() for i in items)
    for topic in ("document control", "internal auditor", "management review", "risk-based",
                  "corrective action", "continual improvement", "certification audit"):  # fmt: skip
        assert topic in titles


def test_an_item_with_records_cannot_be_deleted_only_archived(db: Database) -> None:
    pid = person(db, "E1", "Ann", "Inspector")
    iid = item(db, "C1")
    spare = item(db, "C2")
    role_needs(db, "Inspector", iid)
    record(db, pid, iid, dt.date(2026, 1, 5))
    with db.write() as s, pytest.raises(ValidationError, match="archive it instead"):
        training.delete_item(s, iid, USER)
    with db.write() as s:
        training.delete_item(s, spare, USER)
        training.set_archived(s, iid, True, USER)
    assert matrix(db).items == []
    with db.read() as s:
        assert [i.code for i in training.all_items(s)] == ["C1"]
        assert len(training.record_rows(s, item_id=iid)) == 1
    with db.write() as s, pytest.raises(ValidationError, match="archived"):
        training.record_training(s, [pid], iid, RecordFields(dt.date(2026, 2, 1)), USER, on=ON)


def test_an_item_links_to_a_document_and_refuses_an_unknown_one(db: Database) -> None:
    with db.write() as s:
        documents.create_document(
            s, documents.DocumentFields("WI-01", "Lathe", DocType.WORK_INSTRUCTION), USER
        )
        iid = training.create_item(s, ItemFields("RU-1", "Read WI-01", document_code="wi-01"), USER)
        assert training.get_item(s, iid).document_code == "WI-01"
        with pytest.raises(ValidationError, match="no document 'WI-99'"):
            training.create_item(s, ItemFields("RU-2", "Read", document_code="WI-99"), USER)


def test_an_items_scale_cannot_shrink_below_levels_in_use(db: Database) -> None:
    pid = person(db, "E1", "Ann")
    iid = item(db, "C1", max_level=4)
    record(db, pid, iid, dt.date(2026, 1, 5), level=3)
    with db.write() as s, pytest.raises(ValidationError, match="level 3 is already recorded"):
        training.update_item(s, iid, ItemFields("C1", "Course C1", max_level=2), USER)


# --- records ---------------------------------------------------------------------------------


def test_one_session_for_many_attendees_with_evidence(db: Database, tmp_path: Path) -> None:
    ids = [person(db, f"E{n}", f"Person {n}") for n in range(5)]
    iid = item(db, "C1", max_level=3)
    sheet = tmp_path / "attendance.pdf"
    sheet.write_bytes(b"%PDF-1.4 signed attendance sheet")
    with db.write() as s:
        rec_ids = training.record_training(
            s,
            ids,
            iid,
            RecordFields(
                dt.date(2026, 5, 4),
                level=2,
                trainer="Midlands Quality Training",
                hours=7.5,
                result="Pass (82%)",
                effectiveness_method="Observed at work",
                effectiveness_date=dt.date(2026, 6, 1),
                effectiveness_by="Łukasz Żółć",
                effectiveness_outcome="Effective",
            ),
            USER,
            evidence=sheet,
            attachments_dir=db.attachments_dir,
            on=ON,
        )
    assert len(rec_ids) == 5
    digest = hashlib.sha256(sheet.read_bytes()).hexdigest()
    with db.read() as s:
        rows = training.record_rows(s, item_id=iid)
        assert {r.person_id for r in rows} == set(ids)
        r = rows[0]
        assert (r.level, r.hours, r.trainer, r.result) == (2, 7.5, "Midlands Quality Training",
                                                           "Pass (82%)")  # fmt: skip
        assert (r.attachment_name, r.attachment_sha256) == ("attendance.pdf", digest)
        assert (db.attachments_dir / r.attachment_path).read_bytes() == sheet.read_bytes()
        assert (r.effectiveness_method, r.effectiveness_date, r.effectiveness_outcome) == (
            "Observed at work",
            dt.date(2026, 6, 1),
            "Effective",
        )
        assert training.record_history(s, r.id)[0].field in ("Trained", "Evidence")
        assert history.verify_chain(s) == []


def test_recording_refuses_bad_input_and_writes_nothing(db: Database) -> None:
    pid = person(db, "E1", "Ann", leaving_date=dt.date(2026, 1, 31))
    iid = item(db, "C1", max_level=2)
    cases = [
        (RecordFields(dt.date(2026, 7, 1)), "in the future"),
        (RecordFields(dt.date(2026, 1, 10), level=3), "outside the scale"),
        (RecordFields(dt.date(2026, 2, 10)), "left on 31 Jan 2026"),
    ]
    for fields, message in cases:
        with db.write() as s, pytest.raises(ValidationError, match=message):
            training.record_training(s, [pid], iid, fields, USER, on=ON)
    with db.write() as s, pytest.raises(ValidationError, match="listed twice"):
        training.record_training(s, [pid, pid], iid, RecordFields(dt.date(2026, 1, 2)), USER)
    with db.write() as s, pytest.raises(ValidationError, match="left on 31 Jan 2026"):
        training.insert_records(s, [(pid, iid, RecordFields(dt.date(2026, 2, 3)))], USER, on=ON)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == 0


def test_correcting_a_record_and_adding_its_effectiveness_check(db: Database) -> None:
    pid = person(db, "E1", "Ann")
    iid = item(db, "C1", max_level=3)
    (rid,) = record(db, pid, iid, dt.date(2026, 1, 5), level=2)
    with db.write() as s:
        f = training.get_record(s, rid).fields()
        changed = training.update_record(
            s,
            rid,
            RecordFields(
                **{
                    **f.__dict__,
                    "effectiveness_method": "Test",
                    "effectiveness_date": dt.date(2026, 3, 1),
                }
            ),
            USER,
            on=ON,
        )
    assert changed == ["Effectiveness: method", "Effectiveness: date"]
    with db.write() as s:
        training.delete_record(s, rid, USER)
        assert training.record_rows(s) == []
        assert training.record_history(s, rid)[0].action == "delete"


# --- the matrix ------------------------------------------------------------------------------


def test_every_cell_status(db: Database) -> None:
    """Not required, never done, valid, expiring soon, expired, level below, retrain."""
    with db.write() as s:
        doc = documents.create_document(
            s,
            documents.DocumentFields(
                "WI-01",
                "Lathe",
                DocType.WORK_INSTRUCTION,
                documents.DocStatus.EFFECTIVE,
                revision="A",
                effective_date=dt.date(2025, 1, 1),
            ),
            USER,
            documents.Approval("Margaret Hollis", dt.date(2025, 1, 1)),
        )
    ann = person(db, "E1", "Ann", "Machinist")
    bob = person(db, "E2", "Bob", "Machinist")
    cnc = item(db, "CNC", max_level=4)
    aware = item(db, "AWARE", validity_months=12)
    read = item(db, "RU-WI-01", document_code="WI-01")
    spare = item(db, "SPARE")
    role_needs(db, "Machinist", cnc, 3)
    role_needs(db, "Machinist", aware)
    role_needs(db, "Machinist", read)
    record(db, ann, cnc, dt.date(2020, 1, 1), level=4)  # valid, never expires
    record(db, bob, cnc, dt.date(2026, 1, 1), level=2)  # below the 3 required
    record(db, ann, aware, dt.date(2025, 7, 1))  # expires 2026-07-01: within 30 days
    record(db, bob, aware, dt.date(2025, 6, 1))  # expired 2026-06-01
    record(db, ann, read, dt.date(2025, 3, 1))  # read revision A
    record(db, ann, spare, dt.date(2025, 3, 1))  # done, not required
    m = matrix(db)
    assert status_of(m, ann, cnc) == CellStatus.VALID
    assert status_of(m, bob, cnc) == CellStatus.LEVEL_LOW
    assert status_of(m, ann, aware) == CellStatus.EXPIRING
    assert status_of(m, bob, aware) == CellStatus.EXPIRED
    assert status_of(m, ann, read) == CellStatus.VALID
    assert status_of(m, bob, read) == CellStatus.MISSING
    assert status_of(m, ann, spare) == CellStatus.NOT_REQUIRED
    with db.read() as s:
        assert training.record_rows(s, person_id=ann, item_id=read)[0].document_revision == "A"
    # A new revision of the linked document takes effect: Ann must read it again.
    with db.write() as s:
        rev = documents.add_revision(
            s, doc, documents.RevisionFields("B", dt.date(2026, 5, 1), "New step", "QM"), USER
        )
        documents.approve_revision(s, rev, "MD", dt.date(2026, 5, 10), USER)
    m = matrix(db)
    assert status_of(m, ann, read) == CellStatus.RETRAIN
    info = m.cell(m.row_of(ann), m.col_of(read))  # type: ignore[arg-type]
    assert info.latest is not None and info.latest.document_revision == "A"
    record(db, ann, read, dt.date(2026, 5, 20))  # reads B
    assert status_of(matrix(db), ann, read) == CellStatus.VALID
    # A narrower window: Ann's awareness training is no longer "expiring soon".
    with db.write() as s:
        training.set_expiring_window(s, 10)
    assert status_of(matrix(db), ann, aware) == CellStatus.VALID
    with db.write() as s, pytest.raises(ValidationError, match="1 to 365"):
        training.set_expiring_window(s, 0)


def test_expiry_on_the_last_day_of_a_month(db: Database) -> None:
    """Valid through the day add_months gives, expired the day after."""
    pid = person(db, "E1", "Ann", "R")
    iid = item(db, "C1", validity_months=1)
    role_needs(db, "R", iid)
    record(db, pid, iid, dt.date(2026, 1, 31))  # expires 2026-02-28
    with db.read() as s:
        m = training.compute_matrix(s, on=dt.date(2026, 2, 27), window_days=0)
        assert status_of(m, pid, iid) == CellStatus.VALID
        m = training.compute_matrix(s, on=dt.date(2026, 2, 28), window_days=0)
        assert status_of(m, pid, iid) == CellStatus.EXPIRING  # its last valid day
        m = training.compute_matrix(s, on=dt.date(2026, 3, 1), window_days=0)
        assert status_of(m, pid, iid) == CellStatus.EXPIRED
        m = training.compute_matrix(s, on=dt.date(2026, 2, 26), window_days=2)
        assert status_of(m, pid, iid) == CellStatus.EXPIRING
        m = training.compute_matrix(s, on=dt.date(2026, 2, 26), window_days=1)
        assert status_of(m, pid, iid) == CellStatus.VALID


def test_requirements_from_roles_and_individual_extras_take_the_highest_level(
    db: Database,
) -> None:
    ann = person(db, "E1", "Ann", "Machinist", "Setter")
    cnc = item(db, "CNC", max_level=4)
    role_needs(db, "Machinist", cnc, 2)
    role_needs(db, "Setter", cnc, 3)
    record(db, ann, cnc, dt.date(2026, 1, 1), level=3)
    assert status_of(matrix(db), ann, cnc) == CellStatus.VALID
    with db.write() as s:
        training.set_person_requirement(s, ann, cnc, 4, USER, "Trains the apprentices")
    assert status_of(matrix(db), ann, cnc) == CellStatus.LEVEL_LOW
    with db.write() as s:
        training.set_person_requirement(s, ann, cnc, None, USER)
        rows = training.all_requirements(s)
    assert [(r.role, r.required_level) for r in rows] == [("Machinist", 2), ("Setter", 3)]
    with db.write() as s, pytest.raises(ValidationError, match="outside the scale"):
        training.set_role_requirement(s, people.ids_by_role(s)["setter"], cnc, 5, USER)


def test_the_latest_record_decides_and_the_highest_level_on_the_same_day(db: Database) -> None:
    ann = person(db, "E1", "Ann", "R")
    cnc = item(db, "CNC", max_level=4, validity_months=24)
    role_needs(db, "R", cnc, 3)
    record(db, ann, cnc, dt.date(2023, 1, 1), level=4)
    record(db, ann, cnc, dt.date(2026, 1, 1), level=3)
    record(db, ann, cnc, dt.date(2026, 1, 1), level=2)
    m = matrix(db)
    info = m.cell(0, 0)
    assert info.latest is not None and (info.latest.trained_on, info.latest.level) == (
        dt.date(2026, 1, 1),
        3,
    )
    assert info.expires == dt.date(2028, 1, 1)
    assert info.status == CellStatus.VALID


def test_filters_compliance_and_the_due_list(db: Database) -> None:
    ann = person(db, "E1", "Ann", "Machinist", department="Production")
    bob = person(db, "E2", "Bob", "Inspector", department="Quality")
    cnc = item(db, "CNC", category="Skills", max_level=3)
    aware = item(db, "AWARE", category="QMS", validity_months=12)
    role_needs(db, "Machinist", cnc, 2)
    role_needs(db, "Machinist", aware)
    role_needs(db, "Inspector", aware)
    record(db, ann, cnc, dt.date(2026, 1, 1), level=2)
    record(db, ann, aware, dt.date(2025, 5, 1))  # expired 2026-05-01
    record(db, bob, aware, dt.date(2025, 7, 1))  # expiring 2026-07-01
    m = matrix(db)
    assert m.shape == (2, 2)
    assert m.person_compliance(m.row_of(ann)) == (1, 2)  # type: ignore[arg-type]
    assert m.person_compliance(m.row_of(bob)) == (1, 1)  # type: ignore[arg-type]
    assert m.item_compliances()[m.col_of(aware)] == (1, 2)  # type: ignore[index]
    assert m.compliance() == (2, 3) and training.percent(2, 3) == "66%"
    assert [p.name for p in matrix(db, departments=frozenset({"Quality"})).people] == ["Bob"]
    assert [p.name for p in matrix(db, roles=frozenset({"Machinist"})).people] == ["Ann"]
    assert [i.code for i in matrix(db, categories=frozenset({"Skills"})).items] == ["CNC"]
    expired = matrix(db, statuses=frozenset({CellStatus.EXPIRED}))
    assert [p.name for p in expired.people] == ["Ann"]
    assert [i.code for i in expired.items] == ["AWARE"]
    with db.read() as s:
        due = training.due_list(s, on=ON)
    assert [(d.name, d.item_code, d.status, d.due) for d in due] == [
        ("Ann", "AWARE", CellStatus.EXPIRED, dt.date(2026, 5, 1)),
        ("Bob", "AWARE", CellStatus.EXPIRING, dt.date(2026, 7, 1)),
    ]


def test_a_transcript_lists_needs_and_every_record(db: Database) -> None:
    ann = person(db, "E1", "Ann", "Machinist")
    cnc = item(db, "CNC", max_level=3)
    extra = item(db, "EXTRA")
    role_needs(db, "Machinist", cnc, 2)
    record(db, ann, cnc, dt.date(2025, 1, 1), level=1)
    record(db, ann, cnc, dt.date(2026, 1, 1), level=2)
    record(db, ann, extra, dt.date(2026, 2, 1))
    with db.read() as s:
        t = training.transcript(s, ann, on=ON)
    assert [(i.code, c.status) for i, c in t.needs] == [("CNC", CellStatus.VALID)]
    assert [(r.item_code, r.trained_on) for r in t.records] == [
        ("EXTRA", dt.date(2026, 2, 1)),
        ("CNC", dt.date(2026, 1, 1)),
        ("CNC", dt.date(2025, 1, 1)),
    ]
    assert t.compliance() == (1, 1)


def test_the_demo_company_shows_every_status(demo_db: Database) -> None:
    with demo_db.read() as s:
        m = training.compute_matrix(s)
        due = training.due_list(s)
        everyone = people.all_people(s)
    assert len(m.people) == 25 and len(everyone) == 26  # one person has left
    totals = m.totals()
    for status in CellStatus:
        assert totals[status] > 0, status
    retrain = [d for d in due if d.status == CellStatus.RETRAIN]
    assert retrain and {d.item_code for d in retrain} == {"RU-WI-QC-02"}
    assert any(d.status == CellStatus.EXPIRED for d in due)
    assert any(d.status == CellStatus.EXPIRING for d in due)


def test_an_individual_extra_stays_with_its_person(db: Database) -> None:
    """People in one role share its requirements; one person's extra must not reach the others."""
    ann = person(db, "E1", "Ann", "Machinist")
    bob = person(db, "E2", "Bob", "Machinist")
    cnc = item(db, "CNC", max_level=3)
    fa = item(db, "FA")
    role_needs(db, "Machinist", cnc, 2)
    with db.write() as s:
        training.set_person_requirement(s, ann, fa, 1, USER, "First aider")
        training.set_person_requirement(s, ann, cnc, 3, USER)
    m = matrix(db)
    assert (status_of(m, ann, fa), status_of(m, bob, fa)) == (
        CellStatus.MISSING,
        CellStatus.NOT_REQUIRED,
    )
    assert m.cell(m.row_of(ann), m.col_of(cnc)).required_level == 3  # type: ignore[arg-type]
    assert m.cell(m.row_of(bob), m.col_of(cnc)).required_level == 2  # type: ignore[arg-type]
