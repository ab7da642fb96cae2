"""`unknot-cli timeline` (DESIGN §8): the same numbers as the core, the JSON shape, exit codes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from unknot.journal import localtime
from unknot.journal.cli import main
from unknot.journal.content import SIGN_IDS
from unknot.journal.model import CheckIn, Entry
from unknot.journal.timeline import timeline_json
from unknot.journal.vault import Vault
from vaults import PASSPHRASE, make_vault, sample_checkin, sample_entries

ZONE = "Europe/Berlin"


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", ZONE)
    localtime.local_zone.cache_clear()
    yield
    localtime.local_zone.cache_clear()


def run(vault: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str, str]:
    argv = ["timeline", *args, "--vault", str(vault), "--passphrase-file", str(passphrase_file)]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def records() -> tuple[list[Entry], list[CheckIn]]:
    entries = sample_entries(60)
    # around a year end and written in another zone
    entries.append(Entry.new(datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo(ZONE)),
                             signs=("isolated",), mood=1))
    entries.append(Entry.new(datetime(2027, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=9))),
                             signs=("addicted",), mood=-2))
    checkins = [sample_checkin(7 * k) for k in range(6)]
    checkins.append(CheckIn.new(date(2026, 1, 14), datetime(2026, 1, 14, tzinfo=timezone.utc),
                                ratings={"lost-identity": 1, "isolated": 4}))
    return entries, checkins


@pytest.fixture
def filled(vault_path: Path) -> tuple[list[Entry], list[CheckIn]]:
    entries, checkins = records()
    with make_vault(vault_path) as vault:
        vault.save_many([*entries, *checkins])
    return entries, checkins


@pytest.mark.parametrize("by, since, until", [
    ("day", "2026-01-04", "2026-02-08"),
    ("week", "2026-01-07", "2026-03-29"),
    ("month", "2025-12-15", "2027-01-31"),
    ("week", "2026-12-28", "2027-01-03"),
])
def test_cli_json_agrees_with_the_core(filled: tuple[list[Entry], list[CheckIn]],
                                       vault_path: Path, passphrase_file: Path,
                                       capsys: pytest.CaptureFixture[str], by: str, since: str,
                                       until: str) -> None:
    code, out, err = run(vault_path, passphrase_file, capsys, "--by", by, "--from", since,
                         "--to", until, "--json")
    assert code == 0, err
    document = json.loads(out)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        loaded = vault.load()
    expected = timeline_json(loaded.entries, loaded.checkins, by,  # type: ignore[arg-type]
                             date.fromisoformat(since), date.fromisoformat(until),
                             zone=ZoneInfo(ZONE))
    assert document == expected
    assert (document["from"], document["to"]) == (since, until)
    assert sum(b["entries"] for b in document["buckets"]) > 0


def test_cli_json_shape_is_exactly_design_section_8(filled: tuple[list[Entry], list[CheckIn]],
                                                    vault_path: Path, passphrase_file: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(vault_path, passphrase_file, capsys, "--by", "week", "--from",
                       "2026-01-05", "--to", "2026-03-29", "--json")
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["by", "from", "to", "buckets"]
    assert document["by"] == "week"
    buckets = document["buckets"]
    assert len(buckets) == 12
    for bucket in buckets:
        assert list(bucket) == ["start", "end", "entries", "signs", "checkin", "mood"]
        assert list(bucket["signs"]) == list(SIGN_IDS)
        assert date.fromisoformat(bucket["start"]).weekday() == 0
        assert bucket["checkin"] is None or set(bucket["checkin"]) <= set(SIGN_IDS)
        assert bucket["mood"] is None or -2 <= bucket["mood"] <= 2
    # sample_checkin rates isolated and addicted only: the others are absent, not 0
    week_of_11_jan = buckets[0]
    assert week_of_11_jan["start"] == "2026-01-05"
    assert week_of_11_jan["checkin"] == {"addicted": 0.0, "isolated": 3.0}
    # two check-ins that week: both rated isolated, only one rated lost-identity
    week_of_12_jan = buckets[1]
    assert week_of_12_jan["checkin"] == {"addicted": 0.0, "lost-identity": 1.0,
                                         "isolated": 3.5}


def test_cli_defaults_cover_every_record(filled: tuple[list[Entry], list[CheckIn]],
                                         vault_path: Path, passphrase_file: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    entries, _ = filled
    code, out, _ = run(vault_path, passphrase_file, capsys, "--by", "month", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["from"] == "2026-01-05"  # the earliest entry
    assert document["to"] >= localtime.now().date().isoformat()
    assert document["to"] >= "2027-01-01"
    assert sum(b["entries"] for b in document["buckets"]) == len(entries)
    # the +09:00 entry of 1 January 08:00 is 00:00 in Berlin: January, not December
    jan_2027 = next(b for b in document["buckets"] if b["start"] == "2027-01-01")
    assert jan_2027["signs"]["addicted"] == 1 and jan_2027["entries"] == 1


def test_cli_on_an_empty_vault(vault_path: Path, passphrase_file: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    make_vault(vault_path).close()
    code, out, _ = run(vault_path, passphrase_file, capsys, "--by", "week", "--json")
    assert code == 0
    assert json.loads(out) == {"by": "week", "from": None, "to": None, "buckets": []}
    code, out, _ = run(vault_path, passphrase_file, capsys, "--by", "day", "--from",
                       "2026-02-27", "--to", "2026-03-01", "--json")
    assert code == 0
    buckets = json.loads(out)["buckets"]
    assert [b["start"] for b in buckets] == ["2026-02-27", "2026-02-28", "2026-03-01"]
    assert all(b == {"start": b["start"], "end": b["end"], "entries": 0,
                     "signs": dict.fromkeys(SIGN_IDS, 0), "checkin": None, "mood": None}
               for b in buckets)


def test_cli_table(filled: tuple[list[Entry], list[CheckIn]], vault_path: Path,
                   passphrase_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(vault_path, passphrase_file, capsys, "--by", "week", "--from",
                       "2026-01-05", "--to", "2026-02-01")
    assert code == 0
    lines = out.splitlines()
    assert "for your own reflection" in lines[0]
    assert "blog article's list" in lines[0] and "not from a tested questionnaire" in lines[0]
    header = next(line for line in lines if line.startswith("start"))
    assert header.split() == ["start", "entries", "others", "see-thru", "enough", "without",
                              "self", "friends", "mood"]
    rows = [line.split()[0] for line in lines if line[:2] == "20"]
    assert rows == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]
    assert "(3.0)" in next(line for line in lines if line.startswith("2026-01-05"))
    assert "score" not in out.lower() and "total" not in out.lower()


@pytest.mark.parametrize("args, needle", [
    (("--by", "week", "--from", "yesterday"), "is not a calendar date"),
    (("--by", "week", "--to", "2026-02-30"), "is not a calendar date"),
    (("--by", "year"), "invalid choice"),
    (("--from", "2026-01-01"), "--by"),
    (("--by", "day", "--from", "2026-03-02", "--to", "2026-03-01"), "is after --to"),
])
def test_usage_errors_exit_2(filled: tuple[list[Entry], list[CheckIn]], vault_path: Path,
                             passphrase_file: Path, capsys: pytest.CaptureFixture[str],
                             args: tuple[str, ...], needle: str) -> None:
    code, out, err = run(vault_path, passphrase_file, capsys, *args)
    assert code == 2
    assert needle in err and out == ""


def test_a_missing_vault_is_exit_1_and_not_created(tmp_path: Path, passphrase_file: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.db"
    code, _, err = run(missing, passphrase_file, capsys, "--by", "week")
    assert code == 1 and err.strip()
    assert not missing.exists()


def test_a_wrong_passphrase_is_exit_1(filled: tuple[list[Entry], list[CheckIn]],
                                      vault_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    code, out, err = run(vault_path, wrong, capsys, "--by", "week", "--json")
    assert code == 1 and out == "" and "passphrase" in err.lower()


def test_damaged_records_print_the_intact_timeline_and_exit_3(
        filled: tuple[list[Entry], list[CheckIn]], vault_path: Path, passphrase_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    entries, _ = filled
    victim = entries[0]
    conn = sqlite3.connect(vault_path)
    sealed = bytearray(conn.execute("SELECT sealed FROM records WHERE id=?",
                                    (bytes.fromhex(victim.id),)).fetchone()[0])
    sealed[-5] ^= 0x01
    conn.execute("UPDATE records SET sealed=? WHERE id=?",
                 (bytes(sealed), bytes.fromhex(victim.id)))
    conn.commit()
    conn.close()
    code, out, err = run(vault_path, passphrase_file, capsys, "--by", "month", "--json")
    assert code == 3
    assert victim.id in err
    document = json.loads(out)
    assert sum(b["entries"] for b in document["buckets"]) == len(entries) - 1
    code, out, err = run(vault_path, passphrase_file, capsys, "--by", "month")
    assert code == 3 and victim.id in err and "for your own reflection" in out
