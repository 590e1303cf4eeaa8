"""The register of processes: rules, history, inputs and outputs with their hand-overs, the links
documents, actions and audits keep to it, the map's data, the turtle, and the demo's story."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from qmsdesk.core import actions, audits, documents, finder, processes
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_planning import AuditProcess, FlowDirection, ProcessKind
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.processes import FlowFields, ProcessFields
from qmsdesk.core.vocab import DocType

IN, OUT = FlowDirection.INPUT, FlowDirection.OUTPUT


def _two(db: Database) -> tuple[int, int]:
    with db.write() as s:
        sales = processes.create_process(
            s, ProcessFields("SALES", "Sales and contract review", position=1), "ann"
        )
        plan = processes.create_process(
            s, ProcessFields("PLANNING", "Production planning", position=2), "ann"
        )
    return sales, plan


def test_codes_and_names_are_unique_across_both(db: Database) -> None:
    _two(db)
    for clash in (
        ProcessFields("sales", "Other"),
        ProcessFields("SAL", "planning"),  # another's code as a name
        ProcessFields("Production planning", "X"),  # another's name as a code
    ):
        with pytest.raises(ValidationError), db.write() as s:
            processes.create_process(s, clash, "ann")
    fields, problems = processes.fields_from_values({"code": "", "name": "", "kind": "middle"})
    assert fields is None and {p.field for p in problems} == {"code", "name", "kind"}


def test_an_edit_is_in_the_history_with_the_owner_by_name(db: Database) -> None:
    from qmsdesk.core import people

    with db.write() as s:
        owner = people.create_person(
            s, people.PersonFields(employee_no="E1", name="Olivia Bennett"), "ann"
        )
    sales, _plan = _two(db)
    with db.write() as s:
        changed = processes.update_process(
            s,
            sales,
            ProcessFields(
                "SALES", "Sales and contract review", ProcessKind.CORE, owner, "Win", position=1
            ),
            "bob",
        )
    assert changed == ["Owner", "Purpose"]
    with db.read() as s:
        rows = {r.field: r for r in processes.history_of(s, sales) if r.action == "edit"}
        assert rows["Owner"].new_value == "Olivia Bennett"
        assert processes.get_process(s, sales).owner_name == "Olivia Bennett"


def test_flows_make_hand_overs_and_keep_outsiders_as_text(db: Database) -> None:
    sales, plan = _two(db)
    with db.write() as s:
        processes.set_flows(
            s,
            sales,
            [
                FlowFields(IN, "Enquiry", "Customer"),
                FlowFields(OUT, "Confirmed order", "planning"),  # by name, any case
            ],
            "ann",
        )
        processes.set_flows(s, plan, [FlowFields(IN, "Confirmed order", "SALES")], "ann")
    with db.read() as s:
        flows = processes.flows_of(s, sales)
        assert [(f.what, f.other_code, f.party) for f in flows] == [
            ("Enquiry", "", "Customer"),
            ("Confirmed order", "PLANNING", ""),
        ]
        # The same hand-over said by both ends is one arrow.
        assert processes.process_map(s).handovers == (
            processes.Handover(sales, plan, ("Confirmed order",)),
        )
        assert sorted(r.field for r in processes.history_of(s, sales) if r.action == "flows") == [
            "Inputs",
            "Outputs",
        ]
    with db.write() as s:  # the same again: nothing changes, nothing recorded
        assert not processes.set_flows(
            s,
            sales,
            [FlowFields(IN, "Enquiry", "Customer"), FlowFields(OUT, "Confirmed order", "PLANNING")],
            "ann",
        )
    with pytest.raises(ValidationError, match="What"), db.write() as s:
        processes.set_flows(s, sales, [FlowFields(IN, "", "Customer")], "ann")


def test_records_naming_a_process_are_linked_when_it_is_added_or_renamed(db: Database) -> None:
    with db.write() as s:
        doc = documents.create_document(
            s, documents.DocumentFields("QP-01", "Sales", DocType.PROCEDURE, process="Sales"), "a"
        )
        act = actions.create_action(s, actions.ActionFields("Late order", process="Sales"), "a")
        audit = audits.create_audit(
            s,
            audits.AuditFields("IA-1", "Sales audit", dt.date(2026, 3, 1), processes=("sales",)),
            "a",
        )
    with db.read() as s:
        assert s.get(Document, doc).process_id is None  # no register of processes yet
    sales, _plan = _two(db)  # "SALES" is the code
    with db.read() as s:
        assert s.get(Document, doc).process_id == sales
        assert s.get(Action, act).process_id == sales
        assert list(s.scalars(select(AuditProcess.process_id))) == [sales]
        assert processes.turtle(s, sales).documents[0].reference == "QP-01"
        assert [a.reference for a in processes.turtle(s, sales).open_actions] == [
            actions.get_row(s, act).reference
        ]
        assert [a.reference for a in processes.turtle(s, sales).audits] == ["IA-1"]
    with db.write() as s:  # renamed: the records no longer name it
        processes.update_process(s, sales, ProcessFields("SAL", "Selling"), "a")
    with db.read() as s:
        assert s.get(Document, doc).process_id is None
        assert list(s.scalars(select(AuditProcess.process_id))) == []
    with db.write() as s:  # a document edited to name it is linked by its service
        documents.update_document(
            s,
            doc,
            documents.DocumentFields("QP-01", "Sales", DocType.PROCEDURE, process="SAL"),
            "a",
        )
    with db.read() as s:
        assert s.get(Document, doc).process_id == sales
    with pytest.raises(ValidationError, match="1 document"), db.write() as s:
        processes.delete_process(s, sales, "a")
    _ = audit


def test_the_turtle_hook_for_objectives_and_risks_is_empty_until_they_exist(db: Database) -> None:
    sales, _plan = _two(db)
    with db.read() as s:
        links = processes.objectives_and_risks(s, sales)
        assert links.objectives == () and links.risks == ()


def test_find_and_the_map_order(db: Database) -> None:
    _two(db)
    with db.write() as s:
        processes.create_process(
            s, ProcessFields("MGT", "Management", ProcessKind.MANAGEMENT, position=9), "a"
        )
    with db.read() as s:
        bands = dict(processes.process_map(s).bands)
        assert [r.code for r in bands[ProcessKind.MANAGEMENT]] == ["MGT"]
        assert [r.code for r in bands[ProcessKind.CORE]] == ["SALES", "PLANNING"]
        assert [h.reference for h in finder.find(s, "planning", 10)] == ["PLANNING"]


def test_the_demo_has_its_processes_and_hand_overs(demo_db: Database) -> None:
    with demo_db.read() as s:
        data = processes.process_map(s)
        bands = {k: [r.code for r in rows] for k, rows in data.bands}
        assert 10 <= sum(len(v) for v in bands.values()) <= 12
        assert bands[ProcessKind.CORE][0] == "SALES"
        assert "ENGINEERING" in bands[ProcessKind.CORE]  # Kestrel designs
        assert len(data.handovers) >= 15
        codes = {r.id: r.code for _k, rows in data.bands for r in rows}
        pairs = {(codes[h.from_id], codes[h.to_id]) for h in data.handovers}
        assert ("SALES", "PLANNING") in pairs and ("PRODUCTION", "INSPECTION") in pairs
        # The documents and actions of the demo are linked to its processes.
        unlinked = s.scalars(
            select(Document.code).where(Document.process != "", Document.process_id.is_(None))
        ).all()
        assert unlinked == []
        assert (
            s.scalars(
                select(Action.reference).where(Action.process != "", Action.process_id.is_(None))
            ).all()
            == []
        )
        every = [r for _k, rows in data.bands for r in rows]
        assert all(r.owner_name for r in every)
