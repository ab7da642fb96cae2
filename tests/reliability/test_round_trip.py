"""Scenario 5, round trip: hypothesis-made entries and check-ins — any Unicode, right-to-left
text and direction marks, very long bodies, odd dates and offsets — come back byte-identical
after save, lock, unlock, backup and restore, through the core and through `unknot-cli`.

There is no restore command yet: "restore" here is what a person would do with a backup —
copy it back with SQLite's backup API (journal.backups.backup_file) and open the copy.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reliability_kit import PASSPHRASE, Outcome, count, memoized_kdf, scale
from unknot.journal import cli
from unknot.journal.backups import backup_file
from unknot.journal.content import SIGN_IDS
from unknot.journal.crypto import FLOOR_PARAMS
from unknot.journal.model import CheckIn, Entry
from unknot.journal.vault import Vault

SCENARIO = "5. Round trip"

RIGHT_TO_LEFT = st.sampled_from([
    "שלום, מה שלומך?", "مرحبا بالعالم", "\u202eevil\u202c", "\u200f\u05d0\u200e a",
    "ا\u0651\u064e", "ܫܠܡܐ", "ދިވެހި", "\u2067isolate\u2069", "עברית and English ١٢٣",
])
TEXT = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),  # every plane, no surrogates
    RIGHT_TO_LEFT,
    st.lists(st.one_of(RIGHT_TO_LEFT, st.text(max_size=20)), max_size=6).map("".join),
    st.sampled_from(["", " ", "\x00", "\r\n\r", "\ufeffBOM", "e\u0301", "\U0001f469\u200d"
                     "\U0001f467", "🌱" * 5, "\\u0000", "</script>", "\t\v\f"]),
)
LONG_TEXT = st.tuples(TEXT, st.integers(1, 4000)).map(lambda t: (t[0] or "x") * t[1])
ODD_ZONES = st.one_of(
    st.timezones(),
    st.integers(-(24 * 3600) + 1, 24 * 3600 - 1).map(lambda s: timezone(timedelta(seconds=s))),
    st.sampled_from([timezone.utc, timezone(timedelta(hours=14)),
                     timezone(timedelta(hours=-12)), timezone(timedelta(hours=5, minutes=45)),
                     timezone(timedelta(minutes=-210))]),
)
MOMENTS = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                       timezones=ODD_ZONES, allow_imaginary=False)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    created = draw(MOMENTS)
    updated = draw(st.one_of(st.just(created), MOMENTS))
    return Entry(
        id=draw(st.binary(min_size=16, max_size=16)).hex(), created=created, updated=updated,
        title=draw(TEXT), body=draw(st.one_of(TEXT, LONG_TEXT)),
        signs=tuple(draw(st.lists(st.sampled_from(SIGN_IDS), max_size=6))),
        mood=draw(st.none() | st.integers(-2, 2)), tags=tuple(draw(st.lists(TEXT, max_size=5))),
    )


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    created = draw(MOMENTS)
    ratings = draw(st.dictionaries(st.sampled_from(SIGN_IDS), st.integers(0, 4)))
    return CheckIn(id=draw(st.binary(min_size=16, max_size=16)).hex(),
                   day=draw(st.dates(min_value=date(1, 1, 1))), created=created,
                   updated=draw(st.one_of(st.just(created), MOMENTS)), ratings=ratings,
                   note=draw(st.one_of(TEXT, LONG_TEXT)))


def _settings(examples: int) -> Any:
    return settings(max_examples=examples, deadline=None, database=None,
                    derandomize=scale() == "ci", phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck))


def _as_stored(records: list[Entry | CheckIn]) -> dict[str, str]:
    """Each record as the exact JSON text it is written as: the byte-identical yardstick."""
    return {r.id: json.dumps(r.to_json(), ensure_ascii=False, sort_keys=True) for r in records}


def core_round_trip(work: Path, examples: int) -> Outcome:
    outcome = Outcome(SCENARIO, "core: save, lock, unlock, backup, restore")
    vault_path = work / "notes.db"
    Vault.create(vault_path, PASSPHRASE, kdf=FLOOR_PARAMS)[0].close()
    counter = iter(range(10 ** 9))
    written = {"records": 0, "longest": 0}

    @_settings(examples)
    @given(st.lists(st.one_of(entries(), checkins()), min_size=1, max_size=4,
                    unique_by=lambda r: r.id))
    def run(batch: list[Entry | CheckIn]) -> None:
        outcome.runs += 1
        n = next(counter)
        want = _as_stored(batch)
        written["records"] += len(batch)
        written["longest"] = max(written["longest"], *(len(json.dumps(r.to_json()))
                                                       for r in batch))
        stages: list[tuple[str, Path]] = [("after unlock", vault_path)]
        try:
            with Vault.open(vault_path, PASSPHRASE) as vault:  # unlock
                vault.save_many(batch)
            # (closing it is the lock: key and connection dropped)
            backup = work / f"b{n}.backup"
            backup_file(vault_path, backup)
            restored = work / f"restored{n}.db"
            backup_file(backup, restored)
            stages += [("in the backup", backup), ("after restore", restored)]
            for stage, path in stages:
                with Vault.open(path, PASSPHRASE) as opened:
                    loaded = opened.load()
                got = _as_stored([*loaded.entries, *loaded.checkins])
                if loaded.damaged:
                    outcome.fail(f"{stage}: damaged {loaded.damaged}")
                for record_id, text in want.items():
                    if got.get(record_id) != text:
                        outcome.fail(f"{stage}: record {record_id[:8]} differs — "
                                     f"{text[:160]!r}")
            for path in (backup, restored):
                path.unlink()
            with Vault.open(vault_path, PASSPHRASE) as vault:  # keep the vault small
                for record in batch:
                    vault.delete(record.id)
        except Exception as exc:  # noqa: BLE001 - the defect we look for
            outcome.fail(f"crash: {type(exc).__name__}: {exc} — {str(batch)[:200]}")

    with memoized_kdf():
        run()
    return outcome.finish(
        f"{written['records']} records ({written['longest']:,} bytes the longest): "
        f"{len(outcome.failures)} differed after save, lock, unlock, backup or restore")


def cli_round_trip(work: Path, examples: int) -> Outcome:
    """`unknot-cli add` (text on standard input, title, tags, date) then `list --json`."""
    outcome = Outcome(SCENARIO, "unknot-cli: add, then list --json")
    vault_path = work / "cli.db"
    Vault.create(vault_path, PASSPHRASE, kdf=FLOOR_PARAMS)[0].close()
    (work / "pw").write_text(PASSPHRASE + "\n")
    common = ["--vault", str(vault_path), "--passphrase-file", str(work / "pw")]
    arg_text = TEXT.filter(lambda t: "\x00" not in t and not t.startswith("-"))

    @_settings(examples)
    @given(st.one_of(TEXT, LONG_TEXT), arg_text, st.lists(arg_text, max_size=3), MOMENTS,
           st.lists(st.sampled_from(SIGN_IDS), max_size=3), st.none() | st.integers(-2, 2))
    def run(body: str, title: str, tags: list[str], moment: datetime, signs: list[str],
            mood: int | None) -> None:
        outcome.runs += 1
        argv = ["add", *common, "--title", title, "--date", moment.isoformat()]
        for tag in tags:
            argv += ["--tag", tag]
        for sign in signs:
            argv += ["--sign", sign]
        if mood is not None:
            argv += ["--mood", str(mood)]
        code, out, err = _cli(argv, body.encode("utf-8"))
        if not body.strip() and not title.strip():  # nothing to keep: a usage error, no entry
            if code != 2 or out.strip():
                outcome.fail(f"an entry with no text: exit {code}, not 2 — {argv[5:]!r}")
            return
        if code != 0:
            outcome.fail(f"add exited {code}: {err.strip()[:160]} — {argv[5:]!r}")
            return
        entry_id = out.strip()
        code, out, err = _cli(["list", *common, "--json"], b"")
        shown = {e["id"]: e for e in json.loads(out)["entries"]} if code == 0 else {}
        got = shown.get(entry_id)
        want = Entry(id=entry_id, created=moment, updated=moment, title=title, body=body,
                     signs=tuple(signs), mood=mood, tags=tuple(tags)).to_json()
        if got is None or {k: got[k] for k in ("title", "body", "signs", "mood", "tags")} != \
                {k: want[k] for k in ("title", "body", "signs", "mood", "tags")} or \
                datetime.fromisoformat(got["created"]) != moment:
            outcome.fail(f"entry {entry_id[:8]} differs: {str(got)[:160]} — {argv[5:]!r}")

    with memoized_kdf():
        run()
    return outcome.finish(f"{outcome.runs} entries added and listed: "
                          f"{len(outcome.failures)} differed")


def _cli(argv: list[str], stdin: bytes) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    original = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.stdin = original
    return code, out.getvalue(), err.getvalue()


def test_records_come_back_byte_identical(tmp_path: Path) -> None:
    core_round_trip(tmp_path, count(ci=120, release=3000)).check()


def test_cli_entries_come_back_byte_identical(tmp_path: Path) -> None:
    cli_round_trip(tmp_path, count(ci=60, release=1000)).check()
