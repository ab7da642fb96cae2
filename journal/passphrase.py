"""Choosing a passphrase: a generated word passphrase, a strength estimate, and the one policy
that every place a passphrase is chosen applies (first run, Settings, after a recovery-key
unlock, `unknot-cli init` and `passwd`).

The estimate is zxcvbn's (the maintained Python port of Dropbox's estimator): it knows common
passwords, names, dates, keyboard patterns, l33t spellings and sequences, so "Summer2024!" and
"Tr0ub4dor&3" are weak however many character classes they mix. Suggestions are six words
drawn with `secrets` from the EFF large word list (7,776 words, shipped by the xkcdpass
package): 6 × log2(7776) ≈ 77.5 bits. Its main message is the guidance around it: a
passphrase must not be guessable by someone who knows you.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from unknot.journal.errors import InvalidValueError

GENERATED_WORDS = 6
MIN_LENGTH = 8
MIN_LEVEL = 2  # "Fair"
# zxcvbn slows down on very long input; the first characters decide the estimate anyway.
ESTIMATE_CHARACTERS = 100
# Bits (log2 of the guesses an attacker who knows this list and zxcvbn's needs) where each
# level begins: Weak, Fair, Good, Strong. Fair (the least accepted) is about 2^45 guesses:
# with Argon2id at about 0.5 s a guess, centuries on one machine.
LEVEL_BITS = (30.0, 45.0, 60.0, 77.0)
LEVELS = ("Very weak", "Weak", "Fair", "Good", "Strong")
# Words zxcvbn should treat as guessable for an Unknot user.
CONTEXT_WORDS = ("unknot", "journal", "diary", "passphrase", "password", "trauma", "bond")


@cache
def word_list() -> tuple[str, ...]:
    """The EFF large word list: 7,776 distinct words."""
    from xkcdpass import xkcd_password  # type: ignore[import-untyped]

    text = Path(xkcd_password.locate_wordfile("eff-long")).read_text(encoding="utf-8")
    return tuple(sorted(set(text.split())))


def generate(count: int = GENERATED_WORDS) -> str:
    words = word_list()
    return " ".join(secrets.choice(words) for _ in range(count))


def generated_bits(count: int = GENERATED_WORDS) -> float:
    return count * math.log2(len(word_list()))


@dataclass(frozen=True)
class Strength:
    bits: float
    level: int  # 0 very weak .. 4 strong
    words: str
    advice: str = ""  # zxcvbn's warning and suggestions, when it has any (English)


def estimate(passphrase: str) -> Strength:
    """How many guesses it would take, in bits: zxcvbn's estimate, and for a phrase made only
    of words from the suggestion list, no more than a random pick of that many words gives."""
    if not passphrase:
        return Strength(0.0, 0, LEVELS[0])
    from zxcvbn import zxcvbn  # type: ignore[import-untyped]

    result = zxcvbn(passphrase[:ESTIMATE_CHARACTERS], user_inputs=list(CONTEXT_WORDS))
    bits = float(result["guesses_log10"]) * math.log2(10)
    parts = passphrase.lower().split()
    vocabulary = set(word_list())
    if len(parts) >= 3 and all(p in vocabulary for p in parts):
        bits = min(bits, len(parts) * math.log2(len(vocabulary)))
    level = sum(bits >= threshold for threshold in LEVEL_BITS)
    feedback = result.get("feedback") or {}
    advice = " ".join(s for s in [feedback.get("warning") or "", *feedback.get("suggestions", [])]
                      if s)
    return Strength(bits, level, LEVELS[level], advice)


def refusal(passphrase: str, repeat: str | None = None) -> str | None:
    """Why a new passphrase is refused, in words for a person, or None when it is accepted.
    With `repeat` (the second time it was typed), the two must match."""
    if not passphrase:
        return "Please choose a passphrase: it cannot be empty."
    if repeat is not None and repeat != passphrase:
        return "The two passphrases you typed are not the same. Please type it again."
    if len(passphrase) < MIN_LENGTH:
        return (f"That passphrase is too short: use at least {MIN_LENGTH} characters. "
                "A few unrelated words are easier to remember and harder to guess.")
    strength = estimate(passphrase)
    if strength.level < MIN_LEVEL:
        return ("That passphrase would be quick to guess: common words with a number or a "
                "symbol added are among the first tried. Four or more unrelated words, or the "
                "suggestion, are much harder to guess.")
    return None


def check_new_passphrase(passphrase: str, repeat: str | None = None) -> str:
    """The passphrase, if the policy accepts it (and `repeat`, when given, matches it);
    otherwise InvalidValueError saying why."""
    reason = refusal(passphrase, repeat)
    if reason is not None:
        raise InvalidValueError(reason + " Nothing was changed.")
    return passphrase
