"""tools/to_nbgrader.py: solutions/ as an nbgrader course (source notebooks with nbgrader metadata).

Without nbgrader installed, the converted notebooks are checked against nbgrader's cell metadata
schema (version 3) and the rules its validator adds, and nbgrader's two steps that matter are
replayed: replacing solution regions (the release) and running the notebook (autograding), where
a graded cell earns its points when it runs without an error.

With nbgrader, the real thing runs: set NBGRADER=/path/to/bin/nbgrader (an environment with
nbgrader and the course's requirements), or COURSE_SLOW_TESTS=1 to build such an environment in a
temporary folder (about 1.5 minutes, needs PyPI).
"""

from __future__ import annotations

import ast
import copy
import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import nbformat
import pytest

import nbtools
import to_nbgrader

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
if not SOLUTIONS:  # a copy handed out without solutions/ has nothing to convert
    pytest.skip("solutions/ is not part of this copy of the course", allow_module_level=True)

# nbgrader's cell metadata schema, version 3 (nbgrader 0.9.6, nbgrader/nbgraderformat/v3.json).
SCHEMA_V3 = {
    "type": "object",
    "properties": {
        "schema_version": {"type": "integer", "minimum": 3, "maximum": 3},
        "grade": {"type": "boolean"},
        "locked": {"type": "boolean"},
        "solution": {"type": "boolean"},
        "task": {"type": "boolean"},
        "grade_id": {"type": "string", "pattern": r"^[a-zA-Z0-9_\-]*$"},
        "points": {"type": "number", "minimum": 0},
        "checksum": {"type": "string", "minLength": 32, "maxLength": 32},
        "cell_type": {"type": "string", "enum": ["raw", "code", "markdown"]},
    },
    "required": ["schema_version", "grade", "locked", "solution"],
    "additionalProperties": False,
}
# nbgrader's default stub for a Python solution region (ClearSolutions.code_stub).
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    course = tmp_path_factory.mktemp("nbgrader-course")
    assert to_nbgrader.write_course(ROOT / "solutions", course, log=lambda m: None) == 0
    return course, {p.stem: nbtools.read(course / "source" / p.stem / p.name) for p in SOLUTIONS}


def _meta(cell):
    return cell.metadata["nbgrader"]


def _checks_in(solution) -> list[str]:
    return [line.strip() for c in solution.cells if c.cell_type == "code"
            and nbtools.BEGIN in c.source for line in c.source.split("\n")
            if to_nbgrader.CHECK_CALL.match(line.strip())]


# ---- structure ---------------------------------------------------------------------------------

def test_layout_of_the_course_directory(converted):
    course, notebooks = converted
    assert sorted(notebooks) == [p.stem for p in SOLUTIONS]
    for path in SOLUTIONS:
        assert (course / "source" / path.stem / path.name).is_file()
    assert "course_id" in (course / "nbgrader_config.py").read_text()


@pytest.mark.parametrize("name", [p.stem for p in SOLUTIONS])
def test_metadata_follows_nbgraders_schema_and_validator(converted, name):
    nb = converted[1][name]
    ids = []
    for cell in nb.cells:
        meta = _meta(cell)  # every cell has nbgrader metadata
        jsonschema.validate(meta, SCHEMA_V3)
        ids.append(meta["grade_id"])
        assert meta["grade_id"]
        assert ("points" in meta) == meta["grade"]
        if cell.cell_type == "markdown":  # markdown must be both grade and solution, or neither
            assert meta["grade"] == meta["solution"] == False  # noqa: E712
    assert len(ids) == len(set(ids)), "grade ids must be unique"
    nbformat.validate(nb)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_cells_get_the_right_roles(converted, path):
    nb = converted[1][path.stem]
    solution = nbtools.read(path)
    answers = [c for c in nb.cells if _meta(c)["solution"]]
    checks = [c for c in nb.cells if _meta(c)["grade"]]
    others = [c for c in nb.cells if not _meta(c)["solution"] and not _meta(c)["grade"]]
    regions = [c for c in solution.cells if c.cell_type == "code" and nbtools.BEGIN in c.source]
    assert len(answers) == len(regions)
    assert len(checks) == len(_checks_in(solution)) == len(regions)  # one check per exercise
    for cell in nb.cells:  # nbgrader refuses solution regions outside solution cells
        assert (nbtools.BEGIN in cell.source) == _meta(cell)["solution"]
    for cell in answers:
        assert cell.cell_type == "code" and not _meta(cell)["locked"]
        assert not any(to_nbgrader.CHECK_CALL.match(l) for l in cell.source.split("\n"))
    for cell in checks:
        meta = _meta(cell)
        assert meta["locked"] and meta["points"] == 1 and not meta["solution"]
        assert re.search(r"^feedback = check\.\w+\(", cell.source, re.M)
        assert "assert feedback.correct" in cell.source
        index = nb.cells.index(cell)
        assert _meta(nb.cells[index - 1])["solution"], "a check follows its answer cell"
    assert all(_meta(c)["locked"] for c in others)
    assert sum(_meta(c)["points"] for c in checks) == len(regions)


