#!/usr/bin/env python3
"""Make solutions/ an nbgrader course: COURSE/source/NN_topic/NN_topic.ipynb for each lesson.

nbgrader removes the same ``### BEGIN SOLUTION`` / ``### END SOLUTION`` regions the course
already marks, but it also needs its own metadata on every cell it should treat specially. This
tool writes that metadata (nbgrader's cell metadata schema, version 3):

- **answer cells** (code cells with solution regions): ``solution: true, grade: false,
  locked: false``, an "autograded answer". nbgrader replaces each region by its stub
  (``# YOUR CODE HERE`` / ``raise NotImplementedError()``); for a region at the top of a cell,
  a comment above it keeps the workbook's placeholder (``# answer = ...  # your answer``), so
  the learner knows which name to set;
- **check cells**: the ``check.something(answer)`` call that ends each answer cell moves into
  its own cell, locked, worth 1 point (``grade: true, points: 1``), an "autograder test". It shows
  the same feedback box as the workbook, then asserts that the check said *correct*: nbgrader
  gives the point when the cell runs without an error. The check stays locked so the learner
  cannot change what is graded;
- **every other cell** is read-only (``locked: true``): task statements, set-up cells that
  import the package or draw the data, dashboards;
- cells tagged ``solution`` (worked explanations) are left out, as in the workbook: they would
  give the answers away and may use names only a solution defines. Outputs are cleared.

Nothing an instructor changed is overwritten: the tool records a fingerprint of each notebook it
writes (COURSE/.to_nbgrader.json) and refuses to replace one that was edited since, unless
``--force`` (which keeps the old file beside it as NAME.ipynb.bak-DATE).

Usage: ``python tools/to_nbgrader.py [NAMES ...] [--course-dir nbgrader-course]``, then in the
course directory ``nbgrader generate_assignment NN_topic`` (README: "Grading with nbgrader").
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nbtools  # noqa: E402

SCHEMA_VERSION = 3
DEFAULT_COURSE = nbtools.ROOT / "nbgrader-course"
RECORD_NAME = ".to_nbgrader.json"
POINTS_PER_CHECK = 1
#: A line that calls a checker of the lesson on the learner's answer: ``check.name(...)``.
CHECK_CALL = re.compile(r"^check\.[A-Za-z_]\w*\(.*\)\s*$")
EXERCISE_HEADING = re.compile(r"^#+\s*Exercise\s+(\d+)", re.M)

GRADED_NOTE = (
    "**This is a graded copy (nbgrader).** Each answer cell starts with `# YOUR CODE HERE` and "
    "`raise NotImplementedError()`: replace both with your answer (a comment above them names the "
    "variable to set, or the function to complete). The locked cell under each answer runs the "
    "check: it shows the same *correct / not yet* box as the workbook, and stops with an error "
    f"until the answer is correct. Each check that passes is worth {POINTS_PER_CHECK} point. Run "
    "the cells in order; *Run All* stops at the first unfinished exercise."
)

CONFIG = '''\
# nbgrader configuration for "Scaling Laws, Hands-On" (written once by tools/to_nbgrader.py;
# edit freely, it is never overwritten).
c = get_config()
c.CourseDirectory.course_id = "scaling-laws-hands-on"
# Autograding runs every notebook in the Python that runs nbgrader, so that environment needs the
# course package: pip install -r requirements.txt nbgrader && pip install -e <course folder>
'''


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def _with_placeholder_comments(source: str, where: str) -> str:
    """Put the workbook's placeholder, as a comment, above each top-level solution region."""
    out: list[str] = []
    lines = source.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip() == nbtools.BEGIN and not line[: len(line) - len(line.lstrip())]:
            end = next((j for j in range(index + 1, len(lines))
                        if lines[j].strip() == nbtools.END), None)
            if end is None:
                raise nbtools.SolutionMarkupError(f"{where}: '{nbtools.BEGIN}' is never closed.")
            placeholder = nbtools.strip_solutions("\n".join(lines[index:end + 1]), where)
            out += ["# " + text for text in placeholder.split("\n")]
            out += lines[index:end + 1]
            index = end + 1
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


def split_checks(source: str) -> tuple[str, list[str]]:
    """``(answer part, [check calls])``: the ``check.x(...)`` lines that end an answer cell."""
    lines = source.rstrip("\n").split("\n")
    checks: list[str] = []
    while lines and (not lines[-1].strip() or CHECK_CALL.match(lines[-1])):
        line = lines.pop()
        if line.strip():
            checks.insert(0, line.strip())
    if not any(line.strip() == nbtools.END for line in lines):
        return source, []  # no solution region before the checks: not an answer cell
    return "\n".join(lines).rstrip("\n"), checks


def check_cell_source(call: str) -> str:
    return (f"# Graded check ({POINTS_PER_CHECK} point): runs without an error only when the "
            f"check says \"correct\".\n"
            f"feedback = {call}\n"
            f"display(feedback)\n"
            f"assert feedback.correct, f\"not yet: {{feedback.message}}\"")


