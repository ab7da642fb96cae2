"""The size rules of the house (docs/architecture.md): a file that grows past them is doing the
work of several, and the root controller only wires features."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.joinpath("app").rglob("*.py"), *ROOT.joinpath("journal").rglob("*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_source_file_passes_500_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 500, f"{path.relative_to(ROOT)} has {lines} lines: split it by what it does"


def test_the_root_controller_only_wires() -> None:
    lines = len(ROOT.joinpath("app", "controller.py").read_text(encoding="utf-8").splitlines())
    assert lines <= 300, f"app/controller.py has {lines} lines: move behaviour into a feature"


def test_every_feature_folder_has_a_controller_and_says_what_it_is() -> None:
    features = ("unlock", "safety", "settings", "checkin", "share", "sync", "journal_pane",
                "timeline", "signs", "read")
    for name in features:
        folder = ROOT / "app" / name
        assert (folder / "controller.py").exists() or name == "read", name
        assert (folder / "__init__.py").read_text(encoding="utf-8").strip(), (
            f"app/{name}/__init__.py should say in a line what the folder holds")
