"""One rule for choosing entries and check-ins by date and sign, for every list, export, summary
and count: a date range is of *local calendar days* on this computer (an entry belongs to the
local day of its ``created`` instant, a check-in to its calendar ``day``), both ends inclusive,
``None`` open-ended; a sign filter keeps entries tagged with every sign asked for.

Text matching is search.py's (it keeps a folded index); this module never looks at the words.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, tzinfo

from unknot.journal.localtime import local_day
from unknot.journal.model import CheckIn, Entry


def in_range(day: date, since: date | None, until: date | None) -> bool:
    """``since <= day <= until``, either end open when ``None``."""
    return (since is None or day >= since) and (until is None or day <= until)


def on_days(moment: datetime, since: date | None, until: date | None,
            zone: tzinfo | None = None) -> bool:
    """The instant falls on a local day within ``since..until``."""
    if since is None and until is None:
        return True
    return in_range(local_day(moment, zone), since, until)


def matches(entry: Entry, *, since: date | None = None, until: date | None = None,
            signs: Collection[str] = (), zone: tzinfo | None = None) -> bool:
    """The entry is tagged with every sign in ``signs`` and written on a local day within
    ``since..until``. The journal pane's filter, search and exports all ask this."""
    if signs and not all(sign in entry.signs for sign in signs):
        return False
    return on_days(entry.created, since, until, zone)


def select(entries: Iterable[Entry], checkins: Iterable[CheckIn], since: date | None,
           until: date | None, zone: tzinfo | None = None) -> tuple[list[Entry], list[CheckIn]]:
    """Entries written on local dates since..until (both inclusive; None is open-ended) and the
    check-ins of those days, newest first."""
    chosen = [e for e in entries if on_days(e.created, since, until, zone)]
    chosen.sort(key=lambda e: e.created, reverse=True)
    kept = [c for c in checkins if in_range(c.day, since, until)]
    kept.sort(key=lambda c: c.day, reverse=True)
    return chosen, kept
