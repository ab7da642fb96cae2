"""`unknot-cli` as DESIGN §8 describes it: commands, JSON shapes and exit codes."""

from __future__ import annotations

import argparse
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from unknot.journal.cli import build_parser, main
from unknot.journal.content import load_signs

SIGNS = ("others-want-you-out", "see-it-through", "never-good-enough", "addicted",
         "lost-identity", "isolated")


class Cli:
    def __init__(self, vault: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
        self.vault, self.pw = vault, passphrase_file
        self.capsys, self.monkeypatch = capsys, monkeypatch

    def __call__(self, *args: str, stdin: str = "", vault: bool = True,
                 passphrase: bool = True) -> tuple[int, str, str]:
        argv = list(args)
        if vault:
            argv += ["--vault", str(self.vault)]
        if passphrase:
            argv += ["--passphrase-file", str(self.pw)]
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def cli(vault_path: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(vault_path, passphrase_file, capsys, monkeypatch)


@pytest.fixture
def ready(cli: Cli) -> Cli:
    assert cli("init")[0] == 0
    return cli


def test_init_refuses_an_existing_vault(ready: Cli) -> None:
    code, _, err = ready("init")
    assert code == 1 and "already exists" in err


def test_init_with_recovery_key_prints_it_once(cli: Cli) -> None:
    code, out, err = cli("init", "--recovery-key")
    assert code == 0
    assert len(out.strip().split("-")) == 8
    assert "anyone who has it can open" in err


def test_add_list_search_json(ready: Cli) -> None:
    code, out, _ = ready("add", "--sign", "isolated", "--sign", "addicted", "--mood", "-1",
                         "--tag", "work", "--title", "Lunch", "--date", "2026-03-02T12:30+01:00",
                         stdin="Skipped lunch with Sam again.\n")
    assert code == 0
    first_id = out.strip()
    assert ready("add", "--date", "2026-03-05T08:00+01:00", stdin="Walked by the river.\n")[0] == 0

    code, out, err = ready("list", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["damaged"] == []
    assert [e["body"] for e in doc["entries"]] == ["Walked by the river.\n",
                                                   "Skipped lunch with Sam again.\n"]
    lunch = doc["entries"][1]
    assert lunch == {"id": first_id, "created": "2026-03-02T12:30:00+01:00",
                     "updated": "2026-03-02T12:30:00+01:00", "title": "Lunch",
                     "body": "Skipped lunch with Sam again.\n", "signs": ["addicted", "isolated"],
                     "mood": -1, "tags": ["work"], "prompt": ""}

    code, out, _ = ready("list", "--json", "--limit", "1")
    assert [e["body"] for e in json.loads(out)["entries"]] == ["Walked by the river.\n"]

    code, out, _ = ready("search", "sam LUNCH", "--json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)["entries"]] == [first_id]
    code, out, _ = ready("search", "nothing-like-this", "--json")
    assert json.loads(out)["entries"] == []

    code, out, _ = ready("list")
    assert code == 0 and "Lunch" in out and "mood -1" in out


def test_add_date_without_offset_is_local_time_across_dst(ready: Cli,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from unknot.journal import localtime

    monkeypatch.setenv("TZ", "America/New_York")
    localtime.local_zone.cache_clear()
    try:
        # 02:30 on 8 March 2026 does not exist in New York: it moves forward to 03:30 EDT.
        assert ready("add", "--date", "2026-03-08T02:30", stdin="gap")[0] == 0
        # 01:30 on 1 November 2026 happens twice: the first (EDT, -04:00) is taken.
        assert ready("add", "--date", "2026-11-01T01:30", stdin="fold")[0] == 0
        entries = json.loads(ready("list", "--json")[1])["entries"]
    finally:
        localtime.local_zone.cache_clear()
    created = {e["body"]: e["created"] for e in entries}
    assert created["gap"] == "2026-03-08T03:30:00-04:00"
    assert created["fold"] == "2026-11-01T01:30:00-04:00"


@pytest.mark.parametrize("args, needle", [
    (("add", "--sign", "not-a-sign"), "valid ids are: others-want-you-out"),
    (("add", "--mood", "3"), "valid values are -2, -1, 0, 1, 2"),
    (("add", "--mood", "happy"), "valid values are -2"),
    (("add", "--date", "yesterday"), "ISO 8601"),
    (("checkin", "--rate", "isolated=5"), "valid values are 0, 1, 2, 3, 4"),
    (("checkin", "--rate", "lonely=2"), "valid ids are"),
    (("checkin", "--rate", "isolated"), "SIGN=N"),
    (("list", "--limit", "-3"), "is not a count"),
    (("export", "--format", "docx", "--out", "x"), "invalid choice"),
])
def test_usage_errors_exit_2_and_say_what_is_valid(ready: Cli, args: tuple[str, ...],
                                                    needle: str) -> None:
    code, _, err = ready(*args)
    assert code == 2
    assert needle in err


def test_unknown_command_is_a_usage_error(cli: Cli) -> None:
    assert cli("frobnicate", vault=False, passphrase=False)[0] == 2


def test_wrong_passphrase_exit_1_file_unchanged(ready: Cli, tmp_path: Path) -> None:
    ready("add", stdin="something")
    before = ready.vault.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text("guess\n")
    ready.pw = bad
    code, out, err = ready("list")
    assert code == 1
    assert "Wrong passphrase" in err and out == ""
    assert ready.vault.read_bytes() == before


def test_commands_never_create_a_missing_vault(cli: Cli) -> None:
    for args in (("list",), ("add",), ("verify",), ("checkin", "--rate", "isolated=1")):
        code, _, err = cli(*args, stdin="x")
        assert code == 1 and "There is no vault" in err
    code, _, err = cli("backup", "--out", str(cli.vault) + ".bak", passphrase=False)
    assert code == 1
    assert not cli.vault.exists()


def test_checkin_is_stored_and_exported(ready: Cli, tmp_path: Path) -> None:
    code, _, err = ready("checkin", "--rate", "isolated=3", "--rate", "addicted=0",
                         "--note", "Quiet week", "--date", "2026-03-04")
    assert code == 0, err
    out_file = tmp_path / "export.json"
    assert ready("export", "--format", "json", "--out", str(out_file))[0] == 0
    doc = json.loads(out_file.read_text())
    (checkin,) = doc["checkins"]
    assert checkin["date"] == "2026-03-04"
    assert checkin["ratings"] == {"addicted": 0, "isolated": 3}
    assert checkin["note"] == "Quiet week"


def test_export_import_round_trip_is_lossless(ready: Cli, tmp_path: Path,
                                              passphrase_file: Path) -> None:
    ready("add", "--sign", "lost-identity", "--mood", "2", "--tag", "a", "--tag", "b",
          "--title", "Ünïcödé ✓", "--date", "2025-12-31T23:59:59.123456-08:00",
          stdin="שלום — right to left\n\n* a list\n")
    ready("add", "--title", "Only a title", stdin="")
    ready("checkin", "--rate", "see-it-through=4", "--date", "2026-01-01")
    ready("checkin", "--rate", "isolated=0", "--note", "skipped the rest")
    first = tmp_path / "first.json"
    assert ready("export", "--format", "json", "--out", str(first))[0] == 0

    ready.vault = tmp_path / "other" / "copy.db"
    assert ready("init")[0] == 0
    code, _, err = ready("import", "--format", "unknot-json", str(first))
    assert code == 0, err
    second = tmp_path / "second.json"
    assert ready("export", "--format", "json", "--out", str(second))[0] == 0
    assert json.loads(first.read_text()) == json.loads(second.read_text())
    # Importing the same file again adds nothing.
    assert ready("import", "--format", "unknot-json", str(first))[0] == 0
    assert len(json.loads(ready("list", "--json")[1])["entries"]) == 2


def test_export_markdown_and_date_range(ready: Cli, tmp_path: Path) -> None:
    ready("add", "--title", "Early", "--date", "2026-01-01T10:00+00:00", stdin="early body")
    ready("add", "--title", "Late", "--sign", "isolated", "--date", "2026-02-01T10:00+00:00",
          stdin="late body")
    ready("checkin", "--rate", "isolated=2", "--date", "2026-02-02")
    out = tmp_path / "notes.md"
    code, _, err = ready("export", "--format", "md", "--out", str(out), "--from", "2026-01-15")
    assert code == 0 and "NOT encrypted" in err
    text = out.read_text()
    assert "Late" in text and "late body" in text and "Early" not in text
    isolated_title = next(s.title for s in load_signs() if s.id == "isolated")
    assert f"Signs: {isolated_title}" in text
    assert "Somewhat (2)" in text and "Skipped" in text
    assert "not a diagnosis" in text
    # An existing file is not overwritten without --force.
    code, _, err = ready("export", "--format", "md", "--out", str(out))
    assert code == 1 and "already exists" in err
    assert ready("export", "--format", "md", "--out", str(out), "--force")[0] == 0


def test_jrnl_import(ready: Cli, tmp_path: Path) -> None:
    source = tmp_path / "jrnl.json"
    source.write_text(json.dumps({"tags": {"@work": 1}, "entries": [
        {"date": "2025-06-01", "time": "09:15", "title": "Morning.", "body": "Felt tired.",
         "tags": ["@work", "#family"], "starred": True},
        {"date": "2025-06-02", "time": "21:00", "title": "Evening", "body": "",
         "tags": [], "starred": False},
    ]}))
    code, _, err = ready("import", "--format", "jrnl-json", str(source))
    assert code == 0, err
    entries = json.loads(ready("list", "--json")[1])["entries"]
    morning = entries[1]
    assert morning["title"] == "Morning." and morning["body"] == "Felt tired."
    assert morning["tags"] == ["work", "family", "starred"]
    assert morning["created"].startswith("2025-06-01T09:15:00")


def test_a_bad_import_file_imports_nothing(ready: Cli, tmp_path: Path) -> None:
    source = tmp_path / "jrnl.json"
    source.write_text(json.dumps({"entries": [
        {"date": "2025-06-01", "time": "09:15", "title": "ok", "body": "", "tags": []},
        {"date": "not a date", "time": "09:15", "title": "bad", "body": "", "tags": []},
    ]}))
    code, _, err = ready("import", "--format", "jrnl-json", str(source))
    assert code == 1 and "Entry 2" in err and "Nothing was imported" in err
    assert json.loads(ready("list", "--json")[1])["entries"] == []
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    code, _, err = ready("import", "--format", "unknot-json", str(garbage))
    assert code == 1 and "not valid JSON" in err


def test_jrnl_import_of_ten_thousand_entries(ready: Cli, tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    entries = [{"date": f"20{10 + n // 1000:02d}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "time": "20:00", "title": f"Day {n}", "body": "words " * 150,
                "tags": ["@t"], "starred": n % 7 == 0} for n in range(10_000)]
    source.write_text(json.dumps({"entries": entries}))
    code, _, err = ready("import", "--format", "jrnl-json", str(source))
    assert code == 0, err
    assert "10000 entries added, 0 were already there." in err
    assert len(json.loads(ready("list", "--json")[1])["entries"]) == 10_000


def test_verify_names_a_damaged_record_and_list_shows_the_rest(ready: Cli) -> None:
    ids = [ready("add", "--title", f"n{n}", stdin=f"body {n}")[1].strip() for n in range(3)]
    assert ready("verify")[0] == 0
    conn = sqlite3.connect(ready.vault)
    victim = bytes.fromhex(ids[1])
    sealed = bytearray(conn.execute("SELECT sealed FROM records WHERE id=?",
                                    (victim,)).fetchone()[0])
    sealed[-5] ^= 0x01
    conn.execute("UPDATE records SET sealed=? WHERE id=?", (bytes(sealed), victim))
    conn.commit()
    conn.close()
    code, out, err = ready("verify")
    assert code == 3 and ids[1] in err
    code, out, err = ready("list", "--json")
    assert code == 3 and ids[1] in err
    doc = json.loads(out)
    assert {e["id"] for e in doc["entries"]} == {ids[0], ids[2]}
    assert doc["damaged"] == [ids[1]]


def _flip_header_byte(path: Path) -> None:
    conn = sqlite3.connect(path)
    raw = bytearray(conn.execute("SELECT header FROM vault_header").fetchone()[0])
    raw[40] ^= 0x04
    conn.execute("UPDATE vault_header SET header=?", (bytes(raw),))
    conn.commit()
    conn.close()


def test_header_damage_says_damaged(ready: Cli) -> None:
    _flip_header_byte(ready.vault)
    code, _, err = ready("list")
    assert code == 1 and "damaged" in err and "Wrong passphrase" not in err


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 a zip file", b"SQLite format 3\x00"
                                     + b"\x00" * 50])
def test_odd_files_get_one_clear_line(ready: Cli, content: bytes) -> None:
    ready.vault.write_bytes(content)
    code, _, err = ready("list")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_truncated_vault(ready: Cli) -> None:
    for n in range(30):
        ready("add", stdin="x" * 2000 + str(n))
    data = ready.vault.read_bytes()
    ready.vault.write_bytes(data[: len(data) // 2])
    code, out, err = ready("verify")
    assert code in (1, 3)
    assert "Traceback" not in err and err.strip()


def test_passwd_and_rotate(ready: Cli, tmp_path: Path) -> None:
    ready("add", stdin="before")
    new = tmp_path / "new.txt"
    new.write_text("second passphrase of pebbles and rivers\n")
    code, _, err = ready("passwd", "--new-passphrase-file", str(new))
    assert code == 0 and "re-encrypted 1 records" in err
    assert ready("list")[0] == 1
    ready.pw = new
    assert ready("list")[0] == 0
    third = tmp_path / "third.txt"
    third.write_text("third passphrase of lanterns and quills\n")
    code, _, err = ready("passwd", "--new-passphrase-file", str(third), "--rotate-key")
    assert code == 0 and "re-encrypted 1 records" in err
    ready.pw = third
    code, out, _ = ready("list", "--json")
    assert json.loads(out)["entries"][0]["body"] == "before"


def test_backup_opens_with_the_same_passphrase(ready: Cli, tmp_path: Path) -> None:
    ready("add", stdin="kept in the backup")
    out = tmp_path / "copy.backup"
    code, _, _ = ready("backup", "--out", str(out), passphrase=False)
    assert code == 0
    ready.vault = out
    assert json.loads(ready("list", "--json")[1])["entries"][0]["body"] == "kept in the backup"


def test_no_terminal_and_no_passphrase_file_is_a_usage_error(vault_path: Path,
                                                             passphrase_file: Path) -> None:
    env = {**os.environ, "UNKNOT_KDF_PROFILE": "floor"}
    subprocess.run([sys.executable, "-m", "unknot.journal.cli", "init", "--vault", str(vault_path),
                    "--passphrase-file", str(passphrase_file)], check=True, env=env)
    result = subprocess.run([sys.executable, "-m", "unknot.journal.cli", "list", "--vault",
                             str(vault_path)], capture_output=True, text=True, env=env,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    assert result.returncode == 2
    assert "--passphrase-file" in result.stderr


def test_the_installed_command_runs(vault_path: Path, passphrase_file: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "unknot.journal.cli", "verify", "--vault",
                             str(vault_path), "--passphrase-file", str(passphrase_file)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "There is no vault" in result.stderr


# --- the points of issue 14 ----------------------------------------------------------------------

def _filled(ready: Cli, tmp_path: Path, count: int = 1500) -> None:
    """Enough entries that `list --json` fills a pipe many times over."""
    source = tmp_path / "many.json"
    source.write_text(json.dumps({"entries": [
        {"date": f"2020-01-{n % 28 + 1:02d}", "time": f"{n % 24:02d}:{n % 60:02d}",
         "title": f"Day {n}", "body": "words " * 40, "tags": []} for n in range(count)]}))
    code, _, err = ready("import", "--format", "jrnl-json", str(source))
    assert code == 0, err


@pytest.mark.parametrize("args", [("list",), ("list", "--json"),
                                  ("timeline", "--by", "day", "--from", "2000-01-01", "--json")])
def test_a_closed_pipe_ends_quietly(ready: Cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    """`unknot-cli list | head`: exit 141 (128 + SIGPIPE, as the shell reports for any program
    whose reader stopped), with nothing on stderr — no "unexpected error", no "Exception
    ignored"."""
    _filled(ready, tmp_path)
    env = {**os.environ, "UNKNOT_KDF_PROFILE": "floor"}
    process = subprocess.Popen(
        [sys.executable, "-m", "unknot.journal.cli", *args, "--vault", str(ready.vault),
         "--passphrase-file", str(ready.pw)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()  # what `head -1` reads; then it goes away
    process.stdout.close()
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert err == ""


def test_a_closed_pipe_in_process_returns_141(ready: Cli, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    ready("add", stdin="one")
    monkeypatch.setattr(sys, "stdout", Closed())
    code = main(["list", "--vault", str(ready.vault), "--passphrase-file", str(ready.pw)])
    assert code == 141
    assert capsys.readouterr().err == ""


def test_out_dash_writes_markdown_and_json_to_standard_output(ready: Cli) -> None:
    ready("add", "--title", "Hello", stdin="The body.\n")
    code, out, err = ready("export", "--format", "md", "--out", "-")
    assert code == 0, err
    assert "Hello" in out and "The body." in out and "standard output" in err
    code, out, err = ready("export", "--format", "json", "--out", "-")
    assert code == 0, err
    assert json.loads(out)["entries"][0]["body"] == "The body.\n"
    assert not Path("-").exists()


def test_out_dash_is_refused_for_pdf(ready: Cli) -> None:
    code, out, err = ready("export", "--format", "pdf", "--out", "-")
    assert code == 2 and out == ""
    assert "--out - writes md or json" in err


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_add_without_text_is_a_usage_error(ready: Cli, text: str) -> None:
    code, out, err = ready("add", stdin=text)
    assert code == 2 and out == ""
    assert "no text on standard input" in err and "nothing was added" in err
    assert json.loads(ready("list", "--json")[1])["entries"] == []


def test_add_with_a_title_and_no_text_is_an_entry(ready: Cli) -> None:
    assert ready("add", "--title", "Just a title", stdin="")[0] == 0
    assert json.loads(ready("list", "--json")[1])["entries"][0]["title"] == "Just a title"


def test_a_missing_or_empty_passphrase_file_exits_1(ready: Cli, tmp_path: Path) -> None:
    ready.pw = tmp_path / "no-such-file"
    code, _, err = ready("list")
    assert code == 1 and "There is no passphrase file" in err
    ready.pw = tmp_path / "empty"
    ready.pw.write_text("")
    code, _, err = ready("list")
    assert code == 1 and "is empty" in err


def test_checkin_without_any_rating_skips_all(ready: Cli) -> None:
    code, _, err = ready("checkin", "--note", "not today")
    assert code == 0 and "Every item was skipped" in err
    checkin = json.loads(ready("export", "--format", "json", "--out", "-")[1])["checkins"][0]
    assert checkin["ratings"] == {} and checkin["note"] == "not today"
    help_text = _help("checkin")
    assert "skip" in help_text and "all six are skipped" in help_text


def _help(*command: str) -> str:
    out = io.StringIO()
    parser = build_parser()
    for name in command:
        parser = _subcommands(parser)[name]
    parser.print_help(out)
    return " ".join(out.getvalue().split())


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_flag_of_every_command_has_help() -> None:
    missing = []
    for name, sub in _subcommands(build_parser()).items():
        for action in sub._actions:
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []
    for command in (("add",), ("checkin",)):
        assert all(sign in _help(*command) for sign in SIGNS), command
    for flag in ("--tag", "--limit", "--date", "--from", "--to", "--entry", "--out", "--format"):
        assert any(flag in _help(name) for name in ("add", "list", "export", "timeline"))


def test_the_markdown_export_shows_raw_html_as_text(ready: Cli) -> None:
    from markdown_it import MarkdownIt

    ready("add", "--title", "<b>bold</b> title", "--tag", "<i>", stdin=(
        "Quoted this:\n\n<script>alert('x')</script>\n\nand inline <img src=x onerror=alert(1)>"
        " too.\n\n    <pre>code stays code</pre>\n"))
    ready("checkin", "--rate", "isolated=1", "--note", "<iframe src=x></iframe>")
    code, out, err = ready("export", "--format", "md", "--out", "-")
    assert code == 0, err
    assert "&lt;script>alert('x')&lt;/script>" in out
    assert "    <pre>code stays code</pre>" in out  # a code block reads as before
    reader = MarkdownIt("commonmark", {"html": True})  # as pandoc reads: raw HTML passes on
    raw = [t.content for token in reader.parse(out) for t in [token, *(token.children or [])]
           if t.type in ("html_block", "html_inline")]
    assert raw == []
    rendered = reader.render(out)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
