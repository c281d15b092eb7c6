"""Lesson 09: tune once, transfer — a learning rate tuned on a narrow model, used on wide ones,
under the standard parametrisation and under μP."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, experiments, plotting
from ._base import Study

__all__ = ["TRANSFER_PARAMETRISATIONS", "TransferStudy", "transfer_study"]

#: The parametrisations the transfer dashboard offers (as :mod:`scaling_utils.experiments`
#: names them).
TRANSFER_PARAMETRISATIONS = experiments.PARAMETRISATIONS
_NAMES = {"standard": "standard parametrisation", "mup": "μP"}


@lru_cache(maxsize=None)
def _grid(parametrisation: str):
    return experiments.precomputed_learning_rate_grid(parametrisation)


def _parabolas(grid):
    """Per width: the parabola in ``ln(learning rate)`` through the best grid point and its two
    neighbours (the one that gives :attr:`LearningRateGrid.optimum_learning_rate`)."""
    return _parabolas_of(grid.learning_rates, grid.loss)


def _parabolas_of(rates, losses):
    logs = np.log(rates)
    result = []
    for row in losses:
        k = int(np.clip(np.argmin(row), 1, row.size - 2))
        result.append((np.polyfit(logs[k - 1:k + 2], row[k - 1:k + 2], 2), logs[k - 1],
                       logs[k + 1]))
    return result


def _loss_at(rates, row, parabola, rate):
    """The loss at ``rate``: the parabola near the optimum, straight lines (in ln rate) beyond."""
    coefficients, low, high = parabola
    x = np.log(rate)
    if low <= x <= high:
        return float(np.polyval(coefficients, x))
    return float(np.interp(x, np.log(rates), row))


@dataclass(frozen=True, repr=False)
class TransferStudy(Study):
    r"""A learning rate tuned at one width and used at every width: what it costs.

    Computed by :func:`transfer_study` from the shipped learning-rate grids
    (:func:`scaling_utils.experiments.precomputed_learning_rate_grid`: widths 8 to 512, rates
    0.001 to 0.3, 100,000 tokens per run); the view of lesson 09's transfer dashboard. Between
    grid points the loss is the parabola in ``ln(learning rate)`` through the best grid point
    and its two neighbours, and the optimum is its vertex.

    Attributes
    ----------
    parametrisation : str
        ``"standard"`` or ``"mup"`` (Yang et al. 2022, arXiv:2203.03466, Table 3).
    tuned_width : int
        The width the learning rate was tuned at.
    widths, learning_rates, loss : numpy.ndarray
        The grid: ``loss[i, j]`` of width ``i`` at learning rate ``j``.
    optimum, optimum_loss : numpy.ndarray
        Each width's own optimum learning rate and the loss there.
    transferred_rate : float
        The tuned width's optimum, used at every width.
    transferred_loss, penalty : numpy.ndarray
        The loss at the transferred rate, and how much higher it is than at the width's own
        optimum (nats per character).
    other_optimum : numpy.ndarray
        The other parametrisation's optimum at each width (for comparison).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.transfer_study("standard", 8)
    >>> f"{study.transferred_rate:.3f}", f"{study.penalty[-1]:.3f}"
    ('0.016', '0.133')

    Introduced in lesson 09.
    """

    parametrisation: str
    tuned_width: int
    widths: np.ndarray = field(repr=False)
    learning_rates: np.ndarray = field(repr=False)
    loss: np.ndarray = field(repr=False)
    optimum: np.ndarray = field(repr=False)
    optimum_loss: np.ndarray = field(repr=False)
    transferred_rate: float
    transferred_loss: np.ndarray = field(repr=False)
    penalty: np.ndarray = field(repr=False)
    other_optimum: np.ndarray = field(repr=False)

    panels = (1.2, 1)
    figsize = (11.0, 4.3)

    def __str__(self) -> str:
        lines = [f"{_NAMES[self.parametrisation]}: learning rate tuned at width "
                 f"{self.tuned_width} ({self.transferred_rate:.2g}), used at every width",
                 f"{'width':>6} {'own optimum':>12} {'loss there':>11} "
                 f"{'loss at ' + format(self.transferred_rate, '.2g'):>14} {'lost':>6}"]
        for row in zip(self.widths, self.optimum, self.optimum_loss, self.transferred_loss,
                       self.penalty):
            width, best, at_best, at_transfer, lost = row
            lines.append(f"{width:>6} {best:>12.2g} {at_best:>11.3f} {at_transfer:>14.3f} "
                         f"{lost:>6.3f}")
        return "\n".join(lines)

    def draw(self, axes) -> None:
        ax_curves, ax_optimum = axes
        from matplotlib.ticker import NullLocator

        for ax in axes:
            ax.set_xscale("log")
            ax.xaxis.set_major_formatter(plotting.log_tick_formatter())
            ax.xaxis.set_minor_locator(NullLocator())
        low = float(self.optimum_loss.min())
        for colour, width, row, best, at_best in zip(plotting.COLORS, self.widths, self.loss,
                                                     self.optimum, self.optimum_loss):
            ax_curves.plot(self.learning_rates, row, "o:", color=colour, ms=4, lw=1,
                           label=f"width {width}")
            (coefficients, start, stop), = _parabolas_of(self.learning_rates, row[None])
            x = np.linspace(start, stop, 30)
            ax_curves.plot(np.exp(x), np.polyval(coefficients, x), color=colour, lw=1.8)
            ax_curves.plot([best], [at_best], "v", color=colour, ms=8, mec="black", mew=0.6)
        ax_curves.axvline(self.transferred_rate, color="0.25", ls="--", lw=1,
                          label=f"tuned at width {self.tuned_width}")
        ax_curves.set_ylim(low - 0.1, low + 1.3)
        ax_curves.set_xlabel("peak learning rate (Adam)")
        ax_curves.set_ylabel("held-out loss after 100,000 tokens")
        ax_curves.set_title(f"{_NAMES[self.parametrisation]}: loss against learning rate "
                            f"(▼ optimum, on a parabola)", fontsize=10)
        ax_curves.legend(fontsize=7, loc="upper center", ncol=2)

        ax_optimum.set_yscale("log")
        ax_optimum.yaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_optimum.yaxis.set_minor_locator(NullLocator())
        mine, other = ((plotting.PALETTE["vermillion"], plotting.PALETTE["blue"])
                       if self.parametrisation == "standard" else
                       (plotting.PALETTE["blue"], plotting.PALETTE["vermillion"]))
        other_name = _NAMES["mup" if self.parametrisation == "standard" else "standard"]
        ax_optimum.plot(self.widths, self.other_optimum, "s--", color=other, ms=5, lw=1,
                        alpha=0.6, label=other_name)
        ax_optimum.plot(self.widths, self.optimum, "o-", color=mine, ms=6, lw=2,
                        label=_NAMES[self.parametrisation])
        ax_optimum.axhline(self.transferred_rate, color="0.25", ls="--", lw=1,
                           label=f"tuned at width {self.tuned_width}")
        ax_optimum.set_ylim(0.004, 0.03)
        ax_optimum.set_yticks([0.005, 0.01, 0.02])
        ax_optimum.set_xlabel("hidden width")
        ax_optimum.set_ylabel("optimum learning rate (between grid points)")
        ax_optimum.set_title("does the optimum stay put as the model widens?", fontsize=10)
        ax_optimum.legend(fontsize=8, loc="lower left")


def transfer_study(parametrisation="standard", tuned_width=8) -> TransferStudy:
    r"""Tune the learning rate at ``tuned_width``, use it at every width, and measure the loss
    given up against each width's own optimum.

    Yang et al. (2022), "Tensor Programs V: Tuning Large Neural Networks via Zero-Shot
    Hyperparameter Transfer", arXiv:2203.03466, abstract: in the maximal update parametrisation
    (μP) "many optimal HPs remain stable even as model size changes", so a learning rate tuned
    on a small model can be used on a large one (μTransfer). Under the standard parametrisation
    the optimum moves with width. The grids are the shipped ones
    (:func:`scaling_utils.experiments.precomputed_learning_rate_grid`, seed 0).

    Parameters
    ----------
    parametrisation : {"standard", "mup"}, default "standard"
    tuned_width : int, default 8
        One of the grid's widths (8, 32, 128, 512).

    Returns
    -------
    TransferStudy

    Raises
    ------
    CourseValueError
        When ``parametrisation`` or ``tuned_width`` is not one of the grid's.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.transfer_study("mup", 8))
    μP: learning rate tuned at width 8 (0.012), used at every width
     width  own optimum  loss there  loss at 0.012   lost
         8        0.012       2.122          2.122  0.000
        32        0.015       1.861          1.867  0.006
       128        0.013       1.703          1.705  0.002
       512        0.017       1.607          1.621  0.015

    Introduced in lesson 09.
    """
    if parametrisation not in TRANSFER_PARAMETRISATIONS:
        raise _validate.CourseValueError(f"parametrisation must be \"standard\" or \"mup\"; got "
                                         f"{_validate._describe(parametrisation)}.")
    grid = _grid(parametrisation)
    widths = [int(w) for w in grid.widths]
    if isinstance(tuned_width, bool) or tuned_width not in widths:
        raise _validate.CourseValueError(f"tuned_width must be one of the grid's widths "
                                         f"{widths}; got {_validate._describe(tuned_width)}.")
    other = _grid("mup" if parametrisation == "standard" else "standard")
    parabolas = _parabolas(grid)
    optimum = grid.optimum_learning_rate
    rate = float(optimum[widths.index(int(tuned_width))])
    rates = grid.learning_rates
    at_best = np.array([_loss_at(rates, row, p, r)
                        for row, p, r in zip(grid.loss, parabolas, optimum)])
    at_rate = np.array([_loss_at(rates, row, p, rate) for row, p in zip(grid.loss, parabolas)])
    return TransferStudy(parametrisation, int(tuned_width), grid.widths, grid.learning_rates,
                         grid.loss, optimum, at_best, rate, at_rate, at_rate - at_best,
                         other.optimum_learning_rate)
