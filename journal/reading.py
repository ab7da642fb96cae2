"""Reading a vault's rows: each one decrypted, authenticated and parsed, with as little Python
around each record as can be (opening a journal reads every one of them; DESIGN §9).

Nothing here is weaker than the plain way: every row is opened with AES-256-GCM (which
authenticates it), its id must be the one sealed inside it, and a payload that `json.loads`
would refuse is refused. The fast parse below gives exactly what `json.loads` gives, and where
it cannot tell, `json.loads` itself decides.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator

from unknot.journal import crypto
from unknot.journal.record_set import SEQ_BYTES, TOMBSTONE, Row

_DECODER = json.JSONDecoder()  # what json.loads uses when given no options


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
    """json.loads(plaintext[start:]), without its encoding detection and its whitespace regex
    over the padding. The payload is UTF-8 (the vault writes it so) and starts with its value;
    anything else is handed to json.loads, which gives the exact answer or refuses it."""
    try:
        text = str(memoryview(plaintext)[start:], "utf-8")
        value, end = _DECODER.raw_decode(text)
    except ValueError:  # UnicodeDecodeError too: not UTF-8, leading space, or not JSON
        return json.loads(plaintext[start:])
    if text.count(" ", end) != len(text) - end:  # not only the padding's spaces after it
        return json.loads(plaintext[start:])  # (other whitespace passes, extra data raises)
    return value


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
