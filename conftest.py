"""Set-up for every pytest run in the course folder, whatever paths it is given.

Lesson 09's cache of training runs (``scaling_utils.experiments.CACHE_DIR``) goes to a temporary
folder, removed at the end of the run, through the environment variable SCALING_UTILS_CACHE,
which the kernels nbval starts inherit: no test leaves a ``sweep-cache/`` in the course folder.
A cache the caller chose (the variable already set) is kept. This file sits at the top of the
course folder so that pytest loads it for notebooks as well as for tests/ (tests/conftest.py
holds the rest of the set-up).
"""

import atexit
import os
import shutil
import tempfile

if not os.environ.get("SCALING_UTILS_CACHE"):
    _CACHE = tempfile.mkdtemp(prefix="scaling-utils-cache-")
    os.environ["SCALING_UTILS_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
