"""The vault: one SQLite file holding a person's encrypted journal.

In plaintext the file holds only the format version, a random vault id, the key slots and opaque
random record ids. Everything the person wrote, and every timestamp of it, is inside AES-256-GCM
ciphertext. See DESIGN.md §4 and SECURITY.md.

Layout (format 1):
    vault_header(singleton, format, header, checksum, mac)
        header   canonical JSON: vault id and key slots
        checksum SHA-256 of the header: tells accidental damage from a wrong passphrase
        mac      HMAC-SHA256 under a key derived from the data key: the header is authentic
    records(id, sealed)      an ordinary rowid table, so a record of a few KB sits in its page
        id       16 random bytes
        sealed   nonce || AES-256-GCM(JSON of the record, padded)

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unknot.journal import crypto
from unknot.journal.crypto import KdfParams
from unknot.journal.errors import (
    InvalidValueError,
    NewerFormatError,
    NotAVaultError,
    UnknotError,
    VaultDamagedError,
    VaultLockedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from unknot.journal.model import CheckIn, Entry, Record, record_from_payload, record_to_payload
from unknot.journal.storage import (
    BACKUPS_FOLDER,
    TEMP_SUFFIX,
    create_private_file,
    discard_temp,
    ensure_private_dir,
    fsync_dir,
    fsync_path,
    remove_leftovers,
    storage_error,
)

FORMAT_VERSION = 1
APPLICATION_ID = 0x554E4B54  # "UNKT" in SQLite's application_id field
SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE vault_header (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    format INTEGER NOT NULL,
    header BLOB NOT NULL,
    checksum BLOB NOT NULL,
    mac BLOB NOT NULL
);
CREATE TABLE records (
    id BLOB PRIMARY KEY,
    sealed BLOB NOT NULL
);
"""

# What sqlite_schema may hold in each format: (type, name, table, sql) of every table and index.
_VAULT_HEADER_SQL = _SCHEMA.split(";")[0].strip()
_RECORDS_SQL = _SCHEMA.split(";")[1].strip()
_SCHEMAS: dict[int, list[set[tuple[str, str, str, str | None]]]] = {
    1: [
        {
            ("table", "vault_header", "vault_header", _VAULT_HEADER_SQL),
            ("table", "records", "records", _RECORDS_SQL),
            ("index", "sqlite_autoindex_records_1", "records", None),
        },
        # Development builds before the first release kept records WITHOUT ROWID.
        {
            ("table", "vault_header", "vault_header", _VAULT_HEADER_SQL),
            ("table", "records", "records", _RECORDS_SQL + " WITHOUT ROWID"),
        },
    ],
}

# format N -> N+1, run inside one transaction on an unlocked vault. Format 1 is the first.
Migration = Callable[["Vault"], None]
MIGRATIONS: dict[int, Migration] = {}


@dataclass(frozen=True)
class Slot:
    """A key slot: the data key wrapped under a key derived from a passphrase or recovery key."""

    id: bytes
    kind: str  # "passphrase" | "recovery"
    salt: bytes
    nonce: bytes
    wrapped: bytes
    kdf: KdfParams | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id.hex(),
            "kind": self.kind,
            "salt": self.salt.hex(),
            "nonce": self.nonce.hex(),
            "wrapped": self.wrapped.hex(),
        }
        if self.kdf is not None:
            data["kdf"] = {
                "algorithm": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
            }
        return data

    @classmethod
    def from_json(cls, data: object) -> Slot:
        """Read a slot as stored. Anything Unknot would not have written raises ValueError."""
        if not isinstance(data, dict):
            raise ValueError("a key slot is not an object")
        kind = data.get("kind")
        kdf = None
        if kind == "passphrase":
            raw = data.get("kdf")
            if not isinstance(raw, dict) or raw.get("algorithm") != "argon2id":
                raise ValueError("unknown key-derivation algorithm")
            memory, passes, lanes = (raw.get(k) for k in ("memory_kib", "iterations", "lanes"))
            if not (type(memory) is int and type(passes) is int and type(lanes) is int):
                raise ValueError("key-derivation settings are not whole numbers")
            kdf = KdfParams(memory, passes, lanes)
        elif kind != "recovery":
            raise ValueError("unknown slot kind")
        return cls(
            id=_hex_field(data, "id", 8),
            kind=kind,
            salt=_hex_field(data, "salt", crypto.SALT_BYTES),
            nonce=_hex_field(data, "nonce", crypto.NONCE_BYTES),
            wrapped=_hex_field(data, "wrapped", crypto.KEY_BYTES + 16),
            kdf=kdf,
        )

    def associated_data(self, format_version: int, vault_id: bytes) -> bytes:
        params = b""
        if self.kdf is not None:
            params = f"{self.kdf.memory_kib}/{self.kdf.iterations}/{self.kdf.lanes}".encode()
        return (
            b"unknot slot\x00"
            + format_version.to_bytes(4, "big")
            + vault_id
            + self.id
            + self.kind.encode()
            + params
        )


