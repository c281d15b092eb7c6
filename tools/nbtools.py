"""Shared helpers of the course's build tools: reading, executing and writing notebooks.

Used by ``make_workbooks.py`` (solutions → workbooks) and ``execute_notebooks.py`` (refresh the
stored outputs of lessons and solutions), and by the tests that check both.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent

#: Cells with this tag hold worked solutions or explanations: they stay out of the workbook.
SOLUTION_TAG = "solution"
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
#: Inside a solution region, a line ``#: text`` gives the workbook's placeholder line ``text``.
PLACEHOLDER_PREFIX = "#: "
FUNCTION_PLACEHOLDER = (
    'raise NotImplementedError("Write this function, then run this cell and the check below.")'
)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STAND_IN = "Run this cell to open the dashboard (it needs a live kernel)."


class SolutionMarkupError(ValueError):
    """A solution region is malformed (unclosed, nested, or empty)."""


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook the way the course stores them (validated, 1-space indent, final newline)."""
    nbformat.validate(nb)
    text = nbformat.writes(nb, version=4)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def fingerprint(nb) -> str:
    """A hash of what a person writes in a notebook: cell types, sources and tags, not outputs.

    Running cells changes outputs but not the fingerprint; editing any cell changes it.
    """
    content = [(c.cell_type, c.source, sorted(tags(c))) for c in nb.cells]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _placeholder(region: list[str], indent: str, where: str) -> list[str]:
    explicit = [line.strip()[len(PLACEHOLDER_PREFIX):] for line in region
                if line.strip().startswith(PLACEHOLDER_PREFIX)]
    if explicit:
        return [indent + text for text in explicit]
    if indent:  # inside a function or block: the body raises a friendly error
        return [indent + FUNCTION_PLACEHOLDER]
    names = []
    for line in region:
        match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)", line)
        if match and match.group(1) not in names:
            names.append(match.group(1))
    if not names:
        raise SolutionMarkupError(
            f"{where}: a top-level solution region needs an assignment (answer = ...) or a "
            f"'{PLACEHOLDER_PREFIX}' line that gives its placeholder."
        )
    return [f"{name} = ...  # your answer" for name in names]


def strip_solutions(source: str, where: str = "cell") -> str:
    """Replace each ``### BEGIN SOLUTION`` … ``### END SOLUTION`` region by its placeholder."""
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            if region is not None:
                raise SolutionMarkupError(f"{where}: '{BEGIN}' inside another solution region.")
            region, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if region is None:
                raise SolutionMarkupError(f"{where}: '{END}' without a '{BEGIN}' before it.")
            out.extend(_placeholder(region, indent, where))
            region = None
        elif region is not None:
            region.append(line[len(indent):] if line.startswith(indent) else line)
        else:
            out.append(line)
    if region is not None:
        raise SolutionMarkupError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    return "\n".join(out)


def workbook_from_solution(solution: nbformat.NotebookNode, name: str = "notebook"):
    """The learner's workbook for a solved notebook, without outputs.

    - cells tagged ``solution`` are dropped;
    - solution regions in code cells become placeholders (see :func:`strip_solutions`);
    - in the first cell, a heading that ends in "— solutions" ends in "— workbook" instead.
    """
    workbook = nbformat.v4.new_notebook(metadata=dict(solution.metadata))
    workbook.metadata.pop("widgets", None)
    for index, cell in enumerate(solution.cells):
        if SOLUTION_TAG in tags(cell):
            continue
        new = nbformat.from_dict(json.loads(json.dumps(cell)))
        if new.cell_type == "code":
            new.source = strip_solutions(new.source, f"{name} cell {index}")
            new.outputs, new.execution_count = [], None
        if not workbook.cells:
            new.source = re.sub(r"(?m)^(#.*)— solutions[ \t]*$", r"\1— workbook", new.source)
        workbook.cells.append(new)
    return workbook


def tidy_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Make executed outputs fit to commit: no widget state, no timing metadata.

    A dashboard's output is replaced by a one-line note: its widget model exists only in a live
    kernel, so a stored copy would show an error when the notebook is opened without running.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                output["data"] = {"text/plain": WIDGET_STAND_IN}
    return nb


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 600) -> float:
    """Run every cell of ``nb`` in place with the current environment's kernel; return seconds."""
    from nbclient import NotebookClient

    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                            record_timing=False, store_widget_state=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    tidy_outputs(nb)
    return time.perf_counter() - start
