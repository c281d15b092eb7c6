"""Exercises of lesson 02: power laws and learning curves."""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np

from .. import fitting, laws, references, simulate, studies
from . import (CORRECT, NOT_ANSWERED, NOT_YET, Feedback, _plural, _shown, check_choice,
               check_function, check_number)
from .lesson00 import Measurements

__all__ = [
    "HALVING_DOMAIN",
    "data_to_halve_error",
    "sweep",
    "fitted_exponent",
    "WINDOW_TASK",
    "WINDOW_EXAMPLE",
    "good_window",
    "EXTRAPOLATION_TASK",
    "LETTERS",
    "extrapolation_outcome",
    "slope_function",
]

# Exercise 1 -----------------------------------------------------------------------------------
#: Exercise 1's domain: its exponent is
#: ``getattr(references.HESTNESS_2017, HALVING_DOMAIN)``.
HALVING_DOMAIN = "machine_translation"


def data_to_halve_error(answer):
    """Exercise 1: the factor of data that halves the error with Hestness's translation exponent.

    With error ∝ D^k, multiplying D by f multiplies the error by f^k. The reference solves
    ``f^k = 1/2``, ``f = 2^(−1/k)`` (:meth:`scaling_utils.laws.PowerLaw.solve`), with k the
    learning-curve exponent of :data:`HALVING_DOMAIN` in
    :data:`scaling_utils.references.HESTNESS_2017` (Hestness et al. 2017, §4.1), accepted within
    1 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 1 % (``.status`` ``'correct'``); otherwise ``.status`` is
        ``'not yet'`` or ``'not answered yet'`` and ``.message`` says why, naming three slips:
        ``2^k`` (what doubling the data does), the reciprocal, and ``1/|k|``. ``.hint`` holds the
        folded hint (``''`` when correct).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils import references
    >>> from scaling_utils.checks import lesson02
    >>> lesson02.data_to_halve_error(None).status
    'not answered yet'
    >>> k = getattr(references.HESTNESS_2017, lesson02.HALVING_DOMAIN)
    >>> result = lesson02.data_to_halve_error(2**k)
    >>> result.correct, result.message.startswith("That is how much the error changes")
    (False, True)

    Introduced in lesson 02.
    """
    k = getattr(references.HESTNESS_2017, HALVING_DOMAIN)
    law = laws.PowerLaw(1.0, k)
    expected = law.solve(0.5)  # error(D·f)/error(D) = f^k = 1/2
    return check_number(
        answer, expected, exercise="Exercise 1 — data to halve the error", rtol=0.01,
        mistakes=[(2 ** k, "That is how much the error changes when the data double; the "
                           "question runs the other way: solve f^k = 1/2 for f."),
                  (1 / expected, "That factor shrinks the data; the exponent is negative, so "
                                 "f = 2^(−1/k) is large."),
                  (-1 / k, "1/|k| is not the factor: the factor is 2 raised to that power.")],
        hint="If error ∝ D^k, multiplying D by f multiplies the error by f^k. Solve f^k = 1/2.",
    )


# Exercise 2 -----------------------------------------------------------------------------------
_SWEEP_LAW = laws.PowerLaw(coefficient=4.2, exponent=-0.27)
_SWEEP_X = np.geomspace(1e4, 1e7, 10)


def sweep() -> Measurements:
    """Ten noisy measurements from the power-law region of a learning curve (Exercise 2).

    Ten sizes from 10⁴ to 10⁷, evenly spaced on a log axis, each measurement off by a
    multiplicative noise of 4 % around a pure power law
    (:func:`scaling_utils.simulate.noisy_observations`, fixed seed).

    Returns
    -------
    Measurements
        The points to fit; a workbook prints them.

    Examples
    --------
    >>> from scaling_utils.checks import lesson02
    >>> data = lesson02.sweep()
    >>> data.x.size, float(data.x.min()), float(data.x.max())
    (10, 10000.0, 10000000.0)

    Introduced in lesson 02.
    """
    y = simulate.noisy_observations(_SWEEP_LAW, _SWEEP_X, relative_noise=0.04, seed=22)
    return Measurements(_SWEEP_X, y)


