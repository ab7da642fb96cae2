"""A process that saves entries in a loop and reports each one after save() returned.

Run by the crash tests, which kill it with SIGKILL at random moments:
    python save_loop.py VAULT PASSPHRASE SEED
Prints "saved <id>" (flushed) only after the save returned; until then nothing is promised.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timezone
from pathlib import Path

from journal.model import Entry
from journal.vault import Vault


def main() -> None:
    path, passphrase, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    vault = Vault.open(path, passphrase)
    print("ready", flush=True)
    while True:
        body = "".join(rng.choice("abcdefgh \n") for _ in range(rng.randint(10, 4000)))
        entry = Entry.new(datetime.now(timezone.utc), title=f"seed {seed}", body=body)
        vault.save(entry)
        print(f"saved {entry.id}", flush=True)


if __name__ == "__main__":
    main()
