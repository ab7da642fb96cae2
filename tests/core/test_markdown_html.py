"""render_markdown: whatever the input, the HTML that reaches the viewer is safe and quick."""

from __future__ import annotations

from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from unknot.journal.markdown_html import (
    ALLOWED_TAGS,
    escape_markdown,
    neutralise_raw_html,
    render_markdown,
    sanitise_html,
)

# -- rendering Markdown safely ---------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _assert_safe(html_text: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collector()
    collector.feed(html_text)
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, tag
        assert tag != "img"
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            assert name in {"href", "title", "start", "id", "align"}, name
            if name == "href":
                assert value is not None
                assert value.startswith(("http://", "https://", "mailto:", "#")), value
    return collector.tags


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "local image": "<img src=file:///etc/passwd>",
    "markdown local image": "![secret](file:///etc/passwd)",
    "remote image": "![tracking pixel](https://example.com/pixel.png)",
    "reference image": "![ref][pic]\n\n[pic]: https://example.com/p.png",
    "javascript link": "[click](javascript:alert(1))",
    "javascript link, mixed case": "[click](JaVaScRiPt:alert(1))",
    "onerror": '<a href="https://example.com" onerror="alert(1)">x</a>',
    "title breakout": '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
    "data link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "data image": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "file link": "[x](file:///etc/passwd)",
    "iframe": '<iframe src="https://example.com"></iframe>',
    "style": "<style>body { background: url(https://example.com/x) }</style>",
    "entity smuggling": "&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x&#62;",
    "comment": "<!-- <img src=x> -->",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_is_made_safe(source: str) -> None:
    rendered = render_markdown(source)
    _assert_safe(rendered)
    # Raw HTML may survive only as visible, escaped text ("&lt;script&gt;"), never as a tag.
    for tag in ("<script", "<img", "<iframe", "<style", "<!--"):
        assert tag not in rendered.lower()


def test_raw_html_is_shown_as_text() -> None:
    rendered = render_markdown("Say <b>hi</b> & <script>x</script>")
    assert "&lt;b&gt;hi&lt;/b&gt;" in rendered
    assert "&lt;script&gt;x&lt;/script&gt;" in rendered


def test_images_become_their_alt_text() -> None:
    rendered = render_markdown("before ![a drawing](https://example.com/a.png) after")
    assert rendered == "<p>before a drawing after</p>"


def test_safe_links_survive() -> None:
    tags = _assert_safe(
        render_markdown("[a](https://example.org/) [b](mailto:me@example.org) [c](#help)")
    )
    hrefs = [attrs.get("href") for tag, attrs in tags if tag == "a"]
    assert hrefs == ["https://example.org/", "mailto:me@example.org", "#help"]


def test_unsafe_links_lose_their_address_but_keep_their_text() -> None:
    rendered = render_markdown("[read me](javascript:alert(1))")
    assert rendered == "<p><a>read me</a></p>"


@pytest.mark.parametrize("depth", [30, 2000])
def test_deeply_nested_lists_do_not_break(depth: int) -> None:
    nested = "\n".join("    " * level + "- item" for level in range(depth))
    rendered = render_markdown(nested)
    _assert_safe(rendered)
    if depth == 30:
        assert rendered.count("item") == depth
        assert rendered.count("<ul>") == depth  # ordinary nesting is still a real list
    else:  # 16 MB of indentation: the preview shows the beginning, and says so
        assert 0 < rendered.count("item") < depth
        assert "preview shows only its beginning" in rendered


PATHOLOGICAL = {
    "nested quotes": ">" * 5000 + " deep",
    "quotes and lists": "> - " * 3000 + "deep",
    "unclosed brackets": "[" * 20000,
    "unclosed links": "[a](" * 5000,
    "setext headings": "a\n---\n" * 5000,
    "rules": "***\n" * 8000,
}


@pytest.mark.parametrize("source", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_falls_back_to_plain_text(source: str) -> None:
    # Each of these took Python-Markdown seconds to minutes; the suite's run time shows it.
    rendered = render_markdown(source)
    _assert_safe(rendered)
    assert rendered.startswith("<p>")


def test_prose_formatting_survives() -> None:
    tags = _assert_safe(
        render_markdown("# T\n\n*e* **s** `c`\n\n3. x\n4. y\n\n| a | b |\n|:-|-:|\n| 1 | 2 |")
    )
    names = [tag for tag, _ in tags]
    for expected in ("h1", "em", "strong", "code", "ol", "table", "th", "td"):
        assert expected in names
    assert ("ol", {"start": "3"}) in tags


def test_escape_markdown_shows_text_literally() -> None:
    text = "1. *not* [a](link) <https://x.example> & # done_here"
    rendered = render_markdown(escape_markdown(text))
    assert _assert_safe(rendered) == [("p", {})]
    assert "*not* [a](link) &lt;https://x.example&gt; &amp; # done_here" in rendered


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "&",
                "[",
                "]",
                "(",
                ")",
                "!",
                "`",
                "*",
                "\n",
                "\n\n",
                "    ",
                "- ",
                "1. ",
                "> ",
                "#",
                "|",
                '"',
                "'",
                "=",
                "/",
                ":",
                "javascript:",
                "data:",
                "file:",
                "https://e.example",
                "img",
                "src",
                "onerror",
                "script",
                "a",
                " ",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_input_renders_safely(text: str) -> None:
    _assert_safe(render_markdown(text))



# -- CommonMark, as the readers of our exports see it --------------------------------------------

CORPUS = """\
Shopping:
- milk
- eggs

Steps for the morning:
1. wake
2. walk

- outer
  - inner, nested by two spaces
    - innermost
- back out

3. starts at three
4. four

| Day | Mood |
| --- | --- |
| Mon | *low* |
| Tue | **better** |

That was ~~never~~ sometimes true.

Some `inline <code>` and a block:

```python
x = "<b>" * 2
```

    indented code

> a quote with _emphasis_
> and a [link](https://example.org/) and <https://example.com>

# A heading

Line one\\
line two, and a [reference][ref].

[ref]: https://example.org/ref "Title"

***

Last *paragraph* with **strong** and ***both***.
"""


def _reference() -> MarkdownIt:
    """markdown-it's own CommonMark with GitHub's tables and strikethrough."""
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


class _Structure(HTMLParser):
    """HTML as a flat list of start tags (with the attributes that carry meaning), end tags and
    words, so that two renderings compare by structure, not by whitespace or ids."""

    IGNORED = {"id", "align"}  # heading anchors are Unknot's own; alignment is spelt for Qt

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = sorted(f"{k}={v}" for k, v in attrs if k not in self.IGNORED)
        self.events.append(("start", tag, *kept))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.events += [("word", word) for word in data.split()]


def _structure(html_text: str) -> list[tuple[str, ...]]:
    parser = _Structure()
    parser.feed(html_text)
    parser.close()
    return parser.events


def test_the_preview_renders_commonmark_as_markdown_it_does() -> None:
    ours = _structure(render_markdown(CORPUS))
    theirs = _structure(sanitise_html(_reference().render(CORPUS)))
    assert ours == theirs


def test_the_corpus_has_what_it_claims() -> None:
    tags = [event[1] for event in _structure(render_markdown(CORPUS)) if event[0] == "start"]
    for expected in ("ul", "ol", "table", "th", "td", "s", "code", "pre", "em", "strong",
                     "blockquote", "a", "h1", "hr", "br"):
        assert expected in tags, expected
    assert ("start", "ol", "start=3") in _structure(render_markdown(CORPUS))


def test_a_list_after_a_line_of_text_is_a_list() -> None:
    """Found: "Shopping:" with "- milk" under it was one paragraph (Python-Markdown)."""
    assert render_markdown("Shopping:\n- milk\n- eggs") == (
        "<p>Shopping:</p>\n<ul>\n<li>milk</li>\n<li>eggs</li>\n</ul>")


def test_lists_nested_by_two_spaces_nest() -> None:
    rendered = render_markdown("- a\n  - b\n    - c")
    assert rendered.count("<ul>") == 3


def test_strikethrough() -> None:
    assert render_markdown("~~gone~~") == "<p><s>gone</s></p>"


def test_table_alignment_is_an_attribute_qt_reads() -> None:
    tags = _assert_safe(render_markdown("| a | b | c |\n|:-|:-:|-:|\n| 1 | 2 | 3 |"))
    aligns = [attrs.get("align") for tag, attrs in tags if tag == "td"]
    assert aligns == ["left", "center", "right"]


def test_headings_get_ids_for_in_page_links() -> None:
    rendered = render_markdown("See [For therapists](#for-therapists).\n\n## For therapists")
    assert '<h2 id="for-therapists">' in rendered and 'href="#for-therapists"' in rendered


def test_the_markdown_export_reads_as_the_preview_shows() -> None:
    """The export is Markdown; read by a CommonMark tool, each entry's text has the structure
    the preview showed."""
    from unknot.journal.exchange import export_markdown
    from unknot.journal.model import Entry

    entry = Entry.new(datetime(2026, 7, 14, 21, 30, tzinfo=timezone.utc), title="A day",
                      body=CORPUS)
    exported = _structure(sanitise_html(_reference().render(export_markdown([entry], []))))
    preview = _structure(render_markdown(CORPUS))
    assert any(exported[i:i + len(preview)] == preview for i in range(len(exported))), (
        "the entry's text, as a CommonMark reader sees it in the export, differs from the "
        "preview")


# -- Markdown that leaves the app: raw HTML is made text --------------------------------------

def _raw_html(markdown: str) -> list[str]:
    """The raw HTML a CommonMark reader (HTML allowed, as pandoc's is) would pass on."""
    found = []
    for token in _reference().parse(markdown):
        for inner in [token, *(token.children or [])]:
            if inner.type in ("html_block", "html_inline"):
                found.append(inner.content)
    return found


RAW = {
    "script block": "<script>alert(1)</script>",
    "inline tag": "Say <b>hi</b> to <img src=x onerror=alert(1)>",
    "in a list": "- one\n- <iframe src=https://e.example></iframe>",
    "in a quote": "> <div>\n> <script>x</script>\n> </div>",
    "in a table": "| a | b |\n|---|---|\n| <b>x</b> | <b>x</b> |",
    "in a heading": "# Title <script>x</script>",
    "comment": "<!-- hidden --> text",
    "in a link's text": "[<b>x</b>](https://example.org)",
    "a fence that the html hides": "<div>\n```\n</div>\n\n```\n<script>x</script>\n```",
    "tabs": "-\t<b>x</b>\n\t<i>y</i>",
}


@pytest.mark.parametrize("source", RAW.values(), ids=RAW.keys())
def test_raw_html_leaves_the_app_as_text(source: str) -> None:
    assert _raw_html(source), "the example should hold raw HTML to begin with"
    neutral = neutralise_raw_html(source)
    assert _raw_html(neutral) == []
    assert "&lt;" in neutral


def test_neutralising_leaves_code_and_plain_text_alone() -> None:
    assert neutralise_raw_html(CORPUS) == CORPUS
    text = "`<b>` in code, and <b>bold</b>\n\n```\n<script>\n```\n"
    neutral = neutralise_raw_html(text)
    assert neutral == "`<b>` in code, and &lt;b>bold&lt;/b>\n\n```\n<script>\n```\n"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<", ">", "/", "b", "div", "script", "!--", "-->", "`", "```", "\n",
                         "\n\n", "    ", "\t", "- ", "> ", "| ", " |", "---", "[", "](", ")",
                         "=", '"', "a", " ", "?", "&lt;", "\\"]),
        max_size=50,
    ).map("".join)
)
def test_no_raw_html_survives_neutralising(text: str) -> None:
    assert _raw_html(neutralise_raw_html(text)) == []
