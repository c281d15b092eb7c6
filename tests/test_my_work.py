"""Learners work in my-work/: copies of exercises/ that an update of the course never overwrites.

Every test works on temporary copies, never on the course's own my-work/.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import my_work
import nbtools

ROOT = Path(__file__).resolve().parent.parent


def _workbook(title: str, answer: str = "answer = ...  # your answer") -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title} — workbook"),
                nbformat.v4.new_code_cell(f"{answer}\nprint(answer)")]
    return nb


@pytest.fixture
def course(tmp_path):
    """A small course: exercises/ with two workbooks, and where my-work/ goes."""
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    nbtools.write(_workbook("00 · Start"), exercises / "00_start.ipynb")
    nbtools.write(_workbook("01 · Next"), exercises / "01_next.ipynb")
    (exercises / ".generated.json").write_text("{}\n")  # not a workbook: never copied
    return exercises, tmp_path / "my-work"


def _sync(exercises, mine):
    messages = []
    outcome = my_work.sync(exercises, mine, log=messages.append)
    return outcome, "\n".join(messages)


def _edit_answer(path: Path, answer: str) -> None:
    nb = nbtools.read(path)
    nb.cells[1].source = f"{answer}\nprint(answer)"
    nbtools.write(nb, path)


def _update_course(path: Path, text: str = "A corrected task statement.") -> None:
    nb = nbtools.read(path)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(text))
    nbtools.write(nb, path)


# ---- first run and reruns ----------------------------------------------------------------------

def test_first_run_copies_every_workbook_byte_for_byte(course):
    exercises, mine = course
    outcome, text = _sync(exercises, mine)
    assert outcome.copied == ["00_start.ipynb", "01_next.ipynb"]
    for name in outcome.copied:
        assert (mine / name).read_bytes() == (exercises / name).read_bytes()
    record = json.loads((mine / my_work.RECORD_NAME).read_text())
    assert record == {name: nbtools.fingerprint(nbtools.read(exercises / name))
                      for name in outcome.copied}
    assert not (mine / ".generated.json").exists()
    assert not (mine / my_work.UPDATES_NAME).exists()
    assert "Your workbooks are in" in text


def test_rerun_changes_nothing(course):
    exercises, mine = course
    _sync(exercises, mine)
    _edit_answer(mine / "00_start.ipynb", "answer = 42")
    before = {p.name: p.read_bytes() for p in mine.iterdir()}
    outcome, text = _sync(exercises, mine)
    assert outcome.copied == outcome.updated == outcome.newer == []
    assert sorted(outcome.up_to_date) == ["00_start.ipynb", "01_next.ipynb"]
    assert {p.name: p.read_bytes() for p in mine.iterdir()} == before
    assert "NOTE" not in text


def test_a_deleted_copy_is_copied_again(course):
    exercises, mine = course
    _sync(exercises, mine)
    (mine / "01_next.ipynb").unlink()
    outcome, _ = _sync(exercises, mine)
    assert outcome.copied == ["01_next.ipynb"]


def test_a_new_workbook_in_the_course_is_copied_and_the_rest_left_alone(course):
    exercises, mine = course
    _sync(exercises, mine)
    _edit_answer(mine / "00_start.ipynb", "answer = 42")
    mine_before = (mine / "00_start.ipynb").read_bytes()
    nbtools.write(_workbook("02 · Later"), exercises / "02_later.ipynb")
    outcome, _ = _sync(exercises, mine)
    assert outcome.copied == ["02_later.ipynb"]
    assert (mine / "00_start.ipynb").read_bytes() == mine_before


# ---- the course is updated ---------------------------------------------------------------------

def test_course_update_never_overwrites_an_edited_copy_and_says_so(course):
    """The issue's scenario: edit a copy, update the course's workbook, rerun."""
    exercises, mine = course
    _sync(exercises, mine)
    _edit_answer(mine / "01_next.ipynb", "answer = 6 * 7  # my answer")
    edited = (mine / "01_next.ipynb").read_bytes()
    _update_course(exercises / "01_next.ipynb")

    for _ in range(2):  # told on every run until the learner takes the new version
        outcome, text = _sync(exercises, mine)
        assert (mine / "01_next.ipynb").read_bytes() == edited
        assert outcome.newer == ["01_next.ipynb"]
        assert "01_next.ipynb is newer than your copy" in text
        assert re.search(r"Your answers are in \S*my-work[/\\]01_next\.ipynb", text)
        assert "make my-work FRESH=01_next" in text
        assert "python tools/my_work.py --fresh 01_next" in text
        updates = (mine / my_work.UPDATES_NAME).read_text()
        assert "01_next.ipynb" in updates and "FRESH=01_next" in updates
        assert "00_start" not in updates


def test_fresh_puts_the_new_version_beside_the_learners_copy(course):
    exercises, mine = course
    _sync(exercises, mine)
    _edit_answer(mine / "01_next.ipynb", "answer = 42")
    edited = (mine / "01_next.ipynb").read_bytes()
    _update_course(exercises / "01_next.ipynb")
    _sync(exercises, mine)

    messages = []
    written = my_work.fresh(["01_next"], exercises, mine, log=messages.append)
    assert written == [mine / "01_next.new.ipynb"]
    assert written[0].read_bytes() == (exercises / "01_next.ipynb").read_bytes()
    assert (mine / "01_next.ipynb").read_bytes() == edited
    assert "unchanged" in messages[0]
    assert not (mine / my_work.UPDATES_NAME).exists()

    outcome, text = _sync(exercises, mine)  # the learner has the new version: no more notes
    assert outcome.newer == [] and "NOTE" not in text
    assert (mine / "01_next.ipynb").read_bytes() == edited

    _update_course(exercises / "01_next.ipynb", "A second correction.")  # announced again
    outcome, _ = _sync(exercises, mine)
    assert outcome.newer == ["01_next.ipynb"]


def test_fresh_never_overwrites_either(course):
    exercises, mine = course
    _sync(exercises, mine)
    first = my_work.fresh(["01"], exercises, mine, log=lambda m: None)[0]
    messages = []
    assert my_work.fresh(["01_next.ipynb"], exercises, mine, log=messages.append) == [first]
    assert "already there" in messages[0]
    _edit_answer(first, "answer = 1  # started on the new version")
    started = first.read_bytes()
    second = my_work.fresh(["exercises/01_next.ipynb"], exercises, mine, log=lambda m: None)[0]
    assert second.name == "01_next.new-2.ipynb"
    assert first.read_bytes() == started


def test_an_unchanged_copy_follows_the_course(course):
    exercises, mine = course
    _sync(exercises, mine)
    copy = mine / "01_next.ipynb"
    nb = nbtools.read(copy)  # running cells changes outputs, not what the learner wrote
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="Ellipsis\n")]
    nb.cells[1].execution_count = 1
    nbtools.write(nb, copy)
    _update_course(exercises / "01_next.ipynb")
    outcome, text = _sync(exercises, mine)
    assert outcome.updated == ["01_next.ipynb"]
    assert copy.read_bytes() == (exercises / "01_next.ipynb").read_bytes()
    assert "you had not changed it" in text
    assert not (mine / my_work.UPDATES_NAME).exists()


def test_without_a_record_an_edited_copy_is_left_alone(course):
    exercises, mine = course
    _sync(exercises, mine)
    _edit_answer(mine / "00_start.ipynb", "answer = 42")
    edited = (mine / "00_start.ipynb").read_bytes()
    (mine / my_work.RECORD_NAME).write_text("not json")
    outcome, text = _sync(exercises, mine)
    assert outcome.unknown == ["00_start.ipynb"]
    assert "no record" in text and "FRESH=00_start" in text
    assert (mine / "00_start.ipynb").read_bytes() == edited
    outcome, text = _sync(exercises, mine)  # said once; later updates are announced as usual
    assert outcome.unknown == [] and "NOTE" not in text


@pytest.mark.parametrize("name", ["02", "02_power_laws", "02_power_laws.ipynb",
                                  "exercises/02_power_laws.ipynb", "my-work/02_power_laws.ipynb"])
def test_names_a_learner_may_type(name):
    assert my_work.resolve_names([name], ROOT / "exercises") == [
        ROOT / "exercises" / "02_power_laws.ipynb"]


def test_an_unknown_name_lists_the_workbooks():
    with pytest.raises(SystemExit, match="00_start_here, 01_ols_generalization"):
        my_work.resolve_names(["power_laws"], ROOT / "exercises")


# ---- the real workbooks, the command line, make and git ---------------------------------------

def test_command_line_on_a_copy_of_the_course(tmp_path):
    exercises = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", exercises)
    mine = tmp_path / "my-work"
    command = [sys.executable, str(ROOT / "tools" / "my_work.py"), "--exercises", str(exercises),
               "--my-work", str(mine)]
    run = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=True)
    names = sorted(p.name for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in mine.glob("*.ipynb")) == names
    assert "copied      exercises/00_start_here.ipynb -> my-work/00_start_here.ipynb" in \
        run.stdout.replace("\\", "/")

    _edit_answer_cell(mine / "02_power_laws.ipynb")
    edited = (mine / "02_power_laws.ipynb").read_bytes()
    _update_course(exercises / "02_power_laws.ipynb")
    run = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=True)
    assert (mine / "02_power_laws.ipynb").read_bytes() == edited
    assert "exercises/02_power_laws.ipynb is newer than your copy" in run.stdout.replace("\\", "/")
    assert "Your answers are in my-work/02_power_laws.ipynb" in run.stdout.replace("\\", "/")

    run = subprocess.run(command + ["--fresh", "02_power_laws"], capture_output=True, text=True,
                         cwd=tmp_path, check=True)
    assert (mine / "02_power_laws.new.ipynb").read_bytes() == \
        (exercises / "02_power_laws.ipynb").read_bytes()
    assert (mine / "02_power_laws.ipynb").read_bytes() == edited


def _edit_answer_cell(path: Path) -> None:
    """Answer the first exercise of a real workbook, as a learner would."""
    nb = nbtools.read(path)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "answer = ..." in c.source)
    cell.source = cell.source.replace("answer = ...", "answer = 200  # my answer", 1)
    nbtools.write(nb, path)


def test_workbooks_read_no_files_relative_to_their_folder():
    """my-work/ is a different folder from exercises/: a workbook must not open files by a path
    relative to where it lies (today none does; they take everything from scaling_utils)."""
    pattern = re.compile(r"open\(|Path\(|read_csv|np\.load|loadtxt|genfromtxt|\.\./|__file__|"
                         r"os\.getcwd|chdir|%cd|%run")
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        for index, cell in enumerate(nbtools.read(path).cells):
            if cell.cell_type == "code":
                assert not pattern.search(cell.source), f"{path.name} cell {index}"


def test_a_copied_workbook_runs_in_my_work(tmp_path):
    mine = tmp_path / "my-work"
    my_work.sync(ROOT / "exercises", mine, log=lambda m: None)
    nb = nbtools.read(mine / "00_start_here.ipynb")
    nbtools.execute(nb, mine, timeout=300)
    text = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                   for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "not answered yet" in text


def test_make_lab_fills_my_work_then_serves_the_course_root():
    makefile = (ROOT / "Makefile").read_text()
    lab = re.search(r"^lab:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert lab.index("tools/my_work.py") < lab.index("jupyter lab")
    assert '--ServerApp.root_dir="$(CURDIR)"' in lab
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in lab
    recipe = re.search(r"^my-work:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "tools/my_work.py" in recipe and "--fresh $(FRESH)" in recipe


def test_my_work_is_ignored_by_git():
    lines = (ROOT / ".gitignore").read_text().split()
    assert "my-work/" in lines


def test_readme_tells_learners_how_to_update_safely():
    readme = (ROOT / "README.md").read_text()
    for words in ("my-work/", "git pull", "make my-work FRESH=", "python tools/my_work.py"):
        assert words in readme


def test_readme_teaching_times_are_the_notebooks_own():
    """The table in "Teaching with this course" repeats each first cell's times: the lesson's
    core and full track, and its workbook's."""
    readme = (ROOT / "README.md").read_text()
    table = readme.split("### How long each part takes", 1)[1].split("###", 1)[0]
    rows = {m.group(1): tuple(g.strip() for g in m.groups()[1:])
            for m in re.finditer(r"^\| (\d\d) \| [^|]+ \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$",
                                 table, re.M)}

    def first_cell(path: Path) -> str:
        return nbtools.read(path).cells[0].source

    def minutes(text: str) -> str:
        return text.replace("minutes", "min").strip()

    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(rows) == [p.name[:2] for p in lessons]
    for lesson in lessons:
        core, full, workbook = rows[lesson.name[:2]]
        text = first_cell(lesson)
        full_time = re.search(r"\*\*Expected time:\*\* (about \d+ minutes)", text).group(1)
        core_time = re.search(r"core track: (about \d+ minutes)", text).group(1)
        book = re.search(r"\*\*Expected time:\*\* (about \d+ minutes)",
                         first_cell(ROOT / "exercises" / lesson.name)).group(1)
        assert (core, full, workbook) == (minutes(core_time), minutes(full_time), minutes(book)), \
            lesson.name
