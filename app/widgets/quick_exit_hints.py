"""The words for quick exit, from the keys and the action the person chose."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from unknot.app.preferences import Preferences


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuickExit", text)


def keys_words(keys: str) -> str:
    return _tr("Shift three times") if keys == "shift-thrice" else _tr("Esc twice")


def action_words(action: str) -> str:
    return (_tr("locks it and shows a blank “Notes” screen") if action == "neutral"
            else _tr("locks it and closes the program"))


def hint(prefs: Preferences) -> str:
    """For tooltips: what quick exit does now and its keys."""
    return _tr("Hide this at once, save what you were writing (encrypted), %s (%s)") % (
        action_words(prefs.quick_exit_action).replace("locks it and ", "lock and ")
        .replace("shows", "show").replace("closes", "close"), keys_words(prefs.quick_exit_keys))


def sentence(prefs: Preferences) -> str:
    """For Settings and onboarding: one plain sentence."""
    return _tr("Quick exit (%s, or the Quick exit button) hides the window at once, saves what "
               "you were writing (encrypted), %s.") % (keys_words(prefs.quick_exit_keys),
                                                       action_words(prefs.quick_exit_action))
