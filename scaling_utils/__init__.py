"""scaling_utils — the package behind the course *Scaling Laws, Hands-On*.

Every notebook of the course imports it; nothing a later lesson needs is defined in a notebook.

Layers
------
Lowest first. A module imports only from its own layer or the layers below it; a test
(tests/test_layers.py) reads every import of the package, those inside functions included, and
fails when one points upwards. ``LAYERS`` below is the table that test reads.

0. ``_validate``, ``_warnings``, ``_blas``, ``environment`` — input checks (the course's error
   type :class:`CourseValueError`), warnings printed as one line, one BLAS thread for small
   matrices, the environment check of lesson 00.
1. ``laws``, ``references``, ``data`` — functional forms as small immutable objects, the
   published constants that feed them (each with its paper and table or section), and the few
   small real data sets the lessons use (each with its source and licence).
2. ``compute``, ``plotting`` — parameter and FLOP accounting; the house style of figures.
3. ``allocation``, ``planner``, ``simulate``, ``fitting``, ``emergence``, ``experiments`` — how
   to spend a budget under a law (``planner``, lesson 10's capstone, re-exported as
   ``allocation.plan``); synthetic experiments with a known truth (a simulated sweep centres its
   grids on the optimum); fitting laws to data; how a benchmark's metric transforms a smoothly
   falling loss; real training runs of small numpy language models on the learner's CPU
   (lesson 09: sweeps in worker processes, a cache, precomputed results).
   ``fitting/`` is a package by method; every fit result reports the same way (``.params``,
   ``.stderr``, ``.conf_int(level)``, ``.summary()``, a one-line ``str``).
4. ``studies`` — the numbers behind each dashboard as result objects (attributes, a readout
   as ``str``, ``plot(ax=None)``), one module per topic.
5. ``widgets``, ``checks`` — dashboards (thin views over studies) and exercise checkers, one
   module per lesson each. Neither imports the other.

Where a new lesson's parts go
-----------------------------
- a new functional form: a class in ``laws``; its published constants in ``references``;
- a real data set: a small file in ``data/`` with a README (source, licence, extraction) and a
  NOTICE entry, read by a function of ``data``;
- a new fitting method: a module in ``fitting/``, its result built on ``fitting._results``;
- a synthetic experiment: ``simulate`` (or a module of its own at layer 3); real training runs:
  ``experiments``;
- the numbers a dashboard shows: a study in ``studies/`` (a frozen dataclass subclassing
  ``studies.Study`` with ``__str__`` and ``draw``), computed by a pure, validated function;
- the dashboard: ``widgets/lessonNN.py`` with a ``*_view`` and a ``*_dashboard``, registered in
  ``widgets.DASHBOARDS`` (tests, ``make bench`` and the browser test walk that registry);
- the exercises' checkers: ``checks/lessonNN.py``, built on ``checks.check_number`` and friends.

Heavy libraries (scipy, matplotlib, ipywidgets) are imported inside the functions that need them,
so ``import scaling_utils`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

from ._validate import CourseValueError
from ._warnings import CourseWarning, FitWarning

__all__ = ["__version__", "require", "VersionMismatch", "CourseValueError", "CourseWarning",
           "FitWarning", "LAYERS"]

#: The package's layers, lowest first (see the module docstring). Names are module or package
#: names inside ``scaling_utils``.
LAYERS = (
    ("_validate", "_warnings", "_blas", "environment"),
    ("laws", "references", "data"),
    ("compute", "plotting"),
    ("allocation", "planner", "simulate", "fitting", "emergence", "experiments"),
    ("studies",),
    ("widgets", "checks"),
)


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
