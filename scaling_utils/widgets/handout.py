"""Dashboards and figures for offline handouts (``make handouts``).

A handout is a lesson exported to one HTML file that works with no kernel and no network. The
handout build runs each lesson with :func:`activate` called first; then

- every :class:`~scaling_utils.widgets.Dashboard` displays itself as a kernel-free control: for
  each of its controls, a few settings around the dashboard's starting values are computed by the
  same study function and drawn by the same code as in the live dashboard, and an HTML range
  input steps through them (one control at a time; the others stay at their starting values);
- every matplotlib figure carries alt text that says what it shows (panel titles, axes, legend).
"""

from __future__ import annotations

import base64
import html
import itertools
import json

import numpy as np

from .. import _validate

__all__ = ["activate", "is_active", "figure_alt", "static_dashboard_html", "handout_values"]

_ACTIVE = False
_COUNTER = itertools.count(1)
#: Handout pictures are a little smaller than live ones: a handout holds many of them.
HANDOUT_DPI = 80


def is_active() -> bool:
    """Whether this kernel is building a handout.

    True after :func:`activate`; every :class:`~scaling_utils.widgets.Dashboard` asks it when it
    displays itself.

    Returns
    -------
    bool

    Examples
    --------
    >>> from scaling_utils.widgets import handout
    >>> handout.is_active()       # a live kernel, not a handout build
    False

    Handouts are built for every lesson, from lesson 00 on (``make handouts``).

    Introduced in lesson 00.
    """
    return _ACTIVE


def activate() -> None:
    """Turn this kernel into a handout builder (dashboards become static; figures get alt text).

    ``tools/make_handouts.py`` runs it in each lesson's kernel before the lesson's first cell.
    From then on a :class:`~scaling_utils.widgets.Dashboard` displays
    :func:`static_dashboard_html` instead of live controls, and in IPython every matplotlib
    figure is sent as a PNG with :func:`figure_alt` as its alt text. There is no way back within
    the kernel (nor a need: a handout build's kernel ends with its lesson).

    Returns
    -------
    None

    Outside IPython only the flag changes. In the example, ``mock.patch.object`` puts the flag
    back afterwards, so that the session stays live.

    Examples
    --------
    >>> from unittest import mock
    >>> from scaling_utils.widgets import handout
    >>> with mock.patch.object(handout, "_ACTIVE", False):
    ...     handout.activate()
    ...     print(handout.is_active())
    True
    >>> handout.is_active()
    False

    Handouts are built for every lesson, from lesson 00 on (``make handouts``).

    Introduced in lesson 00.
    """
    global _ACTIVE
    _ACTIVE = True
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure

    def png_with_alt(fig):
        import io

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue(), {"alt": figure_alt(fig)}

    shell.display_formatter.formatters["image/png"].for_type(Figure, png_with_alt)


def _axis_words(ax, which: str) -> str:
    label = (ax.get_xlabel() if which == "x" else ax.get_ylabel()) or f"{which} value"
    scale = ax.get_xscale() if which == "x" else ax.get_yscale()
    return f"{label}{' (log scale)' if scale == 'log' else ''}"


def figure_alt(fig) -> str:
    """A sentence that says what a figure shows, from its titles, axes and legends.

    For each panel with something drawn on it: its title, ``y against x`` from its axis labels
    (with ``(log scale)`` for a log axis) and the entries of its legend; a figure of several
    panels numbers them. Used as the alt text of every picture in a handout, so that a reader
    who cannot see it (a screen reader, a picture that failed to load) learns what it shows.

    Parameters
    ----------
    fig : matplotlib Figure

    Returns
    -------
    str
        ``"Figure."`` when no panel has anything drawn.

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([1, 2], [3, 4], label="measured"); _ = ax.legend()
    >>> _ = ax.set(xlabel="samples D", ylabel="test error", title="a learning curve")
    >>> from scaling_utils.widgets import handout
    >>> handout.figure_alt(fig)
    'Figure: a learning curve: test error against samples D; shows measured.'
    >>> plt.close(fig)

    Handouts are built for every lesson, from lesson 00 on (``make handouts``).

    Introduced in lesson 00.
    """
    panels = []
    for ax in fig.axes:
        if not ax.get_visible() or not (ax.lines or ax.collections or ax.patches or ax.images):
            continue
        text = f"{_axis_words(ax, 'y')} against {_axis_words(ax, 'x')}"
        if ax.get_title():
            text = f"{ax.get_title()}: {text}"
        legend = ax.get_legend()
        if legend is not None:
            names = [t.get_text() for t in legend.get_texts() if t.get_text()]
            if names:
                text += "; shows " + ", ".join(names)
        panels.append(text)
    if not panels:
        return "Figure."
    title = fig._suptitle.get_text() + ". " if getattr(fig, "_suptitle", None) else ""
    if len(panels) == 1:
        return f"Figure: {title}{panels[0]}."
    return f"Figure with {len(panels)} panels. {title}" + " ".join(
        f"Panel {i}: {p}." for i, p in enumerate(panels, 1))


