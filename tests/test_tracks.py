"""The two tracks through the course: *core* (a beginner's day) and *going deeper* (the rest).

Conventions (lesson 00, section "Two ways through the course", describes them to learners):

- In a lesson (notebooks/NN_topic.ipynb), every markdown cell that starts a numbered section
  (``## N. Title``) carries exactly one of the cell tags ``core`` / ``deeper``, and its heading
  line ends with the matching badge, `` · *core*`` or `` · *going deeper*``. A section runs until
  the next ``## `` heading; the opening cells and unnumbered sections (Exercises, References)
  are not tracked.
- A lesson's first cell has, right after its title, a paragraph ``**In short.** …`` of three
  plain-language sentences; its ``**Expected time:** about F minutes … (core track: about C
  minutes …)``; and a link ``[Notation and units](notation.ipynb)``.
- In solutions/ and exercises/, every exercise heading cell (``### Exercise K — …``) carries the
  tag ``core`` or ``deeper``, the matching badge on its heading line, and a line
  ``*Sections needed: 2, 3 (lesson NN).*`` (groups for several lessons are separated by ``; ``).
  A core exercise needs only core sections.
- Lesson 00's table of times agrees with the lessons' own figures, and the core track of all
  lessons takes about a day (4 to 9 hours).

Everything is read from the notebooks, so new lessons need no change here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nbtools

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WORKBOOKS = (sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
             + sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")))
ids = lambda p: f"{p.parent.name}/{p.name}"  # noqa: E731

TRACKS = ("core", "deeper")
BADGES = {"core": "· *core*", "deeper": "· *going deeper*"}
SECTION = re.compile(r"^## (\d+)\. ", re.M)
EXERCISE = re.compile(r"^#{2,3} Exercise (\d+)\b")
NEEDED = re.compile(r"^\*Sections needed: (.+)\.\*$", re.M)
GROUP = re.compile(r"^(\d+(?:, \d+)*) \(lesson (\d\d)\)$")
EXPECTED = re.compile(r"\*\*Expected time:\*\* about (\d+)(?:–(\d+))? minutes[^\n]*?"
                      r"\(core track: about (\d+) minutes\b")
NOTATION_LINK = "[Notation and units](notation.ipynb)"
ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "vs.", "cf.", "etc.")


def lesson_number(path: Path) -> str:
    return path.name[:2]


def sections(path: Path) -> dict[int, str]:
    """{section number: track} of a lesson, checking the markup on the way."""
    found = {}
    for index, cell in enumerate(nbtools.read(path).cells):
        if cell.cell_type != "markdown":
            continue
        numbered = SECTION.findall(cell.source)
        tracks = [t for t in TRACKS if t in nbtools.tags(cell)]
        where = f"{path.name} cell {index}"
        if not numbered:
            assert not tracks, f"{where} is tagged {tracks} but starts no numbered section"
            continue
        assert len(numbered) == 1 and SECTION.match(cell.source), (
            f"{where}: a numbered section's heading must be the first line of its own cell")
        assert len(tracks) == 1, f"{where}: tag the section with exactly one of {TRACKS}"
        heading = cell.source.split("\n", 1)[0].rstrip()
        assert heading.endswith(BADGES[tracks[0]]), (
            f"{where}: a '{tracks[0]}' section's heading must end with '{BADGES[tracks[0]]}'")
        other = BADGES["deeper" if tracks[0] == "core" else "core"]
        assert not heading.endswith(other)
        found[int(numbered[0])] = tracks[0]
    return found


LESSON_SECTIONS = {lesson_number(p): p for p in LESSONS}


def first_cell(path: Path) -> str:
    return nbtools.read(path).cells[0].source


def stated_times(path: Path) -> tuple[int, int]:
    """(full, core) minutes from a lesson's first cell; a range counts by its upper end."""
    match = EXPECTED.search(first_cell(path))
    assert match, (f"{path.name}: the first cell must say '**Expected time:** about F minutes "
                   f"... (core track: about C minutes)'")
    low, high, core = match.groups()
    return int(high or low), int(core)


# ---- lessons --------------------------------------------------------------------------------

def test_there_are_lessons():
    assert LESSONS


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_sections_are_numbered_and_tracked(path):
    found = sections(path)
    assert list(found) == list(range(1, len(found) + 1)), "sections numbered 1, 2, 3, … in order"
    assert "core" in found.values(), "every lesson has core sections (the beginner track)"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_opening_and_closing_cells_are_not_tracked(path):
    cells = [c for c in nbtools.read(path).cells if c.cell_type == "markdown"]
    assert not any(t in nbtools.tags(cells[0]) for t in TRACKS)
    exercises = [c for c in cells if re.search(r"^## Exercises", c.source, re.M)]
    assert exercises, "a lesson ends with an '## Exercises' section"
    assert not any(t in nbtools.tags(exercises[0]) for t in TRACKS)


