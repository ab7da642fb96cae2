"""The core's own words in the interface's language, without Qt.

The window's strings are translated by Qt (``tr()`` and the ``.ts`` files in
``resources/translations/``); the sentences the core writes for a person (error words, the signs
cards' comparison, rating and mood words, the reflection caption) are translated here, from a
catalogue per language keyed by the English text: ``resources/translations/core.<lang>.json``.
The window passes its language code in (``"es"``); the command line passes nothing and stays
English. A sentence with no entry in the catalogue is given in English, never left out.

Formatted sentences are looked up by their English template and filled in afterwards
(``text("In the last {days} days…", lang).format(days=30)``), so the catalogue holds each
template once.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

__all__ = ["LANGUAGES", "MONTHS", "WEEKDAYS", "catalogue", "language_code", "long_date", "text"]

#: The languages Unknot's interface speaks; the first is the language of the sources.
LANGUAGES: tuple[str, ...] = ("en", "es")

#: Month names for dates the core writes itself (never strftime: its names follow the C
#: library's locale, which Qt sets from the environment, so they came out German under de_DE).
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}

#: English weekday names, Monday first (the summary's entry headings).
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                             "Sunday")


def language_code(name: str | None) -> str:
    """``"es_ES.UTF-8"``, ``"es-MX"`` or ``"es"`` → ``"es"``; any language Unknot does not
    speak → ``"en"``."""
    code = (name or "").strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    return code if code in LANGUAGES else "en"


@cache
def catalogue(language: str) -> dict[str, str]:
    """The core's sentences in ``language``, keyed by their English text ({} for English)."""
    language = language_code(language)
    if language == "en":
        return {}
    from importlib.resources import files  # when a language is first read, not at start-up

    raw = (files("unknot.resources").joinpath("translations", f"core.{language}.json")
           .read_text(encoding="utf-8"))
    data = json.loads(raw)
    if not isinstance(data, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and value.strip()
        for key, value in data.items()
    ):
        raise ValueError(f"core.{language}.json: expected an object of non-empty strings")
    return data


def text(english: str, language: str = "en", context: str = "") -> str:
    """``english`` in ``language`` when the catalogue has it; otherwise ``english`` itself.

    ``context`` tells apart one English word with two meanings: the catalogue's key is then
    ``"context|english"`` ("strength|Good" is a passphrase's, "Good" a mood's)."""
    if language_code(language) == "en":
        return english
    key = f"{context}|{english}" if context else english
    return catalogue(language).get(key, english)


def long_date(day: date, language: str = "en") -> str:
    """"1 December 2026" / "1 de diciembre de 2026", whatever the C library's locale."""
    name = MONTHS[language_code(language)][day.month - 1]
    if language_code(language) == "es":
        return f"{day.day} de {name} de {day.year}"
    return f"{day.day} {name} {day.year}"
