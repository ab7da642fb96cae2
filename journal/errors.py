"""What can go wrong with a vault, in words a person understands.

Every error the core raises for a vault is one of these. Each carries a message that can be shown
as it is, in the window or on the command line; none of them ever contains journal text.
"""

from __future__ import annotations


class UnknotError(Exception):
    """Base of every error the core reports to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class VaultNotFoundError(UnknotError):
    """There is no file at the path."""


class NotAVaultError(UnknotError):
    """The file exists but is not an Unknot vault (or is empty)."""


class VaultDamagedError(UnknotError):
    """The file is an Unknot vault, but its header or structure is damaged."""


class WrongPassphraseError(UnknotError):
    """The header is intact, but the passphrase (or recovery key) does not open it."""


class NewerFormatError(UnknotError):
    """The vault was written by a newer version of Unknot."""


class VaultLockedError(UnknotError):
    """An operation needed the key, but the vault is locked."""


class StorageError(UnknotError):
    """The disk refused a write: full, read-only, or an I/O error. Nothing was changed."""


class InvalidValueError(UnknotError):
    """A value given by the user is outside what Unknot accepts (sign id, mood, rating, date)."""


class ImportFileError(UnknotError):
    """An import file could not be read; nothing was imported."""
