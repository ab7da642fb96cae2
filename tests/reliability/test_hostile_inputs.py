"""Scenario 4, hostile inputs: hypothesis fuzzing of everything that parses data from outside —
the vault reader, the key-slot parameters, the command line's arguments and standard input, and
import files — with bounded time and memory for each input.

For every input the only acceptable outcomes are a result or one of Unknot's own errors (which
carry a message for the person); any other exception, a run over the time or memory bound, or
key derivation started with parameters outside the safe range is a defect.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reliability_kit import PASSPHRASE, Outcome, count, memoized_kdf, scale
from unknot.journal import cli, cli_args, crypto, exchange
from unknot.journal.content import SIGN_IDS
from unknot.journal.crypto import FLOOR_PARAMS, KdfParams
from unknot.journal.errors import UnknotError, WrongPassphraseError
from unknot.journal.model import CheckIn, Entry
from unknot.journal.vault import SQLITE_MAGIC, Vault, read_header

SCENARIO = "4. Hostile inputs"
SECONDS_PER_INPUT = 2.0
MIB = 1024 * 1024


def fuzz(outcome: Outcome, strategy: st.SearchStrategy[Any], check: Callable[[Any], str | None],
         examples: int, memory_bound: Callable[[Any], int] = lambda _: 64 * MIB) -> Outcome:
    """Run `check` on `examples` inputs drawn from `strategy`; each returns a problem or None.
    Every problem is recorded (hypothesis is not asked to stop and shrink), with the input."""

    @settings(max_examples=examples, deadline=None, database=None,
              derandomize=scale() == "ci", phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value: Any) -> None:
        outcome.runs += 1
        tracemalloc.reset_peak()
        baseline = tracemalloc.get_traced_memory()[0]  # what earlier inputs left alive
        started = time.perf_counter()
        try:
            problem = check(value)
        except Exception as exc:  # noqa: BLE001 - an escaped exception is the defect we look for
            problem = f"crash: {type(exc).__name__}: {str(exc)[:160]}"
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] - baseline
        if problem is None and seconds > SECONDS_PER_INPUT:
            problem = f"took {seconds:.1f} s"
        if problem is None and peak > memory_bound(value):
            problem = f"used {peak / MIB:.0f} MiB"
        if problem is not None:
            outcome.fail(f"{problem} — input {repr(value)[:200]}")

    tracemalloc.start()
    try:
        run()
    finally:
        tracemalloc.stop()
    return outcome


def _figure(outcome: Outcome, what: str) -> str:
    return f"{outcome.runs} {what}: {len(outcome.failures)} crashes, hangs or unclear errors"


# --- the vault reader -------------------------------------------------------------------------

def _template(folder: Path) -> tuple[Path, dict[str, dict[str, object]]]:
    path = folder / "template.db"
    if not path.exists():
        vault, _ = Vault.create(path, PASSPHRASE, kdf=FLOOR_PARAMS, with_recovery=True)
        start = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
        records = [Entry.new(start + timedelta(days=n), title=f"t{n}", body="b" * 300 * n,
                             signs=("isolated",), mood=1, tags=("x",)) for n in range(5)]
        with vault:
            vault.save_many(records)
    with Vault.open(path, PASSPHRASE) as vault:
        loaded = vault.load()
    return path, {r.id: r.to_json() for r in (*loaded.entries, *loaded.checkins)}


def _open_everything(path: Path, expected: dict[str, dict[str, object]]) -> str | None:
    """Open as the app does and read everything; anything shown must be what was written."""
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    try:
        with Vault.open(path, PASSPHRASE) as vault:
            loaded = vault.load()
            vault.verify()
    except WrongPassphraseError as exc:
        return f"damage reported as a wrong passphrase: {exc.message}"
    except UnknotError:
        return None
    for record in (*loaded.entries, *loaded.checkins):
        if expected.get(record.id) != record.to_json():
            return f"wrong text shown for {record.id[:8]}"
    return None


def vault_files(work: Path, examples: int) -> Outcome:
    template, expected = _template(work)
    pristine = template.read_bytes()
    target = work / "fuzzed.db"
    edits = st.lists(st.tuples(st.integers(0, len(pristine) - 1), st.integers(0, 255)),
                     max_size=24)
    strategy = st.one_of(
        st.binary(max_size=8192),
        st.binary(max_size=8192).map(lambda b: SQLITE_MAGIC + b),
        st.binary(min_size=84, max_size=8192).map(lambda b: pristine[:100] + b),
        st.tuples(edits, st.none() | st.integers(0, len(pristine))).map(
            lambda t: _edited(pristine, *t)),
    )

    def check(data: bytes) -> str | None:
        target.write_bytes(data)
        return _open_everything(target, expected)

    outcome = Outcome(SCENARIO, "vault reader: arbitrary and mutated files")
    with memoized_kdf():
        fuzz(outcome, strategy, check, examples)
    return outcome.finish(_figure(outcome, "files"))


def _edited(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    changed = bytearray(data)
    for offset, value in edits:
        changed[offset] = value
    return bytes(changed[:cut] if cut is not None else changed)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=5),
    max_leaves=20,
)
KDF_NUMBERS = st.one_of(
    st.sampled_from([0, 1, 2, 3, 4, 5, 16, 17, 63, 64, 65, 65535, 65536, 262144, 1048576,
                     4 * MIB, 4 * MIB + 1, 2 ** 31, 2 ** 63 - 1, -1, -(2 ** 63)]),
    st.integers(), st.floats(), st.booleans(), st.none(), st.text(max_size=12),
    st.integers(0, 10 ** 6).map(str), st.lists(st.integers(), max_size=3),
)


def _header_fields(template: Path) -> dict[str, Any]:
    conn = sqlite3.connect(template)
    try:
        raw = conn.execute("SELECT header FROM vault_header").fetchone()[0]
    finally:
        conn.close()
    return json.loads(raw)  # type: ignore[no-any-return]


def _write_header(target: Path, pristine: bytes, fmt: int, raw: bytes, honest_checksum: bool,
                  checksum_noise: bytes) -> None:
    target.write_bytes(pristine)
    checksum = crypto.header_checksum(fmt.to_bytes(8, "big", signed=True) + raw) \
        if honest_checksum else checksum_noise
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("UPDATE vault_header SET format = ?, header = ?, checksum = ?",
                     (fmt, raw, checksum))
    finally:
        conn.close()


class _KdfSpy:
    """Stands in for Argon2id while fuzzing headers: notes every derivation started, refuses
    (as a defect) parameters outside the safe range, and derives for real only with the
    template's own parameters."""

    def __init__(self, real: KdfParams) -> None:
        self.real = real
        self.unsafe: list[KdfParams] = []
        self._original = crypto.derive_key

    def __call__(self, passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        if not params.within_limits():
            self.unsafe.append(params)
            raise AssertionError("key derivation started with unsafe parameters")
        if params == self.real:
            return self._original(passphrase, salt, params)
        return b"\x00" * 32


def header_fuzz(work: Path, examples: int, kdf_only: bool) -> Outcome:
    template, expected = _template(work)
    pristine = template.read_bytes()
    fields = _header_fields(template)
    target = work / "fuzzed-header.db"
    passphrase_slot = next(n for n, s in enumerate(fields["slots"]) if s["kind"] == "passphrase")

    if kdf_only:
        raw_header = st.fixed_dictionaries({
            "memory_kib": KDF_NUMBERS, "iterations": KDF_NUMBERS, "lanes": KDF_NUMBERS,
            "algorithm": st.sampled_from(["argon2id", "argon2i", "", "ARGON2ID"]),
        }).map(lambda kdf: _with_kdf(fields, passphrase_slot, kdf))
    else:
        raw_header = st.one_of(
            st.binary(max_size=2048),
            JSON_VALUES.map(lambda v: json.dumps(v).encode()),
            st.lists(st.tuples(st.sampled_from(_paths(fields)), st.none() | JSON_VALUES),
                     max_size=4).map(lambda edits: _with_edits(fields, edits)),
            st.integers(1, 5000).map(lambda depth: b"[" * depth + b"]" * depth),
        )
    strategy = st.tuples(
        st.one_of(st.just(1), st.integers(-(2 ** 63), 2 ** 63 - 1)),
        raw_header, st.sampled_from([True, True, True, False]), st.binary(max_size=40))

    real = KdfParams(**{k: fields["slots"][passphrase_slot]["kdf"][k]
                        for k in ("memory_kib", "iterations", "lanes")})
    spy = _KdfSpy(real)

    def check(value: tuple[int, bytes, bool, bytes]) -> str | None:
        fmt, raw, honest, noise = value
        _write_header(target, pristine, fmt, raw, honest, noise)
        before = len(spy.unsafe)
        # Reading the header alone must be quick. Timed twice: a long run's garbage collector
        # can pause once; slowness that comes from the input comes back.
        if min(_timed_read(target) for _ in range(2)) > 0.5:
            return "reading the header alone took over 0.5 s"
        try:
            with Vault.open(target, PASSPHRASE) as vault:
                vault.load()
        except UnknotError:
            pass
        if len(spy.unsafe) > before:
            return f"key derivation started with {spy.unsafe[-1]}"
        return None

    part = "key-slot parameters" if kdf_only else "vault reader: crafted headers"
    outcome = Outcome(SCENARIO, part)
    original = crypto.derive_key
    crypto.derive_key = spy  # type: ignore[assignment]
    try:
        fuzz(outcome, strategy, check, examples)
    finally:
        crypto.derive_key = original  # type: ignore[assignment]
    del expected
    return outcome.finish(_figure(outcome, "headers"))


def _timed_read(path: Path) -> float:
    started = time.perf_counter()
    with contextlib.suppress(UnknotError):
        read_header(path)[0].close()
    return time.perf_counter() - started


def _with_kdf(fields: dict[str, Any], slot: int, kdf: dict[str, Any]) -> bytes:
    copy = json.loads(json.dumps(fields))
    copy["slots"][slot]["kdf"] = kdf
    return json.dumps(copy, sort_keys=True, separators=(",", ":")).encode()


def _paths(fields: dict[str, Any]) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = [("vault_id",), ("slots",), ("extra",)]
    for n, slot in enumerate(fields["slots"]):
        paths.append(("slots", n))
        for key in (*slot, "kind"):
            paths.append(("slots", n, key))
        for key in slot.get("kdf", {}):
            paths.append(("slots", n, "kdf", key))
    return paths


def _with_edits(fields: dict[str, Any], edits: list[tuple[tuple[Any, ...], Any]]) -> bytes:
    copy = json.loads(json.dumps(fields))
    for path, value in edits:
        holder: Any = copy
        try:
            for step in path[:-1]:
                holder = holder[step]
            if value is None and isinstance(holder, dict):
                holder.pop(path[-1], None)
            else:
                holder[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return json.dumps(copy).encode()


# --- the command line -------------------------------------------------------------------------

FLAGS = ["--vault", "--passphrase-file", "--new-passphrase-file", "--sign", "--tag", "--mood",
         "--date", "--title", "--limit", "--json", "--rate", "--note", "--format", "--out",
         "--from", "--to", "--force", "--rotate-key", "--recovery-key", "--by", "--help", "-h",
         "--bogus", "--", "-"]
POOL = ["vault.db", "missing.db", "pw", "pw2", "empty", "folder", "not-a-vault.txt",
        "export.json", "jrnl.json", "out.md", "out.json", "new.db", "/dev/null"]
VALUES = st.one_of(
    st.sampled_from(POOL), st.sampled_from(SIGN_IDS), st.sampled_from(["md", "json", "pdf",
                                                                       "unknot-json",
                                                                       "jrnl-json", "day",
                                                                       "week", "month"]),
    st.integers(-10 ** 30, 10 ** 30).map(str),
    st.sampled_from(["2026-03-14", "2026-03-14T21:30+01:00", "2026-02-30", "0001-01-01",
                     "9999-12-31T23:59:59-23:59", "2026-03-29T02:30", "yesterday", "",
                     "isolated=2", "isolated=9", "addicted=-1", "=", "x=1", "isolated="]),
    st.text(max_size=30),
)
COMMANDS = ["init", "add", "list", "search", "checkin", "export", "verify", "passwd", "backup",
            "import", "timeline", "bogus"]


def _cli_folder(folder: Path) -> None:
    """The files the fuzzed command lines may name."""
    folder.mkdir()
    (folder / "pw").write_text(PASSPHRASE + "\n")
    (folder / "pw2").write_text("another passphrase\n")
    (folder / "empty").write_text("")
    (folder / "folder").mkdir()
    (folder / "not-a-vault.txt").write_text("a shopping list\n")
    vault, _ = Vault.create(folder / "vault.db", PASSPHRASE, kdf=FLOOR_PARAMS)
    entry = Entry.new(datetime(2026, 3, 2, 8, tzinfo=timezone.utc), title="hello", body="body")
    checkin = CheckIn.new(entry.created.date(), entry.created, ratings={"isolated": 2})
    with vault:
        vault.save_many([entry, checkin])
    (folder / "export.json").write_text(exchange.export_json([entry], [checkin]))
    (folder / "jrnl.json").write_text(json.dumps({"entries": [
        {"date": "2026-01-02", "time": "09:00", "title": "t", "body": "b", "tags": ["@x"],
         "starred": True}]}))


def command_lines(work: Path, examples: int) -> Outcome:
    template = work / "cli-template"
    _cli_folder(template)
    counter = iter(range(10 ** 9))
    strategy = st.tuples(
        st.sampled_from(COMMANDS),
        st.booleans(), st.booleans(),
        st.lists(st.one_of(st.sampled_from(FLAGS), VALUES), max_size=8),
        st.binary(max_size=300),
    )

    def check(value: tuple[str, bool, bool, list[str], bytes]) -> str | None:
        command, with_vault, with_pw, extra, stdin = value
        argv = [command, *extra]
        if with_vault:
            argv += ["--vault", "vault.db"]
        if with_pw:
            argv += ["--passphrase-file", "pw"]
        folder = work / f"run-{next(counter)}"
        _copy_folder(template, folder)
        out, err = io.StringIO(), io.StringIO()
        stdin_stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        with contextlib.chdir(folder), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err), _swap(sys, "stdin", stdin_stream):
            try:
                code: object = cli.main(argv)
            except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
                code = exc.code
        if code not in (0, 1, 2, 3):
            return f"exit code {code!r} for {argv!r}"
        if "unexpected error" in err.getvalue() or "Traceback" in err.getvalue():
            return f"{err.getvalue().strip()[:160]} for {argv!r}"
        if code != 0 and not err.getvalue().strip():
            return f"exit {code} without a message for {argv!r}"
        return None

    outcome = Outcome(SCENARIO, "unknot-cli arguments and standard input")
    with memoized_kdf(), _swap(cli_args, "ask", _no_terminal):
        fuzz(outcome, strategy, check, examples)
    return outcome.finish(_figure(outcome, "command lines"))


def _no_terminal(prompt: str) -> str:
    raise cli.UsageError("there is no terminal to ask for the passphrase; "
                         "use --passphrase-file FILE")


@contextlib.contextmanager
def _swap(owner: Any, name: str, value: Any) -> Any:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def _copy_folder(source: Path, target: Path) -> None:
    target.mkdir()
    for item in source.iterdir():
        if item.is_dir():
            (target / item.name).mkdir()
        else:
            (target / item.name).write_bytes(item.read_bytes())


# --- import files -----------------------------------------------------------------------------

def _valid_export() -> dict[str, Any]:
    moment = datetime(2026, 3, 2, 8, tzinfo=timezone(timedelta(hours=1)))
    entry = Entry.new(moment, title="t", body="b", signs=("isolated",), mood=-1, tags=("x",))
    checkin = CheckIn.new(moment.date(), moment, ratings={"addicted": 3}, note="n")
    return json.loads(exchange.export_json([entry], [checkin]))  # type: ignore[no-any-return]


def import_files(work: Path, examples: int) -> Outcome:
    base = _valid_export()
    jrnl = {"entries": [{"date": "2026-01-02", "time": "09:00", "title": "t", "body": "b",
                         "tags": ["@x"], "starred": False}]}
    record_fields = ["id", "created", "updated", "title", "body", "signs", "mood", "tags",
                     "date", "ratings", "note", "time", "starred", "kind"]

    def mutate(document: dict[str, Any], edits: list[tuple[str, int, str, Any]]) -> str:
        copy = json.loads(json.dumps(document))
        for where, index, key, value in edits:
            if where == "top":
                copy[key] = value
                continue
            items = copy.get("entries" if where == "entries" else "checkins")
            if isinstance(items, list) and items:
                item = items[index % len(items)]
                if isinstance(item, dict):
                    item[key] = value
        return json.dumps(copy, ensure_ascii=False)

    edit = st.tuples(st.sampled_from(["top", "entries", "checkins"]), st.integers(0, 3),
                     st.sampled_from([*record_fields, "format", "version", "entries",
                                      "checkins"]), JSON_VALUES)
    strategy = st.tuples(
        st.sampled_from(["unknot-json", "jrnl-json"]),
        st.one_of(
            st.text(max_size=200),
            JSON_VALUES.map(json.dumps),
            st.lists(edit, max_size=4).map(lambda e: mutate(base, e)),
            st.lists(edit, max_size=4).map(lambda e: mutate(jrnl, e)),
            st.integers(1, 100_000).map(lambda depth: "[" * depth + "]" * depth),
            st.sampled_from(['{"format":"unknot-export","version":"2"}',
                             '{"format":"unknot-export","entries":[{"id":"AB"}]}',
                             '"\\ud800"', '{"entries":[{"date":"2026-01-01","body":"\\udc80"}]}'
                             ]),
        ),
    )
    vault, _ = Vault.create(work / "import-target.db", PASSPHRASE, kdf=FLOOR_PARAMS)

    def check(value: tuple[str, str]) -> str | None:
        kind, text = value
        parse = exchange.parse_unknot_json if kind == "unknot-json" else exchange.parse_jrnl_json
        try:
            batch = parse(text)
        except UnknotError:
            return None
        records: list[Entry | CheckIn] = [*batch.entries, *batch.checkins]
        fresh = {r.id: r for r in records if not vault.exists(r.id)}  # import skips the rest
        vault.save_many(fresh.values())
        for record in fresh.values():
            stored = vault.get(record.id)
            if stored is None or stored.to_json() != record.to_json():
                return f"record {record.id[:12]!r} does not come back as imported"
        return None

    outcome = Outcome(SCENARIO, "import files (unknot-json, jrnl-json)")
    try:
        fuzz(outcome, strategy, check, examples,
             memory_bound=lambda value: 64 * MIB + 40 * len(value[1]))
    finally:
        vault.close()
    return outcome.finish(_figure(outcome, "files"))


# --- at CI counts -----------------------------------------------------------------------------

def test_vault_reader_survives_hostile_files(tmp_path: Path) -> None:
    vault_files(tmp_path, count(ci=300, release=20_000)).check()


def test_vault_reader_survives_crafted_headers(tmp_path: Path) -> None:
    header_fuzz(tmp_path, count(ci=200, release=20_000), kdf_only=False).check()


def test_key_slot_parameters_are_refused_before_any_work(tmp_path: Path) -> None:
    header_fuzz(tmp_path, count(ci=200, release=20_000), kdf_only=True).check()


def test_command_line_never_fails_unexpectedly(tmp_path: Path) -> None:
    command_lines(tmp_path, count(ci=250, release=10_000)).check()


def test_import_files_import_all_or_nothing(tmp_path: Path) -> None:
    import_files(tmp_path, count(ci=200, release=20_000)).check()


# --- defects this scenario found, kept as plain examples --------------------------------------

@pytest.mark.parametrize("text", [
    '{"format":"unknot-export","version":"abc"}',
    '{"format":"unknot-export","version":null}',
    '{"format":"unknot-export","entries":5}',
    '{"format":"unknot-export","entries":["x"]}',
    '{"entries":["x"]}',
    "[" * 100_000 + "]" * 100_000,
    '{"format":"unknot-export","entries":[{"id":"00112233445566778899aabbccddeeff",'
    '"created":"2020-01-01T00:00+00:00","updated":"2020-01-01T00:00+00:00","mood":1e400}]}',
    '{"format":"unknot-export","entries":[{"id":"00112233445566778899AABBCCDDEEFF",'
    '"created":"2020-01-01T00:00+00:00","updated":"2020-01-01T00:00+00:00"}]}',
    '{"format":"unknot-export","entries":[{"id":"00112233445566778899aabbccddeeff",'
    '"created":"2020-01-01T00:00+00:00","updated":"2020-01-01T00:00+00:00","body":"\\ud800"}]}',
])
def test_bad_import_files_are_refused_in_words(text: str) -> None:
    """Found: these raised ValueError, TypeError, AttributeError, RecursionError or
    OverflowError (the command line said "unexpected error"), or — upper-case ids — imported
    records that the vault then reported as damaged."""
    for parse in (exchange.parse_unknot_json, exchange.parse_jrnl_json):
        with contextlib.suppress(UnknotError):
            parse(text)


def test_absurd_work_is_refused_even_when_each_setting_is_allowed() -> None:
    """Found: 4 GiB and 64 passes were each within the limits, together minutes of work; then
    (issue 12) 4 GiB x 4 passes x 4 lanes was accepted: 25.7 s and 4.2 GB per attempt. Now
    1 GiB, 32 passes and 2 GiB-passes of work at most (see scenario 12 for the cost)."""
    assert not KdfParams(4 * MIB, 64, 16).within_limits()
    assert not KdfParams(4 * MIB, 4, 4).within_limits()
    assert not KdfParams(MIB, 3, 4).within_limits()  # each setting allowed, the work not
    assert KdfParams(MIB // 2, 4, 4).within_limits()
    assert crypto.calibrate(0.01).within_limits()


def test_text_that_is_not_utf8_is_refused_in_words(tmp_path: Path) -> None:
    """Found: `unknot-cli add` with bytes that are not UTF-8 on standard input (or in --title)
    crashed with UnicodeEncodeError while saving."""
    import subprocess

    from reliability_kit import child_env, cli_command

    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    Vault.create(tmp_path / "v.db", PASSPHRASE, kdf=FLOOR_PARAMS)[0].close()
    base = [*cli_command(), "add", "--vault", str(tmp_path / "v.db"), "--passphrase-file",
            str(tmp_path / "pw")]
    env = child_env(LC_ALL="C.UTF-8")
    bad_stdin = subprocess.run(base, input=b"caf\xe9", capture_output=True, env=env)
    assert bad_stdin.returncode == 1 and b"not UTF-8" in bad_stdin.stderr
    bad_title = subprocess.run([*base, "--title", os.fsdecode(b"caf\xe9")], input=b"x",
                               capture_output=True, env=env)
    assert bad_title.returncode == 2 and b"not valid Unicode" in bad_title.stderr
    exact = subprocess.run(base, input=b"line\r\nlast\r", capture_output=True, env=env)
    assert exact.returncode == 0, exact.stderr
    with Vault.open(tmp_path / "v.db", PASSPHRASE) as vault:
        assert [e.body for e in vault.load().entries] == ["line\r\nlast\r"]
