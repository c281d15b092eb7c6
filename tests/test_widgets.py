"""Dashboards: their studies' numbers, and the wiring from a control to readout and picture
(no browser; tests/test_browser.py drives them in JupyterLab)."""

import numpy as np
import pytest

from scaling_utils import CourseValueError, laws, studies, widgets
from scaling_utils.checks import lesson00


def test_ols_view_numbers_agree_with_theory():
    view = widgets.ols_view(10, 40, 1.0, n_trials=400)
    assert view.result.theory == pytest.approx(laws.ols_expected_error(10, 40, 1.0))
    assert view.result.simulated_mean == pytest.approx(view.result.theory, rel=0.1)
    assert f"{view.result.theory:.4g}" in view.summary
    assert view.figure.axes[0].get_xscale() == "log"


def test_ols_view_explains_impossible_settings():
    with pytest.raises(CourseValueError, match="n_samples ≥ n_features \\+ 2"):
        widgets.ols_view(20, 15)


def test_double_descent_view_both_sides():
    assert "interpolates" in widgets.double_descent_view(50, 30, n_trials=50).result.regime
    assert not np.isfinite(studies.double_descent_study(50, 50, n_trials=50).theory)
    assert "classical" in widgets.double_descent_view(50, 80, n_trials=50).summary


def test_line_match_perfect_line():
    x = np.geomspace(1, 100, 5)
    middle = np.sqrt(x.min() * x.max())
    match = studies.line_match(-0.5, 3.0 * middle**-0.5, x=x, y=3.0 * x**-0.5)
    assert match.coefficient == pytest.approx(3.0) and match.typical_factor == pytest.approx(1.0)
    assert "×1.000" in str(match) and "y = 3 · x^-0.50" in str(match)


def test_floor_guess_straightest_at_true_floor():
    points = lesson00.points_with_floor()
    def r2(floor):
        return studies.floor_guess(floor, x=points.x, y=points.y).r2
    assert r2(1.7) > r2(1.0) and r2(1.7) > r2(1.65)


def test_floor_guess_refuses_floor_above_data():
    with pytest.raises(CourseValueError, match="below every measurement"):
        widgets.floor_view(5.0, x=[1, 2], y=[3, 2])


def test_window_mask_and_bad_windows():
    assert studies.window_mask([10, 100, 1000], (1, 2)).tolist() == [True, True, False]
    for bad in [(3,), "3,6", (6, 3), (3, 6, 9), None]:
        with pytest.raises(CourseValueError, match="window"):
            studies.window_mask([10, 100], bad)


def test_isoflop_bias_refuses_absurd_spans():
    with pytest.raises(CourseValueError, match="at most 3"):
        studies.isoflop_bias(span=10)
    with pytest.raises(CourseValueError, match="between 0 and 1"):
        studies.isoflop_bias(span=1, guessed_exponent=73)


def test_bootstrap_fan_refuses_percentages():
    with pytest.raises(CourseValueError, match="for 2% give 0.02"):
        studies.bootstrap_fan(noise=2)


def _board(name):
    lesson, make, _ = widgets.DASHBOARDS[name]
    if name == "power_law_matcher":
        points = lesson00.mystery_points()
        return make(points.x, points.y)
    if name == "floor_finder":
        points = lesson00.points_with_floor()
        return make(points.x, points.y)
    return make()


@pytest.mark.parametrize("name", sorted(widgets.DASHBOARDS))
def test_every_dashboard_answers_its_first_control(name):
    board = _board(name)
    before, picture = board.readout.value, board.image.value
    assert picture[:4] == b"\x89PNG" and "Not possible" not in before
    board.step()
    assert board.readout.value != before
    assert board.image.value != picture
    assert len(board.timings) == 2


def test_dashboard_shows_reason_instead_of_traceback():
    board = widgets.ols_dashboard(n_features=20, n_samples=60)
    board.controls["n_samples"].value = 10
    assert "Not possible with these settings" in board.readout.value
    assert board.image.layout.visibility == "hidden"
    board.controls["n_samples"].value = 70
    assert board.image.layout.visibility == "visible" and "D = 70" in board.readout.value


def test_a_bug_in_a_study_is_not_hidden():
    import ipywidgets

    def broken(x):
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        widgets.dashboard(broken, {"x": ipywidgets.IntSlider(value=1)})


def test_readout_wraps_only_at_spaces():
    html = widgets.readout_html("N = 2.78e+09 (slack)")
    assert "word-break:keep-all" in html and "overflow-wrap:normal" in html


@pytest.mark.parametrize("step, shown", [(0.01, ".2f"), (0.25, ".2f"), (0.0025, ".4f"),
                                         (1.0, ".0f"), (0.05, ".2f")])
def test_slider_readouts_show_their_step(step, shown):
    assert widgets.float_slider("x", 0.0, 0.0, 1.0, step).readout_format == shown


def test_percentage_sliders_show_units():
    board = widgets.bootstrap_fan_dashboard()
    assert board.controls["noise"].readout_format == ".2%"
    assert "%" in board.controls["noise"].description


def test_redrawn_figure_matches_a_fresh_one():
    """The dashboard draws each setting on the same axes; what it shows must be what a fresh
    figure of that setting shows (same artists, same limits)."""
    board = widgets.compute_line_dashboard()
    board.controls["log10_compute"].value = 23.0
    fresh = widgets.compute_line_view(23.0, 9.0).figure.axes[0]
    reused = board._figure.axes[0]
    assert len(reused.lines) == len(fresh.lines)
    assert len(reused.texts) == len(fresh.texts)
    assert reused.get_xlim() == pytest.approx(fresh.get_xlim())
    assert reused.get_title() == fresh.get_title()


@pytest.mark.parametrize("mean, stderr, text", [(1.50004, 0.0151, "1.500 ± 0.015"),
                                                (1063.5, 950.0, "1064 ± 950"),
                                                (0.2778, 0.00012, "0.27780 ± 0.00012"),
                                                (2.0, 0.0, "2")])
def test_mean_with_error(mean, stderr, text):
    assert widgets.mean_with_error(mean, stderr) == text
