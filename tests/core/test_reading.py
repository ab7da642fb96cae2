"""Opening a journal fast gives exactly what the plain way gave: the fast fold of search is the
exact rule (casefold, NFKD, combining marks dropped), the fast JSON parse of a record is
json.loads (or refuses what it refuses), and the collector pause leaves the collector as it
was. Every record is still authenticated and a record that does not parse is still damaged."""

from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unknot.journal import crypto
from unknot.journal.reading import collector_paused, parse_json
from unknot.journal.record_set import SEQ_BYTES
from unknot.journal.search import SearchIndex, _fold_exact, fold, query_terms
from unknot.journal.vault import Vault
from vaults import PASSPHRASE, make_vault, sample_entries

TRICKY = [
    "", "plain ascii", "MiXeD CaSe", "Café naïve résumé déjà-vu", "ÉCOLE", "Straße STRASSE",
    "ΣΑΣ σας ὈΔΥΣΣΕΎΣ", "İstanbul ıi", "ﬃ ﬀ ﬆ", "ℳ ℌ ① ㎆ ½", "Ꭰꭰ ꮿᏻ",
    "e\u0301\u0316 a\u0316\u0301",
    "한국어 ᄀ", "𝐀𝐁𝐂 x", "😀 emoji", "mixed 𝐀 é", "\u0345\u03b9", "ǅǆǄ", "K k", "ſ s",
    "\ud800 lone surrogate", "tab\tand\nnewline", "Ωmega Å", "ﬁancé", "ǰ", "ΐ", "ŉ", "\u1e9e",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fold_is_the_exact_rule_on_tricky_text(text: str) -> None:
    assert fold(text) == _fold_exact(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_fold_is_the_exact_rule_on_any_text(text: str) -> None:
    assert fold(text) == _fold_exact(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", " ", "é", "Ä", "ß", "σ", "Σ", "ı", "İ", "\u0301",
                                  "\u0316", "Ꭰ", "ꭰ", "ﬁ", "ℳ", "𝐀", "\U0001d165", "ǅ",
                                  "\u0345", "й", "Ё", "\n"]), max_size=30).map("".join))
def test_fold_is_the_exact_rule_on_mixed_scripts(text: str) -> None:
    assert fold(text) == _fold_exact(text)


def test_search_still_folds_case_and_accents() -> None:
    entry = sample_entries(1)[0].edited(sample_entries(1)[0].updated, body="Un café NAÏVE")
    index = SearchIndex([entry])
    assert index.matches(entry.id, query_terms("CAFE naive"))
    assert not index.matches(entry.id, query_terms("caff"))


def _same_as_json_loads(raw: bytes) -> None:
    try:
        expected: object = json.loads(raw)
    except ValueError:
        with pytest.raises(ValueError):
            parse_json(b"\x00" * SEQ_BYTES + raw, SEQ_BYTES)
        return
    assert parse_json(b"\x00" * SEQ_BYTES + raw, SEQ_BYTES) == expected


@pytest.mark.parametrize("raw", [
    b'{"id": "x", "body": "caf\xc3\xa9"}' + b" " * 200, b'{"a": 1}', b'{"a": 1}\t\n\r ',
    b' \n{"a": 1}', b'{"a": 1} x', b'{"a": 1}{"b": 2}', b"", b"   ", b"\xef\xbb\xbf{\"a\": 1}",
    '{"a": "\u00e9"}'.encode("utf-16"), '{"a": 1}'.encode("utf-16-le"), b'{"a": "\xff"}',
    b'"\xed\xa0\x80"', b"[1, 2, 3]   ", b"12 ", b"nul", b'{"a": NaN}', b"\x00{}",
    b'{"a": "\\ud800"}', b'{"a": 18446744073709551615, "b": -9223372036854775808}',
    b'[1e400, -0.0, 1e-400, 0.1, 5e-324]', b'{"a": 1, "a": 2}', b'{"a": Infinity}',
    b"[" * 900 + b"]" * 900,
])
def test_the_fast_parse_is_json_loads(raw: bytes) -> None:
    _same_as_json_loads(raw)


def test_the_fast_parse_reads_an_integer_beyond_64_bits_as_a_float() -> None:
    """The one difference from json.loads (journal/reading.py): a record holds no such number,
    and the model's range checks refuse a float that large."""
    raw = b'{"mood": 123456789012345678901234567890}'
    assert parse_json(b"\x00" * SEQ_BYTES + raw, SEQ_BYTES) == {"mood": 1.2345678901234568e29}
    assert json.loads(raw) == {"mood": 123456789012345678901234567890}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(max_size=20)
    | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(json_values, st.text(alphabet=" \t\n\r", max_size=6),
       st.text(alphabet=" \t\n\rx}", max_size=6))
def test_the_fast_parse_is_json_loads_on_any_payload(value: object, before: str,
                                                     after: str) -> None:
    _same_as_json_loads((before + json.dumps(value, ensure_ascii=False) + after).encode())


def test_the_collector_pause_leaves_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # someone else's pause is not ended by ours
    finally:
        gc.enable()


def _reseal(path: Path, vault: Vault, record_id: bytes, tail: bytes) -> None:
    """Seal a record again with the key, as it was plus `tail` after its JSON (same seq)."""
    conn = sqlite3.connect(path)
    try:
        sealed = conn.execute("SELECT sealed FROM records WHERE id = ?", (record_id,)).fetchone()[0]
        _, cipher = vault._live()
        plain = cipher.open(record_id, sealed).rstrip(b" ")
        conn.execute("UPDATE records SET sealed = ? WHERE id = ?",
                     (cipher.seal(record_id, plain + tail), record_id))
        conn.commit()
    finally:
        conn.close()


def test_a_record_that_does_not_parse_is_damaged_and_the_rest_opens(vault_path: Path) -> None:
    entries = sample_entries(3)
    with make_vault(vault_path, records=entries) as vault:
        _reseal(vault_path, vault, bytes.fromhex(entries[0].id), b"\n\t")  # still JSON
        _reseal(vault_path, vault, bytes.fromhex(entries[1].id), b' {"more": 1}')  # not
    with Vault.open(vault_path, PASSPHRASE) as vault:
        loaded = vault.load()
    assert {e.id for e in loaded.entries} == {entries[0].id, entries[2].id}
    assert loaded.damaged == [entries[1].id]
    assert loaded.record_set == []  # damage is named as damage, not as a changed set


def test_a_record_under_another_key_is_damaged(vault_path: Path) -> None:
    entries = sample_entries(2)
    with make_vault(vault_path, records=entries) as vault:
        other = crypto.RecordCipher(crypto.new_data_key(), vault.format, vault.vault_id)
        record_id = bytes.fromhex(entries[0].id)
        conn = sqlite3.connect(vault_path)
        conn.execute("UPDATE records SET sealed = ? WHERE id = ?",
                     (other.seal(record_id, (1).to_bytes(SEQ_BYTES, "big") + b"{}"), record_id))
        conn.commit()
        conn.close()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        loaded = vault.load()
    assert [e.id for e in loaded.entries] == [entries[1].id]
    assert loaded.damaged == [entries[0].id]
