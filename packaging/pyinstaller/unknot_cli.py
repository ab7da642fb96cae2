"""PyInstaller entry for the command line: the same function as the `unknot-cli` script."""

from unknot.journal.cli import run

run()
