"""Is this environment ready for the course? Used by the first lesson's environment check."""

from __future__ import annotations

import sys
from importlib import metadata

__all__ = ["TESTED_WITH", "MINIMUM_PYTHON", "report", "check"]

MINIMUM_PYTHON = (3, 10)

#: The versions the course was tested with (the pins of requirements.txt for Python ≥ 3.11;
#: tests/test_environment.py keeps the two in step).
TESTED_WITH = {
    "jupyterlab": "4.6.6",
    "ipywidgets": "8.1.9",
    "ipykernel": "7.4.0",
    "numpy": "2.4.6",
    "scipy": "1.17.1",
    "matplotlib": "3.11.2",
    "threadpoolctl": "3.6.0",
    "tqdm": "4.70.1",
    "latex2mathml": "3.81.1",
    "nbformat": "5.11.1",
    "nbclient": "0.11.0",
    "nbval": "0.11.0",
    "pytest": "9.2.0",
    "hypothesis": "6.168.5",
    "pytest-xdist": "3.8.0",
    "playwright": "1.65.2",
}

#: What the lessons themselves import; the rest is for building and testing the course.
NEEDED_BY_LESSONS = ("jupyterlab", "ipywidgets", "ipykernel", "numpy", "scipy", "matplotlib",
                     "threadpoolctl", "tqdm")


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def report() -> str:
    """A table of Python and each package: the installed and the tested version.

    One row per package of :data:`TESTED_WITH`, read from the installed distributions
    (``importlib.metadata``); a version that differs from the tested one is marked
    ``(differs)``, a missing package ``<- missing``. It takes no arguments and raises nothing.

    Returns
    -------
    str

    Examples
    --------
    >>> from scaling_utils import environment
    >>> environment.report().splitlines()[0].split()
    ['package', 'installed', 'tested', 'with']

    Introduced in lesson 00.
    """
    width = max(len(name) for name in TESTED_WITH) + 1
    rows = [f"{'package':<{width}} {'installed':<12} {'tested with':<12}",
            f"{'python':<{width}} {sys.version.split()[0]:<12} {'3.10 or newer':<12}"]
    for name, tested in TESTED_WITH.items():
        have = _installed(name) or "MISSING"
        mark = "" if have == tested else ("  <- missing" if have == "MISSING" else "  (differs)")
        rows.append(f"{name:<{width}} {have:<12} {tested:<12}{mark}")
    return "\n".join(rows)


def check() -> bool:
    """Print whether the lessons can run here and, if not, the command that fixes it.

    Ready means Python ≥ 3.10 (:data:`MINIMUM_PYTHON`) and every package of
    :data:`NEEDED_BY_LESSONS` installed; versions that differ from :data:`TESTED_WITH` are
    shown by :func:`report`, not refused. It takes no arguments and raises nothing.

    Returns
    -------
    bool
        True when the lessons can run.

    Examples
    --------
    >>> from scaling_utils import environment
    >>> environment.check()          # in the course's environment
    Ready: Python and every package the lessons need are installed.
    True

    Introduced in lesson 00.
    """
    problems = []
    if sys.version_info[:2] < MINIMUM_PYTHON:
        problems.append(f"Python {sys.version.split()[0]} is older than 3.10")
    problems += [f"{name} is not installed" for name in NEEDED_BY_LESSONS if not _installed(name)]
    if problems:
        print("Not ready: " + "; ".join(problems) + ".\nFix: in a terminal in the course folder, "
              "run `make lab` (it creates .venv with everything), then open the course from there.")
        return False
    print("Ready: Python and every package the lessons need are installed.")
    return True
