"""Exercise checkers: compare a learner's answer with what the package computes, and say why.

A checker never raises, whatever it is given (a wrong number, text, ``None``, a list, NaN, a
function that raises ...), so a half-finished workbook still runs from top to bottom. It returns a :class:`Feedback`, which Jupyter shows as a small coloured box:

- **correct**, with the reference value;
- **not yet**, with *why* (wrong sign, wrong order of magnitude, off by a factor of 6, a known
  slip such as using σ for σ², ...);
- **not answered yet**, while the answer is still the placeholder ``...``.

Each box has a hint that stays folded until the learner opens it.

The generic checkers live here; each lesson's exercises are in ``checks.lessonNN`` and compute
their reference values with the package itself, never from numbers typed into a notebook.
"""

from __future__ import annotations

import copy
import html
import math
import numbers
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "Feedback",
    "CORRECT",
    "NOT_YET",
    "NOT_ANSWERED",
    "check_number",
    "check_function",
    "check_choice",
    "describe_miss",
]

#: :attr:`Feedback.status` of an accepted answer.
CORRECT = "correct"
#: :attr:`Feedback.status` of a wrong answer, or of one of the wrong kind (the message says why).
NOT_YET = "not yet"
#: :attr:`Feedback.status` while the answer is still the placeholder ``...`` (or None).
NOT_ANSWERED = "not answered yet"

_STYLE = {
    CORRECT: ("✔", "#e6f4ea", "#009E73"),
    NOT_YET: ("✘", "#fdecea", "#D55E00"),
    NOT_ANSWERED: ("…", "#f1f3f4", "#555555"),
}


@dataclass(frozen=True)
class Feedback:
    """The verdict of a checker: a status, a sentence saying why, and a folded hint.

    Every checker returns one, whatever it was given. In a notebook it shows as a coloured box
    (``_repr_html_``): ✔ green for correct, ✘ orange for not yet, … grey for not answered yet,
    with the message, any details as a list, and the hint folded under "Hint" while the answer
    is not correct. ``repr`` gives the same as plain text, with the hint left out and a line
    saying where it is. ``bool(feedback)`` is ``feedback.correct``. Instances are immutable.

    Parameters
    ----------
    exercise : str
        The exercise's name, shown first (``"Exercise 1 — expected test error"``).
    status : str
        :data:`CORRECT` (``'correct'``), :data:`NOT_YET` (``'not yet'``) or
        :data:`NOT_ANSWERED` (``'not answered yet'``). Not validated: the two displays look up
        the status's symbol and colours, and fail with KeyError for any other string.
    message : str
        Why: the answer and the reference value when correct; otherwise what is wrong, without
        giving the reference value away.
    hint : str, default ""
        A hint, shown (folded) only while the answer is not correct.
    details : tuple of str, default ()
        Extra lines under the message (lesson 02's window exercise lists the fit's numbers).

    Attributes
    ----------
    correct : bool
        True when ``status`` is ``'correct'`` (a read-only property).

    Examples
    --------
    >>> from scaling_utils.checks import NOT_YET, Feedback
    >>> result = Feedback("Demo", NOT_YET, "It is 2 times too large.", hint="Halve it.")
    >>> result.correct, bool(result), result.status
    (False, False, 'not yet')
    >>> result
    ✘ Demo: not yet.
      It is 2 times too large.
      (A hint is folded away: open “Hint” below, or print this result's .hint.)
    >>> result.hint
    'Halve it.'

    Introduced in lesson 00.
    """

    exercise: str
    status: str
    message: str
    hint: str = ""
    details: tuple = field(default=())

    @property
    def correct(self) -> bool:
        """True when the answer was accepted."""
        return self.status == CORRECT

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        symbol = _STYLE[self.status][0]
        lines = [f"{symbol} {self.exercise}: {self.status}.", f"  {self.message}"]
        lines += [f"  {line}" for line in self.details]
        if self.hint and not self.correct:
            lines.append("  (A hint is folded away: open “Hint” below, or print this result's .hint.)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        symbol, background, accent = _STYLE[self.status]
        parts = [
            f'<div style="border-left:5px solid {accent};background:{background};'
            f'padding:6px 10px;margin:4px 0;border-radius:3px">',
            f'<b style="color:{accent}">{symbol} {html.escape(self.exercise)}: '
            f"{html.escape(self.status)}.</b> {html.escape(self.message)}",
        ]
        if self.details:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in self.details)
            parts.append(f'<ul style="margin:4px 0">{items}</ul>')
        if self.hint and not self.correct:
            parts.append(
                "<details><summary>Hint</summary>"
                f'<div style="margin-top:4px">{html.escape(self.hint)}</div></details>'
            )
        parts.append("</div>")
        return "".join(parts)


