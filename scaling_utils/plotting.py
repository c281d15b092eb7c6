"""One house style for the course's figures: labelled log-log axes and a colour-blind-safe palette.

The palette is Okabe & Ito's (2008, "Color Universal Design"), which stays distinguishable under
the common forms of colour blindness. matplotlib is imported inside the functions, so importing
this module is cheap.
"""

from __future__ import annotations

import numpy as np

from . import _validate, laws

__all__ = [
    "PALETTE",
    "COLORS",
    "style",
    "new_axes",
    "loglog_axes",
    "tick_label",
    "log_tick_formatter",
    "superscript",
    "clear_axes",
    "power_law_guide",
    "ols_error_figure",
]

#: Okabe–Ito colours by name.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: The order in which series take colours (yellow last: it is faint on white).
COLORS = [PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "sky", "purple")]

_RC = {
    "figure.figsize": (6.4, 4.2),
    "figure.dpi": 90,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linestyle": "-",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
}


def style():
    """A context manager that applies the house style: ``with plotting.style(): ...``.

    Inside the block, new figures are 6.4 × 4.2 inches at 90 dpi, with a faint grid, no top or
    right spine, no legend frame, and series coloured in the order of :data:`COLORS` (Okabe &
    Ito's colour-blind-safe palette). Leaving the block restores the caller's settings.

    Returns
    -------
    contextlib.AbstractContextManager
        ``matplotlib.rc_context`` with the house settings.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import plotting
    >>> with plotting.style():
    ...     fig, ax = plt.subplots()
    ...     line, = ax.plot([1, 2], [3, 4])
    >>> line.get_color() == plotting.PALETTE["blue"], ax.spines["top"].get_visible()
    (True, False)
    >>> plt.close(fig)

    Introduced in lesson 00.
    """
    import matplotlib as mpl
    from cycler import cycler

    return mpl.rc_context({**_RC, "axes.prop_cycle": cycler(color=COLORS)})