def _sentences(text: str) -> list[str]:
    for abbreviation in ABBREVIATIONS:
        text = text.replace(abbreviation, abbreviation.replace(".", ""))
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_opens_with_a_three_sentence_summary(path):
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", first_cell(path)) if p.strip()]
    assert paragraphs[0].startswith(f"# {lesson_number(path)} · ")
    summary = paragraphs[1] if len(paragraphs) > 1 else ""
    assert summary.startswith("**In short.** "), (
        "right after the title, a paragraph that starts with '**In short.**'")
    summary = summary[len("**In short.** "):]
    assert "\n" not in summary, "the summary is one paragraph"
    assert len(_sentences(summary)) == 3, f"three sentences, not {len(_sentences(summary))}"
    assert not re.search(r"[$=\\^]", summary), "plain language: no formulas in the summary"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_states_both_times_and_links_the_notation(path):
    full, core = stated_times(path)
    assert 0 < core <= full
    assert NOTATION_LINK in first_cell(path)
    assert (ROOT / "notebooks" / "notation.ipynb").exists()


def test_core_track_takes_about_a_day():
    total = sum(stated_times(path)[1] for path in LESSONS)
    assert 4 * 60 <= total <= 9 * 60, f"the core track takes {total} minutes, not 4–9 hours"


def test_lesson_00_describes_both_tracks_with_their_times():
    path = ROOT / "notebooks" / "00_start_here.ipynb"
    cells = nbtools.read(path).cells
    titles = [c.source.split("\n", 1)[0] for c in cells if c.cell_type == "markdown"]
    assert "## Two ways through the course" in titles
    start = titles.index("## Two ways through the course")
    assert titles[start + 1].startswith("## Exercises"), "the section comes just before Exercises"
    text = next(c.source for c in cells if c.source.startswith("## Two ways through the course"))
    assert "[notation and units](notation.ipynb)" in text
    rows = dict((nn, (int(core), int(full))) for nn, core, full in re.findall(
        r"^\| (\d\d)\b[^|]*\| about (\d+) min \| about (\d+) min \|$", text, re.M))
    for lesson in LESSONS:
        full, core = stated_times(lesson)
        assert rows.get(lesson_number(lesson)) == (core, full), (
            f"lesson 00's table must list lesson {lesson_number(lesson)} with core {core} and "
            f"full {full} minutes, as its first cell says")
    assert set(rows) == set(LESSON_SECTIONS)
    totals = re.search(r"^\| \*\*all[^|]*\| \*\*about (\d+) min\*\*[^|]*\| \*\*about (\d+) min\*\*",
                       text, re.M)
    assert totals, "a last row with the totals, '| **all … | **about C min** … | **about F min** …'"
    assert (int(totals.group(1)), int(totals.group(2))) == (
        sum(core for core, _ in rows.values()), sum(full for _, full in rows.values()))


# ---- exercises ------------------------------------------------------------------------------

def exercise_cells(path: Path):
    for index, cell in enumerate(nbtools.read(path).cells):
        if cell.cell_type == "markdown" and EXERCISE.match(cell.source):
            yield index, cell


def needed(cell, where: str) -> list[tuple[str, int]]:
    """[(lesson, section), …] named by an exercise's 'Sections needed' line."""
    lines = NEEDED.findall(cell.source)
    assert len(lines) == 1, f"{where}: one line '*Sections needed: 2, 3 (lesson NN).*'"
    pairs = []
    for group in lines[0].split("; "):
        match = GROUP.match(group)
        assert match, f"{where}: cannot read {group!r} as '2, 3 (lesson NN)'"
        pairs += [(match.group(2), int(n)) for n in match.group(1).split(", ")]
    return pairs


@pytest.mark.parametrize("path", WORKBOOKS, ids=ids)
def test_every_exercise_has_a_track_and_the_sections_it_needs(path):
    cells = list(exercise_cells(path))
    assert cells, "no exercise headings found"
    tracks_of = {nn: sections(lesson) for nn, lesson in LESSON_SECTIONS.items()}
    for index, cell in cells:
        where = f"{ids(path)} cell {index}"
        tracks = [t for t in TRACKS if t in nbtools.tags(cell)]
        assert len(tracks) == 1, f"{where}: tag the exercise with exactly one of {TRACKS}"
        heading = cell.source.split("\n", 1)[0].rstrip()
        assert heading.endswith(BADGES[tracks[0]]), f"{where}: heading ends with the badge"
        pairs = needed(cell, where)
        assert lesson_number(path) in {nn for nn, _ in pairs}, (
            f"{where}: name the sections of lesson {lesson_number(path)} that it needs")
        for nn, number in pairs:
            assert nn in tracks_of, f"{where}: there is no lesson {nn}"
            assert number in tracks_of[nn], f"{where}: lesson {nn} has no section {number}"
            if tracks[0] == "core":
                assert tracks_of[nn][number] == "core", (
                    f"{where}: a core exercise needs section {number} of lesson {nn}, which is "
                    f"'going deeper': make the exercise deeper, or point it at core sections")


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_every_lesson_has_core_exercises(path):
    solution = ROOT / "solutions" / path.name
    tags = [nbtools.tags(cell) for _, cell in exercise_cells(solution)]
    assert any("core" in t for t in tags), "the beginner track needs exercises too"
