"""The few small real data sets the lessons use, each with its source and licence.

Every file here is listed in the course's NOTICE with its source, licence and how it was
extracted, and has a README beside it saying the same. This module reads them into plain
numpy arrays; it imports nothing above the lowest layer of the package.

- ``benchmark_lang_losses.csv``: the loss curves (neural machine translation and language
  modelling) of the learning-curve benchmark released with Alabdulmohsin, Neyshabur & Zhai
  (2022), arXiv:2209.06640, each with the benchmark's own split into points to fit and points
  to extrapolate to. Read it with :func:`load_benchmark`.
- ``datablations_runs.csv``: the 182 training runs (parameters, tokens, unique tokens, final
  validation loss on C4) on which Muennighoff et al. (2023), arXiv:2305.16264, fitted the decay
  constants of repeated data and excess parameters, as listed in their fitting notebook
  (huggingface/datablations, Apache-2.0). Read it with :func:`load_datablations`.
- ``sardana_runs.csv``: the 47 training runs (150M to 6B parameters, 10 to 10,000 tokens per
  parameter; final loss and downstream evaluations) of Sardana et al. (2024), arXiv:2401.00448,
  as released in their repository (nikhilsardana/beyond-chinchilla, Apache-2.0), byte for byte.
  Read it with :func:`load_sardana_runs`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import _validate
from .._validate import CourseValueError

__all__ = ["BenchmarkCurve", "load_benchmark", "BENCHMARK_SOURCE", "BENCHMARK_DOMAINS",
           "RepetitionRuns", "load_datablations", "DATABLATIONS_SOURCE", "OvertrainingRuns",
           "load_sardana_runs", "SARDANA_SOURCE"]

_HERE = Path(__file__).resolve().parent
_BENCHMARK_FILE = _HERE / "benchmark_lang_losses.csv"
_DATABLATIONS_FILE = _HERE / "datablations_runs.csv"
_SARDANA_FILE = _HERE / "sardana_runs.csv"

#: Where the over-training runs come from, and under which terms (see README.md beside the file).
SARDANA_SOURCE = (
    "Sardana, Portes, Doubov & Frankle (2024), Beyond Chinchilla-Optimal, arXiv:2401.00448: "
    "trainingresults.csv of github.com/nikhilsardana/beyond-chinchilla, commit 190f70e3, "
    "Apache-2.0; all 47 runs, byte for byte")

#: Where the repeated-data runs come from, and under which terms (see README.md beside the file).
DATABLATIONS_SOURCE = (
    "Muennighoff et al. (2023), Scaling Data-Constrained Language Models, arXiv:2305.16264: the "
    "runs listed in utils/parametric_fit.ipynb (code cell 25) of github.com/huggingface/"
    "datablations, commit 13701315, Apache-2.0; the 182 runs their fit of R_D* and R_N* uses")

#: Where the benchmark's curves come from, and under which terms (see README.md beside the file).
BENCHMARK_SOURCE = (
    "Alabdulmohsin, Neyshabur & Zhai (2022), Revisiting Neural Scaling Laws in Language and "
    "Vision, arXiv:2209.06640: benchmark released in github.com/google-research/google-research "
    "(revisiting_neural_scaling_laws/data/benchmark.lang.csv, commit 9853680c), CC BY 4.0 "
    "(the repository's terms for data sets); NMT and LM rows only, each distinct row once")

#: The domains shipped, with what their loss is.
BENCHMARK_DOMAINS = {
    "NMT": "neural machine translation: log-perplexity against examples seen "
           "(5 encoder-decoder architectures, Bansal et al. 2022)",
    "LM": "language modelling: validation loss, rescaled by the benchmark, against tokens seen "
          "(5 decoder-only model sizes, 17M to 1B parameters)",
}


@dataclass(frozen=True)
class BenchmarkCurve:
    """One learning curve of the benchmark, with its split into fitted and held-out points.

    Attributes
    ----------
    domain : str
        ``"NMT"`` or ``"LM"`` (:data:`BENCHMARK_DOMAINS`).
    task : str
        The benchmark's task column (``"log_perplexity"`` or ``"val_loss"``).
    model : str
        The benchmark's model column: an architecture (NMT) or a parameter count (LM).
    x : numpy.ndarray
        Examples (NMT) or tokens (LM) seen, increasing.
    loss : numpy.ndarray
        The loss at each ``x``.
    held_out : numpy.ndarray of bool
        True where the benchmark holds the point out for extrapolation (its ``Training``
        column is 0), False where it is to be fitted.

    Examples
    --------
    >>> from scaling_utils import data
    >>> curve = data.load_benchmark("NMT")[0]
    >>> print(curve)
    NMT 6 Enc, 6 Dec: 11 points, 10 to fit (x 5e+05 to 2.56e+08), 1 held out (x up to 5.12e+08)
    >>> curve.x[curve.held_out], curve.loss[curve.held_out].round(4)
    (array([5.12e+08]), array([0.3402]))

    Introduced in lesson 06.
    """

    domain: str
    task: str
    model: str
    x: np.ndarray = field(repr=False)
    loss: np.ndarray = field(repr=False)
    held_out: np.ndarray = field(repr=False)

    @property
    def name(self) -> str:
        """``"domain model"``, e.g. ``"NMT Dec-only"`` or ``"LM 1.07e+09"``."""
        return f"{self.domain} {self.model}"

    def __str__(self) -> str:
        fit, held = self.x[~self.held_out], self.x[self.held_out]
        return (f"{self.name}: {self.x.size} points, {fit.size} to fit (x {fit.min():.3g} to "
                f"{fit.max():.3g}), {held.size} held out (x up to {held.max():.3g})")


def load_benchmark(domain=None) -> tuple:
    """The benchmark's loss curves (Alabdulmohsin et al. 2022), with its fit/extrapolate split.

    Ten curves from the benchmark released with Alabdulmohsin, Neyshabur & Zhai (2022),
    "Revisiting Neural Scaling Laws in Language and Vision", arXiv:2209.06640: five neural
    machine translation curves (log-perplexity against examples seen; the last, largest point of
    each held out) and five language-model curves (loss against tokens seen; about the second
    half of each held out). Only the benchmark's losses are shipped (see the README beside the
    file): its BIG-bench scores and image-classification error rates are left out.

    Parameters
    ----------
    domain : {"NMT", "LM"}, optional
        Only the curves of one domain; by default all ten, NMT first.

    Returns
    -------
    tuple of BenchmarkCurve
        In the benchmark's order; each with ``x``, ``loss`` and ``held_out``.

    Raises
    ------
    CourseValueError
        If ``domain`` is not ``"NMT"``, ``"LM"`` or None.

    Examples
    --------
    >>> from scaling_utils import data
    >>> curves = data.load_benchmark()
    >>> len(curves), [c.name for c in curves if c.domain == "LM"]
    (10, ['LM 1.68e+07', 'LM 1.34e+08', 'LM 2.62e+08', 'LM 4.53e+08', 'LM 1.07e+09'])
    >>> sum(c.x.size for c in curves), sum(int(c.held_out.sum()) for c in curves)
    (282, 102)

    Introduced in lesson 06.
    """
    if domain is not None:
        if not isinstance(domain, str) or domain.strip().upper() not in BENCHMARK_DOMAINS:
            raise CourseValueError(f"domain must be \"NMT\", \"LM\" or None (all curves); got "
                                   f"{_validate._describe(domain)}.")
        domain = domain.strip().upper()
    with _BENCHMARK_FILE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    curves, keys = {}, []
    for row in rows:
        key = (row["Domain"], row["Task"], row["Model"])
        if key not in curves:
            curves[key] = []
            keys.append(key)
        curves[key].append((float(row["Seen Examples"]), float(row["Loss"]),
                            row["Training"].strip() == "0"))
    result = []
    for key in keys:
        if domain is not None and key[0] != domain:
            continue
        points = sorted(curves[key])
        x, loss, held = (np.array(column) for column in zip(*points))
        result.append(BenchmarkCurve(*key, x, loss, held.astype(bool)))
    return tuple(result)


@dataclass(frozen=True)
class RepetitionRuns:
    """Training runs on repeated data: model size, tokens, unique tokens and final loss.

    One entry per run, flat arrays of one length. Made by :func:`load_datablations`.

    Attributes
    ----------
    names : tuple of str
        The authors' run names (parameters, tokens, unique tokens: ``"2b855b4b"`` is 2.8B
        parameters on 55B tokens of which 4B are unique).
    n_params, n_tokens, unique_tokens : numpy.ndarray
        ``N``, ``D`` and ``U`` of each run.
    loss : numpy.ndarray
        The final validation loss (nats per token, C4, GPT-2 tokenizer).

    Examples
    --------
    >>> from scaling_utils import data
    >>> runs = data.load_datablations()
    >>> print(runs)
    182 runs: 7.1e+06 to 8.67e+09 parameters, 1 to 9000 epochs, loss 2.337 to 8.102
    >>> float(runs.epochs.max()), int((runs.epochs > 1).sum())
    (9000.0, 153)

    Introduced in lesson 07.
    """

    names: tuple
    n_params: np.ndarray = field(repr=False)
    n_tokens: np.ndarray = field(repr=False)
    unique_tokens: np.ndarray = field(repr=False)
    loss: np.ndarray = field(repr=False)

    @property
    def epochs(self) -> np.ndarray:
        """``D/U``, passes over the unique data."""
        return self.n_tokens / self.unique_tokens

    def __len__(self) -> int:
        return self.loss.size

    def __str__(self) -> str:
        return (f"{len(self)} runs: {self.n_params.min():.3g} to {self.n_params.max():.3g} "
                f"parameters, {self.epochs.min():.3g} to {self.epochs.max():.4g} epochs, loss "
                f"{self.loss.min():.4g} to {self.loss.max():.4g}")


def load_datablations() -> RepetitionRuns:
    """The 182 runs Muennighoff et al. (2023) fitted their decay constants on.

    From Muennighoff et al. (2023), "Scaling Data-Constrained Language Models",
    arXiv:2305.16264, Appendix A ("We fit on 182 samples ..."): GPT-2-style models of 7M to 9B
    parameters trained on C4 for 1 to thousands of epochs, with the final validation loss of
    each, as listed in the authors' fitting notebook (``utils/parametric_fit.ipynb`` of
    huggingface/datablations, Apache-2.0; the README beside the file says which cell and how
    it was extracted). Runs the authors left out of that fit (unfinished runs, deduplicated
    data, outliers they commented out) are not shipped.

    Returns
    -------
    RepetitionRuns

    Examples
    --------
    >>> from scaling_utils import data
    >>> runs = data.load_datablations()
    >>> len(runs), runs.names[0], f"{runs.n_params[0]:.3g}", f"{runs.loss[0]:.4f}"
    (182, '2b832b4b', '2.81e+09', '2.7230')

    Introduced in lesson 07.
    """
    with _DATABLATIONS_FILE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = {key: np.array([float(row[key]) for row in rows])
               for key in ("params", "tokens", "unique_tokens", "loss")}
    return RepetitionRuns(tuple(row["name"] for row in rows), columns["params"],
                          columns["tokens"], columns["unique_tokens"], columns["loss"])


#: The downstream evaluations of :func:`load_sardana_runs`: the course's name → the source's column.
_SARDANA_EVALS = {
    "world_knowledge": "eval_gauntlet/world_knowledge",
    "reading_comprehension": "eval_gauntlet/reading_comprehension",
    "language_understanding": "eval_gauntlet/language_understanding",
    "commonsense_reasoning": "eval_gauntlet/commonsense_reasoning",
    "symbolic_problem_solving": "eval_gauntlet/symbolic_problem_solving",
    "core_average": "eval_gauntlet/core_average",
    "mmlu_5_shot": "mmlu_5_shot_avg",
}


@dataclass(frozen=True)
class OvertrainingRuns:
    """Training runs far past 20 tokens per parameter: size, tokens, final loss, evaluations.

    One entry per run, flat arrays of one length. Made by :func:`load_sardana_runs`.

    Attributes
    ----------
    names : tuple of str
        The authors' size labels (``"150M"``, ``"1.3B"``, ...).
    n_params, n_tokens, tokens_per_param : numpy.ndarray
        ``N``, ``D`` and ``D/N`` of each run.
    batch_size : numpy.ndarray
        The batch size (sequences) each run was trained with.
    loss : numpy.ndarray
        The final training loss, smoothed over the last batches (the source's "Smoothed Loss").
    evals : dict of str → numpy.ndarray
        Downstream scores: the five categories of MosaicML's evaluation gauntlet and their
        ``core_average``, and ``mmlu_5_shot``.

    Examples
    --------
    >>> from scaling_utils import data
    >>> runs = data.load_sardana_runs()
    >>> print(runs)
    47 runs: 1.51e+08 to 6.05e+09 parameters, 10 to 10,000 tokens per parameter, loss 2.37 to 3.683
    >>> int((runs.tokens_per_param >= 1000).sum())
    4

    Introduced in lesson 08.
    """

    names: tuple
    n_params: np.ndarray = field(repr=False)
    n_tokens: np.ndarray = field(repr=False)
    tokens_per_param: np.ndarray = field(repr=False)
    batch_size: np.ndarray = field(repr=False)
    loss: np.ndarray = field(repr=False)
    evals: dict = field(repr=False)

    def __len__(self) -> int:
        return self.loss.size

    def __str__(self) -> str:
        return (f"{len(self)} runs: {self.n_params.min():.3g} to {self.n_params.max():.3g} "
                f"parameters, {self.tokens_per_param.min():,.0f} to "
                f"{self.tokens_per_param.max():,.0f} tokens per parameter, loss "
                f"{self.loss.min():.4g} to {self.loss.max():.4g}")


def load_sardana_runs() -> OvertrainingRuns:
    """The 47 training runs Sardana et al. (2024) trained to test their law at extreme ratios.

    From Sardana, Portes, Doubov & Frankle (2024), "Beyond Chinchilla-Optimal: Accounting for
    Inference in Language Model Scaling Laws", arXiv:2401.00448 (abstract: "we train 47 models of
    varying sizes and parameter counts ... up to 10,000" tokens per parameter): MPT-style models
    of 150M to 6B parameters, as released in ``trainingresults.csv`` of
    nikhilsardana/beyond-chinchilla (Apache-2.0; the README beside the file gives the commit and
    a checksum). Their abstract's warning, which lesson 08 lets you check on these runs: a law
    fitted only to runs at typical ratios "overestimates the impact of additional tokens at these
    extreme ranges".

    Returns
    -------
    OvertrainingRuns

    Examples
    --------
    >>> from scaling_utils import data
    >>> runs = data.load_sardana_runs()
    >>> runs.names[0], f"{runs.n_params[0]:.3g}", f"{runs.tokens_per_param[0]:g}", f"{runs.loss[0]:.4f}"
    ('150M', '1.51e+08', '10', '3.6832')
    >>> sorted(runs.evals)[:2]
    ['commonsense_reasoning', 'core_average']

    Introduced in lesson 08.
    """
    with _SARDANA_FILE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    def column(key):
        return np.array([float(row[key]) for row in rows])

    return OvertrainingRuns(tuple(row["Model Name"] for row in rows), column("Parameters"),
                            column("Tokens"), column("Tokens/Params"), column("Batch Size"),
                            column("Smoothed Loss"),
                            {name: column(key) for name, key in _SARDANA_EVALS.items()})
