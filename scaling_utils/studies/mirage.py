"""Lesson 06: an "emergent" jump made by the metric, from a loss that falls smoothly."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, emergence, laws, plotting
from ._base import Study

__all__ = ["MIRAGE_LOSS", "MIRAGE_METRICS", "MetricMirage", "metric_mirage"]

#: The per-token loss of the course's illustration, ``L(N) = 300·N^(−0.3)`` nats: a power law
#: like the ones of lessons 02–04, chosen (not fitted) so that the correct token's probability
#: ``e^(−L)`` goes from about 0.1 to 0.96 between 10⁷ and 10¹³ parameters. Schaeffer et al.
#: (2023) do not print the constants of their own illustration (their Fig. 2).
MIRAGE_LOSS = laws.PowerLaw(300.0, -0.3)

#: Each discontinuous metric and the continuous metric computed from the same outputs.
MIRAGE_METRICS = {"exact match": "token edit distance",
                  "multiple-choice grade": "Brier score"}

_SIZES = np.geomspace(1e7, 1e13, 61)


@dataclass(frozen=True, repr=False)
class MetricMirage(Study):
    """One smooth loss scored by a discontinuous metric and by a continuous one.

    Attributes
    ----------
    metric, partner : str
        The discontinuous metric and its continuous counterpart (:data:`MIRAGE_METRICS`).
    target_length : int
        Tokens in each answer (exact match and edit distance); options per question
        (multiple-choice grade and Brier score).
    n_items : int
        Questions in the simulated test set.
    n_params, loss : numpy.ndarray
        Model sizes (10⁷ … 10¹³) and the per-token loss :data:`MIRAGE_LOSS` there.
    values, partner_values : numpy.ndarray
        The two metrics at each size, as expected over infinitely many questions.
    measured : numpy.ndarray
        The discontinuous metric as measured on ``n_items`` questions (seeded).
    sharpness, partner_sharpness : float
        :func:`scaling_utils.emergence.largest_decade_share` of each: the largest share of the
        whole change that happens within one decade of size.
    zero_below : float
        The largest size whose measured score is exactly 0 (NaN if none).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> mirage = studies.metric_mirage("exact match", target_length=20)
    >>> round(mirage.sharpness, 2) > round(mirage.partner_sharpness, 2)
    True

    Introduced in lesson 06.
    """

    metric: str
    partner: str
    target_length: int
    n_items: int
    n_params: np.ndarray = field(repr=False)
    loss: np.ndarray = field(repr=False)
    values: np.ndarray = field(repr=False)
    partner_values: np.ndarray = field(repr=False)
    measured: np.ndarray = field(repr=False)
    sharpness: float
    partner_sharpness: float
    zero_below: float

    panels = (1, 1, 1)
    figsize = (12.0, 3.9)

    def __str__(self) -> str:
        if self.metric == "exact match":
            unit = "token per answer" if self.target_length == 1 else "tokens per answer"
        else:
            unit = "options per question"
        if np.ptp(self.values) == 0:
            first = (f"{self.metric} ({self.target_length} {unit}): the same score at every size "
                     f"shown, no change to measure")
        else:
            first = (f"{self.metric} ({self.target_length} {unit}): {100 * self.sharpness:.0f} % "
                     f"of its change within one decade of size")
        lines = [first, f"{self.partner}, same outputs: {100 * self.partner_sharpness:.0f} % "
                        f"within one decade"]
        if np.isfinite(self.zero_below):
            lines.append(f"on {self.n_items:,} questions, every model up to "
                         f"N = {self.zero_below:.2g} scores exactly 0")
        return "\n".join(lines)

    def draw(self, axes) -> None:
        ax_loss, ax, ax_partner = axes
        plotting.loglog_axes(xlabel="parameters N", ylabel="per-token loss (nats)", ax=ax_loss)
        ax_loss.set_title("the loss: one straight line", fontsize=10)
        ax_loss.plot(self.n_params, self.loss, color=plotting.PALETTE["blue"], lw=2)
        for axis in (ax, ax_partner):
            axis.set_xscale("log")
            axis.xaxis.set_major_formatter(plotting.log_tick_formatter())
            axis.set_xlabel("parameters N")
        ax.plot(self.n_params, self.values, color=plotting.PALETTE["vermillion"], lw=2,
                label="expected")
        ax.plot(self.n_params[::3], self.measured[::3], "o", ms=4,
                color=plotting.PALETTE["vermillion"], alpha=0.7,
                label=f"on {self.n_items:,} questions")
        ax.set_ylim(-0.03, 1.03)
        ax.set_ylabel(self.metric)
        ax.set_title(f"{self.metric}: it jumps", fontsize=10)
        ax.legend(fontsize=8, loc="upper left")
        ax_partner.plot(self.n_params, self.partner_values, color=plotting.PALETTE["green"],
                        lw=2)
        ax_partner.set_ylim(0, float(np.max(self.partner_values)) * 1.05)
        ax_partner.set_ylabel(f"{self.partner} (lower is better)")
        ax_partner.set_title(f"{self.partner}, same outputs: it glides", fontsize=10)


def metric_mirage(metric="exact match", target_length=10, n_items=300, *, seed=0) -> MetricMirage:
    r"""Score the course's smooth per-token loss with a discontinuous and a continuous metric.

    Schaeffer, Miranda & Koyejo (2023, arXiv:2304.15004, §2) argue that many "emergent"
    abilities are made by the metric: if the per-token loss falls as a power law in ``N``, the
    correct token's probability ``p = e^(−L)`` rises smoothly, but exact match over an answer of
    ``ℓ`` tokens scores ``p^ℓ`` — flat near 0, then a sharp rise — while the token edit distance
    ``ℓ(1 − p)``, computed from the same outputs, changes steadily. Likewise a multiple-choice
    grade steps from 0 to 1 where the Brier score glides. A finite test set adds a second
    artefact: small models score exactly 0 (see :mod:`scaling_utils.emergence`).

    Parameters
    ----------
    metric : {"exact match", "multiple-choice grade"}
        The discontinuous metric.
    target_length : int, default 10
        Tokens per answer for exact match (1 to 100); options per question for the
        multiple-choice grade (2 to 100).
    n_items : int, default 300
        Questions in the simulated test set (1 to 100,000).
    seed : int, default 0
        Seed of the simulated test set.

    Returns
    -------
    MetricMirage

    Raises
    ------
    CourseValueError
        When ``metric`` is not one of the two, or a number is out of its range.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.metric_mirage("exact match", target_length=20))
    exact match (20 tokens per answer): 53 % of its change within one decade of size
    token edit distance, same outputs: 29 % within one decade
    on 300 questions, every model up to N = 1.6e+10 scores exactly 0

    Introduced in lesson 06.
    """
    if metric not in MIRAGE_METRICS:
        raise _validate.CourseValueError(f"metric must be one of {', '.join(MIRAGE_METRICS)}; "
                                         f"got {metric!r}.")
    length = _validate.positive_int(target_length, "target_length")
    low = 1 if metric == "exact match" else 2
    if not low <= length <= 100:
        raise _validate.CourseValueError(f"target_length must be between {low} and 100; got "
                                         f"{length}.")
    items = _validate.positive_int(n_items, "n_items")
    if items > 100_000:
        raise _validate.CourseValueError(f"n_items must be at most 100,000; got {items:,}.")
    loss = MIRAGE_LOSS(_SIZES)
    if metric == "exact match":
        values = emergence.exact_match(loss, length)
        partner = emergence.token_edit_distance(loss, length)
    else:
        values = emergence.multiple_choice_grade(loss, length)
        partner = emergence.brier_score(loss, length)
    seed = _validate.seed_value(seed)
    measured = emergence.finite_test_accuracy(values, items, seed=seed)[0]
    zeros = _SIZES[measured == 0]
    return MetricMirage(
        metric=metric, partner=MIRAGE_METRICS[metric], target_length=length, n_items=items,
        n_params=_SIZES, loss=loss, values=values, partner_values=partner, measured=measured,
        sharpness=emergence.largest_decade_share(_SIZES, values),
        partner_sharpness=emergence.largest_decade_share(_SIZES, partner),
        zero_below=float(zeros.max()) if zeros.size else float("nan"))
