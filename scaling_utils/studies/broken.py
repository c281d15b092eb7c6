"""Lesson 06: what each parameter of a broken power law does; the backtest arena on real curves."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, data, fitting, laws, plotting
from ..fitting import families
from ._base import Study

__all__ = ["BnslShape", "bnsl_shape", "ARENA_FAMILIES", "Arena", "benchmark_arena",
           "ArenaCurve", "arena_curve"]

#: The range of ``x`` over which :func:`bnsl_shape` draws and scores a law (seven decades).
_SHAPE_RANGE = (1e1, 1e8)
#: Share of a break's slope change that happens within ``±ln(9)·f`` of ``ln d``: 10 % to 90 %.
_BEND_DECADES_PER_F = 2 * math.log(9) / math.log(10)


@dataclass(frozen=True, repr=False)
class BnslShape(Study):
    """One smoothly broken power law, its local slope, and the best single power law beside it.

    Attributes
    ----------
    law : BrokenPowerLaw
        The law drawn, ``a + b·x^(−c₀)·(1 + (x/d₁)^(1/f₁))^(−c₁f₁)``.
    x, y : numpy.ndarray
        200 points of the law over 10¹ … 10⁸.
    local_slope : numpy.ndarray
        ``d ln(y − a) / d ln x`` at each point: −c₀ well before the break, −(c₀ + c₁) well
        after it.
    bend_decades : float
        Over how many decades of ``x`` the slope goes from 10 % to 90 % of its change
        (``2·ln 9·f₁ / ln 10 ≈ 1.91·f₁``).
    single_exponent, single_scale : float
        The single power law ``a + s·x^k`` with the same floor that fits ``y`` best (least
        squares of ``ln(y − a)``).
    single_miss : float
        The largest relative miss of that single law, ``max |ŷ/y − 1|``, over the range.
    monotone : bool
        Whether ``y`` only falls over the range (False: it rises somewhere, as in double
        descent).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> shape = studies.bnsl_shape(c0=-0.3, c1=1.0, d1=1e3, f1=0.1)
    >>> shape.slopes, shape.monotone
    ((0.3, -0.7), False)

    Introduced in lesson 06.
    """

    law: laws.BrokenPowerLaw
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    local_slope: np.ndarray = field(repr=False)
    bend_decades: float
    single_exponent: float
    single_scale: float
    single_miss: float
    monotone: bool

    panels = (1, 1)
    figsize = (9.5, 4.0)

    @property
    def slopes(self) -> tuple:
        """The log-log slopes of ``y − a`` before and after the break, ``(−c₀, −(c₀ + c₁))``."""
        return self.law.slopes

    def __str__(self) -> str:
        (c, d, f), = self.law.breaks
        before, after = self.slopes
        sharp = ("a sharp corner" if self.bend_decades < 0.5 else
                 "a gentle bend" if self.bend_decades > 2 else "a bend")
        lines = [f"slope {before:+.2f} before the break, {after:+.2f} after it; break at "
                 f"x = {d:.3g}, {sharp} over {self.bend_decades:.2g} decades (f₁ = {f:.3g})",
                 f"best single power law: slope {self.single_exponent:+.3f}, misses by up to "
                 f"{100 * self.single_miss:.3g} %"]
        if not self.monotone:
            lines.append("the curve rises somewhere: a single power law cannot go up and down")
        return "\n".join(lines)

    def draw(self, axes) -> None:
        ax, ax_slope = axes
        law = self.law
        (c, d, f), = law.breaks
        plotting.loglog_axes(xlabel="x (data, parameters or compute)", ylabel="loss y", ax=ax)
        ax.plot(self.x, self.y, color=plotting.PALETTE["blue"], lw=2.2, label="broken power law")
        ax.plot(self.x, law.a + self.single_scale * self.x ** self.single_exponent, "--",
                color=plotting.PALETTE["vermillion"], label="best single power law")
        if law.a > 0:
            ax.axhline(law.a, color="0.5", lw=0.8, ls=":", label=f"floor a = {law.a:g}")
        ax.axvline(d, color="0.6", lw=0.8)
        ax.set_title(f"c₀ = {law.c0:g}, c₁ = {c:g}, d₁ = {d:.2g}, f₁ = {f:.2g}", fontsize=10)
        ax.legend(fontsize=8, loc="lower left")

        ax_slope.set_xscale("log")
        ax_slope.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_slope.plot(self.x, self.local_slope, color=plotting.PALETTE["blue"], lw=2)
        before, after = self.slopes
        for value, words in ((before, "−c₀"), (after, "−(c₀ + c₁)")):
            ax_slope.axhline(value, color="0.5", lw=0.8, ls=":")
            ax_slope.annotate(words, (self.x[0], value), textcoords="offset points",
                              xytext=(2, 3), fontsize=8, color="0.3")
        ax_slope.axhline(self.single_exponent, color=plotting.PALETTE["vermillion"], ls="--",
                         lw=1)
        half = _BEND_DECADES_PER_F * f / 2
        ax_slope.axvspan(d / 10 ** half, d * 10 ** half, color=plotting.PALETTE["sky"],
                         alpha=0.25, lw=0)
        ax_slope.axvline(d, color="0.6", lw=0.8)
        low, high = min(before, after, self.single_exponent), max(before, after,
                                                                  self.single_exponent)
        pad = 0.15 * max(high - low, 0.2)
        ax_slope.set_ylim(low - pad, high + pad)
        ax_slope.set_xlabel("x")
        ax_slope.set_ylabel("local slope of y − a")
        ax_slope.set_title("slope: bends over the shaded 10–90 %", fontsize=10)


def bnsl_shape(c0=0.2, c1=0.5, d1=1e4, f1=0.3, *, a=0.1, b=4.0) -> BnslShape:
    r"""A one-break smoothly broken power law over 10¹ … 10⁸ and what a single power law misses.

    The law is Caballero et al.'s (2022, arXiv:2210.14891, Eq. 1) with one break,

    .. math:: y = a + b\,x^{-c_0}\,\bigl(1 + (x/d_1)^{1/f_1}\bigr)^{-c_1 f_1},

    whose local slope ``d ln(y − a)/d ln x = −c₀ − c₁·σ((ln x − ln d₁)/f₁)`` (σ the logistic
    function) moves from ``−c₀`` to ``−(c₀ + c₁)`` around ``x = d₁``, 10 % to 90 % of the way
    within ``1.91·f₁`` decades. A single power law with the same floor has one slope: the best
    one (least squares of ``ln(y − a)`` on 200 log-spaced points) is drawn beside it.

    Parameters
    ----------
    c0 : float, default 0.2
        Minus the slope before the break (any sign; negative: the curve rises at first).
    c1 : float, default 0.5
        The change of slope at the break (any sign; positive steepens, negative flattens).
    d1 : float, default 1e4
        Where the break is (between 10 and 10⁸).
    f1 : float, default 0.3
        How smooth the break is (> 0; in units of ``ln x``).
    a, b : float
        The floor (≥ 0, default 0.1) and the scale (> 0, default 4).

    Returns
    -------
    BnslShape

    Raises
    ------
    CourseValueError
        When a parameter is not a finite number in its range, or ``d1`` lies outside the range
        drawn.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> shape = studies.bnsl_shape(c0=0.2, c1=0.5, d1=1e4, f1=0.3)
    >>> print(shape)
    slope -0.20 before the break, -0.70 after it; break at x = 1e+04, a bend over 0.57 decades (f₁ = 0.3)
    best single power law: slope -0.503, misses by up to 197 %
    >>> studies.bnsl_shape(c1=0.0).single_miss < 1e-9      # no break: one power law is exact
    True

    Introduced in lesson 06.
    """
    d1 = _validate.positive_float(d1, "d1 (the break's location)")
    low, high = _SHAPE_RANGE
    if not low <= d1 <= high:
        raise _validate.CourseValueError(f"d1 (the break's location) must lie in the range drawn, "
                                         f"{low:g} to {high:g}; got {d1:g}.")
    law = laws.BrokenPowerLaw(a, b, c0, breaks=[(c1, d1, f1)])
    x = np.geomspace(low, high, 200)
    y = law(x)
    log_x, log_reducible = np.log(x), np.log(law.reducible(x))
    local = law.local_slope(x)
    slope, intercept = np.polyfit(log_x, log_reducible, 1)
    single = law.a + math.exp(intercept) * x ** slope
    return BnslShape(law=law, x=x, y=y, local_slope=local,
                     bend_decades=_BEND_DECADES_PER_F * law.breaks[0][2],
                     single_exponent=float(slope), single_scale=math.exp(intercept),
                     single_miss=float(np.max(np.abs(single / y - 1.0))),
                     monotone=bool(np.all(np.diff(y) <= 0)))


#: The forms the arena compares: Alabdulmohsin et al.'s M1–M4 and a one-break BNSL.
ARENA_FAMILIES = ("M1", "M2", "M3", "M4", "BNSL")


@dataclass(frozen=True, repr=False)
class Arena(Study):
    """Every form fitted on every shipped benchmark curve and scored on its held-out points.

    Attributes
    ----------
    families : tuple of str
        The forms compared (:data:`ARENA_FAMILIES`).
    curves : tuple of BenchmarkCurve
        The curves, in the benchmark's order.
    backtests : dict
        ``backtests[curve name]``: the :class:`scaling_utils.fitting.Backtest` of that curve,
        on the benchmark's own fit/extrapolate split.
    held_out : numpy.ndarray
        ``held_out[i, j]``: the held-out RMSE of ``ln y`` of form ``j`` on curve ``i``.
    in_sample : numpy.ndarray
        The same on the fitted points.
    winners, best_fits : tuple of str
        Per curve: the form that extrapolated best; the form that fitted best.
    n_warnings : int
        How many fits warned (an edge of the search, an optimiser that stopped early).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> arena = studies.benchmark_arena("NMT")
    >>> arena.winners
    ('BNSL', 'M3', 'M3', 'BNSL', 'M3')

    Introduced in lesson 06.
    """

    families: tuple
    curves: tuple = field(repr=False)
    backtests: dict = field(repr=False)
    held_out: np.ndarray = field(repr=False)
    in_sample: np.ndarray = field(repr=False)
    winners: tuple
    best_fits: tuple
    n_warnings: int

    figsize = (8.0, 4.6)

    @property
    def wins(self) -> dict:
        """``{form: number of curves it extrapolated best}``, every form listed."""
        return {family: self.winners.count(family) for family in self.families}

    @property
    def best_fit_lost(self) -> int:
        """On how many curves the form that fitted best did not extrapolate best."""
        return self.best_fit_lost_among(self.families)

    def best_fit_lost_among(self, families) -> int:
        """On how many curves, comparing only ``families``, the one that fitted best did not
        extrapolate best.

        BNSL, with the most parameters, always fits best: leave it out to ask the question of
        M1–M4 alone. A tie (scores within a relative ``fitting.families.TIE_TOLERANCE``, as
        M4 with ``α = 0`` and M2 are) counts for the first of the tied forms.

        Parameters
        ----------
        families : sequence of str
            Some of :attr:`families`.

        Returns
        -------
        int

        Raises
        ------
        ValueError
            When a name is not one of :attr:`families`.

        Examples
        --------
        >>> from scaling_utils import studies
        >>> studies.benchmark_arena().best_fit_lost_among(["M2", "M3"])
        2

        Introduced in lesson 06.
        """
        columns = [self.families.index(f) for f in families]
        lost = 0
        for inside, outside in zip(self.in_sample[:, columns], self.held_out[:, columns]):
            lost += int(_first_best(inside) != _first_best(outside))
        return lost

    def __str__(self) -> str:
        width = max(len(c.name) for c in self.curves)
        head = f"{'curve':<{width}}  " + "  ".join(f"{f:>8}" for f in self.families)
        lines = ["held-out RMSE of ln(loss), each form fitted on the curve's small end",
                 head + "  best fit → best forecast"]
        for curve, row, fit, win in zip(self.curves, self.held_out, self.best_fits,
                                        self.winners):
            cells = "  ".join(f"{value:>8.3g}" for value in row)
            lines.append(f"{curve.name:<{width}}  {cells}  {fit:>4} → {win}")
        wins = ", ".join(f"{family} {count}" for family, count in self.wins.items())
        lines.append(f"wins: {wins}; the best in-sample form lost out of sample on "
                     f"{self.best_fit_lost} of {len(self.curves)} curves")
        return "\n".join(lines)

    def draw(self, ax) -> None:
        from matplotlib.colors import LogNorm

        image = ax.imshow(self.held_out, norm=LogNorm(vmin=self.held_out.min(),
                                                      vmax=self.held_out.max()),
                          cmap="viridis_r", aspect="auto")
        ax.set_xticks(range(len(self.families)), self.families)
        ax.set_yticks(range(len(self.curves)), [c.name for c in self.curves], fontsize=8)
        for i, row in enumerate(self.held_out):
            for j, value in enumerate(row):
                winner = self.families[j] == self.winners[i]
                shade = value < math.sqrt(self.held_out.min() * self.held_out.max())
                ax.text(j, i, f"{value:.2g}", ha="center", va="center", fontsize=7.5,
                        color="black" if shade else "white",
                        fontweight="bold" if winner else "normal")
        ax.figure.colorbar(image, ax=ax, label="held-out RMSE of ln(loss)")
        ax.set_title("Backtest arena: bold = best forecast of the curve", fontsize=10)
        ax.grid(False)


def _first_best(values) -> int:
    """The index of the smallest value, ties (within the backtest's tolerance) to the first."""
    best = float(np.min(values))
    return next(i for i, v in enumerate(values) if v <= best * (1 + families.TIE_TOLERANCE))


@lru_cache(maxsize=2)
def _arena(domain):
    curves = data.load_benchmark(domain)
    backtests, n_warnings = {}, 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for curve in curves:
            result = fitting.backtest(curve.x, curve.loss, holdout=curve.held_out,
                                      families=ARENA_FAMILIES)
            backtests[curve.name] = result
            n_warnings += len(result.warnings)
    held = np.array([[backtests[c.name].held_out_rmse[f] for f in ARENA_FAMILIES]
                     for c in curves])
    inside = np.array([[backtests[c.name].in_sample_rmse[f] for f in ARENA_FAMILIES]
                       for c in curves])
    best_fits = tuple(ARENA_FAMILIES[_first_best(row)] for row in inside)
    return Arena(families=ARENA_FAMILIES, curves=curves, backtests=backtests, held_out=held,
                 in_sample=inside, winners=tuple(backtests[c.name].winner for c in curves),
                 best_fits=best_fits, n_warnings=n_warnings)


def benchmark_arena(domain=None) -> Arena:
    """Backtest M1–M4 and a one-break BNSL on every shipped benchmark curve.

    Each curve of :func:`scaling_utils.data.load_benchmark` is split as the benchmark splits it
    (Alabdulmohsin et al. 2022, arXiv:2209.06640, §3: fit on the small end, extrapolate to the
    large end); every form is fitted on the fitted points by
    :func:`scaling_utils.fitting.backtest` and scored by the RMSE of ``ln(loss)`` on the held-out
    points. The fits' warnings are counted, not shown. Computed once per domain (about a
    second) and kept.

    Parameters
    ----------
    domain : {"NMT", "LM"}, optional
        Only one domain's curves; by default all ten.

    Returns
    -------
    Arena

    Raises
    ------
    CourseValueError
        When ``domain`` is not ``"NMT"``, ``"LM"`` or None.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> arena = studies.benchmark_arena()
    >>> arena.wins
    {'M1': 0, 'M2': 2, 'M3': 3, 'M4': 0, 'BNSL': 5}
    >>> arena.best_fit_lost, arena.best_fit_lost_among(["M1", "M2", "M3", "M4"])
    (5, 3)

    Introduced in lesson 06.
    """
    data.load_benchmark(domain)          # validates domain before the cache sees it
    return _arena(domain)


@dataclass(frozen=True, repr=False)
class ArenaCurve(Study):
    """One curve of the arena: its points, the forms' forecasts, and the table.

    Attributes
    ----------
    curve : BenchmarkCurve
        The curve.
    backtest : Backtest
        Its backtest (every form of :data:`ARENA_FAMILIES`).
    shown : tuple of str
        The forms drawn.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> one = studies.arena_curve("NMT Dec-only", family="M4")
    >>> one.shown, one.backtest.n_held_out
    (('M4',), 1)

    Introduced in lesson 06.
    """

    curve: data.BenchmarkCurve = field(repr=False)
    backtest: fitting.Backtest = field(repr=False)
    shown: tuple

    figsize = (7.5, 4.4)

    def __str__(self) -> str:
        return f"{self.curve.name} ({self.curve.domain})\n{self.backtest}"

    def draw(self, ax) -> None:
        xlabel = "examples seen" if self.curve.domain == "NMT" else "tokens seen"
        plotting.loglog_axes(xlabel=xlabel, ylabel="loss", ax=ax)
        result = self.backtest
        ax.plot(result.x[~result.held_out], result.y[~result.held_out], "o", color="black",
                label="fitted points", ms=4)
        ax.plot(result.x[result.held_out], result.y[result.held_out], "o",
                color=plotting.PALETTE["orange"], mec="black", label="held out", ms=7,
                zorder=5)
        grid = np.geomspace(result.x.min(), result.x.max() * 2, 200)
        colors = [plotting.PALETTE[name] for name in ("sky", "green", "vermillion", "blue",
                                                      "purple")]
        for family, color in zip(ARENA_FAMILIES, colors):
            if family in self.shown:
                style = "-" if family == result.winner else "--"
                ax.plot(grid, result.fits[family].predict(grid), style, color=color, lw=1.5,
                        label=f"{family}: held-out RMSE {result.held_out_rmse[family]:.2g}")
        ax.axvline(result.x[~result.held_out].max(), color="0.6", lw=0.8, ls=":")
        ax.set_title(self.curve.name, fontsize=10)
        ax.legend(fontsize=8, loc="best")


def arena_curve(curve="NMT 6 Enc, 6 Dec", family="all") -> ArenaCurve:
    """One curve of :func:`benchmark_arena`, with every form's forecast or only one.

    Parameters
    ----------
    curve : str, default "NMT 6 Enc, 6 Dec"
        The curve's name (as in :func:`scaling_utils.data.load_benchmark`).
    family : str, default "all"
        ``"all"`` or one of :data:`ARENA_FAMILIES`: which forecasts to draw.

    Returns
    -------
    ArenaCurve

    Raises
    ------
    CourseValueError
        When ``curve`` or ``family`` is not one of the names offered.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.arena_curve("LM 4.53e+08").backtest.winner)
    M2

    Introduced in lesson 06.
    """
    arena = benchmark_arena()
    names = [c.name for c in arena.curves]
    if curve not in names:
        raise _validate.CourseValueError(f"curve must be one of the benchmark's curves: "
                                         f"{', '.join(names)}; got {curve!r}.")
    if family != "all" and family not in ARENA_FAMILIES:
        raise _validate.CourseValueError(f"family must be 'all' or one of "
                                         f"{', '.join(ARENA_FAMILIES)}; got {family!r}.")
    shown = ARENA_FAMILIES if family == "all" else (family,)
    return ArenaCurve(curve=arena.curves[names.index(curve)], backtest=arena.backtests[curve],
                      shown=shown)
