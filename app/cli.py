"""The installed `unknot-cli`: the core's command line (unknot.journal.cli) with the window's
PDF writer registered, so that `export --format pdf` paints the summary with the same code as
the screen. Qt is imported only when a PDF is written: every other command starts without it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn


def _write_pdf(summary: Any, path: Path, protect: bool) -> str | None:
    from unknot.app.share.cli_pdf import write_summary_pdf

    return write_summary_pdf(summary, path, protect)


def run() -> NoReturn:
    from unknot.journal import cli

    cli.register_pdf_writer(_write_pdf)
    cli.run()
