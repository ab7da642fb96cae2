"""The cryptography of a vault: key derivation, key slots and sealed records.

A random 256-bit data key encrypts every record with AES-256-GCM. The data key itself is
stored only wrapped (encrypted) in key slots: one opened by the passphrase through Argon2id,
and optionally one opened by a printable recovery key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
RECORD_PAD = 256

# Key-derivation parameters are calibrated at creation to cost about this much time...
KDF_TARGET_SECONDS = 0.5
# ...and never less than this (64 MiB, 3 passes).
KDF_FLOOR_MEMORY_KIB = 64 * 1024
KDF_FLOOR_ITERATIONS = 3
KDF_LANES = 4
# Calibration never asks for more memory than this, so a vault stays openable on a smaller
# machine (and its work stays within the cap below at 3 passes).
KDF_CALIBRATION_MAX_MEMORY_KIB = 512 * 1024
# A file asking for more than these is refused before any work: a crafted file must not hang or
# exhaust the machine (DESIGN §4: about 1 GiB and 5 s at most, on a 2-core machine like ours).
KDF_MAX_MEMORY_KIB = 1024 * 1024
KDF_MAX_ITERATIONS = 32
KDF_MAX_LANES = 16
# ...and so is one asking for more work (memory times passes) than this: 2 GiB-passes. Measured
# here (tests/reliability/test_crafted_headers.py), the worst such header costs about 4 s and
# 1 GiB; Argon2id in `cryptography` runs its lanes on one thread, so lanes add no cost.
KDF_MAX_WORK_KIB = 2 * 1024 * 1024


class UnwrapError(Exception):
    """A key slot did not open: the secret is wrong (the header checksum already passed)."""


class RecordDamagedError(Exception):
    """A record's ciphertext failed authentication."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters as stored in a passphrase slot."""

    memory_kib: int
    iterations: int
    lanes: int

    def within_limits(self) -> bool:
        return (
            KDF_FLOOR_MEMORY_KIB <= self.memory_kib <= KDF_MAX_MEMORY_KIB
            and KDF_FLOOR_ITERATIONS <= self.iterations <= KDF_MAX_ITERATIONS
            and 1 <= self.lanes <= KDF_MAX_LANES
            and self.memory_kib * self.iterations <= KDF_MAX_WORK_KIB
        )


FLOOR_PARAMS = KdfParams(KDF_FLOOR_MEMORY_KIB, KDF_FLOOR_ITERATIONS, KDF_LANES)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    if not params.within_limits():
        raise ValueError("key-derivation parameters are outside the accepted range")
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    # (surrogatepass: a passphrase typed on a terminal that is not UTF-8 still derives a key.)
    return kdf.derive(passphrase.encode("utf-8", "surrogatepass"))


def calibrate(target_seconds: float = KDF_TARGET_SECONDS) -> KdfParams:
    """Parameters that cost about `target_seconds` on this machine, never below the floor."""
    samples = []
    for _ in range(3):  # the fastest of three: another busy program only ever slows a sample
        started = time.perf_counter()
        derive_key("calibration", secrets.token_bytes(SALT_BYTES), FLOOR_PARAMS)
        samples.append(time.perf_counter() - started)
    floor_seconds = max(min(samples), 1e-3)
    if floor_seconds >= target_seconds * 0.8:
        return FLOOR_PARAMS
    # Argon2id's cost grows about linearly with memory, then with passes.
    scale = target_seconds / floor_seconds
    memory = int(KDF_FLOOR_MEMORY_KIB * scale) // 1024 * 1024
    iterations = KDF_FLOOR_ITERATIONS
    if memory > KDF_CALIBRATION_MAX_MEMORY_KIB:
        extra = memory / KDF_CALIBRATION_MAX_MEMORY_KIB
        memory = KDF_CALIBRATION_MAX_MEMORY_KIB
        iterations = min(KDF_MAX_ITERATIONS, round(KDF_FLOOR_ITERATIONS * extra),
                         KDF_MAX_WORK_KIB // memory)
    return KdfParams(max(memory, KDF_FLOOR_MEMORY_KIB), iterations, KDF_LANES)


def _hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_key(kek: bytes, data_key: bytes, associated: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, data_key, associated)


def unwrap_key(kek: bytes, nonce: bytes, wrapped: bytes, associated: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(nonce, wrapped, associated)
    except InvalidTag as exc:
        raise UnwrapError from exc


def header_mac(data_key: bytes, header: bytes) -> bytes:
    mac_key = _hkdf(data_key, b"", b"unknot header mac v1")
    return hmac.new(mac_key, header, hashlib.sha256).digest()


def record_set_key(data_key: bytes) -> bytes:
    """The key of the record-set commitment (see RecordSet in vault.py), apart from the others."""
    return _hkdf(data_key, b"", b"unknot record set v2")


def record_term(set_key: bytes, record_id: bytes, seq: int) -> int:
    """One record version's share of the record-set commitment: keyed BLAKE2b-256 (a MAC by
    design, RFC 7693; twice as fast as HMAC-SHA256 here) of its id and its journal sequence
    number, as a 256-bit number (the commitment XORs them)."""
    return int.from_bytes(hashlib.blake2b(record_id + seq.to_bytes(8, "big"), key=set_key,
                                          digest_size=32).digest(), "big")


def header_checksum(header: bytes) -> bytes:
    """Unkeyed: tells accidental damage apart from a wrong passphrase."""
    return hashlib.sha256(b"unknot header v1\x00" + header).digest()


class RecordCipher:
    """Seals and opens records with the data key. Associated data binds each ciphertext to the
    format version, the vault and the record id, so it cannot be moved elsewhere."""

    def __init__(self, data_key: bytes, format_version: int, vault_id: bytes) -> None:
        self._aead = AESGCM(data_key)
        self._prefix = b"unknot record\x00" + format_version.to_bytes(4, "big") + vault_id

    def seal(self, record_id: bytes, plaintext: bytes) -> bytes:
        padding = -len(plaintext) % RECORD_PAD  # hide exact lengths; JSON ignores the spaces
        nonce = os.urandom(NONCE_BYTES)
        body = plaintext + b" " * padding
        return nonce + self._aead.encrypt(nonce, body, self._prefix + record_id)

    def open(self, record_id: bytes, sealed: bytes) -> bytes:
        if len(sealed) < NONCE_BYTES + 16:
            raise RecordDamagedError
        try:
            return self._aead.decrypt(
                sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], self._prefix + record_id
            )
        except InvalidTag as exc:
            raise RecordDamagedError from exc


# --- recovery keys -------------------------------------------------------------------------

RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters, shown in 8 groups of 4


def new_recovery_secret() -> bytes:
    return secrets.token_bytes(RECOVERY_BYTES)


def format_recovery_key(secret: bytes) -> str:
    text = base64.b32encode(secret).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """Reads a recovery key as a person may type it: any case, spaces or dashes, and the
    look-alike digits 0/1/8 for O/I/B. Returns None if it cannot be a recovery key."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    if len(cleaned) != 32:
        return None
    try:
        return base64.b32decode(cleaned)
    except ValueError:  # binascii.Error is a ValueError
        return None


def recovery_kek(secret: bytes, salt: bytes) -> bytes:
    # The secret is random and 160 bits long: it needs no slow key derivation.
    return _hkdf(secret, salt, b"unknot recovery slot v1")
