"""The shape every notebook of the course keeps (nbval checks what they print)."""

import json
import re
from pathlib import Path

import pytest

import nbtools
import scaling_utils

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
WORKBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
ALL = LESSONS + SOLUTIONS + WORKBOOKS
ids = lambda p: f"{p.parent.name}/{p.name}"  # noqa: E731

MACHINE_PATH = re.compile(r"(/root/|/tmp/|/home/\w+|/Users/\w+|/work/)")


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_there_are_lessons():
    assert LESSONS and [p.name for p in LESSONS][:2] == ["00_start_here.ipynb",
                                                        "01_ols_generalization.ipynb"]


def test_every_lesson_has_a_workbook():
    assert [p.name for p in LESSONS] == [p.name for p in WORKBOOKS]


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_stored_executed_and_clean(path):
    nb = nbtools.read(path)
    assert "widgets" not in nb.metadata, "widget state stored: run `make execute`"
    for index, cell in enumerate(code_cells(nb)):
        tags = nbtools.tags(cell)
        assert cell.execution_count is not None or "nbval-skip" in tags, (
            f"cell {index} is not executed, so nbval cannot compare it: run `make execute`")
        for output in cell.outputs:
            if output.output_type == "error":
                assert "raises-exception" in tags, f"cell {index} stored an error"
            text = json.dumps(output)
            assert not MACHINE_PATH.search(text), f"cell {index} shows a path of this machine"
            if nbtools.WIDGET_STAND_IN in text:
                assert "nbval-ignore-output" in tags, f"cell {index} shows a widget untagged"
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "cells were run out of order"


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_first_cell_checks_the_package_version(path):
    first = code_cells(nbtools.read(path))[0].source
    match = re.search(r'scaling_utils\.require\("([\d.]+)"\)', first)
    assert match, "the first code cell must call scaling_utils.require(...)"
    major_minor = ".".join(scaling_utils.__version__.split(".")[:2])
    assert match.group(1) == major_minor


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_frame(path):
    nb = nbtools.read(path)
    head = nb.cells[0].source
    assert re.search(r"^# \d\d · ", head, re.M), "title '# NN · Topic'"
    assert "Expected time" in head and "you will be able to" in head.lower()
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.search(r"^## Exercises", text, re.M)
    assert re.search(r"^## References", text, re.M) or path.name.startswith("00")


@pytest.mark.parametrize("path", WORKBOOKS, ids=ids)
def test_workbook_has_enough_checked_exercises(path):
    nb = nbtools.read(path)
    headings = re.findall(r"^### Exercise \d+.*$", "\n".join(
        c.source for c in nb.cells if c.cell_type == "markdown"), re.M)
    assert len(headings) >= 4
    assert sum("dashboard" in h for h in headings) >= 2, "at least two widget-driven exercises"
    checks = [c for c in code_cells(nb) if re.search(r"\bcheck\.\w+\(", c.source)]
    assert len(checks) >= len(headings)


@pytest.mark.parametrize("path", WORKBOOKS, ids=ids)
def test_unanswered_workbook_says_so(path):
    outputs = json.dumps([c.outputs for c in code_cells(nbtools.read(path))])
    assert "not answered yet" in outputs and "correct." not in outputs


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids)
def test_solutions_are_all_correct(path):
    outputs = json.dumps([c.outputs for c in code_cells(nbtools.read(path))])
    assert "not yet" not in outputs and "not answered" not in outputs
    assert outputs.count(": correct.") >= 4


def test_workbooks_run_in_lax_mode(pytestconfig):
    """The plugin in conftest.py must switch nbval to lax mode for exercises/ only."""
    plugin = pytestconfig.pluginmanager.get_plugin("course-notebooks")
    assert plugin is not None

    class Collector:
        def __init__(self, path):
            self.path, self.compare_outputs = path, True

    workbook, lesson = Collector(WORKBOOKS[0]), Collector(LESSONS[0])
    plugin.pytest_collectstart(workbook)
    plugin.pytest_collectstart(lesson)
    assert workbook.compare_outputs is False and lesson.compare_outputs is True
