"""Markdown to safe HTML, for the preview and for every export that shows an entry as HTML.

Unknot reads Markdown as CommonMark with GitHub's tables and strikethrough (markdown-it-py),
because the people and programs that read our exports do too: "Shopping:" and a line "- milk"
under it are a list here as they are in pandoc, and a list indented by two spaces nests.

The rules, in order of defence:

1. Raw HTML in the input is never interpreted: markdown-it's raw-HTML option is off, so
   ``<script>`` in an entry shows up as the text ``<script>``. For Markdown that leaves the app
   (an export read by another program), neutralise_raw_html does the same to the text itself.
2. Images are never emitted: each Markdown image is replaced by its alt text, so nothing is
   fetched from disk or the network.
3. The result is cleaned by nh3 with an allow-list of prose tags. Links keep their ``href`` only
   for ``http``, ``https`` and ``mailto`` addresses and in-page ``#anchors``; the viewer asks the
   user before opening any of them.

Some shapes of input are costly to parse or to lay out: containers nested dozens deep,
thousands of emphasis markers or table cells, megabytes without a space. Input like that is
shown in part, or as plain escaped paragraphs, with a note, so showing an entry can never hang
the window. Nothing in this module imports Qt.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.anchors import anchors_plugin

__all__ = ["ALLOWED_TAGS", "ALLOWED_URL_SCHEMES", "MAX_PREVIEW_CHARS", "MAX_PREVIEW_LINES",
           "escape_markdown", "neutralise_raw_html", "render_markdown", "sanitise_html"]

ALLOWED_TAGS: frozenset[str] = frozenset(
    [
        "a",
        "blockquote",
        "br",
        "code",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "s",  # ~~strikethrough~~
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "ol": {"start"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
_ALIGN_VALUES: dict[str, dict[str, set[str]]] = {
    cell: {"align": {"left", "right", "center"}} for cell in ("th", "td")
}
# Removed together with everything inside them (never shown as text).
_DROP_WITH_CONTENT: frozenset[str] = frozenset(
    [
        "applet",
        "embed",
        "frame",
        "frameset",
        "iframe",
        "math",
        "noscript",
        "object",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
    ]
)
_HEADING_ID = re.compile(r"[a-z0-9_-]+")
# Limits beyond which Markdown is not parsed (see _too_complex); ordinary writing stays far below.
_MAX_NESTING = 32  # containers (quotes, list items) inside one another
_MAX_BLOCK_LINES = 1000
# markdown-it stops parsing (and drops the rest) past this many open tokens; _too_complex keeps
# every input that reaches it far below, so nothing is ever dropped.
_PARSER_NESTING = 4 * _MAX_NESTING + 64
# The preview's budget (see _within_budget and _html_too_heavy); ordinary entries stay below.
MAX_PREVIEW_CHARS = 100_000
MAX_PREVIEW_LINES = 2_000
_MAX_WORD = 1_000
_LONG_WORD = re.compile(rf"\S{{{_MAX_WORD + 1},}}")
_MAX_ELEMENTS = 12_000
_MAX_HTML_DEPTH = 80  # above the _MAX_NESTING (32) containers Markdown may nest
_MAX_TABLE_COLUMNS = 64
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
PREVIEW_CUT_NOTE = ("This entry is very long: the preview shows only its beginning, and very "
                    "long words in it are shortened. All of it is in the editor.")
SUMMARY_CUT_NOTE = ("This entry is very long: the summary shows only its beginning, and very "
                    "long words in it are shortened. Saved as Markdown, the summary holds all "
                    "of it.")
# What may stand before a line's text: indentation, quote markers and list markers.
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def _is_allowed_href(value: str) -> bool:
    value = value.strip()
    if value.startswith("#"):
        return len(value) > 1
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ALLOWED_URL_SCHEMES and bool(parts.netloc or parts.path)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if _is_allowed_href(value) else None
    if attribute == "id":
        return value if _HEADING_ID.fullmatch(value) else None
    return value


# -- the parser ---------------------------------------------------------------------------------


def _new_parser(*, html: bool = False) -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough, as Unknot reads Markdown.

    With ``html`` raw HTML is recognised (as other programs that read our exports would) —
    for finding it, never for showing it."""
    parser = MarkdownIt("commonmark", {"html": html, "maxNesting": _PARSER_NESTING})
    parser.enable(["table", "strikethrough"])
    return parser


