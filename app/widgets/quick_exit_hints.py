"""The words for quick exit, from the keys and the action the person chose."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from unknot.app.preferences import Preferences

translate = QCoreApplication.translate  # lupdate reads translate("QuickExit", "…")


def keys_words(keys: str) -> str:
    if keys == "shift-thrice":
        return translate("QuickExit", "Shift three times")
    return translate("QuickExit", "Esc twice")


def action_words(action: str) -> str:
    """How quick exit ends, as the end of a sentence ("…, locks it and closes the program")."""
    if action == "neutral":
        return translate("QuickExit", "locks it and shows a blank “Notes” screen")
    return translate("QuickExit", "locks it and closes the program")


def hint(prefs: Preferences) -> str:
    """For tooltips: what quick exit does now and its keys."""
    if prefs.quick_exit_action == "neutral":
        action = translate("QuickExit", "lock and show a blank “Notes” screen")
    else:
        action = translate("QuickExit", "lock and close the program")
    return translate("QuickExit", "Hide this at once, save what you were writing (encrypted), "
                     "%1 (%2)").replace("%1", action).replace("%2",
                                                              keys_words(prefs.quick_exit_keys))


def sentence(prefs: Preferences) -> str:
    """For Settings and onboarding: one plain sentence."""
    return translate("QuickExit", "Quick exit (%1, or the Quick exit button) hides the window at "
                     "once, saves what you were writing (encrypted), %2.").replace(
        "%1", keys_words(prefs.quick_exit_keys)).replace("%2",
                                                         action_words(prefs.quick_exit_action))
