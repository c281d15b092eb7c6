"""Offline handouts (`make handouts`): built from every lesson, opened in Chromium with the
network blocked. Each must show typeset maths (no raw TeX), load every picture, carry alt text,
stay under 8 MB, and its dashboards must change their picture when a control moves.

The build runs once per test session (about a minute); the browser checks are marked
``browser`` (run alone with ``pytest -m browser``).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import labdriver  # noqa: E402
import make_handouts  # noqa: E402

LESSONS = sorted((ROOT / "notebooks").glob(make_handouts.LESSON_PATTERN))


def test_maths_becomes_mathml_and_code_stays_code():
    text = make_handouts.tex_to_mathml(r"Loss $L = E + A/N^\alpha$, code `$x$`, $5 and $6."
                                       "\n\n$$\\hat\\theta = \\arg\\min_\\beta \\|y\\|$$")
    assert text.count("<math") == 2 and "`$x$`" in text and "$5 and $6" in text
    assert "\\" not in re.sub(r"`[^`]*`", "", text)


def test_handout_values_cover_each_control_with_its_start():
    from scaling_utils import widgets
    from scaling_utils.widgets import handout

    board = widgets.learning_curve_dashboard()
    for name, control in board.controls.items():
        values, labels = handout.handout_values(control)
        assert len(values) == len(labels) >= 3
        assert control.value in values or isinstance(control.value, tuple)
    values, labels = handout.handout_values(board.controls["noise"])
    assert all(label.endswith("%") for label in labels)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    assert make_handouts.main(["--out", str(out)]) == 0
    assert not make_handouts.PROBLEMS, make_handouts.PROBLEMS
    return out


def test_every_lesson_has_a_handout_under_8_mb_with_alt_text(built):
    for lesson in LESSONS:
        page = built / f"{lesson.stem}.html"
        assert page.exists(), page
        assert page.stat().st_size < make_handouts.MAX_BYTES, (page, page.stat().st_size)
        text = page.read_text(encoding="utf-8")
        images = re.findall(r"<img [^>]*>", text)
        assert all(re.search(r'alt="[^"]{8,}"', tag) for tag in images), page
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', text), page
    assert (built / "index.html").exists() and (built / "notation.html").exists()
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "**" not in index and index.count("<li>") == len(LESSONS)


def _unavailable(reason: str):
    if os.environ.get("SCALING_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and SCALING_REQUIRE_BROWSER=1 requires the browser test to run.")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def offline_page():
    try:
        labdriver.check_available()
    except labdriver.LabUnavailable as reason:
        _unavailable(str(reason))
    with labdriver.browser() as chromium:
        context = chromium.new_context(viewport={"width": 1300, "height": 900})
        requests = []

        def block(route):
            requests.append(route.request.url)
            route.abort()

        context.route("http*://**", block)
        page = context.new_page()
        yield page, requests


_VISIBLE_TEXT = """() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('pre, code, .jp-InputArea, script, style, math').forEach(e => e.remove());
  return clone.innerText;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("name", [p.stem for p in LESSONS] + ["index", "notation"])
def test_handout_works_offline(built, offline_page, name):
    page, requests = offline_page
    requests.clear()
    page.goto((built / f"{name}.html").as_uri())
    page.wait_for_load_state("load")
    assert requests == [], f"{name} asked the network for {requests[:3]}"
    text = page.evaluate(_VISIBLE_TEXT)
    raw = re.findall(r"\$[^$\n]{1,60}\$|\\(frac|alpha|beta|sigma|hat|mathrm)\b", text)
    assert not raw, f"raw TeX in {name}: {raw[:3]}"
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                           ".map(i => i.alt)")
    assert broken == [], f"{name}: pictures that did not load: {broken[:3]}"
    boards = page.locator(".su-handout-dashboard")
    for index in range(boards.count()):
        board = boards.nth(index)
        board.scroll_into_view_if_needed()
        picture = board.locator("img.su-figure")
        readout = board.locator("pre.su-readout")
        before = (picture.get_attribute("src"), readout.text_content())
        slider = board.locator("input[type=range]").first
        slider.focus()
        page.keyboard.press("End" if slider.get_attribute("value") == "0" else "Home")
        after = (picture.get_attribute("src"), readout.text_content())
        assert after != before, f"{name}: dashboard {index + 1} did not change"
        board.screenshot(path=str(_artifacts() / f"handout_{name}_dashboard{index + 1}.png"))


def _artifacts() -> Path:
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
