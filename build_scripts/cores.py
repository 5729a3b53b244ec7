"""Run independent per-item work on every core, for batches big enough to pay for it.

Workers are forked, so they inherit the function and its shared context (vocabulary,
catalogue) from memory; only the items and the results cross process boundaries.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from build_scripts.config.settings import DEFAULT_PARALLEL_FROM

PARALLEL_FROM = DEFAULT_PARALLEL_FROM  # items; below this, starting worker processes costs more than it saves
_threshold = [PARALLEL_FROM]


def parallel_from() -> int:
    """The number of items from which work goes to every core: PARALLEL_FROM, or the
    `parallel_from` option of the run under way (see `parallel_threshold`)."""
    return _threshold[-1]


@contextmanager
def parallel_threshold(items: int) -> Iterator[None]:
    """Use every core from `items` items on while the block runs: the plugin and the CLI set
    it from the validated `parallel_from` option (tests use it to run the parallel path on
    small corpora). A process-wide setting, as the cores are; nested use restores the outer."""
    _threshold.append(items)
    try:
        yield
    finally:
        _threshold.pop()


_TASK: list = []


def _run(chunk: list) -> list:
    function, context = _TASK
    return [function(context, item) for item in chunk]


def map_on_cores(function: Callable[[Any, Any], Any], context: Any, items: list, parallel: bool | None = None) -> list:
    """`[function(context, item) for item in items]`, spread over the cores when it helps:
    by default when there are `parallel_from()` items or more; a caller whose items are
    already batches of work says so with `parallel`, and each item is then one task."""
    workers = os.cpu_count() or 1
    batched = parallel is not None
    if not (parallel if batched else len(items) >= parallel_from()) or workers < 2 or len(items) < 2:
        return [function(context, item) for item in items]
    import multiprocessing

    step = 1 if batched else -(-len(items) // (workers * 8))
    chunks = [items[i : i + step] for i in range(0, len(items), step)]
    _TASK[:] = [function, context]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [result for chunk in pool.map(_run, chunks, chunksize=1) for result in chunk]
    finally:
        _TASK.clear()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector while a corpus is built. Conversion allocates
    hundreds of thousands of small objects that all stay alive, and the collector would
    rescan them again and again (it made unpickling the workers' results four times
    slower); the model has no reference cycles to collect. Nested use is harmless."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
