r"""Real training runs on a laptop CPU: small numpy language models, sweeps of them, a cache.

Lesson 09 trains its own scaling study. The model is a character-level MLP language model in the
manner of Bengio et al. (2003), "A Neural Probabilistic Language Model", JMLR 3: the previous
:data:`CONTEXT` characters are looked up in an embedding table (:data:`EMBEDDING` numbers per
character), concatenated, passed through one tanh hidden layer of ``width`` units, and a softmax
over :data:`VOCAB_SIZE` characters predicts the next one. It has

.. math:: N = V e + (c e + 1)\,h + (h + 1)\,V

trained parameters (``V`` characters, ``e`` embedding numbers, ``c`` context characters, ``h``
hidden units: embedding table, hidden weights and biases, output weights and biases). ``N``
counts every one of them, embeddings included (lesson 05 shows why the choice matters); at the
narrowest widths the embedding table and the output biases are a large share of it.

Each run reads ``n_tokens`` training windows once (one pass, no repetition), in batches, with Adam
(Kingma & Ba 2015) and a cosine learning-rate schedule sized to the run (a short linear warm-up,
then down to a tenth of the peak at the last step; Hoffmann et al. 2022, §3 and Figure A1, show
that a cosine cycle longer than the run overstates its loss). The windows of a seed are one random
permutation of every training position, and a run with budget ``D`` reads its first ``D``: the
runs of one seed are nested. The loss reported is the mean cross-entropy (nats per character) on
held-out blocks of the corpus, interleaved with the training blocks (every
:data:`HELD_OUT_EVERY`-th block of :data:`BLOCK` characters), so that the held-out text is spread
over the whole corpus rather than being one topic.

The corpus is a fixed snapshot of Python's own documentation (``scaling_utils/data``, PSF License
Version 2; see its README). Its hash, the settings of a run and :data:`ENGINE_VERSION` key the
cache of results (:data:`CACHE_DIR`, a folder that may be deleted at any time).

Everything runs in float64, one BLAS thread per run (``scaling_utils._blas``), with every random
generator seeded, so a run gives the same loss on every machine to about the fifth digit.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import _blas, _validate, data
from ._validate import CourseValueError
from .simulate import Sweep

__all__ = ["count_params", "train_run", "RunResult", "run_sweep", "TrainedSweep",
           "precomputed_sweep", "estimate_seconds", "learning_rate_grid", "LearningRateGrid",
           "precomputed_learning_rate_grid", "batch_size_grid", "BatchSizeGrid",
           "precomputed_batch_size_grid", "CACHE_DIR", "ENGINE_VERSION", "VOCAB_SIZE", "CONTEXT",
           "EMBEDDING", "DEFAULT_WIDTHS", "DEFAULT_BUDGETS", "LEARNING_RATE", "BATCH_SIZE",
           "BASE_WIDTH", "PARAMETRISATIONS", "LR_GRID", "BATCH_GRID"]

#: Bumped whenever a change to the engine changes any loss: it is part of every cache key.
ENGINE_VERSION = 1
#: Characters the softmax predicts: the 63 most frequent of the corpus and one "other".
VOCAB_SIZE = 64
#: Characters of context the model sees.
CONTEXT = 8
#: Numbers per character in the embedding table.
EMBEDDING = 16
#: Size, in characters, of the blocks the corpus is cut into; every HELD_OUT_EVERY-th is held out.
BLOCK = 4096
HELD_OUT_EVERY = 10
#: The default sweep: hidden widths and training tokens (characters read, one per window).
DEFAULT_WIDTHS = (8, 16, 32, 64, 128, 256)
DEFAULT_BUDGETS = (12_500, 25_000, 50_000, 100_000, 200_000, 400_000)
#: Adam's peak learning rate and the batch size of every run unless told otherwise.
LEARNING_RATE = 1e-2
BATCH_SIZE = 64
#: The width at which the μP model equals the standard one (its "base shape").
BASE_WIDTH = 32
PARAMETRISATIONS = ("standard", "mup")
#: Points of each run's training curve.
CURVE_POINTS = 16
#: Where cached runs are kept (one small JSON file each); delete the folder to start afresh.
#: In a checkout of the course, ``sweep-cache/`` in the course folder (ignored by git);
#: otherwise ``~/.cache/scaling_utils``; the environment variable SCALING_UTILS_CACHE overrides.
def _default_cache_dir() -> Path:
    course = Path(__file__).resolve().parent.parent
    if (course / "pyproject.toml").exists():
        return course / "sweep-cache"
    return Path.home() / ".cache" / "scaling_utils"


CACHE_DIR = Path(os.environ.get("SCALING_UTILS_CACHE") or _default_cache_dir())

_ADAM = (0.9, 0.99, 1e-8)
_WARMUP = 0.02
_FLOOR = 0.1
_MAX_WIDTH = 4096
_MAX_SECONDS = 20 * 60
_EVAL_CHUNK = 4096
#: Seconds per training token: a fixed part and a part per hidden unit, and a cost per step,
#: measured on the course's 2-core machine (one thread); used only to plan and to refuse.
_COST = (1.0e-6, 0.045e-6, 160e-6)
_PRECOMPUTED = Path(__file__).resolve().parent / "data"


# --- the corpus ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Corpus:
    ids: np.ndarray
    train: np.ndarray
    held_out: np.ndarray
    sha256: str


@functools.lru_cache(maxsize=1)
def _corpus() -> _Corpus:
    text = data.load_python_docs()
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    values, counts = np.unique(codes, return_counts=True)
    ranked = values[np.lexsort((values, -counts))][: VOCAB_SIZE - 1]
    table = np.full(int(codes.max()) + 1, VOCAB_SIZE - 1, dtype=np.int64)
    table[ranked] = np.arange(ranked.size)
    ids = table[codes]
    held = (np.arange(ids.size) // BLOCK) % HELD_OUT_EVERY == HELD_OUT_EVERY // 2
    running = np.concatenate([[0], np.cumsum(held)])
    targets = np.arange(CONTEXT, ids.size)
    in_held = running[targets + 1] - running[targets - CONTEXT]
    return _Corpus(ids, targets[in_held == 0], targets[in_held == CONTEXT + 1],
                   hashlib.sha256(text.encode("utf-8")).hexdigest())


# --- the model -----------------------------------------------------------------------------------

def count_params(width):
    r"""The number of trained parameters of the model with ``width`` hidden units.

    .. math:: N = V e + (c e + 1)\,h + (h + 1)\,V

    with ``V`` = :data:`VOCAB_SIZE`, ``e`` = :data:`EMBEDDING`, ``c`` = :data:`CONTEXT` (the
    model of Bengio et al. 2003, JMLR 3, §2, without its direct input-to-output connections).
    Every parameter counts: the embedding table, the hidden layer's weights and biases, the
    output layer's weights and biases.

    Parameters
    ----------
    width : int or array_like of int
        Hidden units (≥ 1).

    Returns
    -------
    int or numpy.ndarray
        ``N`` for each width.

    Raises
    ------
    CourseValueError
        If a width is not a whole number ≥ 1.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> experiments.count_params(8), experiments.count_params([32, 256]).tolist()
    (2632, [7264, 50496])

    Introduced in lesson 09.
    """
    h = _validate.positive_array(width, "width", integer=True, minimum=1)
    n = VOCAB_SIZE * EMBEDDING + (CONTEXT * EMBEDDING + 1) * h + (h + 1) * VOCAB_SIZE
    return int(n) if np.ndim(width) == 0 else n.astype(np.int64)


def _init(width, rng, parametrisation):
    fan_in = CONTEXT * EMBEDDING
    params = {
        "embedding": rng.standard_normal((VOCAB_SIZE, EMBEDDING)),
        "w_hidden": rng.standard_normal((fan_in, width)) / math.sqrt(fan_in),
        "b_hidden": np.zeros(width),
        "w_out": rng.standard_normal((width, VOCAB_SIZE)) / math.sqrt(width),
        "b_out": np.zeros(VOCAB_SIZE),
    }
    rates = dict.fromkeys(params, 1.0)
    if parametrisation == "mup":
        # Yang et al. 2022 (Tensor Programs V), Table 3, for Adam: the output weights map the
        # width to a fixed size, so their initial variance is 1/fan_in² and their learning rate
        # 1/fan_in; the embedding and hidden weights have a fixed fan-in here, so they keep the
        # standard scaling. Both relative to BASE_WIDTH, where the two parametrisations agree.
        params["w_out"] *= math.sqrt(BASE_WIDTH / width)
        rates["w_out"] = BASE_WIDTH / width
    return params, rates


def _loss_and_grads(params, x, y, grads=True):
    """Mean cross-entropy of predicting ``y`` from contexts ``x``, and its gradient."""
    rows = x.shape[0]
    inputs = params["embedding"][x].reshape(rows, -1)
    hidden = np.tanh(inputs @ params["w_hidden"] + params["b_hidden"])
    logits = hidden @ params["w_out"] + params["b_out"]
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    total = exp.sum(axis=1)
    picked = np.arange(rows)
    loss = float(np.mean(np.log(total) - logits[picked, y]))
    if not grads:
        return loss, None
    d_logits = exp / total[:, None]
    d_logits[picked, y] -= 1.0
    d_logits /= rows
    d_pre = (d_logits @ params["w_out"].T) * (1.0 - hidden * hidden)
    d_inputs = (d_pre @ params["w_hidden"].T).reshape(rows * CONTEXT, EMBEDDING)
    d_embedding = np.zeros_like(params["embedding"])
    np.add.at(d_embedding, x.ravel(), d_inputs)
    return loss, {"embedding": d_embedding, "w_hidden": inputs.T @ d_pre,
                  "b_hidden": d_pre.sum(axis=0), "w_out": hidden.T @ d_logits,
                  "b_out": d_logits.sum(axis=0)}


def _windows(corpus, positions):
    return corpus.ids[positions[:, None] + np.arange(-CONTEXT, 0)], corpus.ids[positions]


def _held_out_loss(params, corpus):
    total = 0.0
    for start in range(0, corpus.held_out.size, _EVAL_CHUNK):
        positions = corpus.held_out[start:start + _EVAL_CHUNK]
        loss, _ = _loss_and_grads(params, *_windows(corpus, positions), grads=False)
        total += loss * positions.size
    return total / corpus.held_out.size


def _schedule(step, steps, schedule):
    warm = min(1.0, (step + 1) / max(1, round(_WARMUP * steps)))
    if schedule == "constant":
        return warm
    return warm * (_FLOOR + (1 - _FLOOR) * 0.5 * (1 + math.cos(math.pi * step / max(1, steps - 1))))


@_blas.single_threaded
def _train(width, n_tokens, seed, learning_rate, batch_size, parametrisation,
           schedule="cosine", keep_steps=False):
    """One run; returns a JSON-ready dict (the worker function: it lives here to be importable)."""
    start = time.perf_counter()
    corpus = _corpus()
    params, rates = _init(width, np.random.default_rng([seed, 0]), parametrisation)
    order = np.random.default_rng([seed, 1]).permutation(corpus.train)[:n_tokens]
    steps = n_tokens // batch_size
    beta1, beta2, eps = _ADAM
    first = {k: np.zeros_like(v) for k, v in params.items()}
    second = {k: np.zeros_like(v) for k, v in params.items()}
    step_losses = np.empty(steps)
    for step in range(steps):
        x, y = _windows(corpus, order[step * batch_size:(step + 1) * batch_size])
        step_losses[step], grads = _loss_and_grads(params, x, y)
        rate = learning_rate * _schedule(step, steps, schedule)
        fix1, fix2 = 1 - beta1 ** (step + 1), 1 - beta2 ** (step + 1)
        for key, grad in grads.items():
            first[key] = beta1 * first[key] + (1 - beta1) * grad
            second[key] = beta2 * second[key] + (1 - beta2) * grad * grad
            params[key] -= (rate * rates[key] * (first[key] / fix1)
                            / (np.sqrt(second[key] / fix2) + eps))
    chunks = np.array_split(np.arange(steps), min(CURVE_POINTS, steps))
    result = {
        "loss": _held_out_loss(params, corpus),
        "curve_tokens": [int((c[-1] + 1) * batch_size) for c in chunks],
        "curve_loss": [float(step_losses[c].mean()) for c in chunks],
        "seconds": time.perf_counter() - start,
    }
    if keep_steps:
        result["step_loss"] = step_losses.tolist()
    return result


# --- one run -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunResult:
    """One training run of :func:`train_run`: its settings, held-out loss and training curve.

    Attributes
    ----------
    width, n_params, n_tokens : int
        Hidden units, trained parameters (:func:`count_params`) and training tokens.
    loss : float
        Mean cross-entropy on the held-out blocks at the end of the run (nats per character).
    curve_tokens, curve_loss : numpy.ndarray
        The training curve: the mean loss of the windows read in each of up to
        :data:`CURVE_POINTS` equal stretches of the run, and the tokens read by the end of each.
        The run reads each window once, before training on it, so this is a fair estimate of
        held-out loss along the way (and a noisier one than ``loss``).
    seconds : float
        Time the run took (its own process, one thread).
    settings : dict
        seed, learning_rate, batch_size and parametrisation.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> run = experiments.train_run(8, 3200, cache=False)
    >>> print(run)
    width 8 (2632 parameters), 3200 tokens: held-out loss 3.1... nats per character

    Introduced in lesson 09.
    """

    width: int
    n_params: int
    n_tokens: int
    loss: float
    curve_tokens: np.ndarray = field(repr=False)
    curve_loss: np.ndarray = field(repr=False)
    seconds: float
    settings: dict = field(repr=False)

    def __str__(self) -> str:
        return (f"width {self.width} ({self.n_params} parameters), {self.n_tokens} tokens: "
                f"held-out loss {self.loss:.4f} nats per character")


def _settings(width, n_tokens, seed, learning_rate, batch_size, parametrisation,
              schedule="cosine"):
    return {"width": int(width), "n_tokens": int(n_tokens), "seed": int(seed),
            "learning_rate": float(learning_rate), "batch_size": int(batch_size),
            "parametrisation": parametrisation, "schedule": schedule}


def _cache_file(settings) -> Path:
    key = dict(settings, corpus=_corpus().sha256, engine=ENGINE_VERSION, vocab=VOCAB_SIZE,
               context=CONTEXT, embedding=EMBEDDING, block=BLOCK, every=HELD_OUT_EVERY)
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:24]
    return Path(CACHE_DIR) / f"run-{digest}.json"


def _train_job(settings, keep_steps=False):
    """Worker entry point: train the run that ``settings`` describe."""
    return _train(settings["width"], settings["n_tokens"], settings["seed"],
                  settings["learning_rate"], settings["batch_size"],
                  settings["parametrisation"], settings["schedule"], keep_steps)


def _estimate(settings) -> float:
    fixed, per_unit, per_step = _COST
    return (settings["n_tokens"] * (fixed + per_unit * settings["width"])
            + per_step * settings["n_tokens"] / settings["batch_size"])


def _run_many(jobs, *, workers, cache, progress, what, keep_steps=False):
    """Results of ``jobs`` (settings dicts) in order: from the cache, else trained in workers."""
    results = [None] * len(jobs)
    files = [_cache_file(job) for job in jobs]
    if cache:
        for i, path in enumerate(files):
            try:
                stored = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            if not keep_steps or "step_loss" in stored:
                results[i] = dict(stored, cached=True)
    todo = sorted((i for i, r in enumerate(results) if r is None),
                  key=lambda i: -_estimate(jobs[i]))
    workers = min(workers, len(todo)) if todo else 1
    bar = None
    if todo and progress:
        from tqdm.auto import tqdm

        total = sum(_estimate(jobs[i]) for i in todo)
        bar = tqdm(total=total, desc=f"{what}: 0/{len(todo)} runs",
                   bar_format="{desc} {percentage:3.0f}%|{bar}| [{elapsed} elapsed, "
                              "{remaining} left]")

    def finish(i, result, done):
        results[i] = dict(result, cached=False)
        if cache:
            try:
                files[i].parent.mkdir(parents=True, exist_ok=True)
                files[i].write_text(json.dumps(result))
            except OSError:  # a read-only course folder: train again next time, say nothing
                pass
        if bar is not None:
            bar.set_description_str(f"{what}: {done}/{len(todo)} runs", refresh=False)
            bar.update(_estimate(jobs[i]))

    try:
        if workers <= 1 or len(todo) <= 1:
            for done, i in enumerate(todo, 1):
                finish(i, _train_job(jobs[i], keep_steps), done)
        elif todo:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                futures = {pool.submit(_train_job, jobs[i], keep_steps): i for i in todo}
                for done, future in enumerate(as_completed(futures), 1):
                    finish(futures[future], future.result(), done)
    finally:
        if bar is not None:
            bar.close()
    return results


def _check_common(seed, learning_rate, batch_size, parametrisation, workers):
    seed = _validate.seed_value(seed)
    learning_rate = _validate.positive_float(learning_rate, "learning_rate")
    if learning_rate > 1:
        raise CourseValueError(f"learning_rate must be at most 1 (Adam's steps are about that "
                               f"size per parameter); got {learning_rate:g}. Try 0.01.")
    batch_size = _validate.positive_int(batch_size, "batch_size")
    if batch_size > 8192:
        raise CourseValueError(f"batch_size must be at most 8192; got {batch_size}.")
    if parametrisation not in PARAMETRISATIONS:
        raise CourseValueError(f"parametrisation must be \"standard\" or \"mup\"; got "
                               f"{_validate._describe(parametrisation)}.")
    if workers is None:
        workers = max(1, min(os.cpu_count() or 1, 8))
    workers = _validate.positive_int(workers, "workers")
    return seed, learning_rate, batch_size, parametrisation, workers


def _check_sizes(widths, budgets, batch_size, name_w="sizes", name_b="budgets"):
    widths = _validate.positive_array(widths, name_w, integer=True, minimum=1)
    budgets = _validate.positive_array(budgets, name_b, integer=True, minimum=1)
    for name, values in ((name_w, widths), (name_b, budgets)):
        if values.ndim != 1:
            raise CourseValueError(f"{name} must be a flat list of whole numbers, e.g. [16, 32]; "
                                   f"got shape {values.shape}.")
    if widths.max() > _MAX_WIDTH:
        raise CourseValueError(f"{name_w} must be hidden widths of at most {_MAX_WIDTH:,}; got "
                               f"{widths.max():g}. A laptop trains widths up to a few hundred in "
                               f"seconds.")
    available = _corpus().train.size
    if budgets.max() > available:
        raise CourseValueError(f"{name_b} must be at most {available:,} tokens: each run reads "
                               f"the corpus's training windows once, and it has {available:,}; "
                               f"got {budgets.max():g}.")
    if budgets.min() < batch_size:
        raise CourseValueError(f"{name_b} must be at least one batch ({batch_size} tokens); got "
                               f"{budgets.min():g}.")
    return [int(w) for w in widths], [int(b) for b in budgets]


def _refuse_if_slow(jobs, workers):
    seconds = sum(_estimate(job) for job in jobs) / min(workers, max(1, len(jobs)))
    if seconds > _MAX_SECONDS:
        raise CourseValueError(
            f"these {len(jobs)} runs would take about {seconds / 60:.0f} minutes on "
            f"{workers} worker(s) of a laptop like the course's (the limit is "
            f"{_MAX_SECONDS // 60} minutes); use fewer or smaller widths and budgets.")


def estimate_seconds(sizes=None, budgets=None, *, workers=None, batch_size=BATCH_SIZE):
    """Wall time a sweep would take on a 2-core laptop like the course's, without running it.

    A cost model measured on the course's machine: each run costs about
    ``n_tokens · (1.0 + 0.045·width) µs`` plus 160 µs per optimiser step, one core each; the runs
    are shared among ``workers`` processes. A rough guide (±50%), for planning; the sweep itself
    refuses anything above 20 minutes.

    Parameters
    ----------
    sizes, budgets : list of int, optional
        Hidden widths and training tokens, as :func:`run_sweep` takes them (the defaults if None).
    workers : int, optional
        Processes (default: the number of cores, at most 8).
    batch_size : int
        Windows per optimiser step.

    Returns
    -------
    float
        Seconds of wall time.

    Raises
    ------
    CourseValueError
        As :func:`run_sweep`, for the same arguments.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> round(experiments.estimate_seconds(workers=2), -1) <= 60
    True

    Introduced in lesson 09.
    """
    _, _, batch_size, _, workers = _check_common(0, LEARNING_RATE, batch_size, "standard",
                                                 workers)
    widths, budgets = _check_sizes(DEFAULT_WIDTHS if sizes is None else sizes,
                                   DEFAULT_BUDGETS if budgets is None else budgets, batch_size)
    jobs = [_settings(w, d, 0, LEARNING_RATE, batch_size, "standard") for w in widths
            for d in budgets]
    return sum(_estimate(job) for job in jobs) / min(workers, len(jobs))


def train_run(width, n_tokens, *, seed=0, learning_rate=LEARNING_RATE, batch_size=BATCH_SIZE,
              parametrisation="standard", cache=True):
    r"""Train one character-level language model on the course's corpus, in this process.

    The model and its training are those of the module's description: Bengio et al. (2003)'s
    MLP language model with ``width`` tanh units (:func:`count_params` parameters), trained on
    ``n_tokens`` windows read once, with Adam (β₁ = 0.9, β₂ = 0.99) at a peak
    ``learning_rate``, a 2% warm-up and a cosine decay to a tenth of the peak at the run's last
    step. With ``parametrisation="mup"`` the output layer follows the maximal-update
    parametrisation of Yang et al. (2022), "Tensor Programs V", arXiv:2203.03466, Table 3 (Adam):
    its initial variance scales as ``1/width²`` and its learning rate as ``1/width``, both
    relative to :data:`BASE_WIDTH`, where the two parametrisations coincide.

    Parameters
    ----------
    width : int
        Hidden units (1 to 4096).
    n_tokens : int
        Training tokens, at least one batch and at most the corpus's training windows.
    seed : int
        Seed of the initial weights and of the order of the windows (≥ 0).
    learning_rate : float
        Adam's peak learning rate (0 < lr ≤ 1).
    batch_size : int
        Windows per optimiser step (1 to 8192).
    parametrisation : {"standard", "mup"}
        How the output layer scales with width.
    cache : bool
        Reuse a stored result of the same settings, and store this one (:data:`CACHE_DIR`).

    Returns
    -------
    RunResult

    Raises
    ------
    CourseValueError
        If an argument is out of its range, or the run would take more than 20 minutes.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> run = experiments.train_run(16, 6400, seed=1, cache=False)
    >>> run.n_params, bool(run.curve_loss[0] > run.curve_loss[-1] > run.loss - 0.2)
    (4176, True)

    Introduced in lesson 09.
    """
    seed, learning_rate, batch_size, parametrisation, _ = _check_common(
        seed, learning_rate, batch_size, parametrisation, 1)
    (width,), (n_tokens,) = _check_sizes([width], [n_tokens], batch_size, "width", "n_tokens")
    job = _settings(width, n_tokens, seed, learning_rate, batch_size, parametrisation)
    _refuse_if_slow([job], 1)
    result, = _run_many([job], workers=1, cache=bool(cache), progress=False, what="run")
    return _run_result(job, result)


def _run_result(job, result):
    return RunResult(job["width"], count_params(job["width"]), job["n_tokens"], result["loss"],
                     np.array(result["curve_tokens"], dtype=float),
                     np.array(result["curve_loss"]), result["seconds"],
                     {k: job[k] for k in ("seed", "learning_rate", "batch_size",
                                          "parametrisation")})


# --- a sweep -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainedSweep(Sweep):
    """A sweep of real training runs: a :class:`scaling_utils.simulate.Sweep` with more per run.

    ``n_params`` (every trained parameter, :func:`count_params`), ``n_tokens``, ``compute``
    (``6·N·D`` FLOPs, the convention of the course's fits, not a count of this model's
    arithmetic) and ``loss`` (held-out, nats per character) are flat arrays, one entry per run,
    widths slowest and budgets fastest; ``fit_chinchilla(s.n_params, s.n_tokens, s.loss)`` fits
    them.

    Attributes
    ----------
    width : numpy.ndarray
        Hidden units of each run.
    curve_tokens, curve_loss : tuple of numpy.ndarray
        Each run's training curve (see :class:`RunResult`).
    seconds : numpy.ndarray
        Each run's training time (one core; 0 where unknown).
    seed : int
        The sweep's seed.
    wall_seconds : float
        Time the call took, cached runs included (0 for a precomputed sweep).
    n_trained : int
        Runs trained by this call (the others came from the cache or the shipped file).

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> sweep = experiments.precomputed_sweep(seed=0)
    >>> len(sweep), sweep.width[:3].tolist(), sweep.n_tokens[:3].tolist()
    (36, [8, 8, 8], [12500.0, 25000.0, 50000.0])

    Introduced in lesson 09.
    """

    width: np.ndarray = field(repr=False)
    curve_tokens: tuple = field(repr=False)
    curve_loss: tuple = field(repr=False)
    seconds: np.ndarray = field(repr=False)
    seed: int = 0
    wall_seconds: float = 0.0
    n_trained: int = 0

    def __str__(self) -> str:
        widths, budgets = np.unique(self.width), np.unique(self.n_tokens)
        source = (f"{self.n_trained} trained in {self.wall_seconds:.0f} s, "
                  f"{len(self) - self.n_trained} from the cache" if self.wall_seconds else
                  "precomputed")
        return (f"{len(self)} runs ({widths.size} widths × {budgets.size} budgets), seed "
                f"{self.seed}: N {self.n_params.min():.0f} to {self.n_params.max():.0f}, D "
                f"{budgets.min():.3g} to {budgets.max():.3g}, held-out loss "
                f"{self.loss.min():.3f} to {self.loss.max():.3f} ({source})")


def _sweep(jobs, results, seed, wall, n_trained):
    widths = np.array([job["width"] for job in jobs])
    n = count_params(widths).astype(float)
    d = np.array([job["n_tokens"] for job in jobs], dtype=float)
    return TrainedSweep(n, d, 6.0 * n * d, np.array([r["loss"] for r in results]), widths,
                        tuple(np.array(r["curve_tokens"], dtype=float) for r in results),
                        tuple(np.array(r["curve_loss"]) for r in results),
                        np.array([r.get("seconds", 0.0) for r in results]), seed, wall,
                        n_trained)


def run_sweep(*, seed=0, sizes=None, budgets=None, workers=None, cache=True, progress=True):
    r"""Train a sweep of small language models (every width × every budget) on this CPU.

    Each run is :func:`train_run` of one hidden width from ``sizes`` and one token budget from
    ``budgets`` (the runs of one seed read nested prefixes of one random order of the training
    windows). The runs are shared among ``workers`` processes, largest first, each on one BLAS
    thread; a progress bar shows the runs done and the time left; runs already in the cache
    (keyed on the corpus's hash, the settings and :data:`ENGINE_VERSION`) are not trained again.
    The default, 6 widths (8 to 256 units, 2.6k to 50k parameters) × 6 budgets (12.5k to 400k
    tokens), takes about 20–30 s on 2 cores.

    The result is what Hoffmann et al. (2022), arXiv:2203.15556, §3.3, fit their law to,
    ``L(N, D) = E + A/N^α + B/D^β``: pass ``n_params``, ``n_tokens`` and ``loss`` to
    :func:`scaling_utils.fitting.fit_chinchilla`.

    Parameters
    ----------
    seed : int
        Seed of every run's initial weights and of the order of the windows (≥ 0).
    sizes : list of int, optional
        Hidden widths (1 to 4096); default :data:`DEFAULT_WIDTHS`.
    budgets : list of int, optional
        Training tokens per run (one batch to the corpus's 419,896 training windows); default
        :data:`DEFAULT_BUDGETS`.
    workers : int, optional
        Processes to train in (≥ 1; default the number of cores, at most 8); 1 trains here.
    cache : bool
        Reuse stored runs and store new ones; False trains every run again.
    progress : bool
        Show a progress bar (``tqdm.auto``: a widget in Jupyter, text in a terminal).

    Returns
    -------
    TrainedSweep

    Raises
    ------
    CourseValueError
        If a width or budget is not a whole number in its range, ``workers`` is below 1, or the
        sweep would take more than 20 minutes (the message gives the estimate).

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> sweep = experiments.run_sweep(sizes=[8, 32], budgets=[1600, 3200], workers=1,
    ...                               progress=False, cache=False)
    >>> len(sweep), sweep.n_params.tolist(), bool(sweep.loss[3] < sweep.loss[0])
    (4, [2632.0, 2632.0, 7264.0, 7264.0], True)

    Introduced in lesson 09.
    """
    start = time.perf_counter()
    seed, _, _, _, workers = _check_common(seed, LEARNING_RATE, BATCH_SIZE, "standard", workers)
    widths, tokens = _check_sizes(DEFAULT_WIDTHS if sizes is None else sizes,
                                  DEFAULT_BUDGETS if budgets is None else budgets, BATCH_SIZE)
    jobs = [_settings(w, d, seed, LEARNING_RATE, BATCH_SIZE, "standard") for w in widths
            for d in tokens]
    _refuse_if_slow(jobs, workers)
    results = _run_many(jobs, workers=workers, cache=bool(cache), progress=bool(progress),
                        what=f"sweep, seed {seed}")
    trained = sum(not r["cached"] for r in results)
    return _sweep(jobs, results, seed, time.perf_counter() - start, trained)


def _read_csv(name):
    import csv

    with (_PRECOMPUTED / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def precomputed_sweep(seed=0) -> TrainedSweep:
    """The default sweep of :func:`run_sweep` for one seed, as trained when the course was made.

    Made by ``tools/make_sweep_results.py`` (seeds 0 to 4) with this engine and stored in
    ``scaling_utils/data/lesson09_sweeps.csv``, so that a lesson reads it instantly; a run of
    :func:`run_sweep` with the same seed gives the same losses to about four digits.

    Parameters
    ----------
    seed : int
        One of 0, 1, 2, 3, 4.

    Returns
    -------
    TrainedSweep

    Raises
    ------
    CourseValueError
        If ``seed`` is not one of the stored seeds.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> print(experiments.precomputed_sweep(1))
    36 runs (6 widths × 6 budgets), seed 1: N 2632 to 50496, D 1.25e+04 to 4e+05, ...

    Introduced in lesson 09.
    """
    rows = _read_csv("lesson09_sweeps.csv")
    seeds = sorted({int(row["seed"]) for row in rows})
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) \
            or int(seed) not in seeds:
        raise CourseValueError(f"seed must be one of the precomputed seeds {seeds}; got "
                               f"{_validate._describe(seed)}. run_sweep(seed=...) trains others.")
    rows = [row for row in rows if int(row["seed"]) == int(seed)]
    jobs = [_settings(int(r["width"]), int(r["n_tokens"]), seed, LEARNING_RATE, BATCH_SIZE,
                      "standard") for r in rows]
    results = [{"loss": float(r["loss"]), "seconds": float(r["seconds"]),
                "curve_tokens": [float(v) for v in r["curve_tokens"].split()],
                "curve_loss": [float(v) for v in r["curve_loss"].split()]} for r in rows]
    return _sweep(jobs, results, int(seed), 0.0, 0)


# --- tune once, transfer: learning rate across width; the critical batch size --------------------

#: The learning-rate grid of lesson 09: widths, learning rates and tokens per run.
LR_GRID = {"widths": (8, 32, 128, 512), "learning_rates": (1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1),
           "n_tokens": 100_000}
#: The batch-size grid of lesson 09: width, batch sizes, learning rates, tokens and target loss.
BATCH_GRID = {"width": 64, "batch_sizes": (16, 32, 64, 128, 256, 512, 1024, 2048, 4096),
              "learning_rates": (3e-3, 1e-2, 3e-2, 1e-1), "n_tokens": 400_000, "target": 2.2,
              "targets": (2.4, 2.2, 2.0)}


@dataclass(frozen=True)
class LearningRateGrid:
    """Held-out loss of every width × learning rate, in one parametrisation.

    Attributes
    ----------
    parametrisation : str
        ``"standard"`` or ``"mup"``.
    widths, learning_rates : numpy.ndarray
        The grid's axes.
    loss : numpy.ndarray
        ``loss[i, j]``: width ``i`` trained at learning rate ``j`` (nats per character).
    n_tokens, seed : int
        Tokens per run and seed.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> grid = experiments.precomputed_learning_rate_grid("standard")
    >>> grid.loss.shape, grid.best_learning_rate.tolist()
    ((4, 6), [0.01, 0.01, 0.01, 0.01])
    >>> print(grid)
    standard parametrisation, 100000 tokens per run; optimum learning rate by width: 8: 0.016, ...

    Introduced in lesson 09.
    """

    parametrisation: str
    widths: np.ndarray
    learning_rates: np.ndarray
    loss: np.ndarray = field(repr=False)
    n_tokens: int
    seed: int

    @property
    def best_learning_rate(self) -> np.ndarray:
        """The grid's learning rate of lowest loss, per width."""
        return self.learning_rates[np.argmin(self.loss, axis=1)]

    @property
    def optimum_learning_rate(self) -> np.ndarray:
        """The optimum between grid points, per width: the vertex of the parabola through the
        lowest loss and its two neighbours, in log learning rate (the grid's best at an edge)."""
        logs = np.log(self.learning_rates)
        result = []
        for row in self.loss:
            k = int(np.argmin(row))
            if k == 0 or k == row.size - 1:
                result.append(self.learning_rates[k])
                continue
            a, b, _ = np.polyfit(logs[k - 1:k + 2], row[k - 1:k + 2], 2)
            result.append(float(np.exp(-b / (2 * a))))
        return np.array(result)

    def __str__(self) -> str:
        best = ", ".join(f"{w}: {lr:.2g}" for w, lr in zip(self.widths,
                                                             self.optimum_learning_rate))
        return (f"{self.parametrisation} parametrisation, {self.n_tokens} tokens per run; "
                f"optimum learning rate by width: {best}")


def learning_rate_grid(parametrisation="standard", *, widths=None, learning_rates=None,
                       n_tokens=None, seed=0, workers=None, cache=True, progress=True):
    r"""Train every width at every learning rate, to see where the best learning rate lies.

    Under the standard parametrisation the best Adam learning rate of the output layer falls
    as the width grows (each of its updates moves the logits by about ``width`` times the
    step); under μP (Yang et al. 2022, "Tensor Programs V", arXiv:2203.03466, Table 3 and §3)
    the output layer's learning rate is divided by the width instead, and the best learning
    rate should hold still. Every run is :func:`train_run` with the default batch size.

    Parameters
    ----------
    parametrisation : {"standard", "mup"}
        How the output layer scales with width.
    widths, learning_rates : list, optional
        The grid's axes (default ``LR_GRID``: widths 8 to 512, rates 0.001 to 0.3).
    n_tokens : int, optional
        Tokens per run (default 100,000).
    seed, workers, cache, progress
        As for :func:`run_sweep`.

    Returns
    -------
    LearningRateGrid

    Raises
    ------
    CourseValueError
        If an argument is out of its range, or the grid would take more than 20 minutes.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> grid = experiments.learning_rate_grid("mup", widths=[8, 64], learning_rates=[0.003, 0.03],
    ...                                       n_tokens=1280, workers=1, progress=False,
    ...                                       cache=False)
    >>> grid.loss.shape
    (2, 2)

    Introduced in lesson 09.
    """
    seed, _, _, parametrisation, workers = _check_common(seed, LEARNING_RATE, BATCH_SIZE,
                                                         parametrisation, workers)
    widths = LR_GRID["widths"] if widths is None else widths
    rates = LR_GRID["learning_rates"] if learning_rates is None else learning_rates
    n_tokens = LR_GRID["n_tokens"] if n_tokens is None else n_tokens
    rates = [_check_common(0, r, BATCH_SIZE, "standard", 1)[1]
             for r in _validate.positive_array(rates, "learning_rates").ravel()]
    widths, (n_tokens,) = _check_sizes(widths, [n_tokens], BATCH_SIZE, "widths", "n_tokens")
    jobs = [_settings(w, n_tokens, seed, r, BATCH_SIZE, parametrisation) for w in widths
            for r in rates]
    _refuse_if_slow(jobs, workers)
    results = _run_many(jobs, workers=workers, cache=bool(cache), progress=bool(progress),
                        what=f"learning rates, {parametrisation}")
    loss = np.array([r["loss"] for r in results]).reshape(len(widths), len(rates))
    return LearningRateGrid(parametrisation, np.array(widths), np.array(rates), loss, n_tokens,
                            seed)


def precomputed_learning_rate_grid(parametrisation="standard") -> LearningRateGrid:
    """The default :func:`learning_rate_grid` of one parametrisation, as shipped with the course.

    Made by ``tools/make_sweep_results.py`` and stored in
    ``scaling_utils/data/lesson09_lr_grid.csv`` (seed 0).

    Parameters
    ----------
    parametrisation : {"standard", "mup"}

    Returns
    -------
    LearningRateGrid

    Raises
    ------
    CourseValueError
        If ``parametrisation`` is not one of the two.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> experiments.precomputed_learning_rate_grid("mup").widths.tolist()
    [8, 32, 128, 512]

    Introduced in lesson 09.
    """
    _check_common(0, LEARNING_RATE, BATCH_SIZE, parametrisation, 1)
    rows = [r for r in _read_csv("lesson09_lr_grid.csv") if r["parametrisation"] == parametrisation]
    widths = sorted({int(r["width"]) for r in rows})
    rates = sorted({float(r["learning_rate"]) for r in rows})
    loss = np.full((len(widths), len(rates)), np.nan)
    for r in rows:
        loss[widths.index(int(r["width"])), rates.index(float(r["learning_rate"]))] = \
            float(r["loss"])
    return LearningRateGrid(parametrisation, np.array(widths), np.array(rates), loss,
                            int(rows[0]["n_tokens"]), int(rows[0]["seed"]))


@dataclass(frozen=True)
class BatchSizeGrid:
    r"""Steps and tokens each batch size needs to reach a target loss; the critical batch size.

    For each batch size ``B`` the fewest optimiser steps ``S`` (over the learning rates tried)
    after which the training loss, averaged over the last 2,048 windows, first falls to
    ``target``; ``E = S·B`` tokens. McCandlish et al. (2018), "An Empirical Model of Large-Batch
    Training", arXiv:1812.06162, Eq. 2.11: ``S = S_min·(1 + B_noise/B)`` (equivalently
    ``(S/S_min − 1)(E/E_min − 1) = 1``), whose ``B_crit = E_min/S_min`` is the batch size past
    which doubling the batch no longer nearly halves the steps. ``S_min`` and ``B_crit`` are
    fitted by least squares on ``ln S`` (``B_crit`` on a grid of 2,001 log-spaced values).

    Attributes
    ----------
    batch_sizes, steps, tokens : numpy.ndarray
        ``B``, ``S`` and ``E`` (NaN where no learning rate reached the target).
    best_learning_rate : numpy.ndarray
        The learning rate that reached the target first, per batch size.
    learning_rates, steps_by_rate : numpy.ndarray
        The learning rates tried, and ``steps_by_rate[i, j]``: the steps of batch size ``i`` at
        learning rate ``j`` (NaN where it did not reach the target).
    s_min, critical_batch_size : float
        ``S_min`` and ``B_crit = E_min/S_min``.
    width, target : int, float
        The model and the target loss.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> grid = experiments.precomputed_batch_size_grid()
    >>> bool(grid.critical_batch_size > 0), grid.batch_sizes.size
    (True, 9)

    Introduced in lesson 09.
    """

    batch_sizes: np.ndarray
    steps: np.ndarray
    tokens: np.ndarray
    best_learning_rate: np.ndarray
    learning_rates: np.ndarray = field(repr=False)
    steps_by_rate: np.ndarray = field(repr=False)
    s_min: float
    critical_batch_size: float
    width: int
    target: float

    def __str__(self) -> str:
        return (f"width {self.width}, target loss {self.target:g}: S_min ≈ {self.s_min:.3g} "
                f"steps, critical batch size ≈ {self.critical_batch_size:.3g} windows")


def _steps_to_target(step_loss, batch_size, target):
    step_loss = np.asarray(step_loss)
    window = max(1, int(math.ceil(2048 / batch_size)))
    if step_loss.size < window:
        return math.nan
    trailing = np.convolve(step_loss, np.ones(window) / window, mode="valid")
    hits = np.flatnonzero(trailing <= target)
    return float(hits[0] + window) if hits.size else math.nan


def _step_table(batch_sizes, rates, step_losses, target):
    """Steps to ``target`` of every run: ``[batch size, learning rate]``, NaN where not reached."""
    return np.array([[_steps_to_target(step_losses[i][j], b, target) for j in range(len(rates))]
                     for i, b in enumerate(batch_sizes)])


def _batch_grid(batch_sizes, rates, steps, width, target):
    reached = ~np.isnan(steps).all(axis=1)
    filled = np.where(np.isnan(steps), np.inf, steps)
    best = np.where(reached, filled.min(axis=1), np.nan)
    best_rate = np.array([rates[int(np.argmin(row))] if ok else np.nan
                          for row, ok in zip(filled, reached)])
    b = np.asarray(batch_sizes, dtype=float)
    if reached.sum() >= 2:
        # log S = log S_min + log(1 + B_noise/B), least squares in log space: B_noise on a fine
        # grid, S_min in closed form for each (a line in 1/B would let the many steps of the
        # smallest batches decide both numbers).
        log_s, inverse = np.log(best[reached]), 1.0 / b[reached]
        candidates = np.geomspace(1e-2 * b.min(), 1e3 * b.max(), 2001)
        shifts = np.log1p(candidates[:, None] * inverse)
        levels = (log_s - shifts).mean(axis=1)
        errors = ((log_s - shifts - levels[:, None]) ** 2).sum(axis=1)
        k = int(np.argmin(errors))
        s_min, b_crit = float(np.exp(levels[k])), float(candidates[k])
    else:
        s_min = b_crit = math.nan
    return BatchSizeGrid(b.astype(int), best, best * b, best_rate, np.asarray(rates, dtype=float),
                         steps, s_min, b_crit, int(width), float(target))


def batch_size_grid(*, width=None, batch_sizes=None, learning_rates=None, n_tokens=None,
                    target=None, seed=0, workers=None, cache=True, progress=True):
    r"""Train one width at several batch sizes and learning rates; find the critical batch size.

    Each run reads up to ``n_tokens`` windows at a constant learning rate (after the 2% warm-up:
    a cosine sized to the run would make the steps to a target depend on the run's length) and
    records its training loss at every step; :class:`BatchSizeGrid` gives the steps each batch
    size needed to reach ``target`` and McCandlish et al. (2018)'s critical batch size.

    Parameters
    ----------
    width : int, optional
        Hidden units (default 64).
    batch_sizes, learning_rates : list, optional
        The grid (default ``BATCH_GRID``: batch sizes 16 to 4096, learning rates 0.003 to 0.1).
    n_tokens : int, optional
        Tokens per run (default 400,000).
    target : float, optional
        The training loss to reach, nats per character (default 2.2; > 0).
    seed, workers, cache, progress
        As for :func:`run_sweep`.

    Returns
    -------
    BatchSizeGrid

    Raises
    ------
    CourseValueError
        If an argument is out of its range, or the grid would take more than 20 minutes.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> grid = experiments.batch_size_grid(width=16, batch_sizes=[8, 32], learning_rates=[0.01],
    ...                                    n_tokens=6400, target=3.0, workers=1, progress=False,
    ...                                    cache=False)
    >>> grid.steps.size
    2

    Introduced in lesson 09.
    """
    seed, _, _, _, workers = _check_common(seed, LEARNING_RATE, BATCH_SIZE, "standard", workers)
    width = BATCH_GRID["width"] if width is None else width
    sizes = BATCH_GRID["batch_sizes"] if batch_sizes is None else batch_sizes
    rates = BATCH_GRID["learning_rates"] if learning_rates is None else learning_rates
    n_tokens = BATCH_GRID["n_tokens"] if n_tokens is None else n_tokens
    target = _validate.positive_float(BATCH_GRID["target"] if target is None else target,
                                      "target")
    rates = [_check_common(0, r, BATCH_SIZE, "standard", 1)[1]
             for r in _validate.positive_array(rates, "learning_rates").ravel()]
    sizes = [_check_common(0, LEARNING_RATE, b, "standard", 1)[2]
             for b in _validate.positive_array(sizes, "batch_sizes").ravel()]
    (width,), (n_tokens,) = _check_sizes([width], [n_tokens], max(sizes), "width", "n_tokens")
    jobs = [_settings(width, n_tokens, seed, r, b, "standard", "constant") for b in sizes
            for r in rates]
    _refuse_if_slow(jobs, workers)
    results = _run_many(jobs, workers=workers, cache=bool(cache), progress=bool(progress),
                        what="batch sizes", keep_steps=True)
    losses = [[results[i * len(rates) + j]["step_loss"] for j in range(len(rates))]
              for i in range(len(sizes))]
    return _batch_grid(sizes, rates, _step_table(sizes, rates, losses, target), width, target)


def precomputed_batch_size_grid(target=None) -> BatchSizeGrid:
    """The default :func:`batch_size_grid`, as shipped with the course (seed 0), for one target.

    Made by ``tools/make_sweep_results.py``; ``scaling_utils/data/lesson09_batch_grid.csv``
    stores the steps each run took to reach each of the targets 2.4, 2.2 and 2.0 (empty where it
    did not). McCandlish et al. (2018), §3 and Figure 8, find the critical batch size growing
    as the target loss falls.

    Parameters
    ----------
    target : float, optional
        One of 2.4, 2.2 (the default) and 2.0.

    Returns
    -------
    BatchSizeGrid

    Raises
    ------
    CourseValueError
        If ``target`` is not one of the stored targets.

    Examples
    --------
    >>> from scaling_utils import experiments
    >>> experiments.precomputed_batch_size_grid().width
    64

    Introduced in lesson 09.
    """
    target = BATCH_GRID["target"] if target is None else _validate.positive_float(target, "target")
    rows = _read_csv("lesson09_batch_grid.csv")
    targets = sorted({float(r["target"]) for r in rows})
    if target not in targets:
        raise CourseValueError(f"target must be one of the precomputed targets {targets}; got "
                               f"{target:g}. batch_size_grid(target=...) trains for others.")
    rows = [r for r in rows if float(r["target"]) == target]
    sizes = sorted({int(r["batch_size"]) for r in rows})
    rates = sorted({float(r["learning_rate"]) for r in rows})
    steps = np.full((len(sizes), len(rates)), np.nan)
    for r in rows:
        if r["steps_to_target"]:
            steps[sizes.index(int(r["batch_size"])), rates.index(float(r["learning_rate"]))] = \
                float(r["steps_to_target"])
    return _batch_grid(sizes, rates, steps, int(rows[0]["width"]), float(rows[0]["target"]))
