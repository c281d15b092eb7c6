#!/usr/bin/env python3
"""Offline HTML handouts, one per lesson (`make handouts`).

For each lesson ``notebooks/NN_topic.ipynb`` this writes ``handouts/NN_topic.html``: one file that
opens from a USB stick with no network, no Python and no kernel.

- The lesson is run once with :func:`scaling_utils.widgets.handout.activate` called first, so each
  dashboard becomes a kernel-free control over settings computed now by the same study and
  drawing code as the live one, and each figure gets alt text that says what it shows.
- Mathematics is typeset at build time: every ``$…$`` and ``$$…$$`` becomes MathML (latex2mathml),
  which browsers draw natively; nothing is fetched when the page opens (external scripts and
  style sheets are removed and a test opens each handout with the network blocked).
- The workbook's tasks follow the lesson (without the checkers, which need a kernel), with the
  path of the workbook to open in the live course.

Also written: ``handouts/index.html`` (the lessons, their summaries and measured times) and
``handouts/notation.html`` (symbols and units, from ``notebooks/notation.ipynb``). Handouts are build
outputs, ignored by git.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
import html
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nbtools  # noqa: E402

ROOT = nbtools.ROOT
OUT = ROOT / "handouts"
SETUP = "from scaling_utils.widgets import handout as _handout\n_handout.activate()"
LESSON_PATTERN = "[0-9][0-9]_*.ipynb"
MAX_BYTES = 8 * 1024 * 1024

_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\d)",
                   re.S)
#: Commands latex2mathml does not know, written with ones it does.
_MACROS = [(r"\arg\min", r"\mathrm{arg\,min}"), (r"\arg\max", r"\mathrm{arg\,max}"),
           (r"\arg", r"\mathrm{arg}")]
#: What could not be typeset in this build (tests require it to stay empty).
PROBLEMS: list[str] = []
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def tex_to_mathml(source: str) -> str:
    """Replace ``$$…$$`` (display) and ``$…$`` (inline) maths in Markdown by MathML, leaving
    code spans and fenced code alone."""
    from latex2mathml.converter import convert

    def one(match):
        display, inline = match.group(1), match.group(2)
        tex = (display if display is not None else inline).strip()
        for macro, replacement in _MACROS:
            tex = tex.replace(macro, replacement)
        try:
            mathml = convert(tex, display="block" if display is not None else "inline")
        except Exception as error:  # keep the source readable, and say so at build time
            PROBLEMS.append(f"could not typeset {tex!r}: {error}")
            return f"<code>{html.escape(tex)}</code>"
        if "\\" in mathml:
            PROBLEMS.append(f"a command was left untypeset in {tex!r}")
        mathml = mathml.replace("\n", "")
        return f"\n\n{mathml}\n\n" if display is not None else mathml

    parts = _CODE.split(source)
    return "".join(part if i % 2 else _MATH.sub(one, part) for i, part in enumerate(parts))


def _execute_for_handout(path: Path):
    nb = nbtools.read(path)
    setup = nbtools.nbformat.v4.new_code_cell(SETUP)
    nb.cells.insert(0, setup)
    seconds = nbtools.execute(nb, path.parent)
    nb.cells.pop(0)
    return nb, seconds


def _title_and_summary(nb) -> tuple[str, str]:
    first = nb.cells[0].source if nb.cells else ""
    title = next((line.lstrip("# ").strip() for line in first.splitlines()
                  if line.startswith("#")), "Lesson")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", first) if p.strip()
                  and not p.strip().startswith("#")]
    summary = paragraphs[0] if paragraphs else ""
    summary = re.sub(r"^\*\*In short\.\*\*\s*", "", summary)
    summary = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", summary)  # plain text: no Markdown emphasis
    return title, summary


def _alts(nb) -> dict[str, str]:
    """Alt text by the first 64 characters of each PNG's base64 (from the handout kernel)."""
    found = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            alt = output.get("metadata", {}).get("image/png", {}).get("alt")
            if png and alt:
                found[png.replace("\n", "")[:64]] = alt
    return found


def _add_alts(body: str, alts: dict[str, str]) -> str:
    def one(match):
        tag = match.group(0)
        if " alt=" in tag:
            return tag
        key = match.group(1)[:64]
        alt = alts.get(key, "Figure (see the text above it).")
        return tag.replace("<img ", f'<img alt="{html.escape(alt)}" ', 1)

    return re.sub(r'<img [^>]*src="data:image/png;base64,([^"]{64})[^>]*>', one, body)


