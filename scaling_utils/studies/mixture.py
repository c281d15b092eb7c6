"""Lesson 07: how a data mixture moves the law and the compute-optimal split."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, allocation, laws, plotting, references
from ._base import Study, log10_in as _log10_in

__all__ = ["MIXTURE_LAW", "DOMAIN_COMPRESSIBILITY", "MIXING_EXAMPLE", "MixtureStudy",
           "mixture_study"]

#: The gzip-compressibility (compressed ÷ raw size) the course assumes for two domains: values
#: of the order gzip gives for English prose and for source code, chosen for illustration.
DOMAIN_COMPRESSIBILITY = {"web text": 0.35, "code": 0.22}

_TEXT = references.BESIROGLU_2024
#: The course's data-dependent law (the form of :class:`scaling_utils.laws.CompressibilityLaw`),
#: chosen, not fitted: at the web text's H it is Besiroglu et al.'s refit of Chinchilla
#: (lesson 05); E scales in proportion to H, and β grows by 0.01 as H falls from the web
#: text's to the code's, so that more compressible data prefer fewer tokens per parameter, the
#: direction Pandey (2024) reports. An illustration of the form, not published constants.
MIXTURE_LAW = laws.CompressibilityLaw(
    E=(0.0, _TEXT.E / DOMAIN_COMPRESSIBILITY["web text"]), A=(_TEXT.A, 0.0), B=(_TEXT.B, 0.0),
    alpha=(_TEXT.alpha, 0.0),
    beta=(_TEXT.beta + 0.01 * DOMAIN_COMPRESSIBILITY["web text"] / 0.13, -0.01 / 0.13))

#: A data-mixing law in Ye et al.'s form (:class:`scaling_utils.laws.MixingLaw`) for two training
#: domains (web text, code) and two validation domains (the same), chosen for illustration: each
#: domain's loss falls with its own share (``t_ii < 0``), code helps web text a good deal and web
#: text helps code a little (``t_ij < 0``). Not fitted to any runs.
MIXING_EXAMPLE = laws.MixingLaw(c=[2.0, 0.9], k=[1.2, 1.5], t=[[-0.9, -0.4], [-0.1, -1.6]])

_COMPUTE_GRID = np.geomspace(1e18, 1e26, 41)
_SHARES = np.linspace(0.0, 1.0, 41)


def _tokens_per_param(h, compute):
    law = MIXTURE_LAW.at(h)
    n, d = allocation.chinchilla_optimal(law, compute)
    return np.asarray(d) / np.asarray(n)


def _mixture_h(share):
    return (share * DOMAIN_COMPRESSIBILITY["code"]
            + (1.0 - share) * DOMAIN_COMPRESSIBILITY["web text"])


@dataclass(frozen=True, repr=False)
class MixtureStudy(Study):
    """The compute-optimal split for a mixture of web text and code.

    Computed by :func:`mixture_study`; the view of lesson 07's mixture dashboard.

    Attributes
    ----------
    code_share : float
        The share of code in the training mixture.
    compressibility : float
        The mixture's gzip-compressibility, the share-weighted mean of
        :data:`DOMAIN_COMPRESSIBILITY`.
    law : ChinchillaLaw
        :data:`MIXTURE_LAW` at that compressibility.
    compute : float
        ``C`` in FLOPs.
    n_params, n_tokens : float
        The compute-optimal split (:func:`scaling_utils.allocation.chinchilla_optimal`).
    text_params, text_tokens : float
        The split for web text alone.
    computes, ratio, text_ratio, code_ratio : numpy.ndarray
        Budgets from 10¹⁸ to 10²⁶ FLOPs and the optimal tokens per parameter there for this
        mixture, for web text alone and for code alone.
    shares, share_ratio : numpy.ndarray
        Code shares from 0 to 1 and the optimal tokens per parameter at ``compute``.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.mixture_study(0.5, 21.0)
    >>> study.n_tokens / study.n_params < study.text_tokens / study.text_params
    True

    Introduced in lesson 07.
    """

    code_share: float
    compressibility: float
    law: object
    compute: float
    n_params: float
    n_tokens: float
    text_params: float
    text_tokens: float
    computes: np.ndarray = field(repr=False)
    ratio: np.ndarray = field(repr=False)
    text_ratio: np.ndarray = field(repr=False)
    code_ratio: np.ndarray = field(repr=False)
    shares: np.ndarray = field(repr=False)
    share_ratio: np.ndarray = field(repr=False)

    panels = (1, 1)
    figsize = (10.5, 4.2)

    def __str__(self) -> str:
        return "\n".join([
            f"{100 * self.code_share:.0f} % code: gzip-compressibility H = "
            f"{self.compressibility:.3f}; law E = {self.law.E:.3g}, α = {self.law.alpha:.3g}, "
            f"β = {self.law.beta:.3g}",
            f"at C = {self.compute:.3g} FLOPs: N = {self.n_params:.3g}, D = {self.n_tokens:.3g}, "
            f"{self.n_tokens / self.n_params:.3g} tokens per parameter",
            f"web text alone: N = {self.text_params:.3g}, D = {self.text_tokens:.3g}, "
            f"{self.text_tokens / self.text_params:.3g} tokens per parameter",
        ])

    def draw(self, axes) -> None:
        ax_c, ax_share = axes
        colours = plotting.PALETTE
        plotting.loglog_axes(xlabel="compute C (FLOPs)", ylabel="optimal tokens per parameter",
                             ax=ax_c)
        ax_c.plot(self.computes, self.text_ratio, color=colours["blue"], ls="--", lw=1.5,
                  label="web text alone")
        ax_c.plot(self.computes, self.code_ratio, color=colours["green"], ls="--", lw=1.5,
                  label="code alone")
        ax_c.plot(self.computes, self.ratio, color=colours["vermillion"], lw=2,
                  label=f"{100 * self.code_share:.0f} % code")
        ax_c.plot([self.compute], [self.n_tokens / self.n_params], "o",
                  color=colours["vermillion"], ms=7)
        ax_c.set_title("the optimum moves with the data", fontsize=10)
        ax_c.legend(fontsize=8, loc="lower left")

        ax_share.plot(100 * self.shares, self.share_ratio, color=colours["vermillion"], lw=2)
        ax_share.plot([100 * self.code_share], [self.n_tokens / self.n_params], "o",
                      color=colours["vermillion"], ms=7)
        ax_share.set_xlabel("code in the mixture (%)")
        ax_share.set_ylabel("optimal tokens per parameter")
        ax_share.set_title(f"at C = {self.compute:.2g} FLOPs", fontsize=10)
        ax_share.set_xlim(0, 100)


def mixture_study(code_share=0.0, log10_compute=21.0) -> MixtureStudy:
    r"""The compute-optimal split for a mixture of web text and code under a data-dependent law.

    Pandey (2024, arXiv:2405.16684) reports that the constants of Chinchilla's law move with the
    gzip-compressibility ``H`` of the data, the harder-to-compress data preferring more tokens
    per parameter. Here ``H`` of the mixture is the share-weighted mean of the domains'
    (:data:`DOMAIN_COMPRESSIBILITY`; gzip's output for two large corpora joined is close to the
    sum of their outputs, so the ratio mixes by bytes), the law is :data:`MIXTURE_LAW` at that
    ``H`` (constants chosen for illustration), and the split is Hoffmann et al.'s closed form
    (:func:`scaling_utils.allocation.chinchilla_optimal`). Losses on different data are not
    comparable (more compressible text is easier to predict), so the study compares splits, not
    losses.

    Parameters
    ----------
    code_share : float, default 0
        The share of code, in ``[0, 1]``.
    log10_compute : float, default 21
        ``log₁₀ C`` (18 to 26).

    Returns
    -------
    MixtureStudy

    Raises
    ------
    CourseValueError
        When ``code_share`` is not in ``[0, 1]`` or the exponent is out of range.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.mixture_study(0.5, 21.0))
    50 % code: gzip-compressibility H = 0.285; law E = 1.48, α = 0.348, β = 0.371
    at C = 1e+21 FLOPs: N = 3.24e+09, D = 5.14e+10, 15.9 tokens per parameter
    web text alone: N = 2.78e+09, D = 6e+10, 21.6 tokens per parameter

    Introduced in lesson 07.
    """
    share = _validate.fraction(code_share, "code_share", open_low=False, open_high=False)
    c = 10 ** _log10_in(log10_compute, "log10_compute", 18, 26, "FLOPs")
    h = float(_mixture_h(share))
    law = MIXTURE_LAW.at(h)
    n, d = allocation.chinchilla_optimal(law, c)
    text = MIXTURE_LAW.at(DOMAIN_COMPRESSIBILITY["web text"])
    n_text, d_text = allocation.chinchilla_optimal(text, c)
    return MixtureStudy(
        code_share=share, compressibility=h, law=law, compute=c, n_params=float(n),
        n_tokens=float(d), text_params=float(n_text), text_tokens=float(d_text),
        computes=_COMPUTE_GRID, ratio=_tokens_per_param(h, _COMPUTE_GRID),
        text_ratio=_tokens_per_param(DOMAIN_COMPRESSIBILITY["web text"], _COMPUTE_GRID),
        code_ratio=_tokens_per_param(DOMAIN_COMPRESSIBILITY["code"], _COMPUTE_GRID),
        shares=_SHARES,
        share_ratio=np.array([float(_tokens_per_param(_mixture_h(s), c)) for s in _SHARES]))
