"""Drive JupyterLab in headless Chromium: shared by the browser tests and `make bench`.

JupyterLab runs on loopback with its own config, runtime, settings and workspace folders (no
saved layout, no news pop-up) and serves a *copy* of the course, so a browser never saves over
the course's files. Chromium is Debian's (``apt-get install chromium``), driven by Playwright's
Python package; ``playwright install`` is never needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class LabUnavailable(RuntimeError):
    """Chromium, Playwright or JupyterLab cannot be started here (the message says why)."""


def check_available() -> None:
    if CHROMIUM is None:
        raise LabUnavailable("Chromium is not installed (on Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise LabUnavailable("the playwright package is not installed "
                             "(pip install -r requirements.txt)") from None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_lab(base: Path, folders=("notebooks",)):
    """Copy ``folders`` of the course into ``base/course``, serve it with JupyterLab on loopback
    and yield ``(url, course_dir)``; stop the server afterwards."""
    base = Path(base)
    course = base / "course"
    for folder in folders:
        shutil.copytree(ROOT / folder, course / folder, dirs_exist_ok=True)
    settings = base / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(base / "config"),
               JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(base / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"))
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.token=", "--ServerApp.password=",
               "--ServerApp.disable_check_xsrf=True",
               f"--ServerApp.root_dir={course}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log_path = base / "lab.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        try:
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status", timeout=2)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise LabUnavailable("JupyterLab did not start:\n"
                                             + log_path.read_text()[-3000:]) from None
                    time.sleep(0.5)
            yield url, course
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()


@contextlib.contextmanager
def browser():
    """A headless Debian Chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_and_run_all(page, url: str, path: str, *, timeout_ms: int = 240_000) -> None:
    """Open the notebook at ``path`` (relative to the served folder), wait for its kernel,
    run all cells and wait until the kernel is idle again."""
    page.goto(f"{url}/lab/tree/{path}?reset")  # ?reset: no tabs restored from a workspace
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=90_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    # Run All marks every code cell [*]; the run is over when no cell is marked any more.
    prompts = "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) " \
              ".jp-CodeCell .jp-InputPrompt')]"
    page.wait_for_function(f"() => {prompts}.some(p => p.textContent.includes('*'))",
                           timeout=30_000, polling="raf")
    page.wait_for_function(f"() => !{prompts}.some(p => p.textContent.includes('*'))",
                           timeout=timeout_ms, polling=200)
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=60_000)


def error_outputs(page) -> dict:
    """What went wrong on the page: tracebacks, widgets that failed to render."""
    return {
        "tracebacks": page.locator(".jp-OutputArea-output[data-mime-type="
                                   "'application/vnd.jupyter.stderr']").filter(
                                       has_text="Traceback").count(),
        "widget errors": page.locator("text=Error displaying widget").count()
                         + page.locator("text=Model not found").count(),
    }


def dashboards(page):
    """The dashboards on the page (their boxes), in order."""
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .su-dashboard")


def step_first_control(page, board) -> float:
    """Move the dashboard's first control one step by keyboard and wait until its picture
    changes; return the seconds from the key press to the repainted picture."""
    board.scroll_into_view_if_needed()
    image = board.locator(".su-figure")
    old = image.get_attribute("src")
    handle = board.locator(".noUi-handle, select").first
    handle.focus()
    start = time.perf_counter()
    if handle.evaluate("e => e.tagName") == "SELECT":
        # A key press reaches a drop-down only while it has the focus, which JupyterLab's
        # command mode can take back (it then moves between cells instead); choosing the next
        # option directly fires the same change event a learner's choice does.
        following = handle.evaluate("e => (e.selectedIndex + 1) % e.options.length")
        handle.select_option(index=following)
    else:
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([box, old]) => { const img = box.querySelector('.su-figure');"
        " return img && img.getAttribute('src') !== old && img.complete; }",
        arg=[board.element_handle(), old], timeout=60_000, polling="raf")
    return time.perf_counter() - start
