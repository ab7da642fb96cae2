"""The files in packaging/: they name the app by its id, carry pyproject's version, pass the
freedesktop validators, and keep the promises of DESIGN.md §5 (no network permission).

These are about files only: no Qt is imported here, and every check is fast.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from unknot.app.main import APP_ID

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = LINUX / "icons" / "hicolor" / "scalable" / "apps"
FLATPAK = PACKAGING / "flatpak" / f"{APP_ID}.yml"
SPEC = PACKAGING / "pyinstaller" / "unknot.spec"
SVG_NS = "http://www.w3.org/2000/svg"


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def _project() -> dict[str, object]:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    return project


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _run_validator(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        package = {"desktop-file-validate": "desktop-file-utils",
                   "appstreamcli": "appstream"}[command[0]]
        pytest.skip(f"{command[0]} is not installed (Debian package '{package}'); "
                    ".ci/run installs it when it can")
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


# --- the desktop entry ------------------------------------------------------------------------

def test_desktop_entry_is_named_by_the_app_id() -> None:
    entry = _desktop_entry()
    assert DESKTOP.name == f"{APP_ID}.desktop"  # what setDesktopFileName(APP_ID) points at
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == "Unknot"


def test_desktop_entry_runs_the_gui_script() -> None:
    entry = _desktop_entry()
    gui_scripts = _project()["gui-scripts"]
    assert isinstance(gui_scripts, dict)
    assert entry["Exec"] in gui_scripts, "Exec must be the [project.gui-scripts] command"
    assert entry["Terminal"] == "false"


def test_desktop_entry_startup_wm_class_matches_the_x11_window_class() -> None:
    # On X11, Qt sets WM_CLASS to ("unknot", <QGuiApplication.applicationName()>); checked with
    # xprop on a running window. (GNOME and KDE also read _GTK_APPLICATION_ID and
    # _KDE_NET_WM_DESKTOP_FILE, which Qt fills from setDesktopFileName(APP_ID); Wayland uses
    # the app id directly.) StartupWMClass is for the other X11 desktops.
    source = (ROOT / "app" / "main.py").read_text(encoding="utf-8")
    found = re.search(r"setApplicationName\(\s*[\"']([^\"']+)[\"']\s*\)", source)
    if found is None:
        pytest.skip("app/main.py no longer sets the application name with a literal")
    assert _desktop_entry()["StartupWMClass"] == found.group(1)


def test_desktop_entry_comment_is_discreet() -> None:
    # The menu entry is visible to anyone at the computer (DESIGN.md §5).
    entry = _desktop_entry()
    visible = " ".join(entry.get(key, "") for key in ("Name", "GenericName", "Comment",
                                                      "Keywords")).lower()
    for word in ("abuse", "trauma", "journal", "diary", "bond", "violence"):
        assert word not in visible, f"{word!r} in the menu entry"


# --- AppStream metainfo -----------------------------------------------------------------------

def test_metainfo_uses_the_app_id_and_launches_the_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name


def test_metainfo_release_is_pyprojects_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == _project()["version"]  # newest first
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date", ""))


def test_metainfo_provides_both_commands() -> None:
    provided = {b.text for b in ET.parse(METAINFO).getroot().findall("provides/binary")}
    commands: set[str] = set()
    for table in ("gui-scripts", "scripts"):
        scripts = _project()[table]
        assert isinstance(scripts, dict)
        commands.update(scripts)
    assert provided == commands


def test_metainfo_says_it_is_not_a_replacement_for_care() -> None:
    # DESIGN.md §6: clinicians look for this sentence wherever the app describes itself.
    description = ET.parse(METAINFO).getroot().find("description")
    assert description is not None
    text = " ".join("".join(description.itertext()).split())
    assert "not a replacement for professional care" in text


def test_metainfo_content_rating_claims_no_social_features() -> None:
    rating = ET.parse(METAINFO).getroot().find("content_rating")
    assert rating is not None
    assert rating.get("type") == "oars-1.1"
    values = {a.get("id"): a.text for a in rating.findall("content_attribute")}
    for attribute in ("social-chat", "social-info", "social-audio", "social-location",
                      "social-contacts"):
        assert values.get(attribute, "none") == "none"


# --- icons ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [APP_ID, f"{APP_ID}-discreet"])
def test_icon_is_well_formed_svg(name: str) -> None:
    path = ICONS / f"{name}.svg"
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("version") == "1.1"
    assert root.get("viewBox") == "0 0 128 128"
    # Self-contained: nothing linked from outside the file.
    assert "href" not in path.read_text(encoding="utf-8")


# --- the freedesktop validators ---------------------------------------------------------------

def test_desktop_file_validate_passes() -> None:
    result = _run_validator("desktop-file-validate", str(DESKTOP))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "error:" not in output, output


def test_appstreamcli_validate_passes() -> None:
    result = _run_validator("appstreamcli", "validate", "--no-net", str(METAINFO))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not re.search(r"^\s*[EW]: ", output, re.MULTILINE), output  # infos are fine


# --- Flatpak ----------------------------------------------------------------------------------

def _without_comments(text: str) -> str:
    return "\n".join(line.split(" #")[0] for line in text.splitlines()
                     if not line.lstrip().startswith("#"))


def _finish_args(text: str) -> list[str]:
    args: list[str] = []
    inside = False
    for line in _without_comments(text).splitlines():
        if re.match(r"^finish-args:\s*$", line):
            inside = True
        elif inside and re.match(r"^\s+-\s+", line):
            args.append(line.split("-", 1)[1].strip())
        elif inside and line.strip():
            break
    return args


def test_flatpak_manifest_has_no_network_and_no_files() -> None:
    text = FLATPAK.read_text(encoding="utf-8")
    args = _finish_args(text)
    assert "--socket=wayland" in args
    assert "--socket=fallback-x11" in args
    # No network, at run time or build time (DESIGN.md §5); data stays in the app's own folder.
    assert "share=network" not in _without_comments(text)
    assert not [a for a in args if a.startswith(("--filesystem", "--talk-name", "--system-talk",
                                                 "--socket=session-bus", "--socket=x11",
                                                 "--device=all"))], args


def test_flatpak_manifest_is_for_this_app() -> None:
    text = _without_comments(FLATPAK.read_text(encoding="utf-8"))
    assert re.search(rf"^id: {re.escape(APP_ID)}$", text, re.MULTILINE)
    assert re.search(r"^command: unknot$", text, re.MULTILINE)
    assert re.search(r"^base: io\.qt\.PySide\.BaseApp$", text, re.MULTILINE)


# --- PyInstaller ------------------------------------------------------------------------------

def test_pyinstaller_spec_reads_the_version_from_pyproject() -> None:
    text = SPEC.read_text(encoding="utf-8")
    compile(text, str(SPEC), "exec")  # it is Python; a syntax error would only show at build
    assert "tomllib" in text and "pyproject.toml" in text
    assert str(_project()["version"]) not in text, "one version source: pyproject.toml"
    assert '"QtNetwork"' in text, "QtNetwork must stay excluded from the bundle"


# --- the package and its import rules (pyproject.toml) ----------------------------------------

_FOLDERS = {"unknot.app": "app", "unknot.journal": "journal", "unknot.resources": "resources"}


def _package_folders() -> set[str]:
    """Every folder under app/, journal/ and resources/ that Python imports as a package."""
    found: set[str] = set()
    for package, folder in _FOLDERS.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            if "__pycache__" not in parts:
                found.add(".".join((package, *parts)))
    return found


def _tool(name: str) -> Any:
    tool = _pyproject()["tool"]
    assert isinstance(tool, dict)
    return tool[name]


def test_setuptools_maps_the_three_folders_into_unknot() -> None:
    assert _tool("setuptools")["package-dir"] == _FOLDERS


def test_every_package_folder_is_listed_in_setuptools_packages() -> None:
    # setuptools installs only the packages it is told of: a folder missing here is missing
    # from the wheel (the editable install hides that), and a name with no folder breaks the build.
    listed = set(_tool("setuptools")["packages"])
    folders = _package_folders()
    assert not folders - listed, "add these to [tool.setuptools] packages in pyproject.toml"
    assert not listed - folders, "these are listed in pyproject.toml but have no folder"


def _contract(contract_id: str) -> Any:
    (contract,) = [c for c in _tool("importlinter")["contracts"] if c.get("id") == contract_id]
    return contract


def _layer_modules(layer: str) -> list[str]:
    return [name.strip().strip("()") for name in layer.replace("|", ":").split(":")]


def test_the_import_rules_name_every_room_of_the_window() -> None:
    # lint-imports only checks what its contracts name: a new folder in app/ that nobody adds
    # there would be free to import anything. Each one sits in a layer, and the rooms of the
    # feature layer are exactly the folders the independence contract keeps apart.
    layers = [_layer_modules(layer) for layer in _contract("layers")["layers"]]
    in_layers = {name for layer in layers for name in layer}
    rooms = {name for name in _package_folders()
             if name.startswith("unknot.app.") and name.count(".") == 2}
    assert not rooms - in_layers, "name these in the layers contract in pyproject.toml"
    features = set(_contract("features-independent")["modules"])
    (feature_layer,) = [set(layer) for layer in layers if set(layer) & features]
    assert feature_layer == features
    assert features <= rooms, "the independence contract names a folder that does not exist"


def test_the_flatpak_lock_pins_every_dependency_but_pyside() -> None:
    """packaging/flatpak/python3-requirements.txt (and python3-deps.json made from it) holds
    every [project] dependency, each pinned: a Flatpak built without one would not start."""
    def name(requirement: str) -> str:
        return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")

    dependencies = _project()["dependencies"]
    assert isinstance(dependencies, list)
    wanted = {name(r) for r in dependencies} - {"pyside6-essentials"}
    lock = PACKAGING / "flatpak" / "python3-requirements.txt"
    pins = {name(line): line.split("==", 1)[-1].strip()
            for line in lock.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}
    assert wanted <= set(pins), sorted(wanted - set(pins))
    assert all("==" in line for line in lock.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#"))
    deps = (PACKAGING / "flatpak" / "python3-deps.json").read_text(encoding="utf-8")
    for package in wanted:
        assert f"{package.replace('-', '_')}-{pins[package]}-" in deps, package
