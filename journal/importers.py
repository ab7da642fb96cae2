"""Moving in from other apps: read an export of Unknot, jrnl or Day One, or a folder of
Markdown notes, and bring in only what the journal does not have yet (DESIGN §8, §10).

Reading checks the whole source before anything is written; writing is one transaction
(journal.import_records). Importing the same source again adds nothing: an entry counts as
already there when the journal holds one with the same id (our own exports), or with the same
moment, title and text (what jrnl, Day One and Markdown files give again on every export). That
comparison is made on the decrypted entries, so no key of the source is kept beside them on disk.
Nothing in this module imports Qt.
"""

from __future__ import annotations

import contextlib
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from unknot.journal import journal as ops
from unknot.journal.errors import ImportFileError
from unknot.journal.exchange import (
    BAD_ENTRY,
    ImportBatch,
    bad_record,
    bare_tag,
    load_json,
    parse_jrnl_json,
    parse_unknot_json,
    storable,
)
from unknot.journal.localtime import local_zone
from unknot.journal.markdown_notes import markdown_files, read_markdown_folder
from unknot.journal.model import CheckIn, Entry, new_record_id

ImportFormat = Literal["unknot-json", "jrnl-json", "dayone-json", "markdown-folder"]
FORMATS: tuple[ImportFormat, ...] = get_args(ImportFormat)
FORMAT_NAMES: dict[ImportFormat, str] = {
    "unknot-json": "Unknot JSON export",
    "jrnl-json": "jrnl JSON export (jrnl --format json)",
    "dayone-json": "Day One JSON export (a .zip, its folder, or its .json file)",
    "markdown-folder": "A folder of Markdown files (one entry per file)",
}
MAX_SOURCE_BYTES = 512 * 1024 * 1024  # a single JSON file or Markdown note larger is refused

_NOTHING = "Nothing was imported."


# --- what came in, in words ----------------------------------------------------------------------

