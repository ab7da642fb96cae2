"""The interface's language: Qt's translators, the locale for dates and numbers, and the core's
words in the same language.

``main()`` calls :func:`install_translation` once, before any window is built. It follows the
system's languages (``QLocale.system().uiLanguages()``, which honours ``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES`` and ``LANG``); ``UNKNOT_LANG`` (``es``, ``en``…) forces one, for tests and for
anyone who wants Unknot in another language than their desktop. A language Unknot does not speak
reads English, silently; so does a missing ``.qm`` file.

The chosen language also becomes Qt's default locale, so that every ``QLocale()`` in the window
writes dates and numbers in the interface's language — the system's own formats when it speaks
that language, English words with the system's country otherwise (never German month names in
an English sentence). :func:`ui_language` reads it back for the core, which takes a language
code and never asks Qt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from unknot.journal import i18n

if TYPE_CHECKING:
    from datetime import date, datetime
    from importlib.resources.abc import Traversable

__all__ = [
    "ENV_VAR",
    "Translation",
    "choose_language",
    "core_text",
    "compact_date_time",
    "date_format",
    "date_time_words",
    "date_words",
    "install_translation",
    "qm_resource",
    "number_words",
    "short_date",
    "ui_language",
]

#: Forces the interface's language (``es``, ``es_MX``, ``en``); unset, the system's is followed.
ENV_VAR = "UNKNOT_LANG"
_WEEKDAY = re.compile(r"d{4}[,.]?\s*")


@dataclass
class Translation:
    """The translators installed for one language; :meth:`remove` takes them out again."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    previous_locale: QLocale = field(default_factory=QLocale)

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()
        QLocale.setDefault(self.previous_locale)


def choose_language(environ: Mapping[str, str], system: QLocale) -> QLocale:
    """The locale the interface speaks: ``UNKNOT_LANG`` if set, else the first of the system's
    languages that Unknot has; English (with the system's country) when there is none."""
    forced = environ.get(ENV_VAR, "").strip()
    if forced:
        wanted = QLocale(forced.replace("-", "_").split(".")[0])
        if i18n.language_code(wanted.name()) == "en":
            return QLocale(QLocale.Language.English, system.territory())
        return wanted
    if system.language() == QLocale.Language.C:
        return system
    for name in system.uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in i18n.LANGUAGES:
            # A locale made from its name, not the system object itself: with LANGUAGE=es and
            # LANG=de_DE the system's formats are German, and "1. Dezember" would sit in a
            # Spanish sentence.
            return QLocale(system.name() if system.name().startswith(code) else name)
    return QLocale(QLocale.Language.English, system.territory())


def qm_resource(language: str) -> Traversable:
    """Unknot's compiled translation for `language` (resources/translations)."""
    from importlib.resources import files

    return files("unknot.resources").joinpath("translations", f"unknot_{language}.qm")


def install_translation(app: QCoreApplication,
                        environ: Mapping[str, str] | None = None) -> Translation:
    """Load Unknot's and Qt's own translations for the chosen language into ``app`` and make
    that language the default locale. Returns what was installed (``.remove()`` undoes it)."""
    locale = choose_language(os.environ if environ is None else environ, QLocale.system())
    translation = Translation(language=i18n.language_code(locale.name()))
    if translation.language != "en":
        from importlib.resources import as_file  # English needs no file at all

        ours = QTranslator(app)
        resource = qm_resource(translation.language)
        loaded = False
        if resource.is_file():
            with as_file(resource) as path:
                loaded = ours.load(str(path))
        if loaded:
            translation.translators.append(ours)
            qt_own = QTranslator(app)  # the buttons of Qt's own dialogs (Cancel, Save, Yes…)
            if qt_own.load(locale, "qtbase", "_",
                           QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                translation.translators.append(qt_own)
        else:  # no .qm: English words, silently, and dates in English to go with them
            translation.language = "en"
            locale = QLocale(QLocale.Language.English, locale.territory())
    QLocale.setDefault(locale)
    for translator in translation.translators:
        app.installTranslator(translator)
    return translation


def ui_language() -> str:
    """The interface's language code (``"en"``, ``"es"``), for the core's words."""
    return i18n.language_code(QLocale().name())


def core_text(english: str, context: str = "") -> str:
    """One of the core's sentences (a constant of ``unknot.journal``) in the interface's
    language (see unknot.journal.i18n.text for ``context``)."""
    return i18n.text(english, ui_language(), context)


def date_format() -> str:
    """The locale's long date format without the weekday ("d MMMM yyyy", "d 'de' MMMM 'de'
    yyyy", "MMMM d, yyyy"), for date fields and :func:`date_words`."""
    return _WEEKDAY.sub("", QLocale().dateFormat(QLocale.FormatType.LongFormat)).strip(" ,")


def date_words(day: date) -> str:
    """"1 December 2026", "1 de diciembre de 2026", "December 1, 2026": the locale's long date
    without the weekday."""
    return QLocale().toString(QDate(day.year, day.month, day.day), date_format())


def date_time_words(moment: datetime) -> str:
    """"Tuesday, 1 December 2026, 09:30" in the locale's words and order (local time)."""
    local = moment.astimezone()
    locale = QLocale()
    when = QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute))
    return (locale.toString(when.date(), QLocale.FormatType.LongFormat) + ", "
            + locale.toString(when.time(), QLocale.FormatType.ShortFormat))


def compact_date_time(moment: datetime) -> str:
    """"Tue, 1 Dec 2026, 09:30", "mar, 1 de dic de 2026, 9:30": the long date's order with
    short names, and the locale's time (local time)."""
    local = moment.astimezone()
    locale = QLocale()
    fmt = (locale.dateFormat(QLocale.FormatType.LongFormat)
           .replace("dddd", "ddd").replace("MMMM", "MMM"))
    return (locale.toString(QDate(local.year, local.month, local.day), fmt) + ", "
            + locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat))


def short_date(day: date) -> str:
    """The locale's short date ("01/12/2026", "1/12/26")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def number_words(value: int) -> str:
    """An integer with the locale's digits and grouping."""
    return QLocale().toString(value)
