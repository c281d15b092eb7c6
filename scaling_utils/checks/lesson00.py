"""Exercises of lesson 00 (start here): reading log-log plots.

The measurements the exercises show come from laws defined here, so the checkers know the truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import laws, simulate
from . import NOT_YET, Feedback, _as_answer_number, check_number

__all__ = [
    "Measurements",
    "decades_between",
    "two_points",
    "exponent_from_two_points",
    "mystery_points",
    "mystery_exponent",
    "DECADE_EXPONENT",
    "factor_per_decade",
    "points_with_floor",
    "FLOOR_TOLERANCE",
    "floor",
]


@dataclass(frozen=True)
class Measurements:
    """Measured ``y`` at each ``x``: what an exercise shows the learner.

    A workbook cell that ends with it prints the pairs, one per line, to four significant digits.

    Parameters
    ----------
    x : numpy.ndarray
        The scale of each measurement (data set size, model size, ...).
    y : numpy.ndarray
        The measured error at each ``x``.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils.checks import lesson00
    >>> lesson00.Measurements(np.array([10.0, 1000.0]), np.array([2.0, 0.5]))
    2 measurements:
      x =         10   y = 2
      x =       1000   y = 0.5

    Introduced in lesson 00.
    """

    x: np.ndarray
    y: np.ndarray

    def __repr__(self) -> str:
        rows = "\n".join(f"  x = {x:>10.4g}   y = {y:.4g}" for x, y in zip(self.x, self.y))
        return f"{len(self.x)} measurements:\n{rows}"


# The checker demo in the lesson: how many decades lie between 10^3 and 10^6?
_DECADES_FROM, _DECADES_TO = 1e3, 1e6


def decades_between(answer):
    """Demo: the number of decades (factors of ten) between 1,000 and 1,000,000.

    The lesson's first checker, run three times to show the three verdicts. The reference is
    ``log₁₀(10⁶/10³) = 3``, accepted within ±0.001.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ±0.001 (``.status`` ``'correct'``); otherwise ``.status`` is
        ``'not yet'`` or ``'not answered yet'`` and ``.message`` says why, naming the slip of giving
        the ratio 1,000 itself. ``.hint`` holds the folded hint (``''`` when correct).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> lesson00.decades_between(...).status
    'not answered yet'
    >>> lesson00.decades_between(3).correct
    True
    >>> result = lesson00.decades_between(1000)
    >>> result.correct, result.message.startswith("That is the ratio of the two numbers")
    (False, True)

    Introduced in lesson 00.
    """
    expected = np.log10(_DECADES_TO / _DECADES_FROM)
    return check_number(
        answer, expected, exercise="Demo — decades", atol=0.001,
        mistakes=[(_DECADES_TO / _DECADES_FROM, "That is the ratio of the two numbers; a decade "
                                                "is one factor of ten, so count the factors.")],
        hint="A decade is one factor of 10: from 1,000 to 10,000 is one decade.",
    )


# Exercise 1: the exponent from two exact points of a pure power law.
_TWO_POINT_LAW = laws.PowerLaw(coefficient=12.0, exponent=-0.28)
_TWO_POINT_X = np.array([1e4, 1e7])


def two_points() -> Measurements:
    """Two exact points of a pure power law (Exercise 1).

    The points lie on ``y = a·x^k`` at ``x = 10⁴`` and ``10⁷``, without noise, so the slope through
    them on log-log axes is ``k`` itself.

    Returns
    -------
    Measurements
        The two points; a workbook prints them.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> lesson00.two_points().x.tolist()
    [10000.0, 10000000.0]

    Introduced in lesson 00.
    """
    return Measurements(_TWO_POINT_X, _TWO_POINT_LAW(_TWO_POINT_X))


def exponent_from_two_points(answer):
    """Exercise 1: the slope on log-log axes through the two points of :func:`two_points`.

    The reference is ``k = ln(y₂/y₁) / ln(x₂/x₁)``, computed from those points (any base of
    logarithm gives the same ``k``), accepted within 1 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 1 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming three slips: the slope on linear
        axes, the ratio of logarithms upside down, and the change in log y alone. ``.hint`` holds
        the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> lesson00.exponent_from_two_points(None).status
    'not answered yet'
    >>> p = lesson00.two_points()
    >>> linear_slope = (p.y[1] - p.y[0]) / (p.x[1] - p.x[0])
    >>> lesson00.exponent_from_two_points(linear_slope).message
    'That is the slope on linear axes. On log-log axes the slope is a ratio of logarithms.'

    Introduced in lesson 00.
    """
    (x1, x2), (y1, y2) = two_points().x, two_points().y
    expected = np.log(y2 / y1) / np.log(x2 / x1)
    return check_number(
        answer, expected, exercise="Exercise 1 — exponent from two points", rtol=0.01,
        mistakes=[((y2 - y1) / (x2 - x1), "That is the slope on linear axes. On log-log axes the "
                                           "slope is a ratio of logarithms."),
                  (np.log(x2 / x1) / np.log(y2 / y1), "That ratio is upside down: divide the "
                                                       "change in log y by the change in log x."),
                  (np.log10(y2 / y1), "That is the change in log y alone; divide it by the "
                                      "change in log x (here, three decades).")],
        hint="k = log(y2 / y1) / log(x2 / x1); any base of logarithm gives the same k.",
    )


# Exercise 2: match a line to noisy measurements with the widget.
_MYSTERY_LAW = laws.PowerLaw(coefficient=30.0, exponent=-0.42)
_MYSTERY_X = np.geomspace(10, 1e5, 13)


def mystery_points() -> Measurements:
    """Noisy measurements of a power law whose exponent Exercise 2 asks for.

    Thirteen sizes from 10 to 10⁵, evenly spaced on a log axis, each measurement off by a
    multiplicative noise of 6 % (:func:`scaling_utils.simulate.noisy_observations`, fixed seed).

    Returns
    -------
    Measurements
        The points the matching dashboard (``widgets.power_law_matcher``) draws.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> data = lesson00.mystery_points()
    >>> data.x.size, float(data.x.min()), float(data.x.max())
    (13, 10.0, 100000.0)

    Introduced in lesson 00.
    """
    y = simulate.noisy_observations(_MYSTERY_LAW, _MYSTERY_X, relative_noise=0.06, seed=2)
    return Measurements(_MYSTERY_X, y)


def mystery_exponent(answer):
    """Exercise 2: the exponent of the law behind :func:`mystery_points`, within ±0.04.

    The learner tilts a line on the dashboard until it matches the points. The reference is the
    exponent of the power law the points were drawn from (not a fit to them); ±0.04 allows for
    what the 6 % noise lets the eye see.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ±0.04; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why (how far off, or that the sign is wrong).
        ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> lesson00.mystery_exponent([-1.0]).message
    'Your answer is a list of 1 item; the answer is the number itself: take it out with [0].'
    >>> lesson00.mystery_exponent(-1.0).correct
    False

    Introduced in lesson 00.
    """
    expected = _MYSTERY_LAW.exponent
    return check_number(
        answer, expected, exercise="Exercise 2 — match the line", atol=0.04,
        mistakes=[(-expected, "The line falls from left to right, so its slope is negative.")],
        hint="Move the height until the line passes through the middle of the points, then tilt "
             "it with the exponent until the typical distance stops shrinking; a few per cent is "
             "as good as the noise allows.",
    )


# Exercise 3: what 10× more data buys.
#: The exponent ``k`` of Exercise 3 (error ∝ D^k); the workbook prints it.
DECADE_EXPONENT = -0.35


def factor_per_decade(answer):
    """Exercise 3: by what factor error ∝ D^k is multiplied when D grows tenfold (k = −0.35).

    The reference is ``(10·D)^k / D^k = 10^k`` with ``k =`` :data:`DECADE_EXPONENT`
    (:attr:`scaling_utils.laws.PowerLaw.factor_per_decade`), accepted within 1 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 1 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming four slips: the factor for ten
        times *less* data, the exponent itself, ``10·k``, and the fraction of the error removed.
        ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> result = lesson00.factor_per_decade(lesson00.DECADE_EXPONENT)
    >>> result.correct, result.message.startswith("That is the exponent itself")
    (False, True)

    Introduced in lesson 00.
    """
    law = laws.PowerLaw(coefficient=1.0, exponent=DECADE_EXPONENT)
    expected = law.factor_per_decade
    return check_number(
        answer, expected, exercise="Exercise 3 — what 10× more data buys", rtol=0.01,
        mistakes=[(1 / expected, "That is the factor for 10× *less* data: the sign of the exponent "
                                 "is flipped."),
                  (DECADE_EXPONENT, "That is the exponent itself, the slope on log-log axes; the "
                                    "question asks for the multiplier on the error."),
                  (10 * DECADE_EXPONENT, "Multiply by ten on the x-axis means raising 10 to the "
                                         "power k, not multiplying k by 10."),
                  (1 - expected, "That is the fraction of the error removed; the question asks "
                                 "for the factor the error is multiplied by.")],
        hint="Compare error(10·D) with error(D): the ratio is (10·D)^k / D^k = 10^k.",
    )


# Exercise 4: find the floor with the widget.
_FLOOR_LAW = laws.PowerLaw(coefficient=9.0, exponent=-0.5, floor=1.7)
_FLOOR_X = np.geomspace(10, 1e5, 13)


def points_with_floor() -> Measurements:
    """Measurements of a power law with an irreducible floor (Exercise 4).

    Thirteen sizes from 10 to 10⁵, evenly spaced on a log axis, each measurement off by a
    multiplicative noise of 0.4 % (fixed seed): little enough for the floor finder to locate the
    floor.

    Returns
    -------
    Measurements
        The points the floor-finder dashboard (``widgets.floor_finder``) draws.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> lesson00.points_with_floor().x.size
    13

    Introduced in lesson 00.
    """
    y = simulate.noisy_observations(_FLOOR_LAW, _FLOOR_X, relative_noise=0.004, seed=4)
    return Measurements(_FLOOR_X, y)


#: How far (±) an answer to Exercise 4 may lie from the true floor.
FLOOR_TOLERANCE = 0.02


def floor(answer):
    """Exercise 4: the irreducible floor of the law behind :func:`points_with_floor`, ±0.02.

    The learner raises a floor guess on the dashboard until the remainder ``y − floor`` is straight
    on log-log axes. The reference is the floor of the law the points were drawn from, accepted
    within ± :data:`FLOOR_TOLERANCE`. An answer at or above the smallest measurement gets its own
    reply: the slider stops below it, so such an answer was read off the data, and the floor lies
    below every measurement.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ± :data:`FLOOR_TOLERANCE`; otherwise ``.status`` is
        ``'not yet'`` or ``'not answered yet'`` and ``.message`` says why: how far off, no floor
        at all (0), or an answer at or above the smallest measurement. ``.hint`` holds the folded
        hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson00
    >>> lesson00.floor(0).message
    'With no floor the remainder is visibly curved; try larger guesses.'
    >>> smallest = lesson00.points_with_floor().y.min()
    >>> lesson00.floor(smallest).message.startswith("That is the smallest measurement.")
    True

    Introduced in lesson 00.
    """
    name = "Exercise 4 — find the floor"
    hint = ("Raise the floor guess until the right-hand panel shows a straight line (R² closest "
            "to 1). Too high, and the points on the right bend downwards.")
    smallest = float(points_with_floor().y.min())
    value, _ = _as_answer_number(answer)
    if value is not None and value >= smallest - 0.0005:
        # The slider stops below the smallest measurement; an answer at or above it is a reading
        # of the data, not of the dashboard.
        at = "That is the smallest measurement" if value <= smallest + 0.0005 else \
            f"That is above the smallest measurement ({smallest:.3f})"
        return Feedback(name, NOT_YET, f"{at}. The curve is still falling there; the floor lies "
                                       f"below every measurement.", hint=hint)
    return check_number(
        answer, _FLOOR_LAW.floor, exercise=name, atol=FLOOR_TOLERANCE,
        mistakes=[(0.0, "With no floor the remainder is visibly curved; try larger guesses.")],
        hint=hint,
    )
