"""Lesson 03: a model on a line of equal compute, under Kaplan et al.'s joint law L(N, D)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, compute, plotting, references
from ._base import Study, log10_in as _log10_in

__all__ = ["ComputeLineChoice", "compute_line_choice"]

_LOG_N = (5.0, 13.0)
_LOG_D = (7.0, 14.0)


@lru_cache(maxsize=4)
def _loss_grid(law):
    log_n = np.linspace(*_LOG_N, 120)
    log_d = np.linspace(*_LOG_D, 120)
    grid_n, grid_d = np.meshgrid(10**log_n, 10**log_d)
    return grid_n, grid_d, law(grid_n, grid_d)


@dataclass(frozen=True, repr=False)
class ComputeLineChoice(Study):
    """A model of ``n_params`` on the line ``6·N·D = compute`` and the best model of that line.

    ``loss`` is the chosen model's loss; ``best`` an :class:`scaling_utils.allocation.Allocation`;
    ``excess_loss`` how much higher the chosen loss is, as a fraction. Computed by
    :func:`compute_line_choice`; the view of lesson 03's dashboard.

    Attributes
    ----------
    law : callable
        ``law(n_params, n_tokens)`` → loss (Kaplan et al.'s joint law by default).
    compute : float
        ``C`` in FLOPs.
    n_params, n_tokens : float
        The chosen model: ``N`` non-embedding parameters, ``D = C/(6N)`` tokens.
    loss : float
        ``law(N, D)`` in nats per token.
    best : Allocation
        The lowest loss on the line (:func:`scaling_utils.allocation.optimal_on_compute_line`).
    excess_loss : float
        ``loss / best.loss − 1``.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.compute_line_choice(21.0, 9.0)
    >>> for line in str(study).splitlines()[2:]:     # the readout's last two lines
    ...     print(line)
    best on line: N = 6.23e+09, D = 2.67e+10 (4.29 tokens per parameter), loss 2.1360
    your loss is 8.90% above the best for this budget

    Introduced in lesson 03.
    """

    law: object
    compute: float
    n_params: float
    n_tokens: float
    loss: float
    best: object
    figsize = (7.4, 5.0)

    @property
    def excess_loss(self) -> float:
        """How much higher the chosen loss is than the best on the line, as a fraction."""
        return self.loss / self.best.loss - 1.0

    def __str__(self) -> str:
        c, n, d, best = self.compute, self.n_params, self.n_tokens, self.best
        return (
            f"compute C = {c:.3g} FLOPs ({compute.flops_to_pf_days(c):.3g} PF-days)\n"
            f"your choice : N = {n:.3g} parameters, D = C/(6N) = {d:.3g} tokens "
            f"({d / n:.3g} tokens per parameter), loss {self.loss:.4f}\n"
            f"best on line: N = {best.n_params:.3g}, D = {best.n_tokens:.3g} "
            f"({best.tokens_per_param:.3g} tokens per parameter), loss {best.loss:.4f}\n"
            f"your loss is {100 * self.excess_loss:.2f}% above the best for this budget"
        )

    def draw(self, ax):
        """Draw contours of ``L(N, D)`` over ``N`` from 10⁵ to 10¹³ and ``D`` from 10⁷ to 10¹⁴,
        the lines of equal compute ``C = 6ND`` for ``C = 10¹⁵, 10¹⁷, …, 10²⁵`` (dashed), this
        study's line (red), its best model (star) and the chosen one (dot).

        Parameters
        ----------
        ax : matplotlib Axes

        Returns
        -------
        None

        Raises
        ------
        TypeError
            When ``law`` is not hashable (the contour grid is cached by law); the laws of
            :mod:`scaling_utils.laws` are.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import studies
        >>> study = studies.compute_line_choice(21.0, 9.0)
        >>> fig, ax = study.new_figure()
        >>> study.draw(ax)
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['C = 1e+21 FLOPs', 'lowest loss on this line', 'your choice']
        >>> plt.close(fig)

        Introduced in lesson 03.
        """
        grid_n, grid_d, losses = _loss_grid(self.law)
        plotting.loglog_axes(xlabel="non-embedding parameters N", ylabel="training tokens D",
                             ax=ax, title="contours: loss L(N, D) in nats/token;  "
                                          "dashed: compute C = 6ND")
        levels = np.round(np.arange(1.6, 5.01, 0.2), 1)
        contours = ax.contour(grid_n, grid_d, losses, levels=levels, cmap="viridis",
                              linewidths=1)
        ax.clabel(contours, levels[::2], fmt="L=%.1f", fontsize=8, inline_spacing=2)
        n_low, n_high = 10 ** _LOG_N[0], 10 ** _LOG_N[1]
        d_high = 10 ** _LOG_D[1]
        line_n = np.geomspace(n_low, n_high, 50)
        for exponent in range(15, 27, 2):
            budget = 10.0**exponent
            ax.plot(line_n, compute.tokens_for_compute(budget, line_n), color="0.6",
                    linewidth=0.8, linestyle="--")
            # Label each line where it enters the box: on the left edge, or on the top edge.
            n_at = max(n_low, budget / (6 * d_high))
            if n_at < n_high:
                d_at = compute.tokens_for_compute(budget, n_at)
                ax.annotate("C=" + plotting.superscript(exponent), (n_at, d_at), xytext=(3, -9),
                            textcoords="offset points", fontsize=8, color="0.35")
        ax.plot(line_n, compute.tokens_for_compute(self.compute, line_n),
                color=plotting.PALETTE["vermillion"], linewidth=2,
                label=f"C = {self.compute:.2g} FLOPs")
        ax.plot([self.best.n_params], [self.best.n_tokens], "*", markersize=14,
                color=plotting.PALETTE["blue"], label="lowest loss on this line")
        ax.plot([self.n_params], [self.n_tokens], "o", markersize=9,
                color=plotting.PALETTE["orange"], label="your choice")
        ax.set_xlim(n_low, n_high)
        ax.set_ylim(10 ** _LOG_D[0], d_high)
        ax.legend(fontsize=8, loc="upper right")


def compute_line_choice(log10_compute=21.0, log10_params=9.0, *, law=None) -> ComputeLineChoice:
    r"""A model of ``10^log10_params`` parameters trained on the line of ``10^log10_compute``
    FLOPs (``D = C/(6N)``), against the best model of that line
    (:func:`scaling_utils.allocation.optimal_on_compute_line`). ``law`` defaults to Kaplan et
    al.'s joint fit (2020, Table 2).

    Kaplan et al. (2020), "Scaling Laws for Neural Language Models", arXiv:2001.08361, count
    training compute as ``C ≈ 6ND`` (§2.1: about 6 FLOPs per parameter per token, forward and
    backward), so a budget fixes a line ``D = C/(6N)`` in the ``(N, D)`` plane. Along it their
    joint law (Eq. 1.5)

    .. math:: L(N, D) = \left[\left(\frac{N_c}{N}\right)^{\alpha_N/\alpha_D}
              + \frac{D_c}{D}\right]^{\alpha_D}

    has one minimum: a model too small wastes the data, one too large is starved of it.

    Parameters
    ----------
    log10_compute : float, default 21.0
        ``log₁₀ C``: 21 for 10²¹ FLOPs.
    log10_params : float, default 9.0
        ``log₁₀ N``: 9 for a model of 10⁹ non-embedding parameters.
    law : callable, optional
        ``law(n_params, n_tokens)`` → loss; default
        :func:`scaling_utils.references.kaplan_joint_law`.

    Returns
    -------
    ComputeLineChoice

    Raises
    ------
    CourseValueError
        When an exponent is not a finite number, ``law`` cannot be called as
        ``law(n_params, n_tokens)``, or the best model lies outside the sizes searched.
    OverflowError
        When an exponent is beyond about 308, which is what happens when a value is given for
        its exponent (``1e21`` for ``21``).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.compute_line_choice(log10_compute=21.0, log10_params=9.0)
    >>> f"{study.n_tokens:.3g}", f"{study.best.n_params:.3g}", f"{study.excess_loss:.1%}"
    ('1.67e+11', '6.23e+09', '8.9%')

    Introduced in lesson 03.
    """
    law = law or references.kaplan_joint_law()
    c = 10.0 ** _log10_in(log10_compute, "log10_compute", 10, 35, "FLOPs")
    n = 10.0 ** _log10_in(log10_params, "log10_params", 2, 16, "parameters")
    d = compute.tokens_for_compute(c, n)
    best = allocation.optimal_on_compute_line(law, c)
    return ComputeLineChoice(law, c, n, float(d), float(law(n, d)), best)
