"""Small pieces of wording shared by the tables and documents Unknot writes: the reflection
caption that goes with every rating, the short column heads of the six signs, and how a mood
average is written. (The articles and help live in resources/, read by content.py.)"""

from __future__ import annotations

from typing import Final

#: Shown with every table or chart of check-in ratings (DESIGN §6).
REFLECTION_CAPTION: Final = (
    "These ratings are for your own reflection. They come from a blog article's list of signs, "
    "not from a tested questionnaire, and they are not a diagnosis. They are most useful for "
    "noticing change over time, ideally with someone you trust."
)

#: Short column heads for the six signs (tables, narrow lanes). Neutral words, no labels.
SHORT_HEADS: Final[dict[str, str]] = {
    "others-want-you-out": "others",
    "see-it-through": "see-thru",
    "never-good-enough": "enough",
    "addicted": "without",
    "lost-identity": "self",
    "isolated": "friends",
}


def mood_cell(mood: float | None) -> str:
    """An average mood for a table cell: signed, one decimal, "–" when there is none."""
    if mood is None:
        return "–"
    text = f"{mood:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def times(count: int) -> str:
    """"not at all", "once", "4 times"."""
    return "not at all" if count == 0 else "once" if count == 1 else f"{count} times"
