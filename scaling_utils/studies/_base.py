"""What every study result shares: a readout (``str``), a figure (``plot``), a size."""

from __future__ import annotations

import numpy as np

__all__ = ["Study", "mean_with_error"]


class Study:
    """Base of the result objects behind the dashboards.

    Subclasses keep their numbers as attributes, implement ``__str__`` (the readout, with only
    the digits that survive another CPU) and ``draw(axes)``; ``panels`` and ``figsize`` say what
    axes ``draw`` wants.
    """

    #: how many side-by-side panels ``draw`` fills, and their relative widths
    panels: tuple = (1,)
    #: the figure size in inches
    figsize: tuple = (7.0, 4.3)

    def new_figure(self):
        """A figure in the house style with this study's panels; returns ``(figure, axes)``."""
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
        """Draw this study on ``ax`` (an Axes, or a tuple of Axes for a study of several panels;
        a new figure in the house style when ``None``). Returns what it drew on."""
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
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {str(self).splitlines()[0]}>"


def mean_with_error(mean: float, stderr: float) -> str:
    """``mean ± stderr`` with as many decimals as the standard error justifies (two digits of it).

    >>> mean_with_error(1.23456, 0.0123)
    '1.235 ± 0.012'

    Introduced in lesson 01.
    """
    if not np.isfinite(stderr) or stderr <= 0:
        return f"{mean:.4g}"
    decimals = max(0, 1 - int(np.floor(np.log10(stderr))))
    return f"{mean:.{decimals}f} ± {stderr:.{decimals}f}"
