"""The shipped content: the article is faithful to its source, the signs agree with it, the
readers' comments are word for word, the help page carries the right crisis numbers on lines that
never break inside a number, and "For therapists" is the same in Help and in docs/.
(Rendering safety: test_markdown_html.py.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from unknot.journal import content
from unknot.journal.content import (
    DOCUMENT_NAMES,
    HELP_PAGE_DOCUMENTS,
    SIGN_IDS,
    load_article,
    load_document,
    load_help_page,
    load_reader_comments,
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
    assert "no named author" in note and "unchanged" in note
    assert "readers' comments" in note and "comment form is left out" in note
    # The comments are shown now, but the comment form is not: "as it was published" overstates.
    assert "as it was published" not in note


def _source_comments() -> list[tuple[str, str]]:
    """The two comments under the article in the source, as (name, words) pairs."""
    rest = SOURCE.read_text(encoding="utf-8").partition("\n\n\n")[2]
    rest = rest.split("Submit a Comment", 1)[0]
    comments = []
    for block in re.split(r"^\s*\d+\. ", rest, flags=re.MULTILINE)[1:]:
        name, _, words = block.strip().partition("\n")
        comments.append((name.strip(), _normalise(words)))
    return comments


def test_reader_comments_are_the_sources_word_for_word() -> None:
    expected = _source_comments()
    assert [name for name, _ in expected] == ["Holly", "Grace"]
    comments = load_reader_comments()
    assert [(c.name, _normalise(c.text)) for c in comments] == expected
    # Grace's comment keeps its own line break, and no comment carries the form's boilerplate.
    assert comments[1].text.count("\n") == 1
    for comment in comments:
        for boilerplate in ("Submit a Comment", "email address", "Akismet"):
            assert boilerplate not in comment.text


def test_load_reader_comments_refuses_a_missing_list(monkeypatch: pytest.MonkeyPatch) -> None:
    good = content._signs_data()
    article = {k: v for k, v in good["article"].items() if k != "reader_comments"}
    monkeypatch.setattr(content, "_signs_data", lambda: {**good, "article": article})
    with pytest.raises(ValueError, match="reader_comments"):
        load_reader_comments.__wrapped__()


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


# Words the app's own text (titles, statements, prompts) avoids: it does not assume a romantic
# partner (the article's own words stay as they are), and it uses one spelling, American English,
# as the article does.
ROMANTIC = ["partner", "boyfriend", "girlfriend", "husband", "wife", "spouse", "romantic", "lover"]
BRITISH = [
    "criticis", "behaviour", "colour", "favour", "honour", "neighbour", "counsell", "organis",
    "realis", "recognis", "apologis", "centre", "licence", "afterwards", "whilst", "learnt",
    "judgement", "programme",
]


def _own_words(sign: content.Sign) -> list[str]:
    return [sign.title, sign.statement, *sign.prompts]


@pytest.mark.parametrize("sign", load_signs(), ids=SIGN_IDS)
def test_the_apps_own_words_assume_no_romantic_partner(sign: content.Sign) -> None:
    for text in _own_words(sign):
        for word in ROMANTIC:
            assert word not in text.lower(), (word, text)


@pytest.mark.parametrize(
    "text",
    [text for sign in load_signs() for text in _own_words(sign)]
    + [load_document(name) for name in DOCUMENT_NAMES],
)
def test_the_apps_own_words_use_american_spelling(text: str) -> None:
    for british in BRITISH:
        assert british not in text.lower(), (british, text)


# A statement may report what others think ("think I should end"), but never blames, directs or
# makes the sign the person's own doing.
STATEMENT_BLAME = [
    "must", "ought", "have to", "need to", "your fault", "my fault", "i let", "i push", "i avoid",
    "i choose", "i chose", "i stopped", "i cut", "toxic", "addict", "weak", "stupid", "score",
]


@pytest.mark.parametrize("sign", load_signs(), ids=SIGN_IDS)
def test_each_sign_has_a_plain_statement_for_the_check_in(sign: content.Sign) -> None:
    statement = sign.statement
    assert statement != sign.title and statement != sign.heading
    assert statement[0].isupper() and statement.endswith(".")
    assert 20 <= len(statement) <= 90
    assert re.match(r"(I|People|Nothing) ", statement)  # the person's own view, first person
    lowered = statement.lower().replace("\u2019", "'")
    for phrase in STATEMENT_BLAME:
        assert not re.search(rf"\b{re.escape(phrase)}\b", lowered), (phrase, statement)
    # Plain words: short sentences, no long words.
    assert max(len(word.strip(".,")) for word in statement.split()) <= 12


def test_statements_of_two_signs_read_as_designed() -> None:
    signs = {sign.id: sign for sign in load_signs()}
    assert signs["others-want-you-out"].statement == (
        "People close to me think I should end the relationship."
    )
    # Being cut off is said as what happened, not as something the person did.
    assert signs["isolated"].statement == "I see less of my friends and family than I used to."


def test_load_signs_refuses_a_missing_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    good = content._signs_data()
    broken = [dict(raw) for raw in good["signs"]]
    del broken[4]["statement"]
    monkeypatch.setattr(content, "_signs_data", lambda: {**good, "signs": broken})
    with pytest.raises(ValueError, match=r"signs\[4\]\.statement"):
        load_signs.__wrapped__()


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
        "blog post",
        "Jan 15, 2020",
        "Emotional Health",
        "names no author",
        "words unchanged",
        "two readers' comments",
        "form for writing a new comment is left out",
    ],
)
def test_about_the_term_covers_the_facts(fact: str) -> None:
    assert fact in _normalise(load_document("about-the-term"))


def test_about_the_term_does_not_overstate() -> None:
    assert "as it was published" not in _normalise(load_document("about-the-term"))


def test_before_you_read_offers_a_choice_without_alarm() -> None:
    note = load_document("before-you-read").lower()
    assert "read it now" in note and "later" in note
    for alarm in ("warning", "trigger", "caution", "!"):
        assert alarm not in note


# -- help ------------------------------------------------------------------------------------

# (country, service, number) exactly as DESIGN.md section 6 lists them: the lines for everyone...
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
    ("Ireland", "Emergency", "112"),
    ("Ireland", "Emergency", "999"),
    ("Ireland", "Women's Aid", "1800 341 900"),
]
# ...and "More lines", so that men, LGBTQ+ people, young people and Indigenous people in Canada
# find one meant for them.
MORE_NUMBERS = [
    ("United States", "The Trevor Project", "1-866-488-7386"),
    ("United States", "The Trevor Project", "text START to 678678"),
    ("United Kingdom", "Men's Advice Line (Respect)", "0808 801 0327"),
    ("United Kingdom", "Galop", "0800 999 5428"),
    ("Canada", "Kids Help Phone", "1-800-668-6868"),
    ("Canada", "Kids Help Phone", "text CONNECT to 686868"),
    ("Canada", "Hope for Wellness", "1-855-242-3310"),
    ("Australia", "MensLine Australia", "1300 789 978"),
    ("Australia", "QLife", "1800 184 527"),
    ("Australia", "Men's Referral Service", "1300 766 491"),
    ("Ireland", "Samaritans", "116 123"),
    ("Ireland", "Male Advice Line", "1800 816 588"),
    ("Ireland", "LGBT Ireland", "1800 929 539"),
]
ALL_NUMBERS = CRISIS_NUMBERS + MORE_NUMBERS
# Who each line of the second list serves, and its hours, exactly where section 6 gives them.
WHO_AND_WHEN = [
    ("United States", "National Domestic Violence Hotline", "men and LGBTQ+ people included"),
    ("United States", "The Trevor Project", "LGBTQ+ young people under 25"),
    ("United States", "The Trevor Project", "(24/7)"),
    ("United Kingdom", "National Domestic Abuse Helpline", "(24 hours)"),
    ("United Kingdom", "Men's Advice Line (Respect)", "for men experiencing domestic abuse"),
    ("United Kingdom", "Galop", "LGBT+ victims and survivors of abuse and violence"),
    ("Canada", "Kids Help Phone", "young people"),
    ("Canada", "Kids Help Phone", "(24/7)"),
    ("Canada", "Hope for Wellness", "First Nations, Inuit and Métis people"),
    ("Canada", "Hope for Wellness", "(24/7)"),
    ("Australia", "MensLine Australia", "(24/7)"),
    ("Australia", "QLife", "peer support for LGBTIQ+ people (not a crisis line)"),
    ("Australia", "QLife", "(3 pm to midnight every day)"),
    ("Australia", "Men's Referral Service", "men worried about their own behavior"),
    ("Australia", "Men's Referral Service", "(24/7)"),
    ("Ireland", "Samaritans", "(24/7)"),
    ("Ireland", "Male Advice Line", "for men experiencing domestic abuse"),
]
# What a reader copies into a phone must break nowhere: spaces inside a number are no-break
# spaces, hyphens are no-break hyphens.
NBSP, NB_HYPHEN = "\u00a0", "\u2011"
_DIGIT_GROUPS = re.compile(r"\d+(?:[ \u00a0\-\u2011]\d+)*")


def _readable(line: str) -> str:
    return line.replace(NBSP, " ").replace(NB_HYPHEN, "-")


def _unbreakable(number: str) -> str:
    """``number`` as the page must write it: each run of digit groups held together."""
    return _DIGIT_GROUPS.sub(
        lambda match: match.group(0).replace(" ", NBSP).replace("-", NB_HYPHEN), number
    )


def _help_sections() -> dict[str, str]:
    parts = re.split(r"^### (.+)$", load_document("help"), flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    # The last country section runs into the next "##" section; cut it there.
    return {name: body.split("\n## ", 1)[0] for name, body in sections.items()}


def _service_lines(country: str, service: str) -> list[str]:
    """The page's list lines under ``country`` for ``service`` ("- Service, who: number")."""
    return [
        line
        for line in _help_sections()[country].splitlines()
        if re.match(rf"- {re.escape(service)}[,:]", _readable(line))
    ]


