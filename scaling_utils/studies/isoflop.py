"""Lesson 04: a model on an IsoFLOP profile under a Chinchilla law."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _validate, allocation, compute, plotting, references
from ._base import Study, log10_in as _log10_in

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
    :class:`scaling_utils.allocation.RunAssessment`).

    Computed by :func:`isoflop_choice`; the view of lesson 04's dashboard.

    Attributes
    ----------
    law_name : str
        The law's name, a key of :data:`LAWS_04`.
    law : ChinchillaLaw
        The law.
    compute : float
        ``C`` in FLOPs.
    assessment : RunAssessment
        The chosen run against the compute-optimal one: ``n_params``, ``loss``,
        ``optimal_params``, ``optimal_loss``, ``excess_loss``, ``size_ratio``, ``regime``.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.isoflop_choice(21.0, 9.0)
    >>> print(str(study).splitlines()[-1])
    your loss is 1.41% above the optimum; size ratio N/N_opt = 0.36

    Introduced in lesson 04.
    """

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
        """Draw the IsoFLOP profile of this budget (loss against ``N`` at fixed ``C``), those of
        budgets 10× and 100× smaller and larger (faint), the compute-optimal size of each (stars)
        and the chosen model (dot).

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
        >>> from scaling_utils import studies
        >>> study = studies.isoflop_choice(21.0, 9.0)
        >>> fig, ax = study.new_figure()
        >>> study.draw(ax)
        >>> ax.get_title(), len(ax.get_legend().get_texts())
        ('IsoFLOP profiles, Besiroglu et al. 2024 (refit)', 4)
        >>> plt.close(fig)

        Introduced in lesson 04.
        """
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
    r"""A model of ``10^log10_params`` parameters trained with ``10^log10_compute`` FLOPs
    (``D = C/(6N)``), assessed by :func:`scaling_utils.allocation.assess_run` under the law named
    ``law_name`` (a key of :data:`LAWS_04`).

    Under Chinchilla's law ``L = E + A/N^α + B/D^β`` (Hoffmann et al. 2022, "Training
    Compute-Optimal Large Language Models", arXiv:2203.15556, Eq. 2) the loss along
    ``C = 6ND`` is lowest at

    .. math:: N_\mathrm{opt}(C) = G\left(\frac{C}{6}\right)^{a},\quad
              a = \frac{\beta}{\alpha + \beta},\quad
              G = \left(\frac{\alpha A}{\beta B}\right)^{1/(\alpha + \beta)}

    (their Eq. 4); a larger model is *data-limited*, a smaller one *parameter-limited*. The laws
    offered are Hoffmann et al.'s as printed (Appendix D.2, Eq. 10) and Besiroglu et al.'s
    refit (2024, arXiv:2404.10102, §3).

    Parameters
    ----------
    log10_compute : float, default 21.0
        ``log₁₀ C``: 21 for 10²¹ FLOPs.
    log10_params : float, default 9.0
        ``log₁₀ N``.
    law_name : str, default "Besiroglu et al. 2024 (refit)"
        A key of :data:`LAWS_04`.

    Returns
    -------
    IsoflopChoice

    Raises
    ------
    CourseValueError
        When ``law_name`` is not a key of :data:`LAWS_04` or an exponent is not a finite
        number.
    OverflowError
        When an exponent is beyond about 308, which is what happens when a value is given for
        its exponent (``1e21`` for ``21``).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> for name in studies.LAWS_04:
    ...     run = studies.isoflop_choice(21.0, 9.0, name).assessment
    ...     print(f"{name}: N_opt = {run.optimal_params:.3g}, {run.regime}")
    Besiroglu et al. 2024 (refit): N_opt = 2.78e+09, parameter-limited
    Hoffmann et al. 2022 (as printed): N_opt = 1.82e+09, parameter-limited

    Introduced in lesson 04.
    """
    if law_name not in LAWS_04:
        raise _validate.CourseValueError(
            f"law_name must be one of {', '.join(map(repr, LAWS_04))}; got {law_name!r}.")
    law = getattr(references, LAWS_04[law_name])
    c = 10.0 ** _log10_in(log10_compute, "log10_compute", 10, 35, "FLOPs")
    n = 10.0 ** _log10_in(log10_params, "log10_params", 2, 16, "parameters")
    assessment = allocation.assess_run(law, n, compute.tokens_for_compute(c, n))
    return IsoflopChoice(law_name, law, c, assessment)
