"""PowerLawFit.plot draws what lesson 02 draws by hand: points, fitted line, prediction band."""

import dataclasses

import matplotlib.pyplot as plt
import numpy as np
import pytest

from scaling_utils import CourseValueError, fitting, laws, plotting, simulate

X = np.geomspace(1e3, 1e6, 12)


@pytest.fixture(scope="module")
def fit():
    y = simulate.noisy_observations(laws.PowerLaw(5.0, -0.35), X, relative_noise=0.03, seed=1)
    return fitting.fit_power_law(X, y)


def band_vertices(collection):
    return collection.get_paths()[0].vertices


def test_new_axes_in_the_house_style(fit):
    ax = fit.plot()
    assert ax.get_xscale() == ax.get_yscale() == "log"
    line, points = ax.lines
    grid = np.geomspace(X.min(), X.max(), 200)
    np.testing.assert_allclose(line.get_xdata(), grid)
    np.testing.assert_allclose(line.get_ydata(), fit.predict(grid))
    assert line.get_color() == plotting.PALETTE["blue"]
    np.testing.assert_array_equal(points.get_xdata(), X)
    np.testing.assert_array_equal(points.get_ydata(), fit.y)
    assert points.get_marker() == "o"
    labels = ax.get_legend_handles_labels()[1]
    assert labels == [f"fit {fit.law}, 90% prediction band", "measurements"]


@pytest.mark.parametrize("band", [0.5, 0.9, 0.99])
def test_band_is_the_prediction_interval(fit, band):
    ax = fit.plot(band=band)
    (collection,) = ax.collections
    vertices = band_vertices(collection)
    grid = np.geomspace(X.min(), X.max(), 200)
    low, high = fit.prediction_interval(grid, level=band)
    # fill_between traces the upper edge one way and the lower edge back
    for edge in (low, high):
        assert np.isin(np.round(np.log(edge), 9), np.round(np.log(vertices[:, 1]), 9)).all()
    assert vertices[:, 1].min() == pytest.approx(low.min())
    assert vertices[:, 1].max() == pytest.approx(high.max())


def test_same_as_lesson_02s_hand_drawn_band(fit):
    """Lesson 02 draws fill_between(far, low, high, alpha=0.15) and plot(far, predict(far))."""
    far = np.geomspace(10**2.5, 1e9, 200)
    _, by_hand = plotting.loglog_axes(xlabel="training samples D", ylabel="test error")
    low, high = fit.prediction_interval(far, level=0.9)
    by_hand.fill_between(far, low, high, color=plotting.PALETTE["green"], alpha=0.15)
    by_hand.plot(far, fit.predict(far), color=plotting.PALETTE["green"], label="fit, 90% band")
    _, ax = plotting.loglog_axes(xlabel="training samples D", ylabel="test error")
    returned = fit.plot(ax=ax, band=0.9, x=far, color=plotting.PALETTE["green"],
                        label="fit, 90% band", show_data=False)
    assert returned is ax and ax.get_xlabel() == "training samples D"
    np.testing.assert_array_equal(band_vertices(ax.collections[0]),
                                  band_vertices(by_hand.collections[0]))
    assert ax.collections[0].get_alpha() == by_hand.collections[0].get_alpha()
    np.testing.assert_array_equal(ax.lines[0].get_xydata(), by_hand.lines[0].get_xydata())
    assert len(ax.lines) == 1  # no data points with show_data=False
    # the house tick labels survive (no reset of the log formatters)
    assert type(ax.yaxis.get_major_formatter()).__name__ == "LogTicks"


def test_linear_axes_become_log_log(fit):
    _, ax = plt.subplots()
    fit.plot(ax=ax)
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_no_band(fit):
    ax = fit.plot(band=None)
    assert not ax.collections
    assert ax.get_legend_handles_labels()[1][0] == f"fit {fit.law}"


@pytest.mark.parametrize("band", [0, 1, 90, -0.5, "0.9"])
def test_bad_band(fit, band):
    with pytest.raises(CourseValueError, match="band"):
        fit.plot(band=band)


def test_bad_x(fit):
    with pytest.raises(CourseValueError, match="x must be greater than 0"):
        fit.plot(x=[-1, 10])


def test_a_fit_without_data_needs_x(fit):
    bare = dataclasses.replace(fit, x=None, y=None)
    with pytest.raises(CourseValueError, match="give x"):
        bare.plot()
    ax = bare.plot(x=[10, 100, 1000])
    assert len(ax.lines) == 1
