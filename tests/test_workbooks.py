"""The workbook pipeline: solutions → exercises, in sync, and never overwriting a learner's work."""

import json
import re
from pathlib import Path

import nbformat
import pytest

import make_workbooks
import nbtools

ROOT = Path(__file__).resolve().parent.parent


# ---- the markup --------------------------------------------------------------------------------

def test_assignment_becomes_placeholder():
    source = "x = 1\n### BEGIN SOLUTION\nanswer = x * 6\n### END SOLUTION\ncheck(answer)"
    assert nbtools.strip_solutions(source) == "x = 1\nanswer = ...  # your answer\ncheck(answer)"


def test_function_body_becomes_friendly_raise():
    source = "def f(a):\n    ### BEGIN SOLUTION\n    b = a + 1\n    return b\n    ### END SOLUTION\n"
    out = nbtools.strip_solutions(source)
    assert out == "def f(a):\n    " + nbtools.FUNCTION_PLACEHOLDER + "\n"
    namespace = {}
    exec(out, namespace)
    with pytest.raises(NotImplementedError, match="Write this function"):
        namespace["f"](1)


def test_explicit_placeholder():
    source = "### BEGIN SOLUTION\n#: tokens = ...  # tokens per parameter\ntokens = 20\n### END SOLUTION"
    assert nbtools.strip_solutions(source) == "tokens = ...  # tokens per parameter"


