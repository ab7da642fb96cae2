"""`unknot-cli`: the scripting face of Unknot's core, for backups, checks and automation.

Exit codes: 0 success; 1 the vault cannot be opened or the request cannot be done; 2 usage
error; 3 the vault opened but some records are damaged (what is intact is still printed); 141
(128 + SIGPIPE, what the shell reports for other programs) when the reader of the output
stopped reading (`unknot-cli list | head`), quietly. Passphrases come from the terminal or
from --passphrase-file, never from an argument.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from unknot.journal import journal as ops
from unknot.journal.cli_args import (
    Parser,
    UsageError,
    as_type,
    ask,
    count,
    mood,
    new_passphrase,
    rating,
    read_secret_file,
    read_stdin_text,
    sign,
)
from unknot.journal.content import SIGN_IDS
from unknot.journal.errors import InvalidValueError, UnknotError, describe
from unknot.journal.importers import FORMAT_NAMES, FORMATS
from unknot.journal.localtime import now, parse_date, parse_datetime
from unknot.journal.model import CheckIn, Entry
from unknot.journal.storage import write_private_file
from unknot.journal.vault import LoadResult

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_DAMAGED = 0, 1, 2, 3
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE
PROG = "unknot-cli"
STDOUT = Path("-")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("unknot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(version unknown)"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=PROG, description="Scripting face of Unknot, the private journal.")
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def command(name: str, help_text: str, passphrase: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--vault", required=True, type=Path, metavar="PATH",
                         help="the vault file (only init creates one)")
        if passphrase:
            sub.add_argument("--passphrase-file", type=Path, metavar="F",
                             help="read the passphrase from the first line of F (else it is "
                                  "asked for on the terminal)")
        return sub

    def dates(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--from", dest="since", type=as_type(parse_date), metavar="D",
                         help="first local date, YYYY-MM-DD (default: the earliest entry or "
                              "check-in)")
        sub.add_argument("--to", dest="until", type=as_type(parse_date), metavar="D",
                         help="last local date, YYYY-MM-DD, inclusive (default: today)")

    signs = ", ".join(SIGN_IDS)

    init = command("init", "create a new vault")
    init.add_argument("--recovery-key", action="store_true",
                      help="also make a recovery key (printed once; anyone who finds it can "
                           "open the journal)")

    add = command("add", "add an entry; its text comes on standard input (no text is a usage "
                         "error, unless there is a --title)")
    add.add_argument("--sign", action="append", default=[], type=as_type(sign), metavar="ID",
                     help=f"a sign the entry is about; repeat for more. Valid ids: {signs}")
    add.add_argument("--tag", action="append", default=[], metavar="T",
                     help="a free tag; repeat for more")
    add.add_argument("--mood", type=as_type(mood), metavar="N",
                     help="mood from -2 (very low) to +2 (very good)")
    add.add_argument("--date", type=as_type(parse_datetime), metavar="ISO",
                     help="when it was written, ISO 8601 (2026-03-14T21:30, with or without an "
                          "offset; without one it is local time). Default: now")
    add.add_argument("--title", default="", metavar="TEXT", help="the entry's title")

    for name, text in (("list", "list entries, newest first"), ("search", "search entries")):
        sub = command(name, text)
        if name == "search":
            sub.add_argument("query", metavar="QUERY", help="words to find in titles, text "
                                                            "and tags")
        else:
            sub.add_argument("--limit", type=as_type(count), metavar="N",
                             help="only the newest N entries (default: all)")
        sub.add_argument("--json", action="store_true",
                         help='print JSON: {"entries": [...], "damaged": [ids]}')

    checkin = command("checkin", "record a weekly check-in; a sign not rated is skipped "
                                 "(stored as missing, never as 0)")
    checkin.add_argument("--rate", action="append", default=[], type=as_type(rating),
                         metavar="ID=N",
                         help="rate one sign: 0 Not at all, 1 A little bit, 2 Somewhat, "
                              "3 Quite a bit, 4 Very much; repeat for more; leave a sign out to "
                              f"skip it (with no --rate, all six are skipped). Ids: {signs}")
    checkin.add_argument("--note", default="", metavar="TEXT", help="a note to the check-in")
    checkin.add_argument("--date", type=as_type(parse_date), metavar="DATE",
                         help="the calendar date it belongs to, YYYY-MM-DD (default: today)")

    export = command("export", "export entries and check-ins (the file is NOT encrypted)")
    export.add_argument("--format", required=True, choices=("md", "json", "pdf"),
                        help="md (Markdown), json (Unknot's own: imports back losslessly) or "
                             "pdf (the session summary to share)")
    export.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help="the file to write; - writes md or json to standard output")
    dates(export)
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _add_pdf_flags(export)

    command("verify", "check the vault for damage")

    passwd = command("passwd", "change the passphrase")
    passwd.add_argument("--new-passphrase-file", type=Path, metavar="F",
                        help="read the new passphrase from the first line of F (else it is "
                             "asked for twice on the terminal)")
    passwd.add_argument("--rotate-key", action="store_true",
                        help="someone may know the passphrase: also make a new data key, "
                             "re-encrypt every record and remove old backups")

    backup = command("backup", "write an encrypted copy of the vault", passphrase=False)
    backup.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help="where to write the copy")

    imp = command("import", "import from Unknot, jrnl, Day One or a folder of Markdown files, "
                            "all or nothing; what is already there is not added again")
    imp.add_argument("--format", required=True, choices=FORMATS,
                     help="; ".join(f"{k}: {v}" for k, v in FORMAT_NAMES.items()))
    imp.add_argument("file", type=Path, metavar="PATH", help="the file (or folder) to import")

    timeline = command("timeline", "entries, signs, check-ins and mood by day, week or month")
    timeline.add_argument("--by", required=True, choices=("day", "week", "month"),
                          help="the length of each bucket (weeks start on Monday)")
    dates(timeline)
    timeline.add_argument("--json", action="store_true",
                          help="print JSON (the stable shape of DESIGN §8), not a table")
    return parser


# --- opening ------------------------------------------------------------------------------------

def _passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_file is not None:
        return read_secret_file(args.passphrase_file)
    return ask("Passphrase: ")


def _open(args: argparse.Namespace, read: bool = False) -> ops.Journal:
    # Always read-write: after a crash SQLite must be able to roll back an interrupted save.
    # No rolling backup: the scripting face writes nothing beside a file it was not asked to
    # (`unknot-cli backup` takes one when asked).
    return ops.open_journal(args.vault, _passphrase(args), read=read, index=False, backup=False)


def _report_damage(loaded: LoadResult | Sequence[str]) -> int:
    damaged = loaded.damaged if isinstance(loaded, LoadResult) else loaded
    if not damaged:
        return EXIT_OK
    print(f"{PROG}: {len(damaged)} damaged record(s) could not be read and were skipped: "
          + ", ".join(damaged), file=sys.stderr)
    return EXIT_DAMAGED


# --- commands ----------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    passphrase = (read_secret_file(args.passphrase_file) if args.passphrase_file
                  else new_passphrase(None))
    created = ops.create_journal(args.vault, passphrase, with_recovery=args.recovery_key)
    created.journal.close()
    recovery = created.recovery_key
    print(f"Created a new vault at {args.vault}.", file=sys.stderr)
    if recovery:
        print("Recovery key (shown once; write it down and keep it where only you can find it — "
              "anyone who has it can open the journal):", file=sys.stderr)
        print(recovery)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    body = read_stdin_text()
    if not body.strip() and not args.title.strip():
        raise UsageError("there is no text on standard input, so nothing was added; pipe the "
                         "entry in, for example: echo 'text' | unknot-cli add --vault PATH")
    moment = args.date or now()
    entry = Entry.new(moment, title=args.title, body=body, signs=tuple(args.sign),
                      mood=args.mood, tags=tuple(args.tag))
    with _open(args) as journal:
        ops.save(journal, entry)
    print(entry.id)
    return EXIT_OK


def _print_entries(entries: Sequence[Entry], damaged: Sequence[str], as_json: bool) -> None:
    if as_json:
        # In pieces, as json.dump writes: one huge write() to a pipe whose reader has gone can
        # end with no error, the rest lost and the exit code 0.
        json.dump({"entries": [e.to_json() for e in entries], "damaged": list(damaged)},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for entry in entries:
        facts = []
        if entry.signs:
            facts.append(",".join(entry.signs))
        if entry.mood is not None:
            facts.append(f"mood {entry.mood:+d}")
        if entry.tags:
            facts.append(" ".join(f"#{t}" for t in entry.tags))
        suffix = f"  [{'; '.join(facts)}]" if facts else ""
        print(f"{entry.id[:8]}  {entry.created:%Y-%m-%d %H:%M}  "
              f"{entry.display_title or '(untitled)'}{suffix}")


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args, read=True) as journal:
        loaded = journal.loaded
    entries = loaded.entries if args.limit is None else loaded.entries[: args.limit]
    _print_entries(entries, loaded.damaged, args.json)
    return _report_damage(loaded)


def cmd_search(args: argparse.Namespace) -> int:
    from unknot.journal.search import search

    with _open(args, read=True) as journal:
        loaded = journal.loaded
    _print_entries(search(loaded.entries, args.query), loaded.damaged, args.json)
    return _report_damage(loaded)


def cmd_checkin(args: argparse.Namespace) -> int:
    ratings: dict[str, int] = {}
    for sign_id, value in args.rate:
        if sign_id in ratings:
            raise UsageError(f"{sign_id} is rated twice")
        ratings[sign_id] = value
    day: date = args.date or now().date()
    checkin = CheckIn.new(day, now(), ratings=ratings, note=args.note)
    with _open(args) as journal:
        ops.save(journal, checkin)
    print(checkin.id)
    if not ratings:
        print("Every item was skipped (no --rate); the check-in is saved.", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from unknot.journal import exchange
    from unknot.journal.query import select

    to_stdout = args.out == STDOUT
    if to_stdout and args.format == "pdf":
        raise UsageError("--out - writes md or json to standard output; a PDF needs a file "
                         "name: --out FILE")
    if args.format == "pdf" or args.entry or args.protect:
        return _export_pdf(args)
    if not to_stdout and args.out.exists() and not args.force:
        raise UnknotError(f"{args.out} already exists; add --force to overwrite it.")
    with _open(args, read=True) as journal:
        loaded = journal.loaded
    entries, checkins = select(loaded.entries, loaded.checkins, args.since, args.until)
    if args.format == "json":
        text = exchange.export_json(entries, checkins, loaded.damaged)
    else:
        text = exchange.export_markdown(entries, checkins)
    if to_stdout:
        for start in range(0, len(text), 1 << 14):  # in pieces, so a closed pipe is noticed
            sys.stdout.write(text[start:start + (1 << 14)])
    else:
        write_private_file(args.out, text)
    print(f"Wrote {len(entries)} entries and {len(checkins)} check-ins to "
          f"{'standard output' if to_stdout else args.out}. It is NOT encrypted: keep it "
          "somewhere private.", file=sys.stderr)
    return _report_damage(loaded)


# --- PDF export: the summary to share, through a hook ------------------------------------------
# The summary's PDF is painted by Qt, with the code that paints the screen; the core imports no
# Qt. The installed `unknot-cli` (unknot.app.cli) registers the writer before it runs main();
# `python -m unknot.journal.cli` has none and says so. Every other command imports no Qt.

SummaryPdfWriter = Callable[[Any, Path, bool], "str | None"]
_pdf_writers: list[SummaryPdfWriter] = []


def register_pdf_writer(writer: SummaryPdfWriter) -> None:
    """`writer(summary, path, protect)` writes the summary's PDF to `path` (private, whole or
    not at all) and returns the one-time passphrase of a protected one, else None."""
    _pdf_writers[:] = [writer]


def _add_pdf_flags(export: argparse.ArgumentParser) -> None:
    export.add_argument("--entry", action="append", default=[], metavar="ID",
                        help="pdf only: include this entry's words (repeat for more; an id or "
                             "the start of one, as `list` shows it); none by default")
    export.add_argument("--protect", action="store_true",
                        help="pdf only: encrypt it (AES-256) with a one-time passphrase of a "
                             "few words, printed alone on one line on standard output")


def _chosen_ids(wanted: Sequence[str], entries: Sequence[Entry]) -> set[str]:
    chosen = set()
    for text in wanted:
        found = [e.id for e in entries if e.id.startswith(text.strip().lower())] if text else []
        if len(found) != 1:
            why = "is not an entry in these dates" if not found else "matches several entries"
            raise UsageError(f"--entry {text!r} {why}; nothing was written")
        chosen.add(found[0])
    return chosen


def _export_pdf(args: argparse.Namespace) -> int:
    from unknot.journal.query import select
    from unknot.journal.summary import build_summary

    if args.format != "pdf":
        raise UsageError("--entry and --protect go with --format pdf only")
    if not _pdf_writers:
        raise UnknotError(
            "A PDF is painted with the window's libraries, which this way of starting does not "
            "load. Run the installed `unknot-cli export --format pdf ...`, or use --format md "
            "or --format json.")
    if str(args.out) == "-":
        raise UsageError("a PDF cannot go to standard output; give --out FILE")
    if args.out.exists() and not args.force:
        raise UnknotError(f"{args.out} already exists; add --force to overwrite it.")
    with _open(args, read=True) as journal:
        loaded = journal.loaded
    today = now().date()
    days = [e.created.astimezone().date() for e in loaded.entries] + [
        c.day for c in loaded.checkins]
    since = args.since or min(days, default=today)
    until = args.until or max(today, since)
    if since > until:
        raise UsageError(f"--from {since.isoformat()} is after --to {until.isoformat()}")
    inside, _ = select(loaded.entries, (), since, until)
    summary = build_summary(loaded.entries, loaded.checkins, since, until,
                            _chosen_ids(args.entry, inside), today=today)
    passphrase = _pdf_writers[0](summary, args.out, args.protect)
    if passphrase is not None:
        print(passphrase)
        print(f"Wrote a protected PDF to {args.out}: it opens only with the passphrase above, "
              "shown this once.", file=sys.stderr)
    else:
        print(f"Wrote a PDF to {args.out}. This file is NOT encrypted: keep it somewhere "
              "private.", file=sys.stderr)
    return _report_damage(loaded)


def cmd_verify(args: argparse.Namespace) -> int:
    with _open(args) as journal:
        report = journal.vault.verify()
    for problem in report.structure_problems:
        print(f"{PROG}: file structure: {problem}", file=sys.stderr)
    for found in report.record_set:
        print(f"{PROG}: set of records: {found.words()}", file=sys.stderr)
    if report.ok:
        print(f"All {report.records} records are intact.")
        return EXIT_OK
    print(f"{report.records - len(report.damaged)} of {report.records} records are intact."
          + (" The set of records is not the one last saved." if report.record_set else ""))
    _report_damage(report.damaged)
    return EXIT_DAMAGED


def cmd_passwd(args: argparse.Namespace) -> int:
    with _open(args) as journal:
        new = new_passphrase(args.new_passphrase_file)
        change = ops.change_passphrase(journal, new, rotate=args.rotate_key)
    print(change.words(), file=sys.stderr)
    if change.recovery_key:
        print("New recovery key (shown once; the old one no longer opens the journal):",
              file=sys.stderr)
        print(change.recovery_key)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from unknot.journal.backups import backup_file

    backup_file(args.vault, args.out)
    print(f"Wrote an encrypted backup to {args.out}. It opens with the current passphrase.",
          file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from unknot.journal.importers import import_batch, read_source

    batch = read_source(args.file, args.format)  # all of it is checked before the vault opens
    with _open(args) as journal:
        summary = import_batch(journal, batch)
    print(summary.words(), file=sys.stderr)
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace) -> int:
    from unknot.journal import timeline

    if args.since is not None and args.until is not None and args.since > args.until:
        raise UsageError(f"--from {args.since.isoformat()} is after --to "
                         f"{args.until.isoformat()}; give the earlier date first")
    with _open(args, read=True) as journal:
        loaded = journal.loaded
    result = timeline.aggregate(loaded.entries, loaded.checkins, args.by, args.since,
                                args.until)
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)  # in pieces
        sys.stdout.write("\n")
    else:
        from unknot.journal.cli_table import format_table

        sys.stdout.write(format_table(result))
    return _report_damage(loaded)


COMMANDS = {
    "init": cmd_init, "add": cmd_add, "list": cmd_list, "search": cmd_search,
    "checkin": cmd_checkin, "export": cmd_export, "verify": cmd_verify, "passwd": cmd_passwd,
    "backup": cmd_backup, "import": cmd_import, "timeline": cmd_timeline,
}


def _stdout_closed() -> int:
    """The reader of standard output stopped (`| head`): end quietly. What is still buffered
    goes nowhere, so that Python's last flush at exit has nothing to complain of."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # not a real file (a caller replaced it)
        pass
    return EXIT_PIPE_CLOSED


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        return _stdout_closed()
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidValueError as exc:
        print(f"{PROG}: {describe(exc, detail=True)}", file=sys.stderr)
        return EXIT_USAGE
    except UnknotError as exc:
        print(f"{PROG}: {describe(exc, detail=True)}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print(f"{PROG}: stopped; nothing more was changed.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, never journal text; details on request
        if os.environ.get("UNKNOT_DEBUG"):
            traceback.print_exc()
        print(f"{PROG}: unexpected error ({type(exc).__name__}); nothing more was changed. "
              "Set UNKNOT_DEBUG=1 for details.", file=sys.stderr)
        return EXIT_FAIL


def run() -> NoReturn:
    sys.exit(main())


if __name__ == "__main__":
    run()
