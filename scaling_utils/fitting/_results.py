"""The one way every fit reports itself: estimates, standard errors, intervals and a table.

Modelled on the results objects of statsmodels (``params``, ``bse``, ``conf_int``, ``summary``):
a fit result mixes in :class:`FitResult`, says which parameters it has, their values and (when it
can) their standard errors, and gets ``.params``, ``.stderr``, ``.conf_int(level)``,
``.summary()`` and a one-line ``__str__`` that read the same on every fit of the course.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .. import _validate

__all__ = ["FitResult", "FitSummary", "SummaryRow"]


class FitResult:
    r"""The reporting interface every fit result of the course shares.

    For each parameter of the fitted law: its value (``params``), its standard error
    (``stderr``), and a ``level`` confidence interval (``conf_int``); ``summary()`` lays them out
    as a table and ``str(fit)`` gives the fit in one line.

    Unless a fit says otherwise, intervals are Wald intervals
    :math:`\hat\theta \pm q\,\mathrm{se}(\hat\theta)` with :math:`q` the Student-t quantile
    :math:`t_{(1+\mathrm{level})/2,\ \nu}` (``ν`` residual degrees of freedom) or, for a fit
    without them, the normal quantile. A parameter estimated on the log scale, such as the
    coefficient ``a`` of a power law fitted as ``ln a``, gets the exponentiated interval
    :math:`\hat a\,e^{\pm q\,\mathrm{se}(\ln \hat a)}` and the delta-method standard error
    :math:`\mathrm{se}(\hat a) = \hat a\,\mathrm{se}(\ln \hat a)`; the interval stays positive.

    A subclass provides

    - ``_estimates()``: the values, a dict by parameter name, in the order of the table;
    - ``_standard_errors()``: the standard errors by name (default: NaN, none known);
    - ``_degrees_of_freedom()``: ``ν`` for t quantiles, or None for normal ones (the default);
    - ``_log_scale``: names whose intervals are exponentiated as above;
    - ``_no_intervals()``: None, or a sentence saying why no interval can be given and what
      gives one (then ``conf_int`` raises it as a :class:`~scaling_utils.CourseValueError`);
    - ``_intervals(level)``: to replace the Wald intervals (a bootstrap's percentiles);
    - ``_summary_title()`` and ``_summary_notes()``: the table's first line and notes.

    Examples
    --------
    >>> from scaling_utils import fitting, laws, simulate
    >>> x = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6]
    >>> y = simulate.noisy_observations(laws.PowerLaw(5.0, -0.35), x, relative_noise=0.03, seed=0)
    >>> fit = fitting.fit_power_law(x, y)
    >>> isinstance(fit, fitting.FitResult), list(fit.params)
    (True, ['coefficient', 'exponent'])
    >>> print(f"{fit.stderr['exponent']:.3g}")
    0.00284
    >>> low, high = fit.conf_int(0.95)["exponent"]
    >>> print(f"[{low:.3f}, {high:.3f}]")
    [-0.354, -0.340]

    Every fit of later lessons shares it.

    Introduced in lesson 02.
    """

    _log_scale: tuple = ()

    # --- what a subclass provides ------------------------------------------------------------

    def _estimates(self) -> dict:
        raise NotImplementedError

    def _standard_errors(self) -> dict:
        return {name: float("nan") for name in self._estimates()}

    def _degrees_of_freedom(self):
        return None

    def _no_intervals(self):
        return None

    def _intervals(self, level: float) -> dict:
        q = self._quantile(level)
        stderr = self._standard_errors()
        intervals = {}
        for name, value in self._estimates().items():
            se = stderr[name]
            if name in self._log_scale:
                factor = float(np.exp(q * se / value))
                intervals[name] = (value / factor, value * factor)
            else:
                intervals[name] = (value - q * se, value + q * se)
        return intervals

    def _summary_title(self) -> str:
        return type(self).__name__

    def _summary_notes(self) -> list:
        return []

    # --- the interface ---------------------------------------------------------------------

    def _quantile(self, level: float) -> float:
        """The two-sided ``level`` quantile: Student-t on the fit's degrees of freedom, or normal."""
        from scipy import stats

        level = _validate.fraction(level, "level")
        dof = self._degrees_of_freedom()
        if dof is None:
            return float(stats.norm.ppf(0.5 + level / 2))
        return float(stats.t.ppf(0.5 + level / 2, max(dof, 1)))

    @property
    def params(self) -> dict:
        """The fitted parameters, a dict ``{name: value}`` in the order of :meth:`summary`."""
        return {name: float(value) for name, value in self._estimates().items()}

    @property
    def stderr(self) -> dict:
        """The standard error of each parameter, ``{name: value}``; NaN where there is none."""
        return {name: float(value) for name, value in self._standard_errors().items()}

    def conf_int(self, level: float = 0.95) -> dict:
        """A ``level`` confidence interval for each parameter, ``{name: (low, high)}``.

        Wald intervals unless the fit says otherwise (see the class): ``value ± q·stderr``, or
        exponentiated for parameters fitted on the log scale.

        Parameters
        ----------
        level : float, default 0.95
            The confidence level, in (0, 1).

        Returns
        -------
        dict
            ``{name: (low, high)}`` in the order of :attr:`params`.

        Raises
        ------
        CourseValueError
            When ``level`` is not in (0, 1), or when this fit has no intervals of its own (the
            message says what gives them, e.g. ``bootstrap_chinchilla`` for the Huber fit).

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_power_law([1, 10, 100, 1e3, 1e4, 1e5], [1.0, 0.52, 0.24, 0.13, 0.06, 0.031])
        >>> low, high = fit.conf_int(0.9)["exponent"]
        >>> print(f"{low:.3f} < {fit.params['exponent']:.3f} < {high:.3f}")
        -0.312 < -0.304 < -0.295

        Introduced in lesson 02.
        """
        level = _validate.fraction(level, "level")
        reason = self._no_intervals()
        if reason is not None:
            raise _validate.CourseValueError(reason)
        return {name: (float(low), float(high))
                for name, (low, high) in self._intervals(level).items()}

    def summary(self, level: float = 0.95) -> "FitSummary":
        """A table of every parameter: name, value, standard error and ``level`` interval.

        Numbers carry four significant digits, the ones that survive another CPU. When the fit
        has no intervals of its own the interval column is empty and a note says why.

        Parameters
        ----------
        level : float, default 0.95
            The confidence level of the intervals, in (0, 1).

        Returns
        -------
        FitSummary
            ``print`` it to read the table.

        Raises
        ------
        CourseValueError
            When ``level`` is not in (0, 1).

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_power_law([1, 10, 100, 1e3, 1e4, 1e5], [1.0, 0.52, 0.24, 0.13, 0.06, 0.031])
        >>> [row.name for row in fit.summary().rows]
        ['coefficient', 'exponent']

        Introduced in lesson 02.
        """
        level = _validate.fraction(level, "level")
        reason = self._no_intervals()
        intervals = None if reason is not None else self.conf_int(level)
        stderr = self.stderr
        rows = tuple(SummaryRow(name, value, stderr[name],
                                *(intervals[name] if intervals else (float("nan"),) * 2))
                     for name, value in self.params.items())
        notes = ([reason] if reason else []) + list(self._summary_notes())
        notes += [f"warning: {text}" for text in getattr(self, "warnings", ())]
        return FitSummary(self._summary_title(), level, rows, tuple(notes))

    def __str__(self) -> str:
        stderr = self.stderr
        parts = [f"{name} {value:.4g}" + (f" ± {stderr[name]:.2g}" if np.isfinite(stderr[name])
                                          else "")
                 for name, value in self.params.items()]
        return f"{type(self).__name__}: " + ", ".join(parts)