def new_axes(*, xlabel: str, ylabel: str, title: str | None = None, ax=None, figsize=None):
    """Linear axes in the house style, labelled.

    Parameters
    ----------
    xlabel, ylabel : str
        The axis labels, with units (``"parameters N"``, ``"compute C (FLOPs)"``).
    title : str, optional
        A title above the axes.
    ax : matplotlib Axes, optional
        Axes to style and label; a new figure in the house style when None.
    figsize : (float, float), optional
        The size in inches of a new figure (default 6.4 × 4.2).

    Returns
    -------
    (figure, axes) : matplotlib Figure and Axes

    Raises
    ------
    Nothing of its own (a bad label or size is matplotlib's to refuse).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import plotting
    >>> fig, ax = plotting.new_axes(xlabel="parameters N", ylabel="final loss")
    >>> ax.get_xlabel(), ax.get_xscale()
    ('parameters N', 'linear')
    >>> plt.close(fig)

    Introduced in lesson 00.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        with style():
            fig, ax = plt.subplots(figsize=figsize or _RC["figure.figsize"])
    else:
        fig = ax.figure
    ax.grid(True, which="major", alpha=_RC["grid.alpha"])
    ax.set_prop_cycle(color=COLORS)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return fig, ax


def tick_label(value: float) -> str:
    """A log-axis tick as a reader would write it: ``20``, ``0.05``, ``1,000``, or ``2×10⁶``.

    Values from 0.01 to 9,999 are written out (with a thousands separator); others as a power of
    ten, with a mantissa of at most three significant digits when it is not 1. Powers are plain
    Unicode superscripts, not TeX.

    Parameters
    ----------
    value : float
        The tick's value.

    Returns
    -------
    str
        The label; empty for a value ≤ 0 (which a log axis cannot show).

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> from scaling_utils import plotting
    >>> [plotting.tick_label(v) for v in (20, 0.05, 1000, 1e4, 2e6, 3e-5, 10**23.1, 9.9996e7)]
    ['20', '0.05', '1,000', '10⁴', '2×10⁶', '3×10⁻⁵', '1.26×10²³', '10⁸']

    Introduced in lesson 00.
    """
    if value <= 0:
        return ""
    power = int(np.floor(np.log10(value) + 1e-9))
    mantissa = value / 10.0**power
    if -2 <= power <= 3:
        return f"{value:,.{max(0, -power)}f}"
    shown = float(f"{mantissa:.3g}")            # three significant digits, as labels need
    if shown >= 10:
        shown, power = shown / 10, power + 1
    exponent = str(power).translate(_SUPERSCRIPTS)
    if abs(shown - 1) < 1e-6:
        return f"10{exponent}"
    return f"{shown:g}×10{exponent}"


# Plain Unicode superscripts, not mathtext: the same look, and no TeX parsing on every redraw
# (mathtext parsing was the largest cost of a dashboard update).
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(power: int) -> str:
    """``10`` to the ``power`` in plain Unicode: ``superscript(21) == "10²¹"``.

    Parameters
    ----------
    power : int
        The exponent (a fraction is cut to a whole number by ``int``: pass whole numbers).

    Returns
    -------
    str

    Raises
    ------
    ValueError or TypeError
        When ``power`` cannot be converted with ``int`` (``int`` raises).

    Examples
    --------
    >>> from scaling_utils import plotting
    >>> plotting.superscript(21), plotting.superscript(-3)
    ('10²¹', '10⁻³')

    Introduced in lesson 03.
    """
    return "10" + str(int(power)).translate(_SUPERSCRIPTS)


def _minor_log_locator():
    """Minor ticks on log axes: every digit on short axes, 2 and 5 on medium ones, none on long
    ones (dozens of minor ticks cost more to draw than they help to read)."""
    from matplotlib.ticker import LogLocator

    class MinorTicks(LogLocator):
        def __call__(self):
            low, high = sorted(self.axis.get_view_interval())
            span = np.log10(high / low) if low > 0 and high > 0 else 10.0
            subs = np.arange(2.0, 10.0) if span <= 2.2 else (2.0, 5.0) if span <= 5 else (1.0,)
            self.set_params(subs=subs)
            return super().__call__()

    return MinorTicks(base=10.0, subs=(2.0, 5.0), numticks=40)


def log_tick_formatter():
    """A tick formatter for log axes: 1-2-5 steps on short axes, every decade on long ones,
    never a crowd. Use it as ``ax.xaxis.set_major_formatter(log_tick_formatter())``.

    Which ticks get a label depends on the span of the axis when it is drawn: up to 0.8
    decades, every digit; up to 2.2 decades, 1, 2 and 5; beyond, only powers of ten, and beyond
    6 decades every other one. Labels are written by :func:`tick_label`.
    :func:`loglog_axes` sets it on both axes.

    Returns
    -------
    matplotlib.ticker.Formatter

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import plotting
    >>> fig, ax = plt.subplots()
    >>> ax.set_xscale("log")
    >>> _ = ax.set_xlim(1, 1e5)
    >>> ax.xaxis.set_major_formatter(plotting.log_tick_formatter())
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_xticklabels() if 1 <= t.get_position()[0] <= 1e5]
    ['1', '10', '100', '1,000', '10⁴', '10⁵']
    >>> plt.close(fig)

    Introduced in lesson 00.
    """
    from matplotlib.ticker import Formatter

    class LogTicks(Formatter):
        def __call__(self, value, pos=None):
            low, high = sorted(self.axis.get_view_interval())
            if value <= 0 or low <= 0:
                return ""
            span = np.log10(high / low)
            mantissa = value / 10.0 ** np.floor(np.log10(value) + 1e-9)
            shown = (1,) if span > 2.2 else (1, 2, 5) if span > 0.8 else tuple(range(1, 10))
            if not any(abs(mantissa - m) < 1e-6 for m in shown):
                return ""
            if span > 6 and round(np.log10(value)) % 2:
                return ""  # on very long axes, every other decade
            return tick_label(value)

    return LogTicks()


_log_tick_formatter = log_tick_formatter  # the name used before it was public


def clear_axes(ax) -> None:
    """Remove what was drawn on ``ax`` (lines, markers, patches, texts, legend, title) but keep
    the axes, their scales and ticks, so a dashboard can draw the next setting on them.

    Faster than a new figure or ``ax.cla()``, which rebuild every tick. Limits return to
    autoscaling, and the colour cycle starts again from its first colour.

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
    >>> from scaling_utils import plotting
    >>> fig, ax = plotting.loglog_axes(xlabel="samples D", ylabel="test error")
    >>> _ = ax.plot([1, 10], [1, 0.1], label="a setting")
    >>> _ = ax.legend(); _ = ax.set_title("the first setting")
    >>> plotting.clear_axes(ax)
    >>> len(ax.lines), ax.get_legend() is None, ax.get_title(), ax.get_xscale()
    (0, True, '', 'log')
    >>> plt.close(fig)

    Introduced in lesson 00.
    """
    from matplotlib.transforms import Bbox

    for group in (ax.collections, ax.lines, ax.patches, ax.texts, ax.images):
        for artist in list(group):
            if artist in group:  # a contour set takes its labels with it
                artist.remove()
    ax.containers.clear()
    if ax.legend_ is not None:
        ax.legend_.remove()
    ax.set_title("")
    ax.dataLim.set(Bbox.null())
    ax.ignore_existing_data_limits = True
    ax.set_autoscale_on(True)
    ax.set_prop_cycle(None)


def loglog_axes(*, xlabel: str, ylabel: str, title: str | None = None, ax=None, figsize=None):
    """Log-log axes in the house style, labelled, with faint minor grid lines.

    On these axes a power law ``y = a·x^k`` is a straight line of slope ``k``, since
    ``log y = log a + k·log x``. Ticks are labelled by :func:`log_tick_formatter` (``1,000``,
    ``10⁶``), with minor ticks at 2 and 5, or at every digit on short axes.

    Parameters
    ----------
    xlabel, ylabel : str
        The axis labels, with units.
    title : str, optional
        A title above the axes.
    ax : matplotlib Axes, optional
        Axes to turn into log-log axes; a new figure in the house style when None.
    figsize : (float, float), optional
        The size in inches of a new figure (default 6.4 × 4.2).

    Returns
    -------
    (figure, axes) : matplotlib Figure and Axes

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import plotting
    >>> fig, ax = plotting.loglog_axes(xlabel="training samples D", ylabel="test error")
    >>> ax.get_xscale(), ax.get_yscale(), ax.get_xlabel()
    ('log', 'log', 'training samples D')
    >>> plt.close(fig)

    Introduced in lesson 00.
    """
    fig, ax = new_axes(xlabel=xlabel, ylabel=ylabel, title=title, ax=ax, figsize=figsize)
    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_minor_locator(_minor_log_locator())
        axis.set_major_formatter(log_tick_formatter())
        axis.set_minor_formatter(log_tick_formatter())
    ax.grid(True, which="minor", alpha=0.1)
    return fig, ax


def power_law_guide(ax, x_start, y_start, exponent, decades=1.0, *, label=True, color="0.4"):
    """Draw a short reference line of slope ``exponent`` on log-log axes, starting at a point.

    Useful to show a reader what "slope −½" looks like beside the data. The line runs from
    ``(x_start, y_start)`` to ``(x_start·10^decades, y_start·10^(decades·exponent))``, dashed,
    with ``slope k`` written at its end.

    Parameters
    ----------
    ax : matplotlib Axes
        Log-log axes (:func:`loglog_axes`).
    x_start, y_start : float
        Where the line starts (> 0).
    exponent : float
        The slope ``k``.
    decades : float, default 1.0
        How many powers of ten of ``x`` the line spans (> 0).
    label : bool, default True
        Whether to write ``slope k`` at the end of the line.
    color : str, default "0.4"
        A matplotlib colour (the default is a mid grey).

    Returns
    -------
    None

    Raises
    ------
    CourseValueError
        When ``x_start``, ``y_start`` or ``decades`` is not a positive finite number.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import plotting
    >>> fig, ax = plotting.loglog_axes(xlabel="samples D", ylabel="excess error")
    >>> plotting.power_law_guide(ax, 10, 1.0, -0.5, decades=2)
    >>> x, y = ax.lines[0].get_data()
    >>> f"{x[1]:g}", f"{y[1]:.3g}", ax.texts[0].get_text()
    ('1000', '0.1', 'slope -0.5')
    >>> plt.close(fig)

    Introduced in lesson 00.
    """
    x0 = _validate.positive_float(x_start, "x_start")
    y0 = _validate.positive_float(y_start, "y_start")
    k = float(exponent)
    span = _validate.positive_float(decades, "decades")
    x = np.array([x0, x0 * 10**span])
    y = y0 * (x / x0) ** k
    ax.plot(x, y, linestyle="--", color=color, linewidth=1.2)
    if label:
        ax.annotate(f"slope {k:g}", (x[1], y[1]), textcoords="offset points", xytext=(4, 0),
                    color=color, fontsize=9, va="center")


def _sample_range(sample_range, n, *, closed_form):
    """``sample_range`` as ``(low, high)`` sample sizes that the figure can draw."""
    if sample_range is None:
        return n + 2, 30 * n
    if isinstance(sample_range, (str, bytes)) or not hasattr(sample_range, "__len__") \
            or len(sample_range) != 2:
        raise _validate.CourseValueError(
            f"sample_range must be two sample sizes (low, high), e.g. ({n + 2}, {30 * n}); got "
            f"{sample_range!r}.")
    low = _validate.positive_int(sample_range[0], "sample_range's low end")
    high = _validate.positive_int(sample_range[1], "sample_range's high end")
    if low >= high:
        raise _validate.CourseValueError(
            f"sample_range must run from low to high with low < high; got ({low}, {high}).")
    if closed_form and high < n + 2:
        raise _validate.CourseValueError(
            f"OLS's test error is finite only for D ≥ N + 2 = {n + 2} samples; sample_range "
            f"({low}, {high}) lies entirely below that. Give a high end of at least {n + 2}.")
    return low, high


def ols_error_figure(
    n_features,
    noise_std=1.0,
    *,
    simulated=None,
    highlight=None,
    signal_norm=None,
    sample_range=None,
    ax=None,
):
    r"""Test error of least squares against the number of samples ``D``, on log-log axes.

    Draws the closed form of :func:`scaling_utils.laws.ols_expected_error`,

    .. math:: E = \sigma^2 \left(1 + \frac{N}{D - N - 1}\right),\qquad D \ge N + 2,

    (the mean of an inverse-Wishart matrix; or, with ``signal_norm`` given,
    :func:`~scaling_utils.laws.min_norm_expected_error` on both sides of ``D = N``, after
    Belkin, Hsu & Xu 2020, Theorem 1), the noise floor ``σ²``, the simulated means with error
    bars of two standard errors from an :class:`~scaling_utils.simulate.ErrorCurve`, and a
    highlighted ``D``.

    Parameters
    ----------
    n_features : int
        ``N``, the number of features (≥ 1).
    noise_std : float, default 1.0
        ``σ``, the standard deviation of the label noise (> 0).
    simulated : ErrorCurve, optional
        Simulated means and standard errors to draw as points
        (:func:`scaling_utils.simulate.least_squares_error_curve`).
    highlight : int, optional
        A number of samples ``D`` to mark with a vertical line.
    signal_norm : float, optional
        ``‖θ‖``; when given, draws the minimum-norm error on both sides of ``D = N`` and marks
        the interpolation threshold.
    sample_range : (int, int), optional
        The sample sizes ``(low, high)`` the figure spans; default ``(N + 2, 30·N)``.
    ax : matplotlib Axes, optional
        Axes to draw on; a new figure in the house style when None.

    Returns
    -------
    (figure, axes) : matplotlib Figure and Axes

    Raises
    ------
    CourseValueError
        When ``n_features`` is not a whole number ≥ 1, ``noise_std`` is not > 0, ``highlight``
        is not a whole number ≥ 1, or ``sample_range`` is not two sizes with low < high (or,
        for OLS, lies entirely below ``D = N + 2``, where its error is infinite).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import plotting
    >>> fig, ax = plotting.ols_error_figure(10, 0.5, highlight=40)
    >>> for text in ax.get_legend().get_texts():
    ...     print(text.get_text())
    theory $\sigma^2(1 + N/(D-N-1))$
    noise floor $\sigma^2$
    D = 40
    >>> [f"{limit:.3g}" for limit in ax.get_xlim()]   # 0.9·(N + 2), 1.1·30·N
    ['10.8', '330']
    >>> plt.close(fig)

    Introduced in lesson 01.
    """
    n = _validate.positive_int(n_features, "n_features")
    sigma = _validate.positive_float(noise_std, "noise_std")
    low, high = _sample_range(sample_range, n, closed_form=signal_norm is None)
    fig, ax = loglog_axes(xlabel="training samples D", ylabel="expected test error E", ax=ax)
    grid = np.unique(np.geomspace(max(low, 1), high, 400).round().astype(int))
    if signal_norm is None:
        grid = grid[grid >= n + 2]
        theory = laws.ols_expected_error(n, grid, sigma)
        ax.plot(grid, theory, color=PALETTE["blue"], label=r"theory $\sigma^2(1 + N/(D-N-1))$")
    else:
        theory = laws.min_norm_expected_error(n, grid, sigma, signal_norm)
        finite = np.isfinite(theory)
        for side in (grid < n, grid > n):
            keep = side & finite
            ax.plot(grid[keep], theory[keep], color=PALETTE["blue"],
                    label="theory (Belkin, Hsu & Xu 2020)" if side[0] else None)
        ax.axvline(n, color=PALETTE["vermillion"], linestyle=":", linewidth=1.2,
                   label="D = N (interpolation threshold)")
    ax.axhline(sigma**2, color="0.3", linestyle="--", linewidth=1.2,
               label=r"noise floor $\sigma^2$")
    if simulated is not None:
        ax.errorbar(simulated.n_samples, simulated.mean, yerr=2 * simulated.stderr, fmt="o",
                    color=PALETTE["orange"], label="simulated mean ± 2 s.e.", zorder=3)
    if highlight is not None:
        d = _validate.positive_int(highlight, "highlight")
        ax.axvline(d, color=PALETTE["green"], linewidth=1.2, label=f"D = {d}")
    ax.set_xlim(low * 0.9, high * 1.1)
    ax.legend(loc="upper right", fontsize=9)
    return fig, ax
