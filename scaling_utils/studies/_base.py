"""What every study result shares: a readout (``str``), a figure (``plot``), a size."""

from __future__ import annotations

import numpy as np

__all__ = ["Study", "mean_with_error", "log10_in"]


class Study:
    """Base of the result objects behind the dashboards.

    Subclasses keep their numbers as attributes, implement ``__str__`` (the readout, with only
    the digits that survive another CPU) and ``draw(axes)``; ``panels`` and ``figsize`` say what
    axes ``draw`` wants. In the spirit of scikit-learn's display objects
    (``sklearn.metrics.RocCurveDisplay``): the numbers are computed once, by a pure function, and
    drawing is apart from computing. The ``repr`` is the first line of the readout.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from dataclasses import dataclass
    >>> from scaling_utils import studies
    >>> @dataclass(frozen=True, repr=False)
    ... class Halving(studies.Study):           # a study of one number, to show the parts
    ...     value: float
    ...     def __str__(self):
    ...         return f"half of {self.value:g} is {self.value / 2:g}"
    ...     def draw(self, ax):
    ...         ax.plot([0, 1], [self.value, self.value / 2])
    >>> study = Halving(3.0)
    >>> print(study)
    half of 3 is 1.5
    >>> study
    <Halving: half of 3 is 1.5>
    >>> ax = study.plot()
    >>> len(ax.lines)
    1
    >>> plt.close(ax.figure)

    Introduced in lesson 00.
    """

    #: how many side-by-side panels ``draw`` fills, and their relative widths
    panels: tuple = (1,)
    #: the figure size in inches
    figsize: tuple = (7.0, 4.3)

    def new_figure(self):
        """A figure in the house style with this study's panels; returns ``(figure, axes)``.

        ``axes`` is one Axes for a study of one panel, else a tuple of Axes side by side with the
        relative widths of ``panels``; the figure is ``figsize`` inches.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import studies
        >>> study = studies.floor_guess(0.5, x=[1, 10, 100, 1000], y=[3.0, 1.5, 0.9, 0.7])
        >>> fig, axes = study.new_figure()
        >>> study.panels, len(axes)
        ((1, 1), 2)
        >>> plt.close(fig)

        Introduced in lesson 00.
        """
        import matplotlib.pyplot as plt

        from .. import plotting

        with plotting.style():
            if len(self.panels) == 1:
                fig, ax = plt.subplots(figsize=self.figsize)
                return fig, ax
            fig, axes = plt.subplots(1, len(self.panels), figsize=self.figsize,
                                     gridspec_kw={"width_ratios": list(self.panels)})
            return fig, tuple(axes)

    def plot(self, ax=None):
        """Draw this study on ``ax``, in the house style (:func:`scaling_utils.plotting.style`).

        Parameters
        ----------
        ax : matplotlib Axes, or a tuple of Axes for a study of several panels, optional
            Where to draw; when None, a new figure from :meth:`new_figure`, laid out tightly.

        Returns
        -------
        matplotlib Axes, or a tuple of Axes
            What it drew on (``ax.figure`` is the figure).

        Raises
        ------
        Nothing of its own: the study's inputs were checked when it was computed.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import studies
        >>> ax = studies.line_match(-0.5, 1.0, x=[1, 10, 100], y=[10.0, 3.0, 1.0]).plot()
        >>> ax.get_xscale(), len(ax.lines)
        ('log', 3)
        >>> plt.close(ax.figure)

        Introduced in lesson 00.
        """
        from .. import plotting

        if ax is None:
            fig, ax = self.new_figure()
            with plotting.style():
                self.draw(ax)
            fig.tight_layout()
            return ax
        with plotting.style():
            self.draw(ax)
        return ax

    def draw(self, ax):  # pragma: no cover - every subclass draws
        """Draw the study's figure on ``ax``; every subclass implements it.

        :meth:`plot` calls it inside the house style; a dashboard calls :meth:`plot` again on the
        same axes after :func:`scaling_utils.plotting.clear_axes`, so ``draw`` must set
        everything it needs (scales, limits, labels, legend) every time.

        Parameters
        ----------
        ax : matplotlib Axes, or a tuple of ``len(panels)`` Axes

        Returns
        -------
        None

        Raises
        ------
        NotImplementedError
            In this base class.

        Examples
        --------
        >>> from scaling_utils import studies
        >>> studies.Study().draw(None)
        Traceback (most recent call last):
        NotImplementedError

        Introduced in lesson 00.
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {str(self).splitlines()[0]}>"


def mean_with_error(mean: float, stderr: float) -> str:
    """``mean ± stderr`` with as many decimals as the standard error justifies (two digits of it).

    The standard error is rounded to two significant digits and the mean to the same decimal
    place: more digits would be noise, and would differ from one CPU to another.

    Parameters
    ----------
    mean : float
    stderr : float
        The standard error of ``mean``.

    Returns
    -------
    str
        ``"mean ± stderr"``; the mean alone, to four significant digits, when ``stderr`` is not
        a positive finite number.

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> from scaling_utils.studies import mean_with_error
    >>> mean_with_error(1.23456, 0.0123)
    '1.235 ± 0.012'
    >>> mean_with_error(1063.5, 950.0), mean_with_error(2.0, 0.0)
    ('1064 ± 950', '2')

    Introduced in lesson 01.
    """
    if not np.isfinite(stderr) or stderr <= 0:
        return f"{mean:.4g}"
    decimals = max(0, 1 - int(np.floor(np.log10(stderr))))
    return f"{mean:.{decimals}f} ± {stderr:.{decimals}f}"


def log10_in(value, name: str, low: float, high: float, unit: str) -> float:
    """``value`` as a base-10 exponent between ``low`` and ``high``; a learner who types the
    quantity itself (``1e21`` for ``21``) is told so.

    Parameters
    ----------
    value : float
        What was typed for the exponent.
    name : str
        The argument's name, for the message.
    low, high : float
        The exponents the study accepts.
    unit : str
        The unit of ``10**value`` (``"FLOPs"``, ``"parameters"``), for the message.

    Returns
    -------
    float

    Raises
    ------
    CourseValueError
        When ``value`` is not a number or lies outside ``[low, high]``.

    Examples
    --------
    >>> from scaling_utils.studies._base import log10_in
    >>> log10_in(21, "log10_compute", 10, 35, "FLOPs")
    21.0

    Introduced in lesson 03.
    """
    from .. import _validate

    exponent = _validate.real(value, name)
    if not low <= exponent <= high:
        hint = (f" It is the exponent: {name} = 21 means 10²¹ {unit}; for {exponent:g} {unit} "
                f"give {np.log10(exponent):.3g}." if exponent > high and exponent > 0 else "")
        raise _validate.CourseValueError(
            f"{name} must lie between {low:g} and {high:g}; got {exponent:g}.{hint}")
    return exponent
