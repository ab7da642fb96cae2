"""The shipped content: the article is faithful to its source, the signs agree with it, and the
help page carries the right crisis numbers. (Rendering safety: test_markdown_html.py.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from unknot.journal import content
from unknot.journal.content import (
    DOCUMENT_NAMES,
    SIGN_IDS,
    load_article,
    load_document,
    load_signs,
)
from unknot.journal.markdown_html import render_markdown

REPO = Path(__file__).resolve().parents[2]
# The article as it reached us, with the page's comments and comment form, kept unchanged.
SOURCE = REPO / "tests" / "fixtures" / "trauma-bonding-article.txt"
BYLINE = "Jan 15, 2020 \u00b7 Emotional Health"
LIST_ITEM = re.compile(r"^(\d+)\. \*\*(.+?)\*\* \u2013 (.+)$", re.MULTILINE)


def _normalise(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) into one space."""
    return re.sub(r"\s+", " ", text).strip()


def _strip_markdown(markdown_text: str) -> str:
    text = re.sub(r"^#{1,6} ", "", markdown_text, flags=re.MULTILINE)
    text = re.sub(r"^\d+\. ", "", text, flags=re.MULTILINE)
    return text.replace("**", "")


def _source_paragraphs() -> list[str]:
    source = SOURCE.read_text(encoding="utf-8")
    body, _, rest = source.partition("\n\n\n")  # the comments follow a run of blank lines
    assert "Submit a Comment" in rest and "Submit a Comment" not in body
    paragraphs = []
    for block in re.split(r"\n\s*\n", body):
        if block.startswith("by |"):  # the byline is kept as data, not in the Markdown
            continue
        for line in block.splitlines():
            line = re.sub(r"^\s*\d+\. ", "", line)
            if line.strip():
                paragraphs.append(_normalise(line))
    return paragraphs


# -- the article and its signs ---------------------------------------------------------------


def test_signs_have_the_stable_ids_in_order() -> None:
    signs = load_signs()
    assert tuple(sign.id for sign in signs) == SIGN_IDS
    assert [sign.number for sign in signs] == [1, 2, 3, 4, 5, 6]


def test_article_list_agrees_with_signs_data() -> None:
    items = LIST_ITEM.findall(load_article().markdown)
    assert len(items) == len(SIGN_IDS)
    for (number, heading, description), sign, sign_id in zip(
        items, load_signs(), SIGN_IDS, strict=True
    ):
        assert sign.id == sign_id
        assert int(number) == sign.number
        assert heading == sign.heading
        assert description == sign.description


def test_every_source_paragraph_appears_verbatim_in_the_article() -> None:
    article = _normalise(_strip_markdown(load_article().markdown))
    paragraphs = _source_paragraphs()
    assert len(paragraphs) > 15
    for paragraph in paragraphs:
        assert paragraph in article


def test_article_adds_no_words_of_its_own() -> None:
    source = set(_source_paragraphs())
    for block in re.split(r"\n\s*\n", load_article().markdown):
        for line in block.splitlines():
            assert _normalise(_strip_markdown(line)) in source


def test_signs_use_the_articles_own_words() -> None:
    source = _normalise(SOURCE.read_text(encoding="utf-8"))
    for sign in load_signs():
        assert _normalise(f"{sign.heading} \u2013 {sign.description}") in source


def test_article_keeps_its_original_spelling() -> None:
    markdown_text = load_article().markdown
    assert "wanna see it through" in markdown_text
    assert "isn\u2019t great" in markdown_text
    assert "'" not in markdown_text  # the source uses curly apostrophes throughout


@pytest.mark.parametrize(
    "boilerplate",
    ["Submit a Comment", "email address", "Akismet", "Holly", "Grace", "2 comments", "by |"],
)
def test_article_leaves_out_comments_and_boilerplate(boilerplate: str) -> None:
    assert boilerplate not in load_article().markdown


def test_article_title_and_byline() -> None:
    article = load_article()
    assert article.title == "The Good And Bad About Trauma Bonding"
    assert article.markdown.splitlines()[0] == f"# {article.title}"
    assert article.byline == BYLINE
    assert BYLINE not in article.markdown
    note = article.source_note
    assert "Jan 15, 2020" in note and "Emotional Health" in note
    assert "no named author" in note and "as it was published" in note


def test_byline_matches_the_source() -> None:
    first_lines = SOURCE.read_text(encoding="utf-8").splitlines()[:3]
    assert "by | Jan 15, 2020 | Emotional Health | 2 comments" in first_lines


# -- prompts and titles ----------------------------------------------------------------------

DIRECTIVE_OR_BLAMING = [
    "should",
    "must",
    "ought",
    "have to",
    "need to",
    "leave him",
    "leave her",
    "leave them",
    "just leave",
    "your fault",
    "why didn't you",
    "why don't you",
    "why do you let",
    "stupid",
    "weak",
    "toxic",
    "addict",
]


@pytest.mark.parametrize("sign", load_signs(), ids=SIGN_IDS)
def test_prompts_are_gentle_and_open(sign: content.Sign) -> None:
    assert 2 <= len(sign.prompts) <= 3
    assert len(set(sign.prompts)) == len(sign.prompts)
    for text in (*sign.prompts, sign.title):
        lowered = text.lower().replace("\u2019", "'")
        for phrase in DIRECTIVE_OR_BLAMING:
            assert not re.search(rf"\b{re.escape(phrase)}", lowered), (phrase, text)
    assert all(prompt.rstrip().endswith("?") for prompt in sign.prompts)
    assert len(sign.title) <= 40


