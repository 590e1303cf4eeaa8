"""Reading what users type or Excel holds: levels, validity, hours, yes or no."""

from __future__ import annotations

import re

from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.text import clean, finite_number, fold, shown
from qmsdesk.core.training.vocab import HOURS_MAX, LEVELS, VALIDITY_MAX


def level_text(level: int) -> str:
    return f"{level} {LEVELS[level]}"


def scale_text(max_level: int) -> str:
    return ", ".join(level_text(n) for n in range(1, max_level + 1))


def parse_level(value: object, max_level: int = LEVEL_MAX) -> int:
    """'3', 3, 3.0, '3 Competent' or 'Competent' -> 3, within the item's scale 1..max_level."""
    text = clean(value)
    if isinstance(value, bool) or not text:
        raise ValueError(f"A level is required: {scale_text(max_level)}.")
    number: int | None = None
    match = re.fullmatch(r"(\d+)(?:\.0+)?(?:\s*[-:]?\s*.*)?", text)
    if match:
        number = int(match.group(1))
    else:
        for n, label in LEVELS.items():
            if fold(label) == fold(text):
                number = n
    if number is None:
        raise ValueError(f"'{text}' is not a level. Use a number: {scale_text(max_level)}.")
    if not 1 <= number <= max_level:
        scale = f"1 to {max_level}" if max_level > 1 else "1 only"
        raise ValueError(
            f"Level {number} is outside the scale of this item ({scale}: {scale_text(max_level)})."
        )
    return number


def parse_validity(value: object) -> int | None:
    """Months a training stays valid: '', 'never', 0 -> None (never expires); '2 years' -> 24."""
    text = fold(clean(value))
    if isinstance(value, bool):
        raise ValueError("Write the number of months, or leave it empty when it never expires.")
    if text in ("", "never", "no", "none", "0", "0.0", "-", "does not expire", "never expires"):
        return None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(months?|years?|yrs?|y|m)?", text)
    if not match:
        raise ValueError(
            f"'{shown(value)}' is not a number of months. Write for example 24, or '2 years', or "
            "leave it empty when the training never expires."
        )
    number = finite_number(match.group(1))  # 400 digits are inf
    if (match.group(2) or "m").startswith("y"):
        number *= 12
    if number != int(number) or not 1 <= number <= VALIDITY_MAX:
        raise ValueError(
            f"The validity must be a whole number of months from 1 to {VALIDITY_MAX} (empty: "
            f"never expires); '{shown(value)}' is not."
        )
    return int(number)


def parse_max_level(value: object) -> int:
    if clean(value) == "":
        return 1
    try:
        return parse_level(value, LEVEL_MAX)
    except ValueError:
        raise ValueError(
            f"'{shown(value)}' is not a number of levels: use 1 to {LEVEL_MAX} (the item uses "
            f"levels 1 up to it: {scale_text(LEVEL_MAX)})."
        ) from None


_YES = {"yes", "y", "true", "1", "x", "archived"}
_NO = {"", "no", "n", "false", "0", "active", "current"}


def parse_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(clean(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{shown(value)}' is not yes or no.")


def parse_hours(value: object) -> float | None:
    if value is None or clean(value) == "":
        return None
    if isinstance(value, bool):
        raise ValueError("Write the hours as a number, such as 7.5.")
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValueError(
            f"'{shown(value)}' is not a number of hours (write such as 7.5)."
        ) from None
    if not 0 <= number <= HOURS_MAX:
        raise ValueError(f"The hours must be between 0 and {HOURS_MAX:g}.")
    return number
