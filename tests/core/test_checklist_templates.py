"""The two shipped checklists: one for a manufacturer, one for a service business. Both ask about
every clause the standard numbers, one requirement a question, and the service one has no
shop-floor words; both are chosen wherever a template is chosen."""

from __future__ import annotations

import re

import pytest

from qmsdesk.core import audits
from qmsdesk.core.audits import AuditFields, QuestionFields, TemplateFields
from qmsdesk.core.catalogue import CATALOGUE_DIR, clauses
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.errors import ValidationError

USER = "lead"
SHIPPED = [audits.ISO_TEMPLATE_ID, audits.SERVICES_TEMPLATE_ID]

#: Words of a machine shop that a service business would not recognise.
SHOP_FLOOR = (
    "gauge",
    "swarf",
    "cmm",
    "heat number",
    "heat treatment",
    "machine",
    "machining",
    "shop floor",
    "on the floor",
    "drawing",
    "parts",
    "batch",
    "plating",
    "coolant",
    "micrometer",
    "vernier",
    "operator",
    "scrap",
    "rework",
    "traveller",
    "first-off",
    "fixture",
    "tooling",
    "cnc",
    "lathe",
    "material certificate",
    "goods-in",
    "dispatch",
    "welding",
    "spindle",
    "setter",
    "tolerance",
    "free-issue",
)


def _clauses(template_id: int) -> set[str]:
    return {q.clause for q in audits.shipped_questions(template_id)}


def test_the_service_checklist_covers_every_clause_the_first_covers() -> None:
    iso, services = _clauses(audits.ISO_TEMPLATE_ID), _clauses(audits.SERVICES_TEMPLATE_ID)
    assert services == iso
    assert iso == {c.number for c in clauses()}  # every clause and numbered paragraph


@pytest.mark.parametrize("template_id", SHIPPED)
def test_shipped_questions_are_complete_and_distinct(template_id: int) -> None:
    questions = audits.shipped_questions(template_id)
    for q in questions:
        assert audits.check_question(q) == [], q
        assert q.question.endswith(("?", ".")) and 20 <= len(q.question) <= 200, q
        assert 10 <= len(q.hint) <= 160, q
    texts = [q.question.casefold() for q in questions]
    assert len(set(texts)) == len(texts)


def test_the_service_checklist_has_no_shop_floor_words() -> None:
    found = []
    for q in audits.services_questions():
        text = f"{q.question} {q.hint}".casefold()
        found += [(q.clause, w) for w in SHOP_FLOOR if re.search(rf"\b{re.escape(w)}s?\b", text)]
    assert found == []
    # The word list does find the manufacturer's checklist's words.
    iso = " ".join(f"{q.question} {q.hint}" for q in audits.iso_questions()).casefold()
    assert all(w in iso for w in ("gauge", "swarf", "drawing", "machine", "plating"))


def _one_each(questions: list[QuestionFields], *words: str) -> None:
    """Each of these words is asked about, and no question asks about two of them."""
    for w in words:
        assert any(w in q.question.casefold() for q in questions), w
    for q in questions:
        asked = [w for w in words if w in q.question.casefold()]
        assert len(asked) <= 1, (q.question, asked)


@pytest.mark.parametrize("template_id", SHIPPED)
def test_questions_ask_one_requirement_each(template_id: int) -> None:
    by_clause: dict[str, list[QuestionFields]] = {}
    for q in audits.shipped_questions(template_id):
        by_clause.setdefault(q.clause, []).append(q)
    _one_each(by_clause["6.2.1"], "consistent with", "measurable", "relevant", "tracked")
    _one_each(by_clause["8.1"], "requirements", "accepted", "resources", "records", "outsourced")
    _one_each(by_clause["9.3.1"], "suitable", "adequate", "effective", "strategic direction")
    _one_each(
        by_clause["9.3.2"],
        "earlier reviews",
        "outside and inside issues",
        "performance figures",
        "resources",
        "risks and opportunities",
        "opportunities for improvement",
    )
    _one_each(by_clause["9.3.3"], "improvement", "changes", "resource needs")
    _one_each(by_clause["5.2.1"], "purpose", "basis", "meeting the requirements", "improving")
    _one_each(by_clause["10.2.1"], "contained", "root cause", "checked later", "risks")
    _one_each(by_clause["7.3"], "policy", "objectives", "contributes", "not met")


def test_the_service_file_has_three_columns_on_every_line() -> None:
    text = (CATALOGUE_DIR / "iso9001_checklist_services.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "clause\tquestion\thint"
    assert all(line.count("\t") == 2 for line in lines)
    assert len(lines) - 1 == len(audits.services_questions())


def test_the_service_template_is_offered_wherever_templates_are_chosen(db: Database) -> None:
    with db.write() as s:
        listed = audits.all_templates(s)
        assert [t.id for t in listed[:2]] == SHIPPED
        assert all(t.builtin for t in listed[:2])
        assert "service business" in listed[1].description
        name = audits.SERVICES_TEMPLATE_NAME
        assert audits.template_id_for_name(s, name.upper()) == audits.SERVICES_TEMPLATE_ID
        assert audits.template_name(s, audits.SERVICES_TEMPLATE_ID) == name
        rows = audits.template_questions(s, audits.SERVICES_TEMPLATE_ID)
        assert [r.fields() for r in rows] == list(audits.services_questions())
        with pytest.raises(ValidationError, match="cannot be changed"):
            audits.set_template_questions(s, audits.SERVICES_TEMPLATE_ID, [], USER)
        with pytest.raises(ValidationError, match="cannot be changed"):
            audits.delete_template(s, audits.SERVICES_TEMPLATE_ID, USER)
        with pytest.raises(ValidationError, match="name of a shipped template"):
            audits.create_template(s, TemplateFields(name.lower()), USER)
        copy = audits.copy_template(s, audits.SERVICES_TEMPLATE_ID, "Our office audit", USER)
        assert len(audits.template_questions(s, copy)) == len(audits.services_questions())
        audit = audits.create_audit(
            s,
            AuditFields(
                reference="IA-2026-01",
                title="Service delivery",
                planned_start=today(),
                clauses=("8.5",),
            ),
            USER,
        )
        added = audits.build_checklist(s, audit, [audits.SERVICES_TEMPLATE_ID], USER)
        questions = audits.questions_of(s, audit)
    expected = [q for q in audits.services_questions() if q.clause.startswith("8.5")]
    assert added == len(questions) == len(expected)
    assert {q.source for q in questions} == {audits.SERVICES_TEMPLATE_NAME}
