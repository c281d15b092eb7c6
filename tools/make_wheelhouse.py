#!/usr/bin/env python3
"""Download the course's pinned wheels for Linux, macOS and Windows into wheelhouse/.

`make wheelhouse` runs this: an instructor with a good network prepares the folder once and
copies it (with the course) to participants, whose `make install` then installs from it.

For each target (platform × Python version) it asks pip which wheels the target needs, then
downloads exactly those with `pip download --only-binary=:all: --platform ... --python-version
...`. pip alone gets one thing wrong for a foreign target: it evaluates environment markers
against the machine it runs on (pypa/pip#11664), so downloading on Linux for Windows would miss
Windows-only dependencies such as colorama (pytest), pywinpty (terminado) and pywin32
(jupyter_core). This tool walks the wheels' dependencies again with the target's own markers and
adds what pip left out, until nothing is missing.

`--pip-options` prints the options `make install` passes to pip on this machine:

- no wheelhouse/ folder: nothing (pip uses PyPI as usual);
- wheelhouse/ has every wheel this machine needs: `--no-index --find-links wheelhouse`, so the
  install works with no network at all and never waits for an unreachable index;
- wheelhouse/ lacks some (another platform or Python version): `--find-links wheelhouse`, so
  pip takes what it can from the folder (for equal versions it prefers the local file) and
  downloads the rest.

Only the standard library and `packaging` are used (pip's own copy when `packaging` is not
installed), so `--pip-options` runs in a brand-new virtual environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.parser
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.tags import sys_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # a fresh virtual environment: pip carries its own copy
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.tags import sys_tags
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename
    from pip._vendor.packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEST = ROOT / "wheelhouse"
REQUIREMENTS = ROOT / "requirements.txt"
PYPROJECT = ROOT / "pyproject.toml"
#: Installed with the course but not listed in requirements.txt: pip itself (`make install`
#: upgrades it first) and the build backend of `pip install -e .` (from pyproject.toml).
ALSO = ("pip",)


def _manylinux(arch: str, newest_glibc: int = 28) -> tuple[str, ...]:
    # pip does not expand manylinux_2_X tags to older ones, so list them. Oldest first: when a
    # package ships wheels for several glibc versions, take the one that runs on most machines.
    return (f"manylinux2014_{arch}",) + tuple(
        f"manylinux_2_{minor}_{arch}" for minor in range(17, newest_glibc + 1))


@dataclass(frozen=True)
class Platform:
    """A participant's kind of machine, as pip's --platform tags and PEP 508 markers see it."""

    name: str
    tags: tuple[str, ...]
    sys_platform: str
    platform_system: str
    os_name: str
    platform_machine: str
    note: str = ""


PLATFORMS = {p.name: p for p in (
    Platform("linux-x86_64", _manylinux("x86_64"), "linux", "Linux", "posix", "x86_64",
             "glibc 2.27 or newer (Ubuntu 18.04, Debian 10, RHEL 8 and later)"),
    Platform("linux-aarch64", _manylinux("aarch64"), "linux", "Linux", "posix", "aarch64",
             "glibc 2.27 or newer"),
    # pip expands a macOS tag to the older versions of the same architecture (and universal2).
    # scipy 1.17 has no arm64 wheel for macOS 11, so Apple silicon starts at macOS 12.
    Platform("macos-arm64", ("macosx_12_0_arm64",), "darwin", "Darwin", "posix", "arm64",
             "macOS 12 or newer on Apple silicon"),
    Platform("macos-x86_64", ("macosx_11_0_x86_64",), "darwin", "Darwin", "posix", "x86_64",
             "macOS 11 or newer on Intel"),
    Platform("windows-amd64", ("win_amd64",), "win32", "Windows", "nt", "AMD64",
             "64-bit Windows 10 or newer"),
)}
PYTHONS = ("3.11", "3.12")


@dataclass(frozen=True)
class Target:
    platform: Platform
    python: str  # "3.12"

    @property
    def name(self) -> str:
        return f"{self.platform.name}-py{self.python}"

    def environment(self) -> dict:
        """PEP 508 marker values of a CPython of this version on this platform."""
        return {
            "implementation_name": "cpython",
            "implementation_version": f"{self.python}.0",
            "os_name": self.platform.os_name,
            "platform_machine": self.platform.platform_machine,
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_system": self.platform.platform_system,
            "platform_version": "",
            "python_full_version": f"{self.python}.0",
            "python_version": self.python,
            "sys_platform": self.platform.sys_platform,
        }

    def pip_options(self) -> list[str]:
        """The options that make pip choose wheels for this target instead of this machine."""
        options = ["--only-binary=:all:", "--implementation", "cp", "--python-version", self.python]
        for tag in self.platform.tags:
            options += ["--platform", tag]
        return options


def targets(platforms=None, pythons=None) -> list[Target]:
    chosen = []
    for name in platforms or PLATFORMS:
        if name not in PLATFORMS:
            raise SystemExit(f"Unknown platform {name!r}; choose among {', '.join(PLATFORMS)}.")
        for python in pythons or PYTHONS:
            if not re.fullmatch(r"3\.\d+", python):
                raise SystemExit(f"Give Python versions as 3.11, 3.12, ...; got {python!r}.")
            chosen.append(Target(PLATFORMS[name], python))
    return chosen


# ---- requirements ------------------------------------------------------------------------------

def requirement_lines(path: Path = REQUIREMENTS) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def build_requirements(path: Path = PYPROJECT) -> list[str]:
    """``[build-system] requires`` of pyproject.toml (needed by ``pip install -e .``)."""
    text = path.read_text(encoding="utf-8")
    try:
        import tomllib
    except ImportError:  # Python 3.10: the one line we need, by pattern
        match = re.search(r"^\[build-system\][^\[]*?^requires\s*=\s*\[(.*?)\]", text, re.M | re.S)
        return re.findall(r"[\"']([^\"']+)[\"']", match.group(1)) if match else []
    return list(tomllib.loads(text).get("build-system", {}).get("requires", []))


def _without_marker(requirement: Requirement) -> Requirement:
    plain = Requirement(str(requirement))
    plain.marker = None
    return plain


def roots_for(environment: dict, lines: list[str]) -> list[str]:
    """The requirements that apply in ``environment`` (markers evaluated there, then dropped)."""
    roots = []
    for line in lines:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({**environment, "extra": ""}):
            roots.append(str(_without_marker(requirement)))
    return roots


# ---- the dependency walk -----------------------------------------------------------------------

@dataclass
class Dist:
    """One distribution: a wheel file, or an entry of pip's installation report."""

    name: str
    version: Version
    requires: list[str] = field(default_factory=list)
    path: Path | None = None
    tags: frozenset = frozenset()

    @property
    def pin(self) -> str:
        return f"{self.name}=={self.version}"


