"""Published constants and tables, each with its paper and the table, equation or section it is in.

Notebooks take every published number from here; tests check what can be checked (a table
against the formula that produced it, a law against its limits). Values are as printed in the
papers. Where a value could only be confirmed from a secondary source, its entry says so.

Use ``describe(KAPLAN_2020)`` (or any other collection here) for a printable table with sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import _validate, laws
from ._validate import CourseValueError

__all__ = [
    "Published",
    "KAPLAN",
    "HESTNESS",
    "KAPLAN_2020",
    "KAPLAN_2020_JOINT",
    "KAPLAN_2020_FRONTIER",
    "HESTNESS_2017",
    "TransformerConfig",
    "GPT2_SMALL",
    "GPT3_175B",
    "A100_BF16_PEAK",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "BESIROGLU_2024",
    "HOFFMANN_2022_FIT",
    "HOFFMANN_2022_TABLE2",
    "HOFFMANN_2022_TABLE3",
    "HOFFMANN_2022_INIT_GRID",
    "PEARCE_SONG_2024",
    "CABALLERO",
    "ALABDULMOHSIN",
    "ALABDULMOHSIN_2022",
    "CABALLERO_2022_BRUTE_GRID",
    "SCHAEFFER",
    "LLAMA3",
    "LLAMA3_2024",
    "CLARK",
    "CLARK_2022",
    "ROUTING_METHODS",
    "clark_routed_law",
    "FRANTAR",
    "FRANTAR_2023",
    "SPARSE_SETTINGS",
    "frantar_sparse_law",
    "ALABDULMOHSIN_SHAPE",
    "ALABDULMOHSIN_2023",
    "describe",
    "kaplan_joint_law",
    "kaplan_single_laws",
    "MUENNIGHOFF",
    "MUENNIGHOFF_2023_FIT",
    "MUENNIGHOFF_2023_C4",
    "MUENNIGHOFF_2023",
    "SORSCHER",
    "SHUMAILOV",
    "GERSTGRASSER",
    "PANDEY",
    "YE",
    "YE_2024",
    "DOHMATOB",
    "SARDANA",
    "SARDANA_2024",
    "SARDANA_2024_README",
    "LLAMA3_MODEL_CARD",
    "LLAMA3_8B",
    "CHEN",
    "BROWN_2024",
    "SCHAEFFER_2025",
    "WU_2024",
    "SNELL_2024",
    "SNELL_2024_ABSTRACT",
    "GADRE",
    "GADRE_2024",
]

KAPLAN = ("Kaplan, McCandlish, Henighan, Brown, Chess, Child, Gray, Radford, Wu & Amodei (2020). "
          "Scaling Laws for Neural Language Models. arXiv:2001.08361")
HESTNESS = ("Hestness, Narang, Ardalani, Diamos, Jun, Kianinejad, Patwary, Yang & Zhou (2017). "
            "Deep Learning Scaling is Predictable, Empirically. arXiv:1712.00409")
RADFORD = ("Radford, Wu, Child, Luan, Amodei & Sutskever (2019). Language Models are "
           "Unsupervised Multitask Learners. OpenAI report")
BROWN = ("Brown et al. (2020). Language Models are Few-Shot Learners. arXiv:2005.14165")


@dataclass(frozen=True)
class Published:
    """One published number: its value, where it is printed, and any caveat.

    Parameters
    ----------
    value : float
        The number as printed (any sign).
    where : str
        Its place in the source: table, equation or section.
    note : str
        A caveat, if any (default none).

    Raises
    ------
    CourseValueError
        When ``value`` is not a finite number or ``where`` is empty.

    Examples
    --------
    >>> from scaling_utils import references
    >>> item = references.KAPLAN_2020.entries["alpha_N"]
    >>> item.value, item.where
    (0.076, 'Eq. 1.1; Table 5')
    >>> float(item)
    0.076

    Introduced in lesson 02.
    """

    value: float
    where: str
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "value", _validate.real(self.value, "value"))
        if not isinstance(self.where, str) or not self.where.strip():
            raise CourseValueError(f"where must say where the number is printed (a table, "
                                   f"equation or section); got {_validate._describe(self.where)}.")
        if not isinstance(self.note, str):
            raise CourseValueError(f"note must be text; got {_validate._describe(self.note)}.")

    def __float__(self) -> float:
        return float(self.value)


class _Collection:
    """Base of the read-only collections of published constants built by :func:`_constants`."""

    __slots__ = ()


#: The names of the collections defined below, for error messages.
_COLLECTION_NAMES: list = []


def _constants(name: str, citation: str, entries: dict, footnote: str = ""):
    """A frozen object whose attributes are the values of ``entries`` (name → Published).

    ``footnote`` is a caveat that holds for every entry; :func:`describe` prints it once, below
    the table.
    """
    cls = type(name, (_Collection,), {
        "__slots__": (),
        "citation": citation,
        "footnote": footnote,
        "entries": dict(entries),
        "__getattr__": lambda self, key: _lookup(entries, key),
        "__setattr__": lambda self, key, value: (_ for _ in ()).throw(
            AttributeError(f"{name} is read-only")),
        "__repr__": lambda self: f"<{name}: {', '.join(entries)}>",
        "__dir__": lambda self: list(entries),
    })
    _COLLECTION_NAMES.append(name)
    return cls()


def _lookup(entries, key):
    try:
        return float(entries[key].value)
    except KeyError:
        raise AttributeError(f"no constant named {key!r}; known: {', '.join(entries)}") from None


def describe(collection) -> str:
    """A printable table of a collection's constants with their sources.

    One row per constant: its name, its value (4 significant digits), where it is printed and any
    caveat in brackets; the citation heads the table and a caveat that holds for every row is
    printed once, as a footnote below it.

    Parameters
    ----------
    collection
        One of the collections of this module: ``KAPLAN_2020``, ``KAPLAN_2020_JOINT``,
        ``KAPLAN_2020_FRONTIER``, ``HESTNESS_2017``, ``HOFFMANN_2022_FIT``, ``PEARCE_SONG_2024``,
        ``ALABDULMOHSIN_2022``, ``LLAMA3_2024``.

    Returns
    -------
    str

    Raises
    ------
    CourseValueError
        When ``collection`` is anything else (a name in quotes, a law, a number).

    Examples
    --------
    >>> from scaling_utils import references
    >>> print(references.describe(references.PEARCE_SONG_2024))  # doctest: +NORMALIZE_WHITESPACE
    Pearce & Song (2024). Reconciling Kaplan and Chinchilla Scaling Laws. arXiv:2406.12907
      kaplan_exponent        0.73        Abstract  [Kaplan: N_opt ∝ C^0.73]
      chinchilla_exponent    0.5         Abstract  [Chinchilla: N_opt ∝ C^0.50]
      embedding_coefficient  4.749e+04   Section 3 (their simulation code)  [N_total ≈ N_non-embedding + 47491·N_non-embedding^(1/3)]

    Introduced in lesson 02.
    """
    if not isinstance(collection, _Collection):
        known = ", ".join(_COLLECTION_NAMES)
        hint = ""
        if isinstance(collection, str):
            hint = (f" Remove the quotes: describe(references.{collection})."
                    if collection in _COLLECTION_NAMES else " Pass the collection itself, not text.")
        elif isinstance(collection, laws.ChinchillaLaw):
            hint = " A law is not a collection: print(law) shows its formula."
        raise CourseValueError(f"describe takes one of the collections of published constants "
                               f"({known}); got {_validate._describe(collection)}.{hint}")
    rows = [collection.citation]
    width = max(len(k) for k in collection.entries)
    for key, item in collection.entries.items():
        note = f"  [{item.note}]" if item.note else ""
        rows.append(f"  {key:<{width}}  {item.value:<10.4g}  {item.where}{note}")
    if collection.footnote:
        rows.append(f"  Note: {collection.footnote}")
    return "\n".join(rows)


# --------------------------------------------------------------------------------------------
# Kaplan et al. (2020)

#: Single-variable laws (Section 1.2, Eq. 1.1–1.3; repeated in Appendix A, Table 5). N counts
#: non-embedding parameters, D tokens, C compute in PF-days; L is the loss in nats per token.
KAPLAN_2020 = _constants("KAPLAN_2020", KAPLAN, {
    "alpha_N": Published(0.076, "Eq. 1.1; Table 5"),
    "N_c": Published(8.8e13, "Eq. 1.1; Table 5", "non-embedding parameters"),
    "alpha_D": Published(0.095, "Eq. 1.2; Table 5"),
    "D_c": Published(5.4e13, "Eq. 1.2; Table 5", "tokens"),
    "alpha_C_min": Published(0.050, "Eq. 1.3; Table 5"),
    "C_c_min": Published(3.1e8, "Eq. 1.3; Table 5",
                         "PF-days; Figure 1's annotation prints 2.3e8 for the same fit"),
    "alpha_C": Published(0.057, "Table 5", "compute at fixed batch size, not C_min"),
    "C_c": Published(1.6e7, "Table 5", "PF-days, at fixed batch size"),
    "alpha_S": Published(0.76, "Eq. 1.6; Table 5", "S_min: the fewest optimiser steps, at large batch"),
    "S_c": Published(2.1e3, "Eq. 1.6; Table 5", "steps"),
    "alpha_B": Published(0.21, "Eq. 1.4; Table 5", "critical batch size"),
    "B_star": Published(2.1e8, "Table 5", "tokens; Eq. 1.4 prints ~2e8"),
    "early_stop_excess": Published(0.10, "Appendix B.2, after Eq. B.5",
                                   "train to α_N/α_S ≈ 10% above the converged loss"),
})

#: The joint fit L(N, D) of Eq. 1.5 (= Eq. 4.1), Section 4.2, Table 2. Its constants differ
#: from the single-variable ones above: the joint form was fitted on its own.
KAPLAN_2020_JOINT = _constants("KAPLAN_2020_JOINT", KAPLAN, {
    "alpha_N": Published(0.076, "Table 2"),
    "alpha_D": Published(0.103, "Table 2", "vs 0.095 in the single-variable law L(D)"),
    "N_c": Published(6.4e13, "Table 2", "vs 8.8e13 in L(N)"),
    "D_c": Published(1.8e13, "Table 2", "vs 5.4e13 in L(D)"),
    "overfitting_coefficient": Published(5e3, "Eq. 4.4", "D ≳ (5×10³)·N^0.74 keeps δL below 0.02"),
    "overfitting_exponent": Published(0.74, "Eq. 4.4; Section 1.1", "≈ α_N/α_D"),
    "overfitting_penalty": Published(0.02, "Section 4.2", "the seed-to-seed noise of the loss"),
})

#: The compute-efficient frontier, Section 6.1 and Table 6: X = X_e · (C_min / PF-day)^p_X.
KAPLAN_2020_FRONTIER = _constants("KAPLAN_2020_FRONTIER", KAPLAN, {
    "p_N": Published(0.73, "Eq. 1.7ff; Eq. 6.1; Table 6", "N_opt ∝ C_min^0.73"),
    "N_e": Published(1.3e9, "Table 6", "parameters at 1 PF-day"),
    "p_B": Published(0.24, "Table 6"),
    "B_e": Published(2.0e6, "Table 6", "tokens"),
    "p_S": Published(0.03, "Eq. 6.2; Table 6"),
    "S_e": Published(5.4e3, "Table 6", "steps"),
    "p_D": Published(0.27, "Table 6; Section 1.1", "Eq. 6.7 gives 0.26 with D_e = 4e10"),
    "D_e": Published(2e10, "Table 6", "tokens"),
    "scale_up_model": Published(8, "Section 1.1", "'increase the model size 8x ...'"),
    "scale_up_data": Published(5, "Section 1.1", "'... only need to increase the data by roughly 5x'"),
})


def kaplan_joint_law() -> laws.KaplanLaw:
    r"""Kaplan et al.'s ``L(N, D)`` (Eq. 1.5) with the constants of their Table 2.

    .. math:: L(N, D) = \left[\left(\frac{6.4\times10^{13}}{N}\right)^{0.076/0.103}
              + \frac{1.8\times10^{13}}{D}\right]^{0.103}

    Returns
    -------
    scaling_utils.laws.KaplanLaw

    Examples
    --------
    >>> from scaling_utils import references
    >>> law = references.kaplan_joint_law()
    >>> f"{law(1e9, 2e10):.3f}"
    '2.374'

    Introduced in lesson 03.
    """
    j = KAPLAN_2020_JOINT
    return laws.KaplanLaw(n_c=j.N_c, d_c=j.D_c, alpha_n=j.alpha_N, alpha_d=j.alpha_D)


def kaplan_single_laws() -> dict:
    r"""Kaplan et al.'s single-variable laws (Eq. 1.1–1.3) as :class:`~scaling_utils.laws.PowerLaw` s.

    ``L(N) = (N_c/N)^α_N``, ``L(D) = (D_c/D)^α_D`` and ``L(C_min) = (C_c^min/C_min)^α_C^min``
    with the constants of :data:`KAPLAN_2020` (their Section 1.2 and Table 5).

    Returns
    -------
    dict
        Keys ``"N"`` (non-embedding parameters), ``"D"`` (tokens), ``"C_min"`` (PF-days).

    Examples
    --------
    >>> from scaling_utils import references
    >>> single = references.kaplan_single_laws()
    >>> f"{single['N'](1e9):.3f}", f"{single['D'](2e10):.3f}", f"{single['C_min'](1.0):.3f}"
    ('2.376', '2.118', '2.658')

    Introduced in lesson 03.
    """
    k = KAPLAN_2020
    return {
        "N": laws.PowerLaw.from_critical_scale(k.N_c, k.alpha_N),
        "D": laws.PowerLaw.from_critical_scale(k.D_c, k.alpha_D),
        "C_min": laws.PowerLaw.from_critical_scale(k.C_c_min, k.alpha_C_min),
    }


# --------------------------------------------------------------------------------------------
# Hestness et al. (2017)

#: Learning-curve exponents β_g (generalisation error ∝ D^β_g) by domain, from Section 4 of the
#: paper. Language modelling is given as a range, its two ends as two entries: the course found
#: no source for a split of the exponent between word- and character-level models. The typical
#: range "between −0.07 and −0.35" is quoted from the paper's Introduction.
HESTNESS_2017 = _constants("HESTNESS_2017", HESTNESS, {
    "machine_translation": Published(-0.128, "Section 4.1"),
    "language_model_steepest": Published(-0.09, "Section 4.2", "word and character level: the "
                                         "steep end of the range −0.09 to −0.06"),
    "language_model_shallowest": Published(-0.06, "Section 4.2",
                                           "the shallow end of the same range"),
    "image_top1": Published(-0.309, "Section 4.3"),
    "image_top5": Published(-0.488, "Section 4.3"),
    "speech_recognition": Published(-0.299, "Section 4.4"),
}, footnote="values quoted from the paper by secondary sources, not yet confirmed in its "
            "own text; language modelling is a range, as no source splits it by word and "
            "character level.")


# --------------------------------------------------------------------------------------------
# Model configurations


@dataclass(frozen=True)
class TransformerConfig:
    """The shape of a published transformer, with where it is stated.

    Parameters
    ----------
    name : str
        The model's name.
    n_layer, d_model, vocab_size, n_ctx : int
        Layers, width, vocabulary size and context length (whole numbers ≥ 1).
    reported_params : float
        The parameter count the paper prints (> 0).
    where : str
        Where the configuration is stated.
    note : str
        A caveat (optional).
    training_tokens, reported_training_flops : float
        Training tokens and compute as reported (≥ 0; 0 when not reported).

    Raises
    ------
    CourseValueError
        When a size is not a positive whole number or a count is negative.

    Examples
    --------
    >>> from scaling_utils import compute, references
    >>> c = references.GPT3_175B
    >>> n = compute.transformer_params(c.n_layer, c.d_model, vocab_size=c.vocab_size,
    ...                                n_ctx=c.n_ctx, include_embeddings=True)
    >>> f"{n / 1e9:.1f}B counted, {c.reported_params / 1e9:.0f}B reported"
    '174.6B counted, 175B reported'

    Introduced in lesson 03.
    """

    name: str
    n_layer: int
    d_model: int
    vocab_size: int
    n_ctx: int
    reported_params: float
    where: str
    note: str = ""
    training_tokens: float = 0.0
    reported_training_flops: float = 0.0

    def __post_init__(self):
        for name in ("n_layer", "d_model", "vocab_size", "n_ctx"):
            object.__setattr__(self, name, _validate.positive_int(getattr(self, name), name))
        object.__setattr__(self, "reported_params",
                           _validate.positive_float(self.reported_params, "reported_params"))
        for name in ("training_tokens", "reported_training_flops"):
            object.__setattr__(self, name, _validate.nonnegative_float(getattr(self, name), name))


GPT2_SMALL = TransformerConfig(
    "GPT-2 small", n_layer=12, d_model=768, vocab_size=50257, n_ctx=1024, reported_params=117e6,
    where=f"{RADFORD}, Table 2 and Section 2.3",
    note="the paper prints 117M; counting the embeddings as well gives about 124M")
GPT3_175B = TransformerConfig(
    "GPT-3 175B", n_layer=96, d_model=12288, vocab_size=50257, n_ctx=2048, reported_params=175.0e9,
    where=f"{BROWN}, Table 2.1 (n_ctx: Section 2.1; tokens: Section 2.2; compute: Table D.1)",
    training_tokens=300e9, reported_training_flops=3.14e23)

#: Peak dense BF16 throughput of one NVIDIA A100 (FLOP/s): an example accelerator for turning
#: FLOPs into GPU-hours. Source: NVIDIA A100 Tensor Core GPU datasheet.
A100_BF16_PEAK = Published(312e12, "NVIDIA A100 Tensor Core GPU datasheet, dense BF16")


# --------------------------------------------------------------------------------------------
# Hoffmann et al. (2022), Besiroglu et al. (2024), Pearce & Song (2024)

HOFFMANN = ("Hoffmann, Borgeaud, Mensch, Buchatskaya, Cai, Rutherford, de Las Casas, Hendricks, "
            "Welbl, Clark et al. (2022). Training Compute-Optimal Large Language Models. "
            "arXiv:2203.15556")
BESIROGLU = ("Besiroglu, Erdil, Barnett & You (2024). Chinchilla Scaling: A replication attempt. "
             "arXiv:2404.10102")
PEARCE = ("Pearce & Song (2024). Reconciling Kaplan and Chinchilla Scaling Laws. "
          "arXiv:2406.12907")

#: Approach 3's fitted law as printed in the paper's body: Appendix D.2, Eq. 10.
HOFFMANN_2022 = laws.ChinchillaLaw(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28)
#: The same fit at full precision: the log-space estimates (e, a, b, α, β) of the paper's TeX
#: source, with E = exp(e), A = exp(a), B = exp(b), as reported by Besiroglu et al. (2024), §2
#: (a secondary source for these digits). E ≈ 1.6934, A ≈ 406.40, B ≈ 410.72, α ≈ 0.3392,
#: β ≈ 0.2849; at Chinchilla's budget (6 · 70e9 · 1.4e12 ≈ 5.88e23 FLOPs) its optimum has
#: D/N ≈ 59.0 tokens per parameter.
HOFFMANN_2022_UNROUNDED = laws.ChinchillaLaw.from_theta(
    (0.5267228, 6.0073404, 6.0179186, 0.33917084, 0.2849083))
#: Besiroglu et al.'s refit of Hoffmann's Approach 3 on 240 points reconstructed from Hoffmann's
#: Figure 4 (their §3; standard errors: E 0.03, A 124.58, B 1293.23, α 0.02, β 0.02). Values as
#: widely quoted from the paper's body; the abstract confirms the two causes of the discrepancy.
BESIROGLU_2024 = laws.ChinchillaLaw(E=1.8172, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658)

HOFFMANN_2022_FIT = _constants("HOFFMANN_2022_FIT", HOFFMANN, {
    "huber_delta": Published(1e-3, "Section 3.3; Appendix D.2", "Huber loss on log-loss residuals"),
    "gopher_flops": Published(5.76e23, "Table 3; Section 4",
                              "the budget Chinchilla shares with Gopher: the Gopher paper's count "
                              "(Rae et al. 2021) as Hoffmann et al. quote it; their own count "
                              "(Appendix F) is 6.3e23"),
    "gopher_params": Published(280e9, "Table 1"),
    "gopher_tokens": Published(300e9, "Table 1"),
    "chinchilla_params": Published(70e9, "Table 1; Section 4"),
    "chinchilla_tokens": Published(1.4e12, "Table 1; Section 4"),
})

#: Table 2: the allocation exponents a (N_opt ∝ C^a) and b (D_opt ∝ C^b) by approach, with
#: their 10th–90th percentile intervals (bootstrap over 80% subsamples).
HOFFMANN_2022_TABLE2 = {
    "Approach 1 (minimum over training curves)": {"a": (0.50, 0.488, 0.502), "b": (0.50, 0.501, 0.512)},
    "Approach 2 (IsoFLOP profiles)": {"a": (0.49, 0.462, 0.534), "b": (0.51, 0.483, 0.529)},
    "Approach 3 (parametric modelling of the loss)": {"a": (0.46, 0.454, 0.455), "b": (0.54, 0.542, 0.543)},
    "Kaplan et al. (2020)": {"a": (0.73, None, None), "b": (0.27, None, None)},
}

#: Table 3: Approach 1's compute-optimal sizes — (parameters, FLOPs, tokens). The paper also
#: prints FLOPs in units of Gopher's budget (FLOPs / 5.76e23).
HOFFMANN_2022_TABLE3 = [
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
]

#: Hoffmann et al.'s grid of L-BFGS starting points for Approach 3 (Appendix D.2): 4,500 points.
HOFFMANN_2022_INIT_GRID = {
    "alpha": (0.0, 0.5, 1.0, 1.5, 2.0),
    "beta": (0.0, 0.5, 1.0, 1.5, 2.0),
    "e": (-1.0, -0.5, 0.0, 0.5, 1.0),
    "a": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
    "b": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
}

PEARCE_SONG_2024 = _constants("PEARCE_SONG_2024", PEARCE, {
    "kaplan_exponent": Published(0.73, "Abstract", "Kaplan: N_opt ∝ C^0.73"),
    "chinchilla_exponent": Published(0.50, "Abstract", "Chinchilla: N_opt ∝ C^0.50"),
    "embedding_coefficient": Published(47491, "Section 3 (their simulation code)",
                                       "N_total ≈ N_non-embedding + 47491·N_non-embedding^(1/3)"),
})


# --------------------------------------------------------------------------------------------
# Caballero et al. (2022), Alabdulmohsin et al. (2022): lesson 06

CABALLERO = ("Caballero, Gupta, Rish & Krueger (2022). Broken Neural Scaling Laws. "
             "arXiv:2210.14891")
ALABDULMOHSIN = ("Alabdulmohsin, Neyshabur & Zhai (2022). Revisiting Neural Scaling Laws in "
                 "Language and Vision. arXiv:2209.06640")

#: Constants of Alabdulmohsin et al.'s estimators M1–M4 (their §2) as their released code
#: (google-research/google-research, revisiting_neural_scaling_laws/) sets them.
ALABDULMOHSIN_2022 = _constants("ALABDULMOHSIN_2022", ALABDULMOHSIN, {
    "bound_margin": Published(1e-3, "released code, methods/base.py (ERR_MARGIN)",
                              "how far the floor stays below the smallest loss and the random-"
                              "guess loss above the largest; absolute in their code, relative "
                              "to the loss in scaling_utils.fitting.fit_family"),
    "benchmark_evaluations": Published(92, "released benchmark, README (data/)",
                                       "72 image classification, 5 NMT, 5 language modelling, "
                                       "10 BIG-bench learning curves"),
})

#: Caballero et al.'s brute-force starting grid for a one-break fit, as their released code gives
#: it (ethancaballero/broken_neural_scaling_laws, fit_bnsl_and_extrapolate__4_digit_addition__
#: dataset_size_x-axis.py, which the code release's README ties to the paper's Appendix A.6):
#: for each parameter (start, stop, step) of ``numpy.arange``, 10·16·4·4·16·4 = 163,840 points.
#: ``b`` and ``d1`` are searched as exponents, b = 1.25^b − 0.9 and d1 = 1.25^d1 − 0.9
#: (``exponent_base``). The objective is the mean of (ln(ŷ + 1) − ln(y + 1))², and the best grid
#: point is refined by ``scipy.optimize.curve_fit``. tools/bench.py times the course's fit
#: against this recipe.
CABALLERO_2022_BRUTE_GRID = {
    "a": (0.0, 1.0, 0.1),
    "b": (0.0, 40.0, 2.5),
    "c0": (0.0, 1.0, 0.25),
    "c1": (0.0, 1.0, 0.25),
    "d1": (0.0, 40.0, 2.5),
    "f1": (0.0, 1.0, 0.25),
    "exponent_base": (1.25, 0.9),
}


# --------------------------------------------------------------------------------------------
# Schaeffer et al. (2023), Llama 3 (2024): lesson 06, from loss to what users measure

SCHAEFFER = ("Schaeffer, Miranda & Koyejo (2023). Are Emergent Abilities of Large Language Models "
             "a Mirage? arXiv:2304.15004")
LLAMA3 = ("Llama Team, AI @ Meta: Dubey et al. (2024). The Llama 3 Herd of Models. "
          "arXiv:2407.21783")

#: Llama 3's compute-optimal law and the budget it planned with (§3.2.1, Figures 3 and 4).
#: N*(C) = A·C^α is the optimal number of *training tokens* for a compute budget C in FLOPs (the
#: text's definition; Figure 3 plots tokens). The text's rounded (α, A) = (0.53, 0.29) give
#: 10.5T tokens at 3.8e25 FLOPs; Figure 3's legend (0.537, 0.299) gives 16.3T, close to the
#: 16.55T the text reports (tests/test_forecast.py checks both).
LLAMA3_2024 = _constants("LLAMA3_2024", LLAMA3, {
    "alpha": Published(0.53, "§3.2.1 (text)", "exponent of N*(C) = A·C^α, N* in training tokens"),
    "A": Published(0.29, "§3.2.1 (text)", "coefficient of N*(C) = A·C^α"),
    "alpha_figure": Published(0.537, "Figure 3 legend", "the fitted line as the figure labels "
                              "it; reproduces the text's 16.55T tokens within 2%"),
    "A_figure": Published(0.299, "Figure 3 legend"),
    "flagship_compute": Published(3.8e25, "§3.2.1", "pre-training budget, FLOPs"),
    "forecast_params": Published(402e9, "§3.2.1", "the law's compute-optimal size at 3.8e25"),
    "forecast_tokens": Published(16.55e12, "§3.2.1", "the law's compute-optimal tokens at "
                                 "3.8e25"),
    "flagship_params": Published(405e9, "§3.2.1", "the size trained"),
    "scaling_compute_min": Published(6e18, "§3.2.1", "smallest budget of the scaling-law runs"),
    "scaling_compute_max": Published(1e22, "§3.2.1", "largest budget; the benchmark forecast "
                                     "of Figure 4 uses models up to here only"),
})


# --------------------------------------------------------------------------------------------
# Clark et al. (2022), Frantar et al. (2023), Alabdulmohsin et al. (2023): lesson 06

CLARK = ("Clark, de las Casas, Guy, Mensch, Paganini, Hoffmann, Damoc, Hechtman, Cai, Borgeaud "
         "et al. (2022). Unified Scaling Laws for Routed Language Models. arXiv:2202.01169")
FRANTAR = ("Frantar, Riquelme, Houlsby, Alistarh & Evci (2023). Scaling Laws for "
           "Sparsely-Connected Foundation Models. arXiv:2309.08520")
ALABDULMOHSIN_SHAPE = ("Alabdulmohsin, Zhai, Kolesnikov & Beyer (2023). Getting ViT in Shape: "
                       "Scaling Laws for Compute-Optimal Model Design. arXiv:2305.13035")

#: The routing methods of Clark et al. (2022), in the order of their table.
ROUTING_METHODS = ("S-BASE", "RL-R", "HASH")
_ROUTING_KEYS = {"S-BASE": "s_base", "RL-R": "rl_r", "HASH": "hash"}
_FIT = "fit of Eq. 1 (Table 3)"

#: Clark et al.'s fits of log10 L = a lg N + b lg Ê + c lg N lg Ê + d (their Eq. 1) per routing
#: method, on models trained for 130B tokens; the dense-only fit L = (N_c/N)^α_N; and the model
#: size past which routing stops helping. laws.RoutedLaw implements the form.
CLARK_2022 = _constants("CLARK_2022", CLARK, {
    **{f"{key}_{name}": Published(value, _FIT, f"{method}")
       for method, values in (("S-BASE", (-0.082, -0.108, 0.009, 1.104, 1.847, 314.478)),
                              ("RL-R", (-0.083, -0.126, 0.012, 1.111, 1.880, 469.982)),
                              ("HASH", (-0.087, -0.136, 0.012, 1.157, 4.175, 477.741)))
       for key in (_ROUTING_KEYS[method],)
       for name, value in zip(("a", "b", "c", "d", "E_start", "E_max"), values)},
    "dense_alpha_N": Published(0.078, "dense fit L = (N_c/N)^α_N", "vs 0.076 in Kaplan et al."),
    "dense_N_c": Published(3.568e13, "dense fit L = (N_c/N)^α_N", "parameters"),
    "s_base_cutoff": Published(937e9, "§5 (N_cutoff)", "S-BASE: parameters past which routing "
                               "no longer helps"),
    "rl_r_cutoff": Published(85e9, "§5 (N_cutoff)", "RL-R"),
    "hash_cutoff": Published(83e9, "§5 (N_cutoff)", "HASH"),
    "training_tokens": Published(130e9, "§2", "every model of the fits"),
}, footnote="values as a secondary source (literature notes) quotes the paper's table and text; "
            "not checked against the paper's own text here. Logarithms are base 10. The three "
            "fits agree at E = 1 to within 1% (they share the dense models), which supports "
            "the transcription; the cutoffs 10^(−b/c) are sensitive to the rounding of c.")


def clark_routed_law(method: str = "S-BASE") -> laws.RoutedLaw:
    r"""Clark et al.'s routed-model law (Eq. 1) with the constants of one routing method.

    .. math:: \log_{10} L = a \log_{10} N + b \log_{10}\hat E + c \log_{10} N \log_{10}\hat E + d

    with ``(a, b, c, d, E_start, E_max)`` from :data:`CLARK_2022`.

    Parameters
    ----------
    method : {"S-BASE", "RL-R", "HASH"}, default "S-BASE"
        The routing method (case does not matter).

    Returns
    -------
    scaling_utils.laws.RoutedLaw

    Raises
    ------
    CourseValueError
        When ``method`` is not one of the three.

    Examples
    --------
    >>> from scaling_utils import references
    >>> print(references.clark_routed_law("RL-R"))
    lg L = -0.083·lg N + -0.126·lg Ê + 0.012·lg N·lg Ê + 1.111  (E_start 1.88, E_max 470)

    Introduced in lesson 06.
    """
    if not isinstance(method, str) or method.upper() not in _ROUTING_KEYS:
        raise CourseValueError(f"method must be one of {', '.join(ROUTING_METHODS)} (the routing "
                               f"methods of Clark et al. 2022); got {_validate._describe(method)}.")
    key = _ROUTING_KEYS[method.upper()]
    c = CLARK_2022
    return laws.RoutedLaw(*(getattr(c, f"{key}_{name}")
                            for name in ("a", "b", "c", "d", "E_start", "E_max")))


#: The two settings of Frantar et al. (2023) and the units their released fits use:
#: (prefix, parameters per unit of N, data per unit of D, what D counts).
SPARSE_SETTINGS = {
    "ViT/JFT": ("vit", 1e6, 1e9, "images"),
    "T5/C4": ("t5", 1e6, 1e5, "training steps"),
}
_NOTEBOOK = "released notebook, fit output"

#: Frantar et al.'s fits of L(S, N, D) = (a_S(1 − S)^b_S + c_S)·N^−b_N + (a_D/D)^b_D + c (their
#: Eq. 1) as the authors' released notebook prints them (google-research/jaxpruner,
#: jaxpruner/projects/bigsparse/sparsity-scaling.ipynb): there the fit is written
#: (a(1 − S)^b + c)·N^−d + e·D^−f + g with N in millions of non-zero parameters and D in billions
#: of images (ViT/JFT-4B) or in units of 10^5 training steps (T5/C4), so a_S, c_S and e are in
#: those units; frantar_sparse_law converts them to plain counts.
FRANTAR_2023 = _constants("FRANTAR_2023", FRANTAR, {
    **{f"{prefix}_{name}": Published(value, _NOTEBOOK, f"{setting}")
       for setting, values in (("ViT/JFT", (1.30485411, 0.82101251, 2.07506343, 0.39222675,
                                            0.27818217, 0.88979104, 4.51669257)),
                               ("T5/C4", (0.56778512, 0.72161276, 1.52265016, 0.24513173,
                                          0.63361517, 0.20270772, 0.65074219)))
       for prefix in (SPARSE_SETTINGS[setting][0],)
       for name, value in zip(("a_S", "b_S", "c_S", "b_N", "e_D", "b_D", "c"), values)},
}, footnote="coefficients as the authors' released notebook fits them, in its units (N in 1e6 "
            "non-zero parameters; D in 1e9 images for ViT, 1e5 steps for T5); e_D is the "
            "coefficient of D^−b_D, a_D = e_D^(1/b_D) in those units. The paper's Table "
            "(in plain counts) was not read here.")


def frantar_sparse_law(setting: str = "ViT/JFT") -> laws.SparseLaw:
    r"""Frantar et al.'s sparsity law (Eq. 1) fitted on ViT/JFT-4B or T5/C4, in plain counts.

    .. math:: L = \bigl(a_S(1-S)^{b_S} + c_S\bigr) N^{-b_N} + (a_D/D)^{b_D} + c

    The released fit (:data:`FRANTAR_2023`) uses ``N`` in millions and ``D`` in billions of images
    (ViT) or in 10⁵ steps (T5); converted to counts, ``a_S`` and ``c_S`` gain the factor
    ``(10⁶)^{b_N}`` and ``a_D = (D unit)·e_D^{1/b_D}``. ``N`` counts non-zero parameters; ``D``
    counts images (ViT/JFT) or training steps (T5/C4).

    Parameters
    ----------
    setting : {"ViT/JFT", "T5/C4"}, default "ViT/JFT"
        Which fit.

    Returns
    -------
    scaling_utils.laws.SparseLaw

    Raises
    ------
    CourseValueError
        When ``setting`` is not one of the two.

    Examples
    --------
    >>> from scaling_utils import references
    >>> print(references.frantar_sparse_law("ViT/JFT"))
    L = (294.4·(1 − S)^0.821 + 468.2)·N^-0.3922 + (2.374e+08/D)^0.8898 + 4.517

    Introduced in lesson 06.
    """
    if not isinstance(setting, str) or setting not in SPARSE_SETTINGS:
        raise CourseValueError(f"setting must be one of {', '.join(SPARSE_SETTINGS)} (the fits "
                               f"of Frantar et al. 2023); got {_validate._describe(setting)}.")
    prefix, n_unit, d_unit, _ = SPARSE_SETTINGS[setting]
    f = FRANTAR_2023
    b_n, b_d = getattr(f, f"{prefix}_b_N"), getattr(f, f"{prefix}_b_D")
    scale = n_unit**b_n
    return laws.SparseLaw(
        a_s=getattr(f, f"{prefix}_a_S") * scale, b_s=getattr(f, f"{prefix}_b_S"),
        c_s=getattr(f, f"{prefix}_c_S") * scale, b_n=b_n,
        a_d=d_unit * getattr(f, f"{prefix}_e_D") ** (1.0 / b_d), b_d=b_d,
        c=getattr(f, f"{prefix}_c"))


#: The scaling exponents s_k of the compute-optimal shape of a vision transformer, x_k* ∝ t^s_k
#: (Alabdulmohsin et al. 2023, §4), and the shape of their SoViT-400m/14.
ALABDULMOHSIN_2023 = _constants("ALABDULMOHSIN_2023", ALABDULMOHSIN_SHAPE, {
    "s_mlp": Published(0.60, "§4 (scaling exponents)", "MLP dimension: scaled fastest"),
    "s_depth": Published(0.45, "§4 (scaling exponents)", "depth"),
    "s_width": Published(0.22, "§4 (scaling exponents)", "width: scaled slowest"),
    "sovit_400m_width": Published(1152, "§4 (SoViT-400m/14)"),
    "sovit_400m_depth": Published(27, "§4 (SoViT-400m/14)"),
    "sovit_400m_mlp": Published(4304, "§4 (SoViT-400m/14)"),
}, footnote="not confirmed against the paper's own text here: the exponents are as widely "
            "quoted; their order (MLP faster than depth, depth faster than width) and the "
            "SoViT-400m/14 shape are confirmed by secondary summaries of the paper.")


# --------------------------------------------------------------------------------------------
# Muennighoff et al. (2023), Sorscher et al. (2022), Shumailov et al. (2024),
# Gerstgrasser et al. (2024): lesson 07

MUENNIGHOFF = ("Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf & Raffel (2023). "
               "Scaling Data-Constrained Language Models. NeurIPS 2023, arXiv:2305.16264")
SORSCHER = ("Sorscher, Geirhos, Shekhar, Ganguli & Morcos (2022). Beyond neural scaling laws: "
            "beating power law scaling via data pruning. NeurIPS 2022, arXiv:2206.14486")
SHUMAILOV = ("Shumailov, Shumaylov, Zhao, Papernot, Anderson & Gal (2024). AI models collapse "
             "when trained on recursively generated data. Nature 631, 755–759")
PANDEY = ("Pandey (2024). gzip Predicts Data-dependent Scaling Laws. arXiv:2405.16684; code: "
          "github.com/KhoomeiK/complexity-scaling")
YE = ("Ye, Liu, Sun, Zhou, Zhan & Qiu (2024). Data Mixing Laws: Optimizing Data Mixtures by "
      "Predicting Language Modeling Performance. arXiv:2403.16952; code: github.com/yegcjs/"
      "mixinglaws")
DOHMATOB = ("Dohmatob, Feng, Yang, Charton & Kempe (2024). A Tale of Tails: Model Collapse as a "
            "Change of Scaling Laws. ICML 2024, arXiv:2402.07043")
GERSTGRASSER = ("Gerstgrasser, Schaeffer, Dey, Rafailov, Sleight, Hughes, Korbak, Agrawal, Pai, "
                "Gromov, Roberts, Yang, Donoho & Koyejo (2024). Is Model Collapse Inevitable? "
                "Breaking the Curse of Recursion by Accumulating Real and Synthetic Data. "
                "arXiv:2404.01413")

#: Muennighoff et al.'s fits, at the precision of their released code (README of
#: huggingface/datablations, "Parametric Fit", and utils/parametric_fit.ipynb; the paper's
#: Appendices A and B print the same digits). The base law is their refit of Chinchilla's form on
#: Hoffmann et al.'s C4 IsoFLOP points with α = β tied (Appendix B: "L = 1.87 + 521/N^0.353 +
#: 1488/D^0.353"); R_D* and R_N* were then fitted with those held fixed (Appendix A).
MUENNIGHOFF_2023_FIT = _constants("MUENNIGHOFF_2023_FIT", MUENNIGHOFF, {
    "e": Published(0.6254804, "Appendix B; repository README", "log E: E ≈ 1.869"),
    "a": Published(6.255414, "Appendix B; repository README", "log A: A ≈ 520.6"),
    "b": Published(7.3049974, "Appendix B; repository README", "log B: B ≈ 1488.6"),
    "alpha": Published(0.3526596, "Appendix B", "tied to β in the fit"),
    "beta": Published(0.3526596, "Appendix B", "tied to α in the fit"),
    "r_d_star": Published(15.387756, "Appendix A; §3.1, Eq. 5",
                          "repeated data: D' = U + U·R_D*·(1 − e^(−R_D/R_D*))"),
    "r_n_star": Published(5.309743, "Appendix A; §3.1, Eq. 6", "excess parameters"),
    "fit_runs": Published(182, "Appendix A", "runs the decay constants were fitted on, 7M to 9B "
                          "parameters, 1 to 500 epochs"),
    "fit_objective": Published(0.0158, "Appendix A, table of parametric fits",
                               "sum of Huber losses (δ = 1e-3) of log-loss residuals; R² 0.7722; "
                               "read in a rendering of the paper's TeX, not its PDF"),
    "huber_delta": Published(1e-3, "Appendices A and B"),
    "negligible_epochs": Published(4, "Abstract", "'up to 4 epochs of repeated data yields "
                                   "negligible changes to loss compared to having unique data'"),
    "readme_loss_6b34": Published(2.2256440889984477, "repository README, 'Parametric Fit'",
                                  "printed loss of N = 6.34e9, D = 242e9, U = 25e9 (Figure 1)"),
    "readme_loss_8b67": Published(2.2269634075087867, "repository README, 'Parametric Fit'",
                                  "printed loss of N = 8.67e9, D = 178e9, U = 25e9 (Figure 1)"),
    "readme_optimum_tokens": Published(237336955477.55075, "repository README, 'Parametric Fit'",
                                       "coarse grid search at C = 1e22 FLOPs, U = 25e9"),
    "readme_optimum_params": Published(7022364735.879969, "repository README, 'Parametric Fit'",
                                       "the same grid search"),
})

#: The one-epoch base law of Muennighoff et al.: Chinchilla's form fitted to C4 (Appendix B).
MUENNIGHOFF_2023_C4 = laws.ChinchillaLaw.from_theta(
    (MUENNIGHOFF_2023_FIT.e, MUENNIGHOFF_2023_FIT.a, MUENNIGHOFF_2023_FIT.b,
     MUENNIGHOFF_2023_FIT.alpha, MUENNIGHOFF_2023_FIT.beta))
#: The published data-constrained law (§3.1, Eq. 5–6; Appendix A): the C4 base law with
#: R_D* = 15.387756 and R_N* = 5.309743. It reproduces the README's printed losses to 1e-9.
MUENNIGHOFF_2023 = laws.DataConstrainedLaw(MUENNIGHOFF_2023_C4, MUENNIGHOFF_2023_FIT.r_d_star,
                                           MUENNIGHOFF_2023_FIT.r_n_star)

#: Ye et al.'s headline result (abstract): the mixture their data-mixing law chose for a 1B model
#: trained on 100B tokens of RedPajama matched a model trained on the default mixture for 48%
#: more steps. Their fitted law constants are not printed, so the course ships none.
YE_2024 = _constants("YE_2024", YE, {
    "extra_steps_matched": Published(0.48, "Abstract",
                                     "the default mixture needed 48% more training steps to "
                                     "match the optimised one (1B model, 100B tokens)"),
    "model_params": Published(1e9, "Abstract", "the model of that comparison"),
    "train_tokens": Published(100e9, "Abstract", "its training tokens"),
})


# --------------------------------------------------------------------------------------------
# Sardana et al. (2024), Llama 3's model card, repeated sampling: lesson 08

SARDANA = ("Sardana, Portes, Doubov & Frankle (2024). Beyond Chinchilla-Optimal: Accounting for "
           "Inference in Language Model Scaling Laws. ICML 2024, arXiv:2401.00448; code: "
           "github.com/nikhilsardana/beyond-chinchilla (Apache-2.0)")
LLAMA3_MODEL_CARD = ("Meta (2024). Meta Llama 3 model card. github.com/meta-llama/llama3, "
                     "MODEL_CARD.md (released April 18, 2024)")
CHEN = ("Chen, Tworek, Jun, Yuan, Pinto, Kaplan et al. (2021). Evaluating Large Language Models "
        "Trained on Code. arXiv:2107.03374")
BROWN_2024 = ("Brown, Juravsky, Ehrlich, Clark, Le, Ré & Mirhoseini (2024). Large Language "
              "Monkeys: Scaling Inference Compute with Repeated Sampling. arXiv:2407.21787")
SCHAEFFER_2025 = ("Schaeffer, Kazdan, Hughes, Juravsky, Price, Lynch, Jones, Kirk, Mirhoseini & "
                  "Koyejo (2025). How Do Large Language Monkeys Get Their Power (Laws)? ICML 2025, "
                  "arXiv:2502.17578")
WU_2024 = ("Wu, Sun, Li, Welleck & Yang (2024). Inference Scaling Laws: An Empirical Analysis of "
           "Compute-Optimal Inference for Problem-Solving with Language Models. arXiv:2408.00724")
SNELL_2024 = ("Snell, Lee, Xu & Kumar (2024). Scaling LLM Test-Time Compute Optimally can be More "
              "Effective than Scaling Model Parameters. arXiv:2408.03314")

#: The law Sardana et al.'s code uses for every calculation: Chinchilla's form with E, A and B of
#: Hoffmann et al.'s Eq. 10 and exponents α = 0.336, β = 0.283, the defaults of
#: ``ChinchillaConstants.__init__`` in ``utils.py`` (line 17) of nikhilsardana/beyond-chinchilla at
#: commit 190f70e365dc75037a2b3178609d00243f24b4b9. Their README calls these "the original
#: coefficients from the Chinchilla paper"; the exponents are neither the paper's rounded
#: 0.34/0.28 (:data:`HOFFMANN_2022`) nor the unrounded 0.3392/0.2849
#: (:data:`HOFFMANN_2022_UNROUNDED`), and the course has not found where the three digits come
#: from. With this law the README's worked examples come out to the printed digits
#: (:data:`SARDANA_2024_README`; tests/test_inference.py).
SARDANA_2024 = laws.ChinchillaLaw(E=1.69, A=406.4, B=410.7, alpha=0.336, beta=0.283)

_README = "repository README"
#: The worked examples of Sardana et al.'s repository README (commit 190f70e3), as printed, and
#: the settings that produce them. ``compute_*``: ``compute_optimal.py --loss 1.947
#: --inference_tokens 2e12``; ``cost_*``: ``cost_optimal.py`` with the hardware below (training on
#: A100-80GB in BF16, inference on A100-40GB in INT8). The peak throughputs are those of their
#: ``cost_calculator.py`` (lines 6–7: A100 INT8 6.24e14 and FP16/BF16 3.12e14 operations per
#: second, NVIDIA's dense tensor-core figures).
SARDANA_2024_README = _constants("SARDANA_2024_README", SARDANA, {
    "example_params": Published(70e9, f"{_README}, model_calculator.py example",
                                "`--model 70e9 --data 1e12` prints loss 1.947"),
    "example_tokens": Published(1e12, f"{_README}, model_calculator.py example"),
    "example_loss": Published(1.947, f"{_README}, model_calculator.py example",
                              "the target loss of both worked examples"),
    "compute_inference_tokens": Published(2e12, f"{_README}, compute_optimal.py example"),
    "compute_params": Published(2.418e10, f"{_README}, compute_optimal.py example"),
    "compute_tokens": Published(2.657e12, f"{_README}, compute_optimal.py example"),
    "compute_params_vs_chinchilla": Published(0.7096, f"{_README}, compute_optimal.py example",
                                              "printed as 70.96%"),
    "compute_tokens_vs_chinchilla": Published(1.4677, f"{_README}, compute_optimal.py example",
                                              "printed as 146.77%"),
    "compute_flops_vs_chinchilla": Published(0.9522, f"{_README}, compute_optimal.py example",
                                             "printed as 95.22% ('should cost'; the script "
                                             "itself says 'of the FLOPs')"),
    "cost_requests": Published(1e10, f"{_README}, cost_optimal.py example"),
    "cost_input_tokens": Published(1000, f"{_README}, cost_optimal.py example",
                                   "prompt (prefill) tokens per request"),
    "cost_output_tokens": Published(250, f"{_README}, cost_optimal.py example",
                                    "generated (decode) tokens per request"),
    "cost_train_price": Published(1.40, f"{_README}, cost_optimal.py example",
                                  "dollars per A100-80GB hour"),
    "cost_inference_price": Published(0.60, f"{_README}, cost_optimal.py example",
                                      "dollars per A100-40GB hour"),
    "cost_train_peak": Published(3.12e14, "cost_calculator.py, line 7 (A100_FP16_OPS)",
                                 "BF16, operations per second"),
    "cost_inference_peak": Published(6.24e14, "cost_calculator.py, line 6 (A100_INT8_OPS)",
                                     "INT8, operations per second"),
    "cost_train_mfu": Published(0.5, f"{_README}, cost_optimal.py example"),
    "cost_prefill_mfu": Published(0.4, f"{_README}, cost_optimal.py example"),
    "cost_decode_mfu": Published(0.2, f"{_README}, cost_optimal.py example"),
    "cost_params": Published(2.053e10, f"{_README}, cost_optimal.py example"),
    "cost_tokens": Published(3.302e12, f"{_README}, cost_optimal.py example"),
    "cost_params_vs_chinchilla": Published(0.6023, f"{_README}, cost_optimal.py example",
                                           "printed as 60.23%"),
    "cost_tokens_vs_chinchilla": Published(1.8241, f"{_README}, cost_optimal.py example",
                                           "printed as 182.41%"),
    "cost_vs_chinchilla": Published(0.8876, f"{_README}, cost_optimal.py example",
                                    "printed as 88.76%"),
    "training_runs": Published(47, "Abstract; repository README, 'Data'",
                               "MPT-style models, 150M to 6B parameters, 10 to 10,000 tokens per "
                               "parameter (scaling_utils.data.load_sardana_runs)"),
})

#: Llama 3 8B as its model card states it: 8B parameters pretrained on "over 15 trillion tokens"
#: (the table prints "15T+"), about 1,900 tokens per parameter (15e12 / 8e9 = 1,875, a lower
#: bound), some 90 times Chinchilla's 20.
LLAMA3_8B = _constants("LLAMA3_8B", LLAMA3_MODEL_CARD, {
    "n_params": Published(8e9, "Model Details, table (Params: 8B)"),
    "n_tokens": Published(15e12, "Model Details, table (Token count: 15T+); Training Data",
                          "'over 15 trillion tokens': a lower bound"),
})

GADRE = ("Gadre, Smyrnis, Shankar, Gururangan, Wortsman, Shao, Mercat, Fang, Li, Keh, Xin, "
         "Nezhurina, Vasiljevic, Soldaini, Jitsev, Dimakis, Ilharco, Koh, Song, Kollar, Carmon, "
         "Dave, Heckel, Muennighoff & Schmidt (2024). Language models scale reliably with "
         "over-training and on downstream tasks. arXiv:2403.08540 (ICLR 2025); runs: "
         "github.com/mlfoundations/scaling")

#: Gadre et al.'s over-training test bed and headline extrapolation, as their abstract states them
#: (arXiv v1 and the ICLR 2025 version agree): 104 models of 0.011B to 6.9B parameters on three
#: data sets; laws fitted in both model size and the ratio of tokens to parameters predict the
#: validation loss of a 1.4B-parameter run on 900B tokens ("32× over-trained") from experiments
#: that take 300× less compute.
GADRE_2024 = _constants("GADRE_2024", GADRE, {
    "n_models": Published(104, "Abstract", "0.011B to 6.9B parameters, three data distributions"),
    "overtrained_params": Published(1.4e9, "Abstract", "the over-trained run they predict"),
    "overtrained_tokens": Published(900e9, "Abstract", "its training tokens"),
    "overtraining_factor": Published(32, "Abstract",
                                     "'32× over-trained': tokens per parameter over Chinchilla's "
                                     "20 (900e9 / 1.4e9 ≈ 640 = 32 × 20)"),
    "compute_ratio": Published(300, "Abstract",
                               "the runs used to fit take 300× less compute than the runs "
                               "predicted"),
})

#: Snell et al.'s two headline numbers, as their abstract states them: a compute-optimal,
#: per-prompt allocation of test-time compute is "more than 4x" as efficient as a best-of-N
#: baseline; and "in a FLOPs-matched evaluation ... on problems where a smaller base model
#: attains somewhat non-trivial success rates, test-time compute can be used to outperform a 14x
#: larger model".
SNELL_2024_ABSTRACT = _constants("SNELL_2024_ABSTRACT", SNELL_2024, {
    "efficiency_vs_best_of_n": Published(4, "Abstract", "'more than 4x' (a lower bound)"),
    "larger_model_factor": Published(14, "Abstract",
                                     "FLOPs-matched; only on problems where the smaller model "
                                     "attains somewhat non-trivial success rates"),
})