def convert(solution: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The nbgrader source notebook for a solved workbook (see the module's docstring)."""
    nb = nbformat.v4.new_notebook(metadata=json.loads(json.dumps(solution.metadata)))
    nb.metadata.pop("widgets", None)
    used: set[str] = set()

    def unique(grade_id: str) -> str:
        candidate, number = grade_id, 2
        while candidate in used:
            candidate, number = f"{grade_id}_{number}", number + 1
        used.add(candidate)
        return candidate

    exercise, answers, readonly = 0, 0, 0

    def add_readonly(cell):
        nonlocal readonly
        readonly += 1
        cell.metadata["nbgrader"] = _meta(unique(f"readonly_{readonly:02d}"), locked=True)
        nb.cells.append(cell)

    for index, original in enumerate(solution.cells):
        if nbtools.SOLUTION_TAG in nbtools.tags(original):
            continue
        cell = nbformat.from_dict(json.loads(json.dumps(original)))
        cell.metadata.pop("nbgrader", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if not nb.cells:  # the title cell, then a note on how the graded copy works
            cell.source = re.sub(r"(?m)^(#.*)— solutions\s*$", r"\1— workbook", cell.source)
            add_readonly(cell)
            add_readonly(nbformat.v4.new_markdown_cell(GRADED_NOTE))
            continue
        if cell.cell_type == "markdown":
            heading = EXERCISE_HEADING.search(cell.source)
            if heading:
                exercise = int(heading.group(1))
        if cell.cell_type != "code" or nbtools.BEGIN not in cell.source:
            add_readonly(cell)
            continue
        answers += 1
        label = f"exercise{exercise}" if exercise else f"answer{answers}"
        where = f"{name} cell {index}"
        answer_source, checks = split_checks(cell.source)
        cell.source = _with_placeholder_comments(answer_source, where)
        cell.metadata["nbgrader"] = _meta(unique(f"{label}_answer"), solution=True)
        nb.cells.append(cell)
        for call in checks:
            test = nbformat.v4.new_code_cell(check_cell_source(call))
            test.metadata["nbgrader"] = _meta(unique(f"{label}_check"), grade=True, locked=True,
                                              points=POINTS_PER_CHECK)
            nb.cells.append(test)
    nbformat.validate(nb)
    return nb


def fingerprint(nb) -> str:
    """Cell types, sources and nbgrader metadata (points an instructor changed count too)."""
    content = [(c.cell_type, c.source, c.get("metadata", {}).get("nbgrader")) for c in nb.cells]
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def write_course(solutions: Path, course: Path, *, only=None, force: bool = False,
                 log=print) -> int:
    """Convert every solution notebook into ``course``; return how many were refused."""
    record_path = course / RECORD_NAME
    record = json.loads(record_path.read_text()) if record_path.exists() else {}
    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
        log(f"wrote       {_shown(config)}")
    refused = 0
    for path in sorted(solutions.glob("[0-9][0-9]_*.ipynb")):
        if only and path.name not in only and path.stem not in only:
            continue
        converted = convert(nbtools.read(path), path.name)
        new = fingerprint(converted)
        target = course / "source" / path.stem / path.name
        key = target.relative_to(course).as_posix()
        if target.exists():
            current = fingerprint(nbtools.read(target))
            if current == new:
                record[key] = new
                log(f"up to date  {_shown(target)}")
                continue
            if record.get(key) != current:  # changed by someone since this tool wrote it
                if not force:
                    refused += 1
                    log(f"REFUSED {_shown(target)}: it was changed after it was converted, so it "
                        f"was left as it is. To replace it, run with --force (the old file is "
                        f"kept as {target.name}.bak-<date>).")
                    continue
                backup = target.with_name(
                    f"{target.name}.bak-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}")
                backup.write_bytes(target.read_bytes())
                log(f"kept the old {target.name} as {_shown(backup)}")
        target.parent.mkdir(parents=True, exist_ok=True)
        nbtools.write(converted, target)
        record[key] = new
        checks = sum(1 for c in converted.cells if c.metadata["nbgrader"]["grade"])
        log(f"wrote       {_shown(target)}  ({checks} graded checks, "
            f"{checks * POINTS_PER_CHECK} points)")
    record_path.write_text(json.dumps(dict(sorted(record.items())), indent=1) + "\n")
    return refused


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these notebooks (e.g. 01_ols_generalization)")
    parser.add_argument("--course-dir", type=Path, default=DEFAULT_COURSE,
                        help="the nbgrader course directory (default: nbgrader-course/)")
    parser.add_argument("--solutions", type=Path, default=nbtools.ROOT / "solutions")
    parser.add_argument("--force", action="store_true",
                        help="replace converted notebooks that were edited (a backup is kept)")
    args = parser.parse_args(argv)
    refused = write_course(args.solutions, args.course_dir, only=args.names or None,
                           force=args.force)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
