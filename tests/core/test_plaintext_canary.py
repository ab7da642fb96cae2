"""A canary written as an entry never appears in plaintext in any file the core creates:
the vault, its journal files, backups, temporary files. (Exports are plaintext by design.)"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

CANARY = "Canary-q8Zt-plaintext-5521"


def _forms(text: str) -> list[bytes]:
    raw = text.encode("utf-8")
    return [raw, text.encode("utf-16-le"), text.encode("utf-16-be"), base64.b64encode(raw),
            text.lower().encode(), text.upper().encode()]


def _scan(folder: Path, skip: set[Path]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path not in skip:
            data = path.read_bytes()
            found += [f"{path.name}: {form[:12]!r}" for form in _forms(CANARY) if form in data]
    return found


def test_canary_is_nowhere_in_plaintext(tmp_path: Path) -> None:
    data = tmp_path / "data"
    temp = tmp_path / "tmp"
    temp.mkdir()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    pw = secrets / "pw"
    pw.write_text("canary test passphrase of willow and slate\n")
    new_pw = secrets / "new"
    new_pw.write_text("canary test passphrase two, of amber and flint\n")
    vault = data / "notes.db"
    export = tmp_path / "exported" / "out.json"
    export.parent.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "SQLITE_TMPDIR": str(temp)}

    def cli(*args: str, stdin: str = "", passphrase: Path | None = pw) -> str:
        argv = [sys.executable, "-m", "unknot.journal.cli", *args, "--vault", str(vault)]
        if passphrase is not None:
            argv += ["--passphrase-file", str(passphrase)]
        result = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        assert CANARY not in result.stderr
        return result.stdout

    cli("init")
    for n in range(20):
        cli("add", "--title", f"{CANARY} title {n}", "--tag", CANARY,
            stdin=f"{CANARY} body {n}\n" * 50)
    cli("checkin", "--rate", "isolated=2", "--note", CANARY)
    assert CANARY in cli("search", CANARY.lower())
    cli("verify")
    cli("backup", "--out", str(data / "extra.backup"), passphrase=None)
    cli("export", "--format", "json", "--out", str(export))
    imported = json.loads(export.read_text())
    assert len(imported["entries"]) == 20
    cli("passwd", "--new-passphrase-file", str(new_pw), "--rotate-key")
    pw.write_text(new_pw.read_text())
    cli("import", "--format", "unknot-json", str(export))

    assert _scan(data, skip=set()) == []
    assert _scan(temp, skip=set()) == []
    assert _scan(tmp_path, skip={export, pw, new_pw}) == []
