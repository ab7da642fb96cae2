"""A page of the window built the first time it is needed, not before the first screen shows.

The first-run pages, for instance, are only ever seen on a computer with no journal yet: a
journal's lock screen should not wait for them. Whoever wires a page registers with
`when_built()`, and the wiring runs once, when the page comes into being (at once if it already
has). `in_steps()` builds what can wait in pieces, one per turn of the event loop (the journal's
panes while the lock screen waits for a passphrase)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

Page = TypeVar("Page", bound=QWidget)


class LazyPage(Generic[Page]):
    """`build()` makes the page; `get()` builds it on first use and runs the wiring."""

    def __init__(self, build: Callable[[], Page]) -> None:
        self._build = build
        self._page: Page | None = None
        self._wiring: list[Callable[[Page], None]] = []

    @property
    def built(self) -> bool:
        return self._page is not None

    def get(self) -> Page:
        if self._page is None:
            self._page = self._build()
            wiring, self._wiring = self._wiring, []
            for wire in wiring:
                wire(self._page)
        return self._page

    def when_built(self, wire: Callable[[Page], None]) -> None:
        """Run `wire(page)` once the page exists: now, if it does already."""
        if self._page is not None:
            wire(self._page)
        else:
            self._wiring.append(wire)

    def if_built(self, act: Callable[[Page], None]) -> None:
        """Run `act(page)` only if the page exists (nothing to clear on a page never shown)."""
        if self._page is not None:
            act(self._page)


def in_steps(owner: QObject, step: Callable[[], bool], then: Callable[[], None]) -> None:
    """Call `step()` once per turn of the event loop until it says no more (False), then
    `then()`: long work for later, in pieces, with the window answering between them. Stops
    if `owner` goes."""
    if step():
        QTimer.singleShot(0, owner, lambda: in_steps(owner, step, then))
    else:
        then()
