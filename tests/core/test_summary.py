"""The session summary holds only what the client chose: the dates, the signs week by week, the
check-in ratings, and the entries they ticked — never check-in notes, never other entries."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from unknot.journal.content import load_signs
from unknot.journal.errors import InvalidValueError
from unknot.journal.model import CheckIn, Entry
from unknot.journal.query import select
from unknot.journal.summary import (
    CLINICIAN_LINE,
    SUMMARY_NOTICE,
    build_summary,
    demote_headings,
    mood_words,
    rating_words,
    summary_file_name,
    summary_markdown,
    summary_title,
)

UTC = timezone.utc
TODAY = date(2026, 11, 23)


def _entry(day: date, title: str, body: str, signs: tuple[str, ...] = ()) -> Entry:
    return Entry.new(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), title=title,
                     body=body, signs=signs)


def _journal() -> tuple[list[Entry], list[CheckIn]]:
    entries = [
        _entry(TODAY - timedelta(days=40), "Harvest fair", "kept out by the dates", ("isolated",)),
        _entry(TODAY - timedelta(days=10), "Letter never sent", "words the client chose to share",
               ("isolated", "addicted")),
        _entry(TODAY - timedelta(days=3), "Quiet evening", "words that stay in the journal",
               ("isolated",)),
    ]
    checkins = [
        CheckIn.new(TODAY - timedelta(days=7), datetime(2026, 11, 16, 9, tzinfo=UTC),
                    ratings={"isolated": 3, "addicted": 1}, note="a private check-in note"),
        CheckIn.new(TODAY - timedelta(days=60), datetime(2026, 9, 24, 9, tzinfo=UTC),
                    ratings={"isolated": 4}, note=""),
    ]
    return entries, checkins


def test_only_ticked_entries_in_the_dates_are_included() -> None:
    entries, checkins = _journal()
    since, until = TODAY - timedelta(days=29), TODAY
    chosen = {entries[0].id, entries[1].id}  # the first is outside the dates
    summary = build_summary(entries, checkins, since, until, chosen, zone=UTC, today=TODAY)
    assert [e.title for e in summary.entries] == ["Letter never sent"]
    assert [c.day for c in summary.checkins] == [TODAY - timedelta(days=7)]
    text = summary_markdown(summary)
    assert "words the client chose to share" in text
    assert "words that stay in the journal" not in text
    assert "kept out by the dates" not in text
    assert "a private check-in note" not in text
    assert "Check-in notes are not included." in text
    assert SUMMARY_NOTICE.split(":")[0] in text


def test_nothing_is_chosen_by_default() -> None:
    entries, checkins = _journal()
    summary = build_summary(entries, checkins, TODAY - timedelta(days=29), TODAY, set(),
                            zone=UTC, today=TODAY)
    text = summary_markdown(summary)
    assert summary.entries == ()
    assert "No entries were chosen for this summary." in text
    for entry in entries:
        assert entry.body not in text and entry.title not in text


def test_the_signs_count_every_entry_in_the_dates_without_their_words() -> None:
    entries, checkins = _journal()
    summary = build_summary(entries, checkins, TODAY - timedelta(days=29), TODAY, set(),
                            zone=UTC, today=TODAY)
    assert sum(b.signs["isolated"] for b in summary.timeline.buckets) == 2
    assert sum(b.signs["addicted"] for b in summary.timeline.buckets) == 1
    assert sum(b.entries for b in summary.timeline.buckets) == 2
    rows = [line for line in summary_markdown(summary).splitlines() if line.startswith("| ")]
    titles = [s.title for s in load_signs()]
    assert rows[0] == "| " + " | ".join(["Week starting", "Entries", *titles,
                                          "Average mood"]) + " |"
    # The check-in table: its day, then the six answers in words in the order of the signs.
    assert ("| 16\u00a0Nov\u00a02026 | Skipped | Skipped | Skipped | A little bit | Skipped | "
            "Quite a bit |") in rows


def test_the_entries_offered_are_on_local_dates_newest_first() -> None:
    entries, _ = _journal()
    found, _ = select(entries, (), TODAY - timedelta(days=29), TODAY, zone=UTC)
    assert [e.title for e in found] == ["Quiet evening", "Letter never sent"]


def test_dates_the_wrong_way_round_are_refused() -> None:
    entries, checkins = _journal()
    with pytest.raises(InvalidValueError, match="after its last day"):
        build_summary(entries, checkins, TODAY, TODAY - timedelta(days=1), set())


def test_a_day_before_the_dates_is_not_counted_in_their_first_week() -> None:
    """The timeline works in whole weeks; the summary's first week still counts only the
    chosen days."""
    monday, wednesday = date(2026, 3, 2), date(2026, 3, 4)
    before = _entry(monday, "Monday", "before the dates", ("isolated",))
    inside = _entry(wednesday, "Wednesday", "inside the dates", ("addicted",))
    checkin = CheckIn.new(monday, datetime(2026, 3, 2, 9, tzinfo=UTC), ratings={"isolated": 4})
    summary = build_summary([before, inside], [checkin], wednesday, date(2026, 3, 8),
                            {before.id, inside.id}, zone=UTC, today=TODAY)
    (week,) = summary.timeline.buckets
    assert week.start == monday
    assert (week.entries, week.signs["isolated"], week.signs["addicted"]) == (1, 0, 1)
    assert week.checkin is None and summary.checkins == ()
    assert [e.title for e in summary.entries] == ["Wednesday"]


def test_dates_are_the_days_on_this_computers_clock() -> None:
    """An entry written at 23:30 in New York is on the next day for a reader in UTC: the
    summary and `unknot-cli export --since/--until` use the local day, as the timeline does."""
    late = Entry.new(datetime(2026, 3, 4, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
                     title="late", body="written late")
    assert select([late], (), date(2026, 3, 5), date(2026, 3, 5), zone=UTC)[0] == [late]
    assert select([late], (), date(2026, 3, 4), date(2026, 3, 4), zone=UTC)[0] == []


def test_written_for_a_clinician_in_words_with_neutral_names() -> None:
    entries, checkins = _journal()
    summary = build_summary(entries, checkins, date(2026, 11, 2), TODAY, set(), zone=UTC,
                            today=TODAY)
    text = summary_markdown(summary)
    lines = [line for line in text.splitlines() if line.strip()]
    assert "For the clinician" in lines[1] and "not a validated measure" in lines[1]
    assert "follow how much was written" in lines[1]
    for never in ("of 4", "streak", "in a row", "answered", "(+0)", "see-thru", "session"):
        assert never not in text.lower()
    assert summary_file_name(summary, "pdf") == "notes-2026-11-02.pdf"
    title = summary_title(summary)
    assert "unknot" not in title.lower() and "session" not in title.lower()
    assert "Unknot" not in text
    assert CLINICIAN_LINE.startswith("For the clinician")


def test_answers_and_moods_are_words() -> None:
    assert rating_words(3) == "Quite a bit" and rating_words(0) == "Not at all"
    assert rating_words(2.5) == "between Somewhat and Quite a bit"
    assert mood_words(0) == "Okay" and mood_words(-0.5) == "between Low and Okay"
    assert mood_words(1.9) == "Very good"


def test_an_entrys_own_headings_go_below_its_heading() -> None:
    body = "# Top\n\ntext\n\n## Second\n\nAnother\n===\n\n```\n# not a heading\n```"
    demoted = demote_headings(body)
    assert demoted.splitlines()[0] == "#### Top"
    assert "##### Second" in demoted and "#### Another" in demoted
    assert "\n# not a heading\n" in demoted and "===" not in demoted
    entry = _entry(TODAY, "Headed", "# Loud heading\n\nwords")
    summary = build_summary([entry], [], TODAY, TODAY, {entry.id}, zone=UTC, today=TODAY)
    text = summary_markdown(summary)
    assert "\n### " in text and "\n#### Loud heading" in text
    assert "\n# Loud" not in text
