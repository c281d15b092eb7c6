"""Lesson 00: reading log-log plots — a line matched to points, and a guessed floor."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, plotting
from ._base import Study

__all__ = ["LineMatch", "line_match", "FloorGuess", "floor_guess", "middle_of"]


def middle_of(x) -> float:
    """The geometric middle of the x range: where a tilted line pivots in the matcher."""
    xs = np.asarray(x, dtype=float)
    return float(np.sqrt(xs.min() * xs.max()))


@dataclass(frozen=True, repr=False)
class LineMatch(Study):
    """A proposed line ``y = coefficient · x^exponent`` against measured points.

    Attributes: ``exponent``, ``coefficient``, ``height`` (the line's value at ``middle``, the
    geometric middle of the x range), ``rms_log10`` (root mean square of ``log10(y / line)``) and
    ``typical_factor`` (``10**rms_log10``: 1.000 is a perfect match).
    """

    exponent: float
    coefficient: float
    height: float
    middle: float
    rms_log10: float
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)

    @property
    def typical_factor(self) -> float:
        return float(10**self.rms_log10)

    def __str__(self) -> str:
        return (f"your line: y = {self.coefficient:.3g} · x^{self.exponent:.2f}  "
                f"(height {self.height:.3g} at x = {self.middle:.3g})\n"
                f"typical distance to the points: ×{self.typical_factor:.3f}   "
                f"(1.000 would be a perfect match)")

    def draw(self, ax):
        plotting.loglog_axes(xlabel="x", ylabel="y", ax=ax)
        ax.plot(self.x, self.y, "o", color=plotting.PALETTE["orange"], label="measurements")
        grid = np.geomspace(self.x.min() / 2, self.x.max() * 2, 100)
        ax.plot(grid, self.coefficient * grid**self.exponent, color=plotting.PALETTE["blue"],
                label=f"your line: {self.coefficient:.3g}·x^{self.exponent:.2f}")
        ax.plot([self.middle], [self.height], "s", color=plotting.PALETTE["blue"], label="pivot")
        ax.legend()


def line_match(exponent, middle_value, *, x, y) -> LineMatch:
    """The line of slope ``exponent`` (on log-log axes) through ``middle_value`` at the geometric
    middle of the data's x range, and how far it lies from the points ``(x, y)``.

    Pivoting at the middle makes the two inputs independent: the exponent tilts the line about
    the middle of the data, the height moves it up and down. The distance is the root mean
    square of ``log10(y / line)``, raised back to a multiplier.

    Introduced in lesson 00.
    """
    k = _validate.real(exponent, "exponent")
    height = _validate.positive_float(middle_value, "middle_value")
    xs, ys = _validate.positive_arrays(x=x, y=y)
    middle = middle_of(xs)
    a = height * middle ** (-k)
    rms = float(np.sqrt(np.mean((np.log10(ys) - np.log10(a * xs**k)) ** 2)))
    return LineMatch(k, float(a), height, middle, rms, xs, ys)


@dataclass(frozen=True, repr=False)
class FloorGuess(Study):
    """Measurements with a guessed floor, and what is left above it.

    If the data follow ``y = floor + a·x^k``, subtracting the right floor leaves a pure power law:
    a straight line in log-log space. Attributes: ``floor``, ``slope`` and ``r2`` (straightness,
    R² of a line through ``log10(y − floor)`` against ``log10 x``).
    """

    floor: float
    slope: float
    intercept: float
    r2: float
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    panels = (1, 1)
    figsize = (9.5, 3.8)

    def __str__(self) -> str:
        return (f"floor guess {self.floor:.3f}: what is left above it has slope {self.slope:.3f} "
                f"and straightness R² = {self.r2:.4f} (1 is a perfect line)")

    def draw(self, ax):
        left, right = ax
        plotting.loglog_axes(xlabel="x", ylabel="y", title="measurements", ax=left)
        left.plot(self.x, self.y, "o", color=plotting.PALETTE["orange"])
        left.axhline(self.floor, color=plotting.PALETTE["vermillion"], linestyle="--",
                     label=f"floor guess {self.floor:.2f}")
        left.legend()
        rest = self.y - self.floor
        plotting.loglog_axes(xlabel="x", ylabel="y − floor", title="what is left above the floor",
                             ax=right)
        right.plot(self.x, rest, "o", color=plotting.PALETTE["orange"])
        right.plot(self.x, 10 ** (self.intercept + self.slope * np.log10(self.x)),
                   color=plotting.PALETTE["blue"], label=f"best line, slope {self.slope:.2f}")
        right.legend()


def floor_guess(floor, *, x, y) -> FloorGuess:
    """Subtract a guessed ``floor`` from ``y`` and fit a line to what is left, in log-log space.

    A floor too low leaves a curve that bends flat; a floor too high bends it down.

    Introduced in lesson 00.
    """
    xs, ys = _validate.positive_arrays(x=x, y=y)
    guess = _validate.nonnegative_float(floor, "floor")
    if guess >= ys.min():
        raise _validate.CourseValueError(
            f"the floor must lie below every measurement (the smallest is {ys.min():.3g}); "
            f"got {guess:.3g}."
        )
    log_x, log_rest = np.log10(xs), np.log10(ys - guess)
    slope, intercept = np.polyfit(log_x, log_rest, 1)
    fitted = intercept + slope * log_x
    total = np.sum((log_rest - log_rest.mean()) ** 2)
    r2 = 1.0 - np.sum((log_rest - fitted) ** 2) / total
    return FloorGuess(guess, float(slope), float(intercept), float(r2), xs, ys)
