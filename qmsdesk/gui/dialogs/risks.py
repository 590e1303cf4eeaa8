"""The risks register's dialogs: a risk or opportunity, an effectiveness review, an action raised
on a risk, and the company's risk scale. Their fields are the register's vocabulary; the core's
rules run before a dialog closes, and each problem is shown under its field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from qmsdesk.core import risks
from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field
from qmsdesk.core.risks import Links, RiskFields, RiskRow, RiskScale, RiskSourceKind
from qmsdesk.gui.dialogs.planning_forms import FormDialog, date_value

_V = risks.RISK_VOCAB
_R = risks.REVIEW_VOCAB
People = Sequence[tuple[int, str]]


def _sources(links: Links) -> list[tuple[Any, str]]:
    out: list[tuple[Any, str]] = [((RiskSourceKind.OTHER.value, None), "Other")]
    out += [
        ((RiskSourceKind.CONTEXT_ISSUE.value, i), f"Context issue: {t}")
        for i, t in links.issue_choices
    ]
    out += [
        ((RiskSourceKind.INTERESTED_PARTY.value, i), f"Interested party: {t}")
        for i, t in links.party_choices
    ]
    out += [((RiskSourceKind.PROCESS.value, i), f"Process: {t}") for i, t in links.process_choices]
    return out


class RiskDialog(FormDialog):
    """A risk or opportunity, new (`row` None) or to change."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        links: Links,
        people: People,
        scale: RiskScale,
        row: RiskRow | None = None,
    ) -> None:
        title = "New risk or opportunity" if row is None else f"Edit {row.reference}"
        super().__init__(parent, title, self._parse)
        self.scale = scale
        self.row = row
        self.parsed: RiskFields | None = None
        f = row.fields() if row else None
        self.add_text("reference", _V["reference"], row.reference if row else "")
        self.add_choice(
            "kind",
            _V["kind"],
            [(k.value, t) for k, t in risks.KIND_LABELS.items()],
            f.kind.value if f else None,
        )
        self.add_text("title", _V["title"], f.title if f else "")
        self.add_text("description", _V["description"], f.description if f else "", long=True)
        source = None
        if f is not None:
            source_id = {
                RiskSourceKind.CONTEXT_ISSUE: f.issue_id,
                RiskSourceKind.INTERESTED_PARTY: f.party_id,
                RiskSourceKind.PROCESS: f.process_id,
            }.get(f.source_kind)
            source = (f.source_kind.value, source_id)
        self.add_choice("source_ref", _V["source_kind"], _sources(links), source)
        self.add_choice(
            "process_id",
            _V["process_id"],
            links.process_choices,
            f.process_id if f else None,
            empty="(none)",
        )
        self.add_choice(
            "owner_id", _V["owner_id"], list(people), f.owner_id if f else None, empty="(no owner)"
        )
        steps = scale.steps
        self.add_whole("likelihood", _V["likelihood"], 1, steps, f.likelihood if f else 3)
        self.add_whole("consequence", _V["consequence"], 1, steps, f.consequence if f else 3)
        self.add_choice(
            "treatment",
            _V["treatment"],
            [(k.value, t) for k, t in risks.TREATMENT_LABELS.items()],
            f.treatment.value if f else None,
        )
        self.add_text(
            "treatment_plan", _V["treatment_plan"], f.treatment_plan if f else "", long=True
        )
        self.add_whole(
            "residual_likelihood",
            _V["residual_likelihood"],
            1,
            steps,
            f.residual_likelihood if f else None,
            empty=True,
        )
        self.add_whole(
            "residual_consequence",
            _V["residual_consequence"],
            1,
            steps,
            f.residual_consequence if f else None,
            empty=True,
        )
        self.add_date("identified_on", _V["identified_on"], f.identified_on if f else today())
        self.add_date("next_review", _V["next_review"], f.next_review if f else None)
        self.add_text("note", _V["note"], f.note if f else "", long=True)

    def _parse(self, values: dict[str, Any]) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        kind_text, source_id = values["source_ref"]
        source = RiskSourceKind(kind_text)
        identified = date_value(values, "identified_on", problems)
        review = date_value(values, "next_review", problems)
        process_id = values["process_id"]
        if source == RiskSourceKind.PROCESS and process_id is None:
            process_id = source_id
        fields = RiskFields(
            reference=values["reference"],
            kind=risks.RiskKind(values["kind"]),
            title=values["title"],
            description=values["description"],
            source_kind=source,
            issue_id=source_id if source == RiskSourceKind.CONTEXT_ISSUE else None,
            party_id=source_id if source == RiskSourceKind.INTERESTED_PARTY else None,
            process_id=process_id,
            owner_id=values["owner_id"],
            likelihood=values["likelihood"],
            consequence=values["consequence"],
            treatment=risks.Treatment(values["treatment"]),
            treatment_plan=values["treatment_plan"],
            residual_likelihood=values["residual_likelihood"],
            residual_consequence=values["residual_consequence"],
            identified_on=identified or (self.row.identified_on if self.row else None),
            next_review=review,
            note=values["note"],
        )
        problems += risks.check_risk(fields, self.scale)
        self.parsed = None if problems else fields
        return problems

    def fields(self) -> RiskFields | None:
        return self.parsed


