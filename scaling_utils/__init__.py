"""scaling_utils — the package behind the course *Scaling Laws, Hands-On*.

Layers, lowest first (a module imports only from layers below it):

- ``laws``, ``references``: closed-form scaling laws and the published constants that feed them;
- ``compute``, ``simulate``: accounting of parameters and FLOPs; synthetic experiments;
- ``allocation``, ``fitting``: optimal allocation of a budget; fitting laws to data;
- ``plotting``, ``widgets``, ``checks``: the house style of figures, dashboards, exercise checkers.

Heavy libraries (scipy, matplotlib, ipywidgets) are imported inside the functions that need them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from ._validate import CourseValueError
from ._warnings import CourseWarning, FitWarning

__all__ = ["__version__", "require", "VersionMismatch", "CourseValueError", "CourseWarning",
           "FitWarning"]


class VersionMismatch(RuntimeError):
    """The installed scaling_utils is not the one a notebook was written for."""


def _parse(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except (AttributeError, ValueError):
        raise ValueError(
            f"require() takes a version such as '0.1' or '0.1.0'; got {version!r}."
        ) from None


def require(version: str) -> None:
    """Check that this kernel runs the version of scaling_utils a notebook was written for.

    Every notebook of the course calls this in its first cell. A notebook written for ``"0.1"``
    runs with any ``0.1.x``; a different major or minor version stops the notebook with an
    explanation and the command that fixes it.
    """
    wanted = _parse(version)
    have = _parse(__version__)
    if have[: len(wanted[:2])] != wanted[:2] or have[: len(wanted)] < wanted:
        raise VersionMismatch(
            f"This notebook was written for scaling_utils {version}, but this kernel imports "
            f"scaling_utils {__version__}. To fix it, open a terminal in the course folder, run "
            f"`make install` (or `python -m pip install -e .` in the environment of this kernel), "
            f"then restart the kernel (Kernel → Restart Kernel) and run this cell again."
        )
    print(f"scaling_utils {__version__} is installed: the version this notebook was written for.")
