"""Reading a vault's rows: each one decrypted, authenticated and parsed, with as little Python
around each record as can be (opening a journal reads every one of them; DESIGN §9).

Nothing here is weaker than the plain way: every row is opened with AES-256-GCM (which
authenticates it), its id must be the one sealed inside it, and a payload that `json.loads`
would refuse is refused. The fast parse below (orjson: a quarter of the standard parser's time,
which was a fifth of a whole unlock at 10,000 entries) gives what `json.loads` gives, with one
difference: an integer beyond 64 bits comes back as a float. A record holds none (its numbers are
levels and counts the model range-checks, and a float that large fails those checks), and
tests/core/test_reading.py pins the difference down.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator

import orjson

from unknot.journal import crypto
from unknot.journal.record_set import SEQ_BYTES, TOMBSTONE, Row


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a journal is read. Reading makes tens of
    thousands of objects that form no cycles, and every few hundred of them would start a
    collection that walks what the process holds (the window's objects too). Nothing is kept
    longer: what is garbage is freed as before, and the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_json(plaintext: bytes, start: int) -> object:
    """json.loads(plaintext[start:]), but for integers beyond 64 bits (see above). orjson reads
    the UTF-8 the vault writes, padding and all; what it refuses (it is stricter than the
    standard library: NaN, lone surrogates, other encodings) goes to json.loads, which gives its
    own answer or refuses too."""
    try:
        return orjson.loads(memoryview(plaintext)[start:])
    except orjson.JSONDecodeError:
        return json.loads(plaintext[start:])


def open_row(cipher: crypto.RecordCipher, format_version: int, record_id: object,
             sealed: object) -> Row:
    """Decrypt and parse one row. Raises RecordDamagedError if it does not authenticate, does
    not parse, or names another record than the one it is stored as."""
    if not isinstance(record_id, bytes) or not isinstance(sealed, bytes):
        raise crypto.RecordDamagedError
    plaintext = cipher.open(record_id, sealed)
    seq, start = 0, 0
    if format_version >= 2:
        seq, start = int.from_bytes(plaintext[:SEQ_BYTES], "big"), SEQ_BYTES
    try:
        payload = parse_json(plaintext, start)
    except ValueError as exc:
        raise crypto.RecordDamagedError from exc
    if not isinstance(payload, dict) or payload.get("id") != record_id.hex():
        raise crypto.RecordDamagedError
    return Row(seq, payload.get("kind") == TOMBSTONE, payload)
