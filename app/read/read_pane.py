"""The Read pane: a short note before the article, the article itself with its readers' comments,
and the Help page (with "For therapists")."""

from __future__ import annotations

from mdit_py_plugins.anchors.index import slugify
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import ui_language
from unknot.app.widgets.markdown_view import MarkdownView
from unknot.journal.content import (
    Article,
    ReaderComment,
    load_article,
    load_document,
    load_help_page,
    load_reader_comments,
)
from unknot.journal.markdown_html import escape_markdown

#: About how many characters a line of reading text may hold.
READING_WIDTH_CHARS = 70
#: The heading id that Markdown gives "# About the term", used to scroll to the note (in
#: another language, the id of that document's own first heading: see _first_anchor).
ABOUT_ANCHOR = "about-the-term"
#: The heading id of the readers' comments under the article.
COMMENTS_ANCHOR = "readers-comments"
#: The heading id that Markdown gives "# For therapists" on the Help page.
THERAPISTS_ANCHOR = "for-therapists"


class ReadPane(QWidget):
    """Shows the "before you read" note, then the article with its byline, the readers'
    comments published under it and the "About the term" note; and the Help page, which ends
    with "For therapists".

    The note offers a choice: read the article now, or go to the signs first. Nothing here
    shows journal text, so locking does not need to clear it.

    Signals:
        signs_requested(): the reader chose to look at the six signs before the article.
        before_you_read_dismissed(): the reader made the note's choice (read now or not now);
            it is not shown again (preference `before_you_read_seen`).
    """

    signs_requested = Signal()
    before_you_read_dismissed = Signal()

    PAGE_BEFORE_YOU_READ = "before-you-read"
    PAGE_ARTICLE = "article"
    PAGE_HELP = "help"

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        article: Article | None = None,
        comments: tuple[ReaderComment, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self._language = ui_language()
        self._article = article if article is not None else load_article(self._language)
        self._about_anchor = _first_anchor(load_document("about-the-term", self._language))
        self._therapists_anchor = _first_anchor(load_document("for-therapists", self._language))
        self._comments = comments if comments is not None else load_reader_comments()

        self.article_button = self._nav_button(self.tr("Article"))
        self.about_button = self._nav_button(self.tr("About the term"))
        self.help_button = self._nav_button(self.tr("Help"))
        self.therapists_button = self._nav_button(self.tr("For therapists"))
        # One checked button says where the reader is: Article, About the term (the note
        # under the article), Help, or For therapists (the end of Help).
        self._nav_group = QButtonGroup(self)
        self._nav_group.setExclusive(True)
        for button in (self.article_button, self.about_button, self.help_button,
                       self.therapists_button):
            self._nav_group.addButton(button)

        self.intro_view = self._view(self.tr("Before you read"))
        self.intro_view.set_markdown(load_document("before-you-read", self._language))
        self.read_article_button = QPushButton(self.tr("Read the article"), self)
        self.read_article_button.setAccessibleName(self.tr("Read the article"))
        self.not_now_button = QPushButton(self.tr("Not now \u2014 go to the signs"), self)
        self.not_now_button.setAccessibleName(self.tr("Not now, go to the signs"))
        intro_page = QWidget(self)
        intro_layout = QVBoxLayout(intro_page)
        intro_layout.setContentsMargins(0, 0, 0, 0)
        intro_layout.addWidget(self.intro_view, 1)
        choices = QHBoxLayout()
        choices.addStretch(1)
        choices.addWidget(self.read_article_button)
        choices.addWidget(self.not_now_button)
        choices.addStretch(1)
        intro_layout.addLayout(choices)

        self.article_view = self._view(self.tr("Article"))
        self.article_view.set_markdown(self._article_markdown())
        self.help_view = self._view(self.tr("Help"))
        self.help_view.set_markdown(load_help_page(self._language))

        self._stack = QStackedWidget(self)
        self._pages: dict[str, QWidget] = {
            self.PAGE_BEFORE_YOU_READ: intro_page,
            self.PAGE_ARTICLE: self.article_view,
            self.PAGE_HELP: self.help_view,
        }
        for page in self._pages.values():
            self._stack.addWidget(page)

        nav = QHBoxLayout()
        for button in (
            self.article_button, self.about_button, self.help_button, self.therapists_button
        ):
            nav.addWidget(button)
        nav.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self._stack, 1)

        self.article_button.clicked.connect(self._on_article_button_clicked)
        self.about_button.clicked.connect(self.show_about)
        self.help_button.clicked.connect(self.show_help)
        self.therapists_button.clicked.connect(self.show_for_therapists)
        self.read_article_button.clicked.connect(self.show_article)
        self.not_now_button.clicked.connect(self.signs_requested)
        for choice in (self.read_article_button, self.not_now_button):
            choice.clicked.connect(self.before_you_read_dismissed)
        self._show(self.PAGE_BEFORE_YOU_READ)

    # --- public -----------------------------------------------------------------------------

    def current_page(self) -> str:
        """Which page is showing: one of the ``PAGE_*`` names."""
        current = self._stack.currentWidget()
        return next(name for name, page in self._pages.items() if page is current)

    def show_before_you_read(self) -> None:
        self._show(self.PAGE_BEFORE_YOU_READ)

    def skip_before_you_read(self) -> None:
        """The note was seen in an earlier run: open on the article instead (the note stays
        one click away, under Article)."""
        if self.current_page() == self.PAGE_BEFORE_YOU_READ:
            self.show_article()

    def show_article(self) -> None:
        self._show(self.PAGE_ARTICLE)
        self.article_view.verticalScrollBar().setValue(0)

    def show_about(self) -> None:
        """Show the article page, scrolled to the "About the term" note."""
        self._show(self.PAGE_ARTICLE, self.about_button)
        self.article_view.scrollToAnchor(self._about_anchor)

    def show_help(self) -> None:
        self._show(self.PAGE_HELP)
        self.help_view.verticalScrollBar().setValue(0)

    def show_for_therapists(self) -> None:
        """Show the Help page, scrolled to "For therapists"."""
        self._show(self.PAGE_HELP, self.therapists_button)
        self.help_view.scrollToAnchor(self._therapists_anchor)

    def checked_nav(self) -> str:
        """The text of the navigation button that says where the reader is."""
        button = self._nav_group.checkedButton()
        return button.text() if button is not None else ""

    # --- private ----------------------------------------------------------------------------

    def _nav_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setCheckable(True)
        button.setFlat(True)
        button.setAccessibleName(text)
        return button

    def _view(self, name: str) -> MarkdownView:
        view = MarkdownView(self)
        view.setAccessibleName(name)
        view.set_reading_width(READING_WIDTH_CHARS)
        return view

    def _article_markdown(self) -> str:
        """The article exactly as stored, with its byline and source under the title; then,
        each set apart by a rule, the readers' comments (word for word, labelled as theirs) and
        the "About the term" note."""
        title_line, _, body = self._article.markdown.partition("\n")
        pointer = self.tr(
            "Below the article are two comments from its readers and a short note on how "
            "researchers use the term."
        )
        parts = [
            title_line,
            f"*{escape_markdown(self._article.byline)}*",
            escape_markdown(self._article.source_note),
            *([f"*{escape_markdown(self._article.language_note)}*"]
              if self._article.language_note else []),
            f"[{escape_markdown(pointer)}](#{self._about_anchor})",
            body.strip(),
            "---",
            self._comments_markdown(),
            "---",
            load_document("about-the-term", self._language).strip(),
        ]
        return "\n\n".join(parts) + "\n"

    def _comments_markdown(self) -> str:
        """The readers' comments under a heading of their own, each quoted under its
        reader's name. Their words are escaped, so they show exactly as published."""
        intro = self.tr(
            "These comments were published under the article by its readers. They are their "
            "words, not the article's and not Unknot's, shown unchanged."
        )
        heading = self.tr("Readers' comments")
        parts = [f"## {escape_markdown(heading)}", f"*{escape_markdown(intro)}*"]
        for comment in self._comments:
            said = self.tr("{name} wrote:").format(name=comment.name)
            parts.append(f"**{escape_markdown(said)}**")
            parts.append(
                "\n>\n".join(
                    f"> {escape_markdown(line.strip())}"
                    for line in comment.text.splitlines()
                    if line.strip()
                )
            )
        return "\n\n".join(parts)

    def _show(self, name: str, button: QPushButton | None = None) -> None:
        self._stack.setCurrentWidget(self._pages[name])
        on_article = name in (self.PAGE_BEFORE_YOU_READ, self.PAGE_ARTICLE)
        if button is None:
            button = self.article_button if on_article else self.help_button
        button.setChecked(True)

    def _on_article_button_clicked(self) -> None:
        if self.current_page() != self.PAGE_BEFORE_YOU_READ:
            self.show_article()


def _first_anchor(markdown: str) -> str:
    """The heading id Markdown gives a document's first heading ("# About the term" →
    "about-the-term"; "# Sobre el término" → "sobre-el-término")."""
    for line in markdown.splitlines():
        if line.startswith("#"):
            return str(slugify(line.lstrip("#").strip()))
    return ""
