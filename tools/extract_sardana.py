#!/usr/bin/env python3
"""Regenerate scaling_utils/data/sardana_runs.csv from Sardana et al.'s released training runs.

The source is ``trainingresults.csv`` of https://github.com/nikhilsardana/beyond-chinchilla
(Apache-2.0; added in commit ac313a9bd7edb06b21c52384973edf6325c47e4c and unchanged up to
190f70e365dc75037a2b3178609d00243f24b4b9, blob 51d1572595dfdd79d896f24e777ef4f1e4f5bcd8): the 47
training runs of Sardana, Portes, Doubov & Frankle (2024), "Beyond Chinchilla-Optimal: Accounting
for Inference in Language Model Scaling Laws", arXiv:2401.00448. Download it, e.g.

    curl -LO https://raw.githubusercontent.com/nikhilsardana/beyond-chinchilla/190f70e365dc75037a2b3178609d00243f24b4b9/trainingresults.csv

and run ``python tools/extract_sardana.py trainingresults.csv`` (``--check`` compares with the
shipped file instead of writing it).

The file is small (47 rows, under 10 kB), so it is shipped whole and byte for byte: every row,
every column (the final loss and the downstream evaluations), the header and the numbers exactly
as the authors wrote them (the last line has no line break, as in the source). The script only
checks it before copying: the header is the expected one, there are 47 runs, no two share a
model size and a tokens-per-parameter ratio, ``Tokens`` is ``Parameters × Tokens/Params``, and
every loss is a positive number.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "scaling_utils" / "data" / "sardana_runs.csv"
HEADER = ["Model Name", "Parameters", "Tokens/Params", "Tokens", "Batch Size", "Smoothed Loss",
          "eval_gauntlet/world_knowledge", "eval_gauntlet/reading_comprehension",
          "eval_gauntlet/language_understanding", "eval_gauntlet/commonsense_reasoning",
          "eval_gauntlet/symbolic_problem_solving", "eval_gauntlet/core_average",
          "mmlu_5_shot_avg"]
RUNS = 47


def extract(source: Path) -> bytes:
    """The shipped file's bytes, from the source's bytes, after checking them."""
    raw = source.read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    if rows[0] != HEADER:
        raise SystemExit(f"unexpected header {rows[0]}: not the file this script expects.")
    runs = [dict(zip(HEADER, row)) for row in rows[1:] if row]
    if len(runs) != RUNS:
        raise SystemExit(f"{len(runs)} runs, expected {RUNS}.")
    seen = set()
    for run in runs:
        params, ratio = float(run["Parameters"]), float(run["Tokens/Params"])
        if (params, ratio) in seen:
            raise SystemExit(f"two runs of {params:g} parameters at {ratio:g} tokens/parameter.")
        seen.add((params, ratio))
        if abs(float(run["Tokens"]) - params * ratio) > 1e-9 * params * ratio:
            raise SystemExit(f"{run['Model Name']} at {ratio:g}: Tokens is not Parameters × ratio.")
        if not float(run["Smoothed Loss"]) > 0:
            raise SystemExit(f"{run['Model Name']} at {ratio:g}: loss {run['Smoothed Loss']}.")
    return raw


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the upstream trainingresults.csv")
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file instead of writing it")
    args = parser.parse_args(argv)
    raw = extract(args.source)
    print(f"{RUNS} runs, {len(raw)} bytes, sha256 {hashlib.sha256(raw).hexdigest()}")
    if args.check:
        same = TARGET.exists() and TARGET.read_bytes() == raw
        print(f"{TARGET.relative_to(ROOT)}: {'identical' if same else 'DIFFERS'}")
        return 0 if same else 1
    TARGET.write_bytes(raw)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