class SummaryRow(NamedTuple):
    """One parameter of a :class:`FitSummary`: its name, value, standard error and interval.

    Examples
    --------
    >>> from scaling_utils.fitting import SummaryRow
    >>> SummaryRow("exponent", -0.3, 0.01, -0.32, -0.28).name
    'exponent'

    Introduced in lesson 02.
    """

    name: str
    value: float
    stderr: float
    low: float
    high: float


def _number(value: float) -> str:
    return f"{value:.4g}" if np.isfinite(value) else "—"


@dataclass(frozen=True)
class FitSummary:
    """The table :meth:`FitResult.summary` returns; ``print`` it (or let a notebook show it).

    Attributes
    ----------
    title : str
        What was fitted, to what, in one line.
    level : float
        The confidence level of the intervals.
    rows : tuple of SummaryRow
        One ``(name, value, stderr, low, high)`` per parameter (NaN where there is none).
    notes : tuple of str
        Why intervals are missing, how derived parameters are defined, the fit's warnings.

    Examples
    --------
    >>> from scaling_utils import fitting
    >>> fit = fitting.fit_power_law([1, 10, 100, 1e3, 1e4, 1e5], [1.0, 0.52, 0.24, 0.13, 0.06, 0.031])
    >>> table = fit.summary(0.9)
    >>> table.level, len(table.rows)
    (0.9, 2)

    It comes with :class:`FitResult`.

    Introduced in lesson 02.
    """

    title: str
    level: float
    rows: tuple
    notes: tuple = ()

    def __str__(self) -> str:
        header = ("parameter", "value", "std. error", f"{100 * self.level:g}% interval")
        names = [row.name for row in self.rows]
        values = [_number(row.value) for row in self.rows]
        errors = [_number(row.stderr) for row in self.rows]
        lows = [_number(row.low) for row in self.rows]
        highs = [_number(row.high) for row in self.rows]
        wl, wh = max(map(len, lows)), max(map(len, highs))
        intervals = [f"[{low.rjust(wl)}, {high.rjust(wh)}]" if low != "—" else "—"
                     for low, high in zip(lows, highs)]
        columns = [[header[0]] + names, [header[1]] + values, [header[2]] + errors,
                   [header[3]] + intervals]
        widths = [max(map(len, column)) for column in columns]
        lines = [self.title]
        for i in range(len(self.rows) + 1):
            cells = [columns[0][i].ljust(widths[0]), columns[1][i].rjust(widths[1]),
                     columns[2][i].rjust(widths[2]), columns[3][i].ljust(widths[3])]
            lines.append("  ".join(cells).rstrip())
        for note in self.notes:
            text = note if note.startswith("warning: ") else f"note: {note}"
            # keep each parenthesis (a call such as f(x, y)) on one line
            text = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(" ", "\xa0"), text)
            lines.append(textwrap.fill(text, width=92, subsequent_indent="      ",
                                       break_long_words=False).replace("\xa0", " "))
        return "\n".join(lines)

    __repr__ = __str__