@lru_cache(maxsize=1)
def _sweep_fits():
    """The right exponent of :func:`sweep` and the slips Exercise 2 recognises (computed once)."""
    data = sweep()
    fit = fitting.fit_power_law(data.x, data.y)
    log_x, log_y = np.log(data.x), np.log(data.y)
    return {"fit": fit,
            "linear_slope": float(np.polyfit(data.x, data.y, 1)[0]),
            "two_point": float((log_y[-1] - log_y[0]) / (log_x[-1] - log_x[0])),
            "reversed_fit": float(1.0 / np.polyfit(log_y, log_x, 1)[0]),
            "raw_space": _raw_space_exponent(data.x, data.y, fit)}


def fitted_exponent(answer):
    """Exercise 2: the least-squares exponent of :func:`sweep`, fitted in log space.

    The reference is the exponent of :func:`scaling_utils.fitting.fit_power_law` on the ten points:
    the slope of the least-squares line through ``(ln D, ln ε)`` (the log-space fit of Hestness et
    al. 2017, §3), accepted within ±0.002. It is the fit's value, not the exponent of the law the
    points were drawn from.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ±0.002; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming six slips computed from the same
        points: the slope on linear axes, the intercept (``ln a`` or ``log₁₀ a``), the slope through
        the first and last points, the regression of log x on log y, and a least-squares fit to the
        raw values (scipy's ``curve_fit``). ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils.checks import lesson02
    >>> data = lesson02.sweep()
    >>> linear_slope = np.polyfit(data.x, data.y, 1)[0]
    >>> lesson02.fitted_exponent(linear_slope).message
    'That is the slope of a straight line on linear axes. Fit log y against log x.'

    Introduced in lesson 02.
    """
    fits = _sweep_fits()
    fit, linear_slope, two_point = fits["fit"], fits["linear_slope"], fits["two_point"]
    reversed_fit, raw_space = fits["reversed_fit"], fits["raw_space"]
    return check_number(
        answer, fit.exponent, exercise="Exercise 2 — fit the exponent", atol=0.002,
        mistakes=[(linear_slope, "That is the slope of a straight line on linear axes. Fit "
                                 "log y against log x."),
                  (np.log(fit.coefficient), "That is the intercept, ln a; the exponent is the "
                                            "slope."),
                  (np.log10(fit.coefficient), "That is the intercept, log₁₀ a; the exponent is "
                                              "the slope."),
                  (two_point, "That is the slope through the first and last points only; a "
                              "least-squares fit uses all ten."),
                  (reversed_fit, "That comes from regressing log x on log y: the regression "
                                 "must predict log y from log x."),
                  (raw_space, "That looks like a least-squares fit of a·x^k to the raw values "
                              "(e.g. scipy's curve_fit): there the largest errors, at small D, "
                              "dominate. Fit the logarithms, where the scatter is even.")],
        hint="fitting.fit_power_law(data.x, data.y).exponent, or np.polyfit on the logarithms.",
    )


def _raw_space_exponent(x, y, start) -> float:
    """The exponent of ``a·x^k`` fitted by least squares to the raw ``y`` (the slip of Exercise 2)."""
    from scipy.optimize import curve_fit

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            (_, k), _ = curve_fit(lambda x, a, k: a * x**k, x, y,
                                  p0=(start.coefficient, start.exponent), maxfev=10000)
        return float(k)
    except Exception:  # no raw-space optimum found: no such slip to recognise
        return float("nan")


# Exercise 3: a window that recovers the exponent (dashboard) ----------------------------------
#: Exercise 3's truth (exponent, floor and noise of lesson 02's learning curve) and
#: what a window must achieve: at least ``min_decades`` wide, the floor fit's
#: exponent within ``exponent_tolerance`` of the truth and its prediction at
#: ``target`` within ``prediction_tolerance`` (a fraction).
WINDOW_TASK = {"exponent": -0.35, "floor": 0.05, "noise": 0.03, "min_decades": 2.0,
               "exponent_tolerance": 0.02, "prediction_tolerance": 0.08, "target": 1e9}
#: The format example of Exercise 3, and where its dashboard starts: a window that fails.
WINDOW_EXAMPLE = (4, 6)


