"""Lesson 04: a model on an IsoFLOP profile under a Chinchilla law."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _validate, allocation, compute, plotting, references
from ._base import Study

__all__ = ["LAWS_04", "IsoflopChoice", "isoflop_choice"]

#: The laws lesson 04's dashboard offers, by the name it shows.
LAWS_04 = {
    "Besiroglu et al. 2024 (refit)": "BESIROGLU_2024",
    "Hoffmann et al. 2022 (as printed)": "HOFFMANN_2022",
}


@dataclass(frozen=True, repr=False)
class IsoflopChoice(Study):
    """A model of ``n_params`` trained with ``compute`` FLOPs, assessed against the
    compute-optimal model of that budget (``assessment``, a
    :class:`scaling_utils.allocation.RunAssessment`)."""

    law_name: str
    law: object
    compute: float
    assessment: object

    def __str__(self) -> str:
        a = self.assessment
        return (f"compute C = {self.compute:.3g} FLOPs\n{a}\n"
                f"your loss is {100 * a.excess_loss:.2f}% above the optimum; "
                f"size ratio N/N_opt = {a.size_ratio:.3g}")

    def draw(self, ax):
        from matplotlib.lines import Line2D

        law, c, a = self.law, self.compute, self.assessment
        plotting.new_axes(xlabel="parameters N", ylabel="final loss", ax=ax,
                          title=f"IsoFLOP profiles, {self.law_name}")
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax.xaxis.set_minor_formatter(plotting.log_tick_formatter())
        blue, red = plotting.PALETTE["blue"], plotting.PALETTE["vermillion"]
        for shift, alpha in ((-2, 0.25), (-1, 0.4), (0, 1.0), (1, 0.4), (2, 0.25)):
            budget = c * 10.0**shift
            n_opt, _ = allocation.chinchilla_optimal(law, budget)
            sizes = n_opt * np.geomspace(0.01, 100, 120)
            losses = law(sizes, compute.tokens_for_compute(budget, sizes))
            ax.plot(sizes, losses, color=blue, alpha=alpha, linewidth=2 if shift == 0 else 1)
            ax.plot([n_opt], [law(n_opt, compute.tokens_for_compute(budget, n_opt))], "*",
                    color=red, alpha=alpha, markersize=12 if shift == 0 else 8)
        ax.plot([a.n_params], [a.loss], "o", color=plotting.PALETTE["orange"], markersize=9)
        ax.set_ylim(law.E * 0.98, a.optimal_loss * 1.35)
        ax.set_xlim(min(a.optimal_params / 300, a.n_params / 2),
                    max(a.optimal_params * 300, a.n_params * 2))
        handles = [
            Line2D([], [], color=blue, linewidth=2, label=f"C = {c:.1e} FLOPs"),
            Line2D([], [], color=blue, linewidth=1, alpha=0.4,
                   label="C ÷100, ÷10, ×10, ×100 (faint)"),
            Line2D([], [], color=red, marker="*", linestyle="none", markersize=10,
                   label="compute-optimal N of each budget"),
            Line2D([], [], color=plotting.PALETTE["orange"], marker="o", linestyle="none",
                   markersize=8, label="your model"),
        ]
        ax.legend(handles=handles, fontsize=8, loc="upper right")


def isoflop_choice(log10_compute=21.0, log10_params=9.0,
                   law_name="Besiroglu et al. 2024 (refit)") -> IsoflopChoice:
    """A model of ``10^log10_params`` parameters trained with ``10^log10_compute`` FLOPs
    (``D = C/(6N)``), assessed by :func:`scaling_utils.allocation.assess_run` under the law named
    ``law_name`` (a key of :data:`LAWS_04`).

    Introduced in lesson 04.
    """
    if law_name not in LAWS_04:
        raise _validate.CourseValueError(
            f"law_name must be one of {', '.join(map(repr, LAWS_04))}; got {law_name!r}.")
    law = getattr(references, LAWS_04[law_name])
    c = 10.0 ** _validate.real(log10_compute, "log10_compute")
    n = 10.0 ** _validate.real(log10_params, "log10_params")
    assessment = allocation.assess_run(law, n, compute.tokens_for_compute(c, n))
    return IsoflopChoice(law_name, law, c, assessment)