@pytest.mark.parametrize(("country", "service", "number"), ALL_NUMBERS)
def test_help_lists_each_crisis_number_under_its_country(
    country: str, service: str, number: str
) -> None:
    lines = _service_lines(country, service)
    assert len(lines) == 1, (country, service)
    assert number in _readable(lines[0])
    assert _unbreakable(number) in lines[0]


@pytest.mark.parametrize(("country", "service", "words"), WHO_AND_WHEN)
def test_help_says_who_each_line_serves_and_when(country: str, service: str, words: str) -> None:
    (line,) = _service_lines(country, service)
    assert words in _readable(line)


def test_help_gives_hours_only_where_design_does() -> None:
    hours = re.compile(r"\((?:24/7|24 hours|3 pm to midnight every day)\)")
    with_hours = {
        (country, service) for country, service, words in WHO_AND_WHEN if hours.fullmatch(words)
    }
    for country, section in _help_sections().items():
        for line in section.splitlines():
            if hours.search(line):
                service = _readable(line)[2:].split(",")[0].split(":")[0]
                assert (country, service) in with_hours, line


def test_no_number_on_the_help_page_can_break() -> None:
    page = load_document("help")
    for match in _DIGIT_GROUPS.finditer(page):
        assert " " not in match.group(0) and "-" not in match.group(0), match.group(0)
    # The renderer keeps them (a no-break space may come out as &nbsp;).
    rendered = render_markdown(page).replace("&nbsp;", NBSP).replace("&#160;", NBSP)
    assert f"0808{NBSP}2000{NBSP}247" in rendered
    assert f"1{NB_HYPHEN}800{NB_HYPHEN}799{NB_HYPHEN}7233" in rendered


