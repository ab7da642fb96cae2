"""Every string the window shows can be translated, and the Spanish translation is whole.

- Every ``tr()`` / ``translate()`` call in app/ is one that ``pyside6-lupdate`` can extract with
  the context Qt looks it up under (checked on the syntax tree; a list of offenders fails).
- ``pyside6-lupdate`` over app/ finds exactly the strings of resources/translations/unknot_es.ts,
  each with a finished Spanish translation that keeps its placeholders; the committed .qm is
  the .ts compiled.
- The core's own sentences (core.es.json), the Spanish documents and the signs' Spanish words
  are complete, and the Help page keeps every crisis number exactly.
- The language follows UNKNOT_LANG or the system, and a missing .qm falls back to English.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from unknot.app.i18n import (
    choose_language,
    date_words,
    install_translation,
    ui_language,
)
from unknot.journal import content, i18n
from unknot.journal.content import DOCUMENT_NAMES, SIGN_IDS, load_document, load_signs

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
TS = ROOT / "resources" / "translations" / "unknot_es.ts"
CORE_ES = ROOT / "resources" / "translations" / "core.es.json"
TOOLS = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"%\d|%[sdn]|\{[a-z_]*\}")


# --- every string can be extracted -------------------------------------------------------------

def _noop_contexts(tree: ast.AST) -> set[str]:
    """Contexts a module marks strings for with QT_TRANSLATE_NOOP("Context", "…")."""
    return {
        node.args[0].value for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _name(node.func) == "QT_TRANSLATE_NOOP"
        and node.args and isinstance(node.args[0], ast.Constant)
    }


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def untranslatable_calls(source: str, filename: str) -> list[str]:
    """The calls lupdate cannot extract, or would file under a context Qt never looks in."""
    tree = ast.parse(source, filename)
    marked = _noop_contexts(tree)
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, where = _name(node.func), f"{filename}:{node.lineno}: {ast.unparse(node)[:90]}"
        if name == "tr":
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            if not (isinstance(owner, ast.Name) and owner.id == "self"):
                # lupdate files parent.tr("…") under "parent" and tr("Ctx", "…") as a source
                # text "Ctx"; Qt looks the string up under the class it runs in.
                problems.append(f"{where}  (tr() on something other than self)")
            elif not node.args or not _literal(node.args[0]):
                problems.append(f"{where}  (tr() of something that is not a string literal)")
        elif name == "translate":
            if len(node.args) < 2 or not _literal(node.args[0]):
                problems.append(f"{where}  (translate() without a literal context)")
            elif not _literal(node.args[1]) and node.args[0].value not in marked:  # type: ignore[attr-defined]
                problems.append(f"{where}  (translate() of a value no QT_TRANSLATE_NOOP marks)")
        elif name in ("QT_TR_NOOP", "QT_TR_NOOP_UTF8"):
            problems.append(f"{where}  (lupdate gives QT_TR_NOOP no context in Python: use "
                            "QT_TRANSLATE_NOOP(\"Context\", …))")
        elif name == "QT_TRANSLATE_NOOP" and not (len(node.args) == 2
                                                 and all(_literal(a) for a in node.args)):
            problems.append(f"{where}  (QT_TRANSLATE_NOOP of something that is not literal)")
    return problems


def test_every_translatable_string_in_the_app_can_be_extracted() -> None:
    problems = [problem for path in sorted(APP.rglob("*.py"))
                for problem in untranslatable_calls(path.read_text(encoding="utf-8"),
                                                    str(path.relative_to(ROOT)))]
    assert not problems, "strings pyside6-lupdate cannot extract:\n" + "\n".join(problems)


@pytest.mark.parametrize("code", [
    "self.tr(TEXT)",
    "parent.tr('Hello')",
    "tr('Context', 'Hello')",
    "QCoreApplication.translate('Context', text)",
    "QCoreApplication.translate(context, 'Hello')",
    "QT_TR_NOOP('Hello')",
    "self.tr(f'Hello {name}')",
])
def test_the_check_catches_what_lupdate_cannot_read(code: str) -> None:
    assert untranslatable_calls(code, "example.py")


@pytest.mark.parametrize("code", [
    "self.tr('Hello')",
    "self.tr('Hello %s') % name",
    "translate('Context', 'Hello')",
    "X = QT_TRANSLATE_NOOP('Context', 'Hello')\nQCoreApplication.translate('Context', X)",
])
def test_the_check_lets_extractable_calls_through(code: str) -> None:
    assert untranslatable_calls(code, "example.py") == []


# --- the Spanish .ts is whole ------------------------------------------------------------------

def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_lupdate_finds_exactly_the_strings_of_the_spanish_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-silent", "-extensions", "py",
                    "-locations", "none", str(APP), "-ts", str(fresh)], check=True)
    extracted, shipped = set(_messages(fresh)), set(_messages(TS))
    assert len(extracted) > 300
    assert not extracted - shipped, (
        "strings in app/ that unknot_es.ts lacks (run `python packaging/translations.py "
        f"update`, translate them, then `build`): {sorted(extracted - shipped)}")
    assert not shipped - extracted, f"strings no longer in app/: {sorted(shipped - extracted)}"
    assert ("", "") not in extracted and not any(not context for context, _ in extracted)


def test_every_spanish_translation_is_finished_and_keeps_its_placeholders() -> None:
    problems = []
    for (context, source), message in _messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
                f.strip() for f in forms):
            problems.append(f"{context}: {source[:60]!r} is not translated")
            continue
        for form in forms:
            if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source[:60]!r} loses or adds a placeholder")
    assert not problems, "\n".join(problems)


def test_the_committed_qm_is_the_ts_compiled(tmp_path: Path) -> None:
    fresh = tmp_path / "unknot_es.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
                   check=True)
    assert TS.with_suffix(".qm").read_bytes() == fresh.read_bytes(), (
        "unknot_es.qm is stale: run `python packaging/translations.py build`")


# --- the core's words, the documents and the signs in Spanish ----------------------------------

def _core_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "journal").glob("*.py"))


def test_every_core_sentence_in_spanish_is_one_the_core_says() -> None:
    catalogue = json.loads(CORE_ES.read_text(encoding="utf-8"))
    sources = re.sub(r'"\s*\n\s*"', "", _core_sources())  # join implicitly continued literals
    for key, spanish in catalogue.items():
        english = key.partition("|")[2] or key if "|" in key else key
        assert english in sources, f"core.es.json has a sentence the core no longer says: {key}"
        assert spanish.strip() and spanish != english
        assert sorted(PLACEHOLDER.findall(spanish)) == sorted(PLACEHOLDER.findall(english)), key


def test_the_core_speaks_spanish_when_asked_and_english_otherwise() -> None:
    from unknot.journal.errors import WrongPassphraseError, describe
    from unknot.journal.model import MOOD_WORDS, RATING_WORDS
    from unknot.journal.recent import SignChange, describe_change
    from unknot.journal.summary import entries_count, mood_words, rating_words

    wrong = WrongPassphraseError("no")
    assert describe(wrong).startswith("That passphrase does not open")
    assert describe(wrong, language="es").startswith("Esa frase de contraseña no abre")
    assert describe(ValueError(), language="es") == (
        "Algo inesperado salió mal (ValueError). No se ha perdido nada de lo que guardaste.")
    assert describe_change(SignChange("isolated", 4, 1), language="es") == (
        "En los últimos 30 días, esta señal aparece en 4 entradas; en los 30 días anteriores, "
        "en 1 entrada: más alto.")
    assert entries_count(0, "es") == "ninguna entrada" and entries_count(2, "de") == "2 entries"
    assert rating_words(2.5, "es") == "entre Algo y Bastante"
    assert mood_words(2, "es") == "Muy bueno"
    for word in (*RATING_WORDS.values(), *MOOD_WORDS.values()):
        assert i18n.text(word, "es") != word
    from unknot.journal.passphrase import LEVELS

    assert [i18n.text(level, "es", "strength") for level in LEVELS] == [
        "Muy débil", "Débil", "Aceptable", "Buena", "Fuerte"]
    assert i18n.language_code("es_MX.UTF-8") == "es" and i18n.language_code("de_DE") == "en"


@pytest.mark.parametrize("name", DOCUMENT_NAMES)
def test_every_document_has_a_spanish_version_with_the_same_shape(name: str) -> None:
    english, spanish = load_document(name), load_document(name, "es")
    assert spanish != english
    heads = re.compile(r"^(#+) ", re.MULTILINE)
    assert heads.findall(spanish) == heads.findall(english), "the headings' levels differ"
    assert load_document(name, "de") == english  # a language Unknot lacks reads English


def test_the_spanish_help_keeps_every_crisis_number_under_its_country() -> None:
    number = re.compile(r"\d[\d\u2011\u00a0]*\d|\b\d\b")

    def by_country(text: str) -> list[list[str]]:
        sections = re.split(r"^### .+$", text, flags=re.MULTILINE)[1:]
        return [number.findall(section.split("\n## ")[0]) for section in sections]

    english, spanish = by_country(load_document("help")), by_country(load_document("help", "es"))
    assert len(english) == 5 and spanish == english
    # Each number stays on one line, as in English: no plain space or hyphen inside it.
    assert not re.search(r"\d[ -]\d", "".join(
        line for line in load_document("help", "es").splitlines() if line.startswith("- ")))
    for keyword in ("START", "CONNECT", "24/7", "988"):
        assert keyword in load_document("help", "es")


def test_the_spanish_help_links_to_its_own_for_therapists_heading() -> None:
    from mdit_py_plugins.anchors.index import slugify

    first = load_document("for-therapists", "es").splitlines()[0].lstrip("# ")
    assert f"(#{slugify(first)})" in load_document("help", "es")


def test_the_spanish_signs_keep_the_articles_words_and_translate_the_apps() -> None:
    english, spanish = load_signs(), load_signs("es")
    assert tuple(s.id for s in spanish) == SIGN_IDS
    for en, es in zip(english, spanish, strict=True):
        assert (es.heading, es.description) == (en.heading, en.description)  # the article's
        assert es.title != en.title and es.statement != en.statement
        assert len(es.prompts) == len(en.prompts)
        assert not set(es.prompts) & set(en.prompts)
    article = content.load_article("es")
    assert article.markdown == content.load_article().markdown  # never translated
    assert "inglés" in article.language_note and content.load_article().language_note == ""


# --- the language chosen, and English when nothing fits ----------------------------------------

@pytest.mark.parametrize(("environ", "system", "expected"), [
    ({"UNKNOT_LANG": "es"}, "en_GB", "es_ES"),
    ({"UNKNOT_LANG": "es_MX"}, "de_DE", "es_MX"),
    ({"UNKNOT_LANG": "de"}, "de_DE", "en_DE"),  # no German: English words, German country
    ({}, "es_AR", "es_AR"),
    ({}, "de_DE", "en_DE"),
    ({}, "C", "C"),
])
def test_the_language_follows_unknot_lang_then_the_system(
        environ: dict[str, str], system: str, expected: str) -> None:
    assert choose_language(environ, QLocale(system)).name() == expected


def test_spanish_is_installed_and_removed(qapp: QCoreApplication) -> None:
    from datetime import date

    before = QLocale().name()
    translation = install_translation(qapp, {"UNKNOT_LANG": "es"})
    try:
        assert translation.language == "es" and ui_language() == "es"
        assert QCoreApplication.translate("SignsPane", "The six signs") == "Las seis señales"
        assert date_words(date(2026, 12, 1)) == "1 de diciembre de 2026"
    finally:
        translation.remove()
    assert QLocale().name() == before and ui_language() == "en"
    assert QCoreApplication.translate("SignsPane", "The six signs") == "The six signs"


def test_a_missing_qm_reads_english_silently(qapp: QCoreApplication,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import unknot.app.i18n as app_i18n

    real_qm = app_i18n.qm_resource
    monkeypatch.setattr(app_i18n, "qm_resource",
                        lambda language: real_qm(language).with_name("unknot_xx.qm"))
    translation = install_translation(qapp, {"UNKNOT_LANG": "es"})
    try:
        assert translation.language == "en"
        assert QCoreApplication.translate("SignsPane", "The six signs") == "The six signs"
    finally:
        translation.remove()


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "es_ES.UTF-8"}, "es 1 de diciembre de 2026 Las seis señales"),
    # Spanish words with German formats from LANG: the dates follow the words, never
    # "1. Dezember" in a Spanish sentence.
    ({"LANGUAGE": "es", "LANG": "de_DE.UTF-8"}, "es 1 de diciembre de 2026 Las seis señales"),
    # No German translation: English words, and English month names with them.
    ({"LANG": "de_DE.UTF-8"}, "en 1 December 2026 The six signs"),
    ({"LANG": "de_DE.UTF-8", "UNKNOT_LANG": "es"}, "es 1 de diciembre de 2026 Las seis señales"),
])
def test_a_real_start_follows_the_environment(environ: dict[str, str], expected: str) -> None:
    import os

    code = ("import datetime\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from unknot.app.i18n import date_words, install_translation\n"
            "app = QApplication([])\n"
            "t = install_translation(app)\n"
            "print(t.language, date_words(datetime.date(2026, 12, 1)),\n"
            "      QCoreApplication.translate('SignsPane', 'The six signs'))\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME", "UNKNOT_LANG")}
    env.update(environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == expected