def closure(roots: list[str], dists: dict, environment: dict):
    """Walk the requirements from ``roots`` with the markers of ``environment``.

    ``dists`` maps canonical names to a list of available :class:`Dist`. Returns
    ``(chosen, missing)``: the distribution used for each needed name (the newest that satisfies
    the first requirement met), and the requirements that nothing in ``dists`` satisfies.
    """
    chosen: dict[str, Dist] = {}
    extras_done: dict[str, set] = defaultdict(set)
    missing: list[Requirement] = []
    queue = deque(Requirement(r) for r in roots)
    seen = set()
    while queue:
        requirement = queue.popleft()
        key = str(requirement)
        if key in seen:
            continue
        seen.add(key)
        name = canonicalize_name(requirement.name)
        fits = [d for d in dists.get(name, [])
                if requirement.specifier.contains(d.version, prereleases=True)]
        dist = chosen.get(name)
        if dist is None and fits:
            dist = chosen[name] = max(fits, key=lambda d: d.version)
        if dist is None or dist not in fits:
            missing.append(requirement)
            continue
        for extra in ["", *sorted(requirement.extras)]:
            if extra in extras_done[name]:
                continue
            extras_done[name].add(extra)
            for line in dist.requires:
                child = Requirement(line)
                if child.marker is None or child.marker.evaluate({**environment, "extra": extra}):
                    queue.append(_without_marker(child))
    return chosen, missing


