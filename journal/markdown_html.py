"""Markdown to safe HTML for display in the app.

The rules, in order of defence:

1. Raw HTML in the input is never interpreted: Python-Markdown's raw-HTML block and inline
   handlers are switched off, so ``<script>`` in an entry shows up as the text ``<script>``.
2. Images are never emitted: each Markdown image is replaced by its alt text (or dropped if it
   has none), so nothing is fetched from disk or the network.
3. The result is cleaned by nh3 with an allow-list of prose tags. Links keep their ``href`` only
   for ``http``, ``https`` and ``mailto`` addresses and in-page ``#anchors``; the viewer asks the
   user before opening any of them.

Python-Markdown slows down sharply on some shapes of input: lists or quotes nested dozens
deep, thousands of unclosed ``[``, thousands of lines with no blank line between them. Input
like that is shown as plain, escaped paragraphs instead, so rendering an entry can never hang
the window. Nothing in this module imports Qt.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

__all__ = ["ALLOWED_TAGS", "ALLOWED_URL_SCHEMES", "MAX_PREVIEW_CHARS", "MAX_PREVIEW_LINES",
           "escape_markdown", "render_markdown"]

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
_MAX_NESTING = 32
_MAX_BRACKET_WORK = 1_000_000
_MAX_BLOCK_LINES = 1000
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
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


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


class _ImagesToAltText(Treeprocessor):
    """Replace every ``<img>`` element with its alt text, so no image is ever requested."""

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            index = 0
            while index < len(parent):
                child = parent[index]
                if child.tag != "img":
                    index += 1
                    continue
                replacement = (child.get("alt") or "") + (child.tail or "")
                if index == 0:
                    parent.text = (parent.text or "") + replacement
                else:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + replacement
                parent.remove(child)


def _new_converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            # Heading ids only, so that in-page "#anchors" can scroll; no [TOC] marker.
            TocExtension(marker="", permalink=False, anchorlink=False),
        ],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    # Raw HTML is shown as text, never interpreted.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_ImagesToAltText(converter), "images_to_alt_text", 15)
    return converter


def _too_complex(text: str) -> bool:
    """Whether ``text`` would make Python-Markdown slow.

    Three shapes are costly: deep nesting; many ``[`` in one block (each can make the link
    parser scan to the end of the block); and very long blocks (block parsers split off one
    line at a time and copy the rest).
    """
    # Python-Markdown's inline patterns cost time per marker; this many would also make more
    # elements than the viewer's budget, so the converted result would be thrown away anyway.
    if sum(text.count(marker) for marker in "*_`[") > 2 * _MAX_ELEMENTS:
        return True
    block_length = block_brackets = block_lines = block_cells = 0
    for line in text.splitlines():
        if not line.strip():
            block_length = block_brackets = block_lines = block_cells = 0
            continue
        block_lines += 1
        if block_lines > _MAX_BLOCK_LINES:
            return True
        prefix = _CONTAINER_PREFIX.match(line)
        if prefix is not None:
            container = prefix.group(0)
            if len(container.expandtabs(4)) // 4 + container.count(">") > _MAX_NESTING:
                return True
        cells = line.count("|")
        block_cells += cells
        if cells > _MAX_TABLE_COLUMNS or block_cells > _MAX_ELEMENTS:  # tables lay out slowly
            return True
        block_length += len(line) + 1
        block_brackets += line.count("[")
        if block_brackets * block_length > _MAX_BRACKET_WORK:
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
            converted = _new_converter().convert(text)
        except RecursionError:  # a last resort; _too_complex should have caught it
            converted = _plain_paragraphs(text)
        if _html_too_heavy(converted):
            converted = _plain_paragraphs(text)
    if cut:
        converted += f"\n<p><em>{html.escape(cut_note)}</em></p>"
    return _sanitise(converted)


def escape_markdown(text: str) -> str:
    """Escape ``text`` so that Markdown shows it literally (for titles, bylines and the like)."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    # "&" and "<" cannot be backslash-escaped; as entities they show literally and cannot
    # start an autolink.
    return escaped.replace("&", "&amp;").replace("<", "&lt;")
