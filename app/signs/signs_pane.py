"""The Signs pane: the article's six signs as cards, each with prompts to write about.

On each card the article's own words are quoted, marked as the article's ("The article says")
and folded until the reader opens them, so that choosing "Not now" holds and the article's most
intense lines never read as Unknot speaking. The app's own prompts stand apart from the quote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import ui_language
from unknot.app.widgets import style
from unknot.journal.content import Sign, load_signs


def count_note() -> str:
    """Said wherever counts of tagged signs are shown (DESIGN §6): counts follow how much was
    written."""
    return QCoreApplication.translate(
        "SignsPane", "Counts follow how much you wrote. A higher count can mean it felt safer "
        "to write, not that the sign grew stronger.")

#: About how many characters a line on a card may hold.
CARD_WIDTH_CHARS = 72


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SignCard(QFrame):
    """One sign: its number and short title, the article's words, and reflection prompts.

    Each prompt has its own "Write about this" button; "Write without a prompt" starts an
    entry tagged with the sign only.

    Signals:
        write_requested(str sign_id, str prompt): the reader asked to start an entry about
            this sign; ``prompt`` is empty when they chose to write without one.
    """

    write_requested = Signal(str, str)

    def __init__(self, sign: Sign, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sign = sign
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(
            self.tr("Sign {number}: {title}").format(number=sign.number, title=sign.title)
        )

        self.title_label = style.title(_label(f"{sign.number} \u00b7 {sign.title}", self))
        self.title_label.setAccessibleName(sign.title)

        self.count_label = _label("", self)
        self.count_label.setAccessibleName(self.tr("How often you tagged this sign lately"))
        self.count_label.setToolTip(count_note())
        self.count_label.hide()

        # The article's words: folded until the reader opens them, and marked as a quote.
        self.quote_toggle = QToolButton(self)
        self.quote_toggle.setCheckable(True)
        self.quote_toggle.setAutoRaise(True)
        self.quote_toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.quote_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.quote_frame = QFrame(self)
        self.quote_frame.setObjectName("articleQuote")
        self.quote_frame.setAccessibleName(self.tr("The article's words about this sign"))
        self.quote_source_label = _label(self.tr("The article says:"), self.quote_frame)
        source_font = self.quote_source_label.font()
        source_font.setBold(True)
        self.quote_source_label.setFont(source_font)
        self.heading_label = _label(sign.heading, self.quote_frame)
        heading_font = self.heading_label.font()
        heading_font.setItalic(True)
        self.heading_label.setFont(heading_font)
        self.heading_label.setAccessibleName(self.tr("The article's words"))
        self.description_label = _label(sign.description, self.quote_frame)
        description_font = self.description_label.font()
        description_font.setItalic(True)
        self.description_label.setFont(description_font)
        self.description_label.setAccessibleName(self.tr("The article's description"))
        quote_layout = QVBoxLayout(self.quote_frame)
        quote_layout.setContentsMargins(0, 0, 0, 0)
        quote_layout.addWidget(self.quote_source_label)
        quote_layout.addWidget(self.heading_label)
        quote_layout.addWidget(self.description_label)
        self.quote_toggle.toggled.connect(self.set_quote_open)

        self.prompts_heading = _label(self.tr("To reflect on, if it helps:"), self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.quote_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.quote_frame)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.prompts_heading)

        self.prompt_buttons: list[QPushButton] = []
        for prompt in sign.prompts:
            prompt_label = _label(prompt, self)
            prompt_label.setIndent(self.fontMetrics().averageCharWidth() * 2)
            button = QPushButton(self.tr("Write about this"), self)
            button.setAccessibleName(self.tr("Write about this: {prompt}").format(prompt=prompt))
            button.setToolTip(prompt)
            button.clicked.connect(
                lambda _checked=False, text=prompt: self.write_requested.emit(self.sign.id, text)
            )
            self.prompt_buttons.append(button)
            layout.addWidget(prompt_label)
            layout.addLayout(self._right_aligned(button))

        self.free_write_button = QPushButton(self.tr("Write without a prompt"), self)
        self.free_write_button.setAccessibleName(self.tr("Write about this sign without a prompt"))
        self.free_write_button.clicked.connect(
            lambda _checked=False: self.write_requested.emit(self.sign.id, "")
        )
        layout.addLayout(self._right_aligned(self.free_write_button))
        self.set_quote_open(False)

    def is_quote_open(self) -> bool:
        """Whether the article's words are showing on this card."""
        return self.quote_toggle.isChecked()

    def set_quote_open(self, open_: bool) -> None:
        """Show (``True``) or fold away the article's words on this card."""
        if self.quote_toggle.isChecked() != open_:
            self.quote_toggle.setChecked(open_)  # calls back here through toggled
            return
        self.quote_frame.setVisible(open_)
        self.quote_toggle.setArrowType(
            Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow
        )
        if open_:
            text = self.tr("Hide what the article says")
            name = self.tr("Hide what the article says about sign {number}")
        else:
            text = self.tr("Show what the article says")
            name = self.tr("Show what the article says about sign {number}")
        self.quote_toggle.setText(text)
        self.quote_toggle.setAccessibleName(name.format(number=self.sign.number))

    def set_count_text(self, text: str) -> None:
        """Show ``text`` as this card's count line (for instance a 30-day change)."""
        self.count_label.setText(text)
        self.count_label.setVisible(bool(text))

    def set_recent_count(self, count: int | None) -> None:
        """Show how many entries were tagged with this sign in the last 30 days.

        ``None`` hides the line (for instance while the journal is locked).
        """
        if count is None:
            self.count_label.clear()
            self.count_label.hide()
            return
        if count < 0:
            raise ValueError(f"a count cannot be negative: {count}")
        if count == 0:
            text = self.tr("Not tagged in the last 30 days")
        elif count == 1:
            text = self.tr("Tagged once in the last 30 days")
        else:
            text = self.tr("Tagged {count} times in the last 30 days").format(count=count)
        self.count_label.setText(text)
        self.count_label.show()

    def _right_aligned(self, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        return row


class SignsPane(QScrollArea):
    """The six signs as cards in the article's order, in a column of comfortable width.

    Signals:
        write_requested(str sign_id, str prompt): forwarded from the cards; ``prompt`` is
            empty when the reader chose to write without one.
    """

    write_requested = Signal(str, str)

    def __init__(
        self, parent: QWidget | None = None, *, signs: Sequence[Sign] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("The six signs"))

        content = QWidget(self)
        self._column = QWidget(content)
        column_layout = QVBoxLayout(self._column)
        intro = _label(
            self.tr(
                "These are the six signs the article lists. They are not a test and not a "
                "diagnosis. On each card the article's own words are folded away: open them "
                "only if and when you want to. The questions below them are Unknot's, here in "
                "case they help; skip any of them, or write about something else."
            ),
            self._column,
        )
        column_layout.addWidget(intro)
        self._count_note = _label(count_note(), self._column)
        self._count_note.setAccessibleName(self.tr("About the counts"))
        self._count_note.hide()
        column_layout.addWidget(self._count_note)

        self._cards: dict[str, SignCard] = {}
        for sign in signs if signs is not None else load_signs(ui_language()):
            card = SignCard(sign, self._column)
            card.write_requested.connect(self.write_requested)
            self._cards[sign.id] = card
            column_layout.addWidget(card)
        column_layout.addStretch(1)

        outer = QHBoxLayout(content)
        outer.addStretch(1)
        outer.addWidget(self._column, 100)
        outer.addStretch(1)
        self.setWidget(content)
        self._update_column_width()

    def cards(self) -> tuple[SignCard, ...]:
        return tuple(self._cards.values())

    def card(self, sign_id: str) -> SignCard:
        return self._cards[sign_id]

    def write_buttons(self, sign_id: str) -> tuple[QPushButton, ...]:
        """The "Write about this" buttons of one sign's card, one per prompt, in order."""
        return tuple(self._cards[sign_id].prompt_buttons)

    def set_recent_counts(self, counts: Mapping[str, int]) -> None:
        """Show, on each card, how often the sign was tagged in the last 30 days.

        Signs missing from ``counts`` were not tagged (0); unknown ids are ignored.
        """
        for sign_id, card in self._cards.items():
            card.set_recent_count(counts.get(sign_id, 0))
        self._count_note.show()

    def set_count_text(self, sign_id: str, text: str) -> None:
        """Show ``text`` as one card's count line, in place of the plain count (for instance
        how the last 30 days compare with the 30 before). An unknown id raises ``KeyError``."""
        self._cards[sign_id].set_count_text(text)
        if text:
            self._count_note.show()

    def clear_recent_counts(self) -> None:
        """Hide every card's count, for when the journal is locked."""
        for card in self._cards.values():
            card.set_recent_count(None)
        self._count_note.hide()

    def is_count_note_shown(self) -> bool:
        """Whether the line saying that counts follow how much was written is showing."""
        return not self._count_note.isHidden()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_column_width()

    def _update_column_width(self) -> None:
        self._column.setMaximumWidth(self.fontMetrics().averageCharWidth() * CARD_WIDTH_CHARS)
