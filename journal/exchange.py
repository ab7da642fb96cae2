"""Getting entries out of a vault (export) and into one (import).

Exports are plaintext by nature: the callers warn before writing one. Imports are all-or-nothing:
a file with one bad entry imports nothing and says which entry was wrong. Which entries an export
holds is query.select's rule; writing an import into a vault is journal.import_records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from unknot.journal.content import load_signs
from unknot.journal.errors import ImportFileError, UnknotError
from unknot.journal.localtime import localize
from unknot.journal.markdown_html import neutralise_raw_html
from unknot.journal.model import MOOD_WORDS, RATING_WORDS, CheckIn, Entry, new_record_id
from unknot.journal.wording import REFLECTION_CAPTION

EXPORT_FORMAT = "unknot-export"
EXPORT_VERSION = 1

def export_json(entries: Sequence[Entry], checkins: Sequence[CheckIn],
                damaged: Sequence[str] = ()) -> str:
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "entries": [e.to_json() for e in entries],
        "checkins": [c.to_json() for c in checkins],
        "damaged": list(damaged),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_markdown(entries: Sequence[Entry], checkins: Sequence[CheckIn]) -> str:
    titles = {s.id: s.title for s in load_signs()}
    lines = ["# Unknot — exported notes", "",
             "> This file is not encrypted. Anyone who can open it can read it.", ""]
    for entry in entries:
        lines += [*entry_markdown(entry, titles), "---", ""]
    if checkins:
        lines += ["## Weekly check-ins", "", f"*{REFLECTION_CAPTION}*", ""]
        for checkin in checkins:
            lines += [f"### Check-in of {checkin.day.isoformat()}", "",
                      "| Sign | In the past 7 days |", "| --- | --- |"]
            for sign_id, title in titles.items():
                rating = checkin.ratings.get(sign_id)
                answer = "Skipped" if rating is None else f"{RATING_WORDS[rating]} ({rating})"
                lines.append(f"| {title} | {answer} |")
            if checkin.note.strip():
                lines += ["", checkin.note.rstrip()]
            lines.append("")
    # Titles, tags, bodies and notes as written, but raw HTML in them made visible text: the
    # export is read by other programs (pandoc passes raw HTML on into its HTML).
    return neutralise_raw_html("\n".join(lines).rstrip() + "\n")


def entry_markdown(entry: Entry, titles: Mapping[str, str], level: int = 2,
                   *, local_time: bool = False) -> list[str]:
    """One entry as Markdown lines: a heading with its date and title, its signs, mood and
    tags in one line, then its text as written. The date is as saved, or with `local_time` on
    this computer's clock (as the window lists it)."""
    created = entry.created.astimezone() if local_time else entry.created
    stamp = created.strftime("%Y-%m-%d %H:%M")
    heading = entry.display_title or "Untitled"
    lines = [f"{'#' * level} {stamp} · {heading}", ""]
    facts = []
    if entry.signs:
        facts.append("Signs: " + ", ".join(titles[s] for s in entry.signs))
    if entry.mood is not None:
        facts.append(f"Mood: {MOOD_WORDS[entry.mood]} ({entry.mood:+d})")
    if entry.tags:
        facts.append("Tags: " + ", ".join(entry.tags))
    if facts:
        lines += ["*" + " · ".join(facts) + "*", ""]
    return [*lines, entry.body.rstrip(), ""]


@dataclass(frozen=True)
class ImportBatch:
    entries: list[Entry]
    checkins: list[CheckIn]
    notes: tuple[str, ...] = ()  # what a person should know about how it came in, in words


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = exc if isinstance(exc, ValueError) else "it is nested too deeply"
        raise ImportFileError(f"The file is not valid JSON ({reason}). Nothing was imported.") \
            from exc


# What a bad entry in an import file can raise while being read; anything else is a bug.
BAD_ENTRY = (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, UnknotError)
_RECORD_ID = re.compile(r"[0-9a-f]{32}")


