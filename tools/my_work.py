#!/usr/bin/env python3
"""Keep your own copies of the workbooks in my-work/ (`make my-work`; `make lab` runs it first).

The course's workbooks live in exercises/ and change when the course is corrected. Your answers
live in my-work/ (git ignores that folder), so `git pull` never conflicts with them.

Each run:

- copies every exercises/NN_topic.ipynb that my-work/ does not have yet;
- never overwrites a copy you changed. When the course's workbook is newer than your copy, it
  says so and leaves your copy alone; `--fresh NN_topic` then writes the new version beside
  yours as my-work/NN_topic.new.ipynb, and you move your answers across when you like;
- brings a copy you never changed (same cells as when it was copied) up to the new version:
  there is nothing of yours in it to lose.

It remembers what it copied in my-work/.copied.json: for each workbook, the fingerprint of the
course version it copied (cell types, sources and tags; running cells does not change it). While
a newer workbook waits for you, my-work/UPDATES.md says which, so you see it in JupyterLab too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nbtools  # noqa: E402

RECORD_NAME = ".copied.json"
UPDATES_NAME = "UPDATES.md"
WORKBOOK_GLOB = "[0-9][0-9]_*.ipynb"
DEFAULT_EXERCISES = nbtools.ROOT / "exercises"
DEFAULT_MY_WORK = nbtools.ROOT / "my-work"


@dataclass
class Outcome:
    """What one run did, by workbook name (for messages and tests)."""

    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)      # unchanged copies brought up to date
    newer: list[str] = field(default_factory=list)        # course newer than an edited copy
    unknown: list[str] = field(default_factory=list)      # copy without a record, differs
    up_to_date: list[str] = field(default_factory=list)
    fresh: list[Path] = field(default_factory=list)       # files written by --fresh


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it lies below it (messages stay short)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_record(my_work: Path, log=print) -> dict:
    path = my_work / RECORD_NAME
    if not path.exists():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log(f"warning: {_shown(path)} could not be read; starting a new one (your workbooks are "
            f"not touched).")
        return {}
    return record if isinstance(record, dict) else {}


def save_record(my_work: Path, record: dict) -> None:
    path = my_work / RECORD_NAME
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(dict(sorted(record.items())), indent=1) + "\n",
                         encoding="utf-8")
    os.replace(temporary, path)


def workbooks(exercises: Path) -> list[Path]:
    return sorted(exercises.glob(WORKBOOK_GLOB))


def fingerprint_of(path: Path) -> str:
    return nbtools.fingerprint(nbtools.read(path))


def fresh_command(name: str) -> str:
    stem = Path(name).stem
    return (f"make my-work FRESH={stem}   (without make: python tools/my_work.py --fresh {stem})")


def newer_note(source: Path, copy: Path) -> str:
    return (f"NOTE: {_shown(source)} is newer than your copy (the course was updated).\n"
            f"      Your answers are in {_shown(copy)}; it was left exactly as it is.\n"
            f"      To get the new version beside yours, run:\n"
            f"        {fresh_command(source.name)}")


def unknown_note(source: Path, copy: Path) -> str:
    return (f"NOTE: {_shown(copy)} differs from {_shown(source)}, and there is no record of which "
            f"version of the course it was copied from, so it was left as it is.\n"
            f"      To get the course's current version beside it, run:\n"
            f"        {fresh_command(source.name)}")


def _write_updates(my_work: Path, pending: list[tuple[Path, Path]]) -> None:
    """Keep my-work/UPDATES.md listing workbooks whose newer version the learner has not taken."""
    path = my_work / UPDATES_NAME
    if not pending:
        if path.exists():
            path.unlink()
        return
    lines = ["# Newer workbooks are available", "",
             "The course was updated after you copied these workbooks. Your copies were not "
             "touched. To get a new version beside yours (as `NN_topic.new.ipynb`), run the "
             "command shown, from the course folder:", ""]
    for source, copy in pending:
        lines.append(f"- `{copy.name}`: `make my-work FRESH={copy.stem}` "
                     f"(or `python tools/my_work.py --fresh {copy.stem}`)")
    lines += ["", "This file disappears once every new version is beside your copy."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def sync(exercises: Path = DEFAULT_EXERCISES, my_work: Path = DEFAULT_MY_WORK, *,
         log=print) -> Outcome:
    """Copy missing workbooks into ``my_work``; report (never overwrite) edited, outdated copies."""
    outcome = Outcome()
    sources = workbooks(exercises)
    if not sources:
        log(f"No workbooks found in {_shown(exercises)}.")
        return outcome
    my_work.mkdir(parents=True, exist_ok=True)
    record = load_record(my_work, log)
    pending: list[tuple[Path, Path]] = []
    notes: list[str] = []
    for source in sources:
        name = source.name
        copy = my_work / name
        current = fingerprint_of(source)
        copied_from = record.get(name)
        if not copy.exists():
            shutil.copyfile(source, copy)
            record[name] = current
            outcome.copied.append(name)
            log(f"copied      {_shown(source)} -> {_shown(copy)}")
            continue
        if copied_from == current:
            outcome.up_to_date.append(name)
            continue
        mine = fingerprint_of(copy)
        if mine == current:  # already the current cells (copied by hand, or answers undone)
            record[name] = current
            outcome.up_to_date.append(name)
        elif copied_from is None:
            record[name] = current  # from now on, tell about versions newer than this one
            outcome.unknown.append(name)
            notes.append(unknown_note(source, copy))
        elif mine == copied_from:  # never edited: nothing of the learner's to lose
            shutil.copyfile(source, copy)
            record[name] = current
            outcome.updated.append(name)
            log(f"updated     {_shown(copy)} to the course's new version (you had not changed it)")
        else:
            outcome.newer.append(name)
            pending.append((source, copy))
            notes.append(newer_note(source, copy))
    save_record(my_work, record)
    _write_updates(my_work, pending)
    for note in notes:
        log(note)
    log(f"Your workbooks are in {_shown(my_work)}/ ({len(sources)} workbooks): open them there "
        f"(exercises/ holds the course's originals).")
    return outcome


def resolve_names(names: list[str], exercises: Path) -> list[Path]:
    """Workbooks named by file name, stem or number (``02``), with or without a folder."""
    available = workbooks(exercises)
    chosen = []
    for raw in names:
        wanted = Path(raw).name
        if wanted.endswith(".new.ipynb"):
            wanted = wanted[: -len(".new.ipynb")]
        wanted = wanted[:-len(".ipynb")] if wanted.endswith(".ipynb") else wanted
        matches = [p for p in available if p.stem == wanted]
        if not matches:
            matches = [p for p in available if p.stem.split("_")[0] == wanted]
        if len(matches) != 1:
            listing = ", ".join(p.stem for p in available)
            raise SystemExit(f"No single workbook is called {raw!r}. The workbooks are: {listing}.")
        chosen.append(matches[0])
    return chosen


def fresh(names: list[str], exercises: Path = DEFAULT_EXERCISES, my_work: Path = DEFAULT_MY_WORK,
          *, log=print) -> list[Path]:
    """Write the course's current version of each named workbook beside the learner's copy.

    The new file is my-work/NN_topic.new.ipynb, or .new-2, .new-3, ... when that name is taken by
    a file with other cells: nothing is ever overwritten.
    """
    my_work.mkdir(parents=True, exist_ok=True)
    record = load_record(my_work, log)
    written = []
    for source in resolve_names(names, exercises):
        current = fingerprint_of(source)
        stem = source.stem
        number = 1
        while True:
            target = my_work / (f"{stem}.new.ipynb" if number == 1 else f"{stem}.new-{number}.ipynb")
            if not target.exists():
                shutil.copyfile(source, target)
                log(f"wrote       {_shown(target)}: the course's current {source.name}, beside "
                    f"your {_shown(my_work / source.name)} (unchanged). Move your answers across, "
                    f"then delete the file you no longer need.")
                break
            if fingerprint_of(target) == current:
                log(f"already there: {_shown(target)} is the course's current {source.name}.")
                break
            number += 1
        written.append(target)
        # The learner now has the current version beside their copy: stop announcing it (the
        # next update of the course is announced again).
        if (my_work / source.name).exists():
            record[source.name] = current
    save_record(my_work, record)
    pending = []
    for source in workbooks(exercises):
        copy = my_work / source.name
        if copy.exists() and record.get(source.name) not in (None, fingerprint_of(source)):
            pending.append((source, copy))
    _write_updates(my_work, pending)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", nargs="+", metavar="NAME",
                        help="write the course's current version of these workbooks beside yours "
                             "as my-work/NAME.new.ipynb (NAME: e.g. 02_power_laws, or 02)")
    parser.add_argument("--exercises", type=Path, default=DEFAULT_EXERCISES,
                        help="the course's workbooks (default: exercises/)")
    parser.add_argument("--my-work", type=Path, default=DEFAULT_MY_WORK,
                        help="your copies (default: my-work/)")
    args = parser.parse_args(argv)
    if args.fresh:
        fresh(args.fresh, args.exercises, args.my_work)
    else:
        sync(args.exercises, args.my_work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
