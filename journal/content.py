"""The read-only content that ships with Unknot: the article, its six signs and the help pages.

Everything here is read from the ``resources`` package with :mod:`importlib.resources`, so the
same code works from a checkout, an installed wheel and a frozen bundle. Nothing in this module
imports Qt.

Languages: the app's own words come in every language the interface speaks (``help.es.md``
beside ``help.md``; ``signs.es.json`` holds the Spanish titles, statements and prompts, by sign
id). The article and the words the sign cards quote from it (``heading``, ``description``) stay
in the article's own words, in English. A language with no file of its own reads English. The
window passes its language code in; this module never asks Qt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any

from unknot.journal.i18n import language_code

__all__ = [
    "DOCUMENT_NAMES",
    "SIGN_IDS",
    "HELP_PAGE_DOCUMENTS",
    "Article",
    "ReaderComment",
    "Sign",
    "load_article",
    "load_document",
    "load_help_page",
    "load_reader_comments",
    "load_signs",
]

#: The six signs from the article, in the article's order. These ids are stable: storage,
#: the timeline, exports and the command line all use them.
SIGN_IDS: tuple[str, ...] = (
    "others-want-you-out",
    "see-it-through",
    "never-good-enough",
    "addicted",
    "lost-identity",
    "isolated",
)

#: Markdown documents that :func:`load_document` can load (file names without ``.md``).
DOCUMENT_NAMES: tuple[str, ...] = ("about-the-term", "before-you-read", "help", "for-therapists")

#: The documents that make up the Help page, in order: Help itself, then "For therapists".
HELP_PAGE_DOCUMENTS: tuple[str, ...] = ("help", "for-therapists")

_RESOURCE_PACKAGE = "unknot.resources"


@dataclass(frozen=True, slots=True)
class Sign:
    """One of the article's six signs, with the reflection prompts written for the app.

    ``heading`` and ``description`` are the article's own words; ``title``, ``statement`` and
    ``prompts`` are ours. ``statement`` says in plain words what the weekly check-in rates for
    this sign (for instance "People close to me think I should end the relationship.").
    """

    id: str
    number: int
    title: str
    heading: str
    description: str
    prompts: tuple[str, ...]
    statement: str


@dataclass(frozen=True, slots=True)
class Article:
    """The article as published: its title, byline, where it came from and its Markdown body."""

    title: str
    byline: str
    source_note: str
    markdown: str
    #: In a language other than English: a note in that language that the article is shown in
    #: its own (English) words. Empty in English.
    language_note: str = ""


@dataclass(frozen=True, slots=True)
class ReaderComment:
    """One of the two readers' comments published under the article, word for word.

    ``name`` is the name the reader gave; ``text`` keeps the comment's own line breaks.
    """

    name: str
    text: str


def _read_text(file_name: str) -> str:
    return files(_RESOURCE_PACKAGE).joinpath(file_name).read_text(encoding="utf-8")


def _localised_name(stem: str, suffix: str, language: str) -> str:
    """``help.es.md`` when it ships and ``language`` is Spanish; ``help.md`` otherwise."""
    language = language_code(language)
    if language != "en":
        name = f"{stem}.{language}{suffix}"
        if files(_RESOURCE_PACKAGE).joinpath(name).is_file():
            return name
    return f"{stem}{suffix}"


@cache
def _translated_signs(language: str) -> dict[str, Any]:
    """``signs.<lang>.json``: the app's own words for the signs and the article's notes, by id."""
    name = _localised_name("signs", ".json", language)
    if name == "signs.json":
        return {}
    data = json.loads(_read_text(name))
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected an object at the top level")
    return data


@cache
def _signs_data() -> dict[str, Any]:
    data = json.loads(_read_text("signs.json"))
    if not isinstance(data, dict):
        raise ValueError("signs.json: expected an object at the top level")
    return data


def _text_field(obj: object, key: str, where: str) -> str:
    if not isinstance(obj, dict):
        raise ValueError(f"signs.json: {where} is not an object")
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"signs.json: {where}.{key} must be a non-empty string")
    return value


def _parse_sign(raw: object, position: int) -> Sign:
    where = f"signs[{position}]"
    if not isinstance(raw, dict):
        raise ValueError(f"signs.json: {where} is not an object")
    number = raw.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number != position + 1:
        raise ValueError(f"signs.json: {where}.number must be {position + 1}")
    prompts = raw.get("prompts")
    if not isinstance(prompts, list) or not all(
        isinstance(prompt, str) and prompt.strip() for prompt in prompts
    ):
        raise ValueError(f"signs.json: {where}.prompts must be a list of non-empty strings")
    return Sign(
        id=_text_field(raw, "id", where),
        number=number,
        title=_text_field(raw, "title", where),
        heading=_text_field(raw, "heading", where),
        description=_text_field(raw, "description", where),
        prompts=tuple(prompts),
        statement=_text_field(raw, "statement", where),
    )


@cache
def load_signs(language: str = "en") -> tuple[Sign, ...]:
    """Return the six signs in the article's order, the app's words in ``language``.

    The title, statement and prompts come from ``signs.<lang>.json`` where it has them; the
    article's heading and description stay as published. Raises ``ValueError`` if the data is
    malformed or its ids are not exactly :data:`SIGN_IDS` in that order.
    """
    raw_signs = _signs_data().get("signs")
    if not isinstance(raw_signs, list):
        raise ValueError("signs.json: 'signs' must be a list")
    signs = tuple(_parse_sign(raw, position) for position, raw in enumerate(raw_signs))
    ids = tuple(sign.id for sign in signs)
    if ids != SIGN_IDS:
        raise ValueError(f"signs.json: sign ids {ids!r} do not match {SIGN_IDS!r}")
    own_words = _translated_signs(language_code(language)).get("signs", {})
    if not isinstance(own_words, dict):
        raise ValueError("the translated signs must be an object keyed by sign id")
    return tuple(_with_own_words(sign, own_words.get(sign.id)) for sign in signs)


def _with_own_words(sign: Sign, words: object) -> Sign:
    """``sign`` with its title, statement and prompts from a translation (if it has them)."""
    if not isinstance(words, dict):
        return sign
    prompts = words.get("prompts")
    return replace(
        sign,
        title=_text_field(words, "title", sign.id),
        statement=_text_field(words, "statement", sign.id),
        prompts=tuple(prompts) if isinstance(prompts, list) and len(prompts) == len(
            sign.prompts) and all(isinstance(p, str) and p.strip() for p in prompts)
        else sign.prompts,
    )


@cache
def load_article(language: str = "en") -> Article:
    """Return the article with its byline and a note on where it came from.

    The article's words are never translated; in another language the note on where it came
    from is, and ``language_note`` says (in that language) that the article is shown as
    published."""
    meta = _signs_data().get("article")
    own = _translated_signs(language_code(language)).get("article")
    return Article(
        title=_text_field(meta, "title", "article"),
        byline=_text_field(meta, "byline", "article"),
        source_note=_text_field(own if isinstance(own, dict) else meta, "source_note",
                                "article"),
        markdown=_read_text("article.md"),
        language_note=_text_field(own, "language_note", "article") if isinstance(own, dict)
        else "",
    )


@cache
def load_document(name: str, language: str = "en") -> str:
    """Return the Markdown of one of :data:`DOCUMENT_NAMES` in ``language`` (English where it
    has no translation); raise ``ValueError`` for any other name."""
    if name not in DOCUMENT_NAMES:
        raise ValueError(f"unknown document {name!r}; expected one of {DOCUMENT_NAMES!r}")
    return _read_text(_localised_name(name, ".md", language))


@cache
def load_reader_comments() -> tuple[ReaderComment, ...]:
    """Return the readers' comments published under the article, in the page's order.

    Their words are exactly as published; the page's comment form is not content.
    """
    meta = _signs_data().get("article")
    if not isinstance(meta, dict):
        raise ValueError("signs.json: article is not an object")
    raw_comments = meta.get("reader_comments")
    if not isinstance(raw_comments, list) or not raw_comments:
        raise ValueError("signs.json: article.reader_comments must be a non-empty list")
    return tuple(
        ReaderComment(
            name=_text_field(raw, "name", f"article.reader_comments[{index}]"),
            text=_text_field(raw, "text", f"article.reader_comments[{index}]"),
        )
        for index, raw in enumerate(raw_comments)
    )


@cache
def load_help_page(language: str = "en") -> str:
    """Return the Markdown of the whole Help page: Help, then "For therapists" after a rule.

    Both the Help page beside the journal and Help in a window of its own show this.
    """
    return "\n\n---\n\n".join(
        load_document(name, language).strip() for name in HELP_PAGE_DOCUMENTS) + "\n"