def _window_result(window):
    task = WINDOW_TASK
    law, sizes, errors = studies.learning_curve_sample(task["exponent"], task["floor"],
                                                      task["noise"])
    inside = studies.window_mask(sizes, window)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", fitting.FitWarning)
        fit = fitting.fit_power_law(sizes[inside], errors[inside], irreducible=True)
    miss = fit.predict(task["target"]) / law(task["target"]) - 1
    return fit, miss


def good_window(answer):
    """Exercise 3: a fit window ``(low, high)`` in log₁₀ D where the floor fit gets both the
    exponent and the prediction at 10⁹ right.

    The data are lesson 02's dashboard sample, :func:`scaling_utils.studies.learning_curve_sample`
    with the truth of :data:`WINDOW_TASK`. The checker fits ``y = E + a·D^k``
    (:func:`scaling_utils.fitting.fit_power_law` with ``irreducible=True``) to the points inside
    the window (edges included, :func:`scaling_utils.studies.window_mask`) and accepts a window at
    least ``min_decades`` wide whose fit has its exponent within ``exponent_tolerance`` of the
    truth and its prediction at ``target`` within ``prediction_tolerance`` of the true curve.
    Several windows pass.

    Parameters
    ----------
    answer : tuple of two numbers
        What the learner types: ``(low, high)``, the window's edges as powers of ten, low first,
        both between 1 and 9 (:data:`WINDOW_EXAMPLE` shows the format, and fails). A list or an
        array of two numbers works too. ``...`` or None is "not answered yet"; anything else (text,
        one number, three numbers, edges out of order or out of range, a window too narrow) is
        "not yet", saying what to change.

    Returns
    -------
    Feedback
        ``'correct'`` when both the exponent and the prediction pass; otherwise ``'not yet'`` or
        ``'not answered yet'``, and ``.message`` says which test fails (the exponent too shallow or
        too steep, or the prediction too far off). Once a fit was made, ``.details`` holds one line
        with its exponent, floor and the prediction's miss, as the dashboard shows them. ``.hint``
        holds the folded hint (``''`` when correct).

    Warns
    -----
    Nothing: the fit's FitWarnings are silenced; ``.details`` shows the fit instead.

    Raises
    ------
    Nothing: any input gives a Feedback (a window the fit cannot use is reported in the message).

    Examples
    --------
    >>> from scaling_utils.checks import lesson02
    >>> lesson02.good_window(lesson02.WINDOW_EXAMPLE).correct
    False
    >>> lesson02.good_window((4, 5)).message
    'The window spans 1 decade; make it at least 2 decades wide.'
    >>> lesson02.good_window("4-6").status
    'not yet'

    Introduced in lesson 02.
    """
    name = "Exercise 3 — a window you can trust"
    hint = ("Look at the fit with a floor. Its window must start after the small-data bend and "
            "reach far enough right for the floor to show.")
    task = WINDOW_TASK
    if answer is Ellipsis or answer is None:
        return Feedback(name, NOT_ANSWERED, "Set answer = (low, high), the window's edges as "
                                            f"powers of ten, e.g. {WINDOW_EXAMPLE}.", hint=hint)
    edges = None
    if not isinstance(answer, (str, bytes, dict)):
        try:
            edges = [float(v) for v in answer]
        except Exception:
            edges = None
    if edges is None or len(edges) != 2:
        return Feedback(name, NOT_YET, f"The answer is two numbers, (low, high), e.g. "
                                       f"{WINDOW_EXAMPLE}; got {_shown(answer)}.", hint=hint)
    low, high = edges
    if not 1 <= low < high <= 9:
        return Feedback(name, NOT_YET, "Both edges lie between 1 and 9 (powers of ten), low "
                                       "first.", hint=hint)
    if high - low < task["min_decades"]:
        return Feedback(name, NOT_YET, f"The window spans {_plural(high - low, 'decade')}; make "
                                       f"it at least {_plural(task['min_decades'], 'decade')} "
                                       f"wide.", hint=hint)
    try:
        fit, miss = _window_result((low, high))
    except Exception as error:  # a window the fit cannot use
        return Feedback(name, NOT_YET, f"The fit cannot use this window: {error}", hint=hint)
    off = fit.exponent - task["exponent"]
    floor = fit.irreducible if fit.irreducible > 1e-9 else 0.0
    details = (f"floor fit: exponent {fit.exponent:.3f} (truth {task['exponent']}), "
               f"floor {floor:.3g}, prediction at 10^9 off by {100 * miss:+.1f}%",)
    if abs(off) > task["exponent_tolerance"]:
        why = ("The exponent is too shallow: is the window still in the small-data bend, or "
               "does it stop before the floor shows?" if off > 0 else
               "The exponent is too steep: the floor is poorly pinned down in this window.")
        return Feedback(name, NOT_YET, why, hint=hint, details=details)
    if abs(miss) > task["prediction_tolerance"]:
        return Feedback(name, NOT_YET, f"The exponent is right, but the prediction at 10^9 misses "
                                       f"by more than {task['prediction_tolerance']:.0%}: the "
                                       f"floor is not pinned down.", hint=hint, details=details)
    return Feedback(name, CORRECT, f"Window 10^{low:g}–10^{high:g} recovers the exponent within "
                                   f"{task['exponent_tolerance']} and the prediction within "
                                   f"{task['prediction_tolerance']:.0%}.", details=details)


