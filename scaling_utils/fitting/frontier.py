"""Chinchilla's Approaches 1 and 2: the compute-optimal frontier ``N_opt ∝ C^a`` from minima."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _validate
from .._warnings import warn

__all__ = ["FrontierFit", "fit_isoflop", "fit_envelope"]


@dataclass(frozen=True)
class FrontierFit:
    """A fitted compute-optimal frontier ``N_opt = coefficient · C^exponent``.

    ``budgets`` and ``minima`` are the compute budgets and the model size found best at each;
    ``losses`` the loss there; ``method`` how the minima were found.
    """

    budgets: np.ndarray
    minima: np.ndarray
    losses: np.ndarray
    exponent: float
    coefficient: float
    method: str
    warnings: tuple = ()

    def optimal_params(self, compute):
        """The frontier's model size at ``compute`` FLOPs."""
        c = _validate.positive_array(compute, "compute")
        result = self.coefficient * c**self.exponent
        return float(result) if np.ndim(compute) == 0 else result

    def __str__(self) -> str:
        return (f"N_opt = {self.coefficient:.4g} · C^{self.exponent:.4f}  ({self.method}, "
                f"{self.budgets.size} budgets)")


def _frontier(budgets, minima, losses, method, notes) -> FrontierFit:
    if budgets.size < 2:
        raise ValueError("A frontier needs at least two compute budgets.")
    slope, intercept = np.polyfit(np.log(budgets), np.log(minima), 1)
    for note in notes:
        warn(f"{method}: {note}.")
    return FrontierFit(budgets, minima, losses, float(slope), float(np.exp(intercept)), method,
                       tuple(notes))


def fit_isoflop(n_params, compute, loss, *, method="parabola") -> FrontierFit:
    r"""Hoffmann et al.'s Approach 2: the minimum of each IsoFLOP profile, then ``N_opt ∝ C^a``.

    Runs are grouped by compute budget. In each group the best model size is found either by a
    parabola fitted to loss against ``log N`` (``method="parabola"``, as in Hoffmann et al. §3.2)
    or by the run with the lowest loss (``method="argmin"``). A power law through the minima gives
    the exponent ``a``. Warns when a parabola opens downwards (no minimum) or puts its minimum
    outside the sizes that were run, and when a group has fewer than three runs.
    """
    n = _validate.positive_array(n_params, "n_params")
    c = _validate.positive_array(compute, "compute")
    losses = _validate.positive_array(loss, "loss")
    if not (n.shape == c.shape == losses.shape and n.ndim == 1):
        raise ValueError("n_params, compute and loss must be flat lists of the same length.")
    if method not in ("parabola", "argmin"):
        raise ValueError(f"method must be 'parabola' or 'argmin'; got {method!r}.")
    keys = np.round(np.log10(c), 6)
    budgets, minima, best_losses, notes = [], [], [], []
    for key in np.unique(keys):
        group = keys == key
        log_n, group_loss = np.log(n[group]), losses[group]
        if group.sum() < 3:
            notes.append(f"the budget 10^{key:.3g} has fewer than 3 runs and was skipped")
            continue
        best = int(np.argmin(group_loss))
        log_best, loss_best = log_n[best], group_loss[best]
        if method == "parabola":
            curvature, linear, constant = np.polyfit(log_n, group_loss, 2)
            if curvature <= 0:
                notes.append(f"the profile at 10^{key:.3g} FLOPs opens downwards; its lowest "
                             f"run was used instead")
            else:
                vertex = -linear / (2 * curvature)
                if not log_n.min() <= vertex <= log_n.max():
                    notes.append(f"the parabola's minimum at 10^{key:.3g} FLOPs lies outside the "
                                 f"model sizes run (an off-centre grid); it was kept")
                log_best = vertex
                loss_best = np.polyval([curvature, linear, constant], vertex)
        budgets.append(10.0**key)
        minima.append(np.exp(log_best))
        best_losses.append(loss_best)
    return _frontier(np.array(budgets), np.array(minima), np.array(best_losses),
                     f"isoflop-{method}", notes)


