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

    Introduced in lesson 02.
    """
    return make_view(studies.learning_curve_fit(exponent, floor, noise, window, target=target,
                                                seed=seed))


def learning_curve_dashboard(exponent=-0.35, floor=0.05, noise=0.03, window=(3, 6)):
    """Sliders for the truth (exponent, floor, noise) and the fit window over
    :func:`scaling_utils.studies.learning_curve_fit`.

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
