"""Test-run set-up shared by every test.

- Workbooks (exercises/) run under nbval in lax mode: every cell must run, but outputs are not
  compared (a learner's answers change them). Lessons and solutions stay strict.
- The time each notebook took is printed at the end of the run.
- The pytest process itself draws figures off-screen (kernels started by nbval keep their inline
  backend).
- Tests marked ``slow`` run only with ``--run-slow`` (``make test-slow``).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import matplotlib
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
matplotlib.use("Agg")

class NotebookPlugin:
    """Hooks for the notebooks in notebooks/, solutions/ and exercises/.

    A conftest's own hooks only see the items below its folder, so these are registered as a
    plugin of the whole run (pytest loads this conftest first: tests/ is in testpaths).
    """

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_collectstart(self, collector):
        path = getattr(collector, "path", None)
        if path is not None and path.suffix == ".ipynb" and path.parent.name == "exercises":
            collector.compare_outputs = False  # nbval's lax mode, for workbooks only

    def pytest_runtest_logreport(self, report):
        path = report.nodeid.split("::")[0]
        if path.endswith(".ipynb"):
            self.seconds[path] += report.duration

    def pytest_terminal_summary(self, terminalreporter):
        if not self.seconds:
            return
        terminalreporter.section("time per notebook (kernel start included)")
        for path, seconds in sorted(self.seconds.items()):
            terminalreporter.write_line(f"{seconds:7.1f} s  {path}")
        terminalreporter.write_line(f"{sum(self.seconds.values()):7.1f} s  all notebooks")


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", default=False,
                     help="also run the tests marked slow (`make test-slow` passes it)")


def pytest_configure(config):
    config.pluginmanager.register(NotebookPlugin(), "course-notebooks")


def pytest_collection_modifyitems(config, items):
    """Tests marked ``slow`` (each takes tens of seconds: they retrain a shipped result) run only
    with ``--run-slow``, so that the default run stays fast."""
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow (make test-slow)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
