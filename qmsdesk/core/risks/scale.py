"""The company's risk scale: how many steps likelihood and consequence each have (default 1-5),
and the ratings (likelihood x consequence) from which a risk is of medium or high level.

Kept in the company file's settings (editable in the Risks tab), read by every rating.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models import Setting
from qmsdesk.core.errors import ValidationError

SCALE_KEY = "risk_scale_steps"
MEDIUM_KEY = "risk_medium_from"
HIGH_KEY = "risk_high_from"
#: The range of steps the scale may have (a 3x3 grid to a 10x10 one).
STEPS_RANGE = (3, 10)


def scale_range() -> tuple[int, int]:
    """The fewest and most steps a scale may have."""
    return STEPS_RANGE


class Level(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


LEVEL_LABELS = {Level.LOW: "Low", Level.MEDIUM: "Medium", Level.HIGH: "High"}


@dataclass(frozen=True)
class RiskScale:
    """Likelihood and consequence from 1 to `steps`; a rating from `medium_from` is medium, from
    `high_from` high, below both low."""

    steps: int = 5
    medium_from: int = 5
    high_from: int = 12

    @property
    def top(self) -> int:
        return self.steps * self.steps

    def level(self, rating: int) -> Level:
        if rating >= self.high_from:
            return Level.HIGH
        if rating >= self.medium_from:
            return Level.MEDIUM
        return Level.LOW

    def problems(self) -> list[str]:
        low, high = STEPS_RANGE
        out = []
        if not low <= self.steps <= high:
            out.append(f"Scale: use from {low} to {high} steps.")
            return out
        if not 2 <= self.medium_from <= self.top:
            out.append(f"Medium from: use a rating from 2 to {self.top}.")
        if not self.medium_from < self.high_from <= self.top:
            out.append(
                f"High from: use a rating above the medium threshold ({self.medium_from}) and "
                f"at most {self.top}."
            )
        return out


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default


def get_scale(session: Session) -> RiskScale:
    """The scale stored in the file; one that does not hold together is read as the default."""
    rows = {
        key: value
        for key, value in session.execute(
            select(Setting.key, Setting.value).where(
                Setting.key.in_([SCALE_KEY, MEDIUM_KEY, HIGH_KEY])
            )
        )
    }
    default = RiskScale()
    scale = RiskScale(
        _int(rows.get(SCALE_KEY), default.steps),
        _int(rows.get(MEDIUM_KEY), default.medium_from),
        _int(rows.get(HIGH_KEY), default.high_from),
    )
    return default if scale.problems() else scale


def set_scale(session: Session, scale: RiskScale) -> None:
    """Store the scale; refused when it does not hold together or when a stored risk is rated
    outside it."""
    problems = scale.problems()
    if not problems:
        from qmsdesk.core.db.models_risks import Risk

        beyond = session.scalar(
            select(Risk.reference)
            .where(
                (Risk.likelihood > scale.steps)
                | (Risk.consequence > scale.steps)
                | (Risk.residual_likelihood > scale.steps)
                | (Risk.residual_consequence > scale.steps)
            )
            .limit(1)
        )
        if beyond:
            problems.append(
                f"Scale: {beyond} is rated above {scale.steps}; re-rate it before narrowing the "
                "scale."
            )
    if problems:
        raise ValidationError(problems)
    session.merge(Setting(key=SCALE_KEY, value=str(scale.steps)))
    session.merge(Setting(key=MEDIUM_KEY, value=str(scale.medium_from)))
    session.merge(Setting(key=HIGH_KEY, value=str(scale.high_from)))