def test_worked_explanations_and_outputs_are_left_out(converted):
    for name, nb in converted[1].items():
        assert not any(nbtools.SOLUTION_TAG in nbtools.tags(c) for c in nb.cells), name
        assert all(not c.outputs and c.execution_count is None
                   for c in nb.cells if c.cell_type == "code"), name
        assert "widgets" not in nb.metadata
        assert nb.cells[0].source.splitlines()[0].endswith("— workbook")
        assert "nbgrader" in nb.cells[1].source


def test_top_level_answers_keep_the_workbooks_placeholder_as_a_comment(converted):
    nb = converted[1]["01_ols_generalization"]
    answer = next(c for c in nb.cells if _meta(c)["grade_id"] == "exercise3_answer")
    lines = answer.source.split("\n")
    begin = lines.index(nbtools.BEGIN)
    assert lines[begin - 1] == "# answer = ...  # the smallest D you found"
    function = next(c for c in nb.cells if _meta(c)["grade_id"] == "exercise4_answer")
    assert function.source.startswith("def expected_error(")  # nbgrader's stub goes in the body


# ---- nbgrader's release and autograding, replayed -----------------------------------------------

def release_of(nb):
    """What ``nbgrader generate_assignment`` makes of a source notebook (regions → stub)."""
    released = copy.deepcopy(nb)
    for cell in released.cells:
        if cell.cell_type != "code" or nbtools.BEGIN not in cell.source:
            continue
        out, inside = [], False
        for line in cell.source.split("\n"):
            if "BEGIN SOLUTION" in line:
                indent = line[: len(line) - len(line.lstrip())]
                out += [indent + stub for stub in CODE_STUB.split("\n")]
                inside = True
            elif "END SOLUTION" in line:
                inside = False
            elif not inside:
                out.append(line)
        cell.source = "\n".join(out)
    return released


def test_released_cells_are_valid_python_without_any_solution(converted):
    for name, nb in converted[1].items():
        released = release_of(nb)
        for cell in released.cells:
            if cell.cell_type == "code":
                ast.parse(cell.source)
                assert "SOLUTION" not in cell.source, name


def _points(nb) -> tuple[float, float]:
    """Autograde an executed notebook as nbgrader does: a graded cell without an error scores."""
    graded = [c for c in nb.cells if _meta(c)["grade"]]
    earned = sum(_meta(c)["points"] for c in graded
                 if not any(o.output_type == "error" for o in c.outputs))
    return earned, sum(_meta(c)["points"] for c in graded)


def _run(nb, folder):
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def test_solved_copy_scores_full_marks_and_release_scores_none(converted, tmp_path):
    source = converted[1]["01_ols_generalization"]
    solved = _run(copy.deepcopy(source), tmp_path)
    assert _points(solved) == (5, 5)
    assert not any(o.output_type == "error" for c in solved.cells if c.cell_type == "code"
                   for o in c.outputs)
    blank = _run(release_of(source), tmp_path)
    assert _points(blank) == (0, 5)
    check = next(c for c in blank.cells if _meta(c)["grade_id"] == "exercise4_check")
    texts = [o.get("data", {}).get("text/plain", "") for o in check.outputs]
    assert any("not answered yet" in t for t in texts)  # the learner still sees the feedback box
    assert check.outputs[-1].ename == "AssertionError"


# ---- never overwrite ---------------------------------------------------------------------------

