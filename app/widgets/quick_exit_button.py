"""A Quick exit button any window or dialog can show.

It does not know the safety feature: a click sends one application-wide event that the safety
controller's filter catches. Its tooltip follows the keys and action the person chose (the
safety controller keeps them on the application as the `quickExitHint` property).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QPushButton, QWidget

QUICK_EXIT_EVENT = QEvent.Type(QEvent.registerEventType())
HINT_PROPERTY = "quickExitHint"


class QuickExitRequest(QEvent):
    def __init__(self) -> None:
        super().__init__(QUICK_EXIT_EVENT)


def request_quick_exit() -> None:
    app = QCoreApplication.instance()
    if app is not None:
        QCoreApplication.sendEvent(app, QuickExitRequest())


def quick_exit_hint() -> str:
    app = QCoreApplication.instance()
    hint = app.property(HINT_PROPERTY) if app is not None else None
    return str(hint) if hint else QCoreApplication.translate(
        "QuickExitButton", "Hide this at once and lock it (Esc twice)")


class QuickExitButton(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("QuickExitButton", "Quick exit"), parent)
        self.setObjectName("quickExit")
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(self.text())
        self.setToolTip(quick_exit_hint())
        self.clicked.connect(request_quick_exit)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self.setToolTip(quick_exit_hint())
        return super().event(event)
