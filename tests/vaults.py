"""The one place tests build real vaults: one test passphrase, one vault builder (the fast
key-derivation floor), and sample records. tests/driving.py re-exports PASSPHRASE and make_vault
for the tests that drive the window."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from unknot.journal.crypto import FLOOR_PARAMS
from unknot.journal.model import CheckIn, Entry, Record
from unknot.journal.vault import Vault

# Accepted by the passphrase policy, so first run in the window takes it too.
PASSPHRASE = "meadow lantern copper violet harbor quill"


def make_vault(path: Path, passphrase: str = PASSPHRASE, records: Iterable[Record] = (),
               **options: object) -> Vault:
    """A new vault at `path` holding `records`, open (close it, or use it in a `with`)."""
    vault, _ = Vault.create(path, passphrase, kdf=FLOOR_PARAMS, **options)  # type: ignore[arg-type]
    saved = list(records)
    if saved:
        vault.save_many(saved)
    return vault


def sealed_rows(path: Path) -> list[bytes]:
    """The ciphertext of every record as stored, read through a connection of its own (tests do
    not reach into a vault's connection)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT sealed FROM records ORDER BY id")]
    finally:
        conn.close()


def sample_entries(count: int, start: datetime | None = None) -> list[Entry]:
    start = start or datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    signs = ("others-want-you-out", "see-it-through", "never-good-enough", "addicted",
             "lost-identity", "isolated")
    entries = []
    for n in range(count):
        moment = start + timedelta(hours=13 * n)
        entries.append(Entry.new(
            moment, title=f"Entry {n}", body=f"Body of entry {n}.\n\nA second paragraph {n}.",
            signs=(signs[n % 6], signs[(n * 5) % 6]), mood=(n % 5) - 2, tags=(f"t{n % 3}",),
        ))
    return entries


def sample_checkin(day_offset: int = 0) -> CheckIn:
    moment = datetime(2026, 1, 11, 20, 0, tzinfo=timezone.utc) + timedelta(days=day_offset)
    return CheckIn.new(moment.date(), moment, ratings={"isolated": 3, "addicted": 0},
                       note="Weekly note")
