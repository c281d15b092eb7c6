"""Lesson 00 dashboards: match a line to points on log-log axes; find a floor."""

from __future__ import annotations

import numpy as np

from .. import _validate, studies
from ._core import View, dashboard, float_slider, log_slider, make_view

__all__ = ["power_law_match_view", "power_law_matcher", "floor_view", "floor_finder"]


def power_law_match_view(exponent, middle_value, *, x, y) -> View:
    """The view of :func:`scaling_utils.studies.line_match`: the points and the proposed line.

    Introduced in lesson 00.
    """
    return make_view(studies.line_match(exponent, middle_value, x=x, y=y))


def power_law_matcher(x, y, *, exponent=-1.0):
    """Sliders for the exponent and the height (at the data's middle) of a line over points.

    Introduced in lesson 00.
    """
    xs, ys = _validate.positive_arrays(x=x, y=y)
    start = float(10 ** np.round(np.log10(np.median(ys)), 1))
    controls = {
        "exponent": float_slider("exponent k", exponent, -1.5, 0.0, 0.01),
        "middle_value": log_slider(f"height at x = {studies.reading_plots.middle_of(xs):.3g}",
                                   start, np.floor(np.log10(ys.min())) - 1,
                                   np.ceil(np.log10(ys.max())) + 1),
    }
    return dashboard(studies.line_match, controls, fixed={"x": xs, "y": ys})


def floor_view(floor, *, x, y) -> View:
    """The view of :func:`scaling_utils.studies.floor_guess`: the data with a guessed floor, and
    what is left above it.

    Introduced in lesson 00.
    """
    return make_view(studies.floor_guess(floor, x=x, y=y))


def floor_finder(x, y, *, floor=0.0):
    """A slider for the floor guess over :func:`scaling_utils.studies.floor_guess`; its top
    stays below the smallest measurement.

    Introduced in lesson 00.
    """
    xs, ys = _validate.positive_arrays(x=x, y=y)
    top = float(np.floor(ys.min() * 100 - 1e-9) / 100)
    if top >= ys.min():
        top -= 0.01
    controls = {"floor": float_slider("floor guess", floor, 0.0, top, 0.01)}
    return dashboard(studies.floor_guess, controls, fixed={"x": xs, "y": ys})
