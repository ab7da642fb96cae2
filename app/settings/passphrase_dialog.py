"""Changing the passphrase, and the different words for "someone may know my passphrase".

Both make a new key and lock every entry again with it (the session does it on the worker, with
progress). The dialog stays open until it worked: a wrong current passphrase is said in one
line, and nothing typed has to be typed again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from unknot.app.widgets.passphrase_choice import NewPassphraseDialog


class PassphraseDialog(NewPassphraseDialog):
    def __init__(self, rotate: bool, parent: QWidget | None = None) -> None:
        title = (self.tr("Someone may know my passphrase") if rotate
                 else self.tr("Change passphrase"))
        explanation = (self.tr(
            "A new passphrase and a new key: every entry is locked again with the new key, and "
            "the older backups, which the old passphrase opens, are removed. Any recovery key "
            "stops working; you can make a new one afterwards. Copies you made elsewhere (a "
            "synced copy, a USB stick) still open with the old passphrase, but hold nothing "
            "written from now on: delete them.") if rotate else self.tr(
            "A new passphrase and a new key: every entry is locked again with the new key, so "
            "an older copy of the journal opens nothing written from now on. The older backups "
            "are removed and a fresh one is taken. A recovery key is replaced by a new one, "
            "shown once."))
        super().__init__(title, explanation, True, parent)
        self.rotate = rotate
