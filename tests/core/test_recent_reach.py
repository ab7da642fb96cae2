"""compare_recent looks at the local day only of entries within reach() of today (journal/
recent.py): a shortcut for long journals that must never change a count. Checked against the
plain rule — every entry's local day, in any zone, with entries written under other offsets."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from unknot.journal.content import SIGN_IDS
from unknot.journal.model import Entry
from unknot.journal.recent import compare_recent

TODAY = date(2026, 3, 29)  # the day Europe's clocks go forward: offsets change within reach
ZONES = ("Europe/Madrid", "America/St_Johns", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC")


def _plain_rule(entries: list[Entry], zone: ZoneInfo, days: int) -> dict[str, tuple[int, int]]:
    recent_first = TODAY - timedelta(days=days - 1)
    before_first = recent_first - timedelta(days=days)
    counts = {sign: [0, 0] for sign in SIGN_IDS}
    for entry in entries:
        day = entry.created.astimezone(zone).date()
        for sign in entry.signs:
            if recent_first <= day <= TODAY:
                counts[sign][0] += 1
            elif before_first <= day < recent_first:
                counts[sign][1] += 1
    return {sign: (a, b) for sign, (a, b) in counts.items()}


NOON = datetime(2026, 3, 29, 12, tzinfo=timezone.utc)


def _entry(hours: int, offset_minutes: int, signs: list[str]) -> Entry:
    """An entry written `hours` from today's noon, under a UTC offset of its own."""
    written = (NOON + timedelta(hours=hours)).astimezone(
        timezone(timedelta(minutes=offset_minutes)))
    return dataclasses.replace(Entry.new(NOON, title="", body="x", signs=tuple(signs)),
                               created=written)


entries_near_the_edges = st.lists(st.builds(
    _entry,
    st.integers(-24 * 70, 24 * 3),  # from before both windows to after today
    st.integers(-14 * 4, 14 * 4).map(lambda quarter: quarter * 15),
    st.lists(st.sampled_from(SIGN_IDS), max_size=2, unique=True)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(entries_near_the_edges, st.sampled_from(ZONES), st.sampled_from((1, 7, 30)))
def test_the_shortcut_counts_what_the_plain_rule_counts(entries: list[Entry], zone_name: str,
                                                        days: int) -> None:
    zone = ZoneInfo(zone_name)
    changes = compare_recent(entries, days=days, zone=zone, today=TODAY)
    assert {c.sign: (c.recent, c.before) for c in changes} == _plain_rule(entries, zone, days)
