"""render_markdown: whatever the input, the HTML that reaches the viewer is safe and quick."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unknot.journal.markdown_html import ALLOWED_TAGS, escape_markdown, render_markdown

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
    # Each of these takes Python-Markdown seconds to minutes; the suite's run time shows it.
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

