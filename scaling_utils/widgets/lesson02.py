"""Lesson 02 dashboard: fit a learning curve inside a window and extrapolate."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, float_slider, make_view

__all__ = ["learning_curve_fit_view", "learning_curve_dashboard"]


def learning_curve_fit_view(exponent=-0.35, floor=0.05, noise=0.03, window=(3.0, 6.0), *,
                            target=1e9, seed=0) -> View:
    """The view of :func:`scaling_utils.studies.learning_curve_fit`: left, the data, the window
    and both fitted curves; right, the residuals of the pure fit inside the window, where
    curvature shows up as a pattern.

    Both fits are :func:`scaling_utils.fitting.fit_power_law` on the measurements inside the
    window, in log space: ``y = a·D^k`` and ``y = E + a·D^k``.

    Parameters
    ----------
    exponent, floor, noise : float
        The truth and its scatter (defaults -0.35, 0.05, 0.03; see
        :func:`scaling_utils.studies.learning_curve_sample`).
    window : (float, float), default (3.0, 6.0)
        The fit window, as powers of ten between 1 and 9.
    target : float, default 1e9
        The size to extrapolate to.
    seed : int, default 0
        The seed of the noise.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.LearningCurveFit`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.learning_curve_fit`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.learning_curve_fit_view(window=(3, 6))
    >>> print(view.summary.splitlines()[0])
    truth: exponent -0.350, floor 0.05; window 10^3–10^6 (11 points)
    >>> plt.close(view.figure)

    Introduced in lesson 02.
    """
    return make_view(studies.learning_curve_fit(exponent, floor, noise, window, target=target,
                                                seed=seed))


def learning_curve_dashboard(exponent=-0.35, floor=0.05, noise=0.03, window=(3, 6)):
    """Sliders for the truth (exponent, floor, noise) and the fit window over
    :func:`scaling_utils.studies.learning_curve_fit`.

    The exponent from −0.8 to −0.1, the floor from 0 to 0.3, the noise from 0 to 15 % and the
    window, a range slider over ``log₁₀ D`` from 1 to 9 in quarter decades.

    Parameters
    ----------
    exponent, floor, noise : float
        The starting truth (defaults -0.35, 0.05, 0.03).
    window : (float, float), default (3, 6)
        The starting window.

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.learning_curve_dashboard()
    >>> board.step("window")        # the window's upper end, a quarter decade up
    >>> board.result.window, int(board.result.inside.sum())
    ((3.0, 6.25), 12)

    Introduced in lesson 02.
    """
    import ipywidgets as widgets

    controls = {
        "exponent": float_slider("true exponent k", exponent, -0.8, -0.1, 0.01),
        "floor": float_slider("true floor (error)", floor, 0.0, 0.3, 0.01),
        "noise": float_slider("noise (% of error)", noise, 0.0, 0.15, 0.005,
                              readout_format=".1%"),
        "window": widgets.FloatRangeSlider(value=window, min=1, max=9, step=0.25,
                                           description="fit window (log₁₀ D)",
                                           continuous_update=False, readout_format=".2f",
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width="360px")),
    }
    return dashboard(studies.learning_curve_fit, controls)
