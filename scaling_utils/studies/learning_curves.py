"""Lesson 02: the lesson's learning curve, fit windows, and fits inside a window."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, laws, plotting, simulate
from ._base import Study

__all__ = ["learning_curve_sample", "window_mask", "check_window", "LearningCurveFit",
           "learning_curve_fit"]


def learning_curve_sample(exponent=-0.35, floor=0.05, noise=0.03, *, seed=0):
    r"""The measurements of lesson 02's dashboard: a three-region learning curve at 29 sizes.

    The curve is :class:`scaling_utils.laws.LearningCurve`, the course's smooth join of the three
    regions Hestness et al. (2017, arXiv:1712.00409) sketch,

    .. math:: \varepsilon(D) = E + \Bigl[(g - E)^{-s} + (a D^{k})^{-s}\Bigr]^{-1/s},

    with best-guess error ``g = 0.9``, sharpness ``s = 3`` and a coefficient chosen so that the
    small-data region ends near ``D = 10²`` whatever the exponent (``a·D^k = 0.9`` at
    ``D = 10²``); 29 sizes from 10 to 10⁹, each measurement off by a multiplicative noise of
    relative size ``noise`` (:func:`scaling_utils.simulate.noisy_observations`).

    Parameters
    ----------
    exponent : float, default -0.35
        ``k`` (< 0).
    floor : float, default 0.05
        ``E``, the irreducible error (≥ 0, below 0.9).
    noise : float, default 0.03
        The relative scatter of a measurement (≥ 0; 0.03 for about 3 %).
    seed : int, default 0
        The seed of the noise.

    Returns
    -------
    (law, sizes, errors) : LearningCurve, numpy.ndarray, numpy.ndarray

    Raises
    ------
    CourseValueError
        When ``exponent`` is not a negative number, ``floor`` is negative or not below the
        best-guess error 0.9, ``noise`` is negative, or ``seed`` is not a valid seed.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> law, sizes, errors = studies.learning_curve_sample()
    >>> sizes.size, f"{sizes[0]:g}", f"{sizes[-1]:g}", f"{law.exponent:.2f}"
    (29, '10', '1e+09', '-0.35')
    >>> f"{law.coefficient:.4g}", f"{law(1e9):.4g}"     # 0.9 · 100^0.35; near the floor at 10⁹
    ('4.511', '0.05319')

    Introduced in lesson 02.
    """
    k = _validate.real(exponent, "exponent")
    if k >= 0:
        raise _validate.CourseValueError(f"exponent must be negative (error falls with data); "
                                         f"got {k:g}.")
    coefficient = 0.9 * 1e2 ** (-k)
    law = laws.LearningCurve(best_guess=0.9, coefficient=coefficient, exponent=k,
                             floor=_validate.nonnegative_float(floor, "floor"), sharpness=3.0)
    sizes = np.geomspace(10, 1e9, 29)
    errors = simulate.noisy_observations(law, sizes, relative_noise=noise, seed=seed)
    return law, sizes, errors


def check_window(window, *, low_limit=1.0, high_limit=9.0) -> tuple[float, float]:
    """``window`` as two powers of ten ``(low, high)`` with ``low_limit ≤ low < high ≤ high_limit``.

    Parameters
    ----------
    window : (float, float)
        The exponents of the window's ends: ``(3, 6)`` for sizes from 10³ to 10⁶.
    low_limit, high_limit : float, default 1.0 and 9.0
        The range the window must lie in (lesson 02's sizes run from 10 to 10⁹).

    Returns
    -------
    (float, float)

    Raises
    ------
    CourseValueError
        When ``window`` is not two finite numbers, or not ordered and inside the limits.

    Examples
    --------
    >>> from scaling_utils.studies.learning_curves import check_window
    >>> check_window((3, 6))
    (3.0, 6.0)
    >>> try:
    ...     check_window((6, 3))
    ... except ValueError as error:
    ...     print(error)
    window must be two powers of ten with 1 ≤ low < high ≤ 9; got (6, 3).

    Introduced in lesson 02.
    """
    example = "(3, 6) for sizes from 10³ to 10⁶"
    if isinstance(window, (str, bytes)) or not hasattr(window, "__len__"):
        raise _validate.CourseValueError(
            f"window must be two powers of ten in parentheses, e.g. {example}; got {window!r}.")
    if len(window) != 2:
        raise _validate.CourseValueError(
            f"window needs exactly two numbers, low and high, e.g. {example}; got "
            f"{len(window)}: {tuple(window)!r}.")
    low = _validate.real(window[0], "the window's low end")
    high = _validate.real(window[1], "the window's high end")
    if not low_limit <= low < high <= high_limit:
        raise _validate.CourseValueError(
            f"window must be two powers of ten with {low_limit:g} ≤ low < high ≤ "
            f"{high_limit:g}; got ({low:g}, {high:g}).")
    return low, high


def window_mask(sizes, window):
    """Which of ``sizes`` lie in ``window = (low, high)``, given as powers of ten (edges included).

    A size ``D`` is inside when ``10^low ≤ D ≤ 10^high``, with a margin of 0.1 % at each edge so
    that a size meant to sit on an edge (``np.geomspace`` rounds) is counted in.

    Parameters
    ----------
    sizes : array_like
        The sizes (> 0).
    window : (float, float)
        The exponents of the window's ends, low < high: ``(3, 6)`` for 10³ to 10⁶.

    Returns
    -------
    numpy.ndarray of bool, one per size

    Raises
    ------
    CourseValueError
        When ``window`` is not two ordered numbers, or a size is not a positive finite number.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> studies.window_mask([10, 100, 1000, 10000], (2, 3)).tolist()
    [False, True, True, False]

    Introduced in lesson 02.
    """
    low, high = check_window(window, low_limit=-np.inf, high_limit=np.inf)
    values = _validate.positive_array(sizes, "sizes")
    return (values >= 10**low * 0.999) & (values <= 10**high * 1.001)


@dataclass(frozen=True, repr=False)
class LearningCurveFit(Study):
    """Two fits of a learning curve inside a window of sizes, extrapolated to ``target``.

    ``pure`` is a power law fitted in log space, ``floored`` one with an irreducible floor (both
    :class:`scaling_utils.fitting.PowerLawFit`); ``truth_at_target`` is the true error at
    ``target``; ``notes`` the fits' warnings. Computed by :func:`learning_curve_fit`; the view of
    lesson 02's dashboard.

    Attributes
    ----------
    law : LearningCurve
        The truth.
    sizes, errors : numpy.ndarray
        Every measurement (:func:`learning_curve_sample`).
    window : (float, float)
        The fit window, as powers of ten.
    inside : numpy.ndarray of bool
        Which measurements lie in the window (:func:`window_mask`).
    pure, floored : PowerLawFit
        The fits without and with a floor.
    target : float
        The size to extrapolate to.
    notes : tuple of str
        The fits' warnings, each once.
    truth_at_target : float
        The true error at ``target``.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.learning_curve_fit(window=(3, 6))
    >>> print(str(study).splitlines()[0])
    truth: exponent -0.350, floor 0.05; window 10^3–10^6 (11 points)
    >>> f"{study.pure.exponent:.3f}", f"{study.relative_miss(study.pure):.2f}"
    ('-0.246', '-0.74')

    Introduced in lesson 02.
    """

    law: object
    sizes: np.ndarray = field(repr=False)
    errors: np.ndarray = field(repr=False)
    window: tuple
    inside: np.ndarray = field(repr=False)
    pure: object
    floored: object
    target: float
    notes: tuple
    panels = (1.6, 1)
    figsize = (10, 3.9)

    @property
    def truth_at_target(self) -> float:
        """The true error at ``target``."""
        return float(self.law(self.target))

    def relative_miss(self, fit) -> float:
        """How far ``fit``'s prediction at ``target`` is from the truth, as a fraction.

        ``fit.predict(target) / law(target) − 1``: −0.74 means 74 % too low.

        Parameters
        ----------
        fit : PowerLawFit
            ``pure`` or ``floored`` (any object with ``predict``).

        Returns
        -------
        float

        Raises
        ------
        Nothing of its own.

        Examples
        --------
        >>> from scaling_utils import studies
        >>> study = studies.learning_curve_fit(window=(3, 6))
        >>> f"{study.relative_miss(study.pure):+.2f}", study.relative_miss(study.floored) > 0
        ('-0.74', True)

        Introduced in lesson 02.
        """
        return float(fit.predict(self.target) / self.truth_at_target - 1)

    def __str__(self) -> str:
        low, high = self.window
        pure, floored, law, target = self.pure, self.floored, self.law, self.target

        def miss(fit):
            return f"{fit.predict(target):.4g} ({100 * self.relative_miss(fit):+.1f}%)"

        return (
            f"truth: exponent {law.exponent:.3f}, floor {law.floor:.3g}; window "
            f"10^{low:g}–10^{high:g} ({int(self.inside.sum())} points)\n"
            f"pure power law : exponent {pure.exponent:.3f} ± {pure.exponent_stderr:.3f}\n"
            f"with a floor   : exponent {floored.exponent:.3f} ± {floored.exponent_stderr:.3f}, "
            f"floor {floored.irreducible if floored.irreducible > 1e-9 else 0:.3g}\n"
            f"at D = {target:.0e}: true error {self.truth_at_target:.4g}; pure fit predicts "
            f"{miss(pure)}, floor fit predicts {miss(floored)}"
            + "".join(f"\n{note}" for note in self.notes)
        )

    def draw(self, ax):
        """Draw two panels: left, the measurements, the window, the truth and both fits out to
        10⁹; right, the residuals ``ln(measured / pure fit)`` inside the window, where curvature
        the pure power law misses shows up as a pattern.

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
        >>> study = studies.learning_curve_fit(window=(3, 6))
        >>> fig, (left, right) = study.new_figure()
        >>> study.draw((left, right))
        >>> [text.get_text() for text in left.get_legend().get_texts()][:3], right.get_title()
        (['fit window', 'measured', 'truth'], 'residuals of the pure fit')
        >>> plt.close(fig)

        Introduced in lesson 02.
        """
        left, right = ax
        low, high = self.window
        sizes, errors, inside = self.sizes, self.errors, self.inside
        plotting.loglog_axes(xlabel="training samples D", ylabel="test error", ax=left)
        left.axvspan(10**low, 10**high, color=plotting.PALETTE["sky"], alpha=0.15,
                     label="fit window")
        left.plot(sizes, errors, "o", color=plotting.PALETTE["orange"], markersize=4,
                  label="measured")
        grid = np.geomspace(10, 1e9, 120)
        left.plot(grid, self.law(grid), color="0.5", linewidth=1, label="truth")
        left.plot(grid, self.pure.predict(grid), color=plotting.PALETTE["blue"], linestyle="--",
                  label=f"pure power law, k = {self.pure.exponent:.3f}")
        left.plot(grid, self.floored.predict(grid), color=plotting.PALETTE["green"],
                  label=f"with a floor, k = {self.floored.exponent:.3f}")
        left.set_ylim(max(errors.min() / 3, 1e-4), 1.5)
        left.legend(fontsize=8, loc="lower left")
        residuals = np.log(errors[inside]) - np.log(self.pure.predict(sizes[inside]))
        plotting.new_axes(xlabel="training samples D", ylabel="ln(measured / pure fit)",
                          title="residuals of the pure fit", ax=right)
        right.set_xscale("log")
        right.xaxis.set_major_formatter(plotting.log_tick_formatter())
        right.xaxis.set_minor_formatter(plotting.log_tick_formatter())
        right.axhline(0, color="0.4", linewidth=1)
        right.plot(sizes[inside], residuals, "o-", color=plotting.PALETTE["blue"], markersize=4)


@lru_cache(maxsize=256)
def _fits(exponent, floor, noise, low, high, seed):
    from .. import fitting

    law, sizes, errors = learning_curve_sample(exponent, floor, noise, seed=seed)
    inside = window_mask(sizes, (low, high))
    if inside.sum() < 4:
        raise _validate.CourseValueError("the window holds fewer than 4 measurements; widen it.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pure = fitting.fit_power_law(sizes[inside], errors[inside])
        floored = fitting.fit_power_law(sizes[inside], errors[inside], irreducible=True)
    notes = tuple(sorted({str(w.message) for w in caught}))
    return law, sizes, errors, inside, pure, floored, notes


def learning_curve_fit(exponent=-0.35, floor=0.05, noise=0.03, window=(3.0, 6.0), *,
                       target=1e9, seed=0) -> LearningCurveFit:
    """Fit the lesson-02 learning curve inside ``window`` and extrapolate to ``target``.

    Two fits (:func:`scaling_utils.fitting.fit_power_law`): a pure power law ``y = a·D^k`` in log
    space, and one with an irreducible floor, ``y = E + a·D^k``. The measurements come from
    :func:`learning_curve_sample`. Lesson 02's point: a window that reaches into the small-data
    or the irreducible region bends the pure fit, and its extrapolation misses. The fits are
    cached by their arguments (the dashboard asks for the same setting again and again). Their
    :class:`~scaling_utils.FitWarning` messages are not raised but kept in ``notes`` and shown
    in the readout.

    Parameters
    ----------
    exponent, floor, noise : float
        The truth and its scatter, as in :func:`learning_curve_sample` (defaults -0.35, 0.05,
        0.03).
    window : (float, float), default (3.0, 6.0)
        The fit window, as powers of ten between 1 and 9 (at least 4 measurements inside).
    target : float, default 1e9
        The size to extrapolate to (> 0).
    seed : int, default 0
        The seed of the noise.

    Returns
    -------
    LearningCurveFit

    Raises
    ------
    CourseValueError
        When ``window`` is not two ordered numbers between 1 and 9 or holds fewer than 4
        measurements, ``target`` is not > 0, or an argument of :func:`learning_curve_sample`
        is out of its range.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> narrow = studies.learning_curve_fit(window=(3, 6))
    >>> late = studies.learning_curve_fit(window=(6, 9))
    >>> for study in (narrow, late):
    ...     print(f"{study.window}: pure fit misses by {study.relative_miss(study.pure):+.1%}")
    (3.0, 6.0): pure fit misses by -74.2%
    (6.0, 9.0): pure fit misses by -6.5%

    Introduced in lesson 02.
    """
    low, high = check_window(window)
    k = _validate.real(exponent, "exponent")
    f = _validate.nonnegative_float(floor, "floor")
    s = _validate.nonnegative_float(noise, "noise")
    t = _validate.positive_float(target, "target")
    law, sizes, errors, inside, pure, floored, notes = _fits(k, f, s, low, high,
                                                             _validate.seed_value(seed))
    return LearningCurveFit(law, sizes, errors, (low, high), inside, pure, floored, t, notes)
