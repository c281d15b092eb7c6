#!/usr/bin/env python3
"""Regenerate scaling_utils/data/benchmark_lang_losses.csv from Alabdulmohsin et al.'s benchmark.

The source is ``revisiting_neural_scaling_laws/data/benchmark.lang.csv`` of
https://github.com/google-research/google-research (commit
9853680c781781bd8d3de20aa61c7373ce059913), the learning curves released with Alabdulmohsin,
Neyshabur & Zhai (2022), "Revisiting Neural Scaling Laws in Language and Vision",
arXiv:2209.06640. Download it, e.g.

    curl -LO https://raw.githubusercontent.com/google-research/google-research/9853680c781781bd8d3de20aa61c7373ce059913/revisiting_neural_scaling_laws/data/benchmark.lang.csv

and run ``python tools/extract_benchmark.py benchmark.lang.csv`` (``--check`` compares with the
shipped file instead of writing it).

What is kept: the header and the rows whose Domain is ``NMT`` (log-perplexity) or ``LM``
(language-model loss): the benchmark's loss curves. The ``BB`` rows (BIG-bench scores) are left
out: they are task metrics, not losses. Each distinct row is kept once, in its original order and
byte for byte: the source repeats every LM curve four times, identical row for row (the authors'
own evaluation reads each curve into a dict keyed by x, which keeps one copy too). The image-
classification curves (benchmark.vision.csv, 1 MB of few-shot error rates) are not losses either
and are not shipped.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "scaling_utils" / "data" / "benchmark_lang_losses.csv"
HEADER = "Domain,Task,Model,Seen Examples,Loss,Training"
DOMAINS = ("NMT", "LM")


def extract(source: Path) -> str:
    """The shipped file's text, from the upstream file's text."""
    lines = source.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != HEADER:
        raise SystemExit(f"{source}: expected the header {HEADER!r}; got {lines[:1]!r}.")
    kept, seen = [HEADER], set()
    for line in lines[1:]:
        if not line.strip():
            continue
        domain = next(csv.reader([line]))[0]
        if domain in DOMAINS and line not in seen:
            seen.add(line)
            kept.append(line)
    return "\n".join(kept) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the upstream benchmark.lang.csv")
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file instead of writing it")
    args = parser.parse_args(argv)
    text = extract(args.source)
    rows = list(csv.DictReader(text.splitlines()))
    curves = {(r["Domain"], r["Model"]) for r in rows}
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    print(f"{len(rows)} rows, {len(curves)} curves, {len(text.encode())} bytes, sha256 {digest}")
    if args.check:
        same = TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(ROOT)}: {'identical' if same else 'DIFFERS'}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