def storable(record: Entry | CheckIn) -> Entry | CheckIn:
    """Check what a vault will need of an imported record: a record id as Unknot makes them
    (one the vault reads back as the same id) and text that can be written as UTF-8."""
    if not _RECORD_ID.fullmatch(record.id):
        raise ValueError(f"its id {record.id[:40]!r} is not 32 lowercase hexadecimal digits")
    try:
        json.dumps(record.to_json(), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("its text holds a character that is not valid Unicode "
                         "(an unpaired surrogate)") from exc
    return record


def _list_of(document: Mapping[str, Any], key: str) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise ImportFileError(f"The file's {key!r} is not a list. Nothing was imported.")
    return value


def parse_unknot_json(text: str) -> ImportBatch:
    document = load_json(text)
    if not isinstance(document, Mapping) or document.get("format") != EXPORT_FORMAT:
        raise ImportFileError("The file is not an Unknot JSON export. Nothing was imported.")
    version = document.get("version", 0)
    if type(version) is not int:
        raise ImportFileError("The file's version is not a number. Nothing was imported.")
    if version > EXPORT_VERSION:
        raise ImportFileError("The file comes from a newer version of Unknot. Update Unknot to "
                              "import it. Nothing was imported.")
    entries = []
    for number, raw in enumerate(_list_of(document, "entries"), start=1):
        try:
            entry = storable(Entry.from_json(raw))
        except BAD_ENTRY as exc:
            raise ImportFileError(bad_record("entry", number, raw, exc)) from exc
        assert isinstance(entry, Entry)
        entries.append(entry)
    checkins = []
    for number, raw in enumerate(_list_of(document, "checkins"), start=1):
        try:
            checkin = storable(CheckIn.from_json(raw))
        except BAD_ENTRY as exc:
            raise ImportFileError(bad_record("check-in", number, raw, exc)) from exc
        assert isinstance(checkin, CheckIn)
        checkins.append(checkin)
    return ImportBatch(entries, checkins)


_JRNL_TAG_MARK = re.compile(r"^[@#]+")


def parse_jrnl_json(text: str) -> ImportBatch:
    """jrnl's `--format json`: {"entries": [{date, time, title, body, tags, starred}, ...]}."""
    document = load_json(text)
    if not isinstance(document, Mapping) or not isinstance(document.get("entries"), list):
        raise ImportFileError("The file is not a jrnl JSON export (it has no list of entries). "
                              "Nothing was imported.")
    entries = []
    written: list[str] = []
    for number, raw in enumerate(document["entries"], start=1):
        try:
            if not isinstance(raw, Mapping):
                raise TypeError("it is not an object")
            if not isinstance(raw.get("tags") or [], list):
                raise TypeError("its tags are not a list")
            clock = raw.get("time") or "00:00"
            created = localize(datetime.fromisoformat(f"{raw['date']}T{clock}"))
            written += [str(t) for t in raw.get("tags") or []]
            tags = [_JRNL_TAG_MARK.sub("", str(t)) for t in raw.get("tags") or []]
            if raw.get("starred"):
                tags.append("starred")
            entry = storable(Entry(
                id=new_record_id(), created=created, updated=created,
                title=str(raw.get("title") or ""), body=str(raw.get("body") or ""),
                tags=tuple(t for t in tags if t),
            ))
            assert isinstance(entry, Entry)
            entries.append(entry)
        except BAD_ENTRY as exc:
            raise ImportFileError(bad_record("entry", number, raw, exc)) from exc
    return ImportBatch(entries, [], merged_tags_note(written))


def bare_tag(tag: str) -> str:
    """A tag as Unknot keeps it: without the @ or # that jrnl and Markdown notes write."""
    return _JRNL_TAG_MARK.sub("", tag).strip()


def merged_tags_note(written: Sequence[str]) -> tuple[str, ...]:
    """Words for tags that become one in Unknot (`@work` and `#work` are both `work`), so that
    no two tags collapse without the person being told; () when none do."""
    forms: dict[str, dict[str, None]] = {}
    for tag in written:
        tag = tag.strip()
        if bare_tag(tag):
            forms.setdefault(bare_tag(tag), {})[tag] = None
    groups = [(bare, list(seen)) for bare, seen in forms.items() if len(seen) > 1]
    if not groups:
        return ()
    count = sum(len(seen) for _bare, seen in groups)
    return (f"{count} tags were merged, as Unknot's tags have no @ or #: "
            + "; ".join(f"{' and '.join(seen)} → {bare}" for bare, seen in groups) + ".",)


def bad_record(kind: str, number: int, raw: object, exc: BaseException, where: str = "") -> str:
    """Which record of an import file is wrong, and why (`where`: " in FILE", or "")."""
    when = ""
    if isinstance(raw, Mapping):
        stamp = raw.get("created") or raw.get("date") or raw.get("creationDate")
        if stamp:
            when = f" (dated {str(stamp)[:25]})"
    reason = str(exc) if not isinstance(exc, KeyError) else f"missing field {exc}"
    return (f"{kind.capitalize()} {number}{where}{when} is not valid: {reason}. "
            "Nothing was imported.")
