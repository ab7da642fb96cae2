"""Getting entries out of a vault (export) and into one (import).

Exports are plaintext by nature: the callers warn before writing one. Imports are all-or-nothing:
a file with one bad entry imports nothing and says which entry was wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from journal.content import load_signs
from journal.errors import ImportFileError, UnknotError
from journal.localtime import localize
from journal.model import MOOD_WORDS, RATING_WORDS, CheckIn, Entry, new_record_id

EXPORT_FORMAT = "unknot-export"
EXPORT_VERSION = 1

REFLECTION_CAPTION = (
    "These ratings are for your own reflection. They come from a blog article's list of signs, "
    "not from a tested questionnaire, and they are not a diagnosis. They are most useful for "
    "noticing change over time, ideally with someone you trust."
)


def in_range(day: date, since: date | None, until: date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def select(entries: Iterable[Entry], checkins: Iterable[CheckIn], since: date | None,
           until: date | None) -> tuple[list[Entry], list[CheckIn]]:
    chosen = [e for e in entries if in_range(e.created.date(), since, until)]
    chosen.sort(key=lambda e: e.created, reverse=True)
    kept = [c for c in checkins if in_range(c.day, since, until)]
    kept.sort(key=lambda c: c.day, reverse=True)
    return chosen, kept


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
        stamp = entry.created.strftime("%Y-%m-%d %H:%M")
        heading = entry.display_title or "Untitled"
        lines += [f"## {stamp} · {heading}", ""]
        facts = []
        if entry.signs:
            facts.append("Signs: " + ", ".join(titles[s] for s in entry.signs))
        if entry.mood is not None:
            facts.append(f"Mood: {MOOD_WORDS[entry.mood]} ({entry.mood:+d})")
        if entry.tags:
            facts.append("Tags: " + ", ".join(entry.tags))
        if facts:
            lines += ["*" + " · ".join(facts) + "*", ""]
        lines += [entry.body.rstrip(), "", "---", ""]
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
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class ImportBatch:
    entries: list[Entry]
    checkins: list[CheckIn]


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ImportFileError(f"The file is not valid JSON ({exc}). Nothing was imported.") \
            from exc


def parse_unknot_json(text: str) -> ImportBatch:
    document = _load_json(text)
    if not isinstance(document, Mapping) or document.get("format") != EXPORT_FORMAT:
        raise ImportFileError("The file is not an Unknot JSON export. Nothing was imported.")
    if int(document.get("version", 0)) > EXPORT_VERSION:
        raise ImportFileError("The file comes from a newer version of Unknot. Update Unknot to "
                              "import it. Nothing was imported.")
    entries = []
    for number, raw in enumerate(document.get("entries", []), start=1):
        try:
            entry = Entry.from_json(raw)
            bytes.fromhex(entry.id)
        except (KeyError, TypeError, ValueError, UnknotError) as exc:
            raise ImportFileError(_bad("entry", number, raw, exc)) from exc
        entries.append(entry)
    checkins = []
    for number, raw in enumerate(document.get("checkins", []), start=1):
        try:
            checkin = CheckIn.from_json(raw)
            bytes.fromhex(checkin.id)
        except (KeyError, TypeError, ValueError, UnknotError) as exc:
            raise ImportFileError(_bad("check-in", number, raw, exc)) from exc
        checkins.append(checkin)
    return ImportBatch(entries, checkins)


_JRNL_TAG_MARK = re.compile(r"^[@#]+")


def parse_jrnl_json(text: str) -> ImportBatch:
    """jrnl's `--format json`: {"entries": [{date, time, title, body, tags, starred}, ...]}."""
    document = _load_json(text)
    if not isinstance(document, Mapping) or not isinstance(document.get("entries"), list):
        raise ImportFileError("The file is not a jrnl JSON export (it has no list of entries). "
                              "Nothing was imported.")
    entries = []
    for number, raw in enumerate(document["entries"], start=1):
        try:
            clock = raw.get("time") or "00:00"
            created = localize(datetime.fromisoformat(f"{raw['date']}T{clock}"))
            tags = [_JRNL_TAG_MARK.sub("", str(t)) for t in raw.get("tags") or []]
            if raw.get("starred"):
                tags.append("starred")
            entries.append(Entry(
                id=new_record_id(), created=created, updated=created,
                title=str(raw.get("title") or ""), body=str(raw.get("body") or ""),
                tags=tuple(t for t in tags if t),
            ))
        except (KeyError, TypeError, ValueError, UnknotError) as exc:
            raise ImportFileError(_bad("entry", number, raw, exc)) from exc
    return ImportBatch(entries, [])


def _bad(kind: str, number: int, raw: object, exc: BaseException) -> str:
    when = ""
    if isinstance(raw, Mapping):
        stamp = raw.get("created") or raw.get("date")
        if stamp:
            when = f" (dated {str(stamp)[:25]})"
    reason = str(exc) if not isinstance(exc, KeyError) else f"missing field {exc}"
    return f"{kind.capitalize()} {number}{when} is not valid: {reason}. Nothing was imported."