def _images_as_alt_text(renderer: RendererHTML, tokens: Sequence[Token], index: int,
                        options: OptionsDict, env: EnvType) -> str:
    """An image is shown as its alt text only, so nothing is ever requested."""
    children = tokens[index].children or []
    return html.escape(renderer.renderInlineAsText(children, options, env), quote=False)


def _align_as_attribute(state: StateCore) -> None:
    """Table cells say their alignment with ``align``, which Qt's viewer understands, rather
    than with the ``style`` markdown-it writes."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrs["align"] = style.removeprefix("text-align:")


@cache
def _renderer() -> MarkdownIt:
    parser = _new_parser()
    # Every address is kept as a link here; nh3 (below) then keeps only the safe ones, so an
    # unsafe link shows its text without its address.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    # Heading ids only, so that in-page "#anchors" can scroll; no permalink symbols.
    anchors_plugin(parser, min_level=1, max_level=6)
    parser.core.ruler.push("unknot_align", _align_as_attribute)
    parser.add_render_rule("image", _images_as_alt_text)
    return parser


# -- guards -------------------------------------------------------------------------------------


def _nesting(line: str) -> int:
    """At most how many containers (quotes, list items) ``line`` can be inside.

    Each takes at least two columns of the line's prefix (a list marker and its space, or
    indentation as deep as its parent's text) or one ``>``."""
    match = _CONTAINER_PREFIX.match(line)
    prefix = match.group(0).expandtabs(4) if match else ""
    quotes = prefix.count(">")
    return quotes + (len(prefix) - quotes) // 2


def _too_complex(text: str) -> bool:
    """Whether ``text`` would take too long to parse, or make more than the viewer can lay out.

    Costly shapes: containers nested very deep; thousands of emphasis markers or brackets
    (each is an element, or a search for its partner); very long blocks; wide or huge tables.
    """
    if sum(text.count(marker) for marker in "*_`[~") > 2 * _MAX_ELEMENTS:
        return True
    block_lines = block_cells = 0
    for line in text.splitlines():
        if not line.strip():
            block_lines = block_cells = 0
            continue
        block_lines += 1
        if block_lines > _MAX_BLOCK_LINES:
            return True
        # Twice the limit: indentation of four columns a level is as common as two.
        if _nesting(line) > 2 * _MAX_NESTING:
            return True
        cells = line.count("|")
        block_cells += cells
        if cells > _MAX_TABLE_COLUMNS or block_cells > _MAX_ELEMENTS:  # tables lay out slowly
            return True
    return False


def _plain_paragraphs(text: str) -> str:
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "\n".join(
        "<p>" + html.escape(part.strip()).replace("\n", "<br>") + "</p>" for part in paragraphs
    )


def _sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes=_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        tag_attribute_values=_ALIGN_VALUES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def sanitise_html(fragment: str) -> str:
    """The allow-list every HTML fragment passes before it is shown (also for comparisons in
    tests with another renderer's output)."""
    return _sanitise(fragment)


def _within_budget(text: str) -> tuple[str, bool]:
    """The part of ``text`` a viewer can lay out quickly, and whether anything was left out.

    Qt's text layout slows down sharply with sheer size (characters, lines, table cells) and
    with very long unbroken "words" (a pasted data: address can be megabytes without a space):
    past these limits an entry would freeze the window for seconds or minutes. Ordinary writing
    stays far below them; the editor always holds the whole text.
    """
    cut = False
    if len(text) > MAX_PREVIEW_CHARS:
        text, cut = text[:MAX_PREVIEW_CHARS], True
    lines = text.split("\n")
    if len(lines) > MAX_PREVIEW_LINES:
        lines, cut = lines[:MAX_PREVIEW_LINES], True
    shortened = [_LONG_WORD.sub(_shorten_word, line) for line in lines]
    cut = cut or shortened != lines
    return "\n".join(shortened), cut


def _shorten_word(match: re.Match[str]) -> str:
    return match.group(0)[:_MAX_WORD] + "…"


def _html_too_heavy(fragment: str) -> bool:
    """Whether Qt would take too long over this HTML: too many elements, or nested too deep."""
    depth = deepest = elements = 0
    for closing, tag in _HTML_TAG.findall(fragment):
        if tag.lower() in ("br", "hr"):
            continue
        if closing:
            depth -= 1
            continue
        elements += 1
        depth += 1
        deepest = max(deepest, depth)
    return elements > _MAX_ELEMENTS or deepest > _MAX_HTML_DEPTH