# Exercise 4: extrapolating from a short window (dashboard) ------------------------------------
#: Exercise 4's window (edges as powers of ten) and the size the fits
#: predict at; the truth is :data:`WINDOW_TASK`'s.
EXTRAPOLATION_TASK = {"window": (1.0, 5.0), "target": 1e9}
#: The options' letters: a workbook binds A, B, C, D to them, so ``answer = C`` works unquoted.
LETTERS = ("A", "B", "C", "D")
_OUTCOMES = {
    "A": "the pure power law predicts the error at 10^9 within 10%",
    "B": "the fit with a floor predicts it within 10%",
    "C": "both fits predict far too low an error (more than 50% too low)",
    "D": "both fits predict far too high an error (more than 50% too high)",
}


def _outcome() -> str:
    law, sizes, errors = studies.learning_curve_sample(WINDOW_TASK["exponent"],
                                                      WINDOW_TASK["floor"], WINDOW_TASK["noise"])
    inside = studies.window_mask(sizes, EXTRAPOLATION_TASK["window"])
    target = EXTRAPOLATION_TASK["target"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", fitting.FitWarning)
        misses = [fitting.fit_power_law(sizes[inside], errors[inside], irreducible=f)
                  .predict(target) / law(target) - 1 for f in (False, True)]
    if abs(misses[0]) < 0.1:
        return "A"
    if abs(misses[1]) < 0.1:
        return "B"
    return "C" if max(misses) < -0.5 else "D"


def extrapolation_outcome(answer):
    """Exercise 4: what happens when the window is 10¹–10⁵ and we predict 10⁹.

    The checker fits the sample of :func:`good_window` inside ``EXTRAPOLATION_TASK["window"]``,
    with and without a floor (:func:`scaling_utils.fitting.fit_power_law`), and compares each
    prediction at ``EXTRAPOLATION_TASK["target"]`` with the true curve. The right letter follows
    from those two misses: A when the pure power law is within 10 %, otherwise B when the floor
    fit is, otherwise C when both are more than 50 % too low, otherwise D.

    Parameters
    ----------
    answer : str
        What the learner sets: one of :data:`LETTERS`, as text or through the names the workbook
        binds to them (``answer = C``); case, spaces and brackets do not matter. ``...`` or None is
        "not answered yet"; anything else is "not yet", listing the letters.

    Returns
    -------
    Feedback
        ``'correct'`` with an explanation of what the two fits do; for another letter,
        ``'not yet'`` with what to look at in the dashboard's readout. ``.correct`` is True for
        the first only; ``.hint`` holds the folded hint.

    Warns
    -----
    Nothing: the fits' FitWarnings are silenced.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson02
    >>> lesson02.extrapolation_outcome(...).status
    'not answered yet'
    >>> lesson02.extrapolation_outcome("E").message
    "'E' is not one of the options 'A', 'B', 'C', 'D'."

    Introduced in lesson 02.
    """
    correct = _outcome()
    why = {
        "A": "Look at the readout: the pure power law misses badly at 10^9.",
        "B": "Look at the readout: with this window the floor fit finds no floor at all (it "
             "warns that the floor sits at 0), so it is the same line as the pure fit.",
        "C": "Right. The window starts on the small-data plateau, which bends the data the "
             "opposite way to a floor; the floor fit cannot model a plateau, sets its floor to 0 "
             "and becomes the same straight line as the pure fit. A straight line keeps falling, "
             "while the true curve levels off at its floor: at 10^9 both predict far too little.",
        "D": "Look at the sign of the misses in the readout.",
    }
    task = WINDOW_TASK
    return check_choice(answer, correct, exercise="Exercise 4 — extrapolating too far",
                        options=_OUTCOMES, why=why,
                        hint=f"Keep the truth at exponent {task['exponent']}, floor "
                             f"{task['floor']} and noise {task['noise']}, set the window to 1–5 "
                             f"in the dashboard and read the last line of the readout.")


# Exercise 5: write the fit --------------------------------------------------------------------
def _package_slope(x, y):
    return fitting.fit_power_law(x, y).exponent


def slope_function(func):
    """Exercise 5: ``func(x, y)`` returns the least-squares exponent in log-log space.

    The learner's function is called on four noisy power laws (8 to 11 sizes from 1 to 10⁵,
    multiplicative noise of 5 %, fixed seeds) and compared with the exponent of
    :func:`scaling_utils.fitting.fit_power_law`, the slope of the least-squares line through
    ``(ln x, ln y)``, to a relative 10⁻⁶ (:func:`~scaling_utils.checks.check_function`).

    Parameters
    ----------
    func : callable
        What the learner passes: their function, by name, taking the arrays ``x`` and ``y`` and
        returning one number. The template's body (``raise NotImplementedError``), ``...`` or None
        is "not answered yet"; anything that is not callable is "not yet".

    Returns
    -------
    Feedback
        ``'correct'`` when the function agrees on all four; otherwise ``'not yet'`` or
        ``'not answered yet'``, and ``.message`` names the first call that differs and what it
        did: a wrong value (naming three slips: the slope through the first and last points, the
        slope on linear axes, the regression of log x on log y), the whole ``np.polyfit`` result,
        None, an exception. ``.hint`` holds the folded hint.

    Warns
    -----
    Nothing of its own; warnings that the learner's function issues show as usual.

    Raises
    ------
    Nothing for any ``func``: whatever it raises is reported in the Feedback (only
    KeyboardInterrupt passes through; see :func:`~scaling_utils.checks.check_function`).

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils.checks import lesson02
    >>> def log_slope(x, y):
    ...     return np.polyfit(x, y, 1)[0]
    >>> result = lesson02.slope_function(log_slope)
    >>> result.correct, "linear axes" in result.message
    (False, True)

    Introduced in lesson 02.
    """
    cases = []
    for seed, (a, k) in enumerate([(3.0, -0.5), (10.0, -0.1), (0.5, 0.3), (2.0, -1.2)]):
        x = np.geomspace(1, 1e5, 8 + seed)
        cases.append((x, simulate.noisy_observations(laws.PowerLaw(a, k), x,
                                                     relative_noise=0.05, seed=seed)))
    slips = [
        (lambda x, y: (np.log(y[-1]) - np.log(y[0])) / (np.log(x[-1]) - np.log(x[0])),
         "That is the slope through the first and last points only; a least-squares fit uses "
         "every point."),
        (lambda x, y: np.polyfit(x, y, 1)[0],
         "That is the slope of a straight line on linear axes: fit the logarithms, "
         "np.log(x) and np.log(y)."),
        (lambda x, y: 1.0 / np.polyfit(np.log(y), np.log(x), 1)[0],
         "That regresses log x on log y: the fit must predict log y from log x, "
         "np.polyfit(np.log(x), np.log(y), 1)."),
    ]
    return check_function(func, _package_slope, cases, exercise="Exercise 5 — write the fit",
                          rtol=1e-6, mistakes=slips,
                          hint="np.polyfit(np.log(x), np.log(y), 1) returns (slope, intercept).")
