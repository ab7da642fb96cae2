"""What can go wrong with a vault, in words a person understands.

Every error the core raises for a vault is one of these. Each has a kind (`ErrorKind`) and
carries a message that can be shown as it is on the command line; `describe` is the one place
that words any exception for a person in the window. None of them ever contains journal text.
"""

from __future__ import annotations

import enum
from pathlib import Path

from unknot.journal import i18n


class ErrorKind(enum.Enum):
    """The kinds of failure a person is told apart, each with words of its own."""

    WRONG_PASSPHRASE = "wrong passphrase"
    ALTERED = "altered"  # the passphrase is right, the file's header was changed
    DAMAGED = "damaged"
    NOT_A_VAULT = "not a vault"
    NEWER_FORMAT = "newer format"
    MISSING = "missing"
    STORAGE = "storage"
    LOCKED = "locked"
    INVALID_VALUE = "invalid value"
    IMPORT_FILE = "import file"
    FOREIGN_JOURNAL = "another journal"
    UNEXPECTED = "unexpected"


class UnknotError(Exception):
    """Base of every error the core reports to the user."""

    kind: ErrorKind = ErrorKind.UNEXPECTED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class VaultNotFoundError(UnknotError):
    """There is no file at the path."""

    kind = ErrorKind.MISSING


class NotAVaultError(UnknotError):
    """The file exists but is not an Unknot vault (or is empty)."""

    kind = ErrorKind.NOT_A_VAULT


class VaultDamagedError(UnknotError):
    """The file is an Unknot vault, but its header or structure is damaged."""

    kind = ErrorKind.DAMAGED


class WrongPassphraseError(UnknotError):
    """The header is intact, but the passphrase does not open it."""

    kind = ErrorKind.WRONG_PASSPHRASE


class WrongRecoveryKeyError(WrongPassphraseError):
    """The recovery key does not open the vault, is not a recovery key, or the vault has none.
    Its message says which; it is shown as it is."""


class HeaderAlteredError(UnknotError):
    """The passphrase does not open the journal's file, but it opens the newest backup: the
    file's header was changed (its checksum made to match), not the passphrase mistyped.
    `backup` is the backup that opens, to offer as the restore."""

    kind = ErrorKind.ALTERED

    def __init__(self, message: str, backup: Path) -> None:
        super().__init__(message)
        self.backup = backup


class ForeignJournalError(UnknotError):
    """A file offered as a copy of this journal is another journal (another vault id), even
    though it opens with the same passphrase. It is named and left alone."""

    kind = ErrorKind.FOREIGN_JOURNAL


class NewerFormatError(UnknotError):
    """The vault was written by a newer version of Unknot."""

    kind = ErrorKind.NEWER_FORMAT


class VaultLockedError(UnknotError):
    """An operation needed the key, but the vault is locked."""

    kind = ErrorKind.LOCKED


class StorageError(UnknotError):
    """The disk refused a write: full, read-only, or an I/O error. Nothing was changed."""

    kind = ErrorKind.STORAGE


class InvalidValueError(UnknotError):
    """A value given by the user is outside what Unknot accepts (sign id, mood, rating, date,
    a passphrase the policy refuses)."""

    kind = ErrorKind.INVALID_VALUE


class ImportFileError(UnknotError):
    """An import file could not be read; nothing was imported."""

    kind = ErrorKind.IMPORT_FILE


# The window's words for the kinds whose words do not depend on the details. The others (a full
# disk, a refused value, a bad import file...) are worded where they are raised, precisely.
_WORDS: dict[ErrorKind, str] = {
    ErrorKind.WRONG_PASSPHRASE:
        "That passphrase does not open this journal. Check Caps Lock and try again.",
    ErrorKind.ALTERED:
        "Your passphrase is right, but the journal's file was changed since Unknot last wrote "
        "it: its key slots are not the ones Unknot made, so it does not open. Its newest "
        "backup opens with this passphrase, and Unknot can restore it (the changed file is "
        "kept aside).",
    ErrorKind.DAMAGED:
        "This file is damaged, so it cannot be opened. Your passphrase was not the problem. "
        "A backup in the “backups” folder beside it may still open.",
    ErrorKind.NOT_A_VAULT:
        "This file is not an Unknot journal, so it cannot be opened. It was not changed. "
        "Check that Unknot is looking at the right file.",
    ErrorKind.NEWER_FORMAT:
        "This journal was saved by a newer version of Unknot. Update Unknot to open it. "
        "Nothing was changed.",
}


def error_kind(exc: BaseException) -> ErrorKind:
    """The kind of any exception: an OSError is the disk's, anything not ours unexpected."""
    if isinstance(exc, UnknotError):
        return exc.kind
    if isinstance(exc, OSError):
        return ErrorKind.STORAGE
    return ErrorKind.UNEXPECTED


def describe(exc: BaseException, *, detail: bool = False, language: str = "en") -> str:
    """Words for a person. With `detail` (the command line) the core's own message, which names
    the file; without it the window's words, in `language` (the window passes its own; see
    i18n.py). Unexpected errors are named by type only: never journal text. A message worded
    where it was raised (a full disk, a refused value) is given as it was raised, in English."""
    kind = error_kind(exc)
    if isinstance(exc, UnknotError):
        if detail or isinstance(exc, WrongRecoveryKeyError) or kind not in _WORDS:
            return exc.message
        return i18n.text(_WORDS[kind], language)
    if isinstance(exc, OSError):
        return i18n.text("The disk reported a problem: {problem}.", language).format(
            problem=exc.strerror or exc)
    return i18n.text("Something unexpected went wrong ({name}). Nothing you saved was lost.",
                     language).format(name=type(exc).__name__)
