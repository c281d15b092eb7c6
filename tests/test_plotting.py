"""The house style: readable log-axis labels and the figures the lessons use."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from scaling_utils import plotting


@pytest.mark.parametrize("value, text", [(20, "20"), (0.05, "0.05"), (1000, "1,000"),
                                         (1e4, "10⁴"),
                                         (1e6, "10⁶"), (2e6, "2×10⁶"),
                                         (3e-5, "3×10⁻⁵")])
def test_tick_label(value, text):
    assert plotting.tick_label(value) == text


def _labels(ax, which="x"):
    ax.figure.canvas.draw()
    axis = ax.xaxis if which == "x" else ax.yaxis
    ticks = axis.get_major_ticks() + axis.get_minor_ticks()
    low, high = sorted(axis.get_view_interval())
    return [t.label1.get_text() for t in ticks
            if t.label1.get_text() and low <= t.get_loc() <= high]


def test_short_axis_gets_one_two_five():
    fig, ax = plotting.loglog_axes(xlabel="x", ylabel="y")
    ax.plot([22, 660], [1, 2])
    ax.set_xlim(20, 700)
    assert set(_labels(ax)) == {"20", "50", "100", "200", "500"}


def test_long_axis_gets_decades_only():
    fig, ax = plotting.loglog_axes(xlabel="x", ylabel="y")
    ax.plot([1, 1e5], [1, 2])
    ax.set_xlim(1, 1e5)
    assert _labels(ax) == ["1", "10", "100", "1,000", "10⁴", "10⁵"]


def test_ols_figure_draws_theory_floor_and_points():
    from scaling_utils import simulate
    curve = simulate.least_squares_error_curve(5, [10, 20], n_trials=20)
    fig, ax = plotting.ols_error_figure(5, 1.0, simulated=curve, highlight=12)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("theory" in l for l in labels) and any("floor" in l for l in labels)
    assert "D = 12" in labels
    plt.close(fig)


def test_power_law_guide_has_the_slope():
    fig, ax = plotting.loglog_axes(xlabel="x", ylabel="y")
    plotting.power_law_guide(ax, 10, 1.0, -0.5, decades=2)
    (x, y) = ax.lines[0].get_data()
    assert np.log10(y[1] / y[0]) / np.log10(x[1] / x[0]) == pytest.approx(-0.5)


@pytest.mark.parametrize("sample_range, words", [((5, 10), "D ≥ N \\+ 2"), ((100, 30), "low < high"),
                                                 ((-5, 100), "sample_range's low end"),
                                                 ((30,), "two sample sizes"), ("30,100", "two sample sizes")])
def test_ols_error_figure_refuses_ranges_it_cannot_draw(sample_range, words):
    from scaling_utils import CourseValueError

    with pytest.raises(CourseValueError, match=words):
        plotting.ols_error_figure(20, sample_range=sample_range)
