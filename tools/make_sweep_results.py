#!/usr/bin/env python3
"""Train lesson 09's precomputed results and write them beside the package's data.

    python tools/make_sweep_results.py                  # everything (about 5 minutes on 2 cores)
    python tools/make_sweep_results.py --seeds 0 1 2    # only the sweeps of these seeds
    python tools/make_sweep_results.py --check 0        # retrain seed 0 and compare, write nothing

Writes, in scaling_utils/data/:

- lesson09_sweeps.csv: the default sweep of ``experiments.run_sweep`` for seeds 0-4 (one row per
  run: seed, width, n_params, n_tokens, held-out loss, seconds, and the training curve as two
  space-separated columns);
- lesson09_lr_grid.csv: ``experiments.learning_rate_grid`` under both parametrisations (seed 0);
- lesson09_batch_grid.csv: ``experiments.batch_size_grid`` (seed 0): the steps each run took to
  reach each of the targets ``BATCH_GRID["targets"]`` (``--only-batch`` remakes only this file).

Every run is trained afresh (``cache=False``). ``--check`` retrains one seed's sweep and reports
the largest relative difference from the shipped losses; it fails above ``TOLERANCE`` (float64
training, one BLAS thread: a different BLAS kernel changes the last digits of a loss, not the
fourth).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scaling_utils import experiments  # noqa: E402

DATA = ROOT / "scaling_utils" / "data"
SEEDS = (0, 1, 2, 3, 4)
TOLERANCE = 1e-4


def _sweep_rows(sweep):
    for i in range(len(sweep)):
        yield {"seed": sweep.seed, "width": int(sweep.width[i]),
               "n_params": int(sweep.n_params[i]), "n_tokens": int(sweep.n_tokens[i]),
               "loss": f"{sweep.loss[i]:.6f}", "seconds": f"{sweep.seconds[i]:.2f}",
               "curve_tokens": " ".join(f"{t:.0f}" for t in sweep.curve_tokens[i]),
               "curve_loss": " ".join(f"{v:.4f}" for v in sweep.curve_loss[i])}


def write(path, rows):
    rows = list(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


def sweeps(seeds):
    rows = []
    for seed in seeds:
        sweep = experiments.run_sweep(seed=seed, cache=False)
        print(sweep)
        rows += list(_sweep_rows(sweep))
    return rows


def check(seed) -> int:
    shipped = experiments.precomputed_sweep(seed)
    fresh = experiments.run_sweep(seed=seed, cache=False)
    worst = float(np.max(np.abs(fresh.loss / shipped.loss - 1)))
    print(f"seed {seed}: {len(fresh)} runs in {fresh.wall_seconds:.0f} s; largest relative "
          f"difference from the shipped losses {worst:.1e} (tolerance {TOLERANCE:g})")
    return 0 if worst <= TOLERANCE else 1


def batch_rows():
    """The batch-size grid, trained once (into a fresh cache) and read at each target."""
    import tempfile

    settings = experiments.BATCH_GRID
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        experiments.CACHE_DIR = Path(folder)
        for target in settings["targets"]:
            grid = experiments.batch_size_grid(target=target)
            print(grid)
            steps = grid.steps_by_rate
            for i, size in enumerate(settings["batch_sizes"]):
                for j, rate in enumerate(settings["learning_rates"]):
                    rows.append({"width": settings["width"], "batch_size": size,
                                 "learning_rate": f"{rate:g}", "n_tokens": settings["n_tokens"],
                                 "target": target, "seed": 0,
                                 "steps_to_target": "" if np.isnan(steps[i, j])
                                 else f"{steps[i, j]:.0f}"})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", help="only the sweeps of these seeds")
    parser.add_argument("--check", type=int, metavar="SEED", help="retrain one seed and compare")
    parser.add_argument("--only-batch", action="store_true", help="only the batch-size grid")
    args = parser.parse_args(argv)
    if args.check is not None:
        return check(args.check)
    if args.only_batch:
        write(DATA / "lesson09_batch_grid.csv", batch_rows())
        return 0
    if args.seeds:
        old = [r for r in csv.DictReader((DATA / "lesson09_sweeps.csv").open(encoding="utf-8"))
               if int(r["seed"]) not in args.seeds] if (DATA / "lesson09_sweeps.csv").exists() else []
        rows = sorted(old + sweeps(args.seeds), key=lambda r: int(r["seed"]))
        write(DATA / "lesson09_sweeps.csv", rows)
        return 0
    write(DATA / "lesson09_sweeps.csv", sweeps(SEEDS))
    lr_rows = []
    for parametrisation in experiments.PARAMETRISATIONS:
        grid = experiments.learning_rate_grid(parametrisation, cache=False)
        print(grid)
        for i, width in enumerate(grid.widths):
            for j, rate in enumerate(grid.learning_rates):
                lr_rows.append({"parametrisation": parametrisation, "width": int(width),
                                "learning_rate": f"{rate:g}", "n_tokens": grid.n_tokens,
                                "seed": grid.seed, "loss": f"{grid.loss[i, j]:.6f}"})
    write(DATA / "lesson09_lr_grid.csv", lr_rows)
    write(DATA / "lesson09_batch_grid.csv", batch_rows())
    return 0


if __name__ == "__main__":
    sys.exit(main())
