"""Lesson 03: a model on a line of equal compute, under Kaplan et al.'s joint law L(N, D)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, compute, plotting, references
from ._base import Study

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
    ``excess_loss`` how much higher the chosen loss is, as a fraction.
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
    """A model of ``10^log10_params`` parameters trained on the line of ``10^log10_compute``
    FLOPs (``D = C/(6N)``), against the best model of that line
    (:func:`scaling_utils.allocation.optimal_on_compute_line`). ``law`` defaults to Kaplan et
    al.'s joint fit (2020, Table 2).

    Introduced in lesson 03.
    """
    law = law or references.kaplan_joint_law()
    c = 10.0 ** _validate.real(log10_compute, "log10_compute")
    n = 10.0 ** _validate.real(log10_params, "log10_params")
    d = compute.tokens_for_compute(c, n)
    best = allocation.optimal_on_compute_line(law, c)
    return ComputeLineChoice(law, c, n, float(d), float(law(n, d)), best)