def test_rerun_is_up_to_date_and_edits_are_never_overwritten(tmp_path):
    course = tmp_path / "course"
    messages = []
    to_nbgrader.write_course(ROOT / "solutions", course, only=["00_start_here"],
                             log=messages.append)
    target = course / "source" / "00_start_here" / "00_start_here.ipynb"
    messages.clear()
    assert to_nbgrader.write_course(ROOT / "solutions", course, only=["00_start_here"],
                                    log=messages.append) == 0
    assert any(m.startswith("up to date") for m in messages)

    nb = nbtools.read(target)  # the instructor makes exercise 1 worth 3 points
    next(c for c in nb.cells if _meta(c)["grade"])["metadata"]["nbgrader"]["points"] = 3
    nbtools.write(nb, target)
    edited = target.read_bytes()
    (course / "nbgrader_config.py").write_text("c = get_config()  # mine\n")
    messages.clear()
    assert to_nbgrader.write_course(ROOT / "solutions", course, only=["00_start_here"],
                                    log=messages.append) == 1
    assert target.read_bytes() == edited and "REFUSED" in messages[0]
    assert (course / "nbgrader_config.py").read_text() == "c = get_config()  # mine\n"

    to_nbgrader.write_course(ROOT / "solutions", course, only=["00_start_here"], force=True,
                             log=lambda m: None)
    backups = list(target.parent.glob("00_start_here.ipynb.bak-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert b'"points": 3' not in target.read_bytes()


def test_command_line(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "to_nbgrader.py"), "02_power_laws",
                          "--course-dir", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "5 graded checks, 5 points" in run.stdout
    assert [p.name for p in (tmp_path / "source").iterdir()] == ["02_power_laws"]


def test_nbgrader_course_folder_is_ignored_by_git():
    assert "nbgrader-course/" in (ROOT / ".gitignore").read_text().split()


# ---- the real nbgrader (opt-in) ------------------------------------------------------------------

@pytest.fixture(scope="module")
def nbgrader(tmp_path_factory):
    given = os.environ.get("NBGRADER")
    if given:
        return Path(given)
    if not os.environ.get("COURSE_SLOW_TESTS"):
        pytest.skip("set NBGRADER=/path/to/bin/nbgrader, or COURSE_SLOW_TESTS=1 to install "
                    "nbgrader into a temporary environment (about a minute)")
    venv = tmp_path_factory.mktemp("nbgrader-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    import make_wheelhouse
    from packaging.markers import default_environment

    pins = [r for r in make_wheelhouse.roots_for(default_environment(),
                                                 make_wheelhouse.requirement_lines())
            if re.match(r"(numpy|scipy|matplotlib|threadpoolctl|ipywidgets)==", r)]
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "nbgrader", *pins],
                   check=True)
    return python.parent / "nbgrader"


def test_real_nbgrader_generates_and_autogrades(nbgrader, tmp_path):
    course = tmp_path / "course"
    name = "01_ols_generalization"
    to_nbgrader.write_course(ROOT / "solutions", course, only=[name], log=lambda m: None)
    env = {**os.environ, "PATH": f"{nbgrader.parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT)}
    subprocess.run([str(nbgrader), "generate_assignment", name], cwd=course, env=env, check=True,
                   capture_output=True)
    release = nbtools.read(course / "release" / name / f"{name}.ipynb")
    assert "YOUR CODE HERE" in "".join(c.source for c in release.cells)
    assert "BEGIN SOLUTION" not in "".join(c.source for c in release.cells)

    source = nbtools.read(course / "source" / name / f"{name}.ipynb")
    solved = {_meta(c)["grade_id"]: c.source for c in source.cells if _meta(c)["solution"]}
    good = copy.deepcopy(release)
    for cell in good.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = solved[_meta(cell)["grade_id"]]
    for student, nb in (("solved", good), ("blank", release)):
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
    subprocess.run([str(nbgrader), "autograde", name, "--create"], cwd=course, env=env,
                   check=True, capture_output=True)
    subprocess.run([str(nbgrader), "export"], cwd=course, env=env, check=True,
                   capture_output=True)
    with open(course / "grades.csv", newline="") as handle:
        scores = {row["student_id"]: (float(row["score"]), float(row["max_score"]))
                  for row in csv.DictReader(handle)}
    assert scores == {"solved": (5.0, 5.0), "blank": (0.0, 5.0)}
