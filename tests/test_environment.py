"""The three descriptions of the environment agree with each other.

pyproject.toml names the direct dependencies, requirements.lock pins their
whole closure for `make`, and environment.yml gives conda users the same
direct dependencies. A dependency added to one and forgotten in another
fails here rather than on someone else's machine.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

# conda-forge package name -> PyPI project name, where the two differ.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
# conda entries that are the toolchain, not dependencies of the package.
CONDA_TOOLCHAIN = {"python", "pip"}

_CONDA_SPEC = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?P<spec>.*)$")
_LOCK_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")


def _pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def _declared() -> dict[str, Requirement]:
    """pyproject's dependencies + the test extra, by normalised name."""
    project = _pyproject()["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    requirements = [Requirement(line) for line in lines]
    return {canonicalize_name(req.name): req for req in requirements}


def _lock() -> dict[str, str]:
    """requirements.lock as normalised name -> version; every line must be an exact pin."""
    pins: dict[str, str] = {}
    for number, raw in enumerate((ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LOCK_PIN.match(line)
        assert match, f"requirements.lock line {number} is not an exact name==version pin: {raw!r}"
        name = canonicalize_name(match["name"])
        assert name not in pins, f"requirements.lock pins {name} twice"
        pins[name] = match["version"]
    return pins


def _environment_yml() -> tuple[str, list[str], list[str]]:
    """The environment's name, its conda dependencies and its pip dependencies.

    Reads the small YAML subset environment.yml uses (top-level keys, `- item`
    lists, one nested `- pip:` list, `#` comments) so the test needs no YAML library.
    """
    name = ""
    conda: list[str] = []
    pip: list[str] = []
    in_dependencies = False
    pip_indent: int | None = None
    for raw in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            key, _, value = line.partition(":")
            in_dependencies = key == "dependencies"
            pip_indent = None
            if key == "name":
                name = value.strip()
            continue
        if not in_dependencies:
            continue
        item = re.match(r"^(\s*)-\s+(.*)$", line)
        assert item, f"environment.yml: unexpected line under dependencies: {raw!r}"
        depth, entry = len(item[1]), item[2].strip()
        if pip_indent is not None and depth > pip_indent:
            pip.append(entry)
            continue
        pip_indent = None
        if entry == "pip:":
            pip_indent = depth
        else:
            conda.append(entry)
    return name, conda, pip


def _environment_dependencies() -> dict[str, SpecifierSet]:
    """environment.yml's dependencies (conda and pip) by PyPI name, with their specifiers."""
    _, conda, pip = _environment_yml()
    found: dict[str, SpecifierSet] = {}

    def add(name: str, spec: SpecifierSet) -> None:
        key = canonicalize_name(name)
        assert key not in found, f"environment.yml names {key} twice"
        found[key] = spec

    for entry in conda:
        match = _CONDA_SPEC.match(entry)
        assert match, f"environment.yml: cannot read conda dependency {entry!r}"
        if match["name"] in CONDA_TOOLCHAIN:
            continue
        add(CONDA_TO_PYPI.get(match["name"], match["name"]), SpecifierSet(match["spec"].replace(" ", "")))
    for entry in pip:
        if entry.startswith("-"):  # `-e .`: the package itself
            continue
        req = Requirement(entry)
        add(req.name, req.specifier)
    return found


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    declared = set(_declared())
    listed = set(_environment_dependencies())
    assert listed == declared, (
        f"only in pyproject.toml: {sorted(declared - listed)}; only in environment.yml: {sorted(listed - declared)}"
    )


def test_environment_yml_uses_pyprojects_lower_bounds():
    listed = _environment_dependencies()
    for name, req in _declared().items():
        assert listed.get(name) == req.specifier, (
            f"{name}: pyproject.toml says {str(req.specifier) or 'any'}, "
            f"environment.yml says {str(listed.get(name)) or 'any'}"
        )


def test_environment_yml_builds_the_project_on_a_supported_python():
    name, conda, pip = _environment_yml()
    assert name == "policytext"
    assert "-e ." in pip, "environment.yml should install the package itself (`- -e .` under pip:)"
    pythons = [entry for entry in conda if re.match(r"^python\s*(=|$)", entry)]
    assert len(pythons) == 1, f"environment.yml should name python once, found {pythons}"
    version = re.sub(r"^python\s*=*\s*", "", pythons[0])
    requires_python = SpecifierSet(_pyproject()["project"]["requires-python"])
    assert Version(version) in requires_python, f"python={version} does not meet requires-python {requires_python}"


def test_lock_does_not_pin_the_project_itself():
    assert "policytext" not in _lock(), "requirements.lock must not pin policytext (make installs it editable)"


@pytest.mark.parametrize("name", sorted(_declared()))
def test_lock_pins_each_dependency_within_pyprojects_specifier(name):
    requirement = _declared()[name]
    if requirement.marker is not None and not requirement.marker.evaluate():
        pytest.skip(f"{name} is not needed on this platform ({requirement.marker})")
    pins = _lock()
    assert name in pins, f"{name} is in pyproject.toml but not pinned in requirements.lock: run `make lock`"
    assert requirement.specifier.contains(Version(pins[name]), prereleases=True), (
        f"requirements.lock pins {name}=={pins[name]}, outside pyproject.toml's {requirement.specifier}: run `make lock`"
    )


def test_every_locked_version_installs_on_the_oldest_python_the_project_admits():
    """A pin whose Requires-Python excludes 3.11.0–3.11.4 breaks `make` on Debian 12 (Python 3.11.2).

    Read from the metadata of what the venv installed from the lock, so no network is needed;
    lock-constraints.txt holds the upper bounds that keep `make lock` within it.
    """
    from importlib import metadata

    floor = Version(str(SpecifierSet(_pyproject()["project"]["requires-python"])).lstrip(">=~= ") + ".0")
    oldest = {Version(f"{floor.major}.{floor.minor}.{micro}") for micro in range(0, 5)}
    excluded = []
    for name, version in _lock().items():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # not installed here (platform markers); nothing to read
        if canonicalize_name(dist.metadata["Name"]) != name or dist.version != version:
            continue  # the venv is not from this lock (a local upgrade); the pin cannot be checked here
        spec = dist.metadata.get("Requires-Python")
        if spec and not all(SpecifierSet(spec).contains(python) for python in oldest):
            excluded.append(f"{name}=={version} (Requires-Python {spec})")
    assert not excluded, f"pins that exclude Python {floor.major}.{floor.minor}.0–4: {excluded}"