def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: new entries and check-ins, what was already there, and notes."""

    entries_added: int
    checkins_added: int
    already_there: int
    notes: tuple[str, ...] = ()

    @property
    def added(self) -> int:
        return self.entries_added + self.checkins_added

    def words(self) -> str:
        added = _count(self.entries_added, "entry", "entries")
        if self.checkins_added:
            added += " and " + _count(self.checkins_added, "check-in", "check-ins")
        there = "was" if self.already_there == 1 else "were"
        text = f"{added} added, {self.already_there} {there} already there."
        return " ".join((text, *self.notes))


# --- telling the formats apart -------------------------------------------------------------------

def _json_shape(document: object) -> ImportFormat | None:
    if not isinstance(document, Mapping):
        return None
    if document.get("format") == "unknot-export":
        return "unknot-json"
    entries = document.get("entries")
    if not isinstance(entries, list):
        return None
    first = next((e for e in entries if isinstance(e, Mapping)), None)
    if "metadata" in document or (first is not None and "creationDate" in first):
        return "dayone-json"
    return "jrnl-json"


def detect_format(path: Path) -> ImportFormat | None:
    """The format of `path` from its shape, or None when it is none Unknot reads."""
    path = Path(path)
    try:
        if path.is_dir():
            if _dayone_files_in_folder(path):
                return "dayone-json"
            return "markdown-folder" if any(markdown_files(path)) else None
        if zipfile.is_zipfile(path):
            return "dayone-json"
        if path.suffix.lower() in (".md", ".markdown"):
            return None  # one note: choose its folder
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return None
        return _json_shape(json.loads(path.read_text(encoding="utf-8-sig")))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


# --- reading a source ---------------------------------------------------------------------------

def _read_text(path: Path, what: str) -> str:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise ImportFileError(f"{what} is larger than Unknot imports at once. {_NOTHING}")
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{what} is not UTF-8 text (byte {exc.start} cannot be read). "
                              f"{_NOTHING}") from exc
    except OSError as exc:
        raise ImportFileError(f"Cannot read {what}: {exc.strerror or exc}. {_NOTHING}") \
            from exc


def read_source(path: Path, import_format: ImportFormat) -> ImportBatch:
    """Read and check a whole source before anything is written."""
    path = Path(path)
    if import_format == "markdown-folder":
        return read_markdown_folder(path)
    if import_format == "dayone-json":
        return read_dayone(path)
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder; choose the export file itself. {_NOTHING}")
    text = _read_text(path, str(path))
    return parse_unknot_json(text) if import_format == "unknot-json" else parse_jrnl_json(text)


# --- Day One -----------------------------------------------------------------------------------

def _dayone_files_in_folder(folder: Path) -> list[Path]:
    """The journals of an unpacked Day One export: the JSON files at its top (Journal.json,
    or one file per journal), beside which Day One puts its photos/ and audios/ folders."""
    found = []
    for candidate in sorted(folder.glob("*.json")):
        try:
            if candidate.stat().st_size <= MAX_SOURCE_BYTES and _json_shape(json.loads(
                    candidate.read_text(encoding="utf-8-sig"))) == "dayone-json":
                found.append(candidate)
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            continue
    return found


def read_dayone(path: Path) -> ImportBatch:
    """Day One's "Export JSON": a .zip (or the folder it unpacks to) with one JSON file per
    journal, or one such JSON file on its own."""
    texts: list[tuple[str, str]] = []
    if path.is_dir():
        texts = [(p.name, _read_text(p, p.name)) for p in _dayone_files_in_folder(path)]
    elif zipfile.is_zipfile(path):
        texts = _dayone_zip_texts(path)
    else:
        texts = [(path.name, _read_text(path, str(path)))]
    if not texts:
        raise ImportFileError(f"There is no Day One journal (a .json file) in {path}. "
                              f"{_NOTHING}")
    entries: list[Entry] = []
    notes: list[str] = []
    attachments = 0
    for name, text in texts:
        batch, with_media = parse_dayone_json(text, name if len(texts) > 1 else "")
        entries += batch.entries
        attachments += with_media
    if attachments:
        notes.append(f"{_count(attachments, 'entry had', 'entries had')} photos or other "
                     "attachments; their text came in, the attachments did not.")
    return ImportBatch(entries, [], tuple(notes))


def _dayone_zip_texts(path: Path) -> list[tuple[str, str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i for i in archive.infolist() if not i.is_dir()
                     and len(PurePosixPath(i.filename).parts) == 1
                     and i.filename.lower().endswith(".json")]
            texts = []
            for info in sorted(names, key=lambda i: i.filename):
                if info.file_size > MAX_SOURCE_BYTES:
                    raise ImportFileError(f"{info.filename} in {path.name} is larger than "
                                          f"Unknot imports at once. {_NOTHING}")
                data = archive.read(info)
                try:
                    texts.append((info.filename, data.decode("utf-8-sig")))
                except UnicodeDecodeError as exc:
                    raise ImportFileError(f"{info.filename} in {path.name} is not UTF-8 text. "
                                          f"{_NOTHING}") from exc
            return texts
    except (OSError, zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
        raise ImportFileError(f"Cannot read the archive {path.name}: {exc}. {_NOTHING}") \
            from exc


def _dayone_moment(value: object, zone_name: object) -> datetime:
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:  # Day One writes UTC with a Z; without one, read it as UTC too
        moment = moment.replace(tzinfo=timezone.utc)
    zone = local_zone()
    if isinstance(zone_name, str) and zone_name:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo(zone_name)  # the zone it was written in, as Day One shows it
    return moment.astimezone(zone)


def parse_dayone_json(text: str, journal_name: str = "") -> tuple[ImportBatch, int]:
    """One Day One journal file: {"metadata": {...}, "entries": [{"uuid", "creationDate",
    "modifiedDate", "timeZone", "text", "tags", "starred", "photos", ...}]}. Returns the batch
    and how many entries had attachments (which are not imported)."""
    document = load_json(text)
    if _json_shape(document) != "dayone-json" or not isinstance(document, Mapping):
        raise ImportFileError("The file is not a Day One JSON export (it has no list of entries "
                              f"with a creationDate). {_NOTHING}")
    entries = []
    attachments = 0
    where = f" in {journal_name}" if journal_name else ""
    for number, raw in enumerate(document["entries"], start=1):
        try:
            if not isinstance(raw, Mapping):
                raise TypeError("it is not an object")
            tags = raw.get("tags") or []
            if not isinstance(tags, list):
                raise TypeError("its tags are not a list")
            created = _dayone_moment(raw["creationDate"], raw.get("timeZone"))
            updated = created
            if raw.get("modifiedDate"):
                updated = max(created, _dayone_moment(raw["modifiedDate"], raw.get("timeZone")))
            body = raw.get("text") or ""
            if not isinstance(body, str):
                raise TypeError("its text is not text")
            names = [bare_tag(str(t)) for t in tags]
            if raw.get("starred") is True:
                names.append("starred")
            entry = storable(Entry(id=new_record_id(), created=created, updated=updated,
                                    body=body, tags=tuple(n for n in names if n)))
        except BAD_ENTRY as exc:
            raise ImportFileError(bad_record("entry", number, raw, exc, where)) from exc
        assert isinstance(entry, Entry)
        entries.append(entry)
        if any(raw.get(k) for k in ("photos", "audios", "videos", "pdfAttachments")):
            attachments += 1
    return ImportBatch(entries, []), attachments


# --- what is already there -----------------------------------------------------------------------

def _entry_key(entry: Entry) -> tuple[datetime, str, str]:
    return (entry.created.astimezone(timezone.utc), entry.title.strip(), entry.body.strip())


def _checkin_key(checkin: CheckIn) -> tuple[date, tuple[tuple[str, int], ...], str]:
    return (checkin.day, tuple(sorted(checkin.ratings.items())), checkin.note.strip())


def new_records(batch: ImportBatch, entries: Iterable[Entry],
                checkins: Iterable[CheckIn]) -> tuple[ImportBatch, int]:
    """The part of `batch` the journal (its `entries` and `checkins`) does not hold yet, and how
    many were left out: same id, or the same moment, title and text (the same check-in: day,
    ratings and note); the same one twice in the source counts once."""
    ids = {e.id for e in entries} | {c.id for c in checkins}
    seen_entries = {_entry_key(e) for e in entries}
    seen_checkins = {_checkin_key(c) for c in checkins}
    fresh_entries, fresh_checkins = [], []
    for entry in batch.entries:
        key = _entry_key(entry)
        if entry.id not in ids and key not in seen_entries:
            fresh_entries.append(entry)
            seen_entries.add(key)
            ids.add(entry.id)
    for checkin in batch.checkins:
        ckey = _checkin_key(checkin)
        if checkin.id not in ids and ckey not in seen_checkins:
            fresh_checkins.append(checkin)
            seen_checkins.add(ckey)
            ids.add(checkin.id)
    left_out = len(batch.entries) + len(batch.checkins) - len(fresh_entries) - len(fresh_checkins)
    return ImportBatch(fresh_entries, fresh_checkins, batch.notes), left_out


def import_batch(journal: ops.Journal, batch: ImportBatch) -> ImportSummary:
    """Write what is new in `batch` into the journal in one transaction. The journal is read
    here (every record, decrypted) to know what it holds; the caller reads it again after."""
    held = journal.vault.load()
    fresh, left_out = new_records(batch, held.entries, held.checkins)
    written = ops.import_records(journal, fresh)
    return ImportSummary(len(fresh.entries), len(fresh.checkins), left_out + written.skipped,
                         batch.notes)


def import_path(journal: ops.Journal, path: Path,
                import_format: ImportFormat | None = None) -> ImportSummary:
    """Read `path` as `import_format` (None: tell it from its shape), all of it, then write
    what is new (see import_batch)."""
    if import_format is None:
        import_format = detect_format(path)
        if import_format is None:
            raise ImportFileError(f"Unknot cannot tell what {Path(path).name} is: choose its "
                                  f"format. {_NOTHING}")
    return import_batch(journal, read_source(path, import_format))


def check_format(name: str) -> ImportFormat:
    for known in FORMATS:
        if name == known:
            return known
    raise ImportFileError(f"Unknown import format {name!r}; Unknot reads {', '.join(FORMATS)}.")


__all__ = ["FORMATS", "FORMAT_NAMES", "ImportFormat", "ImportSummary", "check_format",
           "detect_format", "import_batch", "import_path", "new_records",
           "parse_dayone_json", "read_dayone", "read_source"]

