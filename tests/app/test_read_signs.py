"""The Read and Signs panes, and the Markdown viewer's refusal to load or open anything unasked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from unknot.app.read.read_pane import ReadPane
from unknot.app.signs.signs_pane import SignsPane
from unknot.app.widgets import markdown_view
from unknot.app.widgets.markdown_view import MarkdownView
from unknot.journal.content import SIGN_IDS, load_reader_comments, load_signs

BYLINE = "Jan 15, 2020 \u00b7 Emotional Health"

# The headless "offscreen" platform warns about this whenever a window is shown; it says
# nothing about our code.



# -- Read pane -------------------------------------------------------------------------------


@pytest.fixture
def read_pane(qtbot: QtBot) -> ReadPane:
    pane = ReadPane()
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_read_pane_starts_with_the_choice(read_pane: ReadPane) -> None:
    assert read_pane.current_page() == ReadPane.PAGE_BEFORE_YOU_READ
    assert "Before you read" in read_pane.intro_view.toPlainText()
    assert read_pane.read_article_button.isVisible()
    assert read_pane.not_now_button.isVisible()


def test_read_the_article_shows_title_and_byline(qtbot: QtBot, read_pane: ReadPane) -> None:
    qtbot.mouseClick(read_pane.read_article_button, Qt.MouseButton.LeftButton)
    assert read_pane.current_page() == ReadPane.PAGE_ARTICLE
    text = read_pane.article_view.toPlainText()
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0] == "The Good And Bad About Trauma Bonding"
    assert lines[1] == BYLINE
    assert "no named author" in lines[2]
    assert "About the term" in text  # the note sits under the article
    assert text.index("mentality.") < text.index("Dutton and Painter")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_readers_comments_follow_the_article_word_for_word(
    qtbot: QtBot, read_pane: ReadPane
) -> None:
    read_pane.show_article()
    text = _flat(read_pane.article_view.toPlainText())
    label = "Readers' comments"
    assert text.count(label) == 1
    end_of_article = text.index("overcome this unhealthy relationship and mentality.")
    about = text.index("What researchers mean")
    assert end_of_article < text.index(label) < about
    comments = load_reader_comments()
    assert [c.name for c in comments] == ["Holly", "Grace"]
    position = text.index(label)
    for comment in comments:
        said = text.index(f"{comment.name} wrote:", position)
        words = text.index(_flat(comment.text), said)  # verbatim, under its reader's name
        assert words < about
        position = words
    # They are labelled as the readers' words, not the article's or Unknot's.
    assert "not the article's and not Unknot's" in text


def test_comments_are_quoted_apart_from_the_article(read_pane: ReadPane) -> None:
    document = read_pane.article_view.document()
    for comment in load_reader_comments():
        first_line = comment.text.splitlines()[0]
        cursor = document.find(first_line[:60])
        assert not cursor.isNull()
        # Rendered as a block quote: indented on the left.
        assert cursor.blockFormat().leftMargin() > 0 or cursor.blockFormat().indent() > 0


def test_not_now_asks_for_the_signs(qtbot: QtBot, read_pane: ReadPane) -> None:
    with qtbot.waitSignal(read_pane.signs_requested, timeout=1000):
        qtbot.mouseClick(read_pane.not_now_button, Qt.MouseButton.LeftButton)


def test_help_is_reachable_by_button_and_method(qtbot: QtBot, read_pane: ReadPane) -> None:
    qtbot.mouseClick(read_pane.help_button, Qt.MouseButton.LeftButton)
    assert read_pane.current_page() == ReadPane.PAGE_HELP
    read_pane.show_article()
    read_pane.show_help()
    assert read_pane.current_page() == ReadPane.PAGE_HELP
    text = read_pane.help_view.toPlainText()
    assert "988" in text
    assert "not a replacement for professional care" in " ".join(text.split())


def test_help_ends_with_for_therapists(qtbot: QtBot, read_pane: ReadPane) -> None:
    read_pane.show_help()
    text = read_pane.help_view.toPlainText()
    assert text.index("Helplines") < text.rindex("For therapists")
    assert "not a validated measure" in _flat(text)
    assert read_pane.help_view.verticalScrollBar().value() == 0
    qtbot.mouseClick(read_pane.therapists_button, Qt.MouseButton.LeftButton)
    assert read_pane.current_page() == ReadPane.PAGE_HELP
    assert read_pane.help_view.verticalScrollBar().value() > 0


PHONE_NUMBERS = [
    "1\u2011800\u2011799\u20117233",
    "1\u2011866\u2011488\u20117386",
    "0808\u00a02000\u00a0247",
    "0808\u00a0801\u00a00327",
    "0800\u00a0999\u00a05428",
    "1\u2011800\u2011668\u20116868",
    "1\u2011855\u2011242\u20113310",
    "1800\u00a0737\u00a0732",
    "13\u00a011\u00a014",
    "1300\u00a0789\u00a0978",
    "1800\u00a0184\u00a0527",
    "1300\u00a0766\u00a0491",
    "1800\u00a0341\u00a0900",
    "1800\u00a0816\u00a0588",
    "1800\u00a0929\u00a0539",
]


def test_phone_numbers_stay_on_one_line_in_a_narrow_pane(
    qtbot: QtBot, read_pane: ReadPane
) -> None:
    read_pane.resize(400, 600)
    read_pane.show_help()
    qtbot.wait(0)  # let the layout settle at the new width
    view = read_pane.help_view
    document = view.document()
    # The renderer kept the no-break spaces.
    assert "0808\u00a02000\u00a0247" in document.toRawText()
    raw = document.toRawText()
    for number in PHONE_NUMBERS:
        # Qt's find() reads no-break spaces as spaces; the raw text must still hold them.
        found = document.find(
            number.replace("\u00a0", " "), 0, QTextDocument.FindFlag.FindCaseSensitively
        )
        assert not found.isNull(), number
        assert raw[found.selectionStart():found.selectionEnd()] == number
        start = QTextCursor(document)
        start.setPosition(found.selectionStart())
        end = QTextCursor(document)
        end.setPosition(found.selectionEnd())
        assert view.cursorRect(start).top() == view.cursorRect(end).top(), number


def test_about_the_term_scrolls_to_the_note(qtbot: QtBot, read_pane: ReadPane) -> None:
    qtbot.mouseClick(read_pane.about_button, Qt.MouseButton.LeftButton)
    assert read_pane.current_page() == ReadPane.PAGE_ARTICLE
    assert read_pane.article_view.verticalScrollBar().value() > 0


# -- Signs pane ------------------------------------------------------------------------------


@pytest.fixture
def signs_pane(qtbot: QtBot) -> SignsPane:
    pane = SignsPane()
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_six_cards_in_the_articles_order(signs_pane: SignsPane) -> None:
    cards = signs_pane.cards()
    assert tuple(card.sign.id for card in cards) == SIGN_IDS
    for card, sign in zip(cards, load_signs(), strict=True):
        assert card.title_label.text() == f"{sign.number} \u00b7 {sign.title}"
        assert card.description_label.text() == sign.description
        assert len(card.prompt_buttons) == len(sign.prompts)


@pytest.mark.parametrize("sign_id", ["others-want-you-out", "lost-identity", "isolated"])
def test_write_about_this_sends_the_sign_and_prompt(
    qtbot: QtBot, signs_pane: SignsPane, sign_id: str
) -> None:
    card = signs_pane.card(sign_id)
    button = card.prompt_buttons[1]
    signs_pane.ensureWidgetVisible(button)
    with qtbot.waitSignal(signs_pane.write_requested, timeout=1000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [sign_id, card.sign.prompts[1]]


def test_write_without_a_prompt(qtbot: QtBot, signs_pane: SignsPane) -> None:
    card = signs_pane.card("addicted")
    signs_pane.ensureWidgetVisible(card.free_write_button)
    with qtbot.waitSignal(signs_pane.write_requested, timeout=1000) as blocker:
        qtbot.mouseClick(card.free_write_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["addicted", ""]


def test_the_articles_words_are_folded_until_opened(signs_pane: SignsPane) -> None:
    for card in signs_pane.cards():
        # Folded: only Unknot's own title and prompts show.
        assert not card.is_quote_open()
        assert not card.heading_label.isVisible()
        assert not card.description_label.isVisible()
        assert card.quote_toggle.isVisible()
        assert card.quote_toggle.text() == "Show what the article says"
        assert card.quote_toggle.accessibleName() == (
            f"Show what the article says about sign {card.sign.number}"
        )
    signs_pane.ensureWidgetVisible(signs_pane.card("addicted").prompt_buttons[0])
    assert signs_pane.card("addicted").prompt_buttons[0].isVisible()


def test_opening_the_quote_marks_it_as_the_articles(qtbot: QtBot, signs_pane: SignsPane) -> None:
    card = signs_pane.card("addicted")
    signs_pane.ensureWidgetVisible(card.quote_toggle)
    qtbot.mouseClick(card.quote_toggle, Qt.MouseButton.LeftButton)
    assert card.is_quote_open()
    assert card.quote_source_label.isVisible()
    assert card.quote_source_label.text() == "The article says:"
    assert card.heading_label.isVisible() and card.description_label.isVisible()
    assert card.description_label.font().italic()
    assert card.description_label.text().startswith("You know you should leave.")
    assert card.quote_toggle.accessibleName() == "Hide what the article says about sign 4"
    # The quote sits in a frame of its own, above and apart from the app's prompts.
    assert card.description_label.parent() is card.quote_frame
    assert card.prompts_heading.parent() is card
    assert card.quote_frame.geometry().bottom() < card.prompts_heading.geometry().top()
    # Other cards stay folded.
    assert not signs_pane.card("see-it-through").is_quote_open()
    qtbot.mouseClick(card.quote_toggle, Qt.MouseButton.LeftButton)
    assert not card.is_quote_open() and not card.description_label.isVisible()


def test_the_quote_opens_and_folds_from_the_keyboard(qtbot: QtBot, signs_pane: SignsPane) -> None:
    card = signs_pane.card("isolated")
    assert card.quote_toggle.focusPolicy() & Qt.FocusPolicy.TabFocus
    signs_pane.ensureWidgetVisible(card.quote_toggle)
    card.quote_toggle.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(card.quote_toggle, Qt.Key.Key_Space)
    assert card.is_quote_open() and card.heading_label.isVisible()
    qtbot.keyClick(card.quote_toggle, Qt.Key.Key_Space)
    assert not card.is_quote_open()


def test_set_count_text_replaces_one_cards_count(signs_pane: SignsPane) -> None:
    signs_pane.set_recent_counts({"isolated": 2})
    signs_pane.set_count_text("isolated", "Tagged 2 times in the last 30 days, 1 before")
    assert signs_pane.card("isolated").count_label.text() == (
        "Tagged 2 times in the last 30 days, 1 before"
    )
    assert signs_pane.card("isolated").count_label.isVisible()
    assert signs_pane.card("addicted").count_label.text() == "Not tagged in the last 30 days"
    with pytest.raises(KeyError):
        signs_pane.set_count_text("not-a-sign", "x")


def test_counts_say_they_follow_how_much_was_written(signs_pane: SignsPane) -> None:
    assert not signs_pane.is_count_note_shown()
    signs_pane.set_recent_counts({"isolated": 3})
    assert signs_pane.is_count_note_shown()
    assert "Counts follow how much you wrote" in signs_pane.card("isolated").count_label.toolTip()
    signs_pane.clear_recent_counts()
    assert not signs_pane.is_count_note_shown()


def test_recent_counts_use_neutral_words(signs_pane: SignsPane) -> None:
    assert not signs_pane.card("isolated").count_label.isVisible()
    signs_pane.set_recent_counts({"isolated": 3, "addicted": 1, "not-a-sign": 9})
    assert signs_pane.card("isolated").count_label.text() == "Tagged 3 times in the last 30 days"
    assert signs_pane.card("addicted").count_label.text() == "Tagged once in the last 30 days"
    assert signs_pane.card("see-it-through").count_label.text() == (
        "Not tagged in the last 30 days"
    )
    assert signs_pane.card("isolated").count_label.isVisible()
    signs_pane.clear_recent_counts()
    assert not signs_pane.card("isolated").count_label.isVisible()
    assert signs_pane.card("isolated").count_label.text() == ""


# -- Markdown view ---------------------------------------------------------------------------


class _SpyView(MarkdownView):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, Any]] = []

    def loadResource(self, type: int, name: QUrl) -> Any:  # noqa: N802 (Qt override)
        answer = super().loadResource(type, name)
        self.requests.append((name.toString(), answer))
        return answer


@pytest.fixture
def big_image(tmp_path: Path) -> Path:
    path = tmp_path / "big.png"
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(0)
    assert image.save(str(path))
    return path


def test_view_loads_nothing_even_from_raw_html(qtbot: QtBot, big_image: Path) -> None:
    view = _SpyView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    local = QUrl.fromLocalFile(str(big_image)).toString()
    # Raw HTML straight into Qt, past the sanitiser: the view itself must still hold.
    view.setHtml(
        f'<p>text</p><img src="{local}"><img src="{big_image}">'
        '<img src="http://example.invalid/pixel.png">'
        f'<table background="{local}"><tr><td>cell</td></tr></table>'
        '<p style="background-image: url(http://example.invalid/bg.png)">styled</p>'
    )
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    urls = [url for url, _ in view.requests]
    assert any(url.startswith("file:") for url in urls)
    assert any(url.startswith("http:") for url in urls)
    for _, answer in view.requests:
        assert isinstance(answer, QByteArray) and answer.isEmpty()
    # A 600-pixel image that had been read from disk would make the page that tall.
    assert view.document().size().height() < 300


def test_view_shows_hostile_markdown_as_text(qtbot: QtBot, big_image: Path) -> None:
    view = _SpyView()
    qtbot.addWidget(view)
    view.set_markdown(
        f"<img src={big_image}> ![alt words]({QUrl.fromLocalFile(str(big_image)).toString()})"
        " <script>alert(1)</script> [x](javascript:alert(1))"
    )
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert view.requests == []
    text = view.toPlainText()
    assert "<script>alert(1)</script>" in text
    assert "alt words" in text


class _FakeBox:
    Icon = markdown_view.QMessageBox.Icon
    StandardButton = markdown_view.QMessageBox.StandardButton
    answer = StandardButton.No
    texts: list[str] = []

    def __init__(self, icon: Any, title: str, text: str, buttons: Any, parent: Any) -> None:
        _FakeBox.texts.append(text)

    def setTextFormat(self, text_format: Any) -> None: ...  # noqa: N802

    def setDefaultButton(self, button: Any) -> None: ...  # noqa: N802

    def deleteLater(self) -> None: ...  # noqa: N802

    def exec(self) -> Any:
        return _FakeBox.answer


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    _FakeBox.texts = []
    monkeypatch.setattr(markdown_view, "QMessageBox", _FakeBox)
    monkeypatch.setattr(markdown_view.QDesktopServices, "openUrl", urls.append)
    return urls


@pytest.mark.parametrize("agree", [True, False])
def test_link_opens_only_after_asking(
    qtbot: QtBot, opened: list[QUrl], monkeypatch: pytest.MonkeyPatch, agree: bool
) -> None:
    answer = _FakeBox.StandardButton.Yes if agree else _FakeBox.StandardButton.No
    monkeypatch.setattr(_FakeBox, "answer", answer)
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown("[a friendly name](https://example.org/real/address)")
    view.anchorClicked.emit(QUrl("https://example.org/real/address"))
    assert len(_FakeBox.texts) == 1
    assert "https://example.org/real/address" in _FakeBox.texts[0]
    assert [url.toString() for url in opened] == (
        ["https://example.org/real/address"] if agree else []
    )


@pytest.mark.parametrize(
    "address", ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "relative.md"]
)
def test_other_links_neither_ask_nor_open(qtbot: QtBot, opened: list[QUrl], address: str) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.anchorClicked.emit(QUrl(address))
    assert _FakeBox.texts == [] and opened == []


def test_clicking_a_link_with_the_mouse_asks(qtbot: QtBot, opened: list[QUrl]) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(400, 200)
    view.set_markdown("[open me](mailto:someone@example.org)")
    view.show()
    qtbot.waitExposed(view)
    cursor = view.document().find("open me")
    rect = view.cursorRect(cursor)
    point = rect.center()
    point.setX(rect.left() - 10)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(_FakeBox.texts) == 1 and "mailto:someone@example.org" in _FakeBox.texts[0]
    assert opened == []  # the fake box answered No


def test_clear_content_empties_document_and_history(qtbot: QtBot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown("a private thought")
    view.clear_content()
    assert view.toPlainText() == ""
    assert not view.document().isUndoAvailable()
    assert not view.document().isRedoAvailable()


def test_write_buttons_lists_a_cards_prompt_buttons(signs_pane: SignsPane) -> None:
    card = signs_pane.card("see-it-through")
    assert signs_pane.write_buttons("see-it-through") == tuple(card.prompt_buttons)