def _fmt(value: float, digits: int = 4) -> str:
    """A number as a reader would write it: ``digits`` significant digits, no float noise."""
    value = float(value)
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e7:
        return str(int(value))
    return f"{value:.{digits}g}"


def _shown(value, limit: int = 60) -> str:
    """``repr(value)`` for a message: arrays summarised, long text cut, never an exception."""
    try:
        if isinstance(value, np.ndarray) and value.size > 4:
            return f"<{value.size} values from {value.min():.3g} to {value.max():.3g}>"
        text = repr(value)
    except Exception:  # a learner's object whose repr fails
        return f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value) -> str:
    """What a learner's value is, in words with the right article ("a list of 3 items")."""
    if isinstance(value, np.ndarray):
        count = value.size
        return f"a NumPy array of {count} value{'s' if count != 1 else ''}"
    names = {list: "list", tuple: "tuple", set: "set", dict: "dictionary"}
    if type(value) in names:
        name = names[type(value)]
        try:
            count = len(value)
        except Exception:
            return f"a {name}"
        return f"a {name} of {count} item{'s' if count != 1 else ''}"
    if isinstance(value, complex):
        return "a complex number"
    if callable(value):
        return "a function"
    return f"an object of type {type(value).__name__}"


def _plural(count: float, word: str) -> str:
    """``1 decade``, ``2 decades``, ``1.5 decades`` (singular when the number shown is 1)."""
    shown = f"{count:g}"
    return f"{shown} {word}" if shown in ("1", "-1") else f"{shown} {word}s"


