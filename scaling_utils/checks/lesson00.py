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
    """Measured ``y`` at each ``x``: what an exercise shows the learner."""

    x: np.ndarray
    y: np.ndarray

    def __repr__(self) -> str:
        rows = "\n".join(f"  x = {x:>10.4g}   y = {y:.4g}" for x, y in zip(self.x, self.y))
        return f"{len(self.x)} measurements:\n{rows}"


# The checker demo in the lesson: how many decades lie between 10^3 and 10^6?
_DECADES_FROM, _DECADES_TO = 1e3, 1e6


def decades_between(answer):
    """Demo: the number of decades (factors of ten) between 1,000 and 1,000,000."""
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
    """Two exact points of a pure power law (Exercise 1)."""
    return Measurements(_TWO_POINT_X, _TWO_POINT_LAW(_TWO_POINT_X))


def exponent_from_two_points(answer):
    """Exercise 1: the slope on log-log axes through the two points of :func:`two_points`."""
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
    """Noisy measurements of a power law whose exponent Exercise 2 asks for."""
    y = simulate.noisy_observations(_MYSTERY_LAW, _MYSTERY_X, relative_noise=0.06, seed=2)
    return Measurements(_MYSTERY_X, y)


def mystery_exponent(answer):
    """Exercise 2: the exponent of the law behind :func:`mystery_points`, within ±0.04."""
    expected = _MYSTERY_LAW.exponent
    return check_number(
        answer, expected, exercise="Exercise 2 — match the line", atol=0.04,
        mistakes=[(-expected, "The line falls from left to right, so its slope is negative.")],
        hint="Move the height until the line passes through the middle of the points, then tilt "
             "it with the exponent until the typical distance stops shrinking; a few per cent is "
             "as good as the noise allows.",
    )


# Exercise 3: what 10× more data buys.
DECADE_EXPONENT = -0.35


def factor_per_decade(answer):
    """Exercise 3: by what factor error ∝ D^k is multiplied when D grows tenfold (k = −0.35)."""
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
    """Measurements of a power law with an irreducible floor (Exercise 4)."""
    y = simulate.noisy_observations(_FLOOR_LAW, _FLOOR_X, relative_noise=0.004, seed=4)
    return Measurements(_FLOOR_X, y)


FLOOR_TOLERANCE = 0.02


def floor(answer):
    """Exercise 4: the irreducible floor of the law behind :func:`points_with_floor`, ±0.02."""
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