def _format(value, fmt: str) -> str:
    if isinstance(value, tuple):
        return "–".join(_format(v, fmt) for v in value)
    if isinstance(value, str):
        return value
    if fmt.endswith("%"):
        digits = fmt[1:-1] or "0"
        return f"{100 * value:.{int(digits)}f}%"
    try:
        return format(value, fmt)
    except (TypeError, ValueError):
        return str(value)


def _spread(low, high, step, current, count):
    """``count`` values from ``low`` to ``high`` on the grid of ``step``, with ``current``."""
    n_steps = int(round((high - low) / step))
    picks = np.unique(np.round(np.linspace(0, n_steps, min(count, n_steps + 1))).astype(int))
    values = {round(low + k * step, 10) for k in picks} | {round(current, 10)}
    return sorted(values)


def handout_values(control, count: int = 7) -> tuple[list, list[str]]:
    """The settings of ``control`` a handout offers, and their labels as the live control shows
    them. Sliders: ``count`` values across their range, with the starting value; drop-downs:
    every option; a range slider: its upper end, then its lower end, moved.

    Slider values lie on the slider's grid of steps (for a log slider, on the grid of its
    exponent), evenly spread from its low end to its high end; labels use the control's readout
    format, so ``.1%`` shows 0.03 as ``3.0%``.

    Parameters
    ----------
    control : ipywidgets control
        A slider, log slider, range slider or drop-down.
    count : int, default 7
        How many values across a slider's range (the starting value is added when it is not
        among them).

    Returns
    -------
    (values, labels) : list, list of str

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> from scaling_utils.widgets import handout
    >>> noise = widgets.float_slider("noise", 0.03, 0.0, 0.15, 0.005, readout_format=".1%")
    >>> handout.handout_values(noise, count=3)[1]
    ['0.0%', '3.0%', '7.5%', '15.0%']
    >>> handout.handout_values(widgets.dropdown("choice", ["a", "b"]))
    (['a', 'b'], ['a', 'b'])

    Handouts are built for every lesson, from lesson 00 on (``make handouts``).

    Introduced in lesson 00.
    """
    fmt = getattr(control, "readout_format", ".3g") or ".3g"
    if hasattr(control, "options"):
        options = [o if isinstance(o, tuple) else (str(o), o) for o in control.options]
        return [v for _, v in options], [label for label, _ in options]
    if isinstance(control.value, tuple):
        low, high = control.value
        highs = [h for h in _spread(control.min, control.max, control.step, high, count) if h > low]
        lows = [v for v in _spread(control.min, control.max, control.step, low, count)
                if v < high and v != low]
        values = [(low, h) for h in highs] + [(v, high) for v in lows]
        return values, [_format(v, fmt) for v in values]
    if type(control).__name__ == "FloatLogSlider":
        exponent = np.log10(control.value) / np.log10(control.base)
        exponents = _spread(control.min, control.max, control.step, exponent, count)
        values = [float(control.base**e) for e in exponents]
        return values, [_format(v, fmt) for v in values]
    values = _spread(control.min, control.max, control.step, control.value, count)
    if type(control).__name__ == "IntSlider":
        values = [int(v) for v in values]
    return values, [_format(v, fmt) for v in values]


_SCRIPT = """
(function () {
  var box = document.getElementById(%(id)s);
  var data = JSON.parse(box.querySelector('script.su-views').textContent);
  var inputs = box.querySelectorAll('input[type=range]');
  var img = box.querySelector('img.su-figure');
  var readout = box.querySelector('pre.su-readout');
  function show(key) {
    var view = data.views[key];
    readout.textContent = view[1];
    if (view[0] === null) { img.style.visibility = 'hidden'; return; }
    img.style.visibility = 'visible';
    img.src = 'data:image/png;base64,' + data.images[view[0]];
    img.alt = data.alts[view[0]];
  }
  inputs.forEach(function (input) {
    input.addEventListener('input', function () {
      var group = input.dataset.group.split(',');
      var moved = [];
      inputs.forEach(function (other) {
        var name = other.dataset.control;
        if (group.indexOf(name) < 0) { other.value = other.dataset.start; }
        other.nextElementSibling.textContent = data.labels[name][other.value];
        if (other.value !== other.dataset.start) { moved.push(name + ':' + other.value); }
      });
      show(moved.length ? moved.join('|') : 'start');
    });
  });
})();
"""

_STYLE = """<style>
.su-handout-dashboard { border: 1px solid #ccd; border-radius: 6px; padding: 8px 12px;
  margin: 8px 0; max-width: 980px; font-family: sans-serif; }
.su-handout-dashboard .su-note { font-size: 12px; color: #555; margin-bottom: 6px; }
.su-handout-dashboard label { display: inline-flex; align-items: center; gap: 8px;
  margin: 2px 18px 2px 0; font-size: 13px; }
.su-handout-dashboard input[type=range] { width: 180px; }
.su-handout-dashboard .su-value { min-width: 64px; font-family: monospace; }
.su-handout-dashboard pre.su-readout { white-space: pre-wrap; word-break: keep-all;
  overflow-wrap: normal; font-size: 12.5px; margin: 6px 0; background: none; border: 0;
  font-family: monospace; }
.su-handout-dashboard img.su-figure { max-width: 100%; height: auto; display: block; }
</style>"""