def dists_from_report(report: dict) -> dict:
    """``name -> [Dist]`` from the JSON of ``pip install --dry-run --report``."""
    dists = defaultdict(list)
    for item in report.get("install", []):
        metadata = item["metadata"]
        dists[canonicalize_name(metadata["name"])].append(
            Dist(metadata["name"], Version(metadata["version"]),
                 list(metadata.get("requires_dist", []))))
    return dists


def _wheel_requires(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as wheel:
        names = [n for n in wheel.namelist()
                 if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        if not names:
            return []
        text = wheel.read(names[0]).decode("utf-8", errors="replace")
    return email.parser.HeaderParser().parsestr(text).get_all("Requires-Dist") or []


def dists_in(folder: Path, tags=None) -> dict:
    """``name -> [Dist]`` for the wheels in ``folder`` (only those that fit ``tags``, if given)."""
    wanted = None if tags is None else set(tags)
    dists = defaultdict(list)
    for path in sorted(folder.glob("*.whl")):
        try:
            name, version, _build, wheel_tags = parse_wheel_filename(path.name)
        except Exception:  # not a wheel name pip would accept either
            continue
        if wanted is not None and not (set(wheel_tags) & wanted):
            continue
        try:
            requires = _wheel_requires(path)
        except (OSError, zipfile.BadZipFile):  # a broken download: as if it were not there
            continue
        dists[name].append(Dist(str(name), version, requires, path, frozenset(wheel_tags)))
    return dists


# ---- resolving and downloading for a target ----------------------------------------------------

def resolve_command(python: str, target: Target, requirements_file: Path, report: Path) -> list:
    return [python, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
            "--report", str(report), *target.pip_options(), "-r", str(requirements_file)]


def download_command(python: str, target: Target, pins_file: Path, dest: Path) -> list:
    return [python, "-m", "pip", "download", "--no-deps", "--dest", str(dest),
            *target.pip_options(), "-r", str(pins_file)]


def all_roots(target: Target, requirements: Path = REQUIREMENTS,
              pyproject: Path = PYPROJECT) -> list[str]:
    lines = requirement_lines(requirements) + build_requirements(pyproject) + list(ALSO)
    return roots_for(target.environment(), lines)


def resolve(target: Target, roots: list[str], *, python: str = sys.executable,
            run=subprocess.run, rounds: int = 6) -> dict:
    """The wheels ``target`` needs, as ``name -> Dist`` (pip's resolver, then the target's markers).

    pip resolves with this machine's markers; the walk with the target's markers finds what pip
    left out, which is added to the requirements for the next round.
    """
    extra: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        requirements_file, report = Path(work) / "requirements.txt", Path(work) / "report.json"
        for _ in range(rounds):
            requirements_file.write_text("\n".join(roots + extra) + "\n", encoding="utf-8")
            result = run(resolve_command(python, target, requirements_file, report),
                         capture_output=True, text=True)
            if result.returncode != 0:
                raise SystemExit(f"pip could not resolve the course's requirements for "
                                 f"{target.name}:\n{result.stderr.strip()}")
            chosen, missing = closure(roots + extra,
                                      dists_from_report(json.loads(report.read_text())),
                                      target.environment())
            new = [str(r) for r in missing if str(r) not in extra]
            if not missing:
                return chosen
            if not new:
                break
            extra += new
    raise SystemExit(f"{target.name}: these requirements stay unresolved: "
                     f"{', '.join(str(r) for r in missing)}")


def make_wheelhouse(chosen_targets: list[Target], dest: Path = DEFAULT_DEST, *,
                    roots_of=all_roots, python: str = sys.executable, run=subprocess.run,
                    dry_run: bool = False, log=print) -> dict:
    """Resolve (and unless ``dry_run``, download) every target; return ``target name -> pins``."""
    plan = {}
    if not dry_run:
        dest.mkdir(parents=True, exist_ok=True)
    for target in chosen_targets:
        chosen = resolve(target, roots_of(target), python=python, run=run)
        pins = sorted(d.pin for d in chosen.values())
        plan[target.name] = pins
        log(f"{target.name}: {len(pins)} wheels")
        if dry_run:
            continue
        pins_file = dest / f"{target.name}.txt"
        pins_file.write_text(f"# The wheels a {target.platform.note} machine with Python "
                             f"{target.python} needs (written by tools/make_wheelhouse.py).\n"
                             + "\n".join(pins) + "\n", encoding="utf-8")
        result = run(download_command(python, target, pins_file, dest))
        if result.returncode != 0:
            raise SystemExit(f"pip download failed for {target.name}.")
    if not dry_run:
        _write_readme(dest, chosen_targets)
        size = sum(p.stat().st_size for p in dest.glob("*.whl"))
        log(f"{dest}: {len(list(dest.glob('*.whl')))} wheels, {size / 1e6:.0f} MB")
    return plan


def _write_readme(dest: Path, chosen_targets: list[Target]) -> None:
    done = sorted({t.name for t in chosen_targets} |
                  {p.stem for p in dest.glob("*.txt") if p.stem != "README"})
    lines = ["Wheels for the course Scaling Laws, Hands-On, written by `make wheelhouse` on "
             f"{dt.date.today().isoformat()}.", "",
             "Copy this folder into the course folder (next to requirements.txt), then run",
             "`make install` (it installs from here, with no network when every wheel your",
             "machine needs is here). Without make:", "",
             "    python -m pip install --no-index --find-links wheelhouse -r requirements.txt",
             "    python -m pip install --no-index --find-links wheelhouse --no-deps -e .", "",
             "(If pip says a wheel is missing, run the same commands without --no-index.)", "",
             "Targets (each NAME.txt lists its wheels):"]
    lines += [f"- {name}" for name in done]
    (dest / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---- installing from it ------------------------------------------------------------------------

def missing_here(folder: Path, requirements: Path = REQUIREMENTS, pyproject: Path = PYPROJECT,
                 *, environment=None, tags=None) -> list[str]:
    """Requirements of this machine (or of the given markers and tags) that ``folder`` lacks."""
    environment = default_environment() if environment is None else environment
    tags = list(sys_tags()) if tags is None else tags
    roots = roots_for(environment, requirement_lines(requirements) + build_requirements(pyproject))
    _chosen, missing = closure(roots, dists_in(folder, tags), environment)
    return [str(r) for r in missing]


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def pip_options(folder: Path = DEFAULT_DEST, **kwargs) -> list[str]:
    """The pip options for installing on this machine (see the module's docstring)."""
    if not folder.is_dir() or not any(folder.glob("*.whl")):
        return []
    options = ["--find-links", _shown(folder)]
    return options if missing_here(folder, **kwargs) else ["--no-index", *options]


def explain(folder: Path = DEFAULT_DEST, **kwargs) -> str:
    if not folder.is_dir() or not any(folder.glob("*.whl")):
        return f"No wheels in {_shown(folder)}/: pip installs from PyPI."
    missing = missing_here(folder, **kwargs)
    if not missing:
        return (f"Installing from {_shown(folder)}/ only (it holds every wheel this machine "
                f"needs; no network used).")
    shown = ", ".join(missing[:4]) + (", ..." if len(missing) > 4 else "")
    return (f"{_shown(folder)}/ lacks {len(missing)} of the wheels this machine needs ({shown}): "
            f"pip takes what it can from it and downloads the rest from PyPI.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", action="append", metavar="NAME",
                        help=f"only these platforms (repeat, or separate by commas): "
                             f"{', '.join(PLATFORMS)}")
    parser.add_argument("--python", action="append", metavar="X.Y",
                        help=f"only these Python versions (default: {', '.join(PYTHONS)})")
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    parser.add_argument("--dry-run", action="store_true",
                        help="resolve every target and print how many wheels each needs, but "
                             "download nothing")
    parser.add_argument("--pip-options", action="store_true",
                        help="print the pip options that install from --dest on this machine")
    parser.add_argument("--check", action="store_true",
                        help="say whether --dest holds every wheel this machine needs")
    args = parser.parse_args(argv)
    if args.pip_options:
        print(" ".join(pip_options(args.dest)))
        return 0
    if args.check:
        print(explain(args.dest))
        return 0 if pip_options(args.dest)[:1] == ["--no-index"] else 1

    def split(values):
        return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]

    make_wheelhouse(targets(split(args.platform), split(args.python)), args.dest,
                    dry_run=args.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