def test_help_lists_no_other_numbers() -> None:
    sections = _help_sections()
    assert set(sections) == {country for country, _, _ in ALL_NUMBERS}
    allowed = ("(24/7)", "(24 hours)", "3 pm", "under 25", "call 911")
    for country, section in sections.items():
        text = _readable(section).replace("1800RESPECT", "").replace("988 Suicide", "")
        for phrase in allowed:
            text = text.replace(phrase, "")
        numbers = sorted(
            {number for c, _, number in ALL_NUMBERS if c == country}, key=lambda n: -len(n)
        )
        for number in numbers:
            text = text.replace(number, "")
        assert re.findall(r"\d+", text) == [], country


def test_help_says_canada_has_no_single_domestic_violence_line() -> None:
    canada = _normalise(_help_sections()["Canada"])
    assert "no single national domestic violence line" in canada
    assert "province and territory" in canada and "victim services" in canada
    assert "call 911" in canada


def test_help_does_not_mention_988s_former_option() -> None:
    assert "press 3" not in load_document("help").lower()


@pytest.mark.parametrize(
    "phrase",
    [
        "not a replacement for professional care",
        "check the local numbers",
        "as of 2026",
        "whether you stay",
        "safety plan",
        "whether you stay in the relationship or leave it",
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


# -- for therapists --------------------------------------------------------------------------

DOCS_FOR_THERAPISTS = REPO / "docs" / "for-therapists.md"


def test_for_therapists_in_help_and_in_docs_say_the_same() -> None:
    assert DOCS_FOR_THERAPISTS.read_text(encoding="utf-8") == load_document("for-therapists")


def test_the_help_page_ends_with_for_therapists() -> None:
    assert HELP_PAGE_DOCUMENTS == ("help", "for-therapists")
    page = load_help_page()
    assert page.startswith(load_document("help").strip())
    assert page.rstrip().endswith(load_document("for-therapists").strip())
    assert "](#for-therapists)" in load_document("help")  # Help points to it
    assert 'id="for-therapists"' in render_markdown(page)


@pytest.mark.parametrize(
    "phrase",
    [
        # what Unknot is and is not
        "a blog's list",
        "not a validated measure",
        "not a diagnosis",
        "no score",
        "not a replacement for professional care",
        "never connects to the internet",
        # the check-in, without making it homework
        "without making it homework",
        "not as a task",
        "can be skipped",
        "no streaks",
        "only write when it is safe",
        # sharing, and why "Show on screen" matters
        "The client decides what leaves the journal",
        "No entry is ticked to begin with",
        "Show on screen",
        "saves nothing",
        "can become part of your records",
        "Save protected PDF",
        # what a summary holds and leaves out
        "written for you",
        "only the entries the client ticked",
        "the question it answered",
        "leaves out every entry the client did not tick",
        "notes written with check-ins",
        # counts follow how much is written
        "Counts follow how much is written",
        "felt safer",
        # trying it with sample data
        "Look around with sample data first",
        "unknot --demo",
        "made-up",
        "removed when Unknot closes",
    ],
)
def test_for_therapists_covers(phrase: str) -> None:
    assert phrase in _normalise(load_document("for-therapists"))


def _sentences(text: str) -> list[str]:
    text = re.sub(r"^#+ .*$|`[^`]*`|\*\*", "", text, flags=re.MULTILINE)
    return [s for s in re.split(r"(?<=[.:;?])\s+|\n\s*\n|\n- ", text) if s.strip()]


def test_for_therapists_is_plain() -> None:
    """About grade 7: short sentences, mostly short words."""
    sentences = _sentences(load_document("for-therapists"))
    words = [w for s in sentences for w in re.findall(r"[A-Za-z']+", s)]
    assert max(len(re.findall(r"\S+", s)) for s in sentences) <= 40
    assert sum(len(re.findall(r"\S+", s)) for s in sentences) / len(sentences) <= 17
    assert sum(len(w) > 9 for w in words) / len(words) < 0.06


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
    assert "<table>" in render_markdown(load_help_page())
