"""A real browser: every lesson and workbook run in JupyterLab in headless Chromium.

For each notebook of notebooks/ and exercises/: Run All; no error output and no widget that
failed to render ("Error displaying widget", "Model not found"); then each dashboard's first
control is moved by keyboard and its readout and picture must change. A screenshot of every
dashboard after the move is saved in test-artifacts/. A new lesson needs no change here.

Skipped, with the reason, where Chromium or Playwright is missing; CI sets
SCALING_REQUIRE_BROWSER=1 so that a missing browser fails instead. JupyterLab serves a copy of
the course, so the browser never saves over the course's files. Run alone with
``pytest -m browser``.
"""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest

import labdriver

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [f"{folder}/{p.name}" for folder in ("notebooks", "exercises")
             for p in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb"))]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


def _unavailable(reason: str):
    if os.environ.get("SCALING_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and SCALING_REQUIRE_BROWSER=1 requires the browser test to run.")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    try:
        labdriver.check_available()
    except labdriver.LabUnavailable as reason:
        _unavailable(str(reason))
    try:
        with labdriver.running_lab(tmp_path_factory.mktemp("lab"),
                                   folders=("notebooks", "exercises")) as (url, _), \
                labdriver.browser() as chromium:
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            yield url, page
    except labdriver.LabUnavailable as reason:
        pytest.fail(str(reason))


def _shut_down_kernels(url: str) -> None:
    with urllib.request.urlopen(f"{url}/api/kernels") as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{url}/api/kernels/{kernel['id']}", method="DELETE")
        urllib.request.urlopen(request).close()


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_runs_and_its_dashboards_react(lab, path):
    url, page = lab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        labdriver.open_and_run_all(page, url, path)
        problems = labdriver.error_outputs(page)
        assert problems == {"tracebacks": 0, "widget errors": 0}, (path, problems)
        boards = labdriver.dashboards(page)
        for index in range(boards.count()):
            board = boards.nth(index)
            readout = board.locator(".su-readout")
            before = readout.text_content()
            assert "Not possible" not in before, (path, index, before)
            labdriver.step_first_control(page, board)
            page.wait_for_function("([el, old]) => el.textContent !== old",
                                   arg=[readout.element_handle(), before], timeout=30_000)
            stem = Path(path).stem
            board.screenshot(path=str(ARTIFACTS / f"{Path(path).parent.name}_{stem}_"
                                                  f"dashboard{index + 1}.png"))
    finally:
        _shut_down_kernels(url)
