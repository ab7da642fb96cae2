"""The authenticated set of records (format 2): the sealed journal state, checking a vault's
rows against it when it opens and in `verify`, and naming what changed from the backups.

See RecordSet, and SECURITY.md "The set of records" for why it is sound and what it rests on.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from unknot.journal import crypto
from unknot.journal.errors import UnknotError
from unknot.journal.header import is_storage_problem, read_header
from unknot.journal.results import Problem, RecordSetProblem
from unknot.journal.storage import BACKUPS_FOLDER, storage_error

if TYPE_CHECKING:
    from unknot.journal.vault import Vault

BACKUP_GLOB = "*.backup"  # backups.BACKUP_SUFFIX (backups.py imports the vault, not back)
# The associated-data "id" of the journal_state row: not 16 bytes, so never a record's id.
STATE_ID = b"\x00unknot journal state\x00"
TOMBSTONE = "tombstone"
SEQ_BYTES = 8


@dataclass
class RecordSet:
    """The sealed state of a format-2 journal: what makes the set of records authentic.

    `counter` counts every record version ever written (each write takes the next number as
    its `seq`, sealed inside the record); `count` is how many rows carry a share; `digest` is
    the XOR, over those rows, of keyed BLAKE2b(set key, id || seq) — an incremental MAC in the
    manner of Bellare, Guérin and Rogaway's XOR-MAC: one write XORs its old share out and its
    new one in, constant work whatever the size of the journal. Without the key no one can
    compute a share, so removing a row, putting back an older version (an older seq) or a
    deleted one changes the digest in a way no one can make up for. `opaque` lists rows
    carried without a share: records that were already damaged when the set was last sealed
    whole (at an upgrade or a new key)."""

    counter: int = 0
    count: int = 0
    digest: int = 0
    opaque: frozenset[bytes] = frozenset()

    def to_bytes(self) -> bytes:
        return json.dumps({"counter": self.counter, "count": self.count,
                           "digest": f"{self.digest:064x}",
                           "opaque": sorted(i.hex() for i in self.opaque)},
                          sort_keys=True).encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> RecordSet:
        data = json.loads(raw)
        return cls(int(data["counter"]), int(data["count"]), int(str(data["digest"]), 16),
                   frozenset(bytes.fromhex(str(i)) for i in data.get("opaque", ())))


@dataclass(slots=True)
class Row:
    """A record as read: its sequence number, whether it is a tombstone, and its payload."""

    seq: int
    tombstone: bool
    payload: dict[str, object]


def check_set(vault: Vault, readable: dict[bytes, Row], damaged_ids: list[bytes],
               digest: int) -> list[RecordSetProblem]:
    """How the rows found differ from the set last sealed; [] when they do not."""
    if vault._header.format < 2:
        return []  # a format-1 file read as it is (a backup, a copy): nothing to check
    state = read_state(vault)
    if state is None:
        return [RecordSetProblem(Problem.UNEXPLAINED)]
    new_damage = [i for i in damaged_ids if i not in state.opaque]
    if new_damage:
        # A damaged row's share cannot be computed: the count still shows a removal.
        intact = len(readable) + len(new_damage) == state.count
    else:
        intact = len(readable) == state.count and digest == state.digest
    intact = intact and all(r.seq <= state.counter for r in readable.values())
    if intact:
        return compare_with_newest_backup(vault, state)
    return explain(vault, state, readable, set(damaged_ids))

def same_key_backups(vault: Vault) -> Iterator[tuple[Path, dict[bytes, Row], RecordSet | None]]:
    """This journal's backups that its key opens (format 2), newest first, read whole.
    No key derivation: they hold the same data key, or are skipped."""
    for path in _backups_newest_first(vault.path.parent / BACKUPS_FOLDER):
        copy = open_copy(vault, path)
        if copy is None:
            continue
        with copy:
            try:
                readable, _, _ = copy._scan()
                state = read_state(copy)
            except UnknotError:
                continue
        yield path, readable, state

def open_copy(vault: Vault, path: Path) -> Vault | None:
    """Another file of this journal under this same key (a backup), read-only; else None."""
    assert vault._data_key is not None
    try:
        conn, header = read_header(path, readonly=True)
    except UnknotError:
        return None
    try:
        raw = conn.execute(
            "SELECT header, mac FROM vault_header WHERE singleton = 1").fetchone()
        same = (header.vault_id == vault._header.vault_id and header.format >= 2
                and hmac.compare_digest(crypto.header_mac(vault._data_key, raw[0]), raw[1]))
    except (sqlite3.Error, TypeError):
        same = False
    if not same:
        conn.close()
        return None
    from unknot.journal import vault as vaults  # (the vault module imports this one)

    return vaults.Vault(path, conn, header, vault._data_key, readonly=True)

def compare_with_newest_backup(vault: Vault, state: RecordSet) -> list[RecordSetProblem]:
    """A consistent file can still be an older copy put in place of the journal: say so
    when the newest backup under this key is further along. (Cheap: one state record.)"""
    newest = _backups_newest_first(vault.path.parent / BACKUPS_FOLDER)[:1]
    found = newest[0] if newest else None
    copy = None if found is None else open_copy(vault, found)
    if copy is None:
        return []
    with copy:
        theirs = read_state(copy)
    if theirs is not None and theirs.counter > state.counter:
        return [RecordSetProblem(Problem.OLDER_COPY, backup=found)]
    return []

def explain(vault: Vault, state: RecordSet, readable: dict[bytes, Row],
             damaged: set[bytes]) -> list[RecordSetProblem]:
    """Name what changed, from the newest backup that accounts for all of it (else from
    the newest backup that names anything, and say that more changed than it shows)."""
    assert vault._set_key is not None
    first: list[RecordSetProblem] | None = None
    for path, theirs, _their_state in same_key_backups(vault):
        named: list[RecordSetProblem] = []
        digest, count = 0, 0
        for record_id, row in readable.items():
            digest ^= crypto.record_term(vault._set_key, record_id, row.seq)
            count += 1
        for record_id, their in theirs.items():
            mine = readable.get(record_id)
            hex_id = record_id.hex()
            if mine is None:
                if record_id in damaged or their.tombstone:
                    continue
                named.append(RecordSetProblem(Problem.MISSING, hex_id, path))
                digest ^= crypto.record_term(vault._set_key, record_id, their.seq)
                count += 1
            elif mine.seq < their.seq:
                kind = (Problem.RESURRECTED if their.tombstone and not mine.tombstone
                        else Problem.ROLLED_BACK)
                named.append(RecordSetProblem(kind, hex_id, path))
                digest ^= (crypto.record_term(vault._set_key, record_id, mine.seq)
                           ^ crypto.record_term(vault._set_key, record_id, their.seq))
        if named and digest == state.digest and count == state.count:
            return sorted(named, key=lambda p: (p.problem, p.record_id or ""))
        if named and first is None:
            first = sorted(named, key=lambda p: (p.problem, p.record_id or ""))
    return [*(first or []), RecordSetProblem(Problem.UNEXPLAINED)]


def accept_record_set(vault: Vault) -> int:
    """Seal the set of records as it now is (after the person was told what changed and
    chose to keep it). Returns how many records it holds."""
    readable, damaged, digest = vault._scan()
    with vault._transaction("accept the journal as it is") as conn:
        old = read_state(vault, conn)
        counter = max([old.counter if old else 0, *(r.seq for r in readable.values())])
        write_state(vault, conn, RecordSet(counter, len(readable), digest,
                                          frozenset(damaged)))
    return len(readable)


def advance_counter(vault: Vault, at_least: int = 0) -> int:
    """Move the journal counter past `at_least` and past every backup under this key: a
    restored (older) copy then reads as the newest, not as an older copy put in place."""
    counters = [at_least]
    for path in _backups_newest_first(vault.path.parent / BACKUPS_FOLDER):
        copy = open_copy(vault, path)
        if copy is not None:
            with copy:
                state = read_state(copy)
            counters.append(state.counter if state else 0)
    with vault._transaction("restore the backup") as conn:
        state = read_state(vault, conn) or rebuilt_state(vault)
        state.counter = max(state.counter, *counters) + 1
        write_state(vault, conn, state)
    return state.counter


def read_state(vault: Vault, conn: sqlite3.Connection | None = None,
                cipher: crypto.RecordCipher | None = None) -> RecordSet | None:
    """The sealed journal state, or None if it is missing or does not authenticate."""
    conn = conn or vault._live()[0]
    cipher = cipher or vault._live()[1]
    try:
        row = conn.execute("SELECT sealed FROM journal_state WHERE singleton = 1").fetchone()
    except sqlite3.Error as exc:
        if is_storage_problem(exc):
            raise storage_error(exc, f"read {vault.path}") from exc
        return None
    if row is None or not isinstance(row[0], bytes):
        return None
    try:
        return RecordSet.from_bytes(cipher.open(STATE_ID, row[0]))
    except (crypto.RecordDamagedError, ValueError, KeyError, TypeError):
        return None

def write_state(vault: Vault, conn: sqlite3.Connection, state: RecordSet) -> None:
    _, cipher = vault._live()
    conn.execute("INSERT OR REPLACE INTO journal_state (singleton, sealed) VALUES (1, ?)",
                 (cipher.seal(STATE_ID, state.to_bytes()),))

def record_set_counter(vault: Vault) -> int | None:
    """The journal counter: how many record versions were ever written (format 2)."""
    if vault._header.format < 2:
        return None
    state = read_state(vault)
    return None if state is None else state.counter


def write(vault: Vault, payloads: list[tuple[bytes, bytes]], action: str,
           only_existing: bool = False) -> int:
    """Seal and store each (id, JSON) as the next version, keeping the record set's sealed
    state in step: constant work per record, whatever the size of the journal. With
    `only_existing`, ids that have no row are left out. Returns how many were written."""
    _, cipher = vault._live()
    assert vault._set_key is not None and vault._header.format >= 2
    term, key = crypto.record_term, vault._set_key
    written = 0
    with vault._transaction(action) as conn:
        state = read_state(vault, conn) or rebuilt_state(vault)
        digest, count, counter, opaque = (state.digest, state.count, state.counter,
                                          set(state.opaque))
        for record_id, body in payloads:
            old = conn.execute("SELECT sealed FROM records WHERE id = ?",
                               (record_id,)).fetchone()
            if old is None:
                if only_existing:
                    continue
                count += 1
            elif record_id in opaque:
                opaque.discard(record_id)
                count += 1
            else:
                # A row damaged since the set was sealed has a share no one can take
                # out: the next open says the set changed, as it did.
                with contextlib.suppress(crypto.RecordDamagedError):
                    digest ^= term(key, record_id, vault._open_row(record_id, old[0]).seq)
            counter += 1
            sealed = cipher.seal(record_id, counter.to_bytes(SEQ_BYTES, "big") + body)
            digest ^= term(key, record_id, counter)
            conn.execute("INSERT OR REPLACE INTO records (id, sealed) VALUES (?, ?)",
                         (record_id, sealed))
            written += 1
        write_state(vault, conn, RecordSet(counter, count, digest, frozenset(opaque)))
    return written

def rebuilt_state(vault: Vault) -> RecordSet:
    """The state, made again from the rows, when it is missing (it was reported at open)."""
    readable, damaged, digest = vault._scan()
    counter = max([0, *(r.seq for r in readable.values())])
    return RecordSet(counter, len(readable), digest, frozenset(damaged))



def _backups_newest_first(folder: Path) -> list[Path]:
    try:
        found = [p for p in folder.glob(BACKUP_GLOB) if p.is_file()]
        return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return []