def _offline(body: str) -> str:
    """Remove everything that would be fetched from the network when the page opens."""
    body = re.sub(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', "", body)
    body = re.sub(r'<link[^>]*\bhref="https?://[^"]*"[^>]*/?>', "", body)
    body = re.sub(r"@import url\([\"']?https?://[^)]*\);?", "", body)
    # MathJax's configuration block has nothing to configure any more.
    body = re.sub(r'<script type="text/x-mathjax-config">.*?</script>', "", body, flags=re.S)
    body = re.sub(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", "", body,
                  flags=re.S)
    return body


_HEADER = """<div class="su-handout-header" style="font-family:sans-serif;border-bottom:1px solid
#ccd;padding:8px 0 10px;margin-bottom:12px;font-size:14px">
<a href="index.html">All lessons</a> · <a href="notation.html">Notation and units</a> ·
This is a <b>handout</b> of the course <i>Scaling Laws, Hands-On</i>: it works offline, and its
dashboards show settings computed in advance. For the live course (every setting, and the
workbook's checkers), install it and run <code>make lab</code> (see the README).</div>"""

_FOOTER = """<div style="font-family:sans-serif;border-top:1px solid #ccd;margin-top:24px;
padding-top:8px;font-size:12px;color:#555">Scaling Laws, Hands-On. Text and figures: CC BY 4.0;
code: MIT. Maths typeset as MathML at build time; no part of this page is loaded from the
network.</div>"""


def _workbook_tasks(lesson: Path):
    workbook = ROOT / "exercises" / lesson.name
    if not workbook.exists():
        return []
    nb = nbtools.read(workbook)
    cells = [nbtools.nbformat.v4.new_markdown_cell(
        f"## The workbook's exercises\n\nThe tasks of `exercises/{lesson.name}` follow. In the "
        f"live course, open that workbook: each exercise has an answer cell and a checker that "
        f"says *correct*, *not yet* and why, with a hint. (In a handout there is no kernel, so "
        f"no checker.)")]
    cells += [nbtools.nbformat.v4.new_markdown_cell(c.source) for c in nb.cells[1:]
              if c.cell_type == "markdown"]
    return cells


def export(nb, path: Path) -> str:
    from nbconvert import HTMLExporter

    nb = nbtools.nbformat.from_dict(nb)
    alts = _alts(nb)
    nb.cells += _workbook_tasks(path)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            # Links between notebooks become links between handouts.
            cell.source = re.sub(r"\]\((?:\.\./notebooks/)?(notation|\d\d_[\w-]+)\.ipynb\)",
                                 r"](\1.html)", cell.source)
            cell.source = tex_to_mathml(cell.source)
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    body = _offline(_add_alts(body, alts))
    body = body.replace("<body", "<body", 1)
    body = re.sub(r"(<body[^>]*>)", r"\1" + _HEADER.replace("\\", "\\\\"), body, count=1)
    body = body.replace("</body>", _FOOTER + "</body>", 1)
    return body


def build_notation() -> None:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    notebook = nbtools.read(ROOT / "notebooks" / "notation.ipynb")
    source = "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    content = markdown2html_mistune(tex_to_mathml(source))
    (OUT / "notation.html").write_text(
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Notation and units"
        f"</title></head><body style='font-family:sans-serif;max-width:900px;margin:auto'>"
        f"<p><a href='index.html'>All lessons</a></p>{content}{_FOOTER}</body></html>",
        encoding="utf-8")


def build_index(entries) -> None:
    rows = "".join(
        f"<li><a href='{html.escape(name)}'>{html.escape(title)}</a><br>"
        f"<span style='color:#444'>{html.escape(summary)}</span></li>"
        for name, title, summary in entries)
    (OUT / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Scaling Laws, "
        "Hands-On — handouts</title></head><body style='font-family:sans-serif;max-width:900px;"
        "margin:auto'><h1>Scaling Laws, Hands-On — handouts</h1><p>One page per lesson. They "
        "work offline; the dashboards show settings computed in advance. For the live course, "
        "install it and run <code>make lab</code> (README). <a href='notation.html'>Notation "
        f"and units</a>.</p><ol start='0'>{rows}</ol>{_FOOTER}</body></html>", encoding="utf-8")


def main(argv=None) -> int:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", type=Path,
                        help="lessons to build (default: every notebooks/NN_*.ipynb)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default handouts/)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="lessons built at once, each in its own kernel (default 2)")
    args = parser.parse_args(argv)
    OUT = args.out.resolve()
    lessons = args.lessons or sorted((ROOT / "notebooks").glob(LESSON_PATTERN))
    OUT.mkdir(exist_ok=True)
    started, entries = time.perf_counter(), []

    def build(lesson: Path):
        lesson = lesson.resolve()
        nb, seconds = _execute_for_handout(lesson)
        page = export(nb, lesson)
        target = OUT / (lesson.stem + ".html")
        target.write_text(page, encoding="utf-8")
        return target, seconds, _title_and_summary(nb)

    # Two lessons at a time: each runs in its own kernel, so a second core halves the build.
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for target, seconds, (title, summary) in pool.map(build, lessons):
            size = target.stat().st_size
            entries.append((target.name, title, summary))
            print(f"{seconds:6.1f} s  {size / 1e6:5.2f} MB  {target}")
            if size > MAX_BYTES:
                print(f"  warning: {target.name} is over {MAX_BYTES / 2**20:.0f} MB",
                      file=sys.stderr)
    build_notation()
    if not args.lessons:
        build_index(entries)
    print(f"{time.perf_counter() - started:6.1f} s  in all; open handouts/index.html")
    for problem in PROBLEMS:
        print(f"  warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