def _as_answer_number(answer):
    """Return ``(number, None)`` or ``(None, Feedback fields)`` for an answer of the wrong kind."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if answer is Ellipsis or answer is None:
        return None, (NOT_ANSWERED, "Replace the `...` with your answer, then run the cell again.")
    if isinstance(answer, (bool, np.bool_)):
        return None, (NOT_YET, f"Your answer is {answer}, a boolean; the answer is a number.")
    if isinstance(answer, str):
        try:
            float(answer)
        except ValueError:
            return None, (NOT_YET, f"Your answer is the text {_shown(answer)}; the answer is a "
                                   f"number.")
        return None, (NOT_YET, f"Your answer is the text {_shown(answer)}: remove the quotes so "
                               f"that it is a number.")
    if isinstance(answer, (np.ndarray, list, tuple)) and _size_one(answer):
        return None, (NOT_YET, f"Your answer is {_kind(answer)}; the answer is the number "
                               f"itself: take it out with [0].")
    if not isinstance(answer, numbers.Real):
        return None, (NOT_YET, f"Your answer is {_kind(answer)}; the answer is a single number.")
    try:
        value = float(answer)
    except OverflowError:
        return None, (NOT_YET, "Your answer is too large to be a floating-point number (more "
                               "than about 1.8e308).")
    except Exception:
        return None, (NOT_YET, f"Your answer, {_shown(answer)}, cannot be read as a number.")
    if math.isnan(value):
        return None, (NOT_YET, "Your answer is NaN (not a number): some step divided 0 by 0 or "
                               "took the log of a negative number.")
    if math.isinf(value):
        return None, (NOT_YET, "Your answer is infinite: some step divided by zero.")
    return value, None


def _size_one(value) -> bool:
    try:
        return len(value) == 1 if not isinstance(value, np.ndarray) else value.size == 1
    except Exception:
        return False


def _close(a: float, b: float, rtol: float, atol: float) -> bool:
    """``|a − b| ≤ atol + rtol·|b|``, with the boundary included despite rounding: 1.68 is within
    ±0.02 of 1.7 although ``abs(1.68 − 1.7)`` computes to 0.020000000000000018."""
    tolerance = atol + rtol * abs(b)
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(tolerance)):
        return a == b
    return abs(a - b) <= tolerance * (1 + 1e-9) + 4 * np.finfo(float).eps * max(abs(a), abs(b))


def describe_miss(answer: float, expected: float, rtol: float = 0.01) -> str:
    """Say how ``answer`` misses ``expected`` without revealing it.

    In order: zero, wrong sign, the reciprocal, a small whole factor (2, 3, 4, 6), an exact power
    of ten, the wrong order of magnitude, or by how many per cent. A pattern counts when the
    ratio ``answer/expected`` comes within ``rtol`` of it; :func:`check_number` and
    :func:`check_function` use a fixed 1 %, whatever their own tolerance. Only an ``expected``
    of 0 is named ("It should be 0, not 2.").

    Parameters
    ----------
    answer : float
        The learner's value, already read as a finite number.
    expected : float
        The reference value.
    rtol : float, default 0.01
        How close the ratio must come to a pattern (opposite sign, reciprocal, a factor of 2, 3,
        4 or 6, a power of ten).

    Returns
    -------
    str
        One sentence, e.g. ``'It is 6 times too large.'``.

    Raises
    ------
    TypeError, ValueError
        When ``answer`` or ``expected`` is not a real number (the checkers call it only once the
        answer has been read as one).

    Examples
    --------
    >>> from scaling_utils.checks import describe_miss
    >>> describe_miss(15.0, 2.5)
    'It is 6 times too large.'
    >>> describe_miss(-2.5, 2.5)
    'The size is right but the sign is wrong.'
    >>> describe_miss(250.0, 2.5)
    'It is exactly 10^2 times too large: check the units and the powers of ten.'
    >>> describe_miss(2.8, 2.5)
    'It is too large by 12%.'

    Introduced in lesson 00.
    """
    if expected == 0:
        return f"It should be 0, not {_fmt(answer)}."
    if answer == 0:
        return "It is 0, and the right value is not."
    with np.errstate(all="ignore"):
        ratio = float(np.float64(answer) / np.float64(expected))
    if ratio == 0 or not math.isfinite(ratio):  # the ratio under- or overflows a float
        direction = "large" if abs(answer) > abs(expected) else "small"
        sign = " and has the wrong sign" if (answer > 0) != (expected > 0) else ""
        return f"It is hundreds of orders of magnitude too {direction}{sign}."
    if _close(answer, -expected, rtol, 0.0):
        return "The size is right but the sign is wrong."
    if ratio < 0:
        return f"It has the wrong sign, and its size is {_size_words(abs(ratio))}."
    if abs(expected) != 1 and _close(answer, _reciprocal(expected), rtol, 0.0):
        return "That is the reciprocal (1/x) of the right value: a ratio is upside down."
    size = "" if expected > 0 else " in size"
    for factor in (2, 3, 4, 6):
        if _close(ratio, factor, rtol, 0.0):
            return f"It is {factor} times too large{size}."
        if _close(ratio, 1.0 / factor, rtol, 0.0):
            return f"It is {factor} times too small{size}."
    power = round(math.log10(ratio))
    if power != 0 and _close(ratio, 10.0**power, rtol, 0.0):
        direction = "large" if power > 0 else "small"
        return (f"It is exactly 10^{abs(power)} times too {direction}{size}: check the units and "
                f"the powers of ten.")
    return f"It is {_size_words(ratio)}{size}."


def _reciprocal(value: float) -> float:
    with np.errstate(all="ignore"):
        return float(np.float64(1.0) / np.float64(value))


def _times(factor: float) -> str:
    """``37`` below ten thousand, ``10^12`` above it (never hundreds of digits)."""
    if not math.isfinite(factor):
        return "over 10^300"
    return f"{factor:.0f}" if factor < 1e4 else f"10^{math.log10(factor):.0f}"


def _size_words(ratio: float) -> str:
    if ratio >= 10:
        return f"about {_times(ratio)} times too large: the wrong order of magnitude"
    if ratio <= 0.1:
        return f"about {_times(_reciprocal(ratio))} times too small: the wrong order of magnitude"
    if ratio >= 2:
        return f"{ratio:.3g} times too large"
    if ratio <= 0.5:
        return f"{1 / ratio:.3g} times too small"
    percent = 100 * abs(ratio - 1)
    amount = f"{percent:.1f}%" if percent < 5 else f"{percent:.0f}%"
    return f"too large by {amount}" if ratio > 1 else f"too small by {amount}"


def check_number(
    answer,
    expected: float,
    *,
    exercise: str,
    rtol: float | None = None,
    atol: float = 0.0,
    hint: str = "",
    mistakes=(),
    units: str = "",
    digits: int = 4,
) -> Feedback:
    """Check a numerical answer against ``expected`` within ``atol + rtol·|expected|``.

    ``rtol`` defaults to 1 % when no ``atol`` is given, and to 0 when one is. Messages show
    numbers to ``digits`` significant digits (fewer for references that come from a random
    resampling, whose last digits differ between machines).

    ``mistakes`` lists known slips as ``(value, explanation)`` pairs: an answer that lands on one
    of those values (within the same tolerance) gets its explanation. Otherwise the reply says how
    the answer misses (see :func:`describe_miss`) without giving the reference away.

    Parameters
    ----------
    answer : object
        What the learner typed. A real number (int, float, Fraction, NumPy number, 0-d array) is
        compared with ``expected``. ``...`` (the placeholder) or None is "not answered yet".
        Anything else is "not yet", with a message that says what it is and what to give
        instead: text (remove the quotes), a one-item list or array (take it out with
        ``[0]``), a boolean, NaN, inf, an int too large for a float, a complex number, a
        function, a dictionary, ...
    expected : float
        The reference value, computed by the package.
    exercise : str
        The exercise's name, shown in the verdict.
    rtol : float, optional
        Relative tolerance: 1 % by default when no ``atol`` is given, 0 when one is.
    atol : float, default 0
        Absolute tolerance, in the answer's units. With ``atol`` alone a miss is told as a
        distance (``'It is 2 samples too low.'``) rather than as a ratio.
    hint : str, default ""
        The folded hint, shown only while the answer is not correct.
    mistakes : sequence of (float, str), default ()
        Known slips and what to say when the answer lands on one. Non-finite values are
        skipped, and a slip within tolerance of ``expected`` is never named.
    units : str, default ""
        Written after the numbers of the message (``"parameters"``, ``"PF-days"``).
    digits : int, default 4
        Significant digits of the numbers the message shows.

    Returns
    -------
    Feedback
        ``.status`` is ``'correct'`` (``.message``: the answer and the reference value, with
        the tolerance), ``'not yet'`` (``.message``: the slip's explanation, or the answer and
        how it misses, never the reference value) or ``'not answered yet'``; ``.correct`` is
        True for the first only; ``.hint`` is ``hint``, or ``''`` when correct.

    Raises
    ------
    Nothing: any ``answer`` gives a Feedback. (``expected`` and the other arguments come from
    the package and are not validated: a non-numeric ``expected`` raises TypeError.)

    Examples
    --------
    >>> from scaling_utils.checks import check_number
    >>> check_number(2.51, 2.5, exercise="Demo").correct
    True
    >>> check_number(..., 2.5, exercise="Demo").status
    'not answered yet'
    >>> check_number("2.5", 2.5, exercise="Demo").message
    "Your answer is the text '2.5': remove the quotes so that it is a number."
    >>> check_number(15.0, 2.5, exercise="Demo").message
    'Your answer is 15. It is 6 times too large. (An answer counts within tolerance 1%.)'
    >>> check_number(5.0, 2.5, exercise="Demo", mistakes=[(5.0, "You doubled it.")]).message
    'You doubled it.'

    Introduced in lesson 00.
    """
    if rtol is None:
        rtol = 0.0 if atol else 0.01
    mistakes = [(float(v), text) for v, text in mistakes if np.isfinite(v)]
    value, problem = _as_answer_number(answer)
    if problem:
        return Feedback(exercise, *problem, hint=hint)
    def unit(shown: str) -> str:
        """The units after a number, singular after exactly one ("1 run", "2 runs")."""
        if not units:
            return ""
        return f" {units[:-1]}" if shown in ("1", "-1") and units.endswith("s") else f" {units}"

    tolerance = _tolerance_words(expected, rtol, atol)
    if _close(value, expected, rtol, atol):
        shown, reference = _fmt(value, digits), _fmt(expected, digits)
        return Feedback(exercise, CORRECT,
                        f"{shown}{unit(shown)} agrees with the reference value "
                        f"{reference}{unit(reference)} ({tolerance}).")
    for wrong_value, explanation in mistakes:
        if _close(value, wrong_value, rtol, atol) and not _close(wrong_value, expected, rtol, atol):
            return Feedback(exercise, NOT_YET, explanation, hint=hint)
    miss = describe_miss(value, expected, 0.01)  # patterns (×6, 10^k, …) at a fixed 1%
    if atol and not rtol:  # an absolute tolerance: say how far off, in the answer's units
        gap = _gap_words(abs(value - expected), atol)
        miss = f"It is {gap}{unit(gap)} too {'high' if value > expected else 'low'}."
        if value * expected < 0:
            miss = "It has the wrong sign."
    shown = _fmt_outside(value, expected, rtol, atol)
    return Feedback(exercise, NOT_YET, f"Your answer is {shown}{unit(shown)}. {miss} "
                                       f"(An answer counts within {tolerance}.)", hint=hint)


def _fmt_outside(value: float, expected: float, rtol: float, atol: float) -> str:
    """``value`` with enough digits that the number shown is itself outside the tolerance (a
    rejected 1.6799 is not shown as 1.68 when 1.68 would count)."""
    for digits in range(4, 11):
        text = _fmt(value, digits)
        if not _close(float(text), expected, rtol, atol):
            return text
    return _fmt(value, 10)


def _gap_words(gap: float, tolerance: float) -> str:
    """How far an answer misses, with enough digits to show that it is beyond ``tolerance``
    (never "0.02 too low" beside "tolerance ±0.02")."""
    for digits in range(4, 16):
        text = _fmt(gap, digits)
        if float(text) > tolerance:
            return text
    return f"just over {_fmt(tolerance)}"


def _tolerance_words(expected: float, rtol: float, atol: float) -> str:
    if rtol and not atol:
        return f"tolerance {100 * rtol:g}%"
    if atol and not rtol:
        return f"tolerance ±{_fmt(atol)}"
    return f"tolerance ±{_fmt(atol + rtol * abs(expected))}"


def _argument_text(value) -> str:
    """An argument as it should appear in a message: arrays summarised, not printed whole."""
    return _shown(value)


def _call_text(name: str, args) -> str:
    if isinstance(args, dict):
        inner = ", ".join(f"{k}={_argument_text(v)}" for k, v in args.items())
    else:
        inner = ", ".join(_argument_text(v) for v in args)
    return f"{name}({inner})"


def check_function(
    func,
    reference,
    cases,
    *,
    exercise: str,
    rtol: float = 1e-6,
    atol: float = 0.0,
    hint: str = "",
    mistakes=(),
) -> Feedback:
    """Check a function the learner wrote by calling it and ``reference`` on each of ``cases``.

    ``cases`` is a list of argument tuples or keyword dictionaries. The reply names the first case
    whose result differs, and what the learner's function did there (returned a wrong value,
    returned nothing, raised an error). ``mistakes`` lists known slips as ``(function,
    explanation)`` pairs: when the learner's value at the first differing case is what
    ``function`` gives there, the reply is its explanation.

    Each call gets its own copy of the arguments, so a function that changes its inputs in place
    cannot change the next case.

    Parameters
    ----------
    func : object
        What the learner passes: the function they wrote, by name. ``...`` or None, or a
        function whose body still raises the template's NotImplementedError, is "not answered
        yet"; anything that is not callable is "not yet", saying what it is.
    reference : callable
        The package's function, with the parameters the template asks for.
    cases : list of tuple or dict
        The arguments of each test call, positional (a tuple) or by keyword (a dict).
    exercise : str
        The exercise's name, shown in the verdict.
    rtol : float, default 1e-6
        Relative tolerance on each result.
    atol : float, default 0
        Absolute tolerance on each result.
    hint : str, default ""
        The folded hint, shown only while the answer is not correct.
    mistakes : sequence of (callable, str), default ()
        Known slips, as functions of the same arguments, and what to say when the learner's
        value at the first differing case is theirs. A slip that raises is skipped.

    Returns
    -------
    Feedback
        ``'correct'`` when the function agrees with ``reference`` on every case; otherwise
        ``'not yet'``, whose ``.message`` names the first case that differs and what happened
        there: a wrong value (with the right one and how it misses), None (a forgotten
        ``return``), several numbers whose first is right (a whole ``np.polyfit``), a value of
        the wrong kind, or an exception (with the template's parameter names when the call
        itself failed). ``.correct`` and ``.hint`` as in :func:`check_number`.

    Warns
    -----
    Nothing of its own. Warnings that the learner's function issues (a RuntimeWarning from
    ``np.log`` of a negative number, say) are shown as they would be without the checker.

    Raises
    ------
    Nothing for any ``func``: whatever it raises, even SystemExit, is reported in the
    Feedback. KeyboardInterrupt (the notebook's stop button) alone passes through, so that a
    function that never returns can be stopped. ``reference`` is the package's and is not
    guarded.

    Examples
    --------
    >>> from scaling_utils.checks import check_function
    >>> def reference(a, b):
    ...     return a * b + 1
    >>> cases = [(1, 2), (3, 4), {"a": 2, "b": 5}]
    >>> check_function(reference, reference, cases, exercise="Demo").message
    'Your function agrees with the package on all 3 test inputs.'
    >>> def mine(a, b):
    ...     return a * b
    >>> check_function(mine, reference, cases, exercise="Demo").message
    'mine(1, 2) returned 2, but the right value is 3. It is too small by 33%.'
    >>> check_function(..., reference, cases, exercise="Demo").status
    'not answered yet'

    Introduced in lesson 00.
    """
    if func is Ellipsis or func is None:
        return Feedback(exercise, NOT_ANSWERED, "Define the function, then run this cell again.",
                        hint=hint)
    if not callable(func):
        return Feedback(exercise, NOT_YET, f"This check takes a function (write `def ...` and "
                                           f"pass its name); got {_kind_of_value(func)}.",
                        hint=hint)
    name = getattr(func, "__name__", None)
    name = name if isinstance(name, str) else "your_function"
    for args in cases:
        call = _call_text(name, args)
        positional, keywords = ((), args) if isinstance(args, dict) else (tuple(args), {})
        want = reference(*copy.deepcopy(positional), **copy.deepcopy(keywords))
        try:
            got = func(*copy.deepcopy(positional), **copy.deepcopy(keywords))
        except NotImplementedError:
            return Feedback(exercise, NOT_ANSWERED, "The function body is still the placeholder: "
                                                    "replace the `raise` line with your code.",
                            hint=hint)
        except TypeError as error:
            why = f"{call} raised TypeError: {error}"
            if "argument" in str(error):
                names = ", ".join(args) if isinstance(args, dict) else ""
                why += (f". Keep the parameter names and order of the template"
                        f"{f' ({names})' if names else ''}.")
            return Feedback(exercise, NOT_YET, why, hint=hint)
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # a learner's bug (even SystemExit): report, never re-raise
            return Feedback(exercise, NOT_YET, f"{call} raised {type(error).__name__}: "
                                               f"{_error_text(error)}", hint=hint)
        if got is None:
            return Feedback(exercise, NOT_YET, f"{call} returned None: did you forget `return`?",
                            hint=hint)
        value, problem = _as_answer_number(got)
        if problem and _first_of_several_is(got, float(want), rtol, atol):
            return Feedback(exercise, NOT_YET, f"{call} returned {_shown(got)}: the first of "
                                               f"these is the right value; return only that "
                                               f"one number.", hint=hint)
        if problem:
            return Feedback(exercise, NOT_YET, f"{call} returned {_shown(got)}, "
                                               f"{_kind_of_result(got)}: it should return a "
                                               f"single number.", hint=hint)
        if not _close(value, float(want), rtol, atol):
            for slip, explanation in mistakes:
                try:
                    slipped = float(slip(*copy.deepcopy(positional), **copy.deepcopy(keywords)))
                except Exception:
                    continue
                if _close(value, slipped, rtol, atol) and not _close(slipped, float(want), rtol, atol):
                    return Feedback(exercise, NOT_YET, f"{call} returned {_fmt(value)}. "
                                                       f"{explanation}", hint=hint)
            return Feedback(exercise, NOT_YET,
                            f"{call} returned {_fmt(value)}, but the right value is {_fmt(want)}. "
                            f"{describe_miss(value, float(want), 0.01)}", hint=hint)
    return Feedback(exercise, CORRECT,
                    f"Your function agrees with the package on all {len(cases)} test inputs.")


def _first_of_several_is(value, want: float, rtol: float, atol: float) -> bool:
    """True for a sequence of a few numbers whose first is ``want`` (a whole ``np.polyfit``)."""
    try:
        items = np.asarray(value).ravel()
        if items.dtype.kind not in "iuf" or not 1 < items.size <= 10:
            return False
        return _close(float(items[0]), want, rtol, atol)
    except Exception:
        return False


def _kind_of_value(value) -> str:
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, (bool, np.bool_)):
        return "a boolean"
    if isinstance(value, numbers.Number):
        return f"the number {_shown(value)}"
    return _kind(value)


def _error_text(error: BaseException) -> str:
    try:
        return str(error)[:300]
    except Exception:
        return "(its message could not be shown)"


def _kind_of_result(value) -> str:
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (bool, np.bool_)):
        return "a boolean"
    if isinstance(value, numbers.Number) or (isinstance(value, np.ndarray) and value.ndim == 0):
        return "not a usable number"
    return _kind(value)


def check_choice(answer, correct: str, *, exercise: str, options: dict, why: dict | None = None,
                 hint: str = "") -> Feedback:
    """Check a multiple-choice answer (a key of ``options``, compared without case or spaces).

    ``why`` maps wrong keys to the reason they are wrong; the correct key's entry (if any) is
    shown as the explanation when the answer is right.

    Parameters
    ----------
    answer : object
        What the learner sets: a key of ``options`` as text. Case, spaces and brackets do not
        matter (``"b"``, ``" B "`` and ``"(B)"`` all mean ``"B"``); a workbook binds the letters
        to names, so that ``answer = B`` works unquoted. ``...`` or None is "not answered yet";
        anything else, or text that is no key, is "not yet", listing the keys.
    correct : str
        The right key, computed by the package.
    exercise : str
        The exercise's name, shown in the verdict.
    options : dict
        Each key and the statement it stands for.
    why : dict, optional
        For a wrong key, why it is wrong (default ``'A is not the best choice.'``); for the
        correct key, the explanation shown when it is chosen (default ``'B: <its statement>.'``).
    hint : str, default ""
        The folded hint, shown only while the answer is not correct.

    Returns
    -------
    Feedback
        ``'correct'``, ``'not yet'`` or ``'not answered yet'``, with ``.message`` as above;
        ``.correct`` and ``.hint`` as in :func:`check_number`.

    Raises
    ------
    Nothing: any ``answer`` gives a Feedback. (``options`` and ``why`` come from the package
    and are not validated.)

    Examples
    --------
    >>> from scaling_utils.checks import check_choice
    >>> options = {"A": "a bigger model", "B": "a balanced one", "C": "more data"}
    >>> check_choice(" (b) ", "B", exercise="Demo", options=options).message
    'B: a balanced one.'
    >>> why = {"A": "Too few tokens."}
    >>> check_choice("A", "B", exercise="Demo", options=options, why=why).message
    'Too few tokens.'
    >>> check_choice("E", "B", exercise="Demo", options=options).message
    "'E' is not one of the options 'A', 'B', 'C'."

    Introduced in lesson 00.
    """
    why = why or {}
    listed = ", ".join(map(repr, options))
    if answer is Ellipsis or answer is None:
        return Feedback(exercise, NOT_ANSWERED, f"Set the answer to one of {listed}.", hint=hint)
    if not isinstance(answer, str):
        return Feedback(exercise, NOT_YET, f"Your answer is {_kind_of_value(answer)}; set it to "
                                           f"one of the letters {listed}.", hint=hint)
    key = answer.strip().strip("()").strip().upper()
    keys = {str(k).upper(): k for k in options}
    if key not in keys:
        return Feedback(exercise, NOT_YET, f"{_shown(answer)} is not one of the options {listed}.",
                        hint=hint)
    chosen = keys[key]
    if chosen == correct:
        return Feedback(exercise, CORRECT, why.get(correct, f"{chosen}: {options[chosen]}."))
    return Feedback(exercise, NOT_YET, why.get(chosen, f"{chosen} is not the best choice."),
                    hint=hint)