def test_load_signs_refuses_wrong_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    good = content._signs_data()
    bad = {**good, "signs": list(reversed(good["signs"]))}
    for index, raw in enumerate(bad["signs"]):
        bad["signs"][index] = {**raw, "number": index + 1}
    monkeypatch.setattr(content, "_signs_data", lambda: bad)
    with pytest.raises(ValueError, match="do not match"):
        load_signs.__wrapped__()


def test_load_signs_refuses_malformed_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    good = content._signs_data()
    broken = [dict(raw) for raw in good["signs"]]
    broken[2]["prompts"] = "not a list"
    monkeypatch.setattr(content, "_signs_data", lambda: {**good, "signs": broken})
    with pytest.raises(ValueError, match="prompts"):
        load_signs.__wrapped__()


# -- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENT_NAMES)
def test_documents_load(name: str) -> None:
    assert load_document(name).startswith("# ")


def test_unknown_document_is_refused() -> None:
    with pytest.raises(ValueError):
        load_document("../signs.json")


@pytest.mark.parametrize(
    "fact",
    [
        "1981",
        "1993",
        "Violence and Victims",
        "volume 8, issue 2",
        "105\u2013120",
        "power",
        "harm and kindness",
        "after the relationship has ended",
        "not a diagnosis",
        "not a test",
        "not your fault",
        "whether you stay or go",
        "Only a clinician",
        "no diagnosis explains or excuses abuse",
        "readers pointed this out",
    ],
)
def test_about_the_term_covers_the_facts(fact: str) -> None:
    assert fact in _normalise(load_document("about-the-term"))


def test_before_you_read_offers_a_choice_without_alarm() -> None:
    note = load_document("before-you-read").lower()
    assert "read it now" in note and "later" in note
    for alarm in ("warning", "trigger", "caution", "!"):
        assert alarm not in note


# -- help ------------------------------------------------------------------------------------

# (country, service, number) exactly as DESIGN.md section 6 lists them.
CRISIS_NUMBERS = [
    ("United States", "Emergency", "911"),
    ("United States", "National Domestic Violence Hotline", "1-800-799-7233"),
    ("United States", "National Domestic Violence Hotline", "text START to 88788"),
    ("United States", "988 Suicide & Crisis Lifeline", "call or text 988"),
    ("United Kingdom", "Emergency", "999"),
    ("United Kingdom", "National Domestic Abuse Helpline", "0808 2000 247"),
    ("United Kingdom", "Samaritans", "116 123"),
    ("Canada", "Emergency", "911"),
    ("Canada", "988 Suicide Crisis Helpline", "call or text 988"),
    ("Australia", "Emergency", "000"),
    ("Australia", "1800RESPECT", "1800 737 732"),
    ("Australia", "Lifeline", "13 11 14"),
    ("Ireland", "Emergency", "112 or 999"),
    ("Ireland", "Women's Aid", "1800 341 900"),
]


def _help_sections() -> dict[str, str]:
    parts = re.split(r"^### (.+)$", load_document("help"), flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    # The last country section runs into the next "##" section; cut it there.
    return {name: body.split("\n## ", 1)[0] for name, body in sections.items()}


@pytest.mark.parametrize(("country", "service", "number"), CRISIS_NUMBERS)
def test_help_lists_each_crisis_number_under_its_country(
    country: str, service: str, number: str
) -> None:
    lines = _help_sections()[country].splitlines()
    assert any(line.startswith(f"- {service}: ") and number in line for line in lines)


def test_help_lists_no_other_numbers() -> None:
    text = "".join(_help_sections().values())
    assert set(_help_sections()) == {country for country, _, _ in CRISIS_NUMBERS}
    for _, service, number in sorted(CRISIS_NUMBERS, key=lambda line: -len(line[2])):
        text = text.replace(f"{service}:", "").replace(number, "")
    assert re.findall(r"\d+", text.replace("(24 hours)", "")) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "not a replacement for professional care",
        "check the local numbers",
        "as of 2026",
        "whether you stay",
        "safety plan",
        "Keyboard shortcuts",
        "Privacy on a shared computer",
        "Spyware",
        "unlocked",
    ],
)
def test_help_says(phrase: str) -> None:
    assert phrase in _normalise(load_document("help"))


@pytest.mark.parametrize(
    ("action", "keys"),
    [
        ("New entry", "Ctrl+N"),
        ("Search entries", "Ctrl+F"),
        ("Save now", "Ctrl+S"),
        ("Lock", "Ctrl+L"),
        ("Timeline", "Ctrl+T"),
        ("Share a session summary", "Ctrl+E"),
        ("Quick exit", "Press Esc twice quickly"),
        ("Help", "F1"),
    ],
)
def test_help_shortcut_table(action: str, keys: str) -> None:
    assert re.search(rf"^\| {action} \| {re.escape(keys)}", load_document("help"), re.MULTILINE)


def test_core_does_not_import_qt() -> None:
    code = (
        "import sys, unknot.journal.content, unknot.journal.markdown_html\n"
        "unknot.journal.content.load_signs(); unknot.journal.markdown_html.render_markdown('x')\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_shipped_documents_render() -> None:
    article = render_markdown(load_article().markdown)
    assert article.count("<li>") == len(SIGN_IDS)
    assert "<table>" in render_markdown(load_document("help"))
