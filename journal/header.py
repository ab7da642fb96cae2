"""The vault's header: its format, its random id and its key slots, read and checked before any
key is derived.

Reading a header tells apart every way a file can fail to be a vault that opens: missing, not a
vault, damaged, from a newer version, with key-derivation settings outside the safe range. No key
is needed for that; the passphrase (or recovery key) then unwraps the data key from a slot.
See vault.py for the file's layout.
"""

from __future__ import annotations

import hmac
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unknot.journal import crypto
from unknot.journal.crypto import KdfParams
from unknot.journal.errors import (
    NewerFormatError,
    NotAVaultError,
    UnknotError,
    VaultDamagedError,
    VaultNotFoundError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from unknot.journal.storage import storage_error

FORMAT_VERSION = 2
APPLICATION_ID = 0x554E4B54  # "UNKT" in SQLite's application_id field
SQLITE_MAGIC = b"SQLite format 3\x00"

_VAULT_HEADER_SQL = """CREATE TABLE vault_header (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    format INTEGER NOT NULL,
    header BLOB NOT NULL,
    checksum BLOB NOT NULL,
    mac BLOB NOT NULL
)"""
_RECORDS_SQL = """CREATE TABLE records (
    id BLOB PRIMARY KEY,
    sealed BLOB NOT NULL
)"""
# Format 2: the sealed state of the journal (its counter and the record-set commitment).
_STATE_SQL = """CREATE TABLE journal_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    sealed BLOB NOT NULL
)"""
STATE_TABLE_SQL = _STATE_SQL
SCHEMA = ";\n".join((_VAULT_HEADER_SQL, _RECORDS_SQL, _STATE_SQL)) + ";\n"

# What sqlite_schema may hold in each format: (type, name, table, sql) of every table and index.
_FORMAT_1 = {
    ("table", "vault_header", "vault_header", _VAULT_HEADER_SQL),
    ("table", "records", "records", _RECORDS_SQL),
    ("index", "sqlite_autoindex_records_1", "records", None),
}
_SCHEMAS: dict[int, list[set[tuple[str, str, str, str | None]]]] = {
    1: [
        _FORMAT_1,
        # Development builds before the first release kept records WITHOUT ROWID.
        {
            ("table", "vault_header", "vault_header", _VAULT_HEADER_SQL),
            ("table", "records", "records", _RECORDS_SQL + " WITHOUT ROWID"),
        },
    ],
    2: [
        _FORMAT_1 | {("table", "journal_state", "journal_state", _STATE_SQL)},
        {  # upgraded from a development build's format 1
            ("table", "vault_header", "vault_header", _VAULT_HEADER_SQL),
            ("table", "records", "records", _RECORDS_SQL + " WITHOUT ROWID"),
            ("table", "journal_state", "journal_state", _STATE_SQL),
        },
    ],
}

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


def make_slot(kind: str, format_version: int, vault_id: bytes, data_key: bytes,
               secret: str | bytes, kdf: KdfParams | None) -> Slot:
    salt = os.urandom(crypto.SALT_BYTES)
    if kind == "passphrase":
        assert isinstance(secret, str) and kdf is not None
        kek = crypto.derive_key(secret, salt, kdf)
    else:
        assert isinstance(secret, bytes)
        kek = crypto.recovery_kek(secret, salt)
    return slot_from_kek(kind, format_version, vault_id, data_key, kek, salt, kdf)


@dataclass(frozen=True)
class PassphraseLock:
    """The key the passphrase derives, with the salt and settings it was derived with: kept
    while the journal is unlocked, so a new data key (for a new recovery key) can be locked
    under the same passphrase without asking for it again. It opens no more than the data key
    held beside it."""

    kek: bytes
    salt: bytes
    kdf: KdfParams


def slot_from_kek(kind: str, format_version: int, vault_id: bytes, data_key: bytes, kek: bytes,
                  salt: bytes, kdf: KdfParams | None) -> Slot:
    slot_id = os.urandom(8)
    draft = Slot(slot_id, kind, salt, b"", b"", kdf)
    nonce, wrapped = crypto.wrap_key(kek, data_key, draft.associated_data(format_version, vault_id))
    return Slot(slot_id, kind, salt, nonce, wrapped, kdf)


# SQLite result codes that mean the disk or the system refused, not that the file is damaged.
_STORAGE_CODES = ("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_READONLY",
                  "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_PERM", "SQLITE_NOMEM", "SQLITE_NOLFS",
                  "SQLITE_AUTH")


def is_storage_problem(exc: sqlite3.Error) -> bool:
    """A full, read-only, busy or failing disk — as opposed to a damaged file, which SQLite
    reports as corruption, "not a database", an unsupported format or a broken schema."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(_STORAGE_CODES)


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
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
            conn = connect(path, readonly)
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise NotAVaultError(f"{path} is a database, but not an Unknot vault.")
            row = conn.execute(
                "SELECT format, header, checksum, mac FROM vault_header WHERE singleton = 1"
            ).fetchone()
            schema = conn.execute(
                "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema").fetchall()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            # (A damaged schema can make SQLite's own error message undecodable.)
            if isinstance(exc, sqlite3.Error) and is_storage_problem(exc):
                raise storage_error(exc, f"open {path}") from exc
            reason = exc if isinstance(exc, sqlite3.Error) else "its structure is unreadable"
            raise VaultDamagedError(f"The vault file {path} is damaged: {reason}.") from exc
        header = _check_header(path, row, schema)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return conn, header


def has_recovery_slot(path: Path) -> bool:
    """Whether the journal at `path` has a recovery key, from its header alone (no key needed):
    the lock screen offers "use my recovery key" only then. False if it cannot be read."""
    try:
        conn, header = read_header(Path(path), readonly=True)
    except UnknotError:
        return False
    conn.close()
    return header.has_recovery


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
    found = {(text_of(t), text_of(n), text_of(tbl), None if sql is None else text_of(sql))
             for t, n, tbl, _root, sql in schema}
    roots = [root for *_rest, root, _sql in schema]
    return found in accepted and len(found) == len(schema) \
        and len(set(roots)) == len(roots) and all(type(r) is int and r >= 2 for r in roots)


def text_of(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def write_header(conn: sqlite3.Connection, header: Header, data_key: bytes,
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


def unlock_key(header: Header, passphrase: str | None, recovery_key: str | None) -> bytes:
    """The data key, unwrapped from the slot that the passphrase or the recovery key opens."""
    return unlock(header, passphrase, recovery_key)[0]


def unlock(header: Header, passphrase: str | None, recovery_key: str | None,
           keks: dict[tuple[bytes, KdfParams], bytes] | None = None,
           ) -> tuple[bytes, PassphraseLock | None]:
    """The data key, and (when the passphrase opened it) the passphrase's lock. `keks` caches
    derived keys by salt and settings, for opening several copies of one journal at once."""
    lock: PassphraseLock | None = None
    error: type[WrongPassphraseError]
    if recovery_key is not None:
        slot = header.slot("recovery")
        secret = crypto.parse_recovery_key(recovery_key)
        if slot is None:
            raise WrongRecoveryKeyError(
                "That recovery key does not open this journal: it has no recovery key.")
        if secret is None:
            raise WrongRecoveryKeyError(
                "That is not a recovery key: it should be 32 letters and digits in groups of 4."
            )
        kek = crypto.recovery_kek(secret, slot.salt)
        failure, error = "That recovery key does not open this journal.", WrongRecoveryKeyError
    else:
        slot = header.slot("passphrase")
        assert slot is not None and slot.kdf is not None
        cached = None if keks is None else keks.get((slot.salt, slot.kdf))
        kek = cached or crypto.derive_key(passphrase or "", slot.salt, slot.kdf)
        if keks is not None:
            keks[(slot.salt, slot.kdf)] = kek
        lock = PassphraseLock(kek, slot.salt, slot.kdf)
        failure = "Wrong passphrase: it does not open this vault. Nothing was changed."
        error = WrongPassphraseError
    try:
        data_key = crypto.unwrap_key(kek, slot.nonce, slot.wrapped,
                                     slot.associated_data(header.format, header.vault_id))
    except crypto.UnwrapError as exc:
        raise error(failure) from exc
    return data_key, lock