@dataclass(frozen=True)
class Header:
    format: int
    vault_id: bytes
    slots: tuple[Slot, ...]

    def to_bytes(self) -> bytes:
        data = {"vault_id": self.vault_id.hex(), "slots": [s.to_json() for s in self.slots]}
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("ascii")

    @classmethod
    def from_bytes(cls, format_version: int, raw: bytes) -> Header:
        """Read a header as stored. Anything Unknot would not have written raises ValueError."""
        if len(raw) > MAX_HEADER_BYTES:
            raise ValueError("the header is far larger than any Unknot writes")
        if raw.count(b"[") + raw.count(b"{") > MAX_HEADER_CONTAINERS:
            # Counted before parsing, so a crafted header of deep nesting is refused at once.
            raise ValueError("the header has far more lists and objects than any Unknot writes")
        try:
            data = json.loads(raw)
        except RecursionError as exc:
            raise ValueError("the header is nested too deeply") from exc
        if not isinstance(data, dict) or not isinstance(data.get("slots"), list):
            raise ValueError("the header has no list of key slots")
        slots = tuple(Slot.from_json(s) for s in data["slots"])
        return cls(format_version, _hex_field(data, "vault_id", 16), slots)

    def slot(self, kind: str) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    @property
    def has_recovery(self) -> bool:
        return self.slot("recovery") is not None


# A format-1 header is well under 1 KiB; a larger one was not written by Unknot.
MAX_HEADER_BYTES = 64 * 1024
# It holds one object per key slot and its settings: about a dozen lists and objects in all.
MAX_HEADER_CONTAINERS = 64


def _hex_field(data: dict[str, Any], name: str, size: int) -> bytes:
    value = data.get(name)
    if not isinstance(value, str) or len(value) != 2 * size:
        raise ValueError(f"{name} is not {size} bytes of hex")
    return bytes.fromhex(value)


def _make_slot(kind: str, format_version: int, vault_id: bytes, data_key: bytes,
               secret: str | bytes, kdf: KdfParams | None) -> Slot:
    salt = os.urandom(crypto.SALT_BYTES)
    if kind == "passphrase":
        assert isinstance(secret, str) and kdf is not None
        kek = crypto.derive_key(secret, salt, kdf)
    else:
        assert isinstance(secret, bytes)
        kek = crypto.recovery_kek(secret, salt)
    slot_id = os.urandom(8)
    draft = Slot(slot_id, kind, salt, b"", b"", kdf)
    nonce, wrapped = crypto.wrap_key(kek, data_key, draft.associated_data(format_version, vault_id))
    return Slot(slot_id, kind, salt, nonce, wrapped, kdf)


@dataclass
class LoadResult:
    """Everything that could be read from a vault, and the ids of records that could not."""

    entries: list[Entry] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VerifyReport:
    records: int
    damaged: tuple[str, ...]
    structure_problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.structure_problems


# SQLite result codes that mean the disk or the system refused, not that the file is damaged.
_STORAGE_CODES = ("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_READONLY",
                  "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_PERM", "SQLITE_NOMEM", "SQLITE_NOLFS",
                  "SQLITE_AUTH")


