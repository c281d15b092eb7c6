"""Lesson 00: reading log-log plots — a line matched to points, and a guessed floor."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, plotting
from ._base import Study

__all__ = ["LineMatch", "line_match", "FloorGuess", "floor_guess", "middle_of"]


def middle_of(x) -> float:
    """The geometric middle of the x range: where a tilted line pivots in the matcher.

    ``sqrt(min(x) · max(x))``: the middle of the range on a log axis.

    Parameters
    ----------
    x : array_like
        Positive numbers (the caller validates them).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        From numpy, when ``x`` is empty or holds something that is not a number.

    Examples
    --------
    >>> from scaling_utils.studies.reading_plots import middle_of
    >>> middle_of([10, 50, 1000])
    100.0

    Introduced in lesson 00.
    """
    xs = np.asarray(x, dtype=float)
    return float(np.sqrt(xs.min() * xs.max()))


@dataclass(frozen=True, repr=False)
class LineMatch(Study):
    """A proposed line ``y = coefficient · x^exponent`` against measured points.

    Computed by :func:`line_match`; the view of lesson 00's power-law matcher.

    Attributes
    ----------
    exponent, coefficient : float
        The line ``y = coefficient · x^exponent``.
    height : float
        The line's value at ``middle``.
    middle : float
        The geometric middle of the x range, ``sqrt(min(x)·max(x))``.
    rms_log10 : float
        The root mean square of ``log10(y / line)`` over the points.
    typical_factor : float
        ``10**rms_log10``: by what factor a typical point lies off the line (1.000 is a perfect
        match).
    x, y : numpy.ndarray
        The points.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> match = studies.line_match(-0.5, 0.95, x=[1, 10, 100], y=[3.0, 0.95, 0.3])
    >>> print(match)
    your line: y = 3 · x^-0.50  (height 0.95 at x = 10)
    typical distance to the points: ×1.001   (1.000 would be a perfect match)

    Introduced in lesson 00.
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
        """``10**rms_log10``: the typical factor between a point and the line."""
        return float(10**self.rms_log10)

    def __str__(self) -> str:
        return (f"your line: y = {self.coefficient:.3g} · x^{self.exponent:.2f}  "
                f"(height {self.height:.3g} at x = {self.middle:.3g})\n"
                f"typical distance to the points: ×{self.typical_factor:.3f}   "
                f"(1.000 would be a perfect match)")

    def draw(self, ax):
        """Draw the points, the line and its pivot on log-log axes.

        Parameters
        ----------
        ax : matplotlib Axes

        Returns
        -------
        None

        Raises
        ------
        Nothing of its own.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import studies
        >>> match = studies.line_match(-0.5, 0.95, x=[1, 10, 100], y=[3.0, 0.95, 0.3])
        >>> fig, ax = match.new_figure()
        >>> match.draw(ax)
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['measurements', 'your line: 3·x^-0.50', 'pivot']
        >>> plt.close(fig)

        Introduced in lesson 00.
        """
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
    the middle of the data, the height moves it up and down. With ``m = sqrt(min(x)·max(x))``
    the line is ``y = h·(x/m)^k``, i.e. coefficient ``a = h·m^(−k)``. The distance is the root
    mean square of ``log10(y / line)``, raised back to a multiplier.

    Parameters
    ----------
    exponent : float
        ``k``, the slope on log-log axes.
    middle_value : float
        ``h``, the line's value at the middle of the x range (> 0).
    x, y : array_like
        The points (all > 0, same length).

    Returns
    -------
    LineMatch

    Raises
    ------
    CourseValueError
        When ``exponent`` is not a finite number, ``middle_value`` is not > 0, or ``x`` and
        ``y`` hold a value ≤ 0, NaN or inf or differ in length.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> x, y = [1, 10, 100], [3.0, 0.95, 0.3]
    >>> match = studies.line_match(-0.3, 0.95, x=x, y=y)     # too shallow
    >>> f"{match.coefficient:.3g}", f"{match.typical_factor:.3f}"
    ('1.9', '1.456')
    >>> f"{studies.line_match(-0.5, 0.95, x=x, y=y).typical_factor:.3f}"
    '1.001'

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
    a straight line in log-log space. Computed by :func:`floor_guess`; the view of lesson 00's
    floor finder.

    Attributes
    ----------
    floor : float
        The guessed floor.
    slope, intercept : float
        The least-squares line ``log10(y − floor) = intercept + slope · log10 x``.
    r2 : float
        Its R², the straightness of what is left (1 is a perfect line).
    x, y : numpy.ndarray
        The measurements.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import studies
    >>> x = np.geomspace(1, 1e4, 9)
    >>> guess = studies.floor_guess(1.7, x=x, y=1.7 + 5 * x**-0.5)
    >>> guess.floor, f"{guess.slope:.3f}", f"{guess.r2:.4f}"
    (1.7, '-0.500', '1.0000')
    >>> print(str(guess).split(": ")[1])    # the readout, after "floor guess 1.700: "
    what is left above it has slope -0.500 and straightness R² = 1.0000 (1 is a perfect line)

    Introduced in lesson 00.
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
        """Draw two panels: the measurements with the floor, and what is left above it with its
        best line.

        Parameters
        ----------
        ax : (Axes, Axes)
            The left and right panels.

        Returns
        -------
        None

        Raises
        ------
        Nothing of its own.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import studies
        >>> guess = studies.floor_guess(0.5, x=[1, 10, 100, 1000], y=[3.0, 1.5, 0.9, 0.7])
        >>> fig, (left, right) = guess.new_figure()
        >>> guess.draw((left, right))
        >>> left.get_title(), right.get_ylabel()
        ('measurements', 'y − floor')
        >>> plt.close(fig)

        Introduced in lesson 00.
        """
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

    A floor too low leaves a curve that bends flat; a floor too high bends it down. The line is
    the least-squares fit of ``log10(y − floor)`` against ``log10 x``
    (``numpy.polyfit``), and its straightness is ``R² = 1 − SS_res / SS_tot`` on those logs.

    Parameters
    ----------
    floor : float
        The guess (≥ 0, below every measurement).
    x, y : array_like
        The measurements (all > 0, same length).

    Returns
    -------
    FloorGuess

    Raises
    ------
    CourseValueError
        When ``floor`` is negative or not below every ``y``, or ``x`` and ``y`` hold a value
        ≤ 0, NaN or inf or differ in length.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import studies
    >>> x = np.geomspace(1, 1e4, 9)
    >>> y = 1.7 + 5 * x**-0.5
    >>> for floor in (0.0, 1.0, 1.7):
    ...     guess = studies.floor_guess(floor, x=x, y=y)
    ...     print(f"floor {floor}: slope {guess.slope:.3f}, R² {guess.r2:.4f}")
    floor 0.0: slope -0.138, R² 0.8629
    floor 1.0: slope -0.218, R² 0.9142
    floor 1.7: slope -0.500, R² 1.0000

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
