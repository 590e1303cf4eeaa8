"""The register of processes in Excel: out and back, a new process and its hand-overs by a
colleague, the problems by sheet, row and column; and a document naming an unknown process."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from qmsdesk.core import people, processes
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_planning import FlowDirection
from qmsdesk.core.exchange import processes_xlsx
from qmsdesk.core.exchange.workbook import Action, plan_import
from qmsdesk.core.processes import FlowFields, ProcessFields

from . import DOC_HEADER, write_book

USER = "lead"


@pytest.fixture
def filled(db: Database) -> Database:
    with db.write() as s:
        owner = people.create_person(s, people.PersonFields("E1", "Olivia Bennett"), USER)
        sales = processes.create_process(
            s, ProcessFields("SALES", "Sales", owner_id=owner, purpose="Win orders"), USER
        )
        processes.create_process(s, ProcessFields("PLANNING", "Production planning"), USER)
        processes.set_flows(
            s,
            sales,
            [
                FlowFields(FlowDirection.INPUT, "Enquiry", "Customer"),
                FlowFields(FlowDirection.OUTPUT, "Confirmed order", "PLANNING"),
            ],
            USER,
        )
    return db


def test_out_and_back_unchanged(filled: Database, tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    assert processes_xlsx.export_processes(filled, path) == 2 + 2
    book = load_workbook(path, read_only=True)
    rows = list(book["Processes"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Code", "Process", "Kind", "Owner")
    assert rows[2][:4] == ("SALES", "Sales", "Core", "Olivia Bennett")
    flows = list(book["Process inputs and outputs"].iter_rows(values_only=True))
    assert flows[1:] == [
        ("SALES", "Input", "Enquiry", "Customer"),
        ("SALES", "Output", "Confirmed order", "PLANNING"),
    ]
    book.close()
    plan = plan_import(filled, path)
    assert plan.problems == [] and not plan.has_changes


def test_a_new_process_with_its_hand_overs(filled: Database, tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    processes_xlsx.export_processes(filled, path)
    book = load_workbook(path)
    book["Processes"].append(["PRODUCTION", "CNC machining", "core", "E1"])
    flows = book["Process inputs and outputs"]
    flows.append(["PRODUCTION", "in", "Works order", "Production planning"])
    flows.append(["production", "Output", "Machined parts", "Customer"])
    book.save(path)
    plan = plan_import(filled, path)
    assert plan.problems == []
    by_sheet = {p.sheet: {i.key: i.action for i in p.items} for p in plan.sheets}
    assert by_sheet["Processes"]["PRODUCTION CNC machining"] == Action.ADD
    assert by_sheet["Process inputs and outputs"] == {
        "SALES": Action.UNCHANGED,
        "PRODUCTION": Action.ADD,
    }
    plan.apply(filled, USER)
    with filled.read() as s:
        prod = processes.id_for_code(s, "PRODUCTION")
        assert prod is not None
        row = processes.get_process(s, prod)
        assert row.owner_name == "Olivia Bennett"
        got = [(f.direction, f.what, f.other_code, f.party) for f in processes.flows_of(s, prod)]
        assert got == [
            ("input", "Works order", "PLANNING", ""),
            ("output", "Machined parts", "", "Customer"),
        ]
        plan_id = processes.id_for_code(s, "PLANNING")
        assert (plan_id, prod) in {(h.from_id, h.to_id) for h in processes.process_map(s).handovers}


def test_problems_and_nothing_stored(filled: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "bad.xlsx",
        {
            "Processes": [
                ["Code", "Process", "Kind", "Owner"],
                ["QA", "Quality", "Middle", ""],
                ["HR", "People", "Support", "Nobody Known"],
                ["PLAN", "Sales", "Core", ""],
            ],
            "Process inputs and outputs": [
                ["Process", "Input / output", "What", "From / to"],
                ["NOPE", "Input", "Something", "Customer"],
                ["SALES", "Sideways", "Something", ""],
                ["SALES", "Output", "", "PLANNING"],
            ],
        },
    )
    plan = plan_import(filled, path)
    found = {(p.sheet, p.row, p.column): p.message for p in plan.problems}
    assert "write Management, Core or Support" in found[("Processes", 2, "Kind")]
    assert "no 'Nobody Known' in the register of people" in found[("Processes", 3, "Owner")]
    assert "already the code or the name of another process" in found[("Processes", 4, "Process")]
    assert "no process 'NOPE'" in found[("Process inputs and outputs", 2, "Process")]
    assert "write Input or Output" in found[("Process inputs and outputs", 3, "Input / output")]
    assert "Say what" in found[("Process inputs and outputs", 4, "What")]
    with pytest.raises(Exception, match="problem"):
        plan.apply(filled, USER)
    with filled.read() as s:
        assert [r.code for r in processes.all_processes(s)] == ["PLANNING", "SALES"]


def test_a_document_naming_an_unknown_process_is_a_problem(
    filled: Database, tmp_path: Path
) -> None:
    path = write_book(
        tmp_path / "docs.xlsx",
        {
            "Documents": [
                [*DOC_HEADER, "Process"],
                ["QP-01", "Sales", "Procedure", "Draft", None, "", "sales"],
                ["QP-02", "Heat", "Procedure", "Draft", None, "", "Heat treatment"],
            ]
        },
    )
    plan = plan_import(filled, path)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "Process")]
    assert "no process 'Heat treatment'" in plan.problems[0].message


def test_an_action_naming_an_unknown_process_is_a_problem(filled: Database, tmp_path: Path) -> None:
    from qmsdesk.core import actions
    from qmsdesk.core.exchange import actions_xlsx

    with filled.write() as s:
        actions.create_action(s, actions.ActionFields("Late order", process="SALES"), USER)
    path = tmp_path / "a.xlsx"
    actions_xlsx.export_actions(filled, path)
    assert plan_import(filled, path).problems == []
    book = load_workbook(path)
    ws = book["Actions"]
    column = [c.value for c in ws[1]].index("Process") + 1
    ws.cell(row=2, column=column).value = "Heat treatment"
    book.save(path)
    plan = plan_import(filled, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("Actions", 2, "Process")]
    assert "no process 'Heat treatment'" in plan.problems[0].message
