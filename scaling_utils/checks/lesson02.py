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
HALVING_DOMAIN = "machine_translation"


def data_to_halve_error(answer):
    """Exercise 1: the factor of data that halves the error with Hestness's translation exponent."""
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
    """Ten noisy measurements from the power-law region of a learning curve (Exercise 2)."""
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
    """Exercise 2: the least-squares exponent of :func:`sweep`, fitted in log space."""
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
    exponent and the prediction at 10⁹ right."""
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
        why = ("the exponent is too shallow: is the window still in the small-data bend, or "
               "does it stop before the floor shows?" if off > 0 else
               "the exponent is too steep: the floor is poorly pinned down in this window.")
        return Feedback(name, NOT_YET, f"Not yet: {why}", hint=hint, details=details)
    if abs(miss) > task["prediction_tolerance"]:
        return Feedback(name, NOT_YET, f"The exponent is right, but the prediction at 10^9 misses "
                                       f"by more than {task['prediction_tolerance']:.0%}: the "
                                       f"floor is not pinned down.", hint=hint, details=details)
    return Feedback(name, CORRECT, f"Window 10^{low:g}–10^{high:g} recovers the exponent within "
                                   f"{task['exponent_tolerance']} and the prediction within "
                                   f"{task['prediction_tolerance']:.0%}.", details=details)


# Exercise 4: extrapolating from a short window (dashboard) ------------------------------------
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
    """Exercise 4: what happens when the window is 10¹–10⁵ and we predict 10⁹."""
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
    """Exercise 5: ``func(x, y)`` returns the least-squares exponent in log-log space."""
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
