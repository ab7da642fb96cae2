"""A new data key for a vault (every record sealed again under it, in one transaction), and the
format upgrade from 1 to 2. Called through Vault.rekey and Vault.open."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from unknot.journal import crypto
from unknot.journal.crypto import KdfParams
from unknot.journal.errors import InvalidValueError
from unknot.journal.header import (
    STATE_TABLE_SQL,
    Header,
    PassphraseLock,
    make_slot,
    slot_from_kek,
    write_header,
)
from unknot.journal.record_set import SEQ_BYTES, STATE_ID, RecordSet, read_state

if TYPE_CHECKING:
    from unknot.journal.vault import Progress, Vault

PROGRESS_EVERY = 250  # records between two progress reports while re-keying


def rekey(vault: Vault, new_passphrase: str | None = None, *, recovery: bool,
          kdf: KdfParams | None = None, progress: Progress | None = None,
          ) -> tuple[int, str | None]:
    """A new data key, every record re-encrypted under it, in one transaction: a copy of the
    file taken before (a backup, or its old header put back) opens nothing written from
    now on. The passphrase is `new_passphrase`, or the current one when None (it must
    have opened the journal). With `recovery`, a new recovery key (returned, shown once);
    else none. Damaged records are carried as they are. `progress(done, total)` is called
    as it goes. Returns (records re-encrypted, the new recovery key or None)."""
    _, cipher = vault._live()
    if new_passphrase is None and vault._lock is None:
        raise InvalidValueError("The recovery key opened the journal: choose a new "
                                "passphrase first. Nothing was changed.")
    if new_passphrase is not None and not new_passphrase:
        raise InvalidValueError("The new passphrase cannot be empty.")
    header = vault._header
    new_key = crypto.new_data_key()
    new_cipher = crypto.RecordCipher(new_key, header.format, header.vault_id)
    set_key = crypto.record_set_key(new_key)
    if new_passphrase is not None:
        salt, params = os.urandom(crypto.SALT_BYTES), kdf or vault.kdf_params
        lock = PassphraseLock(crypto.derive_key(new_passphrase, salt, params), salt, params)
    else:
        assert vault._lock is not None
        lock = vault._lock
    slots = [slot_from_kek("passphrase", header.format, header.vault_id, new_key, lock.kek,
                           lock.salt, lock.kdf)]
    recovery_text = None
    if recovery:
        secret = crypto.new_recovery_secret()
        recovery_text = crypto.format_recovery_key(secret)
        slots.append(make_slot("recovery", header.format, header.vault_id, new_key, secret,
                               None))
    new_header = Header(header.format, header.vault_id, tuple(slots))
    rows = list(vault._rows())
    total, done = len(rows), 0
    old_state = read_state(vault)
    resealed, opaque, digest, counter = [], set(), 0, old_state.counter if old_state else 0
    for record_id, sealed in rows:
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
        if not isinstance(record_id, bytes) or not isinstance(sealed, bytes):
            continue
        try:
            plaintext = cipher.open(record_id, sealed)
        except crypto.RecordDamagedError:
            opaque.add(record_id)
            continue
        seq = int.from_bytes(plaintext[:SEQ_BYTES], "big")
        counter = max(counter, seq)
        digest ^= crypto.record_term(set_key, record_id, seq)
        resealed.append((new_cipher.seal(record_id, plaintext), record_id))
    state = RecordSet(counter, len(resealed), digest, frozenset(opaque))
    with vault._transaction("re-encrypt the journal") as conn:
        conn.executemany("UPDATE records SET sealed = ? WHERE id = ?", resealed)
        write_header(conn, new_header, new_key, update=True)
        conn.execute("INSERT OR REPLACE INTO journal_state (singleton, sealed) VALUES (1, ?)",
                     (new_cipher.seal(STATE_ID, state.to_bytes()),))
    vault._header, vault._data_key, vault._cipher = new_header, new_key, new_cipher
    vault._set_key, vault._lock = set_key, lock
    if progress is not None:
        progress(total, total)
    return len(resealed), recovery_text


def upgrade_from_1(vault: Vault) -> None:
    """Format 1 -> 2, in one transaction, after a backup of the file as it was: every record
    sealed again with a sequence number, the journal state made, the header marked 2."""
    from unknot.journal.backups import take_upgrade_backup  # backups imports this module

    if not vault._scratch:
        take_upgrade_backup(vault.path, vault._header.format)
    _, cipher = vault._live()
    assert vault._data_key is not None
    header = Header(2, vault._header.vault_id, vault._header.slots)
    new_cipher = crypto.RecordCipher(vault._data_key, 2, header.vault_id)
    resealed, opaque, digest, seq = [], set(), 0, 0
    for record_id, sealed in list(vault._rows()):
        if not isinstance(record_id, bytes) or not isinstance(sealed, bytes):
            continue
        try:
            plaintext = cipher.open(record_id, sealed)
        except crypto.RecordDamagedError:
            opaque.add(record_id)
            continue
        seq += 1
        body = seq.to_bytes(SEQ_BYTES, "big") + plaintext
        resealed.append((new_cipher.seal(record_id, body), record_id))
        digest ^= crypto.record_term(vault._set_key or b"", record_id, seq)
    state = RecordSet(seq, len(resealed), digest, frozenset(opaque))
    with vault._transaction("upgrade the journal's format") as conn:
        conn.execute(STATE_TABLE_SQL)
        conn.executemany("UPDATE records SET sealed = ? WHERE id = ?", resealed)
        write_header(conn, header, vault._data_key, update=True)
        conn.execute("INSERT INTO journal_state (singleton, sealed) VALUES (1, ?)",
                     (new_cipher.seal(STATE_ID, state.to_bytes()),))
    vault._header, vault._cipher = header, new_cipher