def _curves(n, d):
    """Split a sweep of training-curve points into curves: a curve ends where the model size
    changes or the token count stops increasing."""
    breaks = np.flatnonzero((np.diff(n) != 0) | (np.diff(d) <= 0)) + 1
    return np.split(np.arange(n.size), breaks)


def fit_envelope(n_params, n_tokens, loss, *, n_bins=20) -> FrontierFit:
    r"""Hoffmann et al.'s Approach 1: the lower envelope of training curves.

    The points must come as training curves (consecutive points of one run, tokens increasing;
    :func:`scaling_utils.simulate.training_curves` produces them). Each curve is interpolated
    (in log compute, log loss) onto ``n_bins`` log-spaced compute values ``C = 6·N·D``; each model
    size keeps its lowest loss over its curves at every compute value. At each compute value the
    best size is located by a parabola in ``log N`` through the lowest-loss size and its two
    neighbours. Compute values whose best size is the smallest or largest one trained are dropped
    (the optimum could lie beyond the sizes tried), and counted in a warning. A power law through
    the remaining optima gives ``a``.
    """
    n = _validate.positive_array(n_params, "n_params")
    d = _validate.positive_array(n_tokens, "n_tokens")
    losses = _validate.positive_array(loss, "loss")
    if not (n.shape == d.shape == losses.shape and n.ndim == 1):
        raise ValueError("n_params, n_tokens and loss must be flat lists of the same length.")
    bins = _validate.positive_int(n_bins, "n_bins", minimum=2)
    sizes = np.unique(n)
    if sizes.size < 3:
        raise ValueError("The envelope needs training curves of at least three model sizes.")
    log_c = np.log(6.0 * n * d)
    grid = np.linspace(log_c.min(), log_c.max(), bins + 2)[1:-1]
    best_log_loss = np.full((sizes.size, grid.size), np.inf)
    for curve in _curves(n, d):
        if curve.size < 2:
            continue
        row = np.searchsorted(sizes, n[curve[0]])
        x, y = log_c[curve], np.log(losses[curve])
        inside = (grid >= x[0]) & (grid <= x[-1])
        best_log_loss[row, inside] = np.minimum(best_log_loss[row, inside],
                                                np.interp(grid[inside], x, y))
    log_sizes = np.log(sizes)
    budgets, minima, best_losses, censored = [], [], [], 0
    for j in range(grid.size):
        column = best_log_loss[:, j]
        if np.isfinite(column).sum() < 3:
            continue
        i = int(np.argmin(column))
        if i == 0 or i == sizes.size - 1 or not np.isfinite(column[[i - 1, i + 1]]).all():
            censored += 1  # the optimum may lie beyond the sizes trained (or their curves)
            continue
        curvature, linear, constant = np.polyfit(log_sizes[i - 1 : i + 2], column[i - 1 : i + 2], 2)
        vertex = -linear / (2 * curvature) if curvature > 0 else log_sizes[i]
        budgets.append(np.exp(grid[j]))
        minima.append(np.exp(vertex))
        best_losses.append(np.exp(np.polyval([curvature, linear, constant], vertex)))
    notes = []
    if censored:
        notes.append(f"{censored} of the compute values were dropped because their best run was "
                     f"the smallest or largest model trained (the optimum may lie beyond it)")
    if len(budgets) < 3:
        notes.append("fewer than three compute values have an optimum inside the sizes trained: "
                     "train a wider range of sizes")
        if len(budgets) < 2:
            raise ValueError("The envelope has no interior optimum at two or more compute values; "
                             "train a wider range of model sizes and schedule lengths.")
    return _frontier(np.array(budgets), np.array(minima), np.array(best_losses), "envelope", notes)