def _is_storage_problem(exc: sqlite3.Error) -> bool:
    """A full, read-only, busy or failing disk — as opposed to a damaged file, which SQLite
    reports as corruption, "not a database", an unsupported format or a broken schema."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(_STORAGE_CODES)


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    mode = "ro" if readonly else "rw"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True,
                           isolation_level=None, timeout=10.0)
    # A damaged file can hold text where a blob belongs, in any encoding: read it as bytes, so
    # that it fails authentication as one damaged record instead of stopping the whole read.
    conn.text_factory = bytes
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA temp_store=MEMORY")
    if not readonly:
        conn.execute("PRAGMA synchronous=FULL")
    return conn


def read_header(path: Path, readonly: bool = True) -> tuple[sqlite3.Connection, Header]:
    """Open the file and read its header, telling apart every way this can go wrong.
    No key is needed; nothing is written."""
    path = Path(path)
    if not path.exists():
        raise VaultNotFoundError(f"There is no vault at {path}.")
    if path.is_dir():
        raise NotAVaultError(f"{path} is a folder, not an Unknot vault.")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise storage_error(exc, f"read {path}") from exc
    if not magic:
        raise NotAVaultError(f"{path} is an empty file, not an Unknot vault.")
    if magic != SQLITE_MAGIC:
        raise NotAVaultError(f"{path} is not an Unknot vault.")
    conn = None
    try:
        try:
            conn = _connect(path, readonly)
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise NotAVaultError(f"{path} is a database, but not an Unknot vault.")
            row = conn.execute(
                "SELECT format, header, checksum, mac FROM vault_header WHERE singleton = 1"
            ).fetchone()
            schema = conn.execute(
                "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema").fetchall()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            # (A damaged schema can make SQLite's own error message undecodable.)
            if isinstance(exc, sqlite3.Error) and _is_storage_problem(exc):
                raise storage_error(exc, f"open {path}") from exc
            reason = exc if isinstance(exc, sqlite3.Error) else "its structure is unreadable"
            raise VaultDamagedError(f"The vault file {path} is damaged: {reason}.") from exc
        header = _check_header(path, row, schema)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return conn, header


def _check_header(path: Path, row: tuple[Any, ...] | None,
                  schema: list[tuple[Any, ...]]) -> Header:
    if row is None:
        raise VaultDamagedError(f"The vault file {path} is damaged: its header is missing.")
    format_version, raw, checksum, mac = row
    if not (isinstance(raw, bytes) and isinstance(checksum, bytes) and isinstance(mac, bytes)
            and type(format_version) is int):
        raise VaultDamagedError(f"The vault file {path} is damaged: its header is unreadable.")
    expected = crypto.header_checksum(format_version.to_bytes(8, "big", signed=True) + raw)
    if not hmac.compare_digest(expected, checksum):
        raise VaultDamagedError(
            f"The vault file {path} is damaged: its header does not match its checksum. "
            "This is damage to the file, not a wrong passphrase; a backup may still open."
        )
    if format_version > FORMAT_VERSION:
        raise NewerFormatError(
            f"{path} was written by a newer version of Unknot (format {format_version}; this "
            f"version reads up to {FORMAT_VERSION}). Update Unknot to open it; nothing was changed."
        )
    if format_version < 1 or not _schema_is_intact(format_version, schema):
        raise VaultDamagedError(
            f"The vault file {path} is damaged: its table structure is not one Unknot wrote. "
            "A backup may still open."
        )
    try:
        header = Header.from_bytes(format_version, raw)
    except (ValueError, KeyError, TypeError) as exc:
        raise VaultDamagedError(f"The vault file {path} is damaged: its header is unreadable.") \
            from exc
    for slot in header.slots:
        if slot.kdf is not None and not slot.kdf.within_limits():
            raise VaultDamagedError(
                f"The vault file {path} asks for key-derivation settings outside the safe range "
                f"({slot.kdf.memory_kib} KiB, {slot.kdf.iterations} passes, {slot.kdf.lanes} "
                "lanes). It was not made by Unknot or has been altered; it was not opened."
            )
    if header.slot("passphrase") is None:
        raise VaultDamagedError(f"The vault file {path} is damaged: it has no passphrase slot.")
    return header


def _schema_is_intact(format_version: int, schema: list[tuple[Any, ...]]) -> bool:
    """The tables are the ones this format creates, each on a b-tree of its own. A damaged
    schema can make SQLite read one table's pages as another's, or a table as empty, without
    any error — which would show an empty journal instead of saying the file is damaged."""
    accepted = _SCHEMAS.get(format_version)
    if accepted is None:
        return True  # an older format: its migration knows its tables
    found = {(_text(t), _text(n), _text(tbl), None if sql is None else _text(sql))
             for t, n, tbl, _root, sql in schema}
    roots = [root for *_rest, root, _sql in schema]
    return found in accepted and len(found) == len(schema) \
        and len(set(roots)) == len(roots) and all(type(r) is int and r >= 2 for r in roots)


class Vault:
    """An unlocked vault. Not thread-safe: one worker thread owns it (see app/vault_worker.py)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, header: Header, data_key: bytes,
                 readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = conn
        self._header = header
        self._data_key: bytes | None = data_key
        self._cipher: crypto.RecordCipher | None = crypto.RecordCipher(
            data_key, header.format, header.vault_id
        )

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
            raise WrongPassphraseError("The passphrase cannot be empty.")
        ensure_private_dir(path.parent)
        remove_leftovers(path.parent)
        params = kdf or crypto.calibrate()
        vault_id = os.urandom(16)
        data_key = crypto.new_data_key()
        slots = [_make_slot("passphrase", FORMAT_VERSION, vault_id, data_key, passphrase, params)]
        recovery_text = None
        if with_recovery:
            secret = crypto.new_recovery_secret()
            recovery_text = crypto.format_recovery_key(secret)
            slots.append(_make_slot("recovery", FORMAT_VERSION, vault_id, data_key, secret, None))
        header = Header(FORMAT_VERSION, vault_id, tuple(slots))
        temp = path.with_name(path.name + TEMP_SUFFIX)
        try:
            create_private_file(temp)
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.executescript(_SCHEMA)
                _write_header(conn, header, data_key)
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
        except UnknotError:
            # It holds nothing yet: take it away, so that trying again is not refused with
            # "already exists" and the folder is as it was.
            for leftover in (path, path.with_name(path.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        return cls(path, conn, header, data_key, readonly=False), recovery_text

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
             readonly: bool = False) -> Vault:
        """Unlock with the passphrase or the recovery key. Raises a specific UnknotError for
        every way this can fail, and writes nothing unless the vault needs a format upgrade."""
        path = Path(path)
        if not readonly:
            remove_leftovers(path.parent)
            remove_leftovers(path.parent / BACKUPS_FOLDER)
        conn, header = read_header(path, readonly=readonly)
        try:
            data_key = _unlock(header, passphrase, recovery_key)
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
        vault = cls(path, conn, header, data_key, readonly)
        if header.format < FORMAT_VERSION and not readonly:
            vault._migrate()
        return vault

    # --- reading -----------------------------------------------------------------------------

    def _live(self) -> tuple[sqlite3.Connection, crypto.RecordCipher]:
        if self._conn is None or self._cipher is None:
            raise VaultLockedError("The vault is locked.")
        return self._conn, self._cipher

    @property
    def has_recovery_key(self) -> bool:
        return self._header.has_recovery

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
            if isinstance(exc, sqlite3.Error) and _is_storage_problem(exc):
                raise storage_error(exc, f"read {self.path}") from exc
            raise VaultDamagedError(
                f"The vault file {self.path} is damaged: part of it cannot be read ({exc})."
            ) from exc

    def _open_record(self, record_id: object, sealed: object) -> Record:
        _, cipher = self._live()
        if not isinstance(record_id, bytes) or not isinstance(sealed, bytes):
            raise crypto.RecordDamagedError
        plaintext = cipher.open(record_id, sealed)
        try:
            record = record_from_payload(json.loads(plaintext))
        except (ValueError, KeyError, TypeError) as exc:
            raise crypto.RecordDamagedError from exc
        if record.id != record_id.hex():
            raise crypto.RecordDamagedError
        return record

    def load(self) -> LoadResult:
        """Decrypt every record. Damaged records are named by id and skipped."""
        result = LoadResult()
        for record_id, sealed in self._rows():
            try:
                record = self._open_record(record_id, sealed)
            except crypto.RecordDamagedError:
                result.damaged.append(_record_label(record_id))
                continue
            if isinstance(record, Entry):
                result.entries.append(record)
            else:
                result.checkins.append(record)
        result.entries.sort(key=lambda e: e.created, reverse=True)
        result.checkins.sort(key=lambda c: c.day, reverse=True)
        result.damaged.sort()
        return result

    def get(self, record_id: str) -> Record | None:
        conn, _ = self._live()
        key = bytes.fromhex(record_id)
        row = conn.execute("SELECT sealed FROM records WHERE id = ?", (key,)).fetchone()
        if row is None:
            return None
        return self._open_record(key, row[0])

    def count(self) -> int:
        conn, _ = self._live()
        return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])

    def verify(self) -> VerifyReport:
        """Check the file's structure and authenticate every record."""
        conn, _ = self._live()
        try:
            found = [_text(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            problems = [p for p in found if p != "ok"]
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problems = [str(exc)]
        damaged: list[str] = []
        total = 0
        try:
            for record_id, sealed in self._rows():
                total += 1
                try:
                    self._open_record(record_id, sealed)
                except crypto.RecordDamagedError:
                    damaged.append(_record_label(record_id))
        except VaultDamagedError as exc:
            problems.append(exc.message)
        return VerifyReport(total, tuple(sorted(damaged)), tuple(problems))

    # --- writing -----------------------------------------------------------------------------

    def _transaction(self, action: str) -> _Transaction:
        conn, _ = self._live()
        if self.readonly:
            raise storage_error(PermissionError("read-only"), action)
        return _Transaction(conn, action)

    def save(self, record: Record) -> None:
        """Encrypt and store one record. When this returns, it is on disk."""
        self.save_many([record], action="save the entry")

    def save_many(self, records: Iterable[Record], action: str = "save") -> None:
        _, cipher = self._live()
        sealed_rows = []
        for record in records:
            key = bytes.fromhex(record.id)
            try:
                payload = json.dumps(record_to_payload(record), ensure_ascii=False).encode()
            except UnicodeEncodeError:
                raise InvalidValueError(
                    "The text holds a character that is not valid Unicode (an unpaired "
                    "surrogate, usually from text that was not UTF-8); nothing was saved."
                ) from None
            sealed_rows.append((key, cipher.seal(key, payload)))
        with self._transaction(action) as conn:
            conn.executemany("INSERT OR REPLACE INTO records (id, sealed) VALUES (?, ?)",
                             sealed_rows)

    def delete(self, record_id: str) -> None:
        with self._transaction("delete the entry") as conn:
            conn.execute("DELETE FROM records WHERE id = ?", (bytes.fromhex(record_id),))

    def exists(self, record_id: str) -> bool:
        conn, _ = self._live()
        row = conn.execute("SELECT 1 FROM records WHERE id = ?", (bytes.fromhex(record_id),))
        return row.fetchone() is not None

    # --- keys --------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under a new passphrase. Records are not touched, so a copy of the
        file taken earlier still opens with the old passphrase: see rotate_key()."""
        if not new_passphrase:
            raise WrongPassphraseError("The new passphrase cannot be empty.")
        assert self._data_key is not None
        header = self._header
        slot = _make_slot("passphrase", header.format, header.vault_id, self._data_key,
                          new_passphrase, kdf or self.kdf_params)
        others = tuple(s for s in header.slots if s.kind != "passphrase")
        self._replace_header(Header(header.format, header.vault_id, (slot, *others)),
                             "change the passphrase")

    def set_recovery_key(self) -> str:
        """Add (or replace) the recovery slot. Returns the new recovery key, shown once."""
        assert self._data_key is not None
        header = self._header
        secret = crypto.new_recovery_secret()
        slot = _make_slot("recovery", header.format, header.vault_id, self._data_key, secret, None)
        others = tuple(s for s in header.slots if s.kind != "recovery")
        self._replace_header(Header(header.format, header.vault_id, (*others, slot)),
                             "add a recovery key")
        return crypto.format_recovery_key(secret)

    def remove_recovery_key(self) -> None:
        header = self._header
        slots = tuple(s for s in header.slots if s.kind != "recovery")
        self._replace_header(Header(header.format, header.vault_id, slots),
                             "remove the recovery key")

    def rotate_key(self, passphrase: str, kdf: KdfParams | None = None) -> int:
        """For "someone may know my passphrase": a new data key, every record re-encrypted, and
        the recovery key dropped (it opened the old key). Returns how many records were
        re-encrypted. Damaged records are left as they are. The caller must also deal with old
        backups (see backups.RollingBackups.remove_all), which the old key still opens."""
        _, cipher = self._live()
        header = self._header
        new_key = crypto.new_data_key()
        new_cipher = crypto.RecordCipher(new_key, header.format, header.vault_id)
        slot = _make_slot("passphrase", header.format, header.vault_id, new_key, passphrase,
                          kdf or self.kdf_params)
        new_header = Header(header.format, header.vault_id, (slot,))
        resealed = []
        for record_id, sealed in list(self._rows()):
            if not isinstance(record_id, bytes) or not isinstance(sealed, bytes):
                continue
            try:
                plaintext = cipher.open(record_id, sealed)
            except crypto.RecordDamagedError:
                continue
            resealed.append((record_id, new_cipher.seal(record_id, plaintext)))
        with self._transaction("re-encrypt the journal") as conn:
            conn.executemany("UPDATE records SET sealed = ? WHERE id = ?",
                             [(s, i) for i, s in resealed])
            _write_header(conn, new_header, new_key, update=True)
        self._header = new_header
        self._data_key = new_key
        self._cipher = new_cipher
        return len(resealed)

    def _replace_header(self, header: Header, action: str) -> None:
        assert self._data_key is not None
        with self._transaction(action) as conn:
            _write_header(conn, header, self._data_key, update=True)
        self._header = header

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

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _record_label(record_id: object) -> str:
    """How a damaged record is named: its id in hex, or (if even the id is damaged and is no
    longer bytes) the hex of what is left of it."""
    if isinstance(record_id, bytes):
        return record_id.hex()
    return str(record_id).encode("utf-8", "replace").hex()


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, with disk errors turned into StorageError after rollback."""

    def __init__(self, conn: sqlite3.Connection, action: str) -> None:
        self._conn = conn
        self._action = action

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise storage_error(exc, self._action) from exc
        return self._conn

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        if exc is None:
            try:
                self._conn.execute("COMMIT")
                return
            except sqlite3.Error as commit_exc:
                exc = commit_exc
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise storage_error(exc, self._action) from exc


def _write_header(conn: sqlite3.Connection, header: Header, data_key: bytes,
                  update: bool = False) -> None:
    raw = header.to_bytes()
    checksum = crypto.header_checksum(header.format.to_bytes(8, "big", signed=True) + raw)
    mac = crypto.header_mac(data_key, raw)
    if update:
        conn.execute("UPDATE vault_header SET format = ?, header = ?, checksum = ?, mac = ? "
                     "WHERE singleton = 1", (header.format, raw, checksum, mac))
    else:
        conn.execute("INSERT INTO vault_header VALUES (1, ?, ?, ?, ?)",
                     (header.format, raw, checksum, mac))


def _unlock(header: Header, passphrase: str | None, recovery_key: str | None) -> bytes:
    if recovery_key is not None:
        slot = header.slot("recovery")
        secret = crypto.parse_recovery_key(recovery_key)
        if slot is None:
            raise WrongPassphraseError("This vault has no recovery key.")
        if secret is None:
            raise WrongPassphraseError(
                "That is not a recovery key: it should be 32 letters and digits in groups of 4."
            )
        kek = crypto.recovery_kek(secret, slot.salt)
        failure = "That recovery key does not open this vault."
    else:
        slot = header.slot("passphrase")
        assert slot is not None and slot.kdf is not None
        kek = crypto.derive_key(passphrase or "", slot.salt, slot.kdf)
        failure = "Wrong passphrase: it does not open this vault. Nothing was changed."
    try:
        return crypto.unwrap_key(kek, slot.nonce, slot.wrapped,
                                 slot.associated_data(header.format, header.vault_id))
    except crypto.UnwrapError as exc:
        raise WrongPassphraseError(failure) from exc
