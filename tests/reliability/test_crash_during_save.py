"""Kill a process that is saving, at random moments: the vault still opens and every entry
whose save had returned is there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from journal.vault import Vault
from vaults import PASSPHRASE, make_vault

KILLS = int(os.environ.get("UNKNOT_CRASH_KILLS", "100"))
LOOP = Path(__file__).with_name("save_loop.py")


def _run_and_kill(vault_path: Path, seed: int, delay: float) -> set[str]:
    child = subprocess.Popen([sys.executable, str(LOOP), str(vault_path), PASSPHRASE, str(seed)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    return {line.split()[1] for line in out.splitlines() if line.startswith("saved ")}


def test_sigkill_while_saving_loses_no_saved_entry(tmp_path: Path) -> None:
    vault_path = tmp_path / "notes.db"
    make_vault(vault_path).close()
    rng = random.Random(20261123)
    promised: set[str] = set()
    for kill in range(KILLS):
        promised |= _run_and_kill(vault_path, kill, rng.uniform(0.0, 0.08))
        if kill % 10 == 9 or kill == KILLS - 1:
            with Vault.open(vault_path, PASSPHRASE) as vault:
                loaded = vault.load()
                assert vault.verify().ok
            assert loaded.damaged == []
            missing = promised - {e.id for e in loaded.entries}
            assert not missing, f"{len(missing)} saved entries lost after {kill + 1} kills"
    assert len(promised) > KILLS  # the loop really saved between kills
