"""A folder of Markdown notes as journal entries: one entry per `.md` file (Obsidian, Logseq
journals, iA Writer, or notes kept by hand).

For each file:
- the date from the front matter's `date:` (ISO 8601: a date, or a date and time, with or without
  an offset — without one it is this computer's local time); else from a date at the start of the
  file name (`2024-03-05.md`, `2024-03-05 0930 walk.md`, `2024-03-05T09-30.md`); else the file's
  modification time;
- the title from the front matter's `title:`, else from a first line `# heading` (which then
  leaves the text, as it is the title); else none (Unknot shows the first line);
- the tags from the front matter's `tags:` (`[a, b]`, `a, b`, or one `- a` per line), without a
  leading `#`.

Front matter is the block between a first line `---` and the next line `---` (or `...`). Only
the plain `key: value` shape of it is read — the three keys above; any other key is left alone.
Hidden files and folders (`.obsidian`, `.trash`) are passed over. The folder is read whole
before anything is written: a file that cannot be read imports nothing and is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from unknot.journal.errors import ImportFileError, InvalidValueError
from unknot.journal.exchange import (
    BAD_ENTRY,
    ImportBatch,
    bare_tag,
    merged_tags_note,
    storable,
)
from unknot.journal.localtime import local_zone, localize, parse_datetime
from unknot.journal.model import Entry, new_record_id

SUFFIXES = (".md", ".markdown")
MAX_NOTE_BYTES = 64 * 1024 * 1024
_NOTHING = "Nothing was imported."

_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$|^-[ \t]+(.*)$")
_NAME_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[ T_-]?(\d{2})[:.h-]?(\d{2})(?!\d))?")
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")


def markdown_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in SUFFIXES and path.is_file():
            yield path


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """The front matter's plain `key: value` pairs (a value with `- item` lines under it is a
    list) and the text after it. Text without front matter comes back whole."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return {}, text
    end = next((n for n in range(1, len(lines)) if _FRONT_END.match(lines[n].rstrip("\r\n"))),
               None)
    if end is None:
        return {}, text  # a rule at the top of a note, not front matter
    fields: dict[str, str | list[str]] = {}
    key: str | None = None
    for raw in lines[1:end]:
        line = raw.rstrip("\r\n")
        item = _ITEM.match(line)
        if item and key is not None:
            listed = fields.get(key)
            values = listed if isinstance(listed, list) else []
            values.append(_unquote(item.group(1) or item.group(2) or ""))
            fields[key] = values
            continue
        match = _KEY.match(line)
        if match:
            key = match.group(1).lower()
            fields[key] = match.group(2).strip()
        elif line.strip() and not line.startswith((" ", "\t", "#")):
            key = None
    return fields, "".join(lines[end + 1:])


def _tags(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        items = value
    else:
        inner = value.strip()
        if inner.startswith("[") and inner.endswith("]"):
            inner = inner[1:-1]
        items = re.split(r"[,\s]+", inner) if "," not in inner else inner.split(",")
    return [_unquote(t) for t in items if _unquote(t)]


def _created(fields: dict[str, str | list[str]], path: Path) -> datetime:
    written = fields.get("date")
    if isinstance(written, str) and _unquote(written):
        try:
            return parse_datetime(_unquote(written).replace(" ", "T", 1))
        except InvalidValueError as exc:
            raise ValueError(f"its date: {exc.message}") from exc
    named = _NAME_DATE.match(path.stem)
    if named:
        year, month, day, hour, minute = named.groups()
        try:
            return localize(datetime(int(year), int(month), int(day), int(hour or 0),
                                     int(minute or 0)))
        except ValueError:
            pass  # "2024-13-45 ideas.md": not a date after all
    return datetime.fromtimestamp(path.stat().st_mtime, local_zone())


def note_entry(path: Path, text: str) -> tuple[Entry, list[str]]:
    """One note as an entry, and its tags as written (to tell of tags that merge)."""
    fields, body = split_front_matter(text)
    title = fields.get("title")
    title = _unquote(title) if isinstance(title, str) else ""
    if not title:
        lines = body.splitlines(keepends=True)
        first = next((n for n, line in enumerate(lines) if line.strip()), None)
        heading = _HEADING.match(lines[first].rstrip("\r\n")) if first is not None else None
        if heading is not None and first is not None:
            title = heading.group(1).strip()
            body = "".join(lines[first + 1:])
    written = _tags(fields.get("tags"))
    created = _created(fields, path)
    body = body.strip("\r\n") + ("\n" if body.strip() else "")
    entry = Entry(id=new_record_id(), created=created, updated=created, title=title,
                  body=body, tags=tuple(t for t in (bare_tag(w) for w in written) if t))
    return entry, written


def read_markdown_folder(folder: Path) -> ImportBatch:
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportFileError(f"{folder} is not a folder; choose the folder that holds the "
                              f"Markdown files. {_NOTHING}")
    entries: list[Entry] = []
    written: list[str] = []
    for path in markdown_files(folder):
        name = str(path.relative_to(folder))
        try:
            if path.stat().st_size > MAX_NOTE_BYTES:
                raise ImportFileError(f"{name} is larger than Unknot imports at once. "
                                      f"{_NOTHING}")
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{name} is not UTF-8 text (byte {exc.start} cannot be read). "
                                  f"{_NOTHING}") from exc
        except OSError as exc:
            raise ImportFileError(f"Cannot read {name}: {exc.strerror or exc}. {_NOTHING}") \
                from exc
        try:
            entry, tags = note_entry(path, text)
            storable(entry)
        except BAD_ENTRY as exc:
            reason = getattr(exc, "message", None) or str(exc)
            raise ImportFileError(f"{name} is not valid: {reason}. {_NOTHING}") from exc
        entries.append(entry)
        written += tags
    if not entries:
        raise ImportFileError(f"There are no Markdown files (.md) in {folder}. {_NOTHING}")
    return ImportBatch(entries, [], merged_tags_note(written))


__all__ = ["markdown_files", "note_entry", "read_markdown_folder", "split_front_matter"]
