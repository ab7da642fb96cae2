"""What `unknot-cli` reads besides its commands: argument values (a wrong one is a usage error,
exit 2, that lists what is valid), passphrases (from a file or the terminal) and the text of
an entry on standard input."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NoReturn

from unknot.journal.errors import InvalidValueError, UnknotError
from unknot.journal.model import check_mood, check_rating, check_sign

EXIT_USAGE = 2


class UsageError(Exception):
    """Wrong use of the command line: exit code 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


# --- argument types ----------------------------------------------------------------------------

def as_type(check: Any) -> Any:
    def convert(text: str) -> Any:
        try:
            return check(text)
        except InvalidValueError as exc:
            raise argparse.ArgumentTypeError(exc.message) from exc
    convert.__name__ = check.__name__
    return convert


def sign(text: str) -> str:
    return check_sign(text.strip())


def mood(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InvalidValueError(
            f"mood {text!r} is not a whole number; valid values are -2, -1, 0, 1, 2") from None
    check_mood(value)
    return value


def rating(text: str) -> tuple[str, int]:
    sign_id, sep, number = text.partition("=")
    if not sep:
        raise InvalidValueError(f"{text!r} should look like SIGN=N, for example isolated=2")
    check_sign(sign_id.strip())
    try:
        value = int(number)
    except ValueError:
        raise InvalidValueError(
            f"rating {number!r} is not a whole number; valid values are 0, 1, 2, 3, 4") from None
    return sign_id.strip(), check_rating(sign_id, value)


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise InvalidValueError(f"{text!r} is not a count (0 or more)")
    return value


# --- passphrases -------------------------------------------------------------------------------

def read_secret_file(path: os.PathLike[str]) -> str:
    """The first line of a passphrase file. A file that is missing, unreadable or empty is the
    person's to fix, as any other missing file is: exit 1, not a usage error."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise UnknotError(f"There is no passphrase file at {os.fspath(path)}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UnknotError(f"Cannot read the passphrase file {os.fspath(path)}: {reason}.") \
            from exc
    first = text.splitlines()[0] if text else ""
    if not first:
        raise UnknotError(f"The passphrase file {os.fspath(path)} is empty; its first line is "
                          "the passphrase.")
    return first


def ask(prompt: str) -> str:
    import getpass

    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
    except OSError:
        raise UsageError("there is no terminal to ask for the passphrase; "
                         "use --passphrase-file FILE") from None
    return getpass.getpass(prompt)


def new_passphrase(file: os.PathLike[str] | None) -> str:
    if file is not None:
        return read_secret_file(file)
    first = ask("New passphrase: ")
    if ask("Repeat the new passphrase: ") != first:
        raise UsageError("the two passphrases differ; nothing was changed")
    if not first:
        raise UsageError("the passphrase cannot be empty")
    return first


# --- an entry's text -----------------------------------------------------------------------------

def read_stdin_text() -> str:
    """Standard input exactly as given (no newline translation), as UTF-8."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # already text (a caller replaced stdin, as tests do)
        return sys.stdin.read()
    data: bytes = raw.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnknotError(
            f"The text on standard input is not UTF-8 (byte {exc.start} cannot be read), so "
            "nothing was saved. Convert it to UTF-8 first, for example with iconv.") from None
