#!/usr/bin/env python3
"""Regenerate scaling_utils/data/datablations_runs.csv from Muennighoff et al.'s fitting notebook.

The source is ``utils/parametric_fit.ipynb`` of https://github.com/huggingface/datablations
(Apache-2.0; commit 13701315b163f1c54642b94ad237b2699187c3ee, blob
e5322932cd8a66fbe8d4e37ebbb6d693566ceea2), the notebook in which Muennighoff et al. (2023),
"Scaling Data-Constrained Language Models", arXiv:2305.16264, fit R_D* and R_N* (their
Appendix A: 182 runs). Download it, e.g.

    curl -LO https://raw.githubusercontent.com/huggingface/datablations/13701315b163f1c54642b94ad237b2699187c3ee/utils/parametric_fit.ipynb

and run ``python tools/extract_datablations.py parametric_fit.ipynb`` (``--check`` compares with
the shipped file instead of writing it).

Which cell: the notebook holds two tables of runs. The first (code cell at index 1, 0-based) is an
early list; the one the published fit uses is the cell at index 25 (under the headings "Fit
default" and "Custom data loading with outliers removed"): a dict ``NAMES_TO_VAL_LOSSES`` from run
name to final validation loss, with ``TOKENS_MAP`` and ``PARAMS_MAP``. The cell at index 26 reads
it and prints one line per run it keeps (name, parameters/1e9, tokens/1e9, unique tokens/1e9,
loss); the cell at index 29 fits R_D* and R_N* on those runs and prints "Samples: 182".

How the runs are read (nothing of the notebook is executed): the dicts of cell 25 are parsed as
Python literals (``ast``). A run is kept as the notebook keeps it: a loss other than 0 (0 marks a
run that had not finished) and a name not ending in "dedup" (runs on deduplicated data, which the
fit leaves out); commented-out entries are not in the dict and so not kept. Parameters come from
``PARAMS_MAP`` by the name's prefix; tokens and unique tokens from the rest of the name
(``55b`` = 55e9, ``1b5`` = 1.5e9, ``400m`` = 4e8). A name can be split in more than one way
(``1b191b91b``: 91B tokens, 91B unique, or 91.9B and 1B); the split is taken from the notebook's
own printed output of cell 26, and the script checks that it is one of the valid splits of the
name, that every printed line matches the dict (same loss), and that the printed runs are exactly
the kept ones (182).

Duplicates: the dict has no repeated key (checked on the parse tree, where a repeated key would
be visible), and no two kept runs share parameters, tokens and unique tokens, so nothing had to be
resolved. One thing is flagged and kept as published: runs 83m32b100m and 83m60b100m carry the
very same loss (3.747091), which looks like a copied value. Token counts are written as whole
numbers (the notebook's ``0.1 * 1e9`` is 100000000.00000001 in floating point).
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "scaling_utils" / "data" / "datablations_runs.csv"
RUNS_CELL, PRINT_CELL = 25, 26
HEADER = ["name", "params", "tokens", "unique_tokens", "loss"]
_SIZE = re.compile(r"^([1-9][0-9]*)([mb])([0-9]*)$")


def _cell(notebook: dict, index: int) -> dict:
    cell = notebook["cells"][index]
    if cell.get("cell_type") != "code":
        raise SystemExit(f"cell {index} is not a code cell: not the notebook this script expects.")
    return cell


def _literal_dicts(source: str) -> dict:
    """The dict literals assigned at the top level of ``source``, refusing repeated keys."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            name = node.targets[0].id
            keys = [ast.literal_eval(k) for k in node.value.keys]
            repeated = sorted({k for k in keys if keys.count(k) > 1})
            if repeated:
                raise SystemExit(f"{name} repeats keys {repeated}: decide which to keep.")
            found[name] = ast.literal_eval(node.value)
    return found


def _size(token: str, tokens_map: dict):
    """Tokens named by ``token`` (``55b``, ``1b5``, ``400m``), or None when it names none."""
    if token in tokens_map:
        return round(tokens_map[token] * 1e9)
    match = _SIZE.match(token)
    if not match:
        return None
    whole, unit, decimals = match.groups()
    value = float(f"{whole}.{decimals}" if decimals else whole)
    return round(value * (1e9 if unit == "b" else 1e6))


def _splits(rest: str, tokens_map: dict) -> set:
    """Every (tokens, unique_tokens) that ``rest`` can name, with unique ≤ tokens."""
    result = set()
    for cut in range(1, len(rest)):
        tokens, unique = _size(rest[:cut], tokens_map), _size(rest[cut:], tokens_map)
        if tokens and unique and unique <= tokens:
            result.add((tokens, unique))
    return result


def extract(source: Path) -> str:
    """The shipped file's text, from the notebook's text."""
    notebook = json.loads(source.read_text(encoding="utf-8"))
    dicts = _literal_dicts("".join(_cell(notebook, RUNS_CELL)["source"]))
    losses, tokens_map, params_map = (dicts[k] for k in ("NAMES_TO_VAL_LOSSES", "TOKENS_MAP",
                                                         "PARAMS_MAP"))
    kept = {name: loss for name, loss in losses.items()
            if loss != 0 and not name.endswith("dedup")}
    printed = "".join("".join(output.get("text", [])) for output in
                      _cell(notebook, PRINT_CELL).get("outputs", []))
    rows, seen = [], set()
    for line in printed.strip().splitlines():
        name, p, t, u, loss = line.split()
        if name not in kept or abs(float(loss) - kept[name]) > 0:
            raise SystemExit(f"printed run {name} ({loss}) does not match cell {RUNS_CELL}.")
        prefix = max((k for k in params_map if name.startswith(k)), key=len)
        params = params_map[prefix]
        if abs(params / 1e9 - float(p)) > 1e-12 * params:
            raise SystemExit(f"{name}: printed parameters {p}e9 differ from PARAMS_MAP[{prefix!r}].")
        tokens, unique = round(float(t) * 1e9), round(float(u) * 1e9)
        if (tokens, unique) not in _splits(name[len(prefix):], tokens_map):
            raise SystemExit(f"{name}: printed tokens {t}e9 / unique {u}e9 is not a split of "
                             f"its name.")
        if (params, tokens, unique) in seen:
            raise SystemExit(f"{name}: a second run with the same sizes; decide which to keep.")
        seen.add((params, tokens, unique))
        rows.append((name, repr(float(params)), str(tokens), str(unique), repr(float(kept[name]))))
    if {row[0] for row in rows} != set(kept):
        missing = sorted(set(kept) - {row[0] for row in rows})
        raise SystemExit(f"cell {PRINT_CELL} does not print the runs {missing} of cell {RUNS_CELL}.")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the upstream utils/parametric_fit.ipynb")
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file instead of writing it")
    args = parser.parse_args(argv)
    text = extract(args.source)
    n_rows = len(text.splitlines()) - 1
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    print(f"{n_rows} runs, {len(text.encode())} bytes, sha256 {digest}")
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(ROOT)}: {'identical' if same else 'DIFFERS'}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
