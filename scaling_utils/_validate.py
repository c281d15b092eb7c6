"""Input checks shared by every public function of the package.

Each helper turns what a learner typed into a clean value or raises :class:`CourseValueError` (a
``ValueError``) with a sentence that names the argument, shows what was given, and says what to
give instead. This is the lowest layer of the package: it imports only numpy.
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
    "fraction_not_percent",
    "positive_arrays",
    "finite_array",
    "broadcast_together",
    "positive_broadcast",
    "positive_range",
    "refuse_if_too_large",
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
        hint = f" {_percent_hint(result)}" if result > 1 else ""
        raise CourseValueError(f"{name} must lie in {low}, {high}; got {result:g}.{hint}")
    return result


def _percent_hint(value: float) -> str:
    return (f"It is a fraction: {value:g} would mean {100 * value:g}%; for {value:g}% give "
            f"{value / 100:g}.")


def fraction_not_percent(value, name: str, *, allow_zero: bool = False) -> float:
    """``value`` as a fraction in (0, 1) (or [0, 1) with ``allow_zero``), such as a 2% excess.

    A value of 1 or more is read as a percentage typed as a whole number and refused with the fix,
    e.g. "excess is a fraction: 2 would mean 200%; for 2% give 0.02."
    """
    result = _as_real(value, name)
    if result >= 1:
        raise CourseValueError(f"{name} is a fraction: {result:g} would mean {100 * result:g}%; "
                               f"for {result:g}% give {result / 100:g}.")
    if result < 0 or (result == 0 and not allow_zero):
        bound = "0 or more" if allow_zero else "greater than 0"
        raise CourseValueError(f"{name} must be a fraction {bound} and below 1 (0.02 for 2%); "
                               f"got {result:g}.")
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
    array = finite_array(values, name)
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
    single = [name for name, a in zip(names, arrays) if a.ndim == 0]
    if single and len(arrays) > 1:
        raise CourseValueError(
            f"{_join(names)} must be flat lists of numbers of equal length; {_join(single)} "
            f"{'is a single number' if len(single) == 1 else 'are single numbers'}: put "
            f"{'it' if len(single) == 1 else 'each'} in a list, e.g. [1e6, 1e7, 1e8].")
    if any(a.ndim != 1 for a in arrays) or len({a.size for a in arrays}) > 1:
        def sizes(a):
            return f"shape {a.shape}" if a.ndim > 1 else f"{a.size}"
        listed = _join(names)
        if len(arrays) == 1:
            if arrays[0].ndim == 0:
                raise CourseValueError(f"{listed} must be a flat list of numbers; got the single "
                                       f"number {arrays[0].item():g}: put it in a list, "
                                       f"[{arrays[0].item():g}].")
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
    if _contains_text(values):
        raise CourseValueError(f"{name} contains text; every value must be a number "
                               f"(remove the quotes). Got {_describe(values)}.")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise CourseValueError(
            f"{name} must be a number or a flat list of numbers; got {_describe(values)}."
        ) from None
    if array.size == 0:
        raise CourseValueError(f"{name} is empty; give at least one value.")
    if np.isnan(array).any():
        if _contains_none(values):
            raise CourseValueError(f"{name} contains None; every value must be a number.")
        raise CourseValueError(f"{name} contains NaN; every value must be a finite number.")
    if np.isinf(array).any():
        raise CourseValueError(f"{name} contains an infinite value; every value must be finite.")
    return array


def _contains_text(values) -> bool:
    if isinstance(values, (str, bytes)):
        return True
    if isinstance(values, (list, tuple)):
        return any(_contains_text(v) for v in values)
    if isinstance(values, np.ndarray):
        return values.dtype.kind in "USO" and any(_contains_text(v) for v in values.ravel())
    return False


def _contains_none(values) -> bool:
    if values is None:
        return True
    if isinstance(values, (list, tuple)):
        return any(_contains_none(v) for v in values)
    if isinstance(values, np.ndarray) and values.dtype == object:
        return any(_contains_none(v) for v in values.ravel())
    return False


def broadcast_together(**arrays) -> tuple:
    """Validated arrays broadcast to one shape, or a sentence saying why they cannot be.

    Each may be a single number; arrays must have the same length (the same shape), e.g.
    "n_params and n_tokens must be single numbers or lists of the same length (the same shape);
    got 2 and 3 values."
    """
    try:
        return tuple(np.broadcast_arrays(*arrays.values()))
    except ValueError:
        def size(a):
            return f"shape {a.shape}" if a.ndim > 1 else f"{a.size}"
        raise CourseValueError(
            f"{_join(list(arrays))} must be single numbers or lists of the same length (the same "
            f"shape); got {_join([size(a) for a in arrays.values()])} values. Give lists of equal "
            f"length, or a single number for one of them."
        ) from None


def positive_broadcast(**named) -> tuple:
    """Several positive number-or-array arguments, validated and broadcast together.

    Returns float arrays of one shape, in the order given (see :func:`broadcast_together`).
    """
    return broadcast_together(**{name: positive_array(values, name)
                                 for name, values in named.items()})


def positive_range(value, name: str) -> tuple:
    """``value`` as a pair ``(low, high)`` of positive finite numbers with ``low < high``."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        raise CourseValueError(f"{name} must be two numbers (low, high) with 0 < low < high; "
                               f"got {_describe(value)}.")
    low = positive_float(value[0], f"{name}[0] (low)")
    high = positive_float(value[1], f"{name}[1] (high)")
    if low >= high:
        raise CourseValueError(f"{name} must be (low, high) with low < high; got ({low:g}, "
                               f"{high:g}). Swap them or widen the range.")
    return low, high


def refuse_if_too_large(n_items, limit, what: str, fix: str, *, unit: str = "numbers",
                        bytes_each: int = 8) -> None:
    """Refuse, before allocating, a computation that would hold more than ``limit`` items.

    The message states the limit and the memory ``n_items`` items of ``bytes_each`` bytes would
    need, e.g. "one design matrix of 200,000 samples × 200,000 features would hold 4e+10 numbers
    (320 GB); the limit is 4,000,000 numbers (32 MB). Use fewer features or samples."
    """
    if n_items > limit:
        raise CourseValueError(
            f"{what} would hold {n_items:.3g} {unit} ({_bytes(bytes_each * n_items)}); the limit "
            f"is {limit:,} {unit} ({_bytes(bytes_each * limit)}). {fix}"
        )


def _bytes(count) -> str:
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= size:
            return f"{count / size:.3g} {unit}"
    return f"{count:.0f} bytes"


def _join(words) -> str:
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
