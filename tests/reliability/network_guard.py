"""No network in tests (DESIGN §5, scenario 7): internet sockets and name lookups fail.

`install()` replaces the socket constructor and the resolver functions of Python's `socket`
module for the whole test session (tests/conftest.py calls it). Sockets of the local family
(AF_UNIX) stay allowed; every other socket and every name lookup is refused with an OSError, as a
computer with the network off would, and is noted in `ATTEMPTS` — so a test that swallowed the
error still fails. Code below Python (Qt's C++) is not covered here; the strace runs of
scenario 7 see those.
"""

from __future__ import annotations

import socket
from typing import Any

ATTEMPTS: list[str] = []
_installed: dict[str, Any] = {}


class NetworkUsedError(OSError):
    """Raised instead of opening an internet socket or looking up a name."""


def _refuse(what: str) -> NetworkUsedError:
    ATTEMPTS.append(what)
    return NetworkUsedError(f"the network is off in Unknot's tests ({what})")


class _LocalOnlySocket(socket.socket):
    def __init__(self, family: Any = -1, type: Any = -1, proto: int = -1,  # noqa: A002
                 fileno: int | None = None) -> None:
        if fileno is None and family not in (socket.AF_UNIX, -1):
            raise _refuse(f"socket({socket.AddressFamily(family).name})")
        if fileno is None and family == -1:
            raise _refuse("socket(AF_INET)")  # the default family is the internet
        super().__init__(family, type, proto, fileno)


def _lookup(name: str) -> Any:
    def refused(*args: object, **kwargs: object) -> Any:
        raise _refuse(f"{name}({str(args[0]) if args else ''})")
    return refused


LOOKUPS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo",
           "create_connection", "create_server")


def install() -> None:
    if _installed:
        return
    _installed["socket"] = socket.socket
    socket.socket = _LocalOnlySocket  # type: ignore[misc]
    for name in LOOKUPS:
        _installed[name] = getattr(socket, name)
        setattr(socket, name, _lookup(name))


def uninstall() -> None:
    for name, original in _installed.items():
        setattr(socket, name, original)
    _installed.clear()


def whole_suite_figure(tests: int, attempts: list[str]) -> None:
    """Scenario 7's figure for a whole test session, written only for run_release.py."""
    import json
    import os
    from pathlib import Path

    folder = os.environ.get("UNKNOT_RELIABILITY_FIGURES")
    if not folder or os.environ.get("UNKNOT_RELIABILITY_WHOLE_SUITE") != "1":
        return  # only run_release.py's run of the whole suite speaks for the whole suite
    Path(folder, "7-whole-suite-in-process.json").write_text(json.dumps({
        "scenario": "7. No network", "part": "whole test suite, sockets made to fail",
        "runs": tests, "failures": attempts[:20], "failure_count": len(attempts),
        "figure": f"{tests} tests: {len(attempts)} internet sockets or name lookups tried",
        "seconds": 0.0, "notes": "in-process guard (Python's socket module)", "scale": "ci",
    }), encoding="utf-8")
