"""The vault: one SQLite file holding a person's encrypted journal.

In plaintext the file holds only the format version, a random vault id, the key slots and opaque
random record ids. Everything the person wrote, and every timestamp of it, is inside AES-256-GCM
ciphertext. See DESIGN.md §4 and SECURITY.md.

Layout (format 2; format 1 had no journal_state and no sequence numbers, and is upgraded on the
first unlock that may write):
    vault_header(singleton, format, header, checksum, mac)
        header   canonical JSON: vault id and key slots
        checksum SHA-256 of the header: tells accidental damage from a wrong passphrase
        mac      HMAC-SHA256 under a key derived from the data key: the header is authentic
    records(id, sealed)      an ordinary rowid table, so a record of a few KB sits in its page
        id       16 random bytes
        sealed   nonce || AES-256-GCM(seq || JSON of the record, padded), where seq is the
                 8-byte journal sequence number of this write; a deleted record leaves a
                 tombstone, a record of kind "tombstone", so that nothing brings it back
    journal_state(singleton, sealed)
        sealed   nonce || AES-256-GCM(JSON: the journal counter, the number of records, and the
                 record-set commitment: XOR of BLAKE2b(set key, id || seq) over every record)
                 See RecordSet below and SECURITY.md, "The set of records".

The `vault_header` table keeps this shape in every future format, so that any version of Unknot
can tell "newer version" from "damaged".
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from unknot.journal import crypto, reading
from unknot.journal import record_set as sets
from unknot.journal import rekey as keys
from unknot.journal.crypto import KdfParams
from unknot.journal.errors import (
    InvalidValueError,
    NotAVaultError,
    UnknotError,
    VaultDamagedError,
    VaultLockedError,
)
from unknot.journal.header import (
    APPLICATION_ID,
    FORMAT_VERSION,
    MAX_HEADER_BYTES,
    MAX_HEADER_CONTAINERS,
    SCHEMA,
    SQLITE_MAGIC,
    Header,
    PassphraseLock,
    Slot,
    is_storage_problem,
    make_slot,
    read_header,
    text_of,
    unlock,
    write_header,
)
from unknot.journal.model import Entry, Record, record_from_payload, record_to_payload
from unknot.journal.record_set import STATE_ID, TOMBSTONE, RecordSet, Row
from unknot.journal.results import LoadResult, Problem, RecordSetProblem
from unknot.journal.storage import (
    BACKUPS_FOLDER,
    TEMP_SUFFIX,
    Transaction,
    create_private_file,
    discard_temp,
    ensure_private_dir,
    fsync_dir,
    fsync_path,
    remove_leftovers,
    storage_error,
)

__all__ = [
    "APPLICATION_ID",
    "FORMAT_VERSION",
    "MAX_HEADER_BYTES",
    "MAX_HEADER_CONTAINERS",
    "MIGRATIONS",
    "SQLITE_MAGIC",
    "Header",
    "LoadResult",
    "RecordSetProblem",
    "Slot",
    "Vault",
    "VerifyReport",
    "read_header",
]

# format N -> N+1, run inside one transaction on an unlocked vault. Format 1 is the first.
Migration = Callable[["Vault"], None]
MIGRATIONS: dict[int, Migration] = {}

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class VerifyReport:
    records: int
    damaged: tuple[str, ...]
    structure_problems: tuple[str, ...]
    record_set: tuple[RecordSetProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.structure_problems and not self.record_set


class Vault:
    """An unlocked vault. Not thread-safe: one worker thread owns it (see app/vault_worker.py)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, header: Header, data_key: bytes,
                 readonly: bool, lock: PassphraseLock | None = None) -> None:
        self.path = path
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = conn
        self._header = header
        self._data_key: bytes | None = data_key
        self._lock = lock  # None when the recovery key opened it
        self._cipher: crypto.RecordCipher | None = crypto.RecordCipher(
            data_key, header.format, header.vault_id
        )
        self._set_key: bytes | None = crypto.record_set_key(data_key)
        self._scratch = False

    # --- creating and opening ----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None,
               with_recovery: bool = False) -> tuple[Vault, str | None]:
        """Create a new vault at `path` (which must not exist). Returns the vault and, when asked
        for, the recovery key: it is shown once and never stored in readable form."""
        path = Path(path)
        if path.exists():
            raise NotAVaultError(f"{path} already exists; Unknot will not overwrite it.")
        if not passphrase:
            raise InvalidValueError("The passphrase cannot be empty.")
        ensure_private_dir(path.parent)
        remove_leftovers(path.parent)
        params = kdf or crypto.calibrate()
        vault_id = os.urandom(16)
        data_key = crypto.new_data_key()
        slots = [make_slot("passphrase", FORMAT_VERSION, vault_id, data_key, passphrase, params)]
        recovery_text = None
        if with_recovery:
            secret = crypto.new_recovery_secret()
            recovery_text = crypto.format_recovery_key(secret)
            slots.append(make_slot("recovery", FORMAT_VERSION, vault_id, data_key, secret, None))
        header = Header(FORMAT_VERSION, vault_id, tuple(slots))
        temp = path.with_name(path.name + TEMP_SUFFIX)
        try:
            create_private_file(temp)
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.executescript(SCHEMA)
                write_header(conn, header, data_key)
                cipher = crypto.RecordCipher(data_key, FORMAT_VERSION, vault_id)
                conn.execute("INSERT INTO journal_state VALUES (1, ?)",
                             (cipher.seal(STATE_ID, RecordSet().to_bytes()),))
            finally:
                conn.close()
            fsync_path(temp)
            os.replace(temp, path)
            fsync_dir(path.parent)
        except (OSError, sqlite3.Error) as exc:
            discard_temp(temp)
            raise storage_error(exc, f"create the vault {path}") from exc
        try:
            conn, header = read_header(path, readonly=False)
            _, lock = unlock(header, passphrase, None)
        except UnknotError:
            # It holds nothing yet: take it away, so that trying again is not refused with
            # "already exists" and the folder is as it was.
            for leftover in (path, path.with_name(path.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        return cls(path, conn, header, data_key, readonly=False, lock=lock), recovery_text

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
             readonly: bool = False,
             keks: dict[tuple[bytes, KdfParams], bytes] | None = None,
             scratch: bool = False) -> Vault:
        """Unlock with the passphrase or the recovery key. Raises a specific UnknotError for
        every way this can fail, and writes nothing unless the vault needs a format upgrade
        (a backup of it is taken first). `keks` caches derived keys between calls. A `scratch`
        file (a restore being prepared) is upgraded without a backup and its folder left
        as it is."""
        path = Path(path)
        if not readonly and not scratch:
            remove_leftovers(path.parent)
            remove_leftovers(path.parent / BACKUPS_FOLDER)
        conn, header = read_header(path, readonly=readonly)
        try:
            data_key, lock = unlock(header, passphrase, recovery_key, keks)
            raw = conn.execute(
                "SELECT header, mac FROM vault_header WHERE singleton = 1").fetchone()
            if not hmac.compare_digest(crypto.header_mac(data_key, raw[0]), raw[1]):
                raise VaultDamagedError(
                    f"The vault file {path} has been altered: its header is not the one this "
                    "passphrase sealed. It was not opened."
                )
        except BaseException:
            conn.close()
            raise
        vault = cls(path, conn, header, data_key, readonly, lock)
        vault._scratch = scratch
        if header.format < FORMAT_VERSION and not readonly:
            try:
                vault._migrate()
            except BaseException:
                vault.close()
                raise
        return vault

    # --- reading -----------------------------------------------------------------------------

    def _live(self) -> tuple[sqlite3.Connection, crypto.RecordCipher]:
        if self._conn is None or self._cipher is None:
            raise VaultLockedError("The vault is locked.")
        return self._conn, self._cipher

    @property
    def format(self) -> int:
        return self._header.format

    @property
    def vault_id(self) -> bytes:
        return self._header.vault_id

    @property
    def has_recovery_key(self) -> bool:
        return self._header.has_recovery

    @property
    def opened_with_passphrase(self) -> bool:
        """False when the recovery key opened it: a new passphrase must be set before the key
        can change (see rekey)."""
        return self._lock is not None

    @property
    def kdf_params(self) -> KdfParams:
        slot = self._header.slot("passphrase")
        assert slot is not None and slot.kdf is not None
        return slot.kdf

    def _rows(self) -> Iterator[tuple[object, object]]:
        """Every (id, sealed) row as stored. In a damaged file either may be of any type."""
        conn, _ = self._live()
        try:
            yield from conn.execute("SELECT id, sealed FROM records")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            if isinstance(exc, sqlite3.Error) and is_storage_problem(exc):
                raise storage_error(exc, f"read {self.path}") from exc
            raise VaultDamagedError(
                f"The vault file {self.path} is damaged: part of it cannot be read ({exc})."
            ) from exc

    def _open_row(self, record_id: object, sealed: object,
                  cipher: crypto.RecordCipher | None = None) -> Row:
        """Decrypt one row. Raises RecordDamagedError if it does not authenticate or parse."""
        return reading.open_row(cipher or self._live()[1], self._header.format, record_id,
                                sealed)

    def _open_record(self, record_id: object, sealed: object) -> Record:
        row = self._open_row(record_id, sealed)
        if row.tombstone:
            raise crypto.RecordDamagedError  # callers check for tombstones first
        try:
            return record_from_payload(row.payload)
        except (ValueError, KeyError, TypeError) as exc:
            raise crypto.RecordDamagedError from exc

    def _scan(self) -> tuple[dict[bytes, Row], list[bytes], int]:
        """Every row decrypted: (readable rows by id, ids of damaged rows, XOR of the readable
        rows' shares of the record set)."""
        assert self._set_key is not None
        readable: dict[bytes, Row] = {}
        damaged: list[bytes] = []
        digest = 0
        term, key, open_row = crypto.record_term, self._set_key, reading.open_row
        cipher, version = self._live()[1], self._header.format
        for record_id, sealed in self._rows():
            try:
                row = open_row(cipher, version, record_id, sealed)
            except crypto.RecordDamagedError:
                damaged.append(record_id if isinstance(record_id, bytes)
                               else str(record_id).encode("utf-8", "replace"))
                continue
            assert isinstance(record_id, bytes)
            readable[record_id] = row
            digest ^= term(key, record_id, row.seq)
        return readable, damaged, digest

    def load(self) -> LoadResult:
        """Decrypt every record. Damaged records are named by id and skipped; a set of records
        that is not the one last saved is named in `record_set` (the rest still opens)."""
        with reading.collector_paused():
            return self._load()

    def _load(self) -> LoadResult:
        readable, damaged_ids, digest = self._scan()
        problems = sets.check_set(self, readable, damaged_ids, digest)
        hidden = {p.record_id for p in problems if p.problem is Problem.RESURRECTED}
        result = LoadResult(record_set=problems)
        deleted: set[str] = set()
        damaged = [_record_label(i) for i in damaged_ids]
        for record_id, row in readable.items():
            hex_id = record_id.hex()
            if row.tombstone or hex_id in hidden:
                deleted.add(hex_id)
                continue
            try:
                record = record_from_payload(row.payload)
            except (ValueError, KeyError, TypeError):
                damaged.append(hex_id)
                continue
            if isinstance(record, Entry):
                result.entries.append(record)
            else:
                result.checkins.append(record)
        result.entries.sort(key=lambda e: e.created, reverse=True)
        result.checkins.sort(key=lambda c: c.day, reverse=True)
        result.damaged = sorted(damaged)
        result.deleted = frozenset(deleted)
        return result

    def get(self, record_id: str) -> Record | None:
        conn, _ = self._live()
        key = bytes.fromhex(record_id)
        row = conn.execute("SELECT sealed FROM records WHERE id = ?", (key,)).fetchone()
        if row is None or self._open_row(key, row[0]).tombstone:
            return None
        return self._open_record(key, row[0])

    def connection_settings(self) -> dict[str, int]:
        """How the open file is written (SQLite's synchronous, secure_delete and temp_store),
        for checks that saves are durable. Read-only."""
        conn, _ = self._live()
        return {name: int(conn.execute(f"PRAGMA {name}").fetchone()[0])
                for name in ("synchronous", "secure_delete", "temp_store")}

    def count(self) -> int:
        """Rows in the file: records and the tombstones of deleted ones."""
        conn, _ = self._live()
        return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])

    def verify(self) -> VerifyReport:
        """Check the file's structure, authenticate every record and the set of them."""
        conn, _ = self._live()
        try:
            found = [text_of(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            problems = [p for p in found if p != "ok"]
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problems = [str(exc)]
        try:
            readable, damaged_ids, digest = self._scan()
            record_set = sets.check_set(self, readable, damaged_ids, digest)
        except VaultDamagedError as exc:
            problems.append(exc.message)
            readable, damaged_ids, record_set = {}, [], []
        live = sum(1 for r in readable.values() if not r.tombstone)
        return VerifyReport(live + len(damaged_ids),
                            tuple(sorted(_record_label(i) for i in damaged_ids)),
                            tuple(problems), tuple(record_set))

    # --- the set of records ------------------------------------------------------------------

    def record_set_counter(self) -> int | None:
        """The journal counter: how many record versions were ever written (format 2)."""
        return sets.record_set_counter(self)

    def accept_record_set(self) -> int:
        """Seal the set of records as it now is (after the person was told what changed and
        chose to keep it). Returns how many records it holds."""
        return sets.accept_record_set(self)

    def advance_counter(self, at_least: int = 0) -> int:
        """Move the journal counter past `at_least` and every backup under this key."""
        return sets.advance_counter(self, at_least)

    # --- writing -----------------------------------------------------------------------------

    def _transaction(self, action: str) -> Transaction:
        conn, _ = self._live()
        if self.readonly:
            raise storage_error(PermissionError("read-only"), action)
        return Transaction(conn, action)

    def save(self, record: Record) -> None:
        """Encrypt and store one record. When this returns, it is on disk."""
        self.save_many([record], action="save the entry")

    def save_many(self, records: Iterable[Record], action: str = "save") -> None:
        payloads = []
        for record in records:
            try:
                body = json.dumps(record_to_payload(record), ensure_ascii=False).encode()
            except UnicodeEncodeError:
                raise InvalidValueError(
                    "The text holds a character that is not valid Unicode (an unpaired "
                    "surrogate, usually from text that was not UTF-8); nothing was saved."
                ) from None
            payloads.append((bytes.fromhex(record.id), body))
        sets.write(self, payloads, action)

    def delete(self, record_id: str) -> None:
        """Delete a record, leaving its tombstone: nothing merged or restored brings it back."""
        self.delete_many([record_id])

    def delete_many(self, record_ids: Iterable[str], *, only_existing: bool = True) -> int:
        deleted = datetime.now(UTC).isoformat()
        payloads = [(bytes.fromhex(i), json.dumps(
            {"kind": TOMBSTONE, "id": i, "deleted": deleted}).encode()) for i in record_ids]
        return sets.write(self, payloads, "delete the entry", only_existing=only_existing)

    def exists(self, record_id: str) -> bool:
        """Whether the journal has this record, or had it and it was deleted (a tombstone)."""
        conn, _ = self._live()
        row = conn.execute("SELECT 1 FROM records WHERE id = ?", (bytes.fromhex(record_id),))
        return row.fetchone() is not None

    # --- keys --------------------------------------------------------------------------------

    def rekey(self, new_passphrase: str | None = None, *, recovery: bool,
              kdf: KdfParams | None = None, progress: Progress | None = None,
              ) -> tuple[int, str | None]:
        """A new data key, every record re-encrypted under it (see rekey.rekey)."""
        return keys.rekey(self, new_passphrase, recovery=recovery, kdf=kdf, progress=progress)

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None, *,
                          new_recovery: bool | None = None) -> str | None:
        """A new passphrase, always with a new data key (see rekey). The recovery key goes
        with the old data key: a new one is made if there was one (or if `new_recovery`).
        Returns the new recovery key, or None."""
        recovery = self.has_recovery_key if new_recovery is None else new_recovery
        return self.rekey(new_passphrase, recovery=recovery, kdf=kdf)[1]

    def rotate_key(self, passphrase: str, kdf: KdfParams | None = None) -> int:
        """"Someone may know my passphrase": a new data key, every record re-encrypted, the
        recovery key dropped. Returns how many records were re-encrypted."""
        return self.rekey(passphrase, recovery=False, kdf=kdf)[0]

    def _migrate(self) -> None:
        while self._header.format < FORMAT_VERSION:
            MIGRATIONS[self._header.format](self)

    # --- closing -----------------------------------------------------------------------------

    def close(self) -> None:
        """Lock: close the file and drop every reference to the key."""
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        self._cipher = None
        self._data_key = None
        self._set_key = None
        self._lock = None

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


MIGRATIONS[1] = keys.upgrade_from_1


def _record_label(record_id: object) -> str:
    """How a damaged record is named: its id in hex, or (if even the id is damaged and is no
    longer bytes) the hex of what is left of it."""
    if isinstance(record_id, bytes):
        return record_id.hex()
    return str(record_id).encode("utf-8", "replace").hex()
