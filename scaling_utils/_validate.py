"""Input checks shared by every public function of the package.

Each helper turns what a learner typed into a clean value or raises ``ValueError`` with a sentence
that names the argument, shows what was given, and says what to give instead. This is the lowest
layer of the package: it imports only numpy.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "CourseValueError",
    "real",
    "positive_int",
    "positive_float",
    "nonnegative_float",
    "positive_array",
    "seed_value",
    "scalar_or_array",
    "fraction",
    "positive_arrays",
]


class CourseValueError(ValueError):
    """Bad input to a function of the course: the message says what came and what to give.

    A subclass of ``ValueError``, so ``except ValueError`` still catches it. Dashboards catch only
    this type: an impossible setting shows as a sentence in the readout, while a bug inside a view
    (any other exception) still shows as a bug.
    """


def _describe(value) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def _as_real(value, name: str) -> float:
    """Return ``value`` as a Python float, refusing bools, strings, containers, NaN and inf."""
    if isinstance(value, (bool, np.bool_)):
        raise CourseValueError(f"{name} must be a number, not a boolean; got {_describe(value)}.")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not isinstance(value, numbers.Real):
        hint = ""
        if isinstance(value, str):
            hint = " Remove the quotes."
        elif isinstance(value, (list, tuple, np.ndarray)):
            hint = " Pass one number here, not a sequence."
        raise CourseValueError(f"{name} must be a single real number; got {_describe(value)}.{hint}")
    result = float(value)
    if np.isnan(result):
        raise CourseValueError(f"{name} is NaN; give a finite number.")
    if np.isinf(result):
        raise CourseValueError(f"{name} is infinite; give a finite number.")
    return result


def real(value, name: str) -> float:
    """``value`` as a finite float of any sign."""
    return _as_real(value, name)


def positive_float(value, name: str) -> float:
    """``value`` as a float that is finite and > 0."""
    result = _as_real(value, name)
    if result <= 0:
        raise CourseValueError(f"{name} must be greater than 0; got {result:g}.")
    return result


def nonnegative_float(value, name: str) -> float:
    """``value`` as a float that is finite and >= 0."""
    result = _as_real(value, name)
    if result < 0:
        raise CourseValueError(f"{name} must be 0 or more; got {result:g}.")
    return result


def fraction(value, name: str, *, open_low: bool = True, open_high: bool = True) -> float:
    """``value`` as a float in the interval (0, 1) (ends included when ``open_*`` is False)."""
    result = _as_real(value, name)
    low_ok = result > 0 if open_low else result >= 0
    high_ok = result < 1 if open_high else result <= 1
    if not (low_ok and high_ok):
        low = "(0" if open_low else "[0"
        high = "1)" if open_high else "1]"
        raise CourseValueError(f"{name} must lie in {low}, {high}; got {result:g}.")
    return result


def positive_int(value, name: str, *, minimum: int = 1) -> int:
    """``value`` as an int >= ``minimum``; whole floats such as ``1e3`` are accepted."""
    result = _as_real(value, name)
    if result != int(result):
        raise CourseValueError(f"{name} must be a whole number; got {result:g}.")
    result = int(result)
    if result < minimum:
        raise CourseValueError(f"{name} must be at least {minimum}; got {result}.")
    return result


def seed_value(seed, name: str = "seed") -> int:
    """A seed for ``numpy.random.default_rng``: a whole number >= 0."""
    return positive_int(seed, name, minimum=0)


def scalar_or_array(result, *inputs):
    """``result`` as a Python float when every input was a single number, else as it is."""
    if all(np.ndim(x) == 0 for x in inputs):
        return float(result)
    return result


def positive_array(values, name: str, *, integer: bool = False, minimum=None) -> np.ndarray:
    """``values`` (a number or an array-like) as a float array of finite numbers > 0.

    With ``integer=True`` every entry must be a whole number; ``minimum`` replaces the bound
    "greater than 0" by "at least ``minimum``".
    """
    if isinstance(values, str) or isinstance(values, (bool, np.bool_)) or values is None:
        raise CourseValueError(f"{name} must be numbers; got {_describe(values)}.")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise CourseValueError(
            f"{name} must be a number or a flat list of numbers; got {_describe(values)}."
        ) from None
    if array.size == 0:
        raise CourseValueError(f"{name} is empty; give at least one value.")
    if np.isnan(array).any():
        raise CourseValueError(f"{name} contains NaN; every value must be a finite number.")
    if np.isinf(array).any():
        raise CourseValueError(f"{name} contains an infinite value; every value must be finite.")
    if integer and (array != np.round(array)).any():
        bad = array[array != np.round(array)].flat[0]
        raise CourseValueError(f"{name} must hold whole numbers; found {bad:g}.")
    if minimum is None:
        if (array <= 0).any():
            bad = array[array <= 0].flat[0]
            raise CourseValueError(f"{name} must be greater than 0; found {bad:g}.")
    elif (array < minimum).any():
        bad = array[array < minimum].flat[0]
        raise CourseValueError(f"{name} must be at least {minimum:g}; found {bad:g}.")
    return array


def positive_arrays(*, positive: bool = True, minimum_length: int = 1, **named) -> tuple:
    """Several flat arrays validated together: finite numbers (> 0 unless ``positive=False``),
    one dimension each, all of the same length (at least ``minimum_length``).

    The error always says what came in, e.g. "n_params, compute and loss must be flat lists of
    equal length; got 3, 2 and 3 values". Returns the float arrays in the order given.
    """
    arrays = []
    for name, values in named.items():
        if positive:
            array = positive_array(values, name)
        else:
            array = finite_array(values, name)
        arrays.append(array)
    names = list(named)
    if any(a.ndim != 1 for a in arrays) or len({a.size for a in arrays}) > 1:
        def sizes(a):
            return f"shape {a.shape}" if a.ndim > 1 else f"{a.size}"
        listed = _join(names)
        if len(arrays) == 1:
            raise CourseValueError(f"{listed} must be a flat list of numbers; got "
                                   f"shape {arrays[0].shape}.")
        raise CourseValueError(
            f"{listed} must be flat lists of equal length; got "
            f"{_join([sizes(a) for a in arrays])} values."
        )
    if arrays and arrays[0].size < minimum_length:
        raise CourseValueError(f"{_join(names)} need at least {minimum_length} values each; "
                               f"got {arrays[0].size}.")
    return tuple(arrays)


def finite_array(values, name: str) -> np.ndarray:
    """``values`` (a number or an array-like) as a float array of finite numbers of any sign."""
    if isinstance(values, str) or isinstance(values, (bool, np.bool_)) or values is None:
        raise CourseValueError(f"{name} must be numbers; got {_describe(values)}.")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise CourseValueError(
            f"{name} must be a number or a flat list of numbers; got {_describe(values)}."
        ) from None
    if array.size == 0:
        raise CourseValueError(f"{name} is empty; give at least one value.")
    if np.isnan(array).any():
        raise CourseValueError(f"{name} contains NaN; every value must be a finite number.")
    if np.isinf(array).any():
        raise CourseValueError(f"{name} contains an infinite value; every value must be finite.")
    return array


def _join(words) -> str:
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
