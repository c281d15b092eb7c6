"""The package's warnings, shown as one plain line (no file path, which differs by machine)."""

from __future__ import annotations

import warnings

__all__ = ["CourseWarning", "FitWarning", "warn"]


class CourseWarning(UserWarning):
    """Base class of the warnings scaling_utils raises.

    A course warning is printed as one line, ``CourseWarning: message`` (or the name of the
    subclass), without the file path and line that Python's default format adds: the path
    differs from one machine to the next, and a notebook's stored output must not. It is shown
    every time it is raised, not once per line of code; a filter of your own (for instance
    ``warnings.simplefilter("ignore", CourseWarning)`` to silence them all) still takes
    precedence.

    Examples
    --------
    >>> import warnings
    >>> from scaling_utils import CourseWarning, FitWarning
    >>> issubclass(FitWarning, CourseWarning), issubclass(CourseWarning, UserWarning)
    (True, True)
    >>> print(warnings.formatwarning("a plain line", CourseWarning, "/any/path.py", 12), end="")
    CourseWarning: a plain line

    Introduced in lesson 02.
    """


class FitWarning(CourseWarning):
    """A fit ran, but its result should not be trusted as it stands (the message says why).

    Raised by the fits of :mod:`scaling_utils.fitting` (too few points for the uncertainty to
    mean much, a parameter on the edge of its range, a solver that did not converge) and kept in
    the fit's ``warnings`` attribute as well, so a notebook can read it after the fact.

    Examples
    --------
    >>> import warnings
    >>> from scaling_utils import FitWarning, fitting
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     fit = fitting.fit_power_law([1, 10, 100], [1.0, 0.5, 0.26])
    >>> [w.category.__name__ for w in caught]
    ['FitWarning']
    >>> print(fit.warnings[0])
    only 3 points: the uncertainties rest on 1 degree(s) of freedom and are themselves uncertain

    Introduced in lesson 02.
    """


_original_format = warnings.formatwarning


def _format(message, category, filename, lineno, line=None):
    if isinstance(category, type) and issubclass(category, CourseWarning):
        return f"{category.__name__}: {message}\n"
    return _original_format(message, category, filename, lineno, line)


warnings.formatwarning = _format
# Show course warnings every time, not once per line; appended, so that a caller's own filter
# (``warnings.simplefilter("ignore", FitWarning)``) still takes precedence.
def _ensure_repeat_filter() -> None:
    # Re-added when missing: a ``warnings.catch_warnings`` block that was open when the package
    # was imported restores the old filter list on exit.
    if not any(action == "always" and category is CourseWarning
               for action, _, category, _, _ in warnings.filters):
        warnings.filterwarnings("always", category=CourseWarning, append=True)


_ensure_repeat_filter()


def warn(message: str, category=FitWarning) -> None:
    """Issue a course warning, shown as one line however often it is raised.

    The warning is attributed to the first line outside the package on the way up the call
    stack: the learner's own line, however deep inside scaling_utils it was raised (so a
    filter by module, or a traceback under ``simplefilter("error")``, points at the notebook).
    The filter that shows course warnings every time is put back first if a
    ``warnings.catch_warnings`` block removed it.

    Parameters
    ----------
    message : str
        What went wrong and what to do about it, in one sentence.
    category : type, default FitWarning
        A subclass of :class:`CourseWarning`.

    Returns
    -------
    None

    Warns
    -----
    category
        Always, with ``message`` (unless a filter of the caller's ignores it).

    Raises
    ------
    category
        Only when warnings are turned into errors (``warnings.simplefilter("error")``); nothing
        otherwise.

    Examples
    --------
    >>> import warnings
    >>> from scaling_utils import _warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     _warnings.warn("the fitted floor sits at 0")
    >>> print(caught[0].category.__name__, caught[0].message)
    FitWarning the fitted floor sits at 0

    Introduced in lesson 02.
    """
    _ensure_repeat_filter()
    warnings.warn(message, category, stacklevel=_outside_the_package())


def _outside_the_package() -> int:
    """The ``stacklevel`` (for a ``warnings.warn`` called in :func:`warn`) of the first frame
    whose code is not in scaling_utils."""
    import os
    import sys

    package = os.path.dirname(os.path.abspath(__file__)) + os.sep
    frame, level = sys._getframe(2), 2  # level 1 is warn() itself
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    return level
