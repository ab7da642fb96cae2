"""Run as an ordinary user: start the app (or a plain process) as this process's child and try
to read a page of its memory through /proc/PID/mem, as any other program of the user could.

    python mem_probe.py app|control READY_PATH DATA_DIR

Waits until READY_PATH exists (the child has got far enough), then prints one JSON line:
{"read": true} or {"read": false, "errno": "EACCES"}. The child is a child of this process, so
only the child's own dumpable state (not Yama's ptrace scope) decides.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
import time
from pathlib import Path


def try_read(pid: int) -> dict[str, object]:
    try:
        with open(f"/proc/{pid}/maps") as maps:
            first = maps.readline()
        start = int(first.split("-")[0], 16)
    except OSError:
        start = 0x400000  # maps is closed to us as well: any address will do to try
    try:
        with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
            mem.seek(start)
            page = mem.read(4096)
        return {"read": bool(page)}
    except OSError as exc:
        return {"read": False, "errno": errno.errorcode.get(exc.errno or 0, str(exc.errno))}


def start_child(what: str, ready: Path, data: Path) -> int:
    """A forked child of this process: the app itself (its real main(), which makes the process
    non-dumpable first thing) or, for the control, a plain process that sleeps. Forked rather
    than executed: the interpreter may sit where this user cannot execute it afresh."""
    pid = os.fork()
    if pid:
        return pid
    try:
        if what == "app":
            from unknot.app.main import main as app_main

            os._exit(app_main(["--data-dir", str(data)]))
        ready.touch()
        time.sleep(120)
    finally:
        os._exit(0)
    return 0  # not reached


def main() -> int:
    what, ready, data = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    pid = start_child(what, ready, data)
    try:
        end = time.monotonic() + 120  # ends a hung start only
        while not ready.exists() and os.waitpid(pid, os.WNOHANG) == (0, 0) \
                and time.monotonic() < end:
            time.sleep(0.05)
        outcome = try_read(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    print(json.dumps(outcome))  # noqa: T201 (the probe's answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