@pytest.mark.parametrize("source, word", [
    ("### BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n### END SOLUTION", "without"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
    ("### BEGIN SOLUTION\nprint(3)\n### END SOLUTION", "needs an assignment"),
])
def test_bad_markup_is_reported(source, word):
    with pytest.raises(nbtools.SolutionMarkupError, match=word):
        nbtools.strip_solutions(source)


def _solution_notebook(answer_line="answer = 6 * 7"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 99 · Test — solutions"),
        nbformat.v4.new_code_cell(f"### BEGIN SOLUTION\n{answer_line}\n### END SOLUTION\nprint(answer)"),
        nbformat.v4.new_markdown_cell("Why: six sevens.", metadata={"tags": ["solution"]}),
    ]
    return nb


def test_workbook_from_solution():
    workbook = nbtools.workbook_from_solution(_solution_notebook())
    assert workbook.cells[0].source == "# 99 · Test — workbook"
    assert [c.cell_type for c in workbook.cells] == ["markdown", "code"]
    assert workbook.cells[1].source.startswith("answer = ...")


# ---- never overwrite -----------------------------------------------------------------------

@pytest.fixture
def course(tmp_path):
    (tmp_path / "solutions").mkdir()
    nbtools.write(_solution_notebook(), tmp_path / "solutions" / "99_test.ipynb")
    return tmp_path


def _generate(course, **kwargs):
    messages = []
    refused = make_workbooks.generate(course / "solutions", course / "exercises",
                                      execute=False, log=messages.append, **kwargs)
    return refused, "\n".join(messages)


def test_generates_and_records(course):
    refused, _ = _generate(course)
    target = course / "exercises" / "99_test.ipynb"
    record = json.loads((course / "exercises" / ".generated.json").read_text())
    assert refused == 0 and record["99_test.ipynb"] == nbtools.fingerprint(nbtools.read(target))


def test_refuses_to_overwrite_learner_edits_and_loses_nothing(course):
    _generate(course)
    target = course / "exercises" / "99_test.ipynb"
    workbook = nbtools.read(target)
    workbook.cells[1].source = "answer = 41  # my try\nprint(answer)"
    nbtools.write(workbook, target)
    learner_bytes = target.read_bytes()

    # The author changes the solution and regenerates: the learner's file must survive.
    nbtools.write(_solution_notebook("answer = 7 * 6"), course / "solutions" / "99_test.ipynb")
    refused, message = _generate(course)
    assert refused == 1 and target.read_bytes() == learner_bytes
    assert "REFUSED" in message and "99_test.ipynb" in message and "FORCE=1" in message

    # Forcing replaces it but keeps the learner's version beside it.
    refused, message = _generate(course, force=True)
    backups = list((course / "exercises").glob("99_test.ipynb.bak-*"))
    assert refused == 0 and len(backups) == 1 and backups[0].read_bytes() == learner_bytes
    assert "answer = ..." in nbtools.read(target).cells[1].source


def test_running_cells_is_not_an_edit(course):
    _generate(course)
    target = course / "exercises" / "99_test.ipynb"
    workbook = nbtools.read(target)
    workbook.cells[1].outputs = [nbformat.v4.new_output("stream", text="Ellipsis\n")]
    workbook.cells[1].execution_count = 3
    nbtools.write(workbook, target)
    nbtools.write(_solution_notebook("answer = 7 * 6"), course / "solutions" / "99_test.ipynb")
    refused, _ = _generate(course)
    assert refused == 0


def test_unrecorded_different_file_is_refused(course):
    (course / "exercises").mkdir()
    learner = nbformat.v4.new_notebook()
    learner.cells = [nbformat.v4.new_code_cell("my own notes")]
    nbtools.write(learner, course / "exercises" / "99_test.ipynb")
    refused, _ = _generate(course)
    assert refused == 1


def test_generation_executes_the_workbook(course):
    make_workbooks.generate(course / "solutions", course / "exercises", log=lambda m: None)
    workbook = nbtools.read(course / "exercises" / "99_test.ipynb")
    assert workbook.cells[1].execution_count == 1
    assert workbook.cells[1].outputs[0]["text"] == "Ellipsis\n"


# ---- the committed course ------------------------------------------------------------------

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.skipif(not (ROOT / "solutions").is_dir(),
                    reason="solutions/ is withheld in this copy of the course")
def test_every_solution_has_a_workbook_and_back():
    exercises = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    assert exercises == [p.name for p in SOLUTIONS] and exercises


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_workbook_is_what_the_generator_makes(solution):
    expected = nbtools.workbook_from_solution(nbtools.read(solution), solution.name)
    actual = nbtools.read(ROOT / "exercises" / solution.name)
    assert nbtools.fingerprint(actual) == nbtools.fingerprint(expected), (
        f"exercises/{solution.name} is out of date: run `make exercises` and commit the result.")
    record = make_workbooks.load_record(ROOT / "exercises")
    assert record.get(solution.name) == nbtools.fingerprint(expected)


# ---- answer cells a learner cannot break halfway --------------------------------------------

WORKBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
PLACEHOLDER = re.compile(r"^\s*\w+(\s*,\s*\w+)*\s*=\s*\.\.\.", re.M)


@pytest.mark.parametrize("workbook", WORKBOOKS, ids=lambda p: p.name)
def test_each_answer_cell_has_one_placeholder(workbook):
    """A cell with several `name = ...` steps breaks with a TypeError when a learner fills a later
    step before an earlier one; one placeholder per cell (steps go in its comment) cannot."""
    for index, cell in enumerate(nbtools.read(workbook).cells):
        if cell.cell_type == "code":
            count = len(PLACEHOLDER.findall(cell.source))
            assert count <= 1, f"{workbook.name} cell {index} has {count} placeholders"


def _run_workbook_until(workbook, marker, replace):
    """Execute a workbook's code cells in one namespace up to the first cell containing
    ``marker`` (dashboards skipped), with ``replace`` = (old, new) applied to that cell; return
    the value of its last line (the check)."""
    namespace = {}
    for cell in nbtools.read(workbook).cells:
        if cell.cell_type != "code" or "nbval-ignore-output" in nbtools.tags(cell):
            continue
        source = cell.source
        if marker in source:
            source = source.replace(*replace)
            lines = source.rstrip().split("\n")
            lines[-1] = "_result = " + lines[-1]
            exec("\n".join(lines), namespace)
            return namespace["_result"]
        exec(source, namespace)
    raise AssertionError(f"no cell with {marker!r} in {workbook.name}")


@pytest.mark.parametrize("name, marker, letter", [
    ("02_power_laws.ipynb", "check.extrapolation_outcome", "C"),
    ("04_chinchilla.ipynb", "check.best_option", "B"),
])
def test_an_unquoted_letter_reaches_the_checker(name, marker, letter, capsys):
    from scaling_utils.checks import CORRECT, NOT_YET

    result = _run_workbook_until(ROOT / "exercises" / name, marker,
                                 ("answer = ...", f"answer = {letter}"))
    assert result.status in (CORRECT, NOT_YET) and "not one of the options" not in result.message


@pytest.mark.parametrize("name, marker", [
    ("04_chinchilla.ipynb", "check.optimal_params"),
    ("05_trusting_a_fit.ipynb", "check.kaplan_scale_exponent"),
    ("05_trusting_a_fit.ipynb", "check.runs_for_narrow_interval"),
])
def test_an_unfinished_cell_says_not_answered(name, marker, capsys):
    from scaling_utils.checks import NOT_ANSWERED

    result = _run_workbook_until(ROOT / "exercises" / name, marker, ("", ""))
    assert result.status == NOT_ANSWERED