def static_dashboard_html(board, *, count: int = 7, joint_count: int = 5) -> str:
    """A kernel-free version of ``board``: each control steps through :func:`handout_values`
    (one control at a time, the others at their starting values); every setting's picture and
    readout are computed now by the board's own study and drawing code.

    The page holds an HTML range input per control, the readout, the picture with its alt text
    (:func:`figure_alt`), and every setting's picture (each distinct PNG once, base64) and
    readout as JSON, with a few lines of JavaScript that show the setting a range input selects.
    A setting the study refuses shows its reason in place of the picture, as the live dashboard
    does. Nothing is fetched from the network.

    Parameters
    ----------
    board : Dashboard
    count : int, default 7
        How many values per slider (see :func:`handout_values`).
    joint_count : int, default 5
        How many values per control in a joint grid (``board.joint``): controls that only
        make sense together get a small grid of ``joint_count`` × ``joint_count`` settings, and
        moving one keeps the other where it is.

    Returns
    -------
    str
        HTML, with its own ``<style>`` and ``<script>``.

    Raises
    ------
    Exception
        Anything but a :class:`~scaling_utils.CourseValueError` that the study raises for one
        of the settings.

    Examples
    --------
    >>> from scaling_utils import studies, widgets
    >>> from scaling_utils.widgets import handout
    >>> board = widgets.dashboard(
    ...     studies.line_match, {"exponent": widgets.float_slider("k", -0.5, -1.0, 0.0, 0.1)},
    ...     fixed={"middle_value": 1.0, "x": [1, 10, 100], "y": [3.0, 1.0, 0.3]})
    >>> page = handout.static_dashboard_html(board, count=2)     # k = -1, -0.5 and 0
    >>> page.count('type="range"'), 'alt="Figure: y (log scale) against x (log scale)' in page
    (1, True)

    Handouts are built for every lesson, from lesson 00 on (``make handouts``).

    Introduced in lesson 00.
    """
    from ._core import render_png

    start_values = board.values()
    groups = [tuple(group) for group in getattr(board, "joint", ())]
    group_of = {name: group for group in groups for name in group}
    images, alts, views, labels, index_of = [], [], {}, {}, {}

    def compute(values):
        try:
            result = board.study(**values, **board.fixed)
        except _validate.CourseValueError as error:
            return None, f"Not possible with these settings: {error}"
        figure = board._draw(result)
        png = render_png(figure, dpi=HANDOUT_DPI)
        if png not in index_of:
            index_of[png] = len(images)
            images.append(base64.b64encode(png).decode("ascii"))
            alts.append(figure_alt(figure))
        return index_of[png], str(result)

    views["start"] = compute(start_values)
    controls_html, options, starts = [], {}, {}
    for name, control in board.controls.items():
        values, value_labels = handout_values(control, joint_count if name in group_of else count)
        start = values.index(start_values[name]) if start_values[name] in values else 0
        options[name], starts[name], labels[name] = values, start, value_labels
        controls_html.append(
            f'<label>{html.escape(control.description)} '
            f'<input type="range" min="0" max="{len(values) - 1}" step="1" value="{start}" '
            f'data-start="{start}" data-control="{html.escape(name)}" '
            f'data-group="{html.escape(",".join(group_of.get(name, (name,))))}" '
            f'aria-label="{html.escape(control.description)}">'
            f'<span class="su-value">{html.escape(value_labels[start])}</span></label>')
    order = list(board.controls)
    for name in order:
        if name in group_of:
            continue
        for i, value in enumerate(options[name]):
            if i != starts[name]:
                views[f"{name}:{i}"] = compute({**start_values, name: value})
    for group in groups:
        for positions in itertools.product(*(range(len(options[n])) for n in group)):
            moved = [(n, i) for n, i in zip(group, positions) if i != starts[n]]
            if moved:
                key = "|".join(f"{n}:{i}" for n, i in sorted(moved, key=lambda m: order.index(m[0])))
                views[key] = compute({**start_values, **{n: options[n][i] for n, i in moved}})
    element_id = f"su-dashboard-{next(_COUNTER)}"
    first_image, first_readout = views["start"]
    data = json.dumps({"images": images, "alts": alts, "views": views, "labels": labels})
    picture = (f'<img class="su-figure" alt="{html.escape(alts[first_image])}" '
               f'src="data:image/png;base64,{images[first_image]}">'
               if first_image is not None else '<img class="su-figure" alt="">')
    return (
        f'{_STYLE}<div class="su-handout-dashboard" id="{element_id}">'
        '<div class="su-note">Dashboard with precomputed settings: move one control at a time '
        '(the others return to their starting values). For the live dashboard, with every '
        'setting, open the course in JupyterLab (<code>make lab</code>, see the README).</div>'
        + "".join(controls_html)
        + f'<pre class="su-readout">{html.escape(first_readout)}</pre>{picture}'
        + f'<script type="application/json" class="su-views">{data}</script>'
        + f"<script>{_SCRIPT % {'id': json.dumps(element_id)}}</script></div>"
    )