class ReviewDialog(FormDialog):
    """An effectiveness review of the actions taken on a risk."""

    def __init__(self, parent: QWidget | None, *, reference: str, people: People) -> None:
        super().__init__(parent, f"Effectiveness review of {reference}", self._parse)
        self.parsed: risks.ReviewFields | None = None
        self.add_date("reviewed_on", _R["reviewed_on"], today())
        self.add_choice("reviewed_by_id", _R["reviewed_by_id"], list(people), empty="(choose)")
        self.add_choice(
            "outcome", _R["outcome"], [(o.value, t) for o, t in risks.OUTCOME_LABELS.items()]
        )
        self.add_text("note", _R["note"], long=True)

    def _parse(self, values: dict[str, Any]) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        day = date_value(values, "reviewed_on", problems)
        if day is None and not problems:
            problems.append(FieldProblem("reviewed_on", "Say when the review was made."))
        if problems:
            return problems
        assert day is not None
        fields = risks.ReviewFields(
            day, values["reviewed_by_id"], risks.ReviewOutcome(values["outcome"]), values["note"]
        )
        problems = risks.check_review(fields, today())
        self.parsed = None if problems else fields
        return problems

    def fields(self) -> risks.ReviewFields | None:
        return self.parsed


_ACTION_TITLE = Field("title", "Action", "What will be done about the risk.")
_ACTION_OWNER = Field("owner_id", "Owner", "Who carries it out (empty: the risk's owner).")
_ACTION_DUE = Field("due_date", "Due date", "When it must be done.")


class RaiseActionDialog(FormDialog):
    """An action to raise on a risk in the actions register."""

    def __init__(self, parent: QWidget | None, *, row: RiskRow, people: People) -> None:
        super().__init__(parent, f"Raise an action on {row.reference}", self._parse)
        self.parsed: tuple[str, int | None, dt.date | None] | None = None
        self.add_text(
            "title",
            _ACTION_TITLE,
            row.treatment_plan.splitlines()[0][:150] if row.treatment_plan else "",
        )
        self.add_choice(
            "owner_id", _ACTION_OWNER, list(people), row.owner_id, empty="(the risk's owner)"
        )
        self.add_date("due_date", _ACTION_DUE, None)

    def _parse(self, values: dict[str, Any]) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        due = date_value(values, "due_date", problems)
        if not values["title"]:
            problems.append(FieldProblem("title", "Say what the action is."))
        self.parsed = None if problems else (values["title"], values["owner_id"], due)
        return problems

    def answer(self) -> tuple[str, int | None, dt.date | None] | None:
        return self.parsed


_STEPS = Field("steps", "Steps of the scale", "Likelihood and consequence each go from 1 to this.")
_MEDIUM = Field("medium_from", "Medium from rating", "A rating from this is of medium level.")
_HIGH = Field("high_from", "High from rating", "A rating from this is of high level.")


class ScaleDialog(FormDialog):
    """The company's risk scale: steps and the thresholds of the levels."""

    def __init__(self, parent: QWidget | None, *, scale: RiskScale) -> None:
        super().__init__(parent, "Risk scale", self._parse)
        self.parsed: RiskScale | None = None
        low, high = risks.scale_range()
        self.add_whole("steps", _STEPS, low, high, scale.steps)
        self.add_whole("medium_from", _MEDIUM, 2, high * high, scale.medium_from)
        self.add_whole("high_from", _HIGH, 2, high * high, scale.high_from)

    def _parse(self, values: dict[str, Any]) -> list[FieldProblem]:
        scale = RiskScale(values["steps"], values["medium_from"], values["high_from"])
        keys = {"Scale": "steps", "Medium from": "medium_from", "High from": "high_from"}
        problems = [
            FieldProblem(keys[p.split(":")[0]], p.split(": ", 1)[1]) for p in scale.problems()
        ]
        self.parsed = None if problems else scale
        return problems

    def scale(self) -> RiskScale | None:
        return self.parsed
