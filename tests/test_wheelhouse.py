"""`make wheelhouse` (pinned wheels for every platform) and `make install` using it.

The logic is tested with pip replaced by a fake (no gigabytes downloaded); one real `pip
download` of a small pinned package for Windows proves the commands work (skipped offline).
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.tags import Tag, compatible_tags, cpython_tags

import make_wheelhouse as wh

ROOT = Path(__file__).resolve().parent.parent
ANY = [Tag("py3", "none", "any")]


# ---- targets and command lines -----------------------------------------------------------------

def test_default_targets_cover_three_systems_and_two_pythons():
    names = [t.name for t in wh.targets()]
    assert len(names) == 10
    for platform in ("linux-x86_64", "linux-aarch64", "macos-arm64", "macos-x86_64",
                     "windows-amd64"):
        for python in ("3.11", "3.12"):
            assert f"{platform}-py{python}" in names
    tags = {tag for t in wh.targets() for tag in t.platform.tags}
    assert {"manylinux2014_x86_64", "manylinux_2_28_x86_64", "manylinux2014_aarch64",
            "macosx_12_0_arm64", "macosx_11_0_x86_64", "win_amd64"} <= tags


def test_manylinux_tags_oldest_glibc_first():
    tags = wh.PLATFORMS["linux-x86_64"].tags
    assert tags[0] == "manylinux2014_x86_64"
    minors = [int(re.match(r"manylinux_2_(\d+)_", t).group(1)) for t in tags[1:]]
    assert minors == sorted(minors) and minors[0] == 17 and minors[-1] == 28


def test_download_command_pins_the_target():
    target = wh.Target(wh.PLATFORMS["windows-amd64"], "3.12")
    command = wh.download_command("python", target, Path("pins.txt"), Path("wheelhouse"))
    assert command[:4] == ["python", "-m", "pip", "download"]
    text = " ".join(command)
    for part in ("--no-deps", "--dest wheelhouse", "--only-binary=:all:", "--implementation cp",
                 "--python-version 3.12", "--platform win_amd64", "-r pins.txt"):
        assert part in text


def test_every_platform_tag_is_passed():
    target = wh.Target(wh.PLATFORMS["linux-aarch64"], "3.11")
    options = target.pip_options()
    given = [options[i + 1] for i, o in enumerate(options) if o == "--platform"]
    assert given == list(target.platform.tags)


def test_resolve_command_reports_without_installing():
    target = wh.Target(wh.PLATFORMS["macos-arm64"], "3.11")
    command = wh.resolve_command("python", target, Path("r.txt"), Path("report.json"))
    text = " ".join(command)
    assert "pip install --dry-run --ignore-installed" in text
    assert "--report report.json" in text and "--platform macosx_12_0_arm64" in text


def test_unknown_platform_or_python_is_refused():
    with pytest.raises(SystemExit, match="choose among"):
        wh.targets(["beos"])
    with pytest.raises(SystemExit, match="3.11, 3.12"):
        wh.targets(["windows-amd64"], ["312"])


# ---- which requirements a target needs ---------------------------------------------------------

def test_requirements_are_evaluated_for_the_target_python():
    old = wh.all_roots(wh.Target(wh.PLATFORMS["windows-amd64"], "3.10"))
    new = wh.all_roots(wh.Target(wh.PLATFORMS["windows-amd64"], "3.12"))
    assert "numpy==2.2.6" in old and "numpy==2.4.6" not in old
    assert "numpy==2.4.6" in new and "numpy==2.2.6" not in new
    assert not any(";" in r for r in new)
    assert "setuptools>=77" in new and "pip" in new  # the build backend of -e ., and pip


def _dist(name, version, *requires):
    return wh.Dist(name, wh.Version(version), list(requires))


def _index(*dists):
    index = {}
    for d in dists:
        index.setdefault(wh.canonicalize_name(d.name), []).append(d)
    return index


INDEX = _index(
    _dist("pytest", "9.2.0", "pluggy>=1.5", 'colorama>=0.4; sys_platform == "win32"',
          'tomli>=1; python_version < "3.11"', 'hypothesis>=6; extra == "dev"'),
    _dist("pluggy", "1.7.0"),
    _dist("hypothesis", "6.168.5", "attrs>=22"),
)
LINUX = wh.Target(wh.PLATFORMS["linux-x86_64"], "3.12").environment()
WINDOWS = wh.Target(wh.PLATFORMS["windows-amd64"], "3.12").environment()


def test_closure_uses_the_targets_markers():
    chosen, missing = wh.closure(["pytest==9.2.0"], INDEX, LINUX)
    assert sorted(chosen) == ["pluggy", "pytest"] and missing == []
    chosen, missing = wh.closure(["pytest==9.2.0"], INDEX, WINDOWS)
    assert [str(r) for r in missing] == ["colorama>=0.4"]
    old = wh.Target(wh.PLATFORMS["linux-x86_64"], "3.10").environment()
    assert [str(r) for r in wh.closure(["pytest"], INDEX, old)[1]] == ["tomli>=1"]


def test_closure_follows_extras_and_reports_versions_that_do_not_fit():
    chosen, missing = wh.closure(["pytest[dev]"], INDEX, LINUX)
    assert "hypothesis" in chosen and [str(r) for r in missing] == ["attrs>=22"]
    chosen, missing = wh.closure(["pytest", "pluggy<1.5"], INDEX, LINUX)
    assert [str(r) for r in missing] == ["pluggy<1.5"]


def _fake_pip(resolved_on_this_machine, downloads=None):
    """A stand-in for pip: its --report lists what pip would (this machine's markers), plus any
    requirement added by name; pip download is recorded, not run."""
    calls = []

    def run(command, **kwargs):
        calls.append(command)
        if "download" in command:
            if downloads is not None:
                downloads.append(Path(command[command.index("-r") + 1]).read_text())
            return subprocess.CompletedProcess(command, 0, "", "")
        wanted = Path(command[command.index("-r") + 1]).read_text().split()
        names = {re.split(r"[<>=!\[]", w)[0] for w in wanted}
        items = list(resolved_on_this_machine)
        items += [("colorama", "0.4.6", []) for n in names if n == "colorama"]
        report = {"install": [{"metadata": {"name": n, "version": v, "requires_dist": r}}
                              for n, v, r in items]}
        Path(command[command.index("--report") + 1]).write_text(json.dumps(report))
        return subprocess.CompletedProcess(command, 0, "", "")

    return run, calls


ON_LINUX = [("pytest", "9.2.0", ["pluggy>=1.5", 'colorama>=0.4; sys_platform == "win32"',
                                 'pexpect; sys_platform != "win32"']),
            ("pluggy", "1.7.0", []), ("pexpect", "4.9.0", [])]


def test_resolve_adds_what_pip_leaves_out_for_a_foreign_target():
    run, calls = _fake_pip(ON_LINUX)
    target = wh.Target(wh.PLATFORMS["windows-amd64"], "3.12")
    chosen = wh.resolve(target, ["pytest==9.2.0"], python="python", run=run)
    assert sorted(d.pin for d in chosen.values()) == [
        "colorama==0.4.6", "pluggy==1.7.0", "pytest==9.2.0"]  # pexpect: Linux only, left out
    assert len(calls) == 2


def test_make_wheelhouse_downloads_exact_pins_per_target(tmp_path):
    downloads = []
    run, calls = _fake_pip(ON_LINUX, downloads)
    chosen = wh.targets(["windows-amd64", "linux-x86_64"], ["3.12"])
    plan = wh.make_wheelhouse(chosen, tmp_path, roots_of=lambda t: ["pytest==9.2.0"],
                              python="python", run=run, log=lambda m: None)
    assert plan["linux-x86_64-py3.12"] == ["pexpect==4.9.0", "pluggy==1.7.0", "pytest==9.2.0"]
    assert "colorama==0.4.6" in plan["windows-amd64-py3.12"]
    download_calls = [c for c in calls if "download" in c]
    assert [c[c.index("--python-version") + 1] for c in download_calls] == ["3.12", "3.12"]
    assert "--platform" in download_calls[0] and "win_amd64" in download_calls[0]
    assert "colorama==0.4.6" in downloads[0] and "colorama" not in downloads[1]
    assert (tmp_path / "windows-amd64-py3.12.txt").exists()
    readme = (tmp_path / "README.txt").read_text()
    assert "make install" in readme and "--no-index --find-links wheelhouse" in readme


def test_dry_run_downloads_nothing(tmp_path):
    run, calls = _fake_pip(ON_LINUX)
    wh.make_wheelhouse(wh.targets(["windows-amd64"], ["3.11"]), tmp_path / "w",
                       roots_of=lambda t: ["pytest"], python="python", run=run,
                       dry_run=True, log=lambda m: None)
    assert not any("download" in c for c in calls)
    assert not (tmp_path / "w").exists()


# ---- make install: find-links, and no index when the folder is complete ----------------------

def _wheel(folder: Path, name: str, version: str, *requires, tag="py3-none-any") -> Path:
    path = folder / f"{name}-{version}-{tag}.whl"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", metadata)
    return path


@pytest.fixture
def small_course(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "# pins\nalpha==1.0\nbeta==2.0; python_version >= '3.11'\nbeta==1.0; python_version < '3.11'\n")
    (tmp_path / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools>=77"]\n')
    folder = tmp_path / "wheelhouse"
    folder.mkdir()
    return tmp_path, folder


def _options(course, folder, environment=LINUX, tags=ANY):
    return wh.pip_options(folder, requirements=course / "requirements.txt",
                          pyproject=course / "pyproject.toml", environment=environment, tags=tags)


def test_no_wheelhouse_means_plain_pip(tmp_path):
    assert wh.pip_options(tmp_path / "wheelhouse") == []
    (tmp_path / "wheelhouse").mkdir()
    assert wh.pip_options(tmp_path / "wheelhouse") == []


def test_a_complete_wheelhouse_is_used_without_the_index(small_course):
    course, folder = small_course
    _wheel(folder, "alpha", "1.0", "gamma>=3", 'delta; sys_platform == "win32"')
    _wheel(folder, "beta", "2.0")
    _wheel(folder, "gamma", "3.1")
    _wheel(folder, "setuptools", "80.0")
    options = _options(course, folder)
    assert options[0] == "--no-index" and options[1] == "--find-links"
    assert Path(options[2]).resolve() == folder.resolve()
    # the same folder lacks delta for Windows, and beta 1.0 for Python 3.10: find-links only
    assert _options(course, folder, WINDOWS)[0] == "--find-links"
    old = wh.Target(wh.PLATFORMS["linux-x86_64"], "3.10").environment()
    assert _options(course, folder, old)[0] == "--find-links"


def test_an_incomplete_wheelhouse_is_used_beside_pypi(small_course):
    course, folder = small_course
    _wheel(folder, "alpha", "1.0", "gamma>=3")
    _wheel(folder, "beta", "2.0")
    _wheel(folder, "setuptools", "80.0")  # gamma is missing
    assert _options(course, folder)[0] == "--find-links"
    assert wh.missing_here(folder, course / "requirements.txt", course / "pyproject.toml",
                           environment=LINUX, tags=ANY) == ["gamma>=3"]


def test_a_broken_wheel_counts_as_missing(small_course):
    course, folder = small_course
    _wheel(folder, "alpha", "1.0")
    _wheel(folder, "setuptools", "80.0")
    (folder / "beta-2.0-py3-none-any.whl").write_bytes(b"interrupted download")
    assert _options(course, folder)[0] == "--find-links"


def test_wheels_for_other_machines_do_not_count(small_course):
    course, folder = small_course
    _wheel(folder, "alpha", "1.0", tag="cp312-cp312-win_amd64")
    _wheel(folder, "beta", "2.0")
    _wheel(folder, "setuptools", "80.0")
    linux = [Tag("cp312", "cp312", "manylinux_2_28_x86_64"), *ANY]
    windows = [Tag("cp312", "cp312", "win_amd64"), *ANY]
    assert _options(course, folder, LINUX, linux)[0] == "--find-links"
    assert _options(course, folder, WINDOWS, windows)[0] == "--no-index"


def test_pip_options_runs_without_the_packaging_package(tmp_path):
    """`make install` asks before anything is installed: only pip's own copy is there."""
    code = ("import sys, runpy\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'packaging' or name.startswith('packaging.'):\n"
            "            raise ImportError('blocked')\n"
            "sys.meta_path.insert(0, Block())\n"
            f"sys.argv = ['make_wheelhouse.py', '--pip-options', '--dest', {str(tmp_path)!r}]\n"
            f"runpy.run_path({str(ROOT / 'tools' / 'make_wheelhouse.py')!r}, run_name='__main__')\n")
    _wheel(tmp_path, "alpha", "1.0")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["--find-links", str(tmp_path)]  # the course needs more


def test_makefile_installs_through_the_wheelhouse():
    makefile = (ROOT / "Makefile").read_text()
    stamp = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    installs = [line for line in stamp.splitlines() if "pip install" in line]
    assert len(installs) == 3  # pip itself, the requirements, the course package
    assert all("$(PIP_SOURCES)" in line for line in installs)
    assert re.search(r"^PIP_SOURCES\s*=.*tools/make_wheelhouse\.py --pip-options", makefile, re.M)
    recipe = re.search(r"^wheelhouse:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "tools/make_wheelhouse.py" in recipe
    assert "wheelhouse/" in (ROOT / ".gitignore").read_text().split()


# ---- one real download -------------------------------------------------------------------------

def _pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _pypi_reachable(), reason="PyPI is not reachable from here")
def test_real_download_for_windows_gets_windows_only_dependencies(tmp_path):
    """pytest needs colorama on Windows only: pip download run on Linux or macOS misses it."""
    target = wh.Target(wh.PLATFORMS["windows-amd64"], "3.12")
    plan = wh.make_wheelhouse([target], tmp_path, roots_of=lambda t: ["pytest==9.2.0"],
                              log=lambda m: None)
    names = sorted(p.name.split("-")[0].lower() for p in tmp_path.glob("*.whl"))
    assert "pytest" in names and "colorama" in names
    assert "colorama==0.4.6" in plan[target.name] or any(
        p.startswith("colorama==") for p in plan[target.name])

    (tmp_path / "requirements.txt").write_text("pytest==9.2.0\n")
    (tmp_path / "pyproject.toml").write_text("")
    windows_tags = [*cpython_tags((3, 12), platforms=["win_amd64"]),
                    *compatible_tags((3, 12), "cp312", ["win_amd64"])]
    assert wh.missing_here(tmp_path, tmp_path / "requirements.txt", tmp_path / "pyproject.toml",
                           environment=target.environment(), tags=windows_tags) == []
    # pip itself accepts the folder on its own for that target (nothing from the index)
    check = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--no-index", "--find-links", str(tmp_path), *target.pip_options(),
         "--target", str(tmp_path / "t"), "pytest==9.2.0"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