def render_markdown(text: str, cut_note: str = PREVIEW_CUT_NOTE) -> str:
    """Convert Markdown ``text`` to sanitised HTML that is safe to give to a Qt text viewer.

    Very long or very complex text is shown in part, or as plain paragraphs, with a note: see
    _within_budget and _html_too_heavy."""
    text, cut = _within_budget(text)
    if _too_complex(text):
        converted = _plain_paragraphs(text)
    else:
        try:
            converted = _renderer().render(text)
        except RecursionError:  # a last resort; _too_complex should have caught it
            converted = _plain_paragraphs(text)
        if _html_too_heavy(converted):
            converted = _plain_paragraphs(text)
    if cut:
        converted += f"\n<p><em>{html.escape(cut_note)}</em></p>"
    return _sanitise(converted).strip()


def escape_markdown(text: str) -> str:
    """Escape ``text`` so that Markdown shows it literally (for titles, bylines and the like)."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    # "&" and "<" as entities show literally and cannot start an autolink or a tag.
    return escaped.replace("&", "&amp;").replace("<", "&lt;")


# -- Markdown that leaves the app ---------------------------------------------------------------

_RAW_HTML_AT = "unknot_raw_html_at"
_MAX_PASSES = 16


def _recording(rule: Any) -> Any:
    """markdown-it's raw-HTML inline rule, noting where in its text each piece of HTML starts."""

    def record(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            state.env.setdefault(_RAW_HTML_AT, set()).add((state.src, start))
        return True

    return record


@cache
def _html_finder() -> MarkdownIt:
    parser = _new_parser(html=True)
    rule = next(r.fn for r in parser.inline.ruler.__rules__ if r.name == "html_inline")
    parser.inline.ruler.at("html_inline", _recording(rule))
    return parser


def _raw_html_spots(lines: list[str]) -> tuple[set[tuple[int, int]], set[int]]:
    """Where raw HTML starts: exact (line, column) places of its ``<``, and lines where the
    place could not be told (every ``<`` on them is then escaped)."""
    env: dict[str, Any] = {}
    tokens = _html_finder().parse("".join(lines), env)
    starts: dict[str, set[int]] = {}
    for source, offset in env.get(_RAW_HTML_AT, ()):
        starts.setdefault(source, set()).add(offset)
    spots: set[tuple[int, int]] = set()
    whole: set[int] = set()
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "html_block":
            whole.update(range(first, last))
        elif token.type == "inline" and any(c.type == "html_inline"
                                             for c in token.children or ()):
            _place(token.content, starts.get(token.content, set()), lines, first, last, spots,
                   whole)
    return spots, whole


def _place(content: str, offsets: set[int], lines: list[str], first: int, last: int,
           spots: set[tuple[int, int]], whole: set[int]) -> None:
    """Map offsets in an inline token's text back to places in the source lines."""
    begin = 0
    for number, part in enumerate(content.split("\n")):
        end = begin + len(part)
        inside = [offset - begin for offset in offsets if begin <= offset < end]
        row = first + number
        if inside and row < last and row < len(lines):
            column = lines[row].rfind(part) if part else -1
            if column < 0:
                whole.add(row)
            else:
                spots.update((row, column + offset) for offset in inside)
        elif inside:
            whole.update(range(first, min(last, len(lines))))
        begin = end + 1


def neutralise_raw_html(text: str) -> str:
    """``text`` with every piece of raw HTML made visible text, for Markdown that other programs
    will read (exports): a ``<script>`` an entry quotes must not become a script in pandoc's
    HTML. Only the ``<`` that would open a tag, comment or the like becomes ``&lt;``; code
    spans and code blocks are left as written, so they read as before everywhere."""
    lines = text.splitlines(keepends=True)
    for _ in range(_MAX_PASSES):
        spots, whole = _raw_html_spots(lines)
        if not spots and not whole:
            return "".join(lines)
        before = list(lines)
        for row, column in sorted(spots, reverse=True):
            if row not in whole and lines[row][column:column + 1] == "<":
                lines[row] = lines[row][:column] + "&lt;" + lines[row][column + 1:]
        if lines == before:  # the places were not where they seemed: the whole lines, then
            whole.update(row for row, _ in spots)
        for row in whole:
            lines[row] = lines[row].replace("<", "&lt;")
    # Text made to keep turning into new HTML as it is escaped: escape every "<" (code too).
    return "".join(lines).replace("<", "&lt;")
