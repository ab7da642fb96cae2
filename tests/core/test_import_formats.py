"""Moving in from other apps (issue 14): jrnl's own export, Day One's "Export JSON" (a zip, its
folder, its bare JSON file), a folder of Markdown notes, and our own export — each imported
twice through `unknot-cli import`, with nothing added the second time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from unknot.journal import journal as ops
from unknot.journal.cli import main
from unknot.journal.errors import ImportFileError
from unknot.journal.importers import detect_format, import_path, read_source
from unknot.journal.localtime import local_zone
from unknot.journal.markdown_notes import split_front_matter
from vaults import PASSPHRASE, make_vault

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DAYONE = FIXTURES / "dayone-export"
NOTES = FIXTURES / "markdown-notes"
JRNL_VARIABLE = "UNKNOT_TEST_JRNL"  # the jrnl command to use (else /tmp/jrnl-venv, else PATH)


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    local_zone.cache_clear()
    yield
    monkeypatch.undo()
    local_zone.cache_clear()


class Cli:
    def __init__(self, vault: Path, passphrase_file: Path,
                 capsys: pytest.CaptureFixture[str]) -> None:
        self.vault, self.pw, self.capsys = vault, passphrase_file, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main([*args, "--vault", str(self.vault), "--passphrase-file", str(self.pw)])
        out, err = self.capsys.readouterr()
        return code, out, err

    def entries(self) -> list[dict[str, object]]:
        code, out, err = self("list", "--json")
        assert code == 0, err
        return json.loads(out)["entries"]  # type: ignore[no-any-return]

    def import_twice(self, fmt: str, path: Path) -> tuple[str, str]:
        code, _, first = self("import", "--format", fmt, str(path))
        assert code == 0, first
        before = self.entries()
        code, _, second = self("import", "--format", fmt, str(path))
        assert code == 0, second
        assert self.entries() == before, "a second import changed the journal"
        return first, second


@pytest.fixture
def cli(vault_path: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    make_vault(vault_path).close()
    return Cli(vault_path, passphrase_file, capsys)


def _by_body(entries: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(e["body"]).strip().splitlines()[-1]: e for e in entries}


# --- jrnl, from jrnl itself --------------------------------------------------------------------

def _jrnl_command() -> Path | None:
    named = os.environ.get(JRNL_VARIABLE)
    for candidate in (named, "/tmp/jrnl-venv/bin/jrnl", shutil.which("jrnl")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def _jrnl_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")
           and k not in ("EDITOR", "VISUAL", "PYTHONPATH")}
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (root / name).mkdir(parents=True)
        env[name] = str(root / name)
    env.update(TERM="dumb", NO_COLOR="1", TZ="Europe/Berlin",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


@pytest.fixture
def jrnl_export(tmp_path: Path) -> Path:
    """An export written by jrnl (from PyPI) of a journal written through jrnl's own command."""
    jrnl = _jrnl_command()
    if jrnl is None:
        pytest.skip(f"jrnl is not installed here: install it with `python3 -m venv "
                    f"/tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl` (or set "
                    f"{JRNL_VARIABLE} to a jrnl command)")
    root = tmp_path / "jrnl"
    env = _jrnl_env(root)
    version = subprocess.run([str(jrnl), "--version"], capture_output=True, text=True, env=env,
                             timeout=120).stdout.split()[1]
    config = Path(env["XDG_CONFIG_HOME"]) / "jrnl"
    config.mkdir()
    q = json.dumps  # a JSON string is a YAML scalar
    (config / "jrnl.yaml").write_text("\n".join((
        f"version: {q(version)}", "journals:", "  default:",
        f"    journal: {q(str(root / 'journal.txt'))}",
        'editor: ""', "encrypt: false", "template: false", "default_hour: 9",
        "default_minute: 0", 'timeformat: "%Y-%m-%d %H:%M"', 'tagsymbols: "#@"',
        "highlight: false", "linewrap: 79", 'indent_character: "|"',
        "colors: {body: none, date: none, tags: none, title: none}", "")), encoding="utf-8")
    for text in ("2024-03-05 09:30: Met Sam at @work. It went badly, again.",
                 "2024-03-06 21:00: Evening walk. Called mum about #work and #family",
                 "2024-03-07 08:00: *A good morning. <script>alert(1)</script>"):
        done = subprocess.run([str(jrnl), text], capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=120)
        assert done.returncode == 0, done.stderr
    done = subprocess.run([str(jrnl), "--format", "json"], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    export = tmp_path / "jrnl-export.json"
    export.write_text(done.stdout, encoding="utf-8")
    return export


def test_jrnl_export_from_jrnl_imports_once(cli: Cli, jrnl_export: Path) -> None:
    assert detect_format(jrnl_export) == "jrnl-json"
    first, second = cli.import_twice("jrnl-json", jrnl_export)
    assert first.startswith("3 entries added, 0 were already there.")
    assert "@work and #work → work" in first  # two tags became one, and the person is told
    assert second.startswith("0 entries added, 3 were already there.")
    entries = {e["title"]: e for e in cli.entries()}
    assert set(entries) == {"Met Sam at @work.", "Evening walk.", "A good morning."}
    assert entries["Met Sam at @work."]["tags"] == ["work"]
    assert entries["Met Sam at @work."]["created"] == "2024-03-05T09:30:00+01:00"
    assert sorted(entries["Evening walk."]["tags"]) == ["family", "work"]  # jrnl: a set
    assert entries["A good morning."]["tags"] == ["starred"]
    assert entries["A good morning."]["body"] == "<script>alert(1)</script>"


# --- Day One -----------------------------------------------------------------------------------

@pytest.fixture
def dayone_zip(tmp_path: Path) -> Path:
    """The zip Day One's "Export JSON" writes: Journal.json at the top, photos/ beside it."""
    archive = tmp_path / "Export-Journal.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(DAYONE.rglob("*")):
            if path.is_file():
                zipped.write(path, path.relative_to(DAYONE).as_posix())
    return archive


@pytest.mark.parametrize("shape", ["zip", "folder", "json"])
def test_dayone_export_imports_once(cli: Cli, dayone_zip: Path, shape: str) -> None:
    source = {"zip": dayone_zip, "folder": DAYONE, "json": DAYONE / "Journal.json"}[shape]
    assert detect_format(source) == "dayone-json"
    first, second = cli.import_twice("dayone-json", source)
    assert first.startswith("3 entries added, 0 were already there.")
    assert "1 entry had photos or other attachments" in first
    assert second.startswith("0 entries added, 3 were already there.")
    entries = _by_body(cli.entries())
    coffee = entries["She asked again why I keep going back\\. I didn't have an answer\\."]
    assert coffee["title"] == "" and str(coffee["body"]).startswith("Coffee with Mia\n\n")
    assert coffee["created"] == "2024-03-05T09:30:00+01:00"  # as written, in Berlin
    assert coffee["updated"] == "2024-03-05T10:10:12+01:00"
    assert coffee["tags"] == ["work", "friends", "starred"]
    walk = entries["A walk after the call. <script>alert(1)</script>"]
    assert walk["created"] == "2024-03-07T15:45:31-05:00"  # in Toronto, where it was written
    unknown_zone = entries["No time zone that exists here: shown in this computer's own."]
    assert unknown_zone["created"] == "2024-03-10T00:30:00+01:00"
    uuids = {e["uuid"].lower() for e in json.loads((DAYONE / "Journal.json").read_text())[
        "entries"]}
    assert not uuids & {str(e["id"]) for e in entries.values()}  # no trace of Day One's ids


def test_a_bad_dayone_entry_imports_nothing_and_is_named(cli: Cli, tmp_path: Path) -> None:
    document = json.loads((DAYONE / "Journal.json").read_text())
    document["entries"][1]["creationDate"] = "the seventh of March"
    bad = tmp_path / "Journal.json"
    bad.write_text(json.dumps(document))
    code, _, err = cli("import", "--format", "dayone-json", str(bad))
    assert code == 1
    assert "Entry 2 (dated the seventh of March) is not valid" in err
    assert "Nothing was imported" in err
    assert cli.entries() == []


def test_a_zip_without_a_journal_says_so(cli: Cli, tmp_path: Path) -> None:
    archive = tmp_path / "photos-only.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("photos/a.jpeg", b"")
    code, _, err = cli("import", "--format", "dayone-json", str(archive))
    assert code == 1 and "no Day One journal" in err


# --- a folder of Markdown notes ----------------------------------------------------------------

@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(NOTES, folder)
    stamp = datetime(2024, 3, 11, 7, 15, tzinfo=timezone.utc).timestamp()
    os.utime(folder / "undated.md", (stamp, stamp))
    return folder


def test_markdown_folder_imports_once(cli: Cli, notes: Path) -> None:
    assert detect_format(notes) == "markdown-folder"
    first, second = cli.import_twice("markdown-folder", notes)
    assert first.startswith("4 entries added, 0 were already there.")
    assert "#work and work → work" in first
    assert second.startswith("0 entries added, 4 were already there.")
    entries = {e["title"] or str(e["body"]).splitlines()[0]: e for e in cli.entries()}
    assert set(entries) == {"Morning pages", "A walk by the river",
                            'Late again. <script>alert("hi")</script>',
                            "Just a thought, with no date anywhere."}
    morning = entries["Morning pages"]  # date from the name, title from its heading
    assert morning["created"] == "2024-03-05T00:00:00+01:00"
    assert morning["body"] == ("Woke at six. Thought about what Sam said.\n\n- tired\n"
                               "- a bit hopeful\n")
    walk = entries["A walk by the river"]  # title, date and tags from the front matter
    assert walk["created"] == "2024-03-07T18:30:00+01:00"
    assert walk["tags"] == ["work", "family"]
    assert walk["body"] == "Walked for an hour. Called my sister.\n"
    late = next(e for e in entries.values() if "Late again" in str(e["body"]))
    assert late["created"] == "2024-03-09T00:00:00+01:00" and late["tags"] == ["work", "sleep"]
    undated = entries["Just a thought, with no date anywhere."]  # the file's time
    assert undated["created"] == "2024-03-11T08:15:00+01:00"
    assert not any("Settings of a notes app" in str(e["body"]) for e in entries.values())


def test_a_note_that_is_not_utf8_imports_nothing_and_is_named(cli: Cli, notes: Path) -> None:
    (notes / "notes" / "latin1.md").write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = cli("import", "--format", "markdown-folder", str(notes))
    assert code == 1
    assert "notes/latin1.md is not UTF-8 text" in err and "Nothing was imported" in err
    assert cli.entries() == []


def test_a_bad_date_in_front_matter_names_the_file(cli: Cli, notes: Path) -> None:
    (notes / "odd.md").write_text("---\ndate: last Tuesday\n---\ntext\n")
    code, _, err = cli("import", "--format", "markdown-folder", str(notes))
    assert code == 1 and "odd.md is not valid: its date" in err and "ISO 8601" in err
    assert cli.entries() == []


def test_front_matter_shapes() -> None:
    fields, body = split_front_matter("---\ntitle: 'Hi: there'\ntags: a, b\n---\nText\n")
    assert fields == {"title": "'Hi: there'", "tags": "a, b"} and body == "Text\n"
    fields, body = split_front_matter("---\nNot front matter, a rule and a heading\n")
    assert fields == {} and body.startswith("---")
    assert split_front_matter("No front matter\n") == ({}, "No front matter\n")


def test_markdown_file_names_with_a_time(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "2024-10-27 0230 the night the clocks went back.md").write_text("one\n")
    (folder / "2024-13-45 ideas.md").write_text("two\n")
    batch = read_source(folder, "markdown-folder")
    created = {e.body.strip(): e.created for e in batch.entries}
    berlin = ZoneInfo("Europe/Berlin")
    assert created["one"] == datetime(2024, 10, 27, 2, 30, tzinfo=berlin)  # the first 02:30
    assert created["one"].utcoffset() == timedelta(hours=2)
    # Not a date after all: the file's own time.
    mtime = datetime.fromtimestamp((folder / "2024-13-45 ideas.md").stat().st_mtime,
                                   timezone.utc)
    assert abs(created["two"] - mtime) < timedelta(seconds=1)


# --- our own, and the rules shared by every format ---------------------------------------------

def test_unknot_json_imports_once_into_another_journal(cli: Cli, tmp_path: Path) -> None:
    cli("import", "--format", "markdown-folder", str(NOTES))
    export = tmp_path / "export.json"
    assert cli("export", "--format", "json", "--out", str(export))[0] == 0
    cli.vault = tmp_path / "other.db"
    make_vault(cli.vault).close()
    first, second = cli.import_twice("unknot-json", export)
    assert first.startswith("4 entries added, 0 were already there.")
    assert second.startswith("0 entries added, 4 were already there.")


def test_the_same_entry_from_two_formats_comes_in_once(cli: Cli, tmp_path: Path) -> None:
    """A Day One journal exported twice (once as a zip, once unpacked) is one journal."""
    cli.import_twice("dayone-json", DAYONE / "Journal.json")
    code, _, err = cli("import", "--format", "dayone-json", str(DAYONE))
    assert code == 0 and err.startswith("0 entries added, 3 were already there.")


def test_an_entry_written_since_is_kept_and_the_import_still_skips(
        vault_path: Path, notes: Path) -> None:
    make_vault(vault_path).close()
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        assert import_path(journal, notes, "markdown-folder").entries_added == 4
        entry = journal.reload().entries[0]
        ops.save(journal, entry.edited(entry.updated, body=entry.body + "\nAdded later.\n"))
        again = import_path(journal, notes, "markdown-folder")
        # The edited entry is no longer the file's: it comes in beside it, nothing is lost.
        assert (again.entries_added, again.already_there) == (1, 3)
        assert len(journal.reload().entries) == 5


def test_a_folder_with_no_notes_and_a_wrong_shape_say_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportFileError, match="no Markdown files"):
        read_source(empty, "markdown-folder")
    with pytest.raises(ImportFileError, match="not a Day One JSON export"):
        read_source(FIXTURES / "format1.json", "dayone-json")
    assert detect_format(empty) is None and detect_format(tmp_path / "missing") is None


def test_import_help_names_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    for name in ("unknot-json", "jrnl-json", "dayone-json", "markdown-folder"):
        assert name in out

