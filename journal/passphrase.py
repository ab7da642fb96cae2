"""Choosing a passphrase: a generated word passphrase, a rough strength estimate, and the one
policy that every place a passphrase is chosen applies (first run, Settings, after a recovery-key
unlock, `unknot-cli init` and `passwd`).

The estimate is deliberately simple and cautious. Its main message is the guidance around it: a
passphrase must not be guessable by someone who knows you.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from unknot.journal.errors import InvalidValueError

GENERATED_WORDS = 6
MIN_LENGTH = 8
MIN_LEVEL = 2  # "Fair"


@cache
def word_list() -> tuple[str, ...]:
    text = files("unknot.resources").joinpath("words.txt").read_text(encoding="utf-8")
    return tuple(sorted(set(text.split())))


def generate(count: int = GENERATED_WORDS) -> str:
    words = word_list()
    return " ".join(secrets.choice(words) for _ in range(count))


@dataclass(frozen=True)
class Strength:
    bits: float
    level: int  # 0 very weak .. 4 strong
    words: str


LEVELS = ("Very weak", "Weak", "Fair", "Good", "Strong")


def estimate(passphrase: str) -> Strength:
    """Roughly how many guesses it would take, in bits. Generated-style word passphrases are
    counted per word; anything else by its character classes, with repeats discounted."""
    if not passphrase:
        return Strength(0.0, 0, LEVELS[0])
    vocabulary = set(word_list())
    parts = passphrase.split()
    if len(parts) >= 3 and all(p.lower() in vocabulary for p in parts):
        bits = len(parts) * math.log2(len(vocabulary))
    else:
        pool = 0
        if any(c.islower() for c in passphrase):
            pool += 26
        if any(c.isupper() for c in passphrase):
            pool += 26
        if any(c.isdigit() for c in passphrase):
            pool += 10
        if any(not c.isalnum() for c in passphrase):
            pool += 33
        distinct = len(set(passphrase))
        effective = min(len(passphrase), distinct * 2)
        bits = effective * math.log2(max(pool, 2)) * 0.6  # people's choices are not random
    level = 0 if bits < 28 else 1 if bits < 36 else 2 if bits < 45 else 3 if bits < 60 else 4
    return Strength(bits, level, LEVELS[level])


def refusal(passphrase: str) -> str | None:
    """Why a new passphrase is refused, in words for a person, or None when it is accepted."""
    if not passphrase:
        return "Please choose a passphrase: it cannot be empty."
    if len(passphrase) < MIN_LENGTH:
        return (f"That passphrase is too short: use at least {MIN_LENGTH} characters. "
                "A few unrelated words are easier to remember and harder to guess.")
    if estimate(passphrase).level < MIN_LEVEL:
        return "That passphrase would be quick to guess. Please make it longer."
    return None


def check_new_passphrase(passphrase: str) -> str:
    """The passphrase, if the policy accepts it; otherwise InvalidValueError saying why."""
    reason = refusal(passphrase)
    if reason is not None:
        raise InvalidValueError(reason + " Nothing was changed.")
    return passphrase
