#!/usr/bin/env python3
"""How fast the dashboards answer (`make bench`, dashboard section).

1. In a real IPython kernel (the kind JupyterLab starts), every dashboard of the registry
   ``scaling_utils.widgets.DASHBOARDS`` is built and its first control moved one step at a time;
   each update's compute time and full time (compute, redraw, PNG, widget messages) are
   recorded. Printed: median and max of each against the targets (full ≤ 100 ms, compute ≤
   30 ms), beside a baseline measured in the same kernel: the same figure drawn the way a
   plain matplotlib dashboard does it (a new figure per step, shown by the inline backend).
2. In JupyterLab in headless Chromium, lesson 01's OLS dashboard: key press on its first slider
   → picture repainted, a few times (skipped with the reason where Chromium is missing).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_TOTAL, TARGET_COMPUTE = 0.100, 0.030
#: Seconds between two steps: a learner looks at each setting before moving a control again
#: (dashboards that prefetch the neighbouring settings use this time).
PAUSE_SECONDS = 0.3

KERNEL_CODE = textwrap.dedent("""
    import json, time, io
    import numpy as np
    import matplotlib.pyplot as plt
    from IPython.display import display
    from scaling_utils import widgets
    from scaling_utils.checks import lesson00
    points, floor_points = lesson00.mystery_points(), lesson00.points_with_floor()
    arguments = {"power_law_matcher": (points.x, points.y),
                 "floor_finder": (floor_points.x, floor_points.y)}
    report = {}
    for name, (lesson, make, view) in widgets.DASHBOARDS.items():
        args = arguments.get(name, ())
        board = make(*args)
        display(board)
        # Start at the low end of the first control and walk up: every step a setting not seen
        # before (the studies cache what they have computed).
        first = next(iter(board.controls.values()))
        if hasattr(first, "min") and not isinstance(first.value, tuple):
            first.value = first.min
        board.timings.clear()
        for i in range(STEPS):
            board.step()
            time.sleep(PAUSE)  # a learner looks at each setting before moving again
        # Baseline: the same setting drawn as a new figure and shown by the inline backend.
        baseline = []
        for i in range(max(3, STEPS // 4)):
            start = time.perf_counter()
            fig = view(*args, **board.values()).figure if not args else None
            if fig is None:
                kwargs = dict(board.values()); kwargs.update(x=args[0], y=args[1])
                fig = view(**kwargs).figure
            display(fig)
            plt.close(fig)
            baseline.append(time.perf_counter() - start)
        report[name] = {"lesson": lesson, "timings": board.timings, "baseline": baseline}
    print("REPORT" + json.dumps(report))
""")


def kernel_timings(steps: int, pause: float) -> dict:
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive("%matplotlib inline", timeout=60)
        output = []

        def collect(message):
            if message["msg_type"] == "stream":
                output.append(message["content"]["text"])
            elif message["msg_type"] == "error":
                output.append("\n".join(message["content"]["traceback"]))

        code = KERNEL_CODE.replace("STEPS", str(steps)).replace("PAUSE", str(pause))
        reply = client.execute_interactive(code,
                                           timeout=900, output_hook=collect)
        text = "".join(output)
        if reply["content"]["status"] != "ok" or "REPORT" not in text:
            raise RuntimeError("the benchmark failed in the kernel:\n" + text[-3000:])
        return json.loads(text.split("REPORT", 1)[1].strip().splitlines()[0])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def browser_timings(repeats: int) -> list[float] | str:
    import labdriver

    try:
        labdriver.check_available()
    except labdriver.LabUnavailable as reason:
        return f"skipped: {reason}"
    with tempfile.TemporaryDirectory() as base, labdriver.running_lab(Path(base)) as (url, _), \
            labdriver.browser() as chromium:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        labdriver.open_and_run_all(page, url, "notebooks/01_ols_generalization.ipynb")
        board = labdriver.dashboards(page).first
        labdriver.step_first_control(page, board)  # warm up
        return [labdriver.step_first_control(page, board) for _ in range(repeats)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps (about 20 s)")
    args = parser.parse_args(argv)
    steps = 8 if args.quick else 24
    print(f"Dashboards in a kernel ({steps} steps of the first control each, "
          f"{PAUSE_SECONDS:g} s apart; ms)")
    print(f"{'dashboard':<26} {'lesson':>6} {'full median':>12} {'full max':>9} "
          f"{'compute median':>15} {'baseline median':>16} {'speed-up':>9}  verdict")
    report = kernel_timings(steps, PAUSE_SECONDS)
    failures = 0
    for name, entry in report.items():
        compute = sorted(t[0] for t in entry["timings"])
        total = sorted(t[1] for t in entry["timings"])
        median = lambda xs: xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2  # noqa: E731
        base = sorted(entry["baseline"])
        ok = median(total) <= TARGET_TOTAL and median(compute) <= TARGET_COMPUTE
        failures += not ok
        print(f"{name:<26} {entry['lesson']:>6} {1e3 * median(total):12.1f} {1e3 * total[-1]:9.1f} "
              f"{1e3 * median(compute):15.1f} {1e3 * median(base):16.1f} "
              f"{median(base) / median(total):8.1f}×  "
              f"{'ok' if ok else 'OVER TARGET'}")
    print(f"targets: full update median ≤ {1e3 * TARGET_TOTAL:.0f} ms, compute median ≤ "
          f"{1e3 * TARGET_COMPUTE:.0f} ms; baseline = a new figure per step shown by the inline "
          f"backend")
    print("\nIn JupyterLab (headless Chromium), lesson 01's OLS dashboard: key press → picture "
          "repainted")
    timings = browser_timings(3 if args.quick else 8)
    if isinstance(timings, str):
        print(f"  {timings}")
    else:
        ordered = sorted(timings)
        print(f"  median {1e3 * ordered[len(ordered) // 2]:.0f} ms, max {1e3 * ordered[-1]:.0f} ms "
              f"over {len(ordered)} steps (target ≤ 100 ms plus the browser's own repaint)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
