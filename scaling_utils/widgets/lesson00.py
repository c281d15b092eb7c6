"""Lesson 00 dashboards: match a line to points on log-log axes; find a floor."""

from __future__ import annotations

import numpy as np

from .. import _validate, studies
from ._core import View, dashboard, float_slider, log_slider, make_view

__all__ = ["power_law_match_view", "power_law_matcher", "floor_view", "floor_finder"]


def power_law_match_view(exponent, middle_value, *, x, y) -> View:
    """The view of :func:`scaling_utils.studies.line_match`: the points and the proposed line.

    The line ``y = h·(x/m)^k`` has slope ``k`` on log-log axes and passes through height ``h``
    at the geometric middle ``m`` of the x range; its distance to the points is the root mean
    square of ``log10(y / line)``, raised back to a multiplier.

    Parameters
    ----------
    exponent : float
        ``k``.
    middle_value : float
        ``h`` (> 0).
    x, y : array_like
        The points (all > 0, same length).

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.LineMatch`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.line_match`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.power_law_match_view(-0.5, 0.9, x=[1, 10, 100, 1000],
    ...                                     y=[5.0, 1.6, 0.5, 0.16])
    >>> f"{view.result.coefficient:.3g}", f"{view.result.typical_factor:.3f}"
    ('5.06', '1.009')
    >>> plt.close(view.figure)

    Introduced in lesson 00.
    """
    return make_view(studies.line_match(exponent, middle_value, x=x, y=y))


def power_law_matcher(x, y, *, exponent=-1.0):
    """Sliders for the exponent and the height (at the data's middle) of a line over points.

    Over :func:`scaling_utils.studies.line_match`: the exponent from −1.5 to 0 in steps of 0.01,
    the height on a log slider from a decade below the smallest ``y`` to a decade above the
    largest, starting near the median ``y``.

    Parameters
    ----------
    x, y : array_like
        The points (all > 0, same length).
    exponent : float, default -1.0
        The exponent to start from.

    Returns
    -------
    Dashboard

    Raises
    ------
    CourseValueError
        When ``x`` or ``y`` hold a value ≤ 0, NaN or inf, or differ in length.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.power_law_matcher([1, 10, 100, 1000], [5.0, 1.6, 0.5, 0.16])
    >>> board.values()
    {'exponent': -1.0, 'middle_value': 1.0}
    >>> board.step()                # the exponent, one step up
    >>> f"{board.result.exponent:.2f}"
    '-0.99'

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

    If the data follow ``y = floor + a·x^k``, the right floor leaves a straight line of slope
    ``k`` in log-log space; the readout gives that slope and the line's R².

    Parameters
    ----------
    floor : float
        The guess (≥ 0, below every ``y``).
    x, y : array_like
        The measurements (all > 0, same length).

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.FloorGuess`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.floor_guess`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.floor_view(0.5, x=[1, 10, 100, 1000], y=[3.0, 1.5, 0.9, 0.7])
    >>> f"{view.result.slope:.3f}", f"{view.result.r2:.4f}", len(view.figure.axes)
    ('-0.369', '0.9959', 2)
    >>> plt.close(view.figure)

    Introduced in lesson 00.
    """
    return make_view(studies.floor_guess(floor, x=x, y=y))


def floor_finder(x, y, *, floor=0.0):
    """A slider for the floor guess over :func:`scaling_utils.studies.floor_guess`; its top
    stays below the smallest measurement.

    The slider runs from 0 in steps of 0.01 up to the last step below ``min(y)``.

    Parameters
    ----------
    x, y : array_like
        The measurements (all > 0, same length).
    floor : float, default 0.0
        The guess to start from.

    Returns
    -------
    Dashboard

    Raises
    ------
    CourseValueError
        When ``x`` or ``y`` hold a value ≤ 0, NaN or inf, or differ in length.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.floor_finder([1, 10, 100, 1000], [3.0, 1.5, 0.9, 0.7])
    >>> board.controls["floor"].max
    0.69
    >>> board.step()
    >>> board.result.floor
    0.01

    Introduced in lesson 00.
    """
    xs, ys = _validate.positive_arrays(x=x, y=y)
    top = float(np.floor(ys.min() * 100 - 1e-9) / 100)
    if top >= ys.min():
        top -= 0.01
    controls = {"floor": float_slider("floor guess", floor, 0.0, top, 0.01)}
    return dashboard(studies.floor_guess, controls, fixed={"x": xs, "y": ys})
