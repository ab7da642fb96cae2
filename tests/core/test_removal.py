""""Remove everything" on a real vault: the passphrase first, then the journal, its backups,
settings, caches and the menu entry go; nothing outside Unknot's folders is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from unknot.journal.backups import RollingBackups
from unknot.journal.errors import WrongPassphraseError
from unknot.journal.paths import DataPaths
from unknot.journal.removal import (
    RemovalRefusedError,
    check_passphrase,
    removal_plan,
    remove_everything,
)
from vaults import PASSPHRASE, make_vault, sample_entries


def everything_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def a_used_journal(tmp_path: Path) -> tuple[DataPaths, Path, Path]:
    """A --data-dir that also holds a file of the person's own, a backup, settings, a cache, a
    conflict copy and a menu entry; beside it, a file that is nobody's business."""
    paths = DataPaths.in_folder(tmp_path / "journal")
    for folder in (paths.data, paths.config, paths.cache / "qt"):
        folder.mkdir(parents=True, exist_ok=True)
    make_vault(paths.vault, records=sample_entries(3)).close()
    RollingBackups(paths.vault).take()
    (paths.config / "preferences.json").write_text("{}")
    (paths.cache / "window.ini").write_text("[x]")
    (paths.data / "notes.sync-conflict-20260301-101112-ABCDEFG.db").write_bytes(b"copy")
    (paths.data / "my-own-list.txt").write_text("mine")
    override = tmp_path / "applications" / "org.unknot.Unknot.desktop"
    override.parent.mkdir()
    override.write_text("[Desktop Entry]\nName=Notes\n")
    (tmp_path / "applications" / "other.desktop").write_text("[Desktop Entry]\nName=Other\n")
    (tmp_path / "elsewhere.txt").write_text("not Unknot's")
    return paths, override, tmp_path / "elsewhere.txt"


def test_the_passphrase_is_checked_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    make_vault(path).close()
    before = path.read_bytes()
    check_passphrase(path, PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        check_passphrase(path, "not the passphrase at all")
    assert path.read_bytes() == before


def test_remove_everything_takes_unknots_files_and_nothing_else(tmp_path: Path) -> None:
    paths, override, elsewhere = a_used_journal(tmp_path)
    assert list((paths.data / "backups").iterdir())  # there is a backup to remove
    done = remove_everything(paths, PASSPHRASE, override)

    left = everything_under(tmp_path)
    assert left == {paths.data, paths.data / "my-own-list.txt", tmp_path / "applications",
                    tmp_path / "applications" / "other.desktop", elsewhere}
    assert done.kept == [paths.data / "my-own-list.txt"]
    assert "my-own-list.txt" in done.words()
    assert elsewhere.read_text() == "not Unknot's"


def test_the_data_folder_goes_too_when_only_unknots_files_were_in_it(tmp_path: Path) -> None:
    paths, override, _ = a_used_journal(tmp_path)
    (paths.data / "my-own-list.txt").unlink()
    remove_everything(paths, PASSPHRASE, override)
    assert not paths.data.exists()


def test_a_wrong_passphrase_removes_nothing(tmp_path: Path) -> None:
    paths, override, _ = a_used_journal(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in everything_under(tmp_path)}
    with pytest.raises(WrongPassphraseError):
        remove_everything(paths, "not the passphrase at all", override)
    assert {p: p.stat().st_mtime_ns for p in everything_under(tmp_path)} == before


def test_folders_that_are_not_unknots_are_refused(tmp_path: Path) -> None:
    paths, _, _ = a_used_journal(tmp_path)
    for wrong in (DataPaths(paths.data, tmp_path, paths.cache),       # a parent folder
                  DataPaths(paths.data, Path.home(), paths.cache),    # the home folder
                  DataPaths(paths.data, paths.config, paths.data)):   # the data folder itself
        with pytest.raises(RemovalRefusedError):
            removal_plan(wrong)
        with pytest.raises(RemovalRefusedError):
            remove_everything(wrong, PASSPHRASE)
    with pytest.raises(RemovalRefusedError):
        removal_plan(paths, tmp_path / "elsewhere.txt")  # not a menu entry
    assert paths.vault.exists() and (tmp_path / "elsewhere.txt").exists()


def test_a_link_in_the_cache_is_removed_as_a_link(tmp_path: Path) -> None:
    paths, override, elsewhere = a_used_journal(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    (paths.cache / "link").symlink_to(outside, target_is_directory=True)
    remove_everything(paths, PASSPHRASE, override)
    assert (outside / "keep.txt").read_text() == "keep"
